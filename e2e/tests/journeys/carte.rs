//! Journey of a visitor on the maps. The demo structure's candidature on Brest Métropole is validated and
//! its conseiller made coordinator, and a second structure files one on the same EPCI (set up through the
//! API). The visitor opens the national map from the header: 101 département links; choosing another
//! indicator recolours it; the table sorts by a column; the keyboard reaches a département and Enter opens
//! its map with its EPCI table; back on the national map, a click opens Finistère, whose table flags the
//! overlap on Brest Métropole; an ANCT agent sees the two candidatures there. Every page passes axe-core;
//! screenshots of both maps are saved for a person to look at.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur, racine};
use fantoccini::Locator;
use fantoccini::key::Key;
use maillage_harness::parcours::{StructureBuilder, candidature_validee, deposer_sur_brest_metropole};
use serde_json::json;

/// The département links of the national map.
const LIENS_CARTE: &str = "svg.maillage-carte a[href^='/carte/']";

/// A second structure, registered for the test, files a candidature on Brest Métropole: with the demo
/// structure's, two candidatures on one EPCI.
async fn seconde_candidature_deposee(serveur: &Serveur) {
    let structure = StructureBuilder::new()
        .email("tiers-lieu@exemple.fr")
        .inscrire(&serveur.app)
        .await;
    deposer_sur_brest_metropole(&structure).await;
}

/// The `fill` of every département of the national map, by link.
async fn couleurs(nav: &Navigateur) -> Vec<(String, String)> {
    let couleurs = nav
        .client
        .execute(
            "return [...document.querySelectorAll(arguments[0])]
                .map(a => [a.getAttribute('href'), a.querySelector('path').getAttribute('fill')]);",
            vec![json!(LIENS_CARTE)],
        )
        .await
        .unwrap();
    serde_json::from_value(couleurs).unwrap()
}

/// Waits until the page shows `css`.
async fn attendre(nav: &Navigateur, css: &str) {
    let debut = Instant::now();
    while nav.client.find(Locator::Css(css)).await.is_err() {
        assert!(debut.elapsed() < Duration::from_secs(15), "{css} attendu");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Saves a screenshot as a test artifact, under the cargo target directory, and says where.
async fn capture(nav: &Navigateur, nom: &str) {
    let cible = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| racine().join("target"), PathBuf::from);
    let dossier = cible.join("e2e-artifacts");
    std::fs::create_dir_all(&dossier).unwrap();
    let chemin = dossier.join(format!("{nom}.png"));
    std::fs::write(&chemin, nav.client.screenshot().await.unwrap()).unwrap();
    eprintln!("capture : {}", chemin.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitor_reads_the_map_by_indicator_and_keyboard_then_the_overlap_on_an_epci() {
    let serveur = Serveur::demarrer(true).await;
    let (structure, candidature) = candidature_validee(&serveur.app).await;
    let conseillers = structure
        .data("{ mesConseillers { id prenom } }", json!({}))
        .await;
    let yann = conseillers["mesConseillers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|conseiller| conseiller["prenom"] == "Yann")
        .expect("le conseiller de démonstration est employé par la structure")["id"]
        .clone();
    structure
        .data(
            "mutation($c: ID!, $k: ID!) { attribuerRoleCoordinateur(candidatureId: $c, conseillerId: $k) { id } }",
            json!({ "c": candidature, "k": yann }),
        )
        .await;
    seconde_candidature_deposee(&serveur).await;

    // (a) The national map: every département is a link, coloured by the chosen indicator.
    let nav = Navigateur::sur(&serveur).await;
    nav.ouvrir("/").await;
    attendre(&nav, "#navigation-principale a[href='/carte']").await;
    nav.client
        .find(Locator::Css("#navigation-principale a[href='/carte']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    nav.attendre_titre("Carte des départements").await;
    attendre(&nav, LIENS_CARTE).await;
    let avant = couleurs(&nav).await;
    assert_eq!(avant.len(), 101, "un lien par département");
    let finistere = nav
        .client
        .find(Locator::Css("svg.maillage-carte a[href='/carte/29']"))
        .await
        .unwrap();
    assert_eq!(
        finistere.attr("aria-label").await.unwrap().as_deref(),
        Some("Finistère : 1 coordinateur en poste")
    );
    let ligne = nav.attendre_texte("main table tr", "29 — Finistère").await;
    assert!(ligne.starts_with("29 — Finistère 1 2 1"), "{ligne}");
    nav.verifier_accessibilite("la carte des départements").await;

    nav.choisir("carte-indicateur", "1").await;
    let debut = Instant::now();
    let apres = loop {
        let apres = couleurs(&nav).await;
        if apres != avant || debut.elapsed() > Duration::from_secs(5) {
            break apres;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let changees: Vec<&str> = avant
        .iter()
        .zip(&apres)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert!(
        changees.contains(&"/carte/29"),
        "couleurs changées : {changees:?}"
    );
    assert_eq!(
        finistere.attr("aria-label").await.unwrap().as_deref(),
        Some("Finistère : 2 candidatures déposées")
    );
    nav.attendre_texte(".maillage-legende", "Candidatures déposées")
        .await;
    // The table sorts by a column, the largest first on a second press, and says so.
    nav.cliquer_bouton("Trier par « Candidatures déposées »").await;
    nav.cliquer_bouton("Trier par « Candidatures déposées »").await;
    let premiere = nav.attendre_texte("main tbody tr", "").await;
    assert!(premiere.starts_with("29 — Finistère"), "{premiere}");
    let ordre = nav.client.find(Locator::Css("th[aria-sort]")).await.unwrap();
    assert_eq!(
        ordre.attr("aria-sort").await.unwrap().as_deref(),
        Some("descending")
    );
    assert!(ordre.text().await.unwrap().starts_with("Candidatures déposées"));

    // (b) The keyboard: Tab reaches a département of the map, whose figures show beside it; Enter opens it.
    nav.client
        .execute(
            "document.querySelector('svg.maillage-carte').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    // From the list of indicators, the next stops are the map's.
    nav.client
        .execute("document.getElementById('carte-indicateur').focus();", vec![])
        .await
        .unwrap();
    let mut lien = None;
    for _ in 0..10 {
        nav.client
            .active_element()
            .await
            .unwrap()
            .send_keys(&Key::Tab.to_string())
            .await
            .unwrap();
        let actif = nav
            .client
            .execute(
                "const a = document.activeElement;
                 return a && a.matches(arguments[0]) ? a.getAttribute('href') : null;",
                vec![json!(LIENS_CARTE)],
            )
            .await
            .unwrap();
        if let Some(href) = actif.as_str() {
            lien = Some(href.to_owned());
            break;
        }
    }
    let lien = lien.expect("la touche Tab atteint un département de la carte");
    nav.attendre_texte(".maillage-carte__details", "Candidatures déposées")
        .await;
    nav.verifier_accessibilite("la carte, un département au clavier")
        .await;
    capture(&nav, "carte-nationale").await;
    nav.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    let debut = Instant::now();
    while nav.chemin().await != lien {
        assert!(debut.elapsed() < Duration::from_secs(10), "Entrée ouvre {lien}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    nav.attendre_texte("main table caption", "Intercommunalités du département")
        .await;

    // (c) Back on the national map, a click on Finistère opens its map: the overlap on Brest Métropole,
    // flagged, without the candidatures for a visitor.
    nav.client.back().await.unwrap();
    attendre(&nav, LIENS_CARTE).await;
    nav.client
        .find(Locator::Css("svg.maillage-carte a[href='/carte/29']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    nav.attendre_titre("Finistère (29)").await;
    let brest = nav.attendre_texte("main table tr", "Brest Métropole").await;
    // The DSFR writes badges in capitals.
    assert!(brest.to_lowercase().contains("chevauchement"), "{brest}");
    assert!(brest.contains("Yann Conseiller-Iroise"), "{brest}");
    assert!(brest.ends_with("Oui"), "{brest}");
    attendre(&nav, "svg.maillage-carte--departement path").await;
    nav.verifier_accessibilite("la carte du Finistère").await;
    nav.client
        .execute(
            "document.querySelector('svg.maillage-carte--departement').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    capture(&nav, "carte-29").await;
    nav.fermer().await;

    // (d) An ANCT agent sees the two candidatures behind the overlap, each a link.
    let agent = Navigateur::sur(&serveur).await;
    agent
        .se_connecter("anct@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    agent.ouvrir("/carte/29").await;
    agent.attendre_titre("Finistère (29)").await;
    let brest = agent
        .attendre_texte("main table tr", "Tiers-lieu de l’Aber")
        .await;
    assert!(brest.contains("Validée") && brest.contains("Déposée"), "{brest}");
    let liens = agent
        .client
        .find_all(Locator::Css("main table a[href^='/candidatures/']"))
        .await
        .unwrap();
    assert_eq!(liens.len(), 2);
    agent
        .verifier_accessibilite("la carte du Finistère, pour l’ANCT")
        .await;
    // Loaded directly, the map is its own light entry point, without the session's tools; a link to
    // another page loads the whole app, where the agent is still logged in.
    let script = agent
        .client
        .execute(
            "return [...document.querySelectorAll('link[rel=modulepreload], script[type=module]')]\
             .map(e => e.href || e.src).join(' ');",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        script.as_str().unwrap_or_default().contains("/carte-seule/"),
        "{script}"
    );
    capture(&agent, "carte-29-point-d-entree").await;
    // On a phone, without the DSFR script, the breadcrumb is shown rather than behind a dead button.
    agent.client.set_window_size(390, 844).await.unwrap();
    let fil = agent
        .client
        .find(Locator::Css("main .fr-breadcrumb a[href='/carte']"))
        .await
        .unwrap();
    assert!(fil.is_displayed().await.unwrap(), "fil d’Ariane caché sur mobile");
    capture(&agent, "carte-29-point-d-entree-mobile").await;
    // Its header keeps to the phone's width: the search and the menu under the service's name.
    agent
        .sans_defilement_horizontal("la carte du Finistère, seule, sur un téléphone")
        .await;
    agent
        .client
        .find(Locator::Css("button[aria-controls='navigation-principale']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    agent
        .attendre_texte("#navigation-principale", "Territoires")
        .await;
    agent
        .verifier_accessibilite("la carte du Finistère, seule, menu ouvert")
        .await;
    agent.client.set_window_size(1280, 800).await.unwrap();
    liens[0].click().await.unwrap();
    agent.attendre_texte("main h1", "Candidature de").await;
    agent.attendre_texte("header", "Se déconnecter").await;
    agent.fermer().await;
}

//! Journey of a conseiller who is also his team's coordinator: the demo structure's candidature is
//! validated and the structure gives the coordinator role to its conseiller Yann (set up through the API).
//! Yann records an accompaniment as conseiller (first refused without a theme, and said), imports a file of
//! two (one recorded, one refused with its line number), declares his training, switches to his
//! coordinator role, finds himself in his team with today's activity and the accompaniment in the month's
//! chart and table, then reminds those who recorded nothing this month, opens the diagnosis of his perimeter
//! (its lieux on the map, its EPCI and communes), plans a meeting day, sends his annual report; the
//! préfecture (in a second browser) registers to the day and sees the report sent; he downloads his team's
//! table, leaves the public map of coordinators then comes back to it, and invites a médiatrice from outside
//! the programme, who accepts from the link of her email (a third browser) and shows in his team and its
//! history; he logs a bilateral meeting with her and writes to his team; and he imports a file of lieux (the
//! one outside his perimeter refused). Every page state passes axe-core.

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur};
use chrono::{Datelike, Utc};
use fantoccini::Locator;
use maillage_harness::parcours::candidature_validee;
use serde_json::json;

/// Yann, conseiller numérique of the demo structure.
const YANN: &str = "Yann Conseiller-Iroise";

/// Month names, January first, as the charts name them: written here by hand, not read from the app, so
/// that a wrong name in the app fails the journeys.
pub(super) const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conseiller_records_an_accompaniment_then_as_coordinator_follows_and_reminds_his_team() {
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
    let aujourd_hui = maillage_shared::jour::jour_en_metropole(Utc::now());
    let date_du_jour = aujourd_hui.format("%d/%m/%Y").to_string();

    // (a) As conseiller, he records an accompaniment.
    let nav = Navigateur::sur(&serveur).await;
    nav.se_connecter("conseiller.iroise@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    nav.attendre_texte("main", "Conseiller numérique").await;
    nav.verifier_accessibilite("l’espace d’un conseiller").await;
    nav.client
        .find(Locator::LinkText("Saisir un accompagnement"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    nav.attendre_titre("Saisir un accompagnement").await;
    assert_eq!(nav.chemin().await, "/activites");
    nav.verifier_accessibilite("le formulaire d’un accompagnement")
        .await;
    nav.cliquer_bouton("Enregistrer l’accompagnement").await;
    nav.attendre_texte("main [role=alert]", "au moins un thème est attendu")
        .await;
    nav.verifier_accessibilite("un accompagnement refusé, sans thème")
        .await;
    nav.cocher("activite-type-COLLECTIF").await;
    nav.saisir("activite-participants", "6").await;
    nav.cocher("activite-theme-2").await;
    nav.choisir("activite-duree", "90").await;
    nav.choisir_territoire("activite-commune", "Brest", "Brest").await;
    nav.verifier_accessibilite("un atelier collectif rempli").await;
    nav.capture("accompagnement").await;
    nav.cliquer_bouton("Enregistrer l’accompagnement").await;
    nav.attendre_texte(
        "main [role=status]",
        &format!("Accompagnement du {date_du_jour} enregistré"),
    )
    .await;
    nav.verifier_accessibilite("un accompagnement enregistré").await;

    // (a') He imports a file of accompaniments kept elsewhere: the good line is recorded, the bad one named.
    let il_y_a_40_jours = aujourd_hui - chrono::Days::new(40);
    let dossier = tempfile::tempdir().unwrap();
    let chemin = dossier.path().join("accompagnements.csv");
    std::fs::write(
        &chemin,
        format!(
            "date;type;canal;themes;duree_minutes;participants;code_insee\n\
             {il_y_a_40_jours};INDIVIDUEL;DOMICILE;Aide aux démarches administratives;45;1;29019\n\
             {il_y_a_40_jours};INDIVIDUEL;DOMICILE;Cuisine;45;1;\n"
        ),
    )
    .unwrap();
    nav.client
        .find(Locator::Id("import-fichier"))
        .await
        .unwrap()
        .send_keys(&chemin.display().to_string())
        .await
        .unwrap();
    nav.cliquer_bouton("Importer le fichier").await;
    nav.attendre_texte("main [role=status]", "1 accompagnement importé ; 1 ligne refusée")
        .await;
    nav.attendre_texte(
        "main [role=alert]",
        "ligne 3 : Accompagnement refusé : thème inconnu",
    )
    .await;
    nav.verifier_accessibilite("un fichier d’accompagnements importé")
        .await;

    // (a2) He declares his training: certified CCP1, and this year's continuing-training module.
    nav.ouvrir("/formation").await;
    nav.attendre_titre("Ma formation").await;
    nav.attendre_texte("main .fr-callout", "Formation initiale non commencée")
        .await;
    nav.verifier_accessibilite("la formation d’un conseiller").await;
    nav.cocher("ccp1-CERTIFIE").await;
    nav.definir("ccp1-le", "2025-06-30").await;
    nav.saisir("module-continu", "Accompagner les démarches en ligne")
        .await;
    nav.definir("module-continu-le", &aujourd_hui.to_string()).await;
    nav.cliquer_bouton("Enregistrer ma formation").await;
    let module = format!("Certifié CCP1 · module {} suivi", aujourd_hui.year());
    nav.attendre_texte("main .fr-callout", &module).await;
    nav.attendre_texte("main [role=status]", "Votre formation est enregistrée")
        .await;
    nav.verifier_accessibilite("une formation enregistrée").await;

    // (b) As coordinator, he follows his team.
    nav.choisir_le_role("Coordinateur").await;
    nav.attendre_texte("main a", "Coordonner mon équipe").await;
    nav.verifier_accessibilite("l’espace d’un coordinateur").await;
    nav.client
        .find(Locator::LinkText("Coordonner mon équipe"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    nav.attendre_titre("Coordination de mon équipe").await;
    assert_eq!(nav.chemin().await, "/coordination");
    let ligne = nav.attendre_texte("main table tr", YANN).await;
    assert!(ligne.contains(&date_du_jour), "{ligne}");
    assert!(ligne.contains(&module), "his training in the team table: {ligne}");
    assert!(!ligne.to_lowercase().contains("à relancer"), "{ligne}");
    let mois = MOIS[aujourd_hui.month0() as usize];
    let ligne = nav.attendre_texte("main table tr", &format!("{mois} ")).await;
    assert_eq!(ligne, format!("{mois} 1"));
    let graphique = nav
        .client
        .find(Locator::Css("#graphique-mois-titre"))
        .await
        .unwrap()
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(graphique.starts_with("Accompagnements par mois"), "{graphique}");
    nav.verifier_accessibilite("la coordination d’une équipe").await;
    nav.client
        .execute("document.getElementById('titre-annee').scrollIntoView();", vec![])
        .await
        .unwrap();
    nav.capture("coordination").await;

    let a_relancer = nav
        .client
        .find_all(Locator::XPath(
            "//caption[normalize-space()='Conseillers numériques de mon équipe']/..//p[contains(@class, 'fr-badge')]",
        ))
        .await
        .unwrap()
        .len();
    // The filter keeps only those who recorded nothing this month: Yann, who did, leaves the table.
    nav.cocher("equipe-a-relancer").await;
    let lignes = nav
        .client
        .find_all(Locator::XPath(
            "//caption[normalize-space()='Conseillers numériques de mon équipe']/..//tbody/tr",
        ))
        .await
        .unwrap()
        .len();
    assert_eq!(lignes, a_relancer, "one row per member to remind");
    assert!(
        !nav.client
            .source()
            .await
            .unwrap()
            .contains("<td>Yann Conseiller-Iroise</td>")
    );
    nav.verifier_accessibilite("l’équipe filtrée, à relancer").await;
    nav.cocher("equipe-a-relancer").await;
    nav.attendre_texte("main table tr", YANN).await;
    nav.cliquer_bouton("Relancer ceux qui n’ont pas saisi ce mois-ci")
        .await;
    let annonce = nav.attendre_texte("main [role=status]", "relancée").await;
    assert!(
        annonce.starts_with(&format!("{a_relancer} personne")),
        "{annonce}"
    );
    nav.verifier_accessibilite("l’équipe relancée").await;

    // (b') He opens the diagnosis of his perimeter: its lieux on the map, its EPCI and communes.
    nav.client
        .find(Locator::Css("main a[href='/coordination/diagnostic']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    nav.attendre_titre("Diagnostic de mon territoire").await;
    assert_eq!(nav.chemin().await, "/coordination/diagnostic");
    let epci = nav.attendre_texte("main table tr", "Brest Métropole").await;
    assert!(epci.contains("8"), "Brest Métropole's 8 communes: {epci}");
    nav.attendre_texte("main table tr", "Brest (29019)").await;
    let dans_le_perimetre = nav
        .client
        .find_all(Locator::Css("svg.maillage-carte rect.maillage-lieu--couvert"))
        .await
        .unwrap()
        .len();
    let ailleurs = nav
        .client
        .find_all(Locator::Css("svg.maillage-carte circle.maillage-lieu"))
        .await
        .unwrap()
        .len();
    assert!(
        dans_le_perimetre >= 1,
        "the demo lieux of Brest are drawn as the perimeter's"
    );
    assert!(ailleurs >= 1, "the Finistère's other lieux are drawn apart");
    nav.verifier_accessibilite("le diagnostic du territoire").await;
    nav.capture("diagnostic").await;

    // (b'') He plans a meeting day: it shows on his year's timeline, and the préfecture registers to it.
    nav.ouvrir("/coordination/actions").await;
    nav.attendre_titre("Mes actions de coordination").await;
    nav.verifier_accessibilite("les actions de coordination, aucune")
        .await;
    nav.choisir("action-nature", "JOURNEE_RENCONTRE").await;
    nav.choisir("action-axe", "MAILLAGE").await;
    let dans_dix_jours = aujourd_hui + chrono::Days::new(10);
    nav.definir("action-date", &dans_dix_jours.to_string()).await;
    nav.saisir("action-titre", "Journée du réseau finistérien").await;
    nav.saisir("action-lieu", "Brest").await;
    nav.cliquer_bouton("Enregistrer l’action").await;
    nav.attendre_texte(
        "main [role=status]",
        "la préfecture, le hub et les coordinateurs du département sont invités",
    )
    .await;
    if dans_dix_jours.year() == aujourd_hui.year() {
        let frise = nav
            .attendre_texte(".maillage-frise", "Journée du réseau finistérien")
            .await;
        assert!(
            frise.contains(&dans_dix_jours.format("%d/%m/%Y").to_string()),
            "{frise}"
        );
    }
    nav.verifier_accessibilite("une journée de rencontre planifiée")
        .await;
    nav.capture("actions-de-coordination").await;

    // (b4) He reads his annual report and sends it to the préfecture.
    nav.ouvrir("/coordination/rapport").await;
    nav.attendre_titre("Mon rapport d’activité").await;
    nav.attendre_texte("main p", "Pas encore envoyé à la préfecture")
        .await;
    nav.verifier_accessibilite("le rapport d’activité").await;
    nav.cliquer_bouton(&format!(
        "Envoyer le rapport {} à la préfecture",
        aujourd_hui.year()
    ))
    .await;
    nav.attendre_texte("main [role=status]", "envoyé à la préfecture le")
        .await;
    nav.attendre_texte("main p", "Envoyé à la préfecture le").await;
    nav.verifier_accessibilite("le rapport d’activité envoyé").await;
    nav.capture("rapport-activite").await;

    let prefecture = Navigateur::sur(&serveur).await;
    prefecture
        .se_connecter("prefecture29@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    prefecture.ouvrir("/journees").await;
    prefecture.attendre_titre("Journées de rencontre").await;
    prefecture
        .attendre_texte("main section", "organisée par Yann Conseiller-Iroise")
        .await;
    prefecture.cliquer_bouton("M’inscrire").await;
    prefecture
        .attendre_texte("main section", "1 personne inscrite, dont vous")
        .await;
    prefecture
        .verifier_accessibilite("une journée de rencontre, inscrit")
        .await;
    prefecture.ouvrir("/rapports").await;
    prefecture
        .attendre_titre("Rapports d’activité des coordinateurs")
        .await;
    let ligne = prefecture.attendre_texte("main table tr", YANN).await;
    assert!(ligne.to_lowercase().contains("envoyé le"), "{ligne}");
    prefecture
        .verifier_accessibilite("le suivi des rapports d’activité")
        .await;
    prefecture.fermer().await;

    nav.ouvrir("/coordination").await;
    nav.attendre_titre("Coordination de mon équipe").await;

    // (c) He downloads his team's table, then leaves the public map and comes back to it.
    let equipe = nav
        .client
        .find(Locator::LinkText("Télécharger (CSV)"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(equipe, "/exports/equipe.csv");
    let fichier = nav
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(r => r.text().then(t => done([r.status, t])));",
            vec![json!(equipe)],
        )
        .await
        .unwrap();
    assert_eq!(fichier[0], 200, "{fichier}");
    let contenu = fichier[1].as_str().unwrap_or_default();
    assert!(
        contenu.lines().next().unwrap_or_default().contains("Prénom"),
        "{contenu}"
    );
    assert!(contenu.contains("Conseiller-Iroise"), "{contenu}");

    let carte = "{ coordinateursCarte(departement: \"29\") { prenom } }";
    let sur_la_carte = |reponse: serde_json::Value| {
        reponse["coordinateursCarte"]
            .as_array()
            .unwrap()
            .iter()
            .any(|coordinateur| coordinateur["prenom"] == "Yann")
    };
    assert!(sur_la_carte(structure.data(carte, json!({})).await));
    let coche = || async {
        nav.client
            .find(Locator::Id("visible-carte"))
            .await
            .unwrap()
            .prop("checked")
            .await
            .unwrap()
    };
    assert_eq!(coche().await.as_deref(), Some("true"));
    nav.cocher("visible-carte").await;
    nav.attendre_texte("#visible-carte-messages", "n’apparaissez plus")
        .await;
    assert_eq!(coche().await.as_deref(), Some("false"));
    assert!(!sur_la_carte(structure.data(carte, json!({})).await));
    nav.verifier_accessibilite("la carte publique quittée").await;
    nav.cocher("visible-carte").await;
    nav.attendre_texte("#visible-carte-messages", "vous apparaissez sur la carte")
        .await;
    assert!(sur_la_carte(structure.data(carte, json!({})).await));

    // (d) He invites a médiatrice from outside the programme; she accepts from the link of her email,
    // creating her account, and joins the team.
    nav.ouvrir("/coordination/equipe").await;
    nav.attendre_titre("Médiateurs, employeurs et historique de mon équipe")
        .await;
    nav.attendre_texte("main section", "Vous n’avez invité personne")
        .await;
    // The employers of his territory, with their conseillers.
    let employeurs = nav.attendre_texte("main table", "SIRET 90000000000019").await;
    assert!(employeurs.contains(YANN), "{employeurs}");
    nav.verifier_accessibilite("l’équipe, sans invitation").await;
    nav.saisir("invite-prenom", "Gwen").await;
    nav.saisir("invite-nom", "Le Bris").await;
    nav.saisir("invite-email", "gwen@exemple.fr").await;
    nav.saisir("invite-structure", "Médiathèque de Brest").await;
    nav.choisir_territoire("invite-commune", "Brest", "Brest").await;
    nav.cliquer_bouton("Envoyer l’invitation").await;
    nav.attendre_texte("main [role=status]", "Invitation envoyée à Gwen Le Bris")
        .await;
    nav.attendre_texte("main table tr", "Envoyée le").await;
    nav.verifier_accessibilite("une invitation envoyée").await;

    let courriel = serveur.dernier_courriel("gwen@exemple.fr").await;
    // The email's link is absolute (`email.adresse_publique`): its path, on this test server.
    let lien = courriel
        .split_whitespace()
        .find_map(|mot| mot.split_once("/invitation/"))
        .map(|(_, jeton)| format!("/invitation/{jeton}"))
        .unwrap_or_else(|| panic!("pas de lien dans : {courriel}"));
    let gwen = Navigateur::sur(&serveur).await;
    gwen.ouvrir(&lien).await;
    gwen.attendre_titre("Invitation à rejoindre une équipe de médiation numérique")
        .await;
    gwen.attendre_texte("main .fr-callout", "Yann Conseiller-Iroise")
        .await;
    gwen.verifier_accessibilite("une invitation reçue").await;
    gwen.saisir("mot-de-passe", "un mot de passe long").await;
    gwen.cliquer_bouton("Accepter et créer mon compte").await;
    gwen.attendre_titre("Mes équipes de coordination").await;
    gwen.attendre_texte("main section", "Équipe de Yann Conseiller-Iroise")
        .await;
    gwen.verifier_accessibilite("les équipes d’une médiatrice").await;
    gwen.capture("mes-equipes").await;
    gwen.fermer().await;

    nav.ouvrir("/coordination/equipe").await;
    nav.attendre_texte("main table tr", "Dans l’équipe").await;
    nav.attendre_texte("main ol li", "Gwen Le Bris, médiateur numérique")
        .await;
    nav.verifier_accessibilite("une médiatrice dans l’équipe, l’historique")
        .await;
    nav.capture("equipe-mediateurs").await;
    nav.ouvrir("/coordination").await;
    nav.attendre_texte("main table tr", "Gwen Le Bris").await;

    // (d') He logs a bilateral meeting with Gwen, then writes to his whole team, who are told by email.
    nav.ouvrir("/coordination/animation").await;
    nav.attendre_titre("Entretiens et messages à l’équipe").await;
    nav.verifier_accessibilite("l’animation de l’équipe, sans entretien")
        .await;
    let gwen_id = nav
        .client
        .execute(
            "return [...document.querySelectorAll('#entretien-personne option')].find(o => o.textContent.includes('Gwen')).value;",
            vec![],
        )
        .await
        .unwrap();
    nav.choisir("entretien-personne", gwen_id.as_str().unwrap()).await;
    nav.saisir(
        "entretien-notes",
        "Souhaite animer des ateliers pour les seniors.",
    )
    .await;
    nav.saisir("entretien-suite", "Lui présenter la médiathèque de Bellevue.")
        .await;
    nav.cliquer_bouton("Enregistrer l’entretien").await;
    nav.attendre_texte("main [role=status]", "Entretien avec Gwen Le Bris enregistré.")
        .await;
    nav.attendre_texte(
        "main section ul",
        "Souhaite animer des ateliers pour les seniors.",
    )
    .await;
    nav.saisir("message-objet", "Réunion d’équipe").await;
    nav.saisir("message-texte", "Rendez-vous jeudi à 14 h à la médiathèque.")
        .await;
    nav.cliquer_bouton("Envoyer le message").await;
    nav.attendre_texte("main [role=status]", "Message envoyé à").await;
    nav.attendre_texte("main section ul", "Réunion d’équipe").await;
    nav.verifier_accessibilite("l’animation de l’équipe, un entretien et un message")
        .await;
    nav.capture_aux_deux_largeurs("animation-equipe").await;
    assert!(
        serveur
            .dernier_courriel("gwen@exemple.fr")
            .await
            .contains("Rendez-vous jeudi"),
        "Gwen reads the message in her email"
    );

    // (e) He imports a file of lieux of the standard: Brest is in his perimeter, Quimper is not.
    nav.ouvrir("/lieux/import").await;
    nav.attendre_titre("Importer des lieux de médiation numérique")
        .await;
    nav.verifier_accessibilite("l’import de lieux").await;
    let fichier = crate::navigateur::racine().join("backend/tests/api/fixtures/lieux.csv");
    nav.client
        .find(Locator::Id("lieux-fichier"))
        .await
        .unwrap()
        .send_keys(&fichier.display().to_string())
        .await
        .unwrap();
    nav.cliquer_bouton("Importer").await;
    nav.attendre_texte(
        "main [role=status]",
        "1 lieu importé ; 1 ligne refusée à corriger",
    )
    .await;
    nav.attendre_texte("main table tr", "la commune 29232 n’est pas dans votre périmètre")
        .await;
    nav.verifier_accessibilite("un import de lieux, une ligne refusée")
        .await;
    nav.capture("import-lieux").await;
    nav.fermer().await;
}

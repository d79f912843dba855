//! Journeys of the README's demo accounts, each as its person walks it on a fresh demo: every account
//! reaches a useful result, never an error, and every page state passes axe-core at 1 280 and 390 px and is
//! saved at both widths (`target/e2e/demo-*.png`).

use chrono::Utc;

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur};

/// The demo's structure of Rennes, whose candidature is validated and whose coordinatrice is Camille.
const RENNES: &str = "Rennes Solidarité Numérique (démo)";

async fn connecte(serveur: &Serveur, email: &str) -> Navigateur {
    let nav = Navigateur::sur(serveur).await;
    nav.se_connecter(email, MOT_DE_PASSE_DEMO).await;
    nav
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn camille_records_an_accompaniment_in_rennes_then_coordinates_her_team() {
    let serveur = Serveur::demarrer(true).await;
    let camille = connecte(&serveur, "conseiller@demo.maillage.fr").await;
    camille.attendre_texte("header", "Conseillère numérique").await;
    camille
        .page_utile("l’espace de Camille, conseillère", "demo-conseillere-espace")
        .await;

    // As conseillère: an accompaniment in Rennes, the commune found by its name.
    camille.cliquer_lien("Saisir un accompagnement").await;
    camille.attendre_titre("Saisir un accompagnement").await;
    camille.cocher("activite-theme-1").await;
    camille
        .choisir_territoire("activite-commune", "Rennes", "Rennes")
        .await;
    camille.cliquer_bouton("Enregistrer l’accompagnement").await;
    let jour = maillage_shared::jour::jour_en_metropole(Utc::now())
        .format("%d/%m/%Y")
        .to_string();
    camille
        .attendre_texte(
            "main [role=status]",
            &format!("Accompagnement du {jour} enregistré"),
        )
        .await;
    camille
        .page_utile(
            "un accompagnement enregistré à Rennes",
            "demo-conseillere-accompagnement",
        )
        .await;

    // As coordinatrice: her team, her territory, her actions and her report, from the menu.
    camille
        .client
        .execute(
            "const choix = document.getElementById('choix-role');
         choix.value = [...choix.options].find(o => o.textContent.startsWith('Coordinatrice')).value;
         choix.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    // The role switcher lists both roles all along: wait for what only the coordinatrice's menu has.
    camille.attendre_texte("nav button", "Coordination").await;
    camille
        .attendre_texte("header", "Coordinatrice — Ille-et-Vilaine (35)")
        .await;
    camille.cliquer_bouton("Coordination").await;
    camille.cliquer_lien("Coordination de mon équipe").await;
    camille.attendre_titre("Coordination de mon équipe").await;
    camille.attendre_texte("main table", RENNES).await;
    camille
        .page_utile(
            "la coordination de l’équipe de Camille",
            "demo-coordinatrice-equipe",
        )
        .await;
    for (chemin, titre, attendu, capture) in [
        (
            "/coordination/diagnostic",
            "Diagnostic de mon territoire",
            "Rennes",
            "demo-coordinatrice-diagnostic",
        ),
        (
            "/coordination/actions",
            "Mes actions de coordination",
            "Réunion d’équipe mensuelle",
            "demo-coordinatrice-actions",
        ),
        (
            "/coordination/rapport",
            "Mon rapport d’activité",
            "Rennes Métropole",
            "demo-coordinatrice-rapport",
        ),
        (
            "/coordination/equipe",
            "Médiateurs, employeurs et historique de mon équipe",
            "Inviter",
            "demo-coordinatrice-mediateurs",
        ),
    ] {
        camille.ouvrir(chemin).await;
        camille.attendre_titre(titre).await;
        camille.attendre_texte("main", attendu).await;
        camille.page_utile(titre, capture).await;
    }
    camille.fermer().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_agent_finds_the_candidatures_and_figures_of_its_territory() {
    let serveur = Serveur::demarrer(true).await;

    // The préfecture of Ille-et-Vilaine follows the candidature it gave its avis on.
    let prefecture = connecte(&serveur, "prefecture35@demo.maillage.fr").await;
    prefecture
        .attendre_texte("header", "Préfecture — Ille-et-Vilaine (35)")
        .await;
    prefecture.attendre_texte("main table", RENNES).await;
    prefecture
        .page_utile(
            "l’espace de la préfecture d’Ille-et-Vilaine",
            "demo-prefecture35-espace",
        )
        .await;
    prefecture.cliquer_lien(RENNES).await;
    prefecture
        .attendre_titre(&format!("Candidature de « {RENNES} »"))
        .await;
    prefecture.attendre_texte("main", "Avis favorable").await;
    prefecture
        .page_utile(
            "la candidature validée, vue par la préfecture",
            "demo-prefecture35-candidature",
        )
        .await;
    prefecture.fermer().await;

    // The préfecture of Finistère: nothing filed yet is said as such, and its dashboard has its figures.
    let finistere = connecte(&serveur, "prefecture29@demo.maillage.fr").await;
    finistere
        .attendre_texte("header", "Préfecture — Finistère (29)")
        .await;
    finistere
        .page_utile(
            "l’espace de la préfecture du Finistère",
            "demo-prefecture29-espace",
        )
        .await;
    finistere.ouvrir("/tableau-de-bord").await;
    finistere.attendre_titre("Tableau de bord").await;
    finistere.attendre_texte("main", "Finistère").await;
    finistere
        .page_utile(
            "le tableau de bord du Finistère",
            "demo-prefecture29-tableau-de-bord",
        )
        .await;
    finistere.fermer().await;

    // SGAR and hub of Bretagne read their région's candidatures and figures.
    for (email, role, capture) in [
        ("sgar53@demo.maillage.fr", "SGAR — Bretagne", "demo-sgar53"),
        (
            "hub53@demo.maillage.fr",
            "Hub territorial — Bretagne",
            "demo-hub53",
        ),
    ] {
        let agent = connecte(&serveur, email).await;
        agent.attendre_texte("header", role).await;
        agent
            .attendre_texte("main", "Candidatures de votre territoire, à suivre")
            .await;
        agent.attendre_texte("main table", RENNES).await;
        agent
            .page_utile(&format!("l’espace du {role}"), &format!("{capture}-espace"))
            .await;
        agent.ouvrir("/tableau-de-bord").await;
        agent.attendre_titre("Tableau de bord").await;
        agent.attendre_texte("main", "Ille-et-Vilaine").await;
        agent
            .page_utile(
                &format!("le tableau de bord du {role}"),
                &format!("{capture}-tableau-de-bord"),
            )
            .await;
        agent.fermer().await;
    }

    // ANCT: every candidature, the programme's conseillers, the agents.
    let anct = connecte(&serveur, "anct@demo.maillage.fr").await;
    anct.attendre_texte("main table", RENNES).await;
    anct.page_utile("l’espace de l’ANCT", "demo-anct-espace").await;
    anct.ouvrir("/conseillers").await;
    anct.attendre_titre("Conseillers numériques du programme").await;
    anct.attendre_texte("main table", "Camille").await;
    anct.page_utile("les conseillers du programme", "demo-anct-conseillers")
        .await;
    anct.ouvrir("/agents").await;
    anct.attendre_texte("main table", "Pauline").await;
    anct.page_utile("les agents, vus par l’ANCT", "demo-anct-agents")
        .await;
    anct.fermer().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_structure_yann_and_ines_each_reach_their_own_work() {
    let serveur = Serveur::demarrer(true).await;

    // The structure of Brest may start its candidature to the open call.
    let structure = connecte(&serveur, "structure@demo.maillage.fr").await;
    structure
        .attendre_texte("main", "Association Iroise Numérique (démo)")
        .await;
    structure
        .page_utile("l’espace de la structure", "demo-structure-espace")
        .await;
    structure.fermer().await;

    // The structure of Rennes follows its validated candidature and its coordinatrice.
    let rennes = connecte(&serveur, "structure35@demo.maillage.fr").await;
    rennes.attendre_texte("main", RENNES).await;
    rennes.attendre_texte("main table", "Validée").await;
    rennes
        .page_utile("l’espace de la structure de Rennes", "demo-structure35-espace")
        .await;
    rennes
        .attendre_element("main a[href^='/candidatures/']")
        .await
        .click()
        .await
        .unwrap();
    rennes
        .attendre_titre(&format!("Candidature de « {RENNES} »"))
        .await;
    rennes.attendre_texte("main", "Camille").await;
    rennes
        .page_utile(
            "la candidature validée de la structure de Rennes",
            "demo-structure35-candidature",
        )
        .await;
    rennes.fermer().await;

    // Yann, conseiller of the Brest structure, declares his training.
    let yann = connecte(&serveur, "conseiller.iroise@demo.maillage.fr").await;
    yann.ouvrir("/formation").await;
    yann.attendre_titre("Ma formation").await;
    yann.page_utile("la formation de Yann", "demo-conseiller-formation")
        .await;
    yann.fermer().await;

    // Inès, in the pool, reads her profile as structures see it.
    let ines = connecte(&serveur, "candidat@demo.maillage.fr").await;
    ines.ouvrir("/candidat").await;
    ines.attendre_titre("Mon profil de candidat").await;
    ines.attendre_texte("main", "Guipavas").await;
    ines.page_utile("le profil d’Inès", "demo-candidate-profil").await;
    ines.fermer().await;
}

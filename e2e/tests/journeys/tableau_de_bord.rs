//! Journey of the agents' dashboard. The demo structure's candidature is filed over Brest Métropole and
//! validated (set up through the API). An anonymous visitor is asked to log in. The préfecture of Finistère
//! opens its dashboard from the header, finds its département's figures as the API gives them, and downloads
//! the table as CSV; it relaunches the conseiller of Brest who recorded nothing this month, then finds what
//! he recorded in its activity. ANCT downloads its list of candidatures filtered by status, then on the dashboard starts
//! from France, switches to Bretagne and finds its four départements, sorts them by population both ways and
//! narrows to Finistère. The SGAR of Bretagne sees its région and narrows it to one of its départements.
//! Every state passes axe-core.

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur, normaliser};
use fantoccini::Locator;
use maillage_harness::parcours::candidature_validee;
use serde_json::{Value, json};

/// The figures the page shows, as the API gives them to the same person.
const TABLEAU_DE_BORD: &str = "{ tableauDeBord { libelle total { candidatures coordinateurs } avisAttendus \
    decisionsEnRetard recrutementsEnRetard budgetEngage budgetVerse } }";

/// "40 000 €", as the page writes an amount (spaces normalised).
fn euros(montant: i64) -> String {
    let chiffres = montant.to_string();
    let mut texte = String::new();
    for (rang, chiffre) in chiffres.chars().enumerate() {
        if rang > 0 && (chiffres.len() - rang).is_multiple_of(3) {
            texte.push(' ');
        }
        texte.push(chiffre);
    }
    format!("{texte} €")
}

/// Downloads `href` from the page, with the page's cookies, as the link would: status and text.
async fn telecharger(nav: &Navigateur, href: &str) -> (u64, String) {
    let reponse = nav
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(r => r.text().then(t => done([r.status, t])))
                .catch(e => done([0, String(e)]));",
            vec![json!(href)],
        )
        .await
        .unwrap();
    (
        reponse[0].as_u64().unwrap_or(0),
        reponse[1].as_str().unwrap_or_default().to_owned(),
    )
}

/// The `href` of the link that reads `texte`.
async fn lien(nav: &Navigateur, texte: &str) -> String {
    nav.client
        .find(Locator::LinkText(texte))
        .await
        .unwrap_or_else(|_| panic!("lien « {texte} » absent"))
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Follows the header's link to the dashboard.
async fn ouvrir_le_tableau_de_bord(nav: &Navigateur) {
    nav.client
        .find(Locator::XPath(
            "//nav[@id='navigation-principale']//a[normalize-space()='Tableau de bord']",
        ))
        .await
        .expect("lien « Tableau de bord » dans l’en-tête")
        .click()
        .await
        .unwrap();
    nav.attendre_titre("Tableau de bord").await;
    assert_eq!(nav.chemin().await, "/tableau-de-bord");
}

/// The lines of the table by département: each one's text, cell by cell.
async fn lignes_departements(nav: &Navigateur) -> Vec<Vec<String>> {
    let mut lignes = Vec::new();
    for ligne in nav
        .client
        .find_all(Locator::XPath(
            "//caption[starts-with(normalize-space(), 'Indicateurs par département')]/../tbody/tr",
        ))
        .await
        .unwrap()
    {
        let mut cellules = Vec::new();
        for cellule in ligne.find_all(Locator::XPath("./*")).await.unwrap() {
            cellules.push(normaliser(&cellule.text().await.unwrap()));
        }
        lignes.push(cellules);
    }
    lignes
}

/// The populations of the table's lines, top to bottom.
async fn populations(nav: &Navigateur) -> Vec<i64> {
    lignes_departements(nav)
        .await
        .iter()
        .map(|ligne| ligne[1].replace(' ', "").parse().unwrap())
        .collect()
}

/// Waits until the table shows `nombre` lines.
async fn attendre_lignes(nav: &Navigateur, nombre: usize) -> Vec<Vec<String>> {
    let debut = std::time::Instant::now();
    loop {
        let lignes = lignes_departements(nav).await;
        if lignes.len() == nombre {
            return lignes;
        }
        assert!(
            debut.elapsed() < std::time::Duration::from_secs(15),
            "{nombre} lignes attendues, {} affichées : {lignes:?}",
            lignes.len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Sorts the table by population with the button in its header; returns the header's `aria-sort`.
async fn trier_par_population(nav: &Navigateur) -> Option<String> {
    let entete = "//thead//th[.//*[normalize-space()='Population']]";
    nav.client
        .find(Locator::XPath(&format!("{entete}//button")))
        .await
        .expect("bouton de tri de la colonne Population")
        .click()
        .await
        .unwrap();
    nav.client
        .find(Locator::XPath(entete))
        .await
        .unwrap()
        .attr("aria-sort")
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prefecture_and_anct_follow_their_territory_on_the_dashboard() {
    let serveur = Serveur::demarrer(true).await;
    candidature_validee(&serveur.app).await;

    // (a) Anonymous, the page asks to log in, and the header has no dashboard.
    let nav = Navigateur::sur(&serveur).await;
    nav.ouvrir("/tableau-de-bord").await;
    nav.attendre_texte("main", "Connexion requise").await;
    assert!(
        nav.client
            .find(Locator::XPath("//nav//a[normalize-space()='Tableau de bord']"))
            .await
            .is_err()
    );
    nav.verifier_accessibilite("le tableau de bord sans connexion")
        .await;

    // (b) The préfecture of Finistère finds its département's figures.
    let prefecture = serveur.connecte("prefecture29@demo.maillage.fr").await;
    let attendu = prefecture.data(TABLEAU_DE_BORD, json!({})).await["tableauDeBord"].clone();
    assert_eq!(attendu["libelle"], "Finistère");
    assert_eq!(attendu["total"]["candidatures"], 1);
    nav.se_connecter("prefecture29@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    ouvrir_le_tableau_de_bord(&nav).await;
    nav.attendre_texte("main h2", "Finistère").await;
    // Yann, conseiller at Brest, has recorded nothing this month: the préfecture relaunches him.
    let a_relancer = nav
        .attendre_texte("main table tr", "Yann Conseiller-Iroise")
        .await;
    assert!(
        a_relancer.starts_with("Association Iroise Numérique (démo) Yann Conseiller-Iroise"),
        "{a_relancer}"
    );
    nav.cliquer_bouton("Relancer tout le département (1)").await;
    nav.confirmer("notification dans Maillage et un courriel", "Oui, relancer")
        .await;
    nav.attendre_texte("main [role=status]", "1 conseiller relancé")
        .await;
    nav.attendre_texte("main table tr", "Tout le département").await;
    assert!(
        serveur
            .dernier_courriel("conseiller.iroise@demo.maillage.fr")
            .await
            .contains("préfecture")
    );
    // A workshop of six people and one person at home, recorded this month by Yann, conseiller at Brest: the
    // préfecture sees them in its activity, the single person as a figure too small to be shown.
    let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now()).to_string();
    let yann = serveur.connecte("conseiller.iroise@demo.maillage.fr").await;
    for (type_accompagnement, canal, participants) in [
        ("COLLECTIF", "LIEU_DE_PERMANENCE", 6),
        ("INDIVIDUEL", "DOMICILE", 1),
    ] {
        yann.data(
            "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }",
            json!({ "a": {
                "date": aujourd_hui, "typeAccompagnement": type_accompagnement, "canal": canal,
                "themes": ["Aide aux démarches administratives"], "dureeMinutes": 90,
                "participants": participants, "communeCode": "29019"
            } }),
        )
        .await;
    }
    // The page loaded again shows what was recorded since.
    nav.ouvrir("/tableau-de-bord").await;
    nav.attendre_texte("main h2", "Finistère").await;
    nav.attendre_texte(
        "main p",
        "Tous les conseillers sous contrat du département ont saisi",
    )
    .await;
    let chiffre = |champ: &str| attendu[champ].as_i64().unwrap();
    for (libelle, valeur) in [
        (
            "Candidatures déposées",
            attendu["total"]["candidatures"].to_string(),
        ),
        (
            "Avis de la préfecture attendus",
            chiffre("avisAttendus").to_string(),
        ),
        ("Décisions en retard", chiffre("decisionsEnRetard").to_string()),
        (
            "Recrutements en retard",
            chiffre("recrutementsEnRetard").to_string(),
        ),
        (
            "Coordinateurs en poste",
            attendu["total"]["coordinateurs"].to_string(),
        ),
        ("Budget engagé", euros(chiffre("budgetEngage"))),
        ("Budget versé", euros(chiffre("budgetVerse"))),
    ] {
        let tuile = nav.attendre_texte("main .fr-tile", libelle).await;
        assert!(tuile.starts_with(&format!("{valeur} {libelle}")), "{tuile}");
    }
    assert!(
        chiffre("budgetEngage") > 0,
        "la candidature validée engage sa subvention"
    );
    let lignes = attendre_lignes(&nav, 1).await;
    assert!(lignes[0][0].starts_with("Finistère (29)"), "{lignes:?}");
    assert_eq!(lignes[0][6], "1", "une candidature déposée : {lignes:?}");
    let statuts = nav.attendre_texte("main table tr", "Validée").await;
    assert_eq!(statuts, "Validée 1");
    let personnes = nav
        .attendre_texte("main .fr-tile", "Personnes accompagnées")
        .await;
    assert_eq!(personnes, "7 Personnes accompagnées");
    let atelier = nav.attendre_texte("main table tr", "Atelier collectif").await;
    assert_eq!(
        atelier, "Atelier collectif 1 6 1,5",
        "accompagnements, personnes, heures"
    );
    let individuel = nav
        .attendre_texte("main table tr", "Accompagnement individuel")
        .await;
    assert_eq!(individuel, "Accompagnement individuel < 5 < 5 < 5");
    nav.verifier_accessibilite("le tableau de bord d’une préfecture")
        .await;
    nav.capture("tableau-de-bord-prefecture").await;

    let csv = lien(&nav, "Télécharger (CSV)").await;
    assert_eq!(csv, "/exports/indicateurs-departements.csv?region=53");
    assert_eq!(
        lien(&nav, "Télécharger (tableur .xlsx)").await,
        "/exports/indicateurs-departements.xlsx?region=53"
    );
    let (statut, contenu) = telecharger(&nav, &csv).await;
    assert_eq!(statut, 200, "{contenu}");
    let entete = contenu.lines().next().unwrap_or_default();
    assert!(entete.contains("Département"), "{entete}");
    assert!(contenu.contains("Finistère"), "{contenu}");
    nav.fermer().await;

    // (c) ANCT goes from France to Bretagne and sorts its départements.
    let nav = Navigateur::sur(&serveur).await;
    nav.se_connecter("anct@demo.maillage.fr", MOT_DE_PASSE_DEMO).await;
    // A status chosen applies at once: no stale list under the new filter.
    nav.choisir("filtre-statut", "VALIDEE").await;
    // This journey's and the demo's at Rennes.
    let liste = nav.attendre_texte("main caption", "2 candidatures").await;
    assert!(liste.starts_with("2 candidatures "), "{liste}");
    let candidatures = lien(&nav, "Télécharger (CSV)").await;
    assert_eq!(candidatures, "/exports/candidatures.csv?statut=VALIDEE");
    let (statut, contenu) = telecharger(&nav, &candidatures).await;
    assert_eq!(statut, 200, "{contenu}");
    assert_eq!(
        contenu.lines().count(),
        3,
        "l’en-tête et les candidatures validées : {contenu}"
    );
    nav.verifier_accessibilite("la liste filtrée de l’ANCT et ses téléchargements")
        .await;

    ouvrir_le_tableau_de_bord(&nav).await;
    nav.attendre_texte("main h2", "France entière").await;
    let france = lignes_departements(&nav).await.len();
    assert!(france >= 100, "les départements du programme : {france}");
    assert_eq!(
        lien(&nav, "Télécharger (CSV)").await,
        "/exports/indicateurs-departements.csv"
    );
    nav.verifier_accessibilite("le tableau de bord national").await;

    nav.choisir("choix-region", "53").await;
    nav.attendre_texte("main h2", "Bretagne").await;
    let lignes = attendre_lignes(&nav, 4).await;
    let noms: Vec<&str> = lignes.iter().map(|ligne| ligne[0].as_str()).collect();
    for (rang, nom) in [
        "Côtes-d'Armor (22)",
        "Finistère (29)",
        "Ille-et-Vilaine (35)",
        "Morbihan (56)",
    ]
    .iter()
    .enumerate()
    {
        assert!(noms[rang].starts_with(nom), "{noms:?}");
    }
    nav.attendre_texte("main [aria-live]", "Tableau de bord affiché : Bretagne")
        .await;
    nav.verifier_accessibilite("le tableau de bord de la Bretagne")
        .await;

    assert_eq!(trier_par_population(&nav).await.as_deref(), Some("ascending"));
    nav.attendre_texte("main [aria-live]", "trié par population, ordre croissant")
        .await;
    let croissantes = populations(&nav).await;
    assert!(
        croissantes.windows(2).all(|paire| paire[0] <= paire[1]),
        "{croissantes:?}"
    );
    assert_eq!(trier_par_population(&nav).await.as_deref(), Some("descending"));
    let decroissantes = populations(&nav).await;
    assert!(
        decroissantes.windows(2).all(|paire| paire[0] >= paire[1]),
        "{decroissantes:?}"
    );
    assert_eq!(
        decroissantes,
        croissantes.iter().rev().copied().collect::<Vec<_>>()
    );
    nav.verifier_accessibilite("les départements de Bretagne triés par population")
        .await;
    nav.client
        .execute(
            "document.getElementById('titre-departements').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    nav.capture("tableau-de-bord-bretagne").await;

    nav.choisir("choix-departement", "29").await;
    nav.attendre_texte("main h2", "Finistère").await;
    attendre_lignes(&nav, 1).await;
    let finistere: Value = serveur
        .connecte("anct@demo.maillage.fr")
        .await
        .data(
            "{ tableauDeBord(departement: \"29\") { total { candidatures } } }",
            json!({}),
        )
        .await;
    let tuile = nav.attendre_texte("main .fr-tile", "Candidatures déposées").await;
    assert_eq!(
        tuile,
        format!(
            "{} Candidatures déposées",
            finistere["tableauDeBord"]["total"]["candidatures"]
        )
    );
    nav.verifier_accessibilite("le Finistère vu par l’ANCT").await;
    nav.fermer().await;

    // (d) The SGAR of Bretagne sees its région, and may narrow it to one of its départements only.
    let nav = Navigateur::sur(&serveur).await;
    nav.se_connecter("sgar53@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    // A SGAR follows the candidatures of its région; it does not instruct them.
    nav.attendre_texte(
        "main .fr-text--lead",
        "Candidatures de votre territoire, à suivre",
    )
    .await;
    ouvrir_le_tableau_de_bord(&nav).await;
    nav.attendre_texte("main h2", "Bretagne").await;
    attendre_lignes(&nav, 4).await;
    assert!(nav.client.find(Locator::Id("choix-region")).await.is_err());
    let options = nav
        .client
        .find_all(Locator::Css("#choix-departement option"))
        .await
        .unwrap()
        .len();
    assert_eq!(options, 5, "toute la région et ses quatre départements");
    nav.choisir("choix-departement", "35").await;
    nav.attendre_texte("main h2", "Ille-et-Vilaine").await;
    attendre_lignes(&nav, 1).await;
    nav.verifier_accessibilite("le tableau de bord d’un SGAR").await;
    nav.fermer().await;
}

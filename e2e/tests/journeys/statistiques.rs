//! Journey of the activity statistics. Yann, the demo structure's conseiller in Brest, coordinates a team
//! with Lou, conseillère of the same structure. Lou records a workshop and then, in the form, an individual
//! accompaniment of a person who agreed to be named and followed. The préfecture of Finistère finds both in
//! its statistics and in those of Yann's team, sees the structure where Yann recorded nothing this month,
//! relaunches it (confirmed), and reads the relaunch in its history. The structure that employs them sees
//! every figure of its conseillers, the person accompanied alone included. Yann, as coordinator, opens « Mes statistiques », makes a share link;
//! a browser without session opens it and sees the team's aggregate, never the person's name. Every state
//! passes axe-core.

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur};
use fantoccini::Locator;
use maillage_harness::parcours::equipe_de_brest;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_named_accompaniment_reaches_the_prefectures_statistics_and_a_share_link_shows_the_aggregate() {
    let serveur = Serveur::demarrer(true).await;
    let (_, lou) = equipe_de_brest(&serveur.app).await;
    let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
    lou.data(
        "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }",
        json!({ "a": {
            "date": aujourd_hui.to_string(), "typeAccompagnement": "COLLECTIF", "canal": "LIEU_DE_PERMANENCE",
            "themes": ["Aide aux démarches administratives"], "dureeMinutes": 90, "participants": 6,
            "communeCode": "29019"
        } }),
    )
    .await;

    // (a) Lou records an accompaniment of a person who agreed to be followed.
    let nav = Navigateur::sur(&serveur).await;
    nav.se_connecter("lou@exemple.fr", "mot de passe long").await;
    nav.ouvrir("/activites").await;
    nav.attendre_titre("Saisir un accompagnement").await;
    nav.cocher("activite-theme-1").await;
    nav.cocher("activite-materiel-telephone").await;
    nav.choisir("activite-autonomie", "partiellement_autonome").await;
    nav.cocher("activite-nommer").await;
    nav.saisir("activite-prenom", "Rozenn").await;
    nav.saisir("activite-nom", "Le Bihan").await;
    // Without her consent ticked, nothing is recorded and the form says why.
    nav.cliquer_bouton("Enregistrer l’accompagnement").await;
    nav.attendre_texte("main [role=alert]", "qu’avec son accord")
        .await;
    nav.verifier_accessibilite("un accompagnement nommé sans consentement")
        .await;
    nav.cocher("activite-consentement").await;
    nav.verifier_accessibilite("un accompagnement d’une personne suivie")
        .await;
    nav.cliquer_bouton("Enregistrer l’accompagnement").await;
    nav.attendre_texte("main [role=status]", "enregistré").await;
    let suivis = lou
        .data("{ mesBeneficiaires { prenom nom accompagnements } }", json!({}))
        .await;
    assert_eq!(
        suivis["mesBeneficiaires"],
        json!([{ "prenom": "Rozenn", "nom": "Le Bihan", "accompagnements": 1 }])
    );
    nav.fermer().await;

    // (b) The préfecture sees both accompaniments, and the structure where Yann recorded nothing.
    let nav = Navigateur::sur(&serveur).await;
    nav.se_connecter("prefecture29@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    nav.ouvrir("/tableau-de-bord").await;
    nav.attendre_texte("main h2", "Finistère").await;
    let tuile = nav
        .attendre_texte("main .fr-tile", "Personnes accompagnées")
        .await;
    assert!(tuile.starts_with("7 "), "six in the workshop and Rozenn: {tuile}");
    // Yann's team: Lou's two accompaniments, seven people.
    let equipe = nav
        .attendre_texte("main table tr", "Équipe de Yann Conseiller-Iroise")
        .await;
    assert!(equipe.contains(" 2 7 "), "{equipe}");
    let structure = nav
        .attendre_texte(
            "main section[aria-labelledby=titre-a-relancer] table tr",
            "Yann Conseiller-Iroise",
        )
        .await;
    assert!(
        structure.starts_with("Association Iroise Numérique (démo)"),
        "{structure}"
    );
    assert!(!structure.contains("Lou"), "Lou recorded this month: {structure}");
    nav.verifier_accessibilite("les structures à relancer").await;
    // What is on screen, as a file: the same figures, the préfecture's session only.
    let fichier = nav
        .client
        .find(Locator::LinkText("Télécharger ces chiffres (CSV)"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fichier, "/exports/activite.csv");
    let (statut, _, csv) = serveur
        .connecte("prefecture29@demo.maillage.fr")
        .await
        .telecharger(&fichier)
        .await;
    assert_eq!(statut, 200);
    assert!(
        String::from_utf8(csv).unwrap().contains("Structure employeuse;"),
        "the employers' lines"
    );
    // Filtered on the structure, the figures are its conseillers'.
    let iroise = nav
        .client
        .find(Locator::XPath(
            "//select[@id='activite-structure']/option[normalize-space()='Association Iroise Numérique (démo)']",
        ))
        .await
        .unwrap()
        .attr("value")
        .await
        .unwrap()
        .unwrap();
    nav.choisir("activite-structure", &iroise).await;
    nav.choisir("activite-suivi-par", "STRUCTURE").await;
    nav.cliquer_bouton("Afficher").await;
    nav.attendre_texte("main table", "Structure employeuse").await;
    nav.verifier_accessibilite("l’activité d’une structure").await;
    nav.sans_defilement_horizontal("l’activité d’une structure").await;
    nav.capture_aux_deux_largeurs("activite-d-une-structure").await;
    nav.cliquer_bouton("Relancer").await;
    nav.confirmer("Association Iroise Numérique (démo)", "Oui, relancer")
        .await;
    nav.attendre_texte("main [role=status]", "1 conseiller relancé")
        .await;
    let historique = nav.attendre_texte("main table tr", "Conseillers relancés").await;
    assert!(!historique.is_empty());
    nav.attendre_texte("main table tr", "Association Iroise Numérique (démo) 1")
        .await;
    nav.verifier_accessibilite("l’historique des relances").await;
    assert!(
        serveur
            .dernier_courriel("conseiller.iroise@demo.maillage.fr")
            .await
            .contains("préfecture")
    );
    nav.fermer().await;

    // (b′) The structure that employs Yann and Lou sees every figure of its conseillers, the person
    // accompanied alone included, and downloads them.
    let nav = Navigateur::sur(&serveur).await;
    nav.se_connecter("structure@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    nav.ouvrir("/espace").await;
    nav.cliquer_lien("Activité de nos conseillers numériques").await;
    nav.attendre_titre("Mes statistiques").await;
    let individuel = nav
        .attendre_texte("main table tr", "Accompagnement individuel")
        .await;
    assert!(
        individuel.starts_with("Accompagnement individuel 1 1 "),
        "Rozenn, shown to the employer: {individuel}"
    );
    nav.attendre_element("a[href='/exports/mes-statistiques.csv']")
        .await;
    nav.verifier_accessibilite("les statistiques d’une structure employeuse")
        .await;
    nav.sans_defilement_horizontal("les statistiques d’une structure employeuse")
        .await;
    nav.capture_aux_deux_largeurs("statistiques-structure").await;
    nav.fermer().await;

    // (c) Yann, as coordinator, shares his team's statistics.
    let nav = Navigateur::sur(&serveur).await;
    nav.se_connecter("conseiller.iroise@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    nav.choisir_le_role("Coordinat").await;
    nav.attendre_texte("main", "Coordinat").await;
    nav.ouvrir("/mes-statistiques").await;
    nav.attendre_titre("Mes statistiques").await;
    let tuile = nav.attendre_texte("main .fr-tile", "Accompagnements").await;
    assert!(tuile.starts_with("2 "), "{tuile}");
    nav.verifier_accessibilite("mes statistiques").await;
    nav.cliquer_bouton("Créer un lien de partage").await;
    let lien = nav
        .attendre_element("#lien-partage")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    nav.attendre_texte("main p", "Un lien est actif depuis").await;
    nav.verifier_accessibilite("un lien de partage créé").await;
    nav.sans_defilement_horizontal("mes statistiques").await;
    nav.fermer().await;

    // (d) Someone without a session opens the link: the team's aggregate, no name of a person accompanied.
    let public = Navigateur::sur(&serveur).await;
    let chemin = &lien[lien.find("/statistiques/").unwrap()..];
    public.ouvrir(chemin).await;
    public
        .attendre_titre("Activité de l’équipe coordonnée par Yann Conseiller-Iroise")
        .await;
    let tuile = public
        .attendre_texte("main .fr-tile", "Personnes accompagnées")
        .await;
    assert!(tuile.starts_with("7 "), "{tuile}");
    let page = public.attendre_texte("main", "Accompagnements").await;
    assert!(!page.contains("Rozenn") && !page.contains("Bihan"), "{page}");
    public.verifier_accessibilite("des statistiques partagées").await;
    public
        .sans_defilement_horizontal("des statistiques partagées")
        .await;
    public.capture_aux_deux_largeurs("statistiques-partagees").await;
    public.fermer().await;
}

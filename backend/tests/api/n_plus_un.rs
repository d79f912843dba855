//! No N+1: the number of SQL statements of a GraphQL operation does not grow with the number of rows it
//! returns (10 vs 100 rows, or a région vs the whole country), for the lists of the schema that have
//! relations, on SQLite and PostgreSQL. Statements are counted by the application's pool
//! (`maillage::database::Instructions`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::Client;
use maillage::database::Instructions;
use maillage::demo::national::{Echelle, generer};
use serde_json::{Value, json};

/// Statements of one run of `query` (the smallest of three runs: a background job may run meanwhile).
async fn instructions(compteur: &Instructions, client: &Client, query: &str) -> (u64, Value) {
    let mut minimum = u64::MAX;
    let mut donnees = Value::Null;
    for _ in 0..3 {
        let avant = compteur.executees();
        donnees = client.data(query, json!({})).await;
        minimum = minimum.min(compteur.executees() - avant);
    }
    (minimum, donnees)
}

fn longueur(valeur: &Value) -> usize {
    valeur.as_array().map_or(0, Vec::len)
}

on_both_engines! {
    async fn list_operations_cost_the_same_statements_whatever_their_size(app) {
        let echelle = Echelle { structures: 130, conseillers: 20, coordinateurs: 110, lieux: 120, activites_par_conseiller: 1 };
        generer(&app.db, echelle, 7, maillage_shared::jour::jour_en_metropole(chrono::Utc::now())).await.unwrap();
        let anct = app.connecte(common::parcours::ANCT).await;
        let anonyme = app.navigateur();

        let page = |n: usize| format!(
            "{{ candidatures(premiers: {n}) {{ elements {{ id statut structure {{ nom siret }} departement {{ nom region {{ nom }} }} avis {{ favorable }} montantSubventionEuros }} }} }}"
        );
        let (dix, d10) = instructions(&app.instructions, &anct, &page(10)).await;
        let (cent, d100) = instructions(&app.instructions, &anct, &page(100)).await;
        assert_eq!(longueur(&d10["candidatures"]["elements"]), 10);
        assert_eq!(longueur(&d100["candidatures"]["elements"]), 100);
        assert_eq!(dix, cent, "candidatures: {dix} statements for 10 rows, {cent} for 100");

        let lieux = |n: usize| format!("{{ lieux(premiers: {n}) {{ id nom commune services }} }}");
        let (dix, d10) = instructions(&app.instructions, &anonyme, &lieux(10)).await;
        let (cent, d100) = instructions(&app.instructions, &anonyme, &lieux(100)).await;
        assert_eq!((longueur(&d10["lieux"]), longueur(&d100["lieux"])), (10, 100));
        assert_eq!(dix, cent, "lieux: {dix} vs {cent}");

        let indicateurs = |zone: &str| format!(
            "{{ indicateursDepartements{zone} {{ departement {{ code nom }} lieux coordinateurs candidaturesParStatut {{ statut nombre }} }} }}"
        );
        let (region, dr) = instructions(&app.instructions, &anonyme, &indicateurs("(region: \"53\")")).await;
        let (france, df) = instructions(&app.instructions, &anonyme, &indicateurs("")).await;
        assert_eq!((longueur(&dr["indicateursDepartements"]), longueur(&df["indicateursDepartements"])), (4, 101));
        assert_eq!(region, france, "indicators: {region} vs {france}");

        let epci = |d: &str| format!(
            "{{ indicateursEpci(departement: \"{d}\") {{ epci {{ nom }} lieux couvert chevauchement coordinateurs {{ prenom }} candidatures {{ id }} }} }}"
        );
        let (petit, dp) = instructions(&app.instructions, &anct, &epci("90")).await;
        let (grand, dg) = instructions(&app.instructions, &anct, &epci("62")).await;
        assert!(longueur(&dp["indicateursEpci"]) < 5 && longueur(&dg["indicateursEpci"]) > 10);
        assert_eq!(petit, grand, "EPCI of a département: {petit} vs {grand}");

        let (france, _) = instructions(&app.instructions, &anonyme, "{ departements { code nom region { nom } } }").await;
        let (bretagne, _) =
            instructions(&app.instructions, &anonyme, "{ region(code: \"53\") { departements { code nom region { nom } } } }").await;
        assert!(france <= bretagne, "départements and their relations: {france} for 101, {bretagne} for 4");

        // The coordinators' lists: the diagnosis of a small and of a large perimeter, the follow-up of the
        // annual reports of one département and of the whole country.
        let diagnostic = "{ diagnosticTerritorial { epcis { epci { nom } communesSansLieu { nom } servicesManquants } communes { code lieux conseillers } } }";
        let mut perimetres = Vec::new();
        for n in 1..=20 {
            let coordinateur = app.connecte(&format!("coordinateur{n}@national.demo.maillage.fr")).await;
            let (compte, d) = instructions(&app.instructions, &coordinateur, diagnostic).await;
            perimetres.push((longueur(&d["diagnosticTerritorial"]["communes"]), compte));
        }
        perimetres.sort();
        let (petit, grand) = (perimetres[0], perimetres[perimetres.len() - 1]);
        assert!(petit.0 < grand.0, "perimeters of different sizes: {perimetres:?}");
        assert_eq!(petit.1, grand.1, "diagnosis: {} statements for {} communes, {} for {}", petit.1, petit.0, grand.1, grand.0);

        let annee = chrono::Datelike::year(&maillage_shared::jour::jour_en_metropole(chrono::Utc::now()));
        let suivi = format!("{{ rapportsAnnuels(annee: {annee}) {{ coordinateur structure envoyeLe }} }}");
        let prefecture = app.connecte(common::parcours::PREFECTURE_29).await;
        let (departement, dd) = instructions(&app.instructions, &prefecture, &suivi).await;
        let (france, df) = instructions(&app.instructions, &anct, &suivi).await;
        assert!(longueur(&dd["rapportsAnnuels"]) < longueur(&df["rapportsAnnuels"]));
        assert_eq!(departement, france, "reports follow-up: {departement} vs {france}");
    }
}

//! The territorial diagnosis of a coordinator's perimeter, on SQLite and PostgreSQL, against figures
//! computed by hand: Yann coordinates Brest Métropole (8 communes, 215 278 inhabitants), is its only
//! conseiller under contract (in Brest), and the standard's fixture has one lieu in Brest (two services)
//! and one in Quimper, outside the perimeter.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::TestApp;
use common::parcours::*;
use maillage_shared::lieu::SERVICES;
use serde_json::json;

const DIAGNOSTIC: &str = "{ diagnosticTerritorial { departements population nombreCommunes lieux conseillers
    habitantsParConseiller communesSansLieu servicesManquants
    epcis { epci { code } population communes lieux conseillers habitantsParConseiller
        communesSansLieu { code nom population } servicesManquants }
    communes { code nom population epciCode lieux conseillers habitantsParConseiller } } }";

async fn lieux_du_standard(app: &TestApp) {
    let txn = maillage::database::ecriture(&app.db).await.unwrap();
    maillage::lieu::service::importer(
        &txn,
        include_str!("fixtures/lieux.csv").as_bytes(),
        true,
        |_, _| {},
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
}

on_both_engines! {
    async fn the_diagnosis_of_a_perimeter_matches_the_figures_computed_by_hand(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        lieux_du_standard(&app).await;
        let data = coordinateur.data(DIAGNOSTIC, json!({})).await;
        let d = &data["diagnosticTerritorial"];
        assert_eq!(d["departements"], json!(["29"]));
        assert_eq!(d["population"], 215_278);
        assert_eq!(d["nombreCommunes"], 8);
        assert_eq!(d["lieux"], 1, "the Quimper lieu is outside the perimeter");
        assert_eq!(d["conseillers"], 1);
        assert_eq!(d["habitantsParConseiller"], 215_278);
        assert_eq!(d["communesSansLieu"], 7);

        let epcis = d["epcis"].as_array().unwrap();
        assert_eq!(epcis.len(), 1);
        let brest = &epcis[0];
        assert_eq!(brest["epci"]["code"], BREST_METROPOLE);
        assert_eq!([&brest["population"], &brest["communes"], &brest["lieux"], &brest["conseillers"]], [215_278, 8, 1, 1]);
        let sans_lieu = brest["communesSansLieu"].as_array().unwrap();
        assert_eq!(sans_lieu.len(), 7);
        assert!(sans_lieu.iter().all(|c| c["code"] != "29019"), "Brest has its lieu");
        let populations: Vec<i64> = sans_lieu.iter().map(|c| c["population"].as_i64().unwrap()).collect();
        assert!(populations.windows(2).all(|p| p[0] >= p[1]), "largest first: {populations:?}");
        let manquants: Vec<&str> = brest["servicesManquants"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        assert_eq!(manquants.len(), SERVICES.len() - 2);
        assert!(!manquants.contains(&"Aide aux démarches administratives"));
        assert!(manquants.contains(&"Accès internet et matériel informatique"), "offered in Quimper only");
        assert_eq!(d["servicesManquants"], brest["servicesManquants"]);

        let communes = d["communes"].as_array().unwrap();
        assert_eq!(communes.len(), 8);
        let brest_ville = communes.iter().find(|c| c["code"] == "29019").unwrap();
        assert_eq!([&brest_ville["lieux"], &brest_ville["conseillers"]], [1, 1]);
        let autre = communes.iter().find(|c| c["code"] != "29019").unwrap();
        assert_eq!(autre["habitantsParConseiller"], serde_json::Value::Null, "no conseiller, no ratio");
        let total: i64 = communes.iter().map(|c| c["population"].as_i64().unwrap()).sum();
        assert_eq!(total, 215_278);
    }

    async fn the_diagnosis_is_the_coordinators_own_and_downloads_as_a_table(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        lieux_du_standard(&app).await;
        assert_eq!(app.navigateur().error_code(DIAGNOSTIC, json!({})).await, "UNAUTHENTICATED");
        let structure = app.connecte(STRUCTURE).await;
        assert_eq!(structure.error_code(DIAGNOSTIC, json!({})).await, "FORBIDDEN");
        let prefecture = app.connecte(PREFECTURE_29).await;
        assert_eq!(prefecture.error_code(DIAGNOSTIC, json!({})).await, "FORBIDDEN");

        let (statut, type_contenu, corps) = coordinateur.telecharger("/exports/diagnostic-communes.csv").await;
        assert_eq!(statut, 200);
        assert!(type_contenu.starts_with("text/csv"), "{type_contenu}");
        let texte = String::from_utf8(corps).unwrap();
        let lignes: Vec<&str> = texte.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lignes[0], "Code INSEE;Commune;SIREN de l’EPCI;Population;Lieux de médiation numérique;Conseillers numériques;Habitants par conseiller");
        assert_eq!(lignes.len(), 1 + 8);
        assert!(lignes.iter().any(|l| l.starts_with("29019;Brest;242900314;") && l.ends_with(";142346;1;1;142346")), "{lignes:?}");
        let (statut, _, _) = coordinateur.telecharger("/exports/diagnostic-epci.xlsx").await;
        assert_eq!(statut, 200);
        let (statut, _, _) = structure.telecharger("/exports/diagnostic-epci.csv").await;
        assert_eq!(statut, 403);
    }
}

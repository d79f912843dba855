//! Authorisation on every path the schema offers to another tenant's data, on SQLite and PostgreSQL: each
//! test reaches the object through every query, field and download that leads to it and proves the caller
//! gets nothing (or FORBIDDEN).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::parcours::*;
use common::{Client, TestApp};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

/// A second structure of the 29 with its own filed candidature on Brest Métropole.
async fn autre_structure(app: &TestApp) -> (Client, String) {
    let CandidatureDeposee { structure, id } =
        CandidatureDeposee::sur(StructureBuilder::new().inscrire(app).await, &[BREST_METROPOLE]).await;
    (structure, id)
}

async fn telecharger(client: &Client, chemin: &str) -> (u16, String) {
    let reponse = client
        .http
        .get(format!("{}{chemin}", client.address))
        .send()
        .await
        .unwrap();
    (
        reponse.status().as_u16(),
        reponse.text().await.unwrap_or_default(),
    )
}

fn ids(liste: &Value) -> Vec<String> {
    liste
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

on_both_engines! {
    async fn another_structures_candidature_is_refused_on_every_path(app) {
        let (structure, sienne) = candidature_deposee(&app).await;
        let (_, autre) = autre_structure(&app).await;
        assert_eq!(
            structure.error_code("query($id: ID!) { candidature(id: $id) { id } }", json!({ "id": autre })).await,
            "FORBIDDEN"
        );
        assert_eq!(
            structure.error_code("query($id: ID!) { candidature(id: $id) { historique { versStatut } } }", json!({ "id": autre })).await,
            "FORBIDDEN"
        );
        let liste = structure.data("{ candidatures(premiers: 100) { total elements { id } } }", json!({})).await;
        assert_eq!(ids(&liste["candidatures"]["elements"]), vec![sienne.clone()], "only its own in the list");
        let vue = structure
            .data("{ indicateursEpci(departement: \"29\") { epci { code } candidatures { id } } }", json!({}))
            .await;
        for epci in vue["indicateursEpci"].as_array().unwrap() {
            assert!(!ids(&epci["candidatures"]).contains(&autre), "not through the département view");
        }
        let chevauchements = structure
            .data("query($id: ID!) { candidature(id: $id) { chevauchements { candidatureId } } }", json!({ "id": sienne }))
            .await;
        assert_eq!(chevauchements["candidature"]["chevauchements"], json!([]), "not through the overlaps");
        let (statut, csv) = telecharger(&structure, "/exports/candidatures.csv").await;
        assert_eq!(statut, 200);
        assert_eq!(csv.lines().count(), 2, "not in its download");
        assert!(!csv.contains(&format!("\n{autre};")));
    }

    async fn another_departements_candidatures_are_refused_on_every_path(app) {
        let (_, id) = candidature_deposee(&app).await;
        let prefecture = app.connecte(PREFECTURE_35).await;
        assert_eq!(
            prefecture.error_code("query($id: ID!) { candidature(id: $id) { id } }", json!({ "id": id })).await,
            "FORBIDDEN"
        );
        let filtre = json!({ "f": { "departement": "29" } });
        let liste = prefecture
            .data("query($f: FiltreCandidatures) { candidatures(filtre: $f) { total } }", filtre)
            .await;
        assert_eq!(liste["candidatures"]["total"], 0, "asking for the 29 explicitly gives nothing");
        let vue = prefecture
            .data("{ indicateursEpci(departement: \"29\") { candidatures { id } } }", json!({}))
            .await;
        assert!(vue["indicateursEpci"].as_array().unwrap().iter().all(|e| e["candidatures"] == json!([])));
        let tableau = "query($d: String) { tableauDeBord(departement: $d) { avisAttendus } }";
        assert_eq!(prefecture.error_code(tableau, json!({ "d": "29" })).await, "FORBIDDEN");
        let (_, csv) = telecharger(&prefecture, "/exports/candidatures.csv?departement=29").await;
        assert_eq!(csv.lines().count(), 1, "header only");
        assert_eq!(
            prefecture.error_code(AVIS, json!({ "id": id, "f": true, "c": "Un avis qui n’est pas le mien" })).await,
            "FORBIDDEN"
        );
    }

    async fn a_candidates_cv_without_consent_is_never_shown(app) {
        let (structure, id) = candidature_validee(&app).await;
        let recherche = "query($c: ID!) { rechercherCandidats(candidatureId: $c, filtre: { proximite: NATIONAL }) { id experience } }";
        let visibles = structure.data(recherche, json!({ "c": id })).await;
        let profil = visibles["rechercherCandidats"][0]["id"].as_str().unwrap().to_owned();
        let ines = app.connecte("candidat@demo.maillage.fr").await;
        ines.data(
            "mutation($p: ProfilCandidatEntree!) { modifierProfilCandidat(profil: $p) }",
            json!({ "p": { "communeCode": "29075", "rayonKm": 30, "experience": "Animatrice", "visible": false } }),
        )
        .await;
        let apres = structure.data(recherche, json!({ "c": id })).await;
        assert!(!ids(&apres["rechercherCandidats"]).contains(&profil), "consent withdrawn: not searchable");
        let contact = structure
            .error_code(
                "mutation($c: ID!, $p: ID!) { contacterCandidat(candidatureId: $c, profilId: $p) { id } }",
                json!({ "c": id, "p": profil }),
            )
            .await;
        assert_eq!(contact, "NOT_FOUND", "nor reachable by its id");
        let autre = app.connecte(PREFECTURE_29).await;
        assert_eq!(autre.error_code(recherche, json!({ "c": id })).await, "FORBIDDEN", "not a structure's search");
    }

    async fn a_prefecture_sees_only_the_overlaps_it_may_read(app) {
        let (_, id) = candidature_deposee(&app).await;
        let (_, autre) = autre_structure(&app).await;
        let lecture = "query($id: ID!) { candidature(id: $id) { chevauchements { candidatureId } } }";
        let vue = app.connecte(PREFECTURE_29).await.data(lecture, json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["chevauchements"], json!([{ "candidatureId": autre }]));
        // The other candidature now belongs to Ille-et-Vilaine: the préfecture of the 29 no longer reads it,
        // not even as an overlap; ANCT still does.
        app.db
            .execute_unprepared(&format!("UPDATE candidature SET departement_code = '35' WHERE id = {autre}"))
            .await
            .unwrap();
        let vue = app.connecte(PREFECTURE_29).await.data(lecture, json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["chevauchements"], json!([]), "{vue}");
        let vue = app.connecte(ANCT).await.data(lecture, json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["chevauchements"], json!([{ "candidatureId": autre }]));
    }

    async fn a_contacted_candidates_cv_is_gone_once_she_withdraws_her_consent(app) {
        let (structure, id) = candidature_validee(&app).await;
        let recherche = "query($c: ID!) { rechercherCandidats(candidatureId: $c, filtre: { proximite: NATIONAL }) { id } }";
        let profil = structure.data(recherche, json!({ "c": id })).await["rechercherCandidats"][0]["id"].clone();
        structure
            .data("mutation($c: ID!, $p: ID!) { contacterCandidat(candidatureId: $c, profilId: $p) { id } }", json!({ "c": id, "p": profil }))
            .await;
        let lecture = "query($id: ID!) { candidature(id: $id) { recrutements { email candidat { nom experience diplomes visible commune { nom } } } } }";
        let avant = structure.data(lecture, json!({ "id": id })).await;
        assert_ne!(avant["candidature"]["recrutements"][0]["candidat"]["experience"], "", "{avant}");
        app.connecte("candidat@demo.maillage.fr")
            .await
            .data(
                "mutation($p: ProfilCandidatEntree!) { modifierProfilCandidat(profil: $p) }",
                json!({ "p": { "communeCode": "29075", "rayonKm": 30, "experience": "Animatrice", "diplomes": "BTS", "visible": false } }),
            )
            .await;
        let apres = structure.data(lecture, json!({ "id": id })).await;
        let recrutement = &apres["candidature"]["recrutements"][0];
        assert_eq!(recrutement["candidat"]["visible"], false);
        assert_eq!(
            [&recrutement["candidat"]["experience"], &recrutement["candidat"]["diplomes"], &recrutement["candidat"]["commune"]],
            [&json!(""), &json!(""), &Value::Null],
            "{apres}"
        );
        assert!(recrutement["email"].as_str().unwrap().contains('@'), "the contact stays: {apres}");
    }

    async fn a_coordinator_hidden_from_the_map_is_absent_from_every_public_path(app) {
        let (structure, id) = candidature_validee(&app).await;
        let yann = structure.data("{ mesConseillers { id } }", json!({})).await["mesConseillers"][0]["id"].clone();
        structure
            .data(
                "mutation($c: ID!, $k: ID!) { attribuerRoleCoordinateur(candidatureId: $c, conseillerId: $k) { id } }",
                json!({ "c": id, "k": yann }),
            )
            .await;
        app.db
            .execute_unprepared("UPDATE coordinateur SET visible_carte = false")
            .await
            .unwrap();
        for query in [
            "{ coordinateursCarte { prenom } }",
            "{ coordinateursCarte(departement: \"29\") { prenom } }",
            "{ indicateursEpci(departement: \"29\") { coordinateurs { prenom } } }",
        ] {
            let reponse = app.data(query, json!({})).await;
            assert!(!reponse.to_string().contains("Yann"), "{query}: {reponse}");
        }
        let (_, csv) = telecharger(&app.navigateur(), "/exports/indicateurs-epci.csv?departement=29").await;
        assert!(!csv.contains("Yann"));
    }
}

//! The annual activity report, on SQLite and PostgreSQL: Yann, coordinator on Brest Métropole, reads his
//! report built from the year's data, downloads it as a printable document and sends it; the préfecture of
//! the Finistère sees who sent theirs and reads the report as it was sent, even after the data changed;
//! another préfecture sees nothing of it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use chrono::{Datelike, Utc};
use common::parcours::*;
use serde_json::json;

const RAPPORT: &str = "query($a: Int) { monRapportAnnuel(annee: $a) { annee coordinateur structure perimetre
    population accompagnements participants heures dureeMinutes parMois parTheme { cle nombre } actionsParNature { cle nombre }
    actions { titre nature } envoyeLe } }";
const SUIVI: &str = "query($a: Int!) { rapportsAnnuels(annee: $a) { coordinateurId coordinateur envoyeLe } }";
const RECU: &str = "query($c: ID!, $a: Int!) { rapportAnnuelRecu(coordinateurId: $c, annee: $a) { accompagnements envoyeLe } }";
const ENVOYER: &str = "mutation($a: Int!) { envoyerRapportAnnuel(annee: $a) }";
const ACCOMPAGNEMENT: &str =
    "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }";

fn accompagnement() -> serde_json::Value {
    json!({ "a": { "date": maillage_shared::jour::jour_en_metropole(Utc::now()).to_string(), "typeAccompagnement": "COLLECTIF",
        "canal": "LIEU_DE_PERMANENCE", "themes": ["Aide aux démarches administratives"], "dureeMinutes": 120,
        "participants": 5, "communeCode": "29019" } })
}

on_both_engines! {
    async fn a_coordinator_sends_the_annual_report_and_the_prefecture_follows_who_did(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        // Yann also records as conseiller, in another session.
        let conseiller = app.connecte("conseiller.iroise@demo.maillage.fr").await;
        assert_eq!(conseiller.data(ACCOMPAGNEMENT, accompagnement()).await["enregistrerActivite"], true);
        coordinateur
            .data(
                "mutation($a: ActionEntree!) { enregistrerActionDeCoordination(action: $a) { id } }",
                json!({ "a": { "nature": "PARTENARIAT", "axe": "COLLABORATIONS", "titre": "Convention <France services>",
                    "date": maillage_shared::jour::jour_en_metropole(Utc::now()).to_string() } }),
            )
            .await;
        let annee = maillage_shared::jour::jour_en_metropole(Utc::now()).year();

        let rapport = coordinateur.data(RAPPORT, json!({ "a": annee })).await["monRapportAnnuel"].clone();
        assert_eq!(rapport["coordinateur"], "Yann Conseiller-Iroise");
        assert_eq!(rapport["perimetre"], json!(["Brest Métropole"]));
        assert_eq!(rapport["population"], 215_278);
        assert_eq!([&rapport["accompagnements"], &rapport["participants"], &rapport["heures"]], [1, 5, 2]);
        assert_eq!(rapport["dureeMinutes"], 120, "the exact duration, as a 30-minute session is not « 0 heures »");
        let mois = maillage_shared::jour::jour_en_metropole(Utc::now()).month0() as usize;
        assert_eq!(rapport["parMois"][mois], 1);
        assert_eq!(rapport["parMois"].as_array().unwrap().len(), 12);
        assert_eq!(rapport["parTheme"], json!([{ "cle": "Aide aux démarches administratives", "nombre": 1 }]));
        assert_eq!(rapport["actionsParNature"], json!([{ "cle": "Partenariat", "nombre": 1 }]));
        assert_eq!(rapport["envoyeLe"], serde_json::Value::Null);

        // The préfecture sees who has not sent theirs; another préfecture sees nobody; a structure nothing.
        let prefecture = app.connecte(PREFECTURE_29).await;
        let suivi = prefecture.data(SUIVI, json!({ "a": annee })).await["rapportsAnnuels"].clone();
        assert_eq!(suivi.as_array().unwrap().len(), 1);
        assert_eq!(suivi[0]["envoyeLe"], serde_json::Value::Null);
        let id = suivi[0]["coordinateurId"].clone();
        assert_eq!(prefecture.error_code(RECU, json!({ "c": id, "a": annee })).await, "NOT_FOUND", "not sent yet");
        let autre = app.connecte(PREFECTURE_35).await;
        assert_eq!(autre.data(SUIVI, json!({ "a": annee })).await["rapportsAnnuels"], json!([]));
        assert_eq!(app.connecte(STRUCTURE).await.error_code(SUIVI, json!({ "a": annee })).await, "FORBIDDEN");

        // Sent: the préfecture is told, sees the date, and reads it as sent even once the data moved on.
        assert_eq!(coordinateur.error_code(ENVOYER, json!({ "a": annee + 1 })).await, "INVALID_INPUT");
        let envoye = coordinateur.data(ENVOYER, json!({ "a": annee })).await["envoyerRapportAnnuel"].clone();
        assert!(envoye.is_string());
        let notifications = prefecture.data("{ mesNotifications { titre } }", json!({})).await;
        assert!(notifications.to_string().contains(&format!("Rapport d’activité {annee} reçu")), "{notifications}");
        let suivi = prefecture.data(SUIVI, json!({ "a": annee })).await["rapportsAnnuels"].clone();
        assert_eq!(suivi[0]["envoyeLe"], envoye);
        conseiller.data(ACCOMPAGNEMENT, accompagnement()).await;
        let recu = prefecture.data(RECU, json!({ "c": id, "a": annee })).await["rapportAnnuelRecu"].clone();
        assert_eq!(recu["accompagnements"], 1, "the report as it was sent");
        let vivant = coordinateur.data(RAPPORT, json!({ "a": annee })).await["monRapportAnnuel"].clone();
        assert_eq!(vivant["accompagnements"], 2);
        assert_eq!(vivant["envoyeLe"], envoye);
        assert_eq!(autre.error_code(RECU, json!({ "c": id, "a": annee })).await, "FORBIDDEN");

        // The document (PDF/UA-1): the coordinator's own, and the one received by the préfecture.
        let (statut, type_contenu, corps) = coordinateur.telecharger(&format!("/rapports/{annee}.pdf")).await;
        assert_eq!((statut, type_contenu.as_str()), (200, "application/pdf"));
        let pdf = String::from_utf8_lossy(&corps);
        assert!(pdf.contains("pdfuaid:part"), "tagged and declared PDF/UA-1");
        assert!(pdf.contains(&format!("Rapport d’activité {annee}")), "its title");
        let (statut, _, _) = prefecture.telecharger(&format!("/rapports/{}-{annee}.pdf", id.as_str().unwrap())).await;
        assert_eq!(statut, 200);
        let (statut, _, _) = autre.telecharger(&format!("/rapports/{}-{annee}.pdf", id.as_str().unwrap())).await;
        assert_eq!(statut, 403);
        let (statut, _, _) = app.navigateur().telecharger(&format!("/rapports/{annee}.pdf")).await;
        assert_eq!(statut, 401);
    }
}

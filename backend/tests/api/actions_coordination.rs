//! The coordinator's actions and meeting days, on SQLite and PostgreSQL: Yann, coordinator on Brest
//! Métropole (Finistère, Bretagne), records actions along the three axes; a meeting day invites the
//! préfecture of the Finistère and the hub of Bretagne, who register; the préfecture of Ille-et-Vilaine is
//! not invited.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use chrono::Utc;
use common::parcours::*;
use serde_json::{Value, json};

const ENREGISTRER: &str = "mutation($a: ActionEntree!) { enregistrerActionDeCoordination(action: $a) {
    id nature axe titre date lieu organisateur departementCode inscrits } }";
const ANNEE: &str =
    "query($a: Int) { mesActionsDeCoordination(annee: $a) { titre nature axe date inscrits } }";
const JOURNEES: &str = "{ journeesDeRencontre { id titre organisateur inscrits inscrit } }";
const INSCRIRE: &str =
    "mutation($id: ID!, $i: Boolean!) { sInscrireAUneJournee(actionId: $id, inscrit: $i) }";
const HUB_53: &str = "hub53@demo.maillage.fr";

fn action(nature: &str, axe: &str, titre: &str, jours: i64) -> Value {
    let date = maillage_shared::jour::jour_en_metropole(Utc::now()) + chrono::Duration::days(jours);
    json!({ "a": { "nature": nature, "axe": axe, "titre": titre, "date": date.to_string(), "lieu": "Brest",
        "partenaires": "France Travail" } })
}

on_both_engines! {
    async fn a_coordinator_records_actions_and_reads_its_year(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let partenariat = coordinateur
            .data(ENREGISTRER, action("PARTENARIAT", "COLLABORATIONS", "Convention avec la mission locale", 0))
            .await["enregistrerActionDeCoordination"].clone();
        assert_eq!(partenariat["organisateur"], "Yann Conseiller-Iroise");
        assert_eq!(partenariat["departementCode"], "29");
        coordinateur.data(ENREGISTRER, action("ANIMATION", "RELAIS", "Atelier de l’équipe", 0)).await;

        // Bad input is refused and nothing is written.
        assert_eq!(coordinateur.error_code(ENREGISTRER, action("REUNION", "RELAIS", " ", 0)).await, "INVALID_INPUT");
        assert_eq!(coordinateur.error_code(ENREGISTRER, action("REUNION", "RELAIS", "Trop tard", 400)).await, "INVALID_INPUT");

        let liste = coordinateur.data(ANNEE, json!({})).await["mesActionsDeCoordination"].clone();
        let titres: Vec<&str> = liste.as_array().unwrap().iter().map(|a| a["titre"].as_str().unwrap()).collect();
        assert_eq!(titres, ["Convention avec la mission locale", "Atelier de l’équipe"], "this year's, in order");
        assert_eq!(liste[0]["axe"], "COLLABORATIONS");

        // Only a coordinator records actions.
        let structure = app.connecte(STRUCTURE).await;
        assert_eq!(structure.error_code(ENREGISTRER, action("REUNION", "RELAIS", "Réunion", 0)).await, "FORBIDDEN");
        assert_eq!(app.navigateur().error_code(ANNEE, json!({})).await, "UNAUTHENTICATED");
    }

    async fn a_meeting_day_invites_the_prefecture_and_the_hub_who_register(app) {
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let journee = coordinateur
            .data(ENREGISTRER, action("JOURNEE_RENCONTRE", "MAILLAGE", "Journée du réseau finistérien", 20))
            .await["enregistrerActionDeCoordination"].clone();
        let id = journee["id"].clone();

        let prefecture = app.connecte(PREFECTURE_29).await;
        let notifications = prefecture.data("{ mesNotifications { titre lien } }", json!({})).await;
        assert!(
            notifications["mesNotifications"].as_array().unwrap().iter()
                .any(|n| n["lien"] == "/journees" && n["titre"].as_str().unwrap().starts_with("Journée de rencontre")),
            "{notifications}"
        );
        let vues = prefecture.data(JOURNEES, json!({})).await["journeesDeRencontre"].clone();
        assert_eq!(vues.as_array().unwrap().len(), 1);
        assert_eq!(vues[0]["organisateur"], "Yann Conseiller-Iroise");
        assert_eq!(prefecture.data(INSCRIRE, json!({ "id": id, "i": true })).await["sInscrireAUneJournee"], true);
        let hub = app.connecte(HUB_53).await;
        assert_eq!(hub.data(INSCRIRE, json!({ "id": id, "i": true })).await["sInscrireAUneJournee"], true);
        // Registering twice counts once.
        prefecture.data(INSCRIRE, json!({ "id": id, "i": true })).await;
        let vues = prefecture.data(JOURNEES, json!({})).await["journeesDeRencontre"].clone();
        assert_eq!([&vues[0]["inscrits"], &vues[0]["inscrit"]], [&json!(2), &json!(true)]);
        let vues = coordinateur.data(JOURNEES, json!({})).await["journeesDeRencontre"].clone();
        assert_eq!([&vues[0]["inscrits"], &vues[0]["inscrit"]], [&json!(2), &json!(false)]);
        assert_eq!(hub.data(INSCRIRE, json!({ "id": id, "i": false })).await["sInscrireAUneJournee"], false);
        let vues = prefecture.data(JOURNEES, json!({})).await["journeesDeRencontre"].clone();
        assert_eq!(vues[0]["inscrits"], 1);

        // Another département's préfecture neither sees nor joins it; a structure is not invited at all.
        let autre = app.connecte(PREFECTURE_35).await;
        assert_eq!(autre.data(JOURNEES, json!({})).await["journeesDeRencontre"], json!([]));
        assert_eq!(autre.error_code(INSCRIRE, json!({ "id": id, "i": true })).await, "FORBIDDEN");
        let structure = app.connecte(STRUCTURE).await;
        assert_eq!(structure.error_code(JOURNEES, json!({})).await, "FORBIDDEN");
        assert_eq!(prefecture.error_code(INSCRIRE, json!({ "id": "999999", "i": true })).await, "NOT_FOUND");

        // The registration is the person's data: in their export.
        let donnees = prefecture.data("{ mesDonnees }", json!({})).await;
        let inscriptions = &donnees["mesDonnees"]["inscriptions_aux_journees"];
        assert_eq!(inscriptions.as_array().unwrap().len(), 1, "{donnees}");
    }
}

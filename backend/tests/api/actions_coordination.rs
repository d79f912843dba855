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

const EQUIPE: &str = "{ monEquipe { personneId prenom } }";
const ENTRETIEN: &str = "mutation($e: EntretienEntree!) { enregistrerEntretien(entretien: $e) {
    personne date notes prochaineEtape } }";
const ENTRETIENS: &str = "{ mesEntretiens { personne notes prochaineEtape } }";
const MESSAGE: &str = "mutation($o: String!, $t: String!, $d: [ID!]! = []) {
    envoyerMessageALEquipe(objet: $o, texte: $t, destinataires: $d) { objet destinataires } }";

async fn lou(coordinateur: &common::Client) -> Value {
    let equipe = coordinateur.data(EQUIPE, json!({})).await["monEquipe"].clone();
    equipe
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["prenom"] == "Lou")
        .expect("Lou is in the team")["personneId"]
        .clone()
}

on_both_engines! {
    async fn a_coordinator_logs_bilateral_meetings_only_it_reads(app) {
        let (coordinateur, conseillere) = equipe_de_brest(&app).await;
        let lou = lou(&coordinateur).await;
        let aujourd_hui = maillage_shared::jour::jour_en_metropole(Utc::now());
        let entretien = coordinateur
            .data(ENTRETIEN, json!({ "e": { "personneId": lou, "date": aujourd_hui.to_string(),
                "notes": "Souhaite passer le CCP1 au printemps", "prochaineEtape": "Inscription à la session de mars" } }))
            .await["enregistrerEntretien"].clone();
        assert_eq!(entretien["personne"], "Lou Kerouac");
        let liste = coordinateur.data(ENTRETIENS, json!({})).await["mesEntretiens"].clone();
        assert_eq!(liste[0]["notes"], "Souhaite passer le CCP1 au printemps");

        // Someone outside the team, a date out of range, or notes too long are refused; nothing is written.
        let structure = app.connecte(STRUCTURE).await;
        assert_eq!(
            coordinateur.error_code(ENTRETIEN, json!({ "e": { "personneId": "999999", "date": aujourd_hui.to_string() } })).await,
            "NOT_FOUND"
        );
        assert_eq!(
            coordinateur.error_code(ENTRETIEN, json!({ "e": { "personneId": lou, "date": "2020-01-01" } })).await,
            "INVALID_INPUT"
        );
        assert_eq!(
            coordinateur.error_code(ENTRETIEN, json!({ "e": { "personneId": lou, "date": aujourd_hui.to_string(), "notes": "x".repeat(5001) } })).await,
            "INVALID_INPUT"
        );
        assert_eq!(coordinateur.data(ENTRETIENS, json!({})).await["mesEntretiens"].as_array().unwrap().len(), 1);

        // Nobody else reads the notes: not the person met, not the structure.
        assert_eq!(conseillere.error_code(ENTRETIENS, json!({})).await, "FORBIDDEN");
        assert_eq!(structure.error_code(ENTRETIENS, json!({})).await, "FORBIDDEN");
    }

    async fn a_coordinator_writes_to_its_team_or_some_of_it_within_a_daily_limit(app) {
        let (coordinateur, conseillere) = equipe_de_brest(&app).await;
        let lou = lou(&coordinateur).await;
        let envoye = coordinateur
            .data(MESSAGE, json!({ "o": "Réunion d’équipe", "t": "Rendez-vous jeudi à 14 h à la médiathèque." }))
            .await["envoyerMessageALEquipe"].clone();
        // The whole team but the coordinator itself.
        assert_eq!(envoye["destinataires"], 1);
        let notifications = conseillere.data("{ mesNotifications { titre message } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Message de votre coordinateur : Réunion d’équipe", "{notifications}");
        assert!(app.dernier_courriel("lou@exemple.fr").await.contains("Rendez-vous jeudi"));

        // To chosen members only; someone outside the team is refused.
        let choisi = coordinateur.data(MESSAGE, json!({ "o": "CCP1", "t": "Les inscriptions ouvrent.", "d": [lou] })).await;
        assert_eq!(choisi["envoyerMessageALEquipe"]["destinataires"], 1);
        assert_eq!(coordinateur.error_code(MESSAGE, json!({ "o": "x", "t": "y", "d": ["999999"] })).await, "NOT_FOUND");
        assert_eq!(coordinateur.error_code(MESSAGE, json!({ "o": " ", "t": "y" })).await, "INVALID_INPUT");
        let liste = coordinateur.data("{ mesMessagesALEquipe { objet destinataires } }", json!({})).await;
        assert_eq!(liste["mesMessagesALEquipe"].as_array().unwrap().len(), 2);

        // Ten a day: the eleventh is refused and sends nothing.
        for n in 3..=10 {
            coordinateur.data(MESSAGE, json!({ "o": format!("Info {n}"), "t": "Texte" })).await;
        }
        assert_eq!(coordinateur.error_code(MESSAGE, json!({ "o": "De trop", "t": "Texte" })).await, "RATE_LIMITED");
        assert_eq!(coordinateur.data("{ mesMessagesALEquipe { objet } }", json!({})).await["mesMessagesALEquipe"].as_array().unwrap().len(), 10);
        assert_eq!(conseillere.error_code(MESSAGE, json!({ "o": "x", "t": "y" })).await, "FORBIDDEN");
    }
}

//! The coordinator's actions of the year and the meeting days the caller is invited to.

use chrono::NaiveDate;
use maillage_shared::coordination::{AxeMission, NatureAction};
use serde::Deserialize;
use serde_json::json;

use super::{ErreurApi, requete};

/// An action of a coordinator.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ActionCoordination {
    pub id: String,
    pub nature: NatureAction,
    pub axe: AxeMission,
    pub titre: String,
    pub date: NaiveDate,
    pub lieu: String,
    pub description: String,
    pub partenaires: String,
    pub organisateur: String,
    pub inscrits: i64,
    pub inscrit: bool,
}

/// An action to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NouvelleAction {
    pub nature: NatureAction,
    pub axe: AxeMission,
    pub titre: String,
    pub date: NaiveDate,
    pub lieu: String,
    pub description: String,
    pub partenaires: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Annee {
    mes_actions_de_coordination: Vec<ActionCoordination>,
}

/// The calling coordinator's actions of this year, by date.
pub async fn mes_actions() -> Result<Vec<ActionCoordination>, ErreurApi> {
    const QUERY: &str = "{ mesActionsDeCoordination { id nature axe titre date lieu description partenaires \
        organisateur inscrits inscrit } }";
    Ok(requete::<Annee>(QUERY, json!({}))
        .await?
        .mes_actions_de_coordination)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Enregistree {
    enregistrer_action_de_coordination: ActionCoordination,
}

/// Records an action of the calling coordinator.
pub async fn enregistrer(action: &NouvelleAction) -> Result<ActionCoordination, ErreurApi> {
    const QUERY: &str = "mutation($a: ActionEntree!) { enregistrerActionDeCoordination(action: $a) { id nature \
        axe titre date lieu description partenaires organisateur inscrits inscrit } }";
    let entree = json!({
        "nature": action.nature.as_str(), "axe": action.axe.as_str(), "titre": action.titre,
        "date": action.date.to_string(), "lieu": action.lieu, "description": action.description,
        "partenaires": action.partenaires,
    });
    Ok(requete::<Enregistree>(QUERY, json!({ "a": entree }))
        .await?
        .enregistrer_action_de_coordination)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Journees {
    journees_de_rencontre: Vec<ActionCoordination>,
}

/// The meeting days the caller is invited to, from a month ago on.
pub async fn journees() -> Result<Vec<ActionCoordination>, ErreurApi> {
    const QUERY: &str = "{ journeesDeRencontre { id nature axe titre date lieu description partenaires \
        organisateur inscrits inscrit } }";
    Ok(requete::<Journees>(QUERY, json!({})).await?.journees_de_rencontre)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Inscription {
    s_inscrire_a_une_journee: bool,
}

/// Registers the caller to a meeting day (or withdraws); returns the registration.
pub async fn s_inscrire(id: &str, inscrit: bool) -> Result<bool, ErreurApi> {
    const QUERY: &str =
        "mutation($id: ID!, $i: Boolean!) { sInscrireAUneJournee(actionId: $id, inscrit: $i) }";
    Ok(requete::<Inscription>(QUERY, json!({ "id": id, "i": inscrit }))
        .await?
        .s_inscrire_a_une_journee)
}

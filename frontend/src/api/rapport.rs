//! The coordinator's annual report, sending it, and the agents' follow-up of who sent theirs.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::json;

use super::{ErreurApi, requete};

/// A count under a key.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Compte {
    pub cle: String,
    pub nombre: i64,
}

/// An action of the year.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ActionRapport {
    pub date: NaiveDate,
    pub nature: String,
    pub titre: String,
}

/// The report of a year.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rapport {
    pub annee: i32,
    pub structure: String,
    pub perimetre: Vec<String>,
    pub population: i64,
    pub communes: i64,
    pub lieux: i64,
    pub communes_sans_lieu: i64,
    pub conseillers: i64,
    pub accompagnements: i64,
    pub participants: i64,
    pub heures: i64,
    pub par_mois: Vec<i64>,
    pub par_theme: Vec<Compte>,
    pub actions_par_nature: Vec<Compte>,
    pub actions: Vec<ActionRapport>,
    pub envoye_le: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MonRapport {
    mon_rapport_annuel: Rapport,
}

/// The calling coordinator's report of `annee`, from today's data.
pub async fn mon_rapport(annee: i32) -> Result<Rapport, ErreurApi> {
    const QUERY: &str = "query($a: Int) { monRapportAnnuel(annee: $a) { annee structure perimetre population \
        communes lieux communesSansLieu conseillers accompagnements participants heures parMois \
        parTheme { cle nombre } actionsParNature { cle nombre } actions { date nature titre } envoyeLe } }";
    Ok(requete::<MonRapport>(QUERY, json!({ "a": annee }))
        .await?
        .mon_rapport_annuel)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envoye {
    envoyer_rapport_annuel: DateTime<Utc>,
}

/// Sends the report of `annee` to the préfecture; returns when.
pub async fn envoyer(annee: i32) -> Result<DateTime<Utc>, ErreurApi> {
    const QUERY: &str = "mutation($a: Int!) { envoyerRapportAnnuel(annee: $a) }";
    Ok(requete::<Envoye>(QUERY, json!({ "a": annee }))
        .await?
        .envoyer_rapport_annuel)
}

/// A coordinator of the zone and its report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suivi {
    pub coordinateur_id: String,
    pub coordinateur: String,
    pub structure: String,
    pub departement_code: String,
    pub envoye_le: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Suivis {
    rapports_annuels: Vec<Suivi>,
}

/// The coordinators of the caller's zone and whether each sent its report of `annee`.
pub async fn suivi(annee: i32) -> Result<Vec<Suivi>, ErreurApi> {
    const QUERY: &str = "query($a: Int!) { rapportsAnnuels(annee: $a) { coordinateurId coordinateur structure \
        departementCode envoyeLe } }";
    Ok(requete::<Suivis>(QUERY, json!({ "a": annee }))
        .await?
        .rapports_annuels)
}

//! What the map pages read: the shapes of the départements (a static file served with the app), the
//! figures of every département, and for one département its EPCI, lieux and coordinators.

use std::sync::Arc;

use maillage_shared::candidature::StatutCandidature;
use maillage_shared::carte::Formes;
use maillage_shared::territoire::CodeDepartement;
use serde::Deserialize;
use serde_json::json;

use super::tableau_de_bord::LigneDepartement;
use super::territoires::{DepartementDeEpci, Lien};
use super::{ErreurApi, requete};

/// The shapes of the départements, parsed once per page (shared by the views that draw them).
pub async fn formes() -> Result<Arc<Formes>, ErreurApi> {
    let illisible = |message: String| ErreurApi::Serveur { code: None, message };
    let texte = gloo_net::http::Request::get("/formes-departements.json")
        .send()
        .await
        .map_err(|_| ErreurApi::Reseau)?
        .text()
        .await
        .map_err(|erreur| illisible(erreur.to_string()))?;
    Formes::depuis_json(&texte).map(Arc::new).map_err(illisible)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IndicateursDepartements {
    indicateurs_departements: Vec<LigneDepartement>,
}

/// The figures of the 101 départements of the programme, in code order.
pub async fn indicateurs_departements() -> Result<Vec<LigneDepartement>, ErreurApi> {
    const QUERY: &str = "{ indicateursDepartements { departement { code nom region { code nom } } \
        population coordinateurs conseillers lieux candidatures candidaturesParStatut { statut nombre } \
        populationCouverte partPopulationCouverte conseillersPourDixMille lieuxPourDixMille } }";
    Ok(requete::<IndicateursDepartements>(QUERY, json!({}))
        .await?
        .indicateurs_departements)
}

/// A candidature on an EPCI, as an agent allowed to read it sees it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CandidatureEpci {
    pub id: String,
    pub statut: StatutCandidature,
    pub structure: Nom,
}

/// Something known by its name only.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Nom {
    pub nom: String,
}

/// A coordinator in post who agreed to appear on the map.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoordinateurCarte {
    pub prenom: String,
    pub nom: String,
    pub structure: String,
    /// Set when the perimeter is a whole département.
    pub perimetre_departement_code: Option<String>,
}

/// The figures of one EPCI in a département.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicateursEpci {
    pub epci: Lien,
    pub population: i64,
    pub communes: i64,
    pub lieux: i64,
    pub conseillers: i64,
    pub conseillers_pour_dix_mille: f64,
    pub nombre_candidatures: i64,
    pub nombre_coordinateurs: i64,
    /// Whether a coordinator in post covers it.
    pub couvert: bool,
    /// Several candidatures or coordinators on it.
    pub chevauchement: bool,
    /// Empty unless the caller may read them.
    pub candidatures: Vec<CandidatureEpci>,
    pub coordinateurs: Vec<CoordinateurCarte>,
}

/// A lieu de médiation numérique as a point.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PointLieu {
    pub epci_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// Everything the map of a département shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CarteDepartement {
    pub indicateurs_epci: Vec<IndicateursEpci>,
    pub points_lieux: Vec<PointLieu>,
}

#[derive(Deserialize)]
struct UnDepartement {
    departement: Option<DepartementDeEpci>,
}

/// A département (with its région) and what its map shows; `None` when the code is malformed or unknown.
pub async fn carte_departement(
    code: &str,
) -> Result<Option<(DepartementDeEpci, CarteDepartement)>, ErreurApi> {
    const DEPARTEMENT: &str =
        "query($code: String!) { departement(code: $code) { code nom region { code nom } } }";
    const CARTE: &str = "query($code: String!) { indicateursEpci(departement: $code) { epci { code nom } \
        population communes lieux conseillers conseillersPourDixMille nombreCandidatures nombreCoordinateurs \
        couvert chevauchement candidatures { id statut structure { nom } } \
        coordinateurs { prenom nom structure perimetreDepartementCode } } \
        pointsLieux(departement: $code) { epciCode latitude longitude } }";
    if CodeDepartement::parse(code).is_err() {
        return Ok(None);
    }
    let variables = json!({ "code": code });
    // Asked first, so that an unknown code shows "introuvable" rather than the refusal of the figures.
    let Some(departement) = requete::<UnDepartement>(DEPARTEMENT, variables.clone())
        .await?
        .departement
    else {
        return Ok(None);
    };
    let carte = requete::<CarteDepartement>(CARTE, variables).await?;
    Ok(Some((departement, carte)))
}

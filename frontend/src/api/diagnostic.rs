//! The coordinator's territorial diagnosis, and the lieux of the départements its perimeter lies in (to
//! draw them).

use serde::Deserialize;
use serde_json::json;

use super::carte::PointLieu;
use super::{ErreurApi, requete};

/// A commune of the perimeter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticCommune {
    pub code: String,
    pub nom: String,
    pub population: i64,
    pub lieux: i64,
    pub conseillers: i64,
    pub habitants_par_conseiller: Option<i64>,
}

/// An EPCI's code and name.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EpciNomme {
    pub code: String,
    pub nom: String,
}

/// An EPCI of the perimeter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticEpci {
    pub epci: EpciNomme,
    pub population: i64,
    pub communes: i64,
    pub lieux: i64,
    pub conseillers: i64,
    pub habitants_par_conseiller: Option<i64>,
    /// By decreasing population.
    pub communes_sans_lieu: Vec<DiagnosticCommune>,
    pub services_manquants: Vec<String>,
}

/// The diagnosis of the perimeter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub departements: Vec<String>,
    pub population: i64,
    pub nombre_communes: i64,
    pub lieux: i64,
    pub conseillers: i64,
    pub habitants_par_conseiller: Option<i64>,
    pub communes_sans_lieu: i64,
    pub services_manquants: Vec<String>,
    pub epcis: Vec<DiagnosticEpci>,
    pub communes: Vec<DiagnosticCommune>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Reponse {
    diagnostic_territorial: Diagnostic,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Points {
    points_lieux: Vec<PointLieu>,
}

/// The diagnosis, and the lieux of each département of the perimeter.
pub async fn diagnostic() -> Result<(Diagnostic, Vec<(String, Vec<PointLieu>)>), ErreurApi> {
    const QUERY: &str = "{ diagnosticTerritorial { departements population nombreCommunes lieux conseillers \
        habitantsParConseiller communesSansLieu servicesManquants \
        epcis { epci { code nom } population communes lieux conseillers habitantsParConseiller \
        communesSansLieu { code nom population lieux conseillers habitantsParConseiller } servicesManquants } \
        communes { code nom population lieux conseillers habitantsParConseiller } } }";
    const POINTS: &str =
        "query($code: String!) { pointsLieux(departement: $code) { epciCode latitude longitude } }";
    let diagnostic = requete::<Reponse>(QUERY, json!({})).await?.diagnostic_territorial;
    let mut points = Vec::new();
    for code in &diagnostic.departements {
        let lieux = requete::<Points>(POINTS, json!({ "code": code }))
            .await?
            .points_lieux;
        points.push((code.clone(), lieux));
    }
    Ok((diagnostic, points))
}

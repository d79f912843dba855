//! Queries of the territorial referential and the shapes of their answers.

use maillage_shared::territoire::NatureTerritoire;
use serde::Deserialize;
use serde_json::json;

use super::{ErreurApi, requete};

/// A territory named in a link: code and name.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Lien {
    pub code: String,
    pub nom: String,
}

/// A line of a département table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LigneDepartement {
    pub code: String,
    pub nom: String,
    pub population: i64,
    pub nombre_communes: i64,
    pub nombre_epcis: i64,
}

/// A région with its départements.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub code: String,
    pub nom: String,
    pub population: i64,
    pub nombre_communes: i64,
    pub departements: Vec<LigneDepartement>,
}

/// A line of an EPCI table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LigneEpci {
    pub code: String,
    pub nom: String,
    pub libelle_nature: String,
    pub population: i64,
    pub nombre_communes: i64,
}

/// A département page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Departement {
    pub code: String,
    pub nom: String,
    pub population: i64,
    pub nombre_communes: i64,
    pub nombre_epcis: i64,
    pub dans_le_programme: bool,
    pub region: Lien,
    pub epcis: Vec<LigneEpci>,
}

/// A line of a commune table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LigneCommune {
    pub code: String,
    pub nom: String,
    pub population: i64,
    pub codes_postaux: Vec<String>,
}

/// A département of an EPCI, with its région for the breadcrumb.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DepartementDeEpci {
    pub code: String,
    pub nom: String,
    pub region: Lien,
}

/// An EPCI page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Epci {
    pub code: String,
    pub nom: String,
    pub libelle_nature: String,
    pub population: i64,
    pub nombre_communes: i64,
    pub departements: Vec<DepartementDeEpci>,
    pub communes: Vec<LigneCommune>,
}

/// The EPCI of a commune.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EpciDeCommune {
    pub code: String,
    pub nom: String,
    pub libelle_nature: String,
}

/// A commune page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Commune {
    pub code: String,
    pub nom: String,
    pub population: i64,
    pub siren: Option<String>,
    pub codes_postaux: Vec<String>,
    pub epci: Option<EpciDeCommune>,
    pub departement: Lien,
    pub region: Lien,
}

/// A search suggestion.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Suggestion {
    pub nature: NatureTerritoire,
    pub code: String,
    pub nom: String,
    pub contexte: String,
}

impl Suggestion {
    /// The page of the suggested territory.
    pub fn chemin(&self) -> String {
        chemin(self.nature, &self.code)
    }
}

/// The app's path for a territory.
pub fn chemin(nature: NatureTerritoire, code: &str) -> String {
    match nature {
        NatureTerritoire::Region => format!("/territoires/regions/{code}"),
        NatureTerritoire::Departement => format!("/territoires/departements/{code}"),
        NatureTerritoire::Epci => format!("/territoires/epci/{code}"),
        NatureTerritoire::Commune => format!("/territoires/communes/{code}"),
    }
}

#[derive(Deserialize)]
struct Regions {
    regions: Vec<Region>,
}

/// The régions with their départements (the Territoires page).
pub async fn regions() -> Result<Vec<Region>, ErreurApi> {
    const QUERY: &str = "{ regions { code nom population nombreCommunes \
        departements { code nom population nombreCommunes nombreEpcis } } }";
    Ok(requete::<Regions>(QUERY, json!({})).await?.regions)
}

#[derive(Deserialize)]
struct UneRegion {
    region: Option<Region>,
}

/// One région with its départements; `None` when the code is unknown.
pub async fn region(code: &str) -> Result<Option<Region>, ErreurApi> {
    const QUERY: &str = "query($code: String!) { region(code: $code) { code nom population nombreCommunes \
        departements { code nom population nombreCommunes nombreEpcis } } }";
    Ok(requete::<UneRegion>(QUERY, json!({ "code": code })).await?.region)
}

#[derive(Deserialize)]
struct UnDepartement {
    departement: Option<Departement>,
}

/// A département with its EPCI; `None` when the code is unknown.
pub async fn departement(code: &str) -> Result<Option<Departement>, ErreurApi> {
    const QUERY: &str = "query($code: String!) { departement(code: $code) { code nom population nombreCommunes \
        nombreEpcis dansLeProgramme region { code nom } \
        epcis { code nom libelleNature population nombreCommunes } } }";
    Ok(requete::<UnDepartement>(QUERY, json!({ "code": code }))
        .await?
        .departement)
}

#[derive(Deserialize)]
struct UnEpci {
    epci: Option<Epci>,
}

/// An EPCI with its member communes; `None` when the SIREN is unknown.
pub async fn epci(code: &str) -> Result<Option<Epci>, ErreurApi> {
    const QUERY: &str = "query($code: String!) { epci(code: $code) { code nom libelleNature population \
        nombreCommunes departements { code nom region { code nom } } \
        communes { code nom population codesPostaux } } }";
    Ok(requete::<UnEpci>(QUERY, json!({ "code": code })).await?.epci)
}

#[derive(Deserialize)]
struct UneCommune {
    commune: Option<Commune>,
}

/// A commune; `None` when the code is unknown.
pub async fn commune(code: &str) -> Result<Option<Commune>, ErreurApi> {
    const QUERY: &str = "query($code: String!) { commune(code: $code) { code nom population siren codesPostaux \
        epci { code nom libelleNature } departement { code nom } region { code nom } } }";
    Ok(requete::<UneCommune>(QUERY, json!({ "code": code }))
        .await?
        .commune)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Recherche {
    recherche_territoires: Vec<Suggestion>,
}

/// Suggestions for what the person is typing.
pub async fn rechercher(texte: &str) -> Result<Vec<Suggestion>, ErreurApi> {
    const QUERY: &str = "query($texte: String!) { rechercheTerritoires(texte: $texte, premiers: 8) \
        { nature code nom contexte } }";
    Ok(requete::<Recherche>(QUERY, json!({ "texte": texte }))
        .await?
        .recherche_territoires)
}

/// Suggestions of one level only (the intercommunalités of a perimeter): the server ranks every level
/// together, so ask for more and keep the first of that level.
pub async fn rechercher_parmi(texte: &str, nature: NatureTerritoire) -> Result<Vec<Suggestion>, ErreurApi> {
    const QUERY: &str = "query($texte: String!) { rechercheTerritoires(texte: $texte, premiers: 40) \
        { nature code nom contexte } }";
    Ok(requete::<Recherche>(QUERY, json!({ "texte": texte }))
        .await?
        .recherche_territoires
        .into_iter()
        .filter(|suggestion| suggestion.nature == nature)
        .take(8)
        .collect())
}

//! The agents' dashboard (`tableauDeBord`): the figures of their territory, in total and by département.

use maillage_shared::candidature::{CasDeFigure, StatutCandidature};
use serde::Deserialize;
use serde_json::json;

use super::territoires::Lien;
use super::{ErreurApi, requete};

/// The coverage and candidature figures every level asks for (`Indicateurs`).
macro_rules! champs_indicateurs {
    () => {
        "population coordinateurs conseillers lieux candidatures candidaturesParStatut { statut nombre } \
         populationCouverte partPopulationCouverte conseillersPourDixMille lieuxPourDixMille"
    };
}

/// Filed candidatures of one status.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NombreParStatut {
    pub statut: StatutCandidature,
    pub nombre: i32,
}

/// Filed candidatures of one case.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NombreParCas {
    pub cas: CasDeFigure,
    pub nombre: i32,
}

/// Coverage and candidature figures of a territory.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicateurs {
    pub population: i64,
    /// Coordinators in post whose structure is in the territory.
    pub coordinateurs: i64,
    /// Conseillers numériques whose contract is running.
    pub conseillers: i64,
    /// Lieux de médiation numérique.
    pub lieux: i64,
    /// Filed candidatures (every status but draft).
    pub candidatures: i64,
    pub candidatures_par_statut: Vec<NombreParStatut>,
    /// Inhabitants of the communes inside a coordinator's perimeter.
    pub population_couverte: i64,
    /// `population_couverte / population`, 0 to 1.
    pub part_population_couverte: f64,
    pub conseillers_pour_dix_mille: f64,
    pub lieux_pour_dix_mille: f64,
}

impl Indicateurs {
    /// The filed candidatures of `statut` (0 when the server lists none).
    pub fn candidatures_au_statut(&self, statut: StatutCandidature) -> i32 {
        self.candidatures_par_statut
            .iter()
            .find(|ligne| ligne.statut == statut)
            .map_or(0, |ligne| ligne.nombre)
    }
}

/// A département named with its région.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DepartementDeLigne {
    pub code: String,
    pub nom: String,
    pub region: Lien,
}

/// One line of the per-département table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LigneDepartement {
    pub departement: DepartementDeLigne,
    #[serde(flatten)]
    pub indicateurs: Indicateurs,
}

/// The dashboard of a territory.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableauDeBord {
    /// "France entière", the région's or the département's name.
    pub libelle: String,
    pub total: Indicateurs,
    pub par_departement: Vec<LigneDepartement>,
    pub candidatures_par_cas: Vec<NombreParCas>,
    /// Filed candidatures waiting for the préfecture's avis.
    pub avis_attendus: i64,
    /// Candidatures still in instruction two months after filing.
    pub decisions_en_retard: i64,
    /// Validated posts without a coordinator six months after notification.
    pub recrutements_en_retard: i64,
    /// Subsidies of the validated candidatures, in euros.
    pub budget_engage: i64,
    /// Conventions paid, in euros.
    pub budget_verse: i64,
}

impl TableauDeBord {
    /// The filed candidatures of `cas` (0 when the server lists none).
    pub fn candidatures_du_cas(&self, cas: CasDeFigure) -> i32 {
        self.candidatures_par_cas
            .iter()
            .find(|ligne| ligne.cas == cas)
            .map_or(0, |ligne| ligne.nombre)
    }

    /// The région every département of the dashboard belongs to; `None` for the whole country.
    pub fn region(&self) -> Option<&Lien> {
        let premiere = &self.par_departement.first()?.departement.region;
        self.par_departement
            .iter()
            .all(|ligne| ligne.departement.region.code == premiere.code)
            .then_some(premiere)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UnTableauDeBord {
    tableau_de_bord: TableauDeBord,
}

/// The dashboard of a région or a département, or of the caller's own territory when both are `None`
/// (France for ANCT). The server refuses a territory outside the caller's.
pub async fn tableau_de_bord(
    region: Option<&str>,
    departement: Option<&str>,
) -> Result<TableauDeBord, ErreurApi> {
    const QUERY: &str = concat!(
        "query($region: String, $departement: String) { \
         tableauDeBord(region: $region, departement: $departement) { libelle total { ",
        champs_indicateurs!(),
        " } parDepartement { departement { code nom region { code nom } } ",
        champs_indicateurs!(),
        " } candidaturesParCas { cas nombre } avisAttendus decisionsEnRetard recrutementsEnRetard \
         budgetEngage budgetVerse } }"
    );
    let variables = json!({ "region": region, "departement": departement });
    Ok(requete::<UnTableauDeBord>(QUERY, variables)
        .await?
        .tableau_de_bord)
}

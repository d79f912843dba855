//! The programme's conseillers numériques (`graphql/conseillers.graphql`): the list of the caller's scope
//! (ANCT, a préfecture), and sending the programme's file to `POST /imports/conseillers`.

use maillage_shared::lieu::ErreurLigne;
use serde::Deserialize;

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(ConseillersDuProgramme, "graphql/conseillers.graphql");

/// A page of conseillers and their number.
pub type PageConseillers = conseillers_du_programme::ConseillersDuProgrammeConseillersDuProgramme;
/// A conseiller as the list shows it.
pub type Conseiller = conseillers_du_programme::ConseillersDuProgrammeConseillersDuProgrammeElements;

/// The conseillers of the caller's scope (of `departement` for ANCT when given), most recent first.
pub async fn lister(
    departement: Option<String>,
    premiers: i64,
    decalage: i64,
) -> Result<PageConseillers, ErreurApi> {
    let variables = conseillers_du_programme::Variables {
        departement,
        premiers,
        decalage,
    };
    Ok(send::<ConseillersDuProgramme>(variables)
        .await?
        .conseillers_du_programme)
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BilanImportConseillers {
    pub crees: usize,
    pub mis_a_jour: usize,
    pub erreurs: Vec<ErreurLigne>,
}

/// Sends the programme's file; `progression` receives the share sent, 0 to 1.
pub async fn importer(
    fichier: web_sys::File,
    progression: impl Fn(f64) + 'static,
) -> Result<BilanImportConseillers, ErreurApi> {
    super::televersement::televerser("/imports/conseillers", "text/csv", fichier, progression).await
}

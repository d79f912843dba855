//! Sending a file of lieux to `POST /imports/lieux` (`super::televersement`).

use maillage_shared::lieu::ErreurLigne;
use serde::Deserialize;

use super::ErreurApi;

/// What the import did.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BilanImportLieux {
    pub importes: usize,
    pub erreurs: Vec<ErreurLigne>,
}

/// Sends `fichier`; `progression` receives the share sent, 0 to 1, as the upload goes.
pub async fn importer(
    fichier: web_sys::File,
    tout_ou_rien: bool,
    progression: impl Fn(f64) + 'static,
) -> Result<BilanImportLieux, ErreurApi> {
    super::televersement::televerser(
        &format!("/imports/lieux?toutOuRien={tout_ou_rien}"),
        "text/csv",
        fichier,
        progression,
    )
    .await
}

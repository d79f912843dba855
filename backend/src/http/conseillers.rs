//! `POST /imports/conseillers`: the programme's file of conseillers numériques, sent from the browser by
//! ANCT or a préfecture (`poste::conseillers`). The body is the CSV itself, received as every upload is
//! (`televersement`); one transaction, answered with what was done and the refused lines as JSON.

use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use serde::Serialize;

use crate::error::AppError;
use crate::poste::conseillers;

/// The largest file accepted (10 000 lines of a few hundred bytes).
pub const TAILLE_MAX: usize = 4 * 1024 * 1024;

/// What the import did, as JSON.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bilan {
    pub crees: usize,
    pub mis_a_jour: usize,
    pub erreurs: Vec<maillage_shared::lieu::ErreurLigne>,
}

/// `POST /imports/conseillers`.
pub async fn televerser(State(db): State<DatabaseConnection>, entetes: HeaderMap, corps: Body) -> Response {
    match importer(&db, &entetes, corps).await {
        Ok(bilan) => axum::Json(bilan).into_response(),
        Err(erreur) => crate::http::exports::reponse_d_erreur(erreur, "import de conseillers"),
    }
}

async fn importer(db: &DatabaseConnection, entetes: &HeaderMap, corps: Body) -> Result<Bilan, AppError> {
    let (acteur, corps) =
        crate::http::televersement::recevoir_csv(db, entetes, corps, TAILLE_MAX, conseillers::autoriser)
            .await?;
    let txn = crate::database::ecriture(db).await?;
    crate::journal::limiter(
        &txn,
        &acteur,
        "importerConseillers",
        conseillers::IMPORTS_PAR_JOUR,
        chrono::Duration::hours(24),
    )
    .await?;
    let bilan = conseillers::importer(&txn, &acteur, &corps).await?;
    crate::http::televersement::consigner(&txn, entetes, &acteur, "conseillers", "importerConseillers")
        .await?;
    txn.commit().await?;
    Ok(Bilan {
        crees: bilan.crees,
        mis_a_jour: bilan.mis_a_jour,
        erreurs: bilan.erreurs,
    })
}

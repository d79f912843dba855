//! What every upload (the CSV imports `POST /imports/…`, the documents of candidatures) does before using
//! its file: the caller is known and allowed before
//! the body is read (an anonymous or unauthorised upload is answered at once, without receiving its file),
//! the body is declared of its type, `text/csv` or `application/octet-stream` (a cross-site form cannot send this type without the browser asking
//! first, which it refuses), then it is received, bounded, before any write transaction: a slow upload holds
//! no lock.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, header};
use sea_orm::DatabaseConnection;

use crate::compte::acteur::Acteur;
use crate::error::AppError;

/// The caller of an upload, allowed by `autoriser`, and the file, at most `taille_max` bytes.
pub async fn recevoir_csv(
    db: &DatabaseConnection,
    entetes: &HeaderMap,
    corps: Body,
    taille_max: usize,
    autoriser: impl FnOnce(&Acteur) -> Result<(), AppError>,
) -> Result<(Acteur, Bytes), AppError> {
    let acteur = appelant(db, entetes).await?;
    autoriser(&acteur)?;
    let fichier = recevoir(entetes, corps, "text/csv", taille_max).await?;
    Ok((acteur, fichier))
}

/// The logged-in caller of an upload or a download.
pub async fn appelant(db: &DatabaseConnection, entetes: &HeaderMap) -> Result<Acteur, AppError> {
    crate::compte::service::acteur_des_entetes(db, entetes)
        .await?
        .ok_or(AppError::NonConnecte)
}

/// Refuses a body not declared of `type_attendu` (a type a cross-site form cannot send without the browser
/// asking first).
pub fn exiger_le_type(entetes: &HeaderMap, type_attendu: &str) -> Result<(), AppError> {
    let declare = entetes
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(type_attendu));
    if declare {
        Ok(())
    } else {
        Err(AppError::InvalidInput(format!(
            "Envoyez le fichier tel quel, en {type_attendu}."
        )))
    }
}

/// The body, declared of `type_attendu`, at most `taille_max` bytes.
pub async fn recevoir(
    entetes: &HeaderMap,
    corps: Body,
    type_attendu: &str,
    taille_max: usize,
) -> Result<Bytes, AppError> {
    exiger_le_type(entetes, type_attendu)?;
    axum::body::to_bytes(corps, taille_max).await.map_err(|_| {
        AppError::InvalidInput(format!(
            "Le fichier n’a pas pu être reçu en entier (au plus {} Mo).",
            taille_max / (1024 * 1024)
        ))
    })
}

/// Writes the import of `objet` by `acteur` to the audit log, with the request's id.
pub async fn consigner(
    txn: &impl sea_orm::ConnectionTrait,
    entetes: &HeaderMap,
    acteur: &Acteur,
    objet: &str,
    action: &str,
) -> Result<(), AppError> {
    let requete_id = entetes
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    crate::journal::consigner(
        txn,
        &crate::journal::Entree::new(Some(acteur), objet, action, requete_id),
    )
    .await
}

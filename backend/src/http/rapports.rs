//! `GET /rapports/{annee}.pdf`: the calling coordinator's own report, built from today's data;
//! `GET /rapports/{coordinateur}-{annee}.pdf`: a report as it was sent, for the agents of its zone.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;

use crate::error::AppError;
use crate::graphql::context::today;
use crate::rapport::{document, service};

/// `GET /rapports/{fichier}`.
pub async fn telecharger(
    State(db): State<DatabaseConnection>,
    Path(fichier): Path<String>,
    entetes: HeaderMap,
) -> Response {
    match produire(&db, &fichier, &entetes).await {
        Ok(reponse) => reponse,
        Err(erreur) => super::exports::reponse_d_erreur(erreur, "rapport"),
    }
}

async fn produire(db: &DatabaseConnection, fichier: &str, entetes: &HeaderMap) -> Result<Response, AppError> {
    let introuvable = || AppError::Introuvable("Rapport introuvable.".to_owned());
    let nom = fichier.strip_suffix(".pdf").ok_or_else(introuvable)?;
    let acteur = crate::compte::service::acteur_des_entetes(db, entetes)
        .await?
        .ok_or(AppError::NonConnecte)?;
    let (rapport, envoye_le) = match nom.split_once('-') {
        None => {
            let annee: i32 = nom.parse().map_err(|_| introuvable())?;
            let rapport = service::calculer(db, &acteur, annee, today()).await?;
            (rapport, service::envoye_le(db, &acteur, annee).await?)
        }
        Some((coordinateur, annee)) => {
            let coordinateur: i64 = coordinateur.parse().map_err(|_| introuvable())?;
            let annee: i32 = annee.parse().map_err(|_| introuvable())?;
            let (rapport, le) = service::recu(db, &acteur, coordinateur, annee).await?;
            (rapport, Some(le))
        }
    };
    let nom_fichier = format!("rapport-activite-{}.pdf", rapport.annee);
    let mut reponse = document::en_pdf(&rapport, envoye_le, today())
        .await?
        .into_response();
    let entetes = reponse.headers_mut();
    entetes.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    entetes.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Ok(valeur) = HeaderValue::from_str(&format!("attachment; filename=\"{nom_fichier}\"")) {
        entetes.insert(header::CONTENT_DISPOSITION, valeur);
    }
    Ok(reponse)
}

//! The PDFs of a candidature over HTTP: `GET /candidatures/{id}/dossier.pdf` and, once ANCT decided,
//! `GET /candidatures/{id}/decision.pdf`, to those who read the candidature (their session is asked).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;

use crate::candidature::documents;
use crate::graphql::context::today;
use crate::http::exports::reponse_d_erreur;

/// `GET /candidatures/{id}/dossier.pdf`.
pub async fn dossier(
    State(db): State<DatabaseConnection>,
    Path(id): Path<i64>,
    entetes: HeaderMap,
) -> Response {
    let produit = async {
        let acteur = crate::http::televersement::appelant(&db, &entetes).await?;
        documents::dossier(&db, &acteur, id, today()).await
    };
    match produit.await {
        Ok(pdf) => en_pdf(pdf, &format!("dossier-candidature-{id}.pdf")),
        Err(erreur) => reponse_d_erreur(erreur, "dossier PDF"),
    }
}

/// `GET /candidatures/{id}/decision.pdf`.
pub async fn decision(
    State(db): State<DatabaseConnection>,
    Path(id): Path<i64>,
    entetes: HeaderMap,
) -> Response {
    let produit = async {
        let acteur = crate::http::televersement::appelant(&db, &entetes).await?;
        documents::decision(&db, &acteur, id, today()).await
    };
    match produit.await {
        Ok(pdf) => en_pdf(pdf, &format!("decision-candidature-{id}.pdf")),
        Err(erreur) => reponse_d_erreur(erreur, "décision PDF"),
    }
}

fn en_pdf(pdf: Vec<u8>, nom: &str) -> Response {
    let mut reponse = pdf.into_response();
    let entetes = reponse.headers_mut();
    entetes.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    entetes.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Ok(valeur) = HeaderValue::from_str(&format!("attachment; filename=\"{nom}\"")) {
        entetes.insert(header::CONTENT_DISPOSITION, valeur);
    }
    reponse
}

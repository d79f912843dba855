//! The documents of candidatures over HTTP. `POST /candidatures/{id}/pieces?nature=…&nom=…` attaches one: the
//! caller is known and allowed before the body is read (an anonymous or unauthorised upload is answered at
//! once, without receiving its file), the body is the file itself declared `application/octet-stream` (a
//! cross-site form cannot send this type without the browser asking first, which it refuses), at most
//! 10 Mo, its format read from its content. `GET /candidatures/{id}/pieces/{piece}` downloads one, to those
//! who read the candidature.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use maillage_shared::candidature::pieces::{NaturePiece, PieceRefusee, TAILLE_MAX_PIECE};
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use crate::candidature::dossier;
use crate::error::AppError;
use crate::http::exports::reponse_d_erreur;
use crate::stockage::Stockage;

/// What the document routes need.
#[derive(Clone)]
pub struct EtatPieces {
    pub db: DatabaseConnection,
    pub stockage: Stockage,
}

/// The upload's parameters.
#[derive(Debug, Deserialize)]
pub struct Parametres {
    /// The nature's stored name (`STATUTS`, `DELIBERATION`…).
    pub nature: String,
    /// The file's name on the giver's computer.
    #[serde(default)]
    pub nom: String,
}

/// `POST /candidatures/{id}/pieces`: the document as JSON (`id`, `nom`, `format`, `taille`, `url`).
pub async fn joindre(
    State(etat): State<EtatPieces>,
    Path(candidature_id): Path<i64>,
    Query(parametres): Query<Parametres>,
    entetes: HeaderMap,
    corps: Body,
) -> Response {
    match recevoir(&etat, candidature_id, &parametres, &entetes, corps).await {
        Ok(piece) => {
            let piece = crate::candidature::schema::dossier::PieceJointe::from(piece);
            axum::Json(serde_json::json!({
                "id": piece.id.as_str(),
                "nom": piece.nom,
                "format": piece.format.as_str(),
                "taille": piece.taille,
                "url": piece.url,
            }))
            .into_response()
        }
        Err(erreur) => reponse_d_erreur(erreur, "pièce jointe"),
    }
}

async fn recevoir(
    etat: &EtatPieces,
    candidature_id: i64,
    parametres: &Parametres,
    entetes: &HeaderMap,
    corps: Body,
) -> Result<crate::candidature::entity::piece_jointe::Model, AppError> {
    let acteur = crate::http::televersement::appelant(&etat.db, entetes).await?;
    dossier::autoriser_piece(&etat.db, &acteur, candidature_id).await?;
    let nature = NaturePiece::parse(&parametres.nature).ok_or_else(|| {
        AppError::InvalidInput(format!("Nature de pièce inconnue : « {} ».", parametres.nature))
    })?;
    // A declared size over the limit is refused before a byte of the file is received.
    if let Some(octets) = entetes
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|octets| *octets > TAILLE_MAX_PIECE)
    {
        return Err(AppError::PieceRefusee(PieceRefusee::TropLourde { octets }));
    }
    crate::http::televersement::exiger_le_type(entetes, "application/octet-stream")?;
    let contenu = axum::body::to_bytes(corps, TAILLE_MAX_PIECE).await.map_err(|_| {
        AppError::PieceRefusee(PieceRefusee::TropLourde {
            octets: TAILLE_MAX_PIECE + 1,
        })
    })?;
    let requete_id = entetes
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    dossier::joindre(
        &etat.db,
        &etat.stockage,
        &acteur,
        candidature_id,
        dossier::PieceRecue {
            nature,
            nom: &parametres.nom,
            contenu,
        },
        requete_id,
    )
    .await
}

/// `GET /candidatures/{id}/pieces/{piece}`: the file as it was attached, to download (never shown inline:
/// an image or a PDF opens in its own viewer, not in the app's origin).
pub async fn telecharger(
    State(etat): State<EtatPieces>,
    Path((candidature_id, piece_id)): Path<(i64, i64)>,
    entetes: HeaderMap,
) -> Response {
    let lecture = async {
        let acteur = crate::http::televersement::appelant(&etat.db, &entetes).await?;
        dossier::lire_piece(&etat.db, &etat.stockage, &acteur, candidature_id, piece_id).await
    };
    match lecture.await {
        Ok((piece, contenu)) => {
            let format = maillage_shared::candidature::pieces::FormatDePiece::parse(&piece.format)
                .unwrap_or(maillage_shared::candidature::pieces::FormatDePiece::Pdf);
            let mut reponse = contenu.into_response();
            let entetes = reponse.headers_mut();
            entetes.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.type_mime()));
            entetes.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            if let Ok(valeur) = HeaderValue::from_str(&disposition(&piece.nom)) {
                entetes.insert(header::CONTENT_DISPOSITION, valeur);
            }
            reponse
        }
        Err(erreur) => reponse_d_erreur(erreur, "pièce jointe"),
    }
}

/// `attachment` with the name twice (RFC 6266): in ASCII for old clients (other characters as `_`), and
/// exactly, percent-encoded in UTF-8.
fn disposition(nom: &str) -> String {
    let ascii: String = nom
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encode = String::with_capacity(nom.len() * 3);
    for octet in nom.bytes() {
        if octet.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&octet) {
            encode.push(char::from(octet));
        } else {
            encode.push_str(&format!("%{octet:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encode}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_download_keeps_the_accented_name_and_gives_old_clients_an_ascii_one() {
        assert_eq!(
            super::disposition("Délibération n°2.pdf"),
            "attachment; filename=\"D_lib_ration n_2.pdf\"; filename*=UTF-8''D%C3%A9lib%C3%A9ration%20n%C2%B02.pdf"
        );
    }
}

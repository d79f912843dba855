//! The documents and messages of a candidature: reading them, attaching a document (its own route, with
//! the upload's progress), sending a message with the documents just attached, removing a document of a
//! draft. The operations are in `graphql/dossier.graphql`.

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(LireDossier, "graphql/dossier.graphql");
operation!(EnvoyerMessage, "graphql/dossier.graphql");
operation!(RetirerPiece, "graphql/dossier.graphql");

pub use lire_dossier::LireDossierCandidature as Dossier;
pub use lire_dossier::Piece;

/// The documents, the documents still required and the messages of a candidature.
pub async fn dossier(id: &str) -> Result<Dossier, ErreurApi> {
    let variables = lire_dossier::Variables { id: id.to_owned() };
    Ok(send::<LireDossier>(variables).await?.candidature)
}

/// What the server answers to an attached document.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct PieceJointe {
    pub id: String,
}

/// Attaches `fichier` as a document of `nature`; `progression` receives the share sent.
pub async fn joindre(
    candidature: &str,
    nature: NaturePiece,
    fichier: web_sys::File,
    progression: impl Fn(f64) + 'static,
) -> Result<PieceJointe, ErreurApi> {
    let chemin = format!(
        "/candidatures/{candidature}/pieces?nature={}&nom={}",
        nature.as_str(),
        String::from(js_sys::encode_uri_component(&fichier.name()))
    );
    super::televersement::televerser(&chemin, "application/octet-stream", fichier, progression).await
}

/// Sends a message with the documents just attached for it.
pub async fn envoyer_message(candidature: &str, texte: &str, pieces: Vec<String>) -> Result<(), ErreurApi> {
    let variables = envoyer_message::Variables {
        id: candidature.to_owned(),
        texte: texte.to_owned(),
        pieces: Some(pieces),
    };
    send::<EnvoyerMessage>(variables).await?;
    Ok(())
}

/// Removes a document of a draft.
pub async fn retirer_piece(id: &str) -> Result<(), ErreurApi> {
    send::<RetirerPiece>(retirer_piece::Variables { id: id.to_owned() }).await?;
    Ok(())
}

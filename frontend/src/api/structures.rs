//! Structures porteuses: the caller's own, with the shape shared with candidatures and consultations
//! (the `Structure` fragment of `graphql/candidature.graphql`).

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

pub use super::candidatures::{CommuneDeStructure, Structure};

operation!(
    MaStructure,
    "graphql/candidature.graphql",
    response_type = "super::Structure"
);

impl Structure {
    /// "Brest (Finistère, 29)", or the bare code when the commune is unknown.
    pub fn lieu(&self) -> String {
        match &self.commune {
            Some(commune) => format!(
                "{} ({}, {})",
                commune.nom, commune.departement.nom, commune.departement.code
            ),
            None => format!("département {}", self.departement_code),
        }
    }
}

/// The structure the caller acts for (role STRUCTURE).
pub async fn ma_structure() -> Result<Structure, ErreurApi> {
    Ok(send::<MaStructure>(ma_structure::Variables).await?.ma_structure)
}

//! A conseiller's training, as it declares it (`graphql/formation.graphql`).

use maillage_shared::formation::Formation;

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(MaFormation, "graphql/formation.graphql");
operation!(
    EnregistrerMaFormation,
    "graphql/formation.graphql",
    response_type = "super::FormationConseiller"
);

/// A conseiller's training with what the server derives from it.
pub use ma_formation::FormationConseiller;

/// The caller's training.
pub async fn ma_formation() -> Result<FormationConseiller, ErreurApi> {
    Ok(send::<MaFormation>(ma_formation::Variables).await?.ma_formation)
}

/// Declares the caller's training.
pub async fn enregistrer(formation: &Formation) -> Result<FormationConseiller, ErreurApi> {
    let variables = enregistrer_ma_formation::Variables {
        formation: enregistrer_ma_formation::FormationEntree {
            ccp1: formation.ccp1,
            ccp1_le: formation.ccp1_le,
            pix: formation.pix,
            pix_le: formation.pix_le,
            module_continu: formation.module_continu.clone(),
            module_continu_le: formation.module_continu_le,
        },
    };
    Ok(send::<EnregistrerMaFormation>(variables)
        .await?
        .enregistrer_ma_formation)
}

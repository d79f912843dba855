//! What the legal pages read from the running settings (`graphql/informations_legales.graphql`).

use super::{ErreurApi, operation, send};

operation!(InformationsLegales, "graphql/informations_legales.graphql");

/// The host of this instance, how long each kind of data is kept, how long an emailed link serves.
pub type Informations = informations_legales::InformationsLegalesInformationsLegales;

/// What the legal pages say of this instance.
pub async fn informations_legales() -> Result<Informations, ErreurApi> {
    Ok(send::<InformationsLegales>(informations_legales::Variables)
        .await?
        .informations_legales)
}

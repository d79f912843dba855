//! Batched lookups behind the relation fields: one `IN (…)` query per level and per batch, whatever the
//! number of parents in the answer.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::{DatabaseConnection, DbErr};

use super::entity::{commune, departement, epci, region};
use super::service;

/// Loads territories and their relations for the GraphQL resolvers.
pub struct TerritoireLoader {
    pub db: DatabaseConnection,
}

/// Keys of [`TerritoireLoader`]: each names what is loaded for a code.
macro_rules! cle {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(pub String);
    )*};
}

cle! {
    /// A région by code.
    RegionParCode;
    /// A département by code.
    DepartementParCode;
    /// An EPCI by SIREN.
    EpciParCode;
    /// A commune by INSEE code.
    CommuneParCode;
    /// The départements of a région.
    DepartementsDeRegion;
    /// The EPCI of a département.
    EpcisDeDepartement;
    /// The départements of an EPCI.
    DepartementsDeEpci;
    /// The member communes of an EPCI.
    CommunesDeEpci;
    /// The postal codes of a commune.
    CodesPostauxDeCommune;
}

macro_rules! loader {
    ($key:ident, $value:ty, $fetch:path) => {
        impl Loader<$key> for TerritoireLoader {
            type Value = $value;
            type Error = Arc<DbErr>;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let codes: Vec<String> = keys.iter().map(|key| key.0.clone()).collect();
                let found = $fetch(&self.db, &codes).await.map_err(Arc::new)?;
                Ok(found
                    .into_iter()
                    .map(|(code, value)| ($key(code), value))
                    .collect())
            }
        }
    };
}

/// A loader of lists: every key asked gets its list, empty when nothing belongs to it, so the request's cache
/// keeps that answer too (an absent key would be asked again by every field that needs it).
macro_rules! loader_liste {
    ($key:ident, $value:ty, $fetch:path) => {
        impl Loader<$key> for TerritoireLoader {
            type Value = Vec<$value>;
            type Error = Arc<DbErr>;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let codes: Vec<String> = keys.iter().map(|key| key.0.clone()).collect();
                let mut found = $fetch(&self.db, &codes).await.map_err(Arc::new)?;
                Ok(codes
                    .into_iter()
                    .map(|code| {
                        let value = found.remove(&code).unwrap_or_default();
                        ($key(code), value)
                    })
                    .collect())
            }
        }
    };
}

loader!(RegionParCode, region::Model, service::regions_par_code);
loader!(
    DepartementParCode,
    departement::Model,
    service::departements_par_code
);
loader!(EpciParCode, epci::Model, service::epcis_par_code);
loader!(CommuneParCode, commune::Model, service::communes_par_code);
loader_liste!(
    DepartementsDeRegion,
    departement::Model,
    service::departements_des_regions
);
loader_liste!(EpcisDeDepartement, epci::Model, service::epcis_des_departements);
loader_liste!(
    DepartementsDeEpci,
    departement::Model,
    service::departements_des_epcis
);
loader_liste!(CommunesDeEpci, commune::Model, service::communes_des_epcis);
loader_liste!(CodesPostauxDeCommune, String, service::codes_postaux_des_communes);

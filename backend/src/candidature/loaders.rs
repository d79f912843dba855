//! Batched lookups behind the candidature fields, so a page of candidatures costs one query per relation.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{candidature_epci, consultation, historique_candidature};
use crate::structure::entity as structure;

/// Loads what a candidature refers to.
pub struct CandidatureLoader {
    pub db: DatabaseConnection,
}

/// A structure by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructureParId(pub i64);

/// The EPCI (SIREN) of a candidature's perimeter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EpcisDeCandidature(pub i64);

/// The history of a candidature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HistoriqueDeCandidature(pub i64);

/// The consultations of a candidature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConsultationsDeCandidature(pub i64);

fn ids<K: Copy>(keys: &[K], id: impl Fn(K) -> i64) -> Vec<i64> {
    keys.iter().map(|key| id(*key)).collect()
}

impl Loader<StructureParId> for CandidatureLoader {
    type Value = structure::Model;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[StructureParId],
    ) -> Result<HashMap<StructureParId, Self::Value>, Self::Error> {
        let rows = structure::Entity::find()
            .filter(structure::Column::Id.is_in(ids(keys, |k| k.0)))
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(rows
            .into_iter()
            .map(|row| (StructureParId(row.id), row))
            .collect())
    }
}

impl Loader<EpcisDeCandidature> for CandidatureLoader {
    type Value = Vec<String>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[EpcisDeCandidature],
    ) -> Result<HashMap<EpcisDeCandidature, Self::Value>, Self::Error> {
        let rows = candidature_epci::Entity::find()
            .filter(candidature_epci::Column::CandidatureId.is_in(ids(keys, |k| k.0)))
            .order_by_asc(candidature_epci::Column::EpciCode)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        let mut groupes: HashMap<EpcisDeCandidature, Vec<String>> = HashMap::new();
        for row in rows {
            groupes
                .entry(EpcisDeCandidature(row.candidature_id))
                .or_default()
                .push(row.epci_code);
        }
        Ok(groupes)
    }
}

impl Loader<HistoriqueDeCandidature> for CandidatureLoader {
    type Value = Vec<historique_candidature::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[HistoriqueDeCandidature],
    ) -> Result<HashMap<HistoriqueDeCandidature, Self::Value>, Self::Error> {
        let rows = historique_candidature::Entity::find()
            .filter(historique_candidature::Column::CandidatureId.is_in(ids(keys, |k| k.0)))
            .order_by_asc(historique_candidature::Column::Id)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        let mut groupes: HashMap<HistoriqueDeCandidature, Vec<_>> = HashMap::new();
        for row in rows {
            groupes
                .entry(HistoriqueDeCandidature(row.candidature_id))
                .or_default()
                .push(row);
        }
        Ok(groupes)
    }
}

impl Loader<ConsultationsDeCandidature> for CandidatureLoader {
    type Value = Vec<consultation::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[ConsultationsDeCandidature],
    ) -> Result<HashMap<ConsultationsDeCandidature, Self::Value>, Self::Error> {
        let rows = consultation::Entity::find()
            .filter(consultation::Column::CandidatureId.is_in(ids(keys, |k| k.0)))
            .order_by_asc(consultation::Column::Id)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        let mut groupes: HashMap<ConsultationsDeCandidature, Vec<_>> = HashMap::new();
        for row in rows {
            groupes
                .entry(ConsultationsDeCandidature(row.candidature_id))
                .or_default()
                .push(row);
        }
        Ok(groupes)
    }
}

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

/// The coordinators (in post or gone) of a candidature's post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CoordinateursDeCandidature(pub i64);

/// The candidates recruited on a post whose contract is not signed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecrutesDeCandidature(pub i64);

/// A person by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UtilisateurParId(pub i64);

impl Loader<CoordinateursDeCandidature> for CandidatureLoader {
    type Value = Vec<crate::poste::entity::coordinateur::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[CoordinateursDeCandidature],
    ) -> Result<HashMap<CoordinateursDeCandidature, Self::Value>, Self::Error> {
        use crate::poste::entity::coordinateur;
        let rows = coordinateur::Entity::find()
            .filter(coordinateur::Column::CandidatureId.is_in(ids(keys, |k| k.0)))
            .order_by_asc(coordinateur::Column::Id)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        let mut groupes: HashMap<CoordinateursDeCandidature, Vec<_>> = HashMap::new();
        for row in rows {
            groupes
                .entry(CoordinateursDeCandidature(row.candidature_id))
                .or_default()
                .push(row);
        }
        Ok(groupes)
    }
}

impl Loader<RecrutesDeCandidature> for CandidatureLoader {
    type Value = Vec<crate::poste::entity::recrutement::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[RecrutesDeCandidature],
    ) -> Result<HashMap<RecrutesDeCandidature, Self::Value>, Self::Error> {
        use crate::poste::entity::recrutement;
        let rows = recrutement::Entity::find()
            .filter(recrutement::Column::CandidatureId.is_in(ids(keys, |k| k.0)))
            .filter(
                recrutement::Column::Statut.eq(maillage_shared::poste::StatutRecrutement::Recrutee.as_str()),
            )
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        let mut groupes: HashMap<RecrutesDeCandidature, Vec<_>> = HashMap::new();
        for row in rows {
            groupes
                .entry(RecrutesDeCandidature(row.candidature_id))
                .or_default()
                .push(row);
        }
        Ok(groupes)
    }
}

impl Loader<UtilisateurParId> for CandidatureLoader {
    type Value = crate::compte::entity::utilisateur::Model;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[UtilisateurParId],
    ) -> Result<HashMap<UtilisateurParId, Self::Value>, Self::Error> {
        use crate::compte::entity::utilisateur;
        let rows = utilisateur::Entity::find()
            .filter(utilisateur::Column::Id.is_in(ids(keys, |k| k.0)))
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(rows
            .into_iter()
            .map(|row| (UtilisateurParId(row.id), row))
            .collect())
    }
}

//! Batched lookups behind the candidature fields, so a page of candidatures costs one query per relation.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{candidature_epci, consultation, historique_candidature};
use crate::error::GraphqlResult;
use crate::structure::entity as structure;

/// A structure through the request's [`CandidatureLoader`]; a dangling id is a server fault.
pub async fn structure(ctx: &Context<'_>, id: i64) -> async_graphql::Result<structure::Model> {
    let loader = ctx.data::<DataLoader<CandidatureLoader, HashMapCache>>()?;
    loader
        .load_one(StructureParId(id))
        .await
        .graphql()?
        .ok_or_else(|| {
            crate::error::AppError::Internal(anyhow::anyhow!("structure {id} absente")).into_graphql()
        })
}

/// A candidature through the request's [`CandidatureLoader`] (the object holding its id was read under the
/// caller's rights); a dangling id is a server fault.
pub async fn candidature(
    ctx: &Context<'_>,
    id: i64,
) -> async_graphql::Result<super::entity::candidature::Model> {
    let loader = ctx.data::<DataLoader<CandidatureLoader, HashMapCache>>()?;
    loader
        .load_one(CandidatureParId(id))
        .await
        .graphql()?
        .ok_or_else(|| {
            crate::error::AppError::Internal(anyhow::anyhow!("candidature {id} absente")).into_graphql()
        })
}

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
        Ok(grouper(
            keys,
            rows.into_iter()
                .map(|row| (EpcisDeCandidature(row.candidature_id), row.epci_code)),
        ))
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
        Ok(grouper(
            keys,
            rows.into_iter()
                .map(|row| (HistoriqueDeCandidature(row.candidature_id), row)),
        ))
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
        Ok(grouper(
            keys,
            rows.into_iter()
                .map(|row| (ConsultationsDeCandidature(row.candidature_id), row)),
        ))
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
        Ok(grouper(
            keys,
            rows.into_iter()
                .map(|row| (CoordinateursDeCandidature(row.candidature_id), row)),
        ))
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
        Ok(grouper(
            keys,
            rows.into_iter()
                .map(|row| (RecrutesDeCandidature(row.candidature_id), row)),
        ))
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

/// A candidature by id (fed by the page that read it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CandidatureParId(pub i64);

/// A call for applications by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AppelParId(pub i64);

/// The employers of conseillers numériques a candidature must consult.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructuresAConsulterDeCandidature(pub i64);

/// The other filed candidatures on the territory of a candidature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChevauchementsDeCandidature(pub i64);

/// Every candidate contacted for a post, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecrutementsDeCandidature(pub i64);

/// The convention (or avenant) of a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConventionDeCandidature(pub i64);

/// A profile of the candidate pool by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProfilParId(pub i64);

/// Groups rows into lists by the key each belongs to; every key asked gets its list, empty when no row
/// belongs to it, so the request's cache keeps that answer too (an absent key would be asked again by every
/// field that needs it, in batches that split with timing).
fn grouper<K: std::hash::Hash + Eq + Copy, V>(
    keys: &[K],
    rows: impl IntoIterator<Item = (K, V)>,
) -> HashMap<K, Vec<V>> {
    let mut groupes: HashMap<K, Vec<V>> = keys.iter().map(|key| (*key, Vec::new())).collect();
    for (cle, valeur) in rows {
        groupes.entry(cle).or_default().push(valeur);
    }
    groupes
}

impl CandidatureLoader {
    async fn candidatures(
        &self,
        ids: Vec<i64>,
    ) -> Result<Vec<super::entity::candidature::Model>, Arc<DbErr>> {
        use super::entity::candidature;
        candidature::Entity::find()
            .filter(candidature::Column::Id.is_in(ids))
            .all(&self.db)
            .await
            .map_err(Arc::new)
    }
}

/// The error of a batch computed by the domain, as the loaders' error type: these batches only read, so
/// only the database can fail them.
fn erreur_de_base(erreur: crate::error::AppError) -> Arc<DbErr> {
    match erreur {
        crate::error::AppError::Database(erreur) => Arc::new(erreur),
        autre => Arc::new(DbErr::Custom(autre.to_string())),
    }
}

impl Loader<CandidatureParId> for CandidatureLoader {
    type Value = super::entity::candidature::Model;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[CandidatureParId],
    ) -> Result<HashMap<CandidatureParId, Self::Value>, Self::Error> {
        Ok(self
            .candidatures(ids(keys, |k| k.0))
            .await?
            .into_iter()
            .map(|row| (CandidatureParId(row.id), row))
            .collect())
    }
}

impl Loader<AppelParId> for CandidatureLoader {
    type Value = super::entity::appel::Model;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[AppelParId]) -> Result<HashMap<AppelParId, Self::Value>, Self::Error> {
        use super::entity::appel;
        let rows = appel::Entity::find()
            .filter(appel::Column::Id.is_in(ids(keys, |k| k.0)))
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|row| (AppelParId(row.id), row)).collect())
    }
}

impl Loader<StructuresAConsulterDeCandidature> for CandidatureLoader {
    type Value = Vec<structure::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[StructuresAConsulterDeCandidature],
    ) -> Result<HashMap<StructuresAConsulterDeCandidature, Self::Value>, Self::Error> {
        let rows = self.candidatures(ids(keys, |k| k.0)).await?;
        let employeurs = super::consultations::structures_a_consulter_de(&self.db, &rows)
            .await
            .map_err(erreur_de_base)?;
        Ok(employeurs
            .into_iter()
            .map(|(id, structures)| (StructuresAConsulterDeCandidature(id), structures))
            .collect())
    }
}

impl Loader<ChevauchementsDeCandidature> for CandidatureLoader {
    type Value = Vec<(super::entity::candidature::Model, Vec<String>)>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[ChevauchementsDeCandidature],
    ) -> Result<HashMap<ChevauchementsDeCandidature, Self::Value>, Self::Error> {
        let rows = self.candidatures(ids(keys, |k| k.0)).await?;
        let autres = super::chevauchements::chevauchements_de(&self.db, &rows)
            .await
            .map_err(erreur_de_base)?;
        Ok(autres
            .into_iter()
            .map(|(id, autres)| (ChevauchementsDeCandidature(id), autres))
            .collect())
    }
}

impl Loader<RecrutementsDeCandidature> for CandidatureLoader {
    type Value = Vec<crate::poste::entity::recrutement::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[RecrutementsDeCandidature],
    ) -> Result<HashMap<RecrutementsDeCandidature, Self::Value>, Self::Error> {
        use crate::poste::entity::recrutement;
        let rows = recrutement::Entity::find()
            .filter(recrutement::Column::CandidatureId.is_in(ids(keys, |k| k.0)))
            .order_by_asc(recrutement::Column::Id)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(grouper(
            keys,
            rows.into_iter()
                .map(|row| (RecrutementsDeCandidature(row.candidature_id), row)),
        ))
    }
}

impl Loader<ConventionDeCandidature> for CandidatureLoader {
    /// `None`: no convention yet (kept in the cache like an answer).
    type Value = Option<crate::poste::entity::convention::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[ConventionDeCandidature],
    ) -> Result<HashMap<ConventionDeCandidature, Self::Value>, Self::Error> {
        use crate::poste::entity::convention;
        let rows = convention::Entity::find()
            .filter(convention::Column::CandidatureId.is_in(ids(keys, |k| k.0)))
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        let mut conventions: HashMap<ConventionDeCandidature, Self::Value> =
            keys.iter().map(|key| (*key, None)).collect();
        for row in rows {
            conventions.insert(ConventionDeCandidature(row.candidature_id), Some(row));
        }
        Ok(conventions)
    }
}

impl Loader<ProfilParId> for CandidatureLoader {
    type Value = crate::poste::entity::profil_candidat::Model;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[ProfilParId]) -> Result<HashMap<ProfilParId, Self::Value>, Self::Error> {
        use crate::poste::entity::profil_candidat;
        let rows = profil_candidat::Entity::find()
            .filter(profil_candidat::Column::Id.is_in(ids(keys, |k| k.0)))
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|row| (ProfilParId(row.id), row)).collect())
    }
}

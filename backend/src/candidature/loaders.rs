//! Batched lookups behind the candidature fields, so a page of candidatures costs one query per relation.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{
    candidature_epci, consultation, historique_candidature, message_candidature, piece_jointe,
};
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

fn ids<K: Copy>(keys: &[K], id: impl Fn(K) -> i64) -> Vec<i64> {
    keys.iter().map(|key| id(*key)).collect()
}

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

/// Declares a key of [`CandidatureLoader`] that finds the rows of the table `$module` by their id.
macro_rules! par_id {
    ($(#[$doc:meta])* $cle:ident, $($module:ident)::+) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $cle(pub i64);

        impl Loader<$cle> for CandidatureLoader {
            type Value = $($module)::+::Model;
            type Error = Arc<DbErr>;

            async fn load(&self, keys: &[$cle]) -> Result<HashMap<$cle, Self::Value>, Self::Error> {
                let rows = $($module)::+::Entity::find()
                    .filter($($module)::+::Column::Id.is_in(ids(keys, |k| k.0)))
                    .all(&self.db)
                    .await
                    .map_err(Arc::new)?;
                Ok(rows.into_iter().map(|row| ($cle(row.id), row)).collect())
            }
        }
    };
}

/// Declares a key of [`CandidatureLoader`] that finds the rows of the table `$module` belonging to a
/// candidature (`candidature_id`), oldest first (by id, or by the columns given after `par`); a candidature
/// without any gets an empty list.
macro_rules! de_candidature {
    ($(#[$doc:meta])* $cle:ident, $($module:ident)::+) => {
        de_candidature!($(#[$doc])* $cle, $($module)::+ par [Id]);
    };
    ($(#[$doc:meta])* $cle:ident, $($module:ident)::+ par [$($colonne:ident),+]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $cle(pub i64);

        impl Loader<$cle> for CandidatureLoader {
            type Value = Vec<$($module)::+::Model>;
            type Error = Arc<DbErr>;

            async fn load(&self, keys: &[$cle]) -> Result<HashMap<$cle, Self::Value>, Self::Error> {
                use $($module)::+ as table;
                let rows = table::Entity::find()
                    .filter(table::Column::CandidatureId.is_in(ids(keys, |k| k.0)))
                    $(.order_by_asc(table::Column::$colonne))+
                    .all(&self.db)
                    .await
                    .map_err(Arc::new)?;
                Ok(grouper(keys, rows.into_iter().map(|row| ($cle(row.candidature_id), row))))
            }
        }
    };
}

par_id!(
    /// A candidature by id (fed by the page that read it).
    CandidatureParId,
    super::entity::candidature
);
par_id!(
    /// A call for applications by id.
    AppelParId,
    super::entity::appel
);
par_id!(
    /// A structure by id.
    StructureParId,
    structure
);
par_id!(
    /// A person by id.
    UtilisateurParId,
    crate::compte::entity::utilisateur
);
par_id!(
    /// A profile of the candidate pool by id.
    ProfilParId,
    crate::poste::entity::profil_candidat
);
de_candidature!(
    /// The history of a candidature.
    HistoriqueDeCandidature,
    historique_candidature
);
de_candidature!(
    /// The consultations of a candidature.
    ConsultationsDeCandidature,
    consultation
);
de_candidature!(
    /// The documents of a candidature.
    PiecesDeCandidature,
    piece_jointe
);
de_candidature!(
    /// The coordinators (in post or gone) of a candidature's post.
    CoordinateursDeCandidature,
    crate::poste::entity::coordinateur
);
de_candidature!(
    /// Every candidate contacted for a post.
    RecrutementsDeCandidature,
    crate::poste::entity::recrutement
);
de_candidature!(
    /// The structures invited to carry a candidature (waiting or confirmed), in the order they were invited.
    CoPorteursDeCandidature,
    super::entity::coporteur par [InviteeLe, StructureId]
);

/// The instalments of a convention, in the order they are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VersementsDeConvention(pub i64);

impl Loader<VersementsDeConvention> for CandidatureLoader {
    type Value = Vec<crate::poste::entity::versement::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[VersementsDeConvention],
    ) -> Result<HashMap<VersementsDeConvention, Self::Value>, Self::Error> {
        use crate::poste::entity::versement;
        let rows = versement::Entity::find()
            .filter(versement::Column::ConventionId.is_in(ids(keys, |k| k.0)))
            .order_by_asc(versement::Column::PrevuLe)
            .order_by_asc(versement::Column::Id)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        Ok(grouper(
            keys,
            rows.into_iter()
                .map(|row| (VersementsDeConvention(row.convention_id), row)),
        ))
    }
}

/// The documents the call still requires of a candidature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PiecesManquantesDeCandidature(pub i64);

impl Loader<PiecesManquantesDeCandidature> for CandidatureLoader {
    type Value = Vec<maillage_shared::candidature::pieces::NaturePiece>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[PiecesManquantesDeCandidature],
    ) -> Result<HashMap<PiecesManquantesDeCandidature, Self::Value>, Self::Error> {
        let rows = self.candidatures(ids(keys, |k| k.0)).await?;
        let manquantes = super::dossier::manquantes_de(&self.db, &rows)
            .await
            .map_err(erreur_de_base)?;
        Ok(manquantes
            .into_iter()
            .map(|(id, natures)| (PiecesManquantesDeCandidature(id), natures))
            .collect())
    }
}

/// The messages of a candidature with their documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EchangesDeCandidature(pub i64);

impl Loader<EchangesDeCandidature> for CandidatureLoader {
    type Value = Vec<(message_candidature::Model, Vec<piece_jointe::Model>)>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[EchangesDeCandidature],
    ) -> Result<HashMap<EchangesDeCandidature, Self::Value>, Self::Error> {
        let echanges = super::dossier::echanges_de(&self.db, &ids(keys, |k| k.0))
            .await
            .map_err(erreur_de_base)?;
        Ok(echanges
            .into_iter()
            .map(|(id, liste)| (EchangesDeCandidature(id), liste))
            .collect())
    }
}

/// The EPCI (SIREN) of a candidature's perimeter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EpcisDeCandidature(pub i64);

/// The employers of conseillers numériques a candidature must consult.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StructuresAConsulterDeCandidature(pub i64);

/// The other filed candidatures on the territory of a candidature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChevauchementsDeCandidature(pub i64);

/// The convention (or avenant) of a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConventionDeCandidature(pub i64);

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

/// The place of a candidature's structure in the gouvernance of the candidature's département, as the
/// préfecture's register says (by the structure's SIRET), and whether the préfecture identified it as able
/// to host a coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PlaceAuRegistre(pub i64);

impl Loader<PlaceAuRegistre> for CandidatureLoader {
    /// The place, and whether the préfecture identified the structure as able to host a coordinator.
    type Value = (maillage_shared::gouvernance::PlaceDansLaGouvernance, bool);
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[PlaceAuRegistre],
    ) -> Result<HashMap<PlaceAuRegistre, Self::Value>, Self::Error> {
        let candidatures = self.candidatures(ids(keys, |k| k.0)).await?;
        let sirets: HashMap<i64, String> = structure::Entity::find()
            .filter(structure::Column::Id.is_in(candidatures.iter().map(|c| c.structure_id)))
            .all(&self.db)
            .await
            .map_err(Arc::new)?
            .into_iter()
            .map(|s| (s.id, s.siret))
            .collect();
        let demandes: Vec<(i64, (String, String))> = candidatures
            .iter()
            .filter_map(|c| {
                let siret = sirets.get(&c.structure_id)?;
                Some((c.id, (siret.clone(), c.departement_code.clone())))
            })
            .collect();
        let paires: Vec<(String, String)> = demandes.iter().map(|(_, paire)| paire.clone()).collect();
        let places = crate::gouvernance::service::places(&self.db, &paires)
            .await
            .map_err(erreur_de_base)?;
        let identifiees = crate::gouvernance::accueil::identifiees(&self.db, &paires)
            .await
            .map_err(erreur_de_base)?;
        Ok(demandes
            .into_iter()
            .filter_map(|(id, paire)| {
                let place = *places.get(&paire)?;
                Some((PlaceAuRegistre(id), (place, identifiees.contains(&paire))))
            })
            .collect())
    }
}

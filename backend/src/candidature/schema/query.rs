//! Candidature queries: one candidature, the pages of a list under the caller's rights, the open call.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, ID, Object};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::FiltreCandidatures;
use super::candidature::Candidature;
use super::{Appel, PageCandidatures};
use crate::candidature::acces;
use crate::candidature::acces::Filtre;
use crate::candidature::appels;
use crate::candidature::entity::candidature;
use crate::candidature::loaders::{CandidatureLoader, StructureParId};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, numeric_id, today};
use crate::graphql::regles::autorise;
use crate::territoire::loaders::{DepartementParCode, RegionParCode, TerritoireLoader};

/// Most candidatures per page.
const PAGE_MAX: i32 = 100;

/// Candidature queries.
#[derive(Default)]
pub struct CandidatureQuery;

#[Object]
impl CandidatureQuery {
    /// The call open today, if any (no login needed).
    #[graphql(directive = autorise::apply("public".into()))]
    async fn appel_en_cours(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Appel>> {
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(appels::appel_ouvert(db, today())
            .await
            .graphql()?
            .map(Appel::from))
    }

    /// The candidatures the caller may read, newest first: the structure's own; those of the préfecture's
    /// département; of the SGAR's or hub's région; all for ANCT. Drafts are the structure's alone.
    #[graphql(directive = autorise::apply("connecte jeton".into()), complexity = "premiers.max(1) as usize * child_complexity")]
    async fn candidatures(
        &self,
        ctx: &Context<'_>,
        filtre: Option<FiltreCandidatures>,
        #[graphql(default = 20)] premiers: i32,
        #[graphql(default = 0)] decalage: i32,
    ) -> async_graphql::Result<PageCandidatures> {
        if !(1..=PAGE_MAX).contains(&premiers) || decalage < 0 {
            return Err(
                AppError::InvalidInput(format!("premiers doit être compris entre 1 et {PAGE_MAX}"))
                    .into_graphql(),
            );
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let filtre = filtre.unwrap_or_default();
        let filtre = Filtre {
            statut: filtre.statut,
            region_code: filtre.region,
            departement_code: filtre.departement,
            cas: filtre.cas,
            en_retard: filtre.en_retard,
        };
        let (rows, total) = acces::lister(db, acteur, &filtre, today(), premiers as u64, decalage as u64)
            .await
            .graphql()?;
        prefetcher(ctx, db, &rows).await?;
        Ok(PageCandidatures {
            total,
            elements: rows.into_iter().map(Candidature::from).collect(),
        })
    }

    /// One candidature, if the caller's role and territory allow reading it.
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn candidature(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Candidature> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let id = numeric_id(&id).graphql()?;
        Ok(acces::lire(db, acteur, id).await.graphql()?.into())
    }
}

/// Loads at once, into the request's loaders, the relations a page of candidatures asks for (looking ahead
/// in the query): each then costs one statement whatever the page size, instead of depending on how many
/// rows happened to ask before a loader's batch left.
async fn prefetcher(
    ctx: &Context<'_>,
    db: &DatabaseConnection,
    rows: &[candidature::Model],
) -> async_graphql::Result<()> {
    let elements = ctx.look_ahead().field("elements");
    if elements.field("structure").exists() {
        let ids: std::collections::BTreeSet<i64> = rows.iter().map(|c| c.structure_id).collect();
        let structures = crate::structure::entity::Entity::find()
            .filter(crate::structure::entity::Column::Id.is_in(ids))
            .all(db)
            .await
            .map_err(AppError::from)
            .graphql()?;
        ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?
            .feed_many(structures.into_iter().map(|s| (StructureParId(s.id), s)))
            .await;
    }
    let departement = elements.field("departement");
    if departement.exists() {
        let codes: std::collections::BTreeSet<String> =
            rows.iter().map(|c| c.departement_code.clone()).collect();
        let codes: Vec<String> = codes.into_iter().collect();
        let departements = crate::territoire::service::departements_par_code(db, &codes)
            .await
            .map_err(AppError::from)
            .graphql()?;
        let territoires =
            ctx.data::<DataLoader<TerritoireLoader, async_graphql::dataloader::HashMapCache>>()?;
        if departement.field("region").exists() {
            let regions: std::collections::BTreeSet<String> =
                departements.values().map(|d| d.region_code.clone()).collect();
            let regions =
                crate::territoire::service::regions_par_code(db, &regions.into_iter().collect::<Vec<_>>())
                    .await
                    .map_err(AppError::from)
                    .graphql()?;
            territoires
                .feed_many(regions.into_iter().map(|(code, r)| (RegionParCode(code), r)))
                .await;
        }
        territoires
            .feed_many(
                departements
                    .into_iter()
                    .map(|(code, d)| (DepartementParCode(code), d)),
            )
            .await;
    }
    Ok(())
}

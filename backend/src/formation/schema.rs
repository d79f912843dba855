//! GraphQL: a conseiller reads and declares its training.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use maillage_shared::formation::{self, EtapeCcp1, Formation};
use sea_orm::DatabaseConnection;

use super::service;
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, in_transaction, today};
use crate::graphql::regles::autorise;

/// A conseiller's training.
#[derive(SimpleObject)]
pub struct FormationConseiller {
    pub ccp1: EtapeCcp1,
    pub ccp1_le: Option<NaiveDate>,
    pub pix: bool,
    pub pix_le: Option<NaiveDate>,
    /// The latest continuing-training module followed (empty: none).
    pub module_continu: String,
    pub module_continu_le: Option<NaiveDate>,
    /// The module of continuing training funded for this calendar year was followed.
    pub module_de_l_annee: bool,
    /// One line: "Certifié CCP1 · PIX · module 2026 suivi".
    pub resume: String,
}

impl FormationConseiller {
    pub fn de(f: Formation, aujourd_hui: NaiveDate) -> Self {
        Self {
            module_de_l_annee: formation::module_de_l_annee(&f, aujourd_hui),
            resume: formation::resume(&f, aujourd_hui),
            ccp1: f.ccp1,
            ccp1_le: f.ccp1_le,
            pix: f.pix,
            pix_le: f.pix_le,
            module_continu: f.module_continu,
            module_continu_le: f.module_continu_le,
        }
    }
}

/// What a conseiller declares.
#[derive(InputObject)]
pub struct FormationEntree {
    pub ccp1: EtapeCcp1,
    pub ccp1_le: Option<NaiveDate>,
    pub pix: bool,
    pub pix_le: Option<NaiveDate>,
    #[graphql(default)]
    pub module_continu: String,
    pub module_continu_le: Option<NaiveDate>,
}

/// Training queries.
#[derive(Default)]
pub struct FormationQuery;

#[Object]
impl FormationQuery {
    /// The caller's training (role CONSEILLER or COORDINATEUR).
    #[graphql(directive = autorise::apply("CONSEILLER COORDINATEUR".into()))]
    async fn ma_formation(&self, ctx: &Context<'_>) -> async_graphql::Result<FormationConseiller> {
        let db = ctx.data::<DatabaseConnection>()?;
        let formation = service::la_mienne(db, actor(ctx)?).await.graphql()?;
        Ok(FormationConseiller::de(formation, today()))
    }
}

/// Training mutations.
#[derive(Default)]
pub struct FormationMutation;

#[Object]
impl FormationMutation {
    /// Declares the caller's training; dates in the future or without the certification are refused.
    #[graphql(directive = autorise::apply("CONSEILLER COORDINATEUR".into()))]
    async fn enregistrer_ma_formation(
        &self,
        ctx: &Context<'_>,
        formation: FormationEntree,
    ) -> async_graphql::Result<FormationConseiller> {
        let declaree = Formation {
            ccp1: formation.ccp1,
            ccp1_le: formation.ccp1_le,
            pix: formation.pix,
            pix_le: formation.pix_le,
            module_continu: formation.module_continu,
            module_continu_le: formation.module_continu_le,
        };
        let jour = today();
        let enregistree = in_transaction(ctx, async |txn, acteur| {
            service::enregistrer(txn, acteur, &declaree, jour).await
        })
        .await?;
        Ok(FormationConseiller::de(enregistree, jour))
    }
}

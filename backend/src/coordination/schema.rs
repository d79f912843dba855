//! GraphQL: the coordinator records its actions and reads its year; the people invited to meeting days
//! read them and register.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{Datelike, NaiveDate};
use maillage_shared::coordination::{AxeMission, NatureAction};
use sea_orm::DatabaseConnection;

use super::service::{self, ActionLue, NouvelleAction};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, in_transaction, today};
use crate::graphql::regles::autorise;

/// An action to record.
#[derive(InputObject)]
pub struct ActionEntree {
    pub nature: NatureAction,
    pub axe: AxeMission,
    pub titre: String,
    pub date: NaiveDate,
    #[graphql(default)]
    pub lieu: String,
    #[graphql(default)]
    pub description: String,
    /// Partners involved (France Travail, mission locale, France services…), free text.
    #[graphql(default)]
    pub partenaires: String,
}

/// An action of a coordinator.
#[derive(SimpleObject)]
pub struct ActionCoordination {
    pub id: ID,
    pub nature: NatureAction,
    pub axe: AxeMission,
    pub titre: String,
    pub date: NaiveDate,
    pub lieu: String,
    pub description: String,
    pub partenaires: String,
    /// "Prénom Nom" of the coordinator who organises it.
    pub organisateur: String,
    pub departement_code: String,
    /// People registered (meeting days).
    pub inscrits: i64,
    /// The caller registered.
    pub inscrit: bool,
}

impl TryFrom<ActionLue> for ActionCoordination {
    type Error = AppError;

    fn try_from(lue: ActionLue) -> Result<Self, AppError> {
        let a = lue.action;
        let illisible =
            |quoi: &str| AppError::Internal(anyhow::anyhow!("{quoi} illisible pour l’action {}", a.id));
        Ok(Self {
            id: ID(a.id.to_string()),
            nature: NatureAction::parse(&a.nature).ok_or_else(|| illisible("nature"))?,
            axe: AxeMission::parse(&a.axe).ok_or_else(|| illisible("axe"))?,
            titre: a.titre,
            date: a.date,
            lieu: a.lieu,
            description: a.description,
            partenaires: a.partenaires,
            organisateur: lue.organisateur,
            departement_code: a.departement_code,
            inscrits: lue.inscrits,
            inscrit: lue.inscrit,
        })
    }
}

fn en_graphql(actions: Vec<ActionLue>) -> Result<Vec<ActionCoordination>, AppError> {
    actions.into_iter().map(ActionCoordination::try_from).collect()
}

/// Coordination queries.
#[derive(Default)]
pub struct CoordinationQuery;

#[Object]
impl CoordinationQuery {
    /// The calling coordinator's actions of a year (default: this year), by date (role COORDINATEUR).
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn mes_actions_de_coordination(
        &self,
        ctx: &Context<'_>,
        annee: Option<i32>,
    ) -> async_graphql::Result<Vec<ActionCoordination>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let annee = annee.unwrap_or_else(|| today().year());
        let actions = service::de_l_annee(db, actor(ctx)?, annee).await.graphql()?;
        en_graphql(actions).graphql()
    }

    /// The meeting days the caller is invited to (préfecture and coordinators of the département, hub of the
    /// région), from a month ago on.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn journees_de_rencontre(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<ActionCoordination>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let depuis = today() - chrono::Days::new(31);
        let actions = service::journees(db, actor(ctx)?, depuis).await.graphql()?;
        en_graphql(actions).graphql()
    }
}

/// Coordination mutations.
#[derive(Default)]
pub struct CoordinationMutation;

#[Object]
impl CoordinationMutation {
    /// Records an action of the calling coordinator; a meeting day invites the préfecture, the hub and the
    /// département's other coordinators.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn enregistrer_action_de_coordination(
        &self,
        ctx: &Context<'_>,
        action: ActionEntree,
    ) -> async_graphql::Result<ActionCoordination> {
        let nouvelle = NouvelleAction {
            nature: action.nature,
            axe: action.axe,
            titre: action.titre,
            date: action.date,
            lieu: action.lieu,
            description: action.description,
            partenaires: action.partenaires,
        };
        in_transaction(ctx, async |txn, acteur| {
            let action = service::enregistrer(txn, acteur, &nouvelle, today()).await?;
            ActionCoordination::try_from(ActionLue {
                organisateur: format!("{} {}", acteur.prenom, acteur.nom),
                action,
                inscrits: 0,
                inscrit: false,
            })
        })
        .await
    }

    /// Registers the caller to a meeting day it is invited to (`inscrit: false` withdraws); returns the
    /// registration.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn s_inscrire_a_une_journee(
        &self,
        ctx: &Context<'_>,
        action_id: ID,
        inscrit: bool,
    ) -> async_graphql::Result<bool> {
        let id: i64 = action_id.parse().map_err(|_| {
            AppError::Introuvable("Journée de rencontre introuvable.".to_owned()).into_graphql()
        })?;
        in_transaction(ctx, async |txn, acteur| {
            service::inscrire(txn, acteur, id, inscrit, today()).await
        })
        .await
    }
}

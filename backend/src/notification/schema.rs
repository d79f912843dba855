//! GraphQL: the caller's notifications.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::entity::notification;
use super::service;
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, numeric_id};
use crate::graphql::regles::autorise;

/// A notification shown in the app.
#[derive(SimpleObject)]
pub struct Notification {
    pub id: ID,
    pub titre: String,
    pub message: String,
    /// Path in the app of what it is about.
    pub lien: String,
    pub lue: bool,
    pub cree_le: DateTime<Utc>,
}

impl From<notification::Model> for Notification {
    fn from(row: notification::Model) -> Self {
        Self {
            id: ID(row.id.to_string()),
            titre: row.titre,
            message: row.message,
            lien: row.lien,
            lue: row.lue,
            cree_le: row.cree_le,
        }
    }
}

/// Notification queries.
#[derive(Default)]
pub struct NotificationQuery;

#[Object]
impl NotificationQuery {
    /// The caller's latest notifications, newest first (at most 50).
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn mes_notifications(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Notification>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        Ok(service::de(db, acteur.utilisateur_id, 50)
            .await
            .graphql()?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}

/// Notification mutations.
#[derive(Default)]
pub struct NotificationMutation;

#[Object]
impl NotificationMutation {
    /// Marks one of the caller's notifications as read.
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn marquer_notification_lue(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let id = numeric_id(&id).graphql()?;
        let txn = crate::database::ecriture(db).await.graphql()?;
        service::marquer_lue(&txn, acteur.utilisateur_id, id)
            .await
            .graphql()?;
        crate::journal::consigner(&txn, &crate::journal::du_champ(ctx, Some(acteur)))
            .await
            .graphql()?;
        txn.commit().await.graphql()?;
        Ok(true)
    }
}

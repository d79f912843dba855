//! GraphQL: a person downloads what is held about them and erases their account.

use async_graphql::{Context, Json, Object};
use sea_orm::DatabaseConnection;

use super::service;
use crate::compte::schema::ReglagesCookie;
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, in_transaction};
use crate::graphql::regles::autorise;

/// GDPR queries.
#[derive(Default)]
pub struct RgpdQuery;

#[Object]
impl RgpdQuery {
    /// Everything Maillage holds about the caller (account, roles, sessions, profile, posts, accompaniments,
    /// notifications, emails, actions in the audit log), as one JSON document.
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn mes_donnees(&self, ctx: &Context<'_>) -> async_graphql::Result<Json<serde_json::Value>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let donnees = service::donnees(db, acteur).await.graphql()?;
        crate::journal::consigner_seul(db, &crate::journal::du_champ(ctx, Some(acteur)))
            .await
            .graphql()?;
        Ok(Json(donnees))
    }
}

/// GDPR mutations.
#[derive(Default)]
pub struct RgpdMutation;

#[Object]
impl RgpdMutation {
    /// Erases the caller's account (password asked again); logs out everywhere.
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn effacer_mon_compte(
        &self,
        ctx: &Context<'_>,
        mot_de_passe: String,
    ) -> async_graphql::Result<bool> {
        in_transaction(ctx, async |txn, acteur| {
            service::effacer(txn, acteur, &mot_de_passe).await
        })
        .await?;
        let secure = ctx.data::<ReglagesCookie>()?.secure;
        ctx.append_http_header(
            axum::http::header::SET_COOKIE,
            crate::compte::service::cookie_expire(secure),
        );
        Ok(true)
    }
}

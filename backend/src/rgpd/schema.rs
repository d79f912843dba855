//! GraphQL: a person downloads what is held about them and erases their account.

use async_graphql::{Context, Json, Object, SimpleObject};
use sea_orm::DatabaseConnection;

use super::service;
use crate::compte::liens::{VALIDITE_ADRESSE_HEURES, VALIDITE_MOT_DE_PASSE_HEURES};
use crate::compte::schema::ReglagesCookie;
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, in_transaction};
use crate::graphql::regles::autorise;
use crate::settings::{Mentions, Retention};

/// What the legal pages read from the running settings, so they say what this instance does.
#[derive(SimpleObject)]
pub struct InformationsLegales {
    /// The host of this instance (name, address, telephone); empty until the operator sets it.
    pub hebergeur: String,
    /// How long each kind of data is kept before the hourly purge deletes it.
    #[graphql(directive = autorise::apply("public".into()))]
    pub durees_de_conservation: Retention,
    /// How long a link sent to verify an address, and one to reset a password, can be used.
    pub validite_lien_adresse_heures: i64,
    pub validite_lien_mot_de_passe_heures: i64,
}

/// GDPR queries.
#[derive(Default)]
pub struct RgpdQuery;

#[Object]
impl RgpdQuery {
    /// What the legal pages say of this instance: its host and how long data is kept.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn informations_legales(&self, ctx: &Context<'_>) -> async_graphql::Result<InformationsLegales> {
        Ok(InformationsLegales {
            hebergeur: ctx.data::<Mentions>()?.hebergeur.clone(),
            durees_de_conservation: ctx.data::<Retention>()?.clone(),
            validite_lien_adresse_heures: VALIDITE_ADRESSE_HEURES,
            validite_lien_mot_de_passe_heures: VALIDITE_MOT_DE_PASSE_HEURES,
        })
    }

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

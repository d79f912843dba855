//! GraphQL: ANCT manages API tokens; token callers are read-only.

use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, OperationType};
use async_graphql::{
    Context, ErrorExtensionValues, ID, InputObject, Object, ServerError, ServerResult, SimpleObject,
    Variables,
};
use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::ErrorCode;
use maillage_shared::territoire::CodeDepartement;
use sea_orm::DatabaseConnection;

use super::entity as jeton_api;
use super::service::{self, Portee};
use crate::compte::acteur::Appelant;
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, in_transaction, numeric_id, today};
use crate::graphql::regles::autorise;

/// An API token, without its secret.
#[derive(SimpleObject)]
pub struct JetonApi {
    pub id: ID,
    pub nom: String,
    /// OPEN_DATA, or DEPARTEMENT:<code>.
    pub portee: String,
    /// Allowed client addresses; empty: any.
    pub ips: Vec<String>,
    pub expire_le: DateTime<Utc>,
    pub derniere_utilisation: Option<DateTime<Utc>>,
    pub revoque_le: Option<DateTime<Utc>>,
    pub cree_le: DateTime<Utc>,
}

impl From<jeton_api::Model> for JetonApi {
    fn from(row: jeton_api::Model) -> Self {
        Self {
            id: ID(row.id.to_string()),
            nom: row.nom,
            portee: row.portee,
            ips: row
                .ips
                .split(',')
                .filter(|ip| !ip.is_empty())
                .map(str::to_owned)
                .collect(),
            expire_le: row.expire_le,
            derniere_utilisation: row.derniere_utilisation,
            revoque_le: row.revoque_le,
            cree_le: row.cree_le,
        }
    }
}

/// A new token and its secret, shown this once (send it as `Authorization: Bearer <secret>`).
#[derive(SimpleObject)]
pub struct JetonCree {
    #[graphql(directive = autorise::apply("ANCT".into()))]
    pub jeton: JetonApi,
    pub secret: String,
}

/// What ANCT fills in to create a token.
#[derive(InputObject)]
pub struct NouveauJeton {
    pub nom: String,
    /// Read the candidatures of this département too; absent: open data only.
    pub departement: Option<String>,
    pub expire_le: NaiveDate,
    #[graphql(default)]
    pub ips: Vec<String>,
}

/// Token queries.
#[derive(Default)]
pub struct JetonQuery;

#[Object]
impl JetonQuery {
    /// Every API token, newest first (ANCT).
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn jetons_api(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<JetonApi>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let jetons = service::lister(db, actor(ctx)?).await.graphql()?;
        Ok(jetons.into_iter().map(Into::into).collect())
    }
}

/// Token mutations.
#[derive(Default)]
pub struct JetonMutation;

#[Object]
impl JetonMutation {
    /// Creates a token (ANCT); its secret is in the answer and nowhere else.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn creer_jeton_api(
        &self,
        ctx: &Context<'_>,
        entree: NouveauJeton,
    ) -> async_graphql::Result<JetonCree> {
        let portee = match &entree.departement {
            Some(code) => Portee::Departement(CodeDepartement::parse(code).graphql()?),
            None => Portee::OpenData,
        };
        let (jeton, secret) = in_transaction(ctx, async |txn, acteur| {
            service::creer(
                txn,
                acteur,
                &entree.nom,
                portee,
                entree.expire_le,
                &entree.ips,
                today(),
            )
            .await
        })
        .await?;
        Ok(JetonCree {
            jeton: jeton.into(),
            secret,
        })
    }

    /// Revokes a token at once (ANCT).
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn revoquer_jeton_api(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<JetonApi> {
        let id = numeric_id(&id).graphql()?;
        in_transaction(ctx, async |txn, acteur| service::revoquer(txn, acteur, id).await)
            .await
            .map(Into::into)
    }
}

/// Refuses any mutation to a caller authenticated by an API token: tokens read, people write.
pub struct LectureSeule;

impl ExtensionFactory for LectureSeule {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(LectureSeule)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for LectureSeule {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let jeton = ctx.data_opt::<JetonUtilise>().is_some()
            || ctx
                .data_opt::<Appelant>()
                .and_then(|a| a.0.as_ref())
                .is_some_and(|a| a.jeton_api.is_some());
        let ecrit = document
            .operations
            .iter()
            .any(|(_, operation)| operation.node.ty == OperationType::Mutation);
        if jeton && ecrit {
            let mut erreur = ServerError::new("Un jeton d’API ne permet que la lecture.", None);
            let mut extensions = ErrorExtensionValues::default();
            extensions.set("code", ErrorCode::Forbidden.as_str());
            erreur.extensions = Some(extensions);
            return Err(erreur);
        }
        Ok(document)
    }
}

/// Marks a request made with an API token (open-data tokens have no acteur).
#[derive(Debug, Clone, Copy)]
pub struct JetonUtilise;

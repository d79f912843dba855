//! The GraphQL schema: one merged query root (a part per domain), its limits, and the request handler.

use async_graphql::dataloader::DataLoader;
use async_graphql::http::GraphiQLSource;
use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::response::Html;
use maillage_shared::ErrorCode;
use sea_orm::DatabaseConnection;

use crate::settings::GraphqlSettings;
use crate::territoire::loaders::TerritoireLoader;
use crate::territoire::schema::TerritoireQuery;

/// The query root: each domain contributes its own part.
#[derive(MergedObject, Default)]
pub struct Query(TerritoireQuery);

/// The schema served at `/graphql`.
pub type AppSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// Builds the schema with its limits and the shared data of every request.
pub fn build(db: DatabaseConnection, settings: &GraphqlSettings) -> AppSchema {
    let loader = DataLoader::new(TerritoireLoader { db: db.clone() }, tokio::spawn);
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .limit_depth(settings.max_depth)
        .limit_complexity(settings.max_complexity)
        .limit_recursive_depth(settings.max_recursive_depth)
        .limit_directives(settings.max_directives)
        .data(db)
        .data(loader)
        .finish()
}

/// The SDL committed as `schema.graphql` (printed by `maillage schema`).
pub fn sdl() -> String {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .finish()
        .sdl()
}

/// `POST /graphql`.
pub async fn handler(State(schema): State<AppSchema>, request: GraphQLRequest) -> GraphQLResponse {
    let mut response = schema.execute(request.into_inner()).await;
    for error in &mut response.errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|extensions| extensions.get("code").is_some());
        if !has_code {
            let code = code_of_engine_error(&error.message);
            error
                .extensions
                .get_or_insert_with(Default::default)
                .set("code", code.as_str());
        }
    }
    response.into()
}

/// Errors raised by the GraphQL engine itself (parsing, validation, limits) carry no code: give them one.
fn code_of_engine_error(message: &str) -> ErrorCode {
    const LIMITS: [&str; 4] = ["too complex", "nested too deep", "recursion depth", "directives"];
    if LIMITS.iter().any(|limit| message.contains(limit)) {
        ErrorCode::LimitExceeded
    } else {
        ErrorCode::InvalidQuery
    }
}

/// `GET /graphql`: GraphiQL, to explore the public API in a browser.
pub async fn graphiql() -> Html<String> {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .title("Maillage — API GraphQL")
            .finish(),
    )
}

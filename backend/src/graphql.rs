//! The GraphQL schema: one merged root per kind (a part per domain), its limits, and the request handler.

use async_graphql::dataloader::{DataLoader, HashMapCache};
use async_graphql::http::GraphiQLSource;
use async_graphql::{EmptySubscription, MergedObject, Schema};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Html;
use maillage_shared::ErrorCode;
use sea_orm::DatabaseConnection;

use crate::activite::schema::{ActiviteMutation, ActiviteQuery};
use crate::candidature::loaders::CandidatureLoader;
use crate::candidature::schema::{CandidatureMutation, CandidatureQuery};
use crate::compte::acteur::Appelant;
use crate::compte::schema::{CompteMutation, CompteQuery, ReglagesCookie};
use crate::compte::service as compte;
use crate::coordination::schema::{CoordinationMutation, CoordinationQuery};
use crate::diagnostic::schema::DiagnosticQuery;
use crate::equipe::schema::{EquipeMutation, EquipeQuery};
use crate::formation::schema::{FormationMutation, FormationQuery};
use crate::indicateur::schema::{IndicateurMutation, IndicateurQuery};
use crate::jeton::schema::{JetonMutation, JetonQuery};
use crate::lieu::schema::LieuQuery;
use crate::notification::schema::{NotificationMutation, NotificationQuery};
use crate::poste::schema::{PosteMutation, PosteQuery};
use crate::rapport::schema::{RapportMutation, RapportQuery};
use crate::rgpd::schema::{RgpdMutation, RgpdQuery};
use crate::settings::Settings;
use crate::structure::schema::{StructureMutation, StructureQuery};
use crate::subvention::SubventionQuery;
use crate::territoire::loaders::TerritoireLoader;
use crate::territoire::schema::TerritoireQuery;

/// The query root: each domain contributes its own part.
#[derive(MergedObject, Default)]
pub struct Query(
    TerritoireQuery,
    SubventionQuery,
    CompteQuery,
    StructureQuery,
    CandidatureQuery,
    PosteQuery,
    LieuQuery,
    ActiviteQuery,
    EquipeQuery,
    FormationQuery,
    CoordinationQuery,
    DiagnosticQuery,
    RapportQuery,
    IndicateurQuery,
    RgpdQuery,
    JetonQuery,
    NotificationQuery,
);

/// The mutation root.
#[derive(MergedObject, Default)]
pub struct Mutation(
    CompteMutation,
    StructureMutation,
    CandidatureMutation,
    PosteMutation,
    ActiviteMutation,
    EquipeMutation,
    FormationMutation,
    CoordinationMutation,
    RapportMutation,
    IndicateurMutation,
    RgpdMutation,
    JetonMutation,
    NotificationMutation,
);

/// The schema served at `/graphql`.
pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// Builds the schema with its limits and the shared data of every request.
pub fn build(db: DatabaseConnection, settings: &Settings) -> AppSchema {
    let limites = &settings.graphql;
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription);
    if settings.application.production {
        // Suggestions ("did you mean…") would map the private parts of the schema for a stranger.
        builder = builder.disable_suggestions();
    }
    builder
        .limit_depth(limites.max_depth)
        .limit_complexity(limites.max_complexity)
        .limit_recursive_depth(limites.max_recursive_depth)
        .limit_directives(limites.max_directives)
        .extension(crate::limites::LimiteAlias {
            max_aliases: limites.max_aliases,
        })
        .extension(crate::jeton::schema::LectureSeule)
        .data(db)
        .data(settings.financement_perenne.clone())
        .data(ReglagesCookie {
            secure: settings.application.production,
        })
        .finish()
}

/// The SDL committed as `schema.graphql` (printed by `maillage schema`).
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .finish()
        .sdl()
}

/// State of the GraphQL route.
#[derive(Clone)]
pub struct EtatGraphql {
    pub schema: AppSchema,
    pub db: DatabaseConnection,
    /// In production, anonymous callers cannot introspect the schema.
    pub production: bool,
}

/// `POST /graphql`. Only JSON bodies are accepted: a browser cannot send one cross-site without a CORS
/// preflight, which is the protection against CSRF on top of the SameSite cookie.
pub async fn handler(
    State(etat): State<EtatGraphql>,
    client: Option<axum::Extension<crate::quota::AdresseClient>>,
    entetes: HeaderMap,
    request: GraphQLRequest,
) -> Result<GraphQLResponse, (StatusCode, &'static str)> {
    let json = entetes
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "POST /graphql attend un corps application/json",
        ));
    }
    let mut request = request.into_inner();
    let bearer = crate::jeton::service::porteur(&entetes);
    let acteur = match bearer {
        // A third party's API token: read only, scoped, its use recorded.
        Some(secret) => {
            let ip = client.map(|axum::Extension(adresse)| adresse.0);
            match crate::jeton::service::authentifier(&etat.db, secret, ip, chrono::Utc::now()).await {
                Ok(acteur) => {
                    request = request.data(crate::jeton::schema::JetonUtilise);
                    acteur
                }
                Err(erreur) => {
                    let erreur = erreur
                        .into_graphql()
                        .into_server_error(async_graphql::Pos::default());
                    return Ok(async_graphql::Response::from_errors(vec![erreur]).into());
                }
            }
        }
        None => match compte::acteur_des_entetes(&etat.db, &entetes).await {
            Ok(acteur) => acteur,
            Err(error) => {
                tracing::error!(error = ?error, "lecture de session");
                return Err((StatusCode::SERVICE_UNAVAILABLE, "session illisible, réessayez"));
            }
        },
    };
    if etat.production && acteur.is_none() {
        request = request.disable_introspection();
    }
    // Loaders live for one request: a batch never mixes two callers' keys, and what they cache cannot
    // outlive the request (nor leak across tenants).
    let id_requete = entetes
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    // No batching delay (the default waits 1 ms per batch): sibling fields enqueue their keys while the
    // request's task runs, so a batch is complete by the time its loading task gets to run.
    let request = request
        .data(Appelant(acteur))
        .data(crate::journal::IdRequete(id_requete))
        .data(
            DataLoader::with_cache(
                TerritoireLoader { db: etat.db.clone() },
                tokio::spawn,
                HashMapCache::default(),
            )
            .delay(std::time::Duration::ZERO),
        )
        .data(
            DataLoader::with_cache(
                CandidatureLoader { db: etat.db.clone() },
                tokio::spawn,
                HashMapCache::default(),
            )
            .delay(std::time::Duration::ZERO),
        );
    let mut response = etat.schema.execute(request).await;
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
    Ok(response.into())
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

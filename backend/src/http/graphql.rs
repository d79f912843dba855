//! `/graphql` over HTTP: the caller from the session cookie or an API token, per-request loaders, the stable
//! error code of every error.

use async_graphql::dataloader::{DataLoader, HashMapCache};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maillage_shared::ErrorCode;
use sea_orm::DatabaseConnection;

use crate::candidature::loaders::CandidatureLoader;
use crate::compte::acteur::Appelant;
use crate::compte::service as compte;
use crate::graphql::AppSchema;
use crate::territoire::loaders::TerritoireLoader;

/// State of the GraphQL route.
#[derive(Clone)]
pub struct EtatGraphql {
    pub schema: AppSchema,
    pub db: DatabaseConnection,
    /// In production, anonymous callers cannot introspect the schema.
    pub production: bool,
    /// Reads answered from ready answers (`None`: always computed).
    pub reponses_pretes: Option<std::sync::Arc<super::reponses_pretes::ReponsesPretes>>,
    /// The instance's counts (`/metrics`).
    pub metriques: std::sync::Arc<crate::metriques::Metriques>,
}

/// The outcome of a GraphQL request for the metrics: `ok` or its first error's code.
#[derive(Clone)]
struct Issue(String);

impl Issue {
    fn des_erreurs(erreurs: &[async_graphql::ServerError]) -> Self {
        Self(
            erreurs
                .first()
                .and_then(|erreur| erreur.extensions.as_ref()?.get("code").cloned())
                .map_or_else(
                    || "ok".to_owned(),
                    |code| code.to_string().trim_matches('"').to_owned(),
                ),
        )
    }
}

/// `POST /graphql`, counted for `/metrics` by operation name and outcome, with its duration.
pub async fn handler(
    State(etat): State<EtatGraphql>,
    client: Option<axum::Extension<super::quota::AdresseClient>>,
    quotas: Option<axum::Extension<std::sync::Arc<super::quota::Quotas>>>,
    entetes: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    let debut = std::time::Instant::now();
    let operation = request.0.operation_name.clone();
    let metriques = etat.metriques.clone();
    let reponse = executer(State(etat), client, quotas, entetes, request)
        .await
        .unwrap_or_else(|refus| refus);
    let issue = match reponse.extensions().get::<Issue>() {
        Some(Issue(issue)) => issue.clone(),
        None if reponse.status().is_success() => "ok".to_owned(),
        None => format!("http_{}", reponse.status().as_u16()),
    };
    metriques.graphql(operation.as_deref(), &issue, debut.elapsed());
    reponse
}

/// `POST /graphql`. Only JSON bodies are accepted: a browser cannot send one cross-site without a CORS
/// preflight, which is the protection against CSRF on top of the SameSite cookie.
async fn executer(
    State(etat): State<EtatGraphql>,
    client: Option<axum::Extension<super::quota::AdresseClient>>,
    quotas: Option<axum::Extension<std::sync::Arc<super::quota::Quotas>>>,
    entetes: HeaderMap,
    request: GraphQLRequest,
) -> Result<Response, Response> {
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
        )
            .into_response());
    }
    let mut request = request.into_inner();
    let bearer = crate::jeton::service::porteur(&entetes);
    let acteur = match bearer {
        // A third party's API token: read only, scoped, its use recorded.
        Some(secret) => {
            let ip = client.map(|axum::Extension(adresse)| adresse.0);
            match crate::jeton::service::authentifier(&etat.db, secret, ip, chrono::Utc::now()).await {
                Ok((jeton, acteur)) => {
                    // A verified token also counts against its own quota (its address already did).
                    if let Some(axum::Extension(quotas)) = &quotas
                        && let Some(trop) = super::quota::compter_le_jeton(quotas, jeton)
                    {
                        return Err(trop);
                    }
                    request = request.data(crate::jeton::schema::JetonUtilise);
                    acteur
                }
                Err(erreur) => return Ok(reponse_d_erreur(erreur)),
            }
        }
        None => match compte::acteur_des_entetes(&etat.db, &entetes).await {
            Ok(acteur) => acteur,
            Err(error) => return Ok(reponse_d_erreur(error)),
        },
    };
    if etat.production && acteur.is_none() {
        request = request.disable_introspection();
    }
    // A read: the ready answer if nothing changed since it was computed for this same caller.
    let prete = match (
        &etat.reponses_pretes,
        super::reponses_pretes::cle(&request, acteur.as_ref()),
    ) {
        (Some(reponses), Some(cle)) => {
            let portee = if acteur.is_none() {
                super::reponses_pretes::Portee::Publique
            } else {
                super::reponses_pretes::Portee::Privee
            };
            let jour = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
            match super::reponses_pretes::version(&etat.db, jour).await {
                Ok(version) => {
                    if let Some(prete) = reponses.servir(&cle, version, portee, &entetes) {
                        return Ok(prete);
                    }
                    Some((reponses.clone(), cle, version, portee))
                }
                Err(error) => {
                    tracing::warn!(error = %error, "version des données illisible");
                    None
                }
            }
        }
        _ => None,
    };
    // Loaders live for one request: a batch never mixes two callers' keys, and what they cache cannot
    // outlive the request (nor leak across tenants).
    let request_id = entetes
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    // No batching delay (the default waits 1 ms per batch): sibling fields enqueue their keys while the
    // request's task runs, so a batch is complete by the time its loading task gets to run.
    if let Some(axum::Extension(adresse)) = client {
        request = request.data(crate::compte::acteur::AdresseDuClient(adresse.0));
    }
    let consigne = crate::journal::Consigne::default();
    let heure = crate::graphql::context::DependDeLHeure::default();
    let request = request
        .data(Appelant(acteur))
        .data(consigne.clone())
        .data(heure.clone())
        .data(crate::journal::RequestId(request_id))
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
    // Kept only whole and without side effect on the HTTP answer (no error, no header set by a field).
    if let Some((reponses, cle, version, portee)) = prete
        && response.errors.is_empty()
        && response.http_headers.is_empty()
        && let Ok(corps) = serde_json::to_vec(&response)
    {
        // An answer that depends on the time holds until the minute ends.
        let jusqu_a = heure
            .oui()
            .then(|| super::reponses_pretes::fin_de_la_minute(chrono::Utc::now()));
        return Ok(reponses.garder(cle, version, portee, consigne.oui(), jusqu_a, corps, &entetes));
    }
    Ok(repondre(response))
}

/// A request refused before it ran (a token or a session that could not be read), as a GraphQL answer.
fn reponse_d_erreur(erreur: crate::error::AppError) -> Response {
    let erreur = erreur
        .into_graphql()
        .into_server_error(async_graphql::Pos::default());
    repondre(async_graphql::Response::from_errors(vec![erreur]))
}

/// The HTTP answer of a GraphQL response, its outcome noted for the metrics. When the database could not be
/// reached it is a 503 with `Retry-After`: the client sends the same request again (a proxy in front does
/// not count it as the instance failing, and no cache keeps it).
fn repondre(response: async_graphql::Response) -> Response {
    let issue = Issue::des_erreurs(&response.errors);
    let indisponible = issue.0 == ErrorCode::Unavailable.as_str();
    let mut reponse = GraphQLResponse::from(response).into_response();
    if indisponible {
        *reponse.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        reponse.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from(crate::error::REESSAYER_APRES_SECONDES),
        );
    }
    reponse.extensions_mut().insert(issue);
    reponse
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

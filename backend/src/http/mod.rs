//! The HTTP floor: the routes and their middleware, the downloads (exports, reports, open data), the lieux
//! upload, and the built SPA. Handlers parse, authorise through the domain's own service, and answer.

pub mod activite;
pub mod conseillers;
pub mod documents;
pub mod exports;
pub mod graphql;
pub mod lieux;
pub mod metriques;
pub mod pieces;
pub mod premier_rendu;
pub mod proconnect;
pub mod quota;
pub mod rapports;
pub mod reponses_pretes;
pub mod tableur;
pub mod televersement;

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::security_headers::{self, EntetesSecurite};
use crate::settings::{DOSSIER_CARTE, DOSSIER_LIEUX, Settings};

/// Largest GraphQL request body accepted: queries are small, a big body is an abuse.
const GRAPHQL_BODY_LIMIT: usize = 64 * 1024;

/// The HTTP routes and middleware.
pub fn router(
    settings: &Settings,
    db: DatabaseConnection,
    metriques: std::sync::Arc<crate::metriques::Metriques>,
) -> anyhow::Result<Router> {
    let stockage = crate::stockage::Stockage::new(&settings.stockage)?;
    let schema = crate::graphql::build(db.clone(), settings, stockage.clone());
    let static_dir = &settings.application.static_dir;
    if !static_dir.join("index.html").exists() {
        tracing::warn!(dir = %static_dir.display(), "application web absente : lancez `cargo xtask web` (voir README)");
    }
    // Each file as compressed at build time (`scripts/precompresser.mjs`), brotli or gzip as the browser
    // accepts; the on-the-fly compression below only serves what has no such copy. Any other address is a
    // page of the app: its `index.html` with the page's first paint.
    let page = |index: std::path::PathBuf| {
        get(premier_rendu::page).with_state(premier_rendu::EtatPremierRendu {
            db: db.clone(),
            index,
        })
    };
    let spa = ServeDir::new(static_dir)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(page(static_dir.join("index.html")));
    // The public map and the lieux' public pages have their own, lighter entry points (frontend/carte.html,
    // frontend/lieux.html) when they were built; otherwise the whole app serves them too.
    let leger = |dossier: &str| match static_dir.join(dossier).join("index.html") {
        chemin if chemin.exists() => page(chemin),
        _ => page(static_dir.join("index.html")),
    };
    let carte = leger(DOSSIER_CARTE);
    let lieux = leger(DOSSIER_LIEUX);
    // The pages under /lieux/ that need a session: the whole app, not the lieux' entry point.
    let application = page(static_dir.join("index.html"));

    let quotas = quota::Quotas::new(
        settings.application.requetes_par_minute,
        settings.application.requetes_par_minute_jeton,
        settings.application.derriere_un_proxy,
    );
    let exports = Router::new()
        .route("/exports/{fichier}", get(exports::telecharger))
        .route("/rapports/{fichier}", get(rapports::telecharger))
        .route("/candidatures/{id}/dossier.pdf", get(documents::dossier))
        .route("/candidatures/{id}/decision.pdf", get(documents::decision))
        .route("/donnees/lieux.csv", get(lieux::telecharger))
        .route("/donnees/activite.csv", get(activite::telecharger))
        .route(
            "/imports/lieux",
            // The handler reads the body itself, bounded, once the caller may import.
            axum::routing::post(lieux::televerser),
        )
        .route(
            "/imports/conseillers",
            axum::routing::post(conseillers::televerser),
        )
        .layer(axum::middleware::from_fn_with_state(
            quotas.clone(),
            quota::limiter,
        ))
        .with_state(db.clone());
    let pieces = Router::new()
        .route(
            "/candidatures/{id}/pieces",
            // The handler reads the body itself, bounded, once the caller may attach.
            axum::routing::post(pieces::joindre),
        )
        .route("/candidatures/{id}/pieces/{piece}", get(pieces::telecharger))
        .layer(axum::middleware::from_fn_with_state(
            quotas.clone(),
            quota::limiter,
        ))
        .with_state(pieces::EtatPieces {
            db: db.clone(),
            stockage,
        });
    let api = Router::new()
        .route(
            "/graphql",
            // The API explorer: GraphiQL from npm, built into dist/explorateur/ (frontend/explorateur/).
            axum::routing::get_service(tower_http::services::ServeFile::new(
                static_dir.join("explorateur").join("index.html"),
            ))
            .post(self::graphql::handler),
        )
        .layer(axum::middleware::from_fn_with_state(
            quotas.clone(),
            quota::limiter,
        ))
        .layer(RequestBodyLimitLayer::new(GRAPHQL_BODY_LIMIT))
        .with_state(self::graphql::EtatGraphql {
            metriques: metriques.clone(),
            schema,
            db: db.clone(),
            production: settings.application.production,
            reponses_pretes: settings.application.reponses_pretes.then(|| {
                std::sync::Arc::new(reponses_pretes::ReponsesPretes::new(Duration::from_secs(
                    settings.application.lecture_consignee_secondes,
                )))
            }),
        });
    let proconnect = Router::new()
        .route("/auth/proconnect", get(proconnect::commencer))
        .route("/auth/proconnect/retour", get(proconnect::retour))
        .route("/auth/proconnect/deconnexion", get(proconnect::deconnexion))
        .route("/auth/proconnect/deconnecte", get(proconnect::deconnecte))
        .layer(axum::middleware::from_fn_with_state(
            quotas.clone(),
            quota::limiter,
        ))
        .with_state(proconnect::EtatProConnect {
            db: db.clone(),
            reglages: settings.proconnect.clone(),
            adresse_publique: settings.email.adresse_publique.clone(),
            securise: settings.application.production,
        });
    let autorisees = settings
        .application
        .metriques_depuis
        .iter()
        .map(|texte| metriques::Reseau::lire(texte))
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::msg)?;
    let metrics = Router::new()
        .route("/metrics", get(metriques::servir))
        .with_state(metriques::EtatMetriques {
            metriques: metriques.clone(),
            db: db.clone(),
            autorisees: std::sync::Arc::new(autorisees),
            derriere_un_proxy: settings.application.derriere_un_proxy,
            connexions_max: settings.database.max_connections,
        });
    let health = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .with_state(db);

    let securite = EntetesSecurite::new(settings.application.hsts);
    Ok(Router::new()
        .merge(api)
        .merge(exports)
        .merge(pieces)
        .merge(proconnect)
        .merge(health)
        .merge(metrics)
        .route("/carte", carte.clone())
        .route("/carte/{code}", carte)
        // The search of lieux and a lieu's page are public pages with their own entry point; the pages of
        // that address that need a session are the whole app's.
        .route("/lieux", lieux.clone())
        .route("/lieux/{id}", lieux)
        .route("/lieux/import", application.clone())
        .route("/lieux/nouveau", application)
        .fallback_service(spa)
        .layer(axum::middleware::from_fn_with_state(securite, security_headers::entetes))
        .layer(axum::middleware::from_fn_with_state(metriques, metriques::compter))
        .layer(
        ServiceBuilder::new()
            .layer(axum::middleware::map_request(sans_identifiant_du_client))
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let request_id =
                    request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id)
            }))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                Duration::from_secs(settings.application.request_timeout_seconds),
            ))
            .layer(CompressionLayer::new()),
    ))
}

/// The request id is the server's own: the one a client sends is dropped before the server makes its own, so
/// the audit journal and the logs never carry a value the caller chose.
async fn sans_identifiant_du_client(mut request: axum::extract::Request) -> axum::extract::Request {
    request.headers_mut().remove("x-request-id");
    request
}

/// Ready when the database answers: a load balancer stops sending traffic otherwise.
async fn readyz(State(db): State<DatabaseConnection>) -> (StatusCode, &'static str) {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::warn!(%error, "base de données injoignable");
            (StatusCode::SERVICE_UNAVAILABLE, "base de données injoignable")
        }
    }
}

//! Wires the application: database, referential, GraphQL schema, HTTP routes and middleware.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::notification::worker::Facteur;
use crate::securite::{self, EntetesSecurite};
use crate::settings::Settings;
use crate::territoire::referentiel::{self, Referentiel};
use crate::{database, demo, graphql};

/// Largest GraphQL request body accepted: queries are small, a big body is an abuse.
const GRAPHQL_BODY_LIMIT: usize = 64 * 1024;

/// A bound, ready-to-serve application.
pub struct Application {
    listener: TcpListener,
    router: Router,
    db: DatabaseConnection,
}

impl Application {
    /// Connects to the database, migrates it and loads the referential if the settings say so, then binds
    /// the address (port 0 picks a free one).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let echeancier = &settings.financement_perenne;
        anyhow::ensure!(
            echeancier.montants_annuels_euros.is_empty() || echeancier.est_valide(),
            "financement_perenne : trois montants annuels décroissants attendus"
        );
        crate::notification::service::definir_adresse_publique(&settings.email.adresse_publique);
        let db = database::connect(&settings.database).await?;
        if settings.database.migrate_on_start {
            database::migrate(&db).await?;
        }
        if settings.database.load_referential_on_start && referentiel::est_vide(&db).await? {
            tracing::info!("base neuve : chargement du référentiel des territoires");
            let bilan = referentiel::importer(&db, &Referentiel::embarque()?, |_, _, _| {}).await?;
            tracing::info!(?bilan, "référentiel chargé");
        }
        if settings.application.demo {
            anyhow::ensure!(
                !settings.application.production,
                "le mode démo est interdit en production"
            );
            if !demo::est_semee(&db).await? {
                demo::semer(&db, chrono::Utc::now().date_naive()).await?;
                tracing::info!("données de démonstration créées (comptes dans le README)");
            }
            let lieux = demo::semer_lieux(&db).await?;
            if lieux > 0 {
                tracing::info!(lieux, "lieux de démonstration importés");
            }
        }
        tokio::spawn(rappels_quotidiens(db.clone(), settings.retention.clone()));
        if !settings.email.smtp_host.is_empty() {
            let facteur = Facteur::new(db.clone(), &settings.email)?;
            tokio::spawn(facteur.tourner(Duration::from_secs(settings.email.intervalle_secondes)));
        }
        let router = router(&settings, db.clone());
        let listener = TcpListener::bind(settings.application.addr).await?;
        Ok(Self { listener, router, db })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|addr| addr.port())
            .unwrap_or_default()
    }

    /// The database the application uses (tests inspect it).
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Serves until SIGTERM or ctrl-c, finishing the requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes, finishing the requests in flight.
    pub async fn run_until(self, stop: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        tracing::info!(addr = %self.listener.local_addr()?, "maillage à l’écoute");
        use axum::serve::ListenerExt;
        // Without TCP_NODELAY a small response written in two segments waits for the client's delayed ACK
        // (a flat ~40 ms per request on loopback, measured by scripts/bench.sh).
        let listener = self.listener.tap_io(|flux| {
            if let Err(erreur) = flux.set_nodelay(true) {
                tracing::trace!(%erreur, "TCP_NODELAY impossible sur cette connexion");
            }
        });
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(stop)
        .await
    }
}

/// Where, in the built SPA, the public map's own entry point lives (built from frontend/carte.html), served
/// at `/carte-seule/` for its assets and for `/carte` and `/carte/:code`.
pub const DOSSIER_CARTE: &str = "carte-seule";

/// The HTTP routes and middleware.
pub fn router(settings: &Settings, db: DatabaseConnection) -> Router {
    let schema = graphql::build(db.clone(), settings);
    let static_dir = &settings.application.static_dir;
    if !static_dir.join("index.html").exists() {
        tracing::warn!(dir = %static_dir.display(), "application web absente : lancez `trunk build` (voir README)");
    }
    let spa = ServeDir::new(static_dir).fallback(ServeFile::new(static_dir.join("index.html")));
    // The public map has its own, lighter entry point (frontend/carte.html) when it was built; otherwise the
    // whole app serves the map too.
    let index_carte = match static_dir.join(DOSSIER_CARTE).join("index.html") {
        chemin if chemin.exists() => chemin,
        _ => static_dir.join("index.html"),
    };
    let carte = axum::routing::get_service(ServeFile::new(index_carte));

    let quotas = crate::quota::Quotas::new(
        settings.application.requetes_par_minute,
        settings.application.requetes_par_minute_jeton,
        settings.application.derriere_un_proxy,
    );
    let exports = Router::new()
        .route("/exports/{fichier}", get(crate::export::telecharger))
        .route("/rapports/{fichier}", get(crate::rapport::document::telecharger))
        .route("/donnees/lieux.csv", get(crate::lieu::service::telecharger))
        .route(
            "/imports/lieux",
            axum::routing::post(crate::lieu::televersement::televerser).layer(
                axum::extract::DefaultBodyLimit::max(crate::lieu::televersement::TAILLE_MAX),
            ),
        )
        .layer(axum::middleware::from_fn_with_state(
            quotas.clone(),
            crate::quota::limiter,
        ))
        .with_state(db.clone());
    let api = Router::new()
        .route("/graphql", get(graphql::graphiql).post(graphql::handler))
        .layer(axum::middleware::from_fn_with_state(
            quotas,
            crate::quota::limiter,
        ))
        .layer(RequestBodyLimitLayer::new(GRAPHQL_BODY_LIMIT))
        .with_state(graphql::EtatGraphql {
            schema,
            db: db.clone(),
            production: settings.application.production,
        });
    let health = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .with_state(db);

    let securite = EntetesSecurite::new(static_dir, settings.application.hsts);
    Router::new()
        .merge(api)
        .merge(exports)
        .merge(health)
        .route_service("/carte", carte.clone())
        .route_service("/carte/{code}", carte)
        .fallback_service(spa)
        .layer(axum::middleware::from_fn_with_state(securite, securite::entetes))
        .layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let request_id =
                    request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("requete", method = %request.method(), path = %request.uri().path(), request_id)
            }))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                Duration::from_secs(settings.application.request_timeout_seconds),
            ))
            .layer(CompressionLayer::new()),
    )
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

/// Every hour, the date-driven reminders (recruitment at five months). Safe with several instances: each
/// reminder is claimed by a conditional update in its own transaction.
async fn rappels_quotidiens(db: DatabaseConnection, retention: crate::rgpd::service::Retention) {
    loop {
        let resultat = async {
            let txn = database::ecriture(&db).await?;
            let rappeles =
                crate::poste::service::rappeler_recrutements(&txn, chrono::Utc::now().date_naive()).await?;
            txn.commit().await?;
            Ok::<usize, crate::error::AppError>(rappeles)
        }
        .await;
        match resultat {
            Ok(0) => {}
            Ok(rappeles) => tracing::info!(rappeles, "rappels de recrutement envoyés"),
            Err(error) => tracing::error!(error = ?error, "rappels de recrutement"),
        }
        // Data past its retention period (settings `[retention]`).
        match crate::rgpd::service::purger(&db, &retention, chrono::Utc::now()).await {
            Ok(purge) => tracing::info!(?purge, "purge des données échues"),
            Err(error) => tracing::error!(error = ?error, "purge des données échues"),
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "ctrl-c handler");
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => tracing::error!(%error, "SIGTERM handler"),
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
    tracing::info!("arrêt demandé : fin des requêtes en cours");
}

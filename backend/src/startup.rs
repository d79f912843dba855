//! Wires the application: database, referential, GraphQL schema, HTTP routes and middleware.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::notification::worker::Facteur;
use crate::settings::Settings;
use crate::territoire::referentiel::{self, Referentiel};
use crate::{database, demo};

/// A bound, ready-to-serve application.
pub struct Application {
    listener: TcpListener,
    router: Router,
    db: DatabaseConnection,
    instructions: database::Instructions,
}

impl Application {
    /// Connects to the database, migrates it and loads the referential if the settings say so, then binds
    /// the address (port 0 picks a free one).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        crate::compte::proconnect::installer_la_cryptographie();
        let echeancier = &settings.financement_perenne;
        anyhow::ensure!(
            echeancier.montants_annuels_euros.is_empty() || echeancier.est_valide(),
            "financement_perenne : trois montants annuels décroissants attendus"
        );
        crate::notification::service::definir_adresse_publique(&settings.email.adresse_publique);
        let mut db = database::connect(&settings.database).await?;
        let instructions = database::compter_les_instructions(&mut db);
        if settings.database.migrate_on_start {
            prepare_database(&db).await?;
        }
        if settings.database.load_referential_on_start && referentiel::a_charger(&db).await? {
            tracing::info!(
                "chargement du référentiel des territoires (base neuve, ou communes sans leur centre)"
            );
            let bilan = referentiel::importer(&db, &Referentiel::embarque()?, |_, _, _| {}).await?;
            tracing::info!(?bilan, "référentiel chargé");
            let places = crate::lieu::service::placer_au_centre_de_leur_commune(&db).await?;
            if places > 0 {
                tracing::info!(places, "lieux sans coordonnées placés au centre de leur commune");
            }
        }
        if settings.application.demo {
            anyhow::ensure!(
                !settings.application.production,
                "le mode démo est interdit en production"
            );
            if !demo::est_semee(&db).await? {
                demo::semer(&db, maillage_shared::jour::jour_en_metropole(chrono::Utc::now())).await?;
                tracing::info!("données de démonstration créées (comptes dans le README)");
            }
            let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
            let stockage = crate::stockage::Stockage::new(&settings.stockage)?;
            if demo::coordination::semer_le_poste_de_camille(&db, &stockage, aujourd_hui).await? {
                tracing::info!("poste de démonstration de Camille, coordinatrice à Rennes Métropole, créé");
            }
            let lieux = demo::semer_lieux(&db).await?;
            if lieux > 0 {
                tracing::info!(lieux, "lieux de démonstration importés");
            }
        }
        let metriques = std::sync::Arc::new(crate::metriques::Metriques::default());
        tokio::spawn(rappels_quotidiens(
            db.clone(),
            settings.retention.clone(),
            metriques.clone(),
        ));
        if !settings.email.smtp_host.is_empty() {
            let facteur = Facteur::new(db.clone(), &settings.email)?;
            tokio::spawn(facteur.tourner(
                Duration::from_secs(settings.email.intervalle_secondes),
                metriques.clone(),
            ));
        }
        let router = crate::http::router(&settings, db.clone(), metriques)?;
        let listener = TcpListener::bind(settings.application.addr).await?;
        Ok(Self {
            listener,
            router,
            db,
            instructions,
        })
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

    /// The SQL statements the application's pool has executed so far.
    pub fn instructions(&self) -> database::Instructions {
        self.instructions.clone()
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

/// Every hour, the date-driven reminders (recruitment at five months, contracts ending within two months).
/// Safe with several instances: each reminder is claimed in the transaction that sends it.
async fn rappels_quotidiens(
    db: DatabaseConnection,
    retention: crate::settings::Retention,
    metriques: std::sync::Arc<crate::metriques::Metriques>,
) {
    loop {
        let resultat = async {
            let txn = database::ecriture(&db).await?;
            let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
            let rappeles = crate::poste::obligations::rappeler_recrutements(&txn, aujourd_hui).await?;
            // Contracts ending within two months, to their coordinators.
            let fins = crate::equipe::fins_de_contrat::signaler(&txn, aujourd_hui).await?;
            txn.commit().await?;
            Ok::<usize, crate::error::AppError>(rappeles + fins)
        }
        .await;
        metriques.tache("rappels", resultat.is_ok());
        match resultat {
            Ok(0) => {}
            Ok(rappeles) => tracing::info!(rappeles, "rappels envoyés (recrutements, fins de contrat)"),
            Err(error) => tracing::error!(error = ?error, "rappels (recrutements, fins de contrat)"),
        }
        // Data past its retention period (settings `[retention]`).
        let purge = crate::rgpd::service::purger(&db, &retention, chrono::Utc::now()).await;
        metriques.tache("purge", purge.is_ok());
        match purge {
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

/// Migrates the database, then prepares what the domains rely on: the reference call for applications, and
/// the activity rollup when it was never built (a database from before it).
pub async fn prepare_database(db: &DatabaseConnection) -> anyhow::Result<()> {
    database::migrate(db).await?;
    crate::candidature::appels::assurer_appels_de_reference(db).await?;
    crate::activite::cumul::reconstruire_si_absent(db).await?;
    Ok(())
}

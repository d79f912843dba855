//! Connection to the configured engine (embedded SQLite by default, PostgreSQL in production) and migrations.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use maillage_migrations::{Migrator, MigratorTrait};
use sea_orm::sea_query::{Alias, Expr, Func};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use secrecy::ExposeSecret;

use crate::settings::DatabaseSettings;

/// Opens the connection pool. For SQLite, creates the data folder and sets the pragmas that make the
/// file crash-safe (WAL, full sync) and usable by concurrent requests (busy timeout, foreign keys).
pub async fn connect(settings: &DatabaseSettings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.connection_url();
    if settings.url.is_none() {
        std::fs::create_dir_all(&settings.data_dir)?;
    }
    let mut options = ConnectOptions::new(url.expose_secret().to_owned());
    options
        .max_connections(settings.max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_postgres_opts({
            let limite = format!("{}s", settings.statement_timeout_seconds);
            move |opts| opts.options([("statement_timeout", limite.clone())])
        })
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    Ok(Database::connect(options).await?)
}

/// The SQL statements executed through one connection pool, counted from [`compter_les_instructions`] on:
/// tests prove that a GraphQL operation's count does not grow with its page size (no N+1). One counter per
/// pool, so that tests running side by side in one process do not count each other's statements.
#[derive(Debug, Clone, Default)]
pub struct Instructions(Arc<AtomicU64>);

impl Instructions {
    /// How many statements the pool has executed so far.
    pub fn executees(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Starts counting the statements of `db`'s pool.
pub fn compter_les_instructions(db: &mut DatabaseConnection) -> Instructions {
    let compteur = Instructions::default();
    let incremente = compteur.0.clone();
    db.set_metric_callback(move |_| {
        incremente.fetch_add(1, Ordering::Relaxed);
    });
    compteur
}

/// Applies the pending migrations, and nothing else: the reference data that the domains rely on is prepared
/// after them by `startup::prepare_database`.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Begins a transaction that will write: one at a time, on both engines. On SQLite it takes the write lock
/// at once (`BEGIN IMMEDIATE`): a deferred transaction that read first could not upgrade when another writer
/// committed in between, and would fail with "database is locked" instead of waiting. On PostgreSQL it locks
/// the data's version (`version_donnees`, which the first change would lock anyway through its trigger) before
/// anything else: every writer takes its locks in the same order, after this one, so two writers of the
/// same rows wait for each other instead of deadlocking.
pub async fn ecriture<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    prendre_son_tour(&txn).await?;
    Ok(txn)
}

/// Takes the writers' turn until the transaction ends: on PostgreSQL the lock of the data's version row, the
/// first lock of every writer ([`ecriture`]); SQLite's write transactions already take turns. Taking it twice
/// in one transaction is allowed.
pub async fn prendre_son_tour(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared("SELECT valeur FROM version_donnees WHERE id = 1 FOR UPDATE")
            .await?;
    }
    Ok(())
}

/// The version of the data now: moved by every committed change of data, in its own transaction (the
/// triggers of migration 26). Read before the data an answer is computed from, it tells whether an answer
/// kept since is still the answer.
pub async fn version_des_donnees(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let ligne = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT valeur FROM version_donnees WHERE id = 1",
        ))
        .await?;
    Ok(match ligne {
        Some(ligne) => ligne.try_get::<i64>("", "valeur")?,
        None => 0,
    })
}

/// `SUM(expr)` as a 64-bit integer on both engines (PostgreSQL sums bigints as numeric).
pub fn somme(expr: Expr) -> Expr {
    Func::cast_as(
        Func::coalesce([Func::sum(expr).into(), Expr::val(0)]),
        Alias::new("BIGINT"),
    )
    .into()
}

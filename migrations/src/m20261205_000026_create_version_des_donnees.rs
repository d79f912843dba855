//! The data's version: one counter that every change of data moves inside the changing transaction, read by
//! the server before it serves a ready answer (`http::reponses_pretes`). Triggers move it, so no write path
//! can forget it: per row on SQLite (which has no statement triggers; its rows are next to each other, a
//! bulk import pays microseconds a row), per statement on PostgreSQL.
//!
//! Tables left out hold no data an answer is computed from: the audit journal (an agent's read appends to
//! it), sessions, login attempts and ProConnect's pending logins (who is calling is read at each request),
//! idempotence keys, the outbox (its worker is not a change of data), and the rollups (recounts of data
//! whose own changes move the counter). A migration that creates a table calls [`suivre`] again; a test
//! checks that every other table is followed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

/// The tables whose changes do not move the version.
pub const NON_SUIVIES: [&str; 11] = [
    "seaql_migrations",
    "version_donnees",
    "journal",
    "session",
    "tentative_connexion",
    "connexion_proconnect",
    "idempotence",
    "email_sortant",
    "activite_mensuelle",
    "activite_departementale",
    "cumul_departement",
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE version_donnees (id INTEGER PRIMARY KEY CHECK (id = 1), valeur BIGINT NOT NULL)",
        )
        .await?;
        db.execute_unprepared("INSERT INTO version_donnees (id, valeur) VALUES (1, 0)")
            .await?;
        if db.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(
                "CREATE FUNCTION maillage_version_donnees() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN UPDATE version_donnees SET valeur = valeur + 1 WHERE id = 1; RETURN NULL; END $$",
            )
            .await?;
        }
        suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in tables(manager).await? {
            let sql = match db.get_database_backend() {
                DatabaseBackend::Postgres => {
                    vec![format!("DROP TRIGGER IF EXISTS version_donnees ON \"{table}\"")]
                }
                _ => ["insert", "update", "delete"]
                    .iter()
                    .map(|quand| format!("DROP TRIGGER IF EXISTS version_donnees_{table}_{quand}"))
                    .collect(),
            };
            for instruction in sql {
                db.execute_unprepared(&instruction).await?;
            }
        }
        if db.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION maillage_version_donnees()")
                .await?;
        }
        db.execute_unprepared("DROP TABLE version_donnees").await?;
        Ok(())
    }
}

/// The tables of the database, outside [`NON_SUIVIES`].
async fn tables(manager: &SchemaManager<'_>) -> Result<Vec<String>, DbErr> {
    let db = manager.get_connection();
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT tablename AS nom FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        }
        _ => {
            "SELECT name AS nom FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        }
    };
    let mut noms = Vec::new();
    for ligne in db.query_all_raw(Statement::from_string(backend, sql)).await? {
        let nom: String = ligne.try_get("", "nom")?;
        if !NON_SUIVIES.contains(&nom.as_str()) {
            noms.push(nom);
        }
    }
    Ok(noms)
}

/// Makes every change of every followed table move the version (again: it replaces the triggers it finds).
pub async fn suivre(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for table in tables(manager).await? {
        let instructions = match db.get_database_backend() {
            DatabaseBackend::Postgres => vec![
                format!("DROP TRIGGER IF EXISTS version_donnees ON \"{table}\""),
                format!(
                    "CREATE TRIGGER version_donnees AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \"{table}\" \
                     FOR EACH STATEMENT EXECUTE FUNCTION maillage_version_donnees()"
                ),
            ],
            // Dropped and created in one batch, on one connection of the pool: a replacement seen by another
            // connection in between would fail with "already exists".
            _ => vec![
                ["insert", "update", "delete"]
                    .iter()
                    .map(|quand| {
                        format!(
                            "DROP TRIGGER IF EXISTS version_donnees_{table}_{quand}; \
                             CREATE TRIGGER version_donnees_{table}_{quand} AFTER {} ON \"{table}\" \
                             BEGIN UPDATE version_donnees SET valeur = valeur + 1 WHERE id = 1; END;",
                            quand.to_uppercase()
                        )
                    })
                    .collect::<String>(),
            ],
        };
        for instruction in instructions {
            db.execute_unprepared(&instruction).await?;
        }
    }
    Ok(())
}

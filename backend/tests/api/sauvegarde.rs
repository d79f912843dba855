//! Backups through the real binary, on SQLite and PostgreSQL: `maillage sauvegarde` then `maillage
//! restaurer` bring back every table as it was at the backup, writes made since included, with the audit
//! chain intact and ending on the manifest's fingerprint; a backup whose manifest does not match is refused
//! and the database is left as it was.

use maillage_harness::{self as common};

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use common::Engine;
use maillage::journal::{self, Entree, Verification};
use maillage::sauvegarde::{Manifeste, chemin_du_manifeste};
use sea_orm::{ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, Statement};

/// Every row of every table, as text, sorted: two databases with the same photo hold the same data.
async fn photo(db: &DatabaseConnection) -> BTreeMap<String, Vec<String>> {
    let moteur = db.get_database_backend();
    let lister = match moteur {
        DatabaseBackend::Sqlite => {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        _ => "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'",
    };
    let mut photo = BTreeMap::new();
    for table in db
        .query_all_raw(Statement::from_string(moteur, lister))
        .await
        .unwrap()
    {
        let table: String = table.try_get("", "t").unwrap();
        let lignes = match moteur {
            DatabaseBackend::Sqlite => {
                let colonnes: Vec<String> = db
                    .query_all_raw(Statement::from_string(
                        moteur,
                        format!("SELECT name FROM pragma_table_info('{table}')"),
                    ))
                    .await
                    .unwrap()
                    .iter()
                    .map(|c| format!("quote(\"{}\")", c.try_get::<String>("", "name").unwrap()))
                    .collect();
                format!("SELECT {} AS l FROM \"{table}\"", colonnes.join(" || '|' || "))
            }
            _ => format!("SELECT t::text AS l FROM \"{table}\" t"),
        };
        let mut lignes: Vec<String> = db
            .query_all_raw(Statement::from_string(moteur, lignes))
            .await
            .unwrap()
            .iter()
            .map(|l| l.try_get("", "l").unwrap())
            .collect();
        lignes.sort();
        photo.insert(table, lignes);
    }
    photo
}

fn maillage(commande: &str, fichier: &Path, url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maillage"))
        .arg(commande)
        .arg(fichier)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "error")
        .output()
        .unwrap()
}

async fn consigner(url: &str, action: &str) {
    let db = Database::connect(url).await.unwrap();
    journal::consigner_seul(&db, &Entree::new(None, "sauvegarde", action, "test"))
        .await
        .unwrap();
    db.close().await.unwrap();
}

async fn photo_de(url: &str) -> BTreeMap<String, Vec<String>> {
    let db = Database::connect(url).await.unwrap();
    let photo = photo(&db).await;
    db.close().await.unwrap();
    photo
}

async fn a_backup_restores_the_data_and_the_audit_chain_as_they_were(engine: Engine) {
    let dossier = tempfile::tempdir().unwrap();
    let (url, nom) = common::base_neuve(engine, dossier.path()).await;
    consigner(&url, "avant la sauvegarde").await;
    let avant = photo_de(&url).await;

    let fichier = dossier.path().join("maillage.sauvegarde");
    let sortie = maillage("sauvegarde", &fichier, &url);
    assert!(
        sortie.status.success(),
        "{}",
        String::from_utf8_lossy(&sortie.stderr)
    );
    let manifeste: Manifeste =
        serde_json::from_str(&std::fs::read_to_string(chemin_du_manifeste(&fichier)).unwrap()).unwrap();
    let db = Database::connect(&url).await.unwrap();
    let Verification::Intacte { entrees, derniere } = journal::verifier(&db).await.unwrap() else {
        panic!("chaîne rompue");
    };
    db.close().await.unwrap();
    assert_eq!(
        (manifeste.entrees_du_journal, &manifeste.derniere_empreinte),
        (entrees, &derniere)
    );

    // Life goes on after the backup: a new audit entry, a row deleted.
    consigner(&url, "après la sauvegarde").await;
    let db = Database::connect(&url).await.unwrap();
    db.execute_unprepared("DELETE FROM lieu").await.unwrap();
    db.close().await.unwrap();
    let apres = photo_de(&url).await;
    assert_ne!(apres, avant);

    // A manifest that does not match its backup: refused, nothing changed.
    let vrai = std::fs::read_to_string(chemin_du_manifeste(&fichier)).unwrap();
    let faux = Manifeste {
        derniere_empreinte: "ab".repeat(32),
        ..manifeste.clone()
    };
    std::fs::write(
        chemin_du_manifeste(&fichier),
        serde_json::to_string(&faux).unwrap(),
    )
    .unwrap();
    let sortie = maillage("restaurer", &fichier, &url);
    assert!(!sortie.status.success());
    let erreur = String::from_utf8_lossy(&sortie.stderr);
    assert!(erreur.contains("ne correspond pas à son manifeste"), "{erreur}");
    assert_eq!(photo_de(&url).await, apres, "a refused restore changes nothing");

    std::fs::write(chemin_du_manifeste(&fichier), vrai).unwrap();
    let sortie = maillage("restaurer", &fichier, &url);
    assert!(
        sortie.status.success(),
        "{}",
        String::from_utf8_lossy(&sortie.stderr)
    );
    assert_eq!(photo_de(&url).await, avant, "every table as it was at the backup");
    let db = Database::connect(&url).await.unwrap();
    assert_eq!(
        journal::verifier(&db).await.unwrap(),
        Verification::Intacte { entrees, derniere },
        "the audit chain as it was, intact"
    );
    db.close().await.unwrap();
    if let Some(nom) = nom {
        common::supprimer_base(&nom).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_the_data_and_the_audit_chain_as_they_were_sqlite() {
    a_backup_restores_the_data_and_the_audit_chain_as_they_were(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_the_data_and_the_audit_chain_as_they_were_postgres() {
    a_backup_restores_the_data_and_the_audit_chain_as_they_were(Engine::Postgres).await;
}

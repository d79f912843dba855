//! Crash safety, on SQLite and PostgreSQL: the real server binary is killed with SIGKILL in the middle of a
//! write load; after a restart the database is intact (`PRAGMA integrity_check` on SQLite), every
//! acknowledged write is there, and retrying the unacknowledged ones with their idempotency key records
//! each exactly once. The audit chain still verifies.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common};

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Engine;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};

const YANN: &str = "conseiller.iroise@demo.maillage.fr";
const ENREGISTRER: &str = "mutation($a: AccompagnementEntree!, $k: String) {
    enregistrerActivite(accompagnement: $a, cleIdempotence: $k) }";

fn port_libre() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `maillage serve` on `url` and waits until it is ready.
async fn demarrer(url: &str, port: u16, dossier: &std::path::Path) -> Child {
    // reqwest is built without a TLS provider of its own (Cargo.toml): this test may be the first of its
    // process to make a client, before any app of the harness installed ring.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut enfant = Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", url)
        .env("MAILLAGE_APPLICATION__STATIC_DIR", dossier)
        .env("MAILLAGE_APPLICATION__REQUETES_PAR_MINUTE", "0")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let debut = Instant::now();
    while debut.elapsed() < Duration::from_secs(60) {
        if let Ok(reponse) = client.get(format!("http://127.0.0.1:{port}/readyz")).send().await
            && reponse.status() == 200
        {
            return enfant;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = enfant.kill();
    let _ = enfant.wait();
    panic!("le serveur n’a pas démarré");
}

fn accompagnement(cle: &str) -> Value {
    json!({
        "a": {
            "date": maillage_shared::jour::jour_en_metropole(chrono::Utc::now()).to_string(), "typeAccompagnement": "INDIVIDUEL",
            "canal": "LIEU_DE_PERMANENCE", "themes": ["Aide aux démarches administratives"],
            "dureeMinutes": 30, "participants": 1, "communeCode": "29019"
        },
        "k": cle,
    })
}

/// One write; `Some(true)` when acknowledged, `None` when the answer was lost.
async fn ecrire(client: &reqwest::Client, port: u16, cle: &str) -> Option<bool> {
    let reponse = client
        .post(format!("http://127.0.0.1:{port}/graphql"))
        .json(&json!({ "query": ENREGISTRER, "variables": accompagnement(cle) }))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .ok()?;
    let corps: Value = reponse.json().await.ok()?;
    Some(corps["data"]["enregistrerActivite"] == true)
}

async fn compter(db: &DatabaseConnection, sql: &str) -> i64 {
    let ligne = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    ligne.try_get_by_index(0).unwrap()
}

async fn tuer_pendant_une_charge_d_ecriture(engine: Engine) {
    let dossier = tempfile::tempdir().unwrap();
    std::fs::write(
        dossier.path().join("index.html"),
        "<!doctype html><title>SPA</title>",
    )
    .unwrap();
    let (url, pg) = common::base_neuve(engine, dossier.path()).await;
    let port = port_libre();
    let mut serveur = demarrer(&url, port, dossier.path()).await;

    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let connexion: Value = client
        .post(format!("http://127.0.0.1:{port}/graphql"))
        .json(&json!({
            "query": "mutation($e: String!, $m: String!) { connexion(email: $e, motDePasse: $m) { email } }",
            "variables": { "e": YANN, "m": maillage::demo::MOT_DE_PASSE },
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(connexion["data"]["connexion"]["email"], YANN, "{connexion}");

    let acquittees = Arc::new(Mutex::new(BTreeSet::new()));
    let envoyees = Arc::new(Mutex::new(BTreeSet::new()));
    let ecrivains: Vec<_> = (0..6)
        .map(|ecrivain| {
            let (client, acquittees, envoyees) = (client.clone(), acquittees.clone(), envoyees.clone());
            tokio::spawn(async move {
                for i in 0.. {
                    let cle = format!("crash-{ecrivain}-{i}");
                    envoyees.lock().unwrap().insert(cle.clone());
                    match ecrire(&client, port, &cle).await {
                        Some(true) => {
                            acquittees.lock().unwrap().insert(cle);
                        }
                        Some(false) => panic!("écriture refusée : {cle}"),
                        None => return,
                    }
                }
            })
        })
        .collect();
    // Let the load run, then pull the plug: no shutdown, no flush, no goodbye. A load that never gets going
    // fails here rather than hangs.
    let debut = Instant::now();
    while acquittees.lock().unwrap().len() < 60 {
        assert!(
            debut.elapsed() < Duration::from_secs(120),
            "the write load never reached 60 acknowledged writes"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    serveur.kill().unwrap();
    serveur.wait().unwrap();
    for ecrivain in ecrivains {
        ecrivain.await.unwrap();
    }
    let acquittees = acquittees.lock().unwrap().clone();
    let envoyees = envoyees.lock().unwrap().clone();
    assert!(acquittees.len() >= 60);

    let db = Database::connect(url.clone()).await.unwrap();
    if engine == Engine::Sqlite {
        let ligne = db
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DatabaseBackend::Sqlite,
                "PRAGMA integrity_check".to_owned(),
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(ligne.try_get_by_index::<String>(0).unwrap(), "ok");
    }
    // Every acknowledged key is there, each one by name, before anything is retried (a retry would write a
    // lost one again and hide it).
    let mut lignes = Vec::new();
    for ligne in db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT cle FROM idempotence WHERE cle LIKE 'crash-%'".to_owned(),
        ))
        .await
        .unwrap()
    {
        lignes.push(ligne.try_get::<String>("", "cle").unwrap());
    }
    let retenues: BTreeSet<String> = lignes.into_iter().collect();
    let perdues: Vec<&String> = acquittees.difference(&retenues).collect();
    assert!(perdues.is_empty(), "acknowledged writes lost: {perdues:?}");

    // Restart and retry everything that was sent: the session survived (it lives in the database).
    let mut serveur = demarrer(&url, port, dossier.path()).await;
    for cle in &envoyees {
        assert_eq!(ecrire(&client, port, cle).await, Some(true), "retry of {cle}");
    }
    serveur.kill().unwrap();
    serveur.wait().unwrap();

    let retenues = compter(&db, "SELECT COUNT(*) FROM idempotence WHERE cle LIKE 'crash-%'").await;
    assert_eq!(
        retenues,
        envoyees.len() as i64,
        "each write recorded exactly once"
    );
    let distinctes = compter(
        &db,
        "SELECT COUNT(DISTINCT a.id) FROM idempotence i JOIN activite a ON CAST(i.resultat AS BIGINT) = a.id \
         WHERE i.cle LIKE 'crash-%'",
    )
    .await;
    assert_eq!(
        distinctes,
        envoyees.len() as i64,
        "every key points to its own accompaniment"
    );
    let activites = compter(&db, "SELECT COUNT(*) FROM activite").await;
    assert_eq!(
        activites,
        envoyees.len() as i64,
        "no accompaniment without its key, none twice"
    );
    assert!(matches!(
        maillage::journal::verifier(&db).await.unwrap(),
        maillage::journal::Verification::Intacte { .. }
    ));
    db.close().await.unwrap();
    if let Some(nom) = pg {
        common::supprimer_base(&nom).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_survives_sigkill_during_writes_without_loss_or_duplicate() {
    tuer_pendant_une_charge_d_ecriture(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_survives_sigkill_during_writes_without_loss_or_duplicate() {
    tuer_pendant_une_charge_d_ecriture(Engine::Postgres).await;
}

//! Reads answered from ready answers, on SQLite and PostgreSQL. The same question again costs one statement
//! (the data's version; a logged-in caller's also costs reading who calls) and carries the same ETag, a
//! client holding it gets a 304; once a change is committed (a candidature filed in the Finistère) the next
//! read has the new figures and a new ETag, never the kept answer; a change written by any path moves the
//! version (triggers on every table of data); each caller has their own answers; a read of personal data is
//! journaled once per session and answer within ten minutes; a mutation and an answer with errors are never
//! kept.

use maillage_harness::{self as common, on_both_engines};

use common::parcours::{PREFECTURE_29, PREFECTURE_35, STRUCTURE, candidature_deposee};
use common::{Client, TestApp};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use serde_json::{Value, json};

const INDICATEURS: &str = "{ indicateursDepartements { departement { code } candidatures } }";

/// Posts `query` without a session; returns status, ETag and body.
async fn lire(
    app: &TestApp,
    query: &str,
    si_autre_que: Option<&str>,
) -> (StatusCode, Option<String>, String) {
    let mut requete = reqwest::Client::new()
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": query }));
    if let Some(etag) = si_autre_que {
        requete = requete.header(reqwest::header::IF_NONE_MATCH, etag);
    }
    let reponse = requete.send().await.unwrap();
    let statut = reponse.status();
    let etag = reponse
        .headers()
        .get(reqwest::header::ETAG)
        .map(|v| v.to_str().unwrap().to_owned());
    (statut, etag, reponse.text().await.unwrap())
}

fn candidatures_du_29(corps: &str) -> i64 {
    let json: Value = serde_json::from_str(corps).unwrap();
    json["data"]["indicateursDepartements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["departement"]["code"] == "29")
        .unwrap()["candidatures"]
        .as_i64()
        .unwrap()
}

on_both_engines! {
    async fn a_public_read_is_answered_ready_until_a_change_is_committed_then_never_stale(app) {
        let (statut, etag, premier) = lire(&app, INDICATEURS, None).await;
        assert_eq!(statut, StatusCode::OK);
        let etag = etag.expect("an ETag on a public read");
        let avant = candidatures_du_29(&premier);

        // The same question: the same bytes, for the cost of reading the data's version.
        let compteur = app.instructions.executees();
        let (_, encore, second) = lire(&app, INDICATEURS, None).await;
        assert_eq!(app.instructions.executees() - compteur, 1, "one statement: the version");
        assert_eq!((encore.as_deref(), second.as_str()), (Some(etag.as_str()), premier.as_str()));
        // A browser that has it gets a 304 without the bytes.
        let (statut, _, vide) = lire(&app, INDICATEURS, Some(&etag)).await;
        assert_eq!((statut, vide.as_str()), (StatusCode::NOT_MODIFIED, ""));

        // A candidature filed in the Finistère: the next read counts it, with another ETag.
        candidature_deposee(&app).await;
        let (statut, nouveau, apres) = lire(&app, INDICATEURS, Some(&etag)).await;
        assert_eq!(statut, StatusCode::OK, "the old copy is no longer the answer");
        assert_ne!(nouveau.as_deref(), Some(etag.as_str()));
        assert_eq!(candidatures_du_29(&apres), avant + 1);
    }

    async fn a_logged_in_read_is_kept_for_that_caller_only_until_a_change_is_committed(app) {
        const CANDIDATURES: &str = "{ candidatures(premiers: 100) { total } }";
        let prefecture = app.connecte(PREFECTURE_29).await;
        let (statut, etag, premier, cache) = lire_connecte(&prefecture, CANDIDATURES, None).await;
        assert_eq!((statut, cache.as_deref()), (StatusCode::OK, Some("no-store")), "personal data off the browser's disk");
        let etag = etag.expect("an ETag on a logged-in read");
        let avant = total(&premier);

        // Again: reading who calls (the session, the account, its roles), then the version; the same bytes.
        let compteur = app.instructions.executees();
        let (_, encore, second, _) = lire_connecte(&prefecture, CANDIDATURES, None).await;
        assert_eq!(app.instructions.executees() - compteur, 4, "who calls in three statements, then the version");
        assert_eq!((encore.as_deref(), second.as_str()), (Some(etag.as_str()), premier.as_str()));
        let (statut, _, vide, _) = lire_connecte(&prefecture, CANDIDATURES, Some(&etag)).await;
        assert_eq!((statut, vide.as_str()), (StatusCode::NOT_MODIFIED, ""));

        // Another caller asking the same text gets their own answer, never this one.
        let ille_et_vilaine = app.connecte(PREFECTURE_35).await;
        let (_, autre_etag, _, _) = lire_connecte(&ille_et_vilaine, CANDIDATURES, None).await;
        assert_ne!(autre_etag.as_deref(), Some(etag.as_str()));

        // A candidature filed in the Finistère: the préfecture of the 29 sees it at once.
        candidature_deposee(&app).await;
        let (statut, nouveau, apres, _) = lire_connecte(&prefecture, CANDIDATURES, Some(&etag)).await;
        assert_eq!(statut, StatusCode::OK, "the old copy is no longer the answer");
        assert_ne!(nouveau.as_deref(), Some(etag.as_str()));
        assert_eq!(total(&apres), avant + 1);
    }

    async fn a_change_written_by_any_path_moves_the_version(app) {
        const NOM: &str = "{ departement(code: \"29\") { nom } }";
        let (_, etag, avant) = lire(&app, NOM, None).await;
        assert!(avant.contains("Finistère"), "{avant}");
        // Not through a service, not journaled: straight into the table, as an operator's script would.
        app.db
            .execute_unprepared("UPDATE departement SET nom = 'Penn-ar-Bed' WHERE code = '29'")
            .await
            .unwrap();
        let (statut, _, apres) = lire(&app, NOM, etag.as_deref()).await;
        assert_eq!(statut, StatusCode::OK);
        assert!(apres.contains("Penn-ar-Bed"), "{apres}");
    }

    async fn every_table_of_data_moves_the_version(app) {
        use maillage_migrations::m20261205_000026_create_version_des_donnees::NON_SUIVIES;
        let backend = app.db.get_database_backend();
        let (tables, suivies) = match backend {
            DatabaseBackend::Postgres => (
                "SELECT tablename AS nom FROM pg_tables WHERE schemaname = current_schema()",
                "SELECT c.relname AS nom FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'version_donnees'",
            ),
            _ => (
                "SELECT name AS nom FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                "SELECT DISTINCT tbl_name AS nom FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'version_donnees_%'",
            ),
        };
        let noms = |sql: &'static str| {
            let db = app.db.clone();
            async move {
                let mut noms: Vec<String> = db
                    .query_all_raw(Statement::from_string(backend, sql))
                    .await
                    .unwrap()
                    .iter()
                    .map(|ligne| ligne.try_get("", "nom").unwrap())
                    .collect();
                noms.sort();
                noms
            }
        };
        let attendues: Vec<String> = noms(tables).await.into_iter().filter(|t| !NON_SUIVIES.contains(&t.as_str())).collect();
        assert!(attendues.len() > 25, "{attendues:?}");
        assert_eq!(noms(suivies).await, attendues, "a new table must call `suivre` in its migration");
    }

    async fn a_read_of_personal_data_is_journaled_once_per_session_and_answer_within_ten_minutes(app) {
        let structure = app.connecte(STRUCTURE).await;
        let autre_session = app.connecte(STRUCTURE).await;
        let (statut, premiere, corps, _) = lire_connecte(&structure, "{ mesDonnees }", None).await;
        assert_eq!((statut, lectures_journalisees(&app).await), (StatusCode::OK, 1));
        // The same answer again, by the same session: its entry already says who saw what.
        let (_, encore, meme, _) = lire_connecte(&structure, "{ mesDonnees }", None).await;
        assert_eq!((encore, meme.as_str(), lectures_journalisees(&app).await), (premiere, corps.as_str(), 1));
        // Another session of the same person is another reader: its own entry.
        lire_connecte(&autre_session, "{ mesDonnees }", None).await;
        assert_eq!(lectures_journalisees(&app).await, 2);
        // Anything changed: read again, and journaled again.
        candidature_deposee(&app).await;
        lire_connecte(&structure, "{ mesDonnees }", None).await;
        assert_eq!(lectures_journalisees(&app).await, 3);
    }

    async fn mutations_and_answers_with_errors_are_never_kept(app) {
        let (_, etag, _) = lire(&app, "mutation { deconnexion }", None).await;
        assert!(etag.is_none());
        let (_, etag, corps) = lire(&app, "{ departement(code: \"2X9\") { nom } }", None).await;
        assert!(corps.contains("INVALID_TERRITORY_CODE"), "{corps}");
        assert!(etag.is_none());
    }
}

/// Posts `query` as `client`; returns status, ETag, body and `Cache-Control`.
async fn lire_connecte(
    client: &Client,
    query: &str,
    si_autre_que: Option<&str>,
) -> (StatusCode, Option<String>, String, Option<String>) {
    let mut requete = client
        .http
        .post(format!("{}/graphql", client.address))
        .json(&json!({ "query": query }));
    if let Some(etag) = si_autre_que {
        requete = requete.header(reqwest::header::IF_NONE_MATCH, etag);
    }
    let reponse = requete.send().await.unwrap();
    let entete = |nom| {
        reponse
            .headers()
            .get(nom)
            .map(|v: &reqwest::header::HeaderValue| v.to_str().unwrap().to_owned())
    };
    let (etag, cache) = (
        entete(reqwest::header::ETAG),
        entete(reqwest::header::CACHE_CONTROL),
    );
    (reponse.status(), etag, reponse.text().await.unwrap(), cache)
}

fn total(corps: &str) -> i64 {
    let json: Value = serde_json::from_str(corps).unwrap();
    json["data"]["candidatures"]["total"]
        .as_i64()
        .unwrap_or_else(|| panic!("{corps}"))
}

on_both_engines! {
    async fn without_the_ten_minutes_every_read_of_personal_data_is_journaled(app) with |settings| {
        settings.application.lecture_consignee_secondes = 0;
    } {
        let structure = app.connecte(STRUCTURE).await;
        for fois in 1..=2 {
            let (statut, _, _, _) = lire_connecte(&structure, "{ mesDonnees }", None).await;
            assert_eq!(statut, StatusCode::OK);
            assert_eq!(lectures_journalisees(&app).await, fois);
        }
    }
}

/// How many reads of one's own data the audit journal holds.
async fn lectures_journalisees(app: &TestApp) -> i64 {
    app.db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM journal WHERE action = 'mesDonnees'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap()
}

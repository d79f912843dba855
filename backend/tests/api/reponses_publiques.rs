//! Anonymous reads of public data answered from ready answers, on SQLite and PostgreSQL: the same question
//! again costs one statement (the version of the data) and carries the same ETag, a browser holding it gets
//! a 304; once a change is committed (a candidature filed in the Finistère) the next read has the new
//! figures and a new ETag, never the kept answer; a logged-in caller, a mutation, an API token and an
//! answer with errors are never kept.

use maillage_harness::{self as common, on_both_engines};

use common::TestApp;
use common::parcours::{ANCT, candidature_deposee};
use reqwest::StatusCode;
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

    async fn only_anonymous_reads_without_errors_are_kept(app) {
        // A logged-in caller's answers depend on who asks: computed each time, no ETag.
        let anct = app.connecte(ANCT).await;
        let reponse = anct.http.post(format!("{}/graphql", app.address)).json(&json!({ "query": INDICATEURS })).send().await.unwrap();
        assert!(reponse.headers().get(reqwest::header::ETAG).is_none());
        // A mutation, even anonymous, is never an answer to keep.
        let (_, etag, _) = lire(&app, "mutation { deconnexion }", None).await;
        assert!(etag.is_none());
        // Nor an answer with an error.
        let (_, etag, corps) = lire(&app, "{ departement(code: \"2X9\") { nom } }", None).await;
        assert!(corps.contains("INVALID_TERRITORY_CODE"), "{corps}");
        assert!(etag.is_none());
    }
}

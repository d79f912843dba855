//! Logging in: attempts counted per address and client network, taken one at a time before the password is
//! checked, on SQLite and PostgreSQL.

use common::TestApp;
use maillage_harness::{self as common, on_both_engines};
use serde_json::{Value, json};

const CONNEXION: &str =
    "mutation($e: String!, $m: String!) { connexion(email: $e, motDePasse: $m) { email } }";

on_both_engines! {
    async fn login_attempts_are_throttled_per_address(app) {
        let email = "prefecture29@demo.maillage.fr";
        for _ in 0..maillage::compte::service::MAX_TENTATIVES {
            let code = app.error_code(CONNEXION, json!({ "e": email, "m": "mauvais mot de passe" })).await;
            assert_eq!(code, "INVALID_CREDENTIALS");
        }
        let reponse = app.graphql(CONNEXION, json!({ "e": email, "m": maillage::demo::MOT_DE_PASSE })).await;
        assert_eq!(reponse["errors"][0]["extensions"]["code"], "RATE_LIMITED", "even the right password: {reponse}");
        let attendre = reponse["errors"][0]["extensions"]["retryAfter"].as_u64().unwrap();
        assert!((1..=15 * 60).contains(&attendre), "{attendre}");
        let autre = app.graphql(CONNEXION, json!({ "e": "anct@demo.maillage.fr", "m": maillage::demo::MOT_DE_PASSE })).await;
        assert!(autre.get("errors").is_none(), "other addresses are not affected: {autre}");
    }

    async fn a_successful_login_clears_the_failed_attempts(app) {
        let email = "anct@demo.maillage.fr";
        for _ in 0..maillage::compte::service::MAX_TENTATIVES - 1 {
            app.error_code(CONNEXION, json!({ "e": email, "m": "mauvais mot de passe" })).await;
        }
        assert!(app.graphql(CONNEXION, json!({ "e": email, "m": maillage::demo::MOT_DE_PASSE })).await.get("errors").is_none());
        for _ in 0..maillage::compte::service::MAX_TENTATIVES - 1 {
            assert_eq!(app.error_code(CONNEXION, json!({ "e": email, "m": "mauvais" })).await, "INVALID_CREDENTIALS");
        }
    }
}

on_both_engines! {
    async fn parallel_wrong_passwords_are_checked_no_more_than_the_limit(app) {
        use maillage::compte::service::MAX_TENTATIVES;
        let essais = futures::future::join_all(
            (0..20).map(|_| app.graphql(CONNEXION, json!({ "e": "anct@demo.maillage.fr", "m": "mauvais mot de passe" }))),
        )
        .await;
        let codes: Vec<&str> = essais
            .iter()
            .map(|essai| essai["errors"][0]["extensions"]["code"].as_str().unwrap())
            .collect();
        let verifies = codes.iter().filter(|code| **code == "INVALID_CREDENTIALS").count();
        assert_eq!(verifies as u64, MAX_TENTATIVES, "{codes:?}");
        assert!(codes.iter().all(|code| matches!(*code, "INVALID_CREDENTIALS" | "RATE_LIMITED")), "{codes:?}");
    }
}

/// A login from `adresse` (read from `X-Forwarded-For` behind the proxy): the answer's error code, if any.
async fn connexion_depuis(app: &TestApp, adresse: &str, email: &str, mot_de_passe: &str) -> Option<String> {
    let reponse: Value = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("x-forwarded-for", adresse)
        .json(&json!({ "query": CONNEXION, "variables": { "e": email, "m": mot_de_passe } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    reponse["errors"][0]["extensions"]["code"]
        .as_str()
        .map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guesser_elsewhere_slows_itself_down_without_locking_the_owner_out() {
    for engine in [common::Engine::Sqlite, common::Engine::Postgres] {
        let app = TestApp::spawn_with(engine, |settings| settings.application.derriere_un_proxy = true).await;
        let email = "anct@demo.maillage.fr";
        let mut codes = Vec::new();
        for _ in 0..30 {
            codes.push(connexion_depuis(&app, "203.0.113.9", email, "mauvais mot de passe").await);
        }
        assert_eq!(
            codes.last().unwrap().as_deref(),
            Some("RATE_LIMITED"),
            "{engine:?}: {codes:?}"
        );
        // The owner, elsewhere, logs in.
        assert_eq!(
            connexion_depuis(&app, "198.51.100.7", email, maillage::demo::MOT_DE_PASSE).await,
            None,
            "{engine:?}"
        );
        // The guesser's whole IPv6 /64 is one client.
        for n in 0..maillage::compte::service::MAX_TENTATIVES {
            connexion_depuis(&app, &format!("2001:db8:9::{n}"), email, "mauvais").await;
        }
        assert_eq!(
            connexion_depuis(&app, "2001:db8:9::ffff", email, "mauvais")
                .await
                .as_deref(),
            Some("RATE_LIMITED")
        );
    }
}

/// The median time of a failed login of each address, asked in turns.
async fn medianes(
    app: &TestApp,
    inconnues: &[String],
    connues: &[String],
) -> (std::time::Duration, std::time::Duration) {
    let mut temps_inconnues = Vec::new();
    let mut temps_connues = Vec::new();
    for (inconnue, connue) in inconnues.iter().zip(connues) {
        for (email, temps) in [(inconnue, &mut temps_inconnues), (connue, &mut temps_connues)] {
            let debut = std::time::Instant::now();
            let code = app
                .error_code(CONNEXION, json!({ "e": email, "m": "pas le bon mot de passe" }))
                .await;
            temps.push(debut.elapsed());
            assert_eq!(code, "INVALID_CREDENTIALS", "the same answer for both");
        }
    }
    temps_inconnues.sort();
    temps_connues.sort();
    (
        temps_inconnues[temps_inconnues.len() / 2],
        temps_connues[temps_connues.len() / 2],
    )
}

on_both_engines! {
    async fn response_time_does_not_reveal_whether_an_account_exists(app) {
        // An unknown address costs an argon2 verification too. Without it, it answers tens of times faster
        // than a known one (no hash to check); with it, the medians of interleaved attempts are alike. The
        // bound is loose (half) so that a loaded machine does not make it flaky: what it catches is the
        // missing verification, an order of magnitude.
        let mut connues = Vec::new();
        for n in 0..9 {
            let email = format!("personne{n}@exemple.fr");
            maillage::compte::service::creer_utilisateur(&app.db, &email, "un mot de passe long", "Pat", "Durand").await.unwrap();
            connues.push(email);
        }
        let inconnues: Vec<String> = (0..9).map(|n| format!("personne-inconnue{n}@exemple.fr")).collect();
        let (inconnue, connue) = medianes(&app, &inconnues, &connues).await;
        assert!(
            inconnue * 2 >= connue,
            "an unknown address answers in {inconnue:?}, a known one in {connue:?}: the difference tells which exist"
        );
    }
}

//! Protections of the public API (SECURITY.md), each with a test that fails if the protection is removed:
//! query cost (aliases, directives, nested fragments, batches, page sizes), database statement timeout.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use std::time::Duration;

use common::TestApp;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

/// Sends a raw body to `/graphql`: status and JSON answer (null when not JSON).
async fn envoyer(app: &TestApp, corps: Value) -> (u16, Value) {
    let reponse = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&corps)
        .send()
        .await
        .unwrap();
    let statut = reponse.status().as_u16();
    (statut, reponse.json().await.unwrap_or(Value::Null))
}

/// The answer must be a refusal with `code`, obtained quickly and with no data.
fn refusee(reponse: &Value, code: &str) {
    assert_eq!(reponse["errors"][0]["extensions"]["code"], code, "{reponse}");
    // No `data` at all: the request was refused before any resolver ran (a refusal during execution would
    // leave a `data` object), so whatever it asked cost nothing.
    assert!(reponse.get("data").is_none_or(Value::is_null), "{reponse}");
}

on_both_engines! {
    async fn an_alias_flood_is_refused_before_running(app) {
        let champs: String = (0..31).map(|i| format!("a{i}: indicateursDepartements {{ lieux }} ")).collect();
        let reponse = app.graphql(&format!("{{ {champs} }}"), json!({})).await;
        refusee(&reponse, "LIMIT_EXCEEDED");
        assert!(reponse["errors"][0]["message"].as_str().unwrap().contains("31 alias"), "{reponse}");
        let permis: String = (0..3).map(|i| format!("a{i}: regions {{ code }} ")).collect();
        assert!(app.graphql(&format!("{{ {permis} }}"), json!({})).await.get("errors").is_none());
    }

    async fn aliases_hidden_in_fragments_are_counted(app) {
        let champs: String = (0..31).map(|i| format!("a{i}: code ")).collect();
        let requete = format!("query {{ regions {{ ...F }} }} fragment F on Region {{ {champs} }}");
        refusee(&app.graphql(&requete, json!({})).await, "LIMIT_EXCEEDED");
    }

    async fn aliases_multiplied_by_nested_fragment_spreads_are_counted_as_they_run(app) {
        // 9 aliases, each spreading a fragment of 10, each spreading a fragment of 10: 29 aliases as written,
        // 999 once expanded, which is what would run.
        let a: String = (0..9).map(|i| format!("a{i}: regions {{ ...A }} ")).collect();
        let b: String = (0..10).map(|i| format!("b{i}: departements {{ ...B }} ")).collect();
        let c: String = (0..10).map(|i| format!("c{i}: code ")).collect();
        let requete = format!("query {{ {a} }} fragment A on Region {{ {b} }} fragment B on Departement {{ {c} }}");
        let reponse = app.graphql(&requete, json!({})).await;
        refusee(&reponse, "LIMIT_EXCEEDED");
        assert!(reponse["errors"][0]["message"].as_str().unwrap().contains("999 alias"), "{reponse}");
        // A fragment spread once counts once.
        let permis = "query { regions { ...P } } fragment P on Region { x: code y: nom }";
        assert!(app.graphql(permis, json!({})).await.get("errors").is_none());
    }

    async fn a_directive_flood_is_refused(app) {
        let directives = "@include(if: true) ".repeat(40);
        let reponse = app.graphql(&format!("{{ regions {directives} {{ code }} }}"), json!({})).await;
        refusee(&reponse, "LIMIT_EXCEEDED");
    }

    async fn deeply_nested_fragments_are_refused(app) {
        // Each fragment spreads the next through a relation: depth grows without any field repeated in text.
        let mut requete = String::from("query { commune(code: \"29019\") { ...F0 } }");
        for i in 0..20 {
            requete.push_str(&format!(
                " fragment F{i} on Commune {{ epci {{ communes {{ ...F{} }} }} }}",
                i + 1
            ));
        }
        requete.push_str(" fragment F20 on Commune { nom }");
        refusee(&app.graphql(&requete, json!({})).await, "LIMIT_EXCEEDED");
    }

    async fn batched_requests_are_refused(app) {
        let lot: Vec<Value> = (0..50).map(|_| json!({ "query": "{ regions { code } }" })).collect();
        let (statut, reponse) = envoyer(&app, Value::Array(lot)).await;
        assert!(statut == 400 || statut == 422 || reponse.get("errors").is_some(), "{statut} {reponse}");
        assert!(reponse.get("data").is_none_or(Value::is_null), "no batch answered: {reponse}");
    }

    async fn page_sizes_outside_1_to_100_are_refused(app) {
        for premiers in [0, 101, -1] {
            let reponse = app
                .graphql("query($p: Int!) { lieux(premiers: $p) { id } }", json!({ "p": premiers }))
                .await;
            assert_eq!(reponse["errors"][0]["extensions"]["code"], "INVALID_INPUT", "{premiers}: {reponse}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_cancels_statements_running_past_the_timeout() {
    let app = TestApp::spawn_with(common::Engine::Postgres, |settings| {
        settings.database.statement_timeout_seconds = 1
    })
    .await;
    let erreur = app.db.execute_unprepared("SELECT pg_sleep(5)").await.unwrap_err();
    // The server's own message for a cancelled statement: the sleep did not run to its end.
    assert!(erreur.to_string().contains("statement timeout"), "{erreur}");
}

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

/// Waits, when a minute is about to end, for the next one: a test's requests then share one quota window.
async fn dans_une_meme_minute() {
    let seconde = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        % 60;
    if seconde > 50 {
        tokio::time::sleep(Duration::from_secs(61 - seconde)).await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_requests_beyond_the_quota_get_429_with_retry_after() {
    let app = TestApp::spawn_with(common::Engine::Sqlite, |settings| {
        settings.application.requetes_par_minute = 5
    })
    .await;
    // Start well inside a minute so the six requests share one window.
    dans_une_meme_minute().await;
    let mut statuts = Vec::new();
    let mut derniere = None;
    for _ in 0..6 {
        let reponse = app
            .client
            .post(format!("{}/graphql", app.address))
            .json(&json!({ "query": "{ regions { code } }" }))
            .send()
            .await
            .unwrap();
        statuts.push(reponse.status().as_u16());
        derniere = Some(reponse);
    }
    assert_eq!(statuts, [200, 200, 200, 200, 200, 429]);
    let derniere = derniere.unwrap();
    let attendre: u64 = derniere.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&attendre));
    assert_eq!(derniere.headers()["x-error-code"], "RATE_LIMITED");
    let sante = app
        .client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(sante.status(), 200, "health checks are not counted");
}

async fn journal(app: &TestApp) -> Vec<(i64, String, String, Option<i64>, String)> {
    use sea_orm::sea_query::{Alias, Order, Query};
    let mut select = Query::select();
    select
        .from(Alias::new("journal"))
        .columns(["id", "action", "role", "acteur_id", "requete_id"].map(Alias::new))
        .order_by(Alias::new("id"), Order::Asc);
    app.db
        .query_all(&select)
        .await
        .unwrap()
        .into_iter()
        .map(|l| {
            (
                l.try_get("", "id").unwrap(),
                l.try_get("", "action").unwrap(),
                l.try_get("", "role").unwrap(),
                l.try_get("", "acteur_id").unwrap(),
                l.try_get("", "requete_id").unwrap(),
            )
        })
        .collect()
}

on_both_engines! {
    async fn every_state_change_is_in_the_chained_audit_log(app) {
        use common::parcours::*;
        let (_, id) = candidature_validee(&app).await;
        let entrees = journal(&app).await;
        let actions: Vec<(&str, &str)> = entrees.iter().map(|(_, a, r, _, _)| (a.as_str(), r.as_str())).collect();
        for attendu in [
            ("connexion", "STRUCTURE"),
            ("creerCandidature", "STRUCTURE"),
            ("modifierCandidature", "STRUCTURE"),
            ("enregistrerConsultation", "STRUCTURE"),
            ("deposerCandidature", "STRUCTURE"),
            ("donnerAvis", "PREFECTURE"),
            ("deciderCandidature", "ANCT"),
        ] {
            assert!(actions.contains(&attendu), "{attendu:?} absent de {actions:?}");
        }
        assert!(entrees.iter().all(|(_, _, _, acteur, requete)| acteur.is_some() && requete.len() > 10), "{entrees:?}");

        // A refused change leaves no entry.
        let avant = journal(&app).await.len();
        let refus = app.connecte(PREFECTURE_35).await
            .error_code(AVIS, json!({ "id": id, "f": true, "c": "Un avis hors de mon département" }))
            .await;
        assert_eq!(refus, "FORBIDDEN");
        assert_eq!(journal(&app).await.len(), avant + 1, "only the préfecture 35's login");

        assert!(matches!(maillage::journal::verifier(&app.db).await.unwrap(), maillage::journal::Verification::Intacte { .. }));
        let troisieme = entrees[2].0;
        app.db.execute_unprepared(&format!("UPDATE journal SET role = 'ANCT' WHERE id = {troisieme}")).await.unwrap();
        assert_eq!(
            maillage::journal::verifier(&app.db).await.unwrap(),
            maillage::journal::Verification::Alteree { id: troisieme, raison: "son contenu ne correspond plus à son empreinte".to_owned() }
        );
    }

    async fn the_audit_log_records_the_servers_request_id_never_the_clients(app) {
        let structure = app.connecte(common::parcours::STRUCTURE).await;
        let reponse = structure
            .http
            .post(format!("{}/graphql", structure.address))
            .header("x-request-id", "forge-par-le-client")
            .json(&json!({ "query": "mutation { creerCandidature { id } }" }))
            .send()
            .await
            .unwrap();
        let renvoye = reponse.headers()["x-request-id"].to_str().unwrap().to_owned();
        assert!(reponse.json::<Value>().await.unwrap().get("errors").is_none());
        assert_ne!(renvoye, "forge-par-le-client");
        assert!(uuid::Uuid::parse_str(&renvoye).is_ok(), "{renvoye}");
        let (_, action, _, _, requete) = journal(&app).await.pop().unwrap();
        assert_eq!((action.as_str(), requete.as_str()), ("creerCandidature", renvoye.as_str()));
    }

    async fn a_deleted_audit_entry_breaks_the_chain_at_the_next_one(app) {
        for i in 0..5 {
            let entree = maillage::journal::Entree::new(None, &format!("objet={i}"), "essai", "-");
            maillage::journal::consigner_seul(&app.db, &entree).await.unwrap();
        }
        let ids: Vec<i64> = journal(&app).await.iter().map(|e| e.0).collect();
        app.db.execute_unprepared(&format!("DELETE FROM journal WHERE id = {}", ids[1])).await.unwrap();
        match maillage::journal::verifier(&app.db).await.unwrap() {
            maillage::journal::Verification::Alteree { id, raison } => {
                assert_eq!(id, ids[2]);
                assert!(raison.contains("lien"), "{raison}");
            }
            autre => panic!("{autre:?}"),
        }
    }

    async fn concurrent_appends_keep_one_chain(app) {
        let taches: Vec<_> = (0..12)
            .map(|i| {
                let db = app.db.clone();
                tokio::spawn(async move {
                    let entree = maillage::journal::Entree::new(None, &format!("objet={i}"), "concurrence", "-");
                    maillage::journal::consigner_seul(&db, &entree).await.unwrap();
                })
            })
            .collect();
        for tache in taches {
            tache.await.unwrap();
        }
        assert_eq!(
            maillage::journal::verifier(&app.db).await.unwrap(),
            maillage::journal::Verification::Intacte { entrees: 12, derniere: match maillage::journal::verifier(&app.db).await.unwrap() {
                maillage::journal::Verification::Intacte { derniere, .. } => derniere,
                autre => panic!("{autre:?}"),
            } }
        );
    }

    async fn agent_reads_of_personal_data_are_logged(app) {
        use common::parcours::*;
        let (structure, id) = candidature_validee(&app).await;
        structure.data("query($c: ID!) { rechercherCandidats(candidatureId: $c, filtre: { proximite: NATIONAL }) { id } }", json!({ "c": id })).await;
        let entrees = journal(&app).await;
        assert!(entrees.iter().any(|(_, action, role, _, _)| action == "rechercherCandidats" && role == "STRUCTURE"), "{entrees:?}");
    }
}

on_both_engines! {
    async fn a_create_mutation_retried_with_its_idempotency_key_creates_once(app) {
        let structure = app.connecte(common::parcours::STRUCTURE).await;
        let creer = "mutation($k: String) { creerCandidature(cleIdempotence: $k) { id } }";
        let premiere = structure.data(creer, json!({ "k": "7f1c-essai" })).await["creerCandidature"]["id"].clone();
        let seconde = structure.data(creer, json!({ "k": "7f1c-essai" })).await["creerCandidature"]["id"].clone();
        assert_eq!(premiere, seconde, "the retry answers the draft created the first time");
        let sans_cle = structure.graphql(creer, json!({ "k": null })).await;
        assert!(sans_cle.get("errors").is_some(), "without a key, a second draft is refused: {sans_cle}");
        assert_eq!(structure.error_code(creer, json!({ "k": "" })).await, "INVALID_INPUT");
        assert_eq!(structure.error_code(creer, json!({ "k": "é".repeat(10) })).await, "INVALID_INPUT");
    }
}

const CREER_JETON: &str =
    "mutation($e: NouveauJeton!) { creerJetonApi(entree: $e) { secret jeton { id nom portee ips } } }";

/// Sends a GraphQL request with a bearer token.
async fn avec_jeton(app: &TestApp, jeton: &str, requete: &str) -> Value {
    app.client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(jeton)
        .json(&json!({ "query": requete }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn creer_jeton(anct: &common::Client, departement: Option<&str>, ips: &[&str]) -> (String, String) {
    let expire =
        (maillage_shared::jour::jour_en_metropole(chrono::Utc::now()) + chrono::Days::new(30)).to_string();
    let cree = anct
        .data(CREER_JETON, json!({ "e": { "nom": "Partenaire", "departement": departement, "expireLe": expire, "ips": ips } }))
        .await;
    (
        cree["creerJetonApi"]["secret"].as_str().unwrap().to_owned(),
        cree["creerJetonApi"]["jeton"]["id"].as_str().unwrap().to_owned(),
    )
}

on_both_engines! {
    async fn api_tokens_are_shown_once_stored_hashed_scoped_and_read_only(app) {
        use common::parcours::*;
        candidature_deposee(&app).await;
        let anct = app.connecte(ANCT).await;
        let expire = (maillage_shared::jour::jour_en_metropole(chrono::Utc::now()) + chrono::Days::new(30)).to_string();
        assert_eq!(
            app.connecte(PREFECTURE_29).await.error_code(CREER_JETON, json!({ "e": { "nom": "x", "expireLe": expire } })).await,
            "FORBIDDEN",
            "only ANCT creates tokens"
        );
        let (ouvert, _) = creer_jeton(&anct, None, &[]).await;
        assert!(ouvert.starts_with("mlg_") && ouvert.len() > 60);
        let stocke = app.db.query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(), "SELECT empreinte FROM jeton_api".to_owned())).await.unwrap().unwrap();
        let empreinte: String = stocke.try_get("", "empreinte").unwrap();
        assert_ne!(empreinte, ouvert, "only a fingerprint is stored");
        let liste = anct.data("{ jetonsApi { nom portee derniereUtilisation } }", json!({})).await;
        assert!(!liste.to_string().contains(&ouvert), "never shown again");

        let donnees = avec_jeton(&app, &ouvert, "{ indicateursDepartements { lieux } }").await;
        assert_eq!(donnees["data"]["indicateursDepartements"].as_array().unwrap().len(), 101);
        let refus = avec_jeton(&app, &ouvert, "{ candidatures { total } }").await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "open data only: {refus}");
        let liste = anct.data("{ jetonsApi { derniereUtilisation } }", json!({})).await;
        assert!(liste["jetonsApi"][0]["derniereUtilisation"].is_string(), "last use recorded: {liste}");

        let (finistere, id_finistere) = creer_jeton(&anct, Some("29"), &[]).await;
        let lues = avec_jeton(&app, &finistere, "{ candidatures { total } }").await;
        assert_eq!(lues["data"]["candidatures"]["total"], 1, "{lues}");
        let (ille_et_vilaine, _) = creer_jeton(&anct, Some("35"), &[]).await;
        assert_eq!(avec_jeton(&app, &ille_et_vilaine, "{ candidatures { total } }").await["data"]["candidatures"]["total"], 0);

        let ecriture = avec_jeton(&app, &finistere, "mutation { creerCandidature { id } }").await;
        assert_eq!(ecriture["errors"][0]["extensions"]["code"], "FORBIDDEN", "tokens never write: {ecriture}");

        anct.data("mutation($id: ID!) { revoquerJetonApi(id: $id) { revoqueLe } }", json!({ "id": id_finistere })).await;
        let revoque = avec_jeton(&app, &finistere, "{ candidatures { total } }").await;
        assert_eq!(revoque["errors"][0]["extensions"]["code"], "FORBIDDEN", "{revoque}");
        let inconnu = avec_jeton(&app, "mlg_inconnu", "{ regions { code } }").await;
        assert_eq!(inconnu["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");

        let (ailleurs, _) = creer_jeton(&anct, None, &["192.0.2.1"]).await;
        let hors_liste = avec_jeton(&app, &ailleurs, "{ regions { code } }").await;
        assert_eq!(hors_liste["errors"][0]["extensions"]["code"], "FORBIDDEN", "address not allowed: {hors_liste}");
        let (ici, _) = creer_jeton(&anct, None, &["127.0.0.1"]).await;
        assert!(avec_jeton(&app, &ici, "{ regions { code } }").await.get("errors").is_none());

        app.db.execute_unprepared("UPDATE jeton_api SET expire_le = '2020-01-01T00:00:00Z'").await.unwrap();
        let expire = avec_jeton(&app, &ici, "{ regions { code } }").await;
        assert_eq!(expire["errors"][0]["extensions"]["code"], "FORBIDDEN", "expired: {expire}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_made_up_token_or_a_new_ipv6_address_gets_no_quota_of_its_own() {
    for engine in [common::Engine::Sqlite, common::Engine::Postgres] {
        let app = TestApp::spawn_with(engine, |settings| {
            settings.application.requetes_par_minute = 5;
            settings.application.derriere_un_proxy = true;
        })
        .await;
        dans_une_meme_minute().await;
        // Six requests from one /64, each from another address of it and with another made-up token.
        let mut statuts = Vec::new();
        for n in 0..6 {
            let reponse = app
                .client
                .post(format!("{}/graphql", app.address))
                .header("x-forwarded-for", format!("2001:db8:5:6::{n}"))
                .bearer_auth(format!("mlg_invente_{n}"))
                .json(&json!({ "query": "{ regions { code } }" }))
                .send()
                .await
                .unwrap();
            statuts.push(reponse.status().as_u16());
        }
        assert_eq!(statuts, [200, 200, 200, 200, 200, 429], "{engine:?}");
        let ailleurs = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("x-forwarded-for", "2001:db8:5:7::1")
            .json(&json!({ "query": "{ regions { code } }" }))
            .send()
            .await
            .unwrap();
        assert_eq!(ailleurs.status(), 200, "another /64 is another client");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_api_token_has_its_own_quota() {
    let app = TestApp::spawn_with(common::Engine::Sqlite, |settings| {
        settings.application.requetes_par_minute_jeton = 3
    })
    .await;
    dans_une_meme_minute().await;
    let anct = app.connecte(common::parcours::ANCT).await;
    let (jeton, _) = creer_jeton(&anct, None, &[]).await;
    let mut statuts = Vec::new();
    for _ in 0..4 {
        let reponse = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&jeton)
            .json(&json!({ "query": "{ regions { code } }" }))
            .send()
            .await
            .unwrap();
        statuts.push(reponse.status().as_u16());
    }
    assert_eq!(statuts, [200, 200, 200, 429]);
    let anonyme = app.graphql("{ regions { code } }", json!({})).await;
    assert!(
        anonyme.get("errors").is_none(),
        "the address's own quota is separate"
    );
}

on_both_engines! {
    async fn a_departement_token_reads_its_candidatures_and_dashboard_and_nothing_only_agents_read(app) {
        use common::parcours::*;
        let (_, id) = candidature_validee(&app).await;
        let anct = app.connecte(ANCT).await;
        let (jeton, _) = creer_jeton(&anct, Some("29"), &[]).await;
        let lues = avec_jeton(
            &app,
            &jeton,
            "{ candidatures { elements { statut structure { nom } departement { code } } } tableauDeBord { libelle } }",
        )
        .await;
        assert!(lues.get("errors").is_none(), "{lues}");
        assert_eq!(lues["data"]["candidatures"]["elements"][0]["departement"]["code"], "29");
        let fiche = avec_jeton(
            &app,
            &jeton,
            &format!("{{ candidature(id: \"{id}\") {{ statut avis {{ commentaire }} historique {{ commentaire }} consultations {{ commentaire }} chevauchements {{ structure }} }} }}"),
        )
        .await;
        assert!(fiche.get("errors").is_none(), "{fiche}");
        let fiche = &fiche["data"]["candidature"];
        assert_eq!(fiche["statut"], "VALIDEE");
        assert_eq!(fiche["avis"], Value::Null, "the préfecture's avis is the agents'");
        assert_eq!([&fiche["historique"], &fiche["consultations"], &fiche["chevauchements"]], [&json!([]), &json!([]), &json!([])]);
        let annee = chrono::Datelike::year(&maillage_shared::jour::jour_en_metropole(chrono::Utc::now()));
        for reserve in [
            format!("{{ rapportsAnnuels(annee: {annee}) {{ coordinateur }} }}"),
            "{ journeesDeRencontre { id } }".to_owned(),
            "{ mesNotifications { id } }".to_owned(),
        ] {
            let refus = avec_jeton(&app, &jeton, &reserve).await;
            assert_eq!(refus["errors"][0]["extensions"]["code"], "FORBIDDEN", "{reserve}: {refus}");
        }
    }
}

on_both_engines! {
    async fn logout_everywhere_ends_every_session_of_the_person(app) {
        let portable = app.connecte(common::parcours::ANCT).await;
        let bureau = app.connecte(common::parcours::ANCT).await;
        let autre = app.connecte(common::parcours::PREFECTURE_29).await;
        assert_eq!(portable.data("mutation { deconnexionPartout }", json!({})).await["deconnexionPartout"], 2);
        assert_eq!(bureau.data("{ moi { email } }", json!({})).await["moi"], Value::Null);
        assert_eq!(portable.data("{ moi { email } }", json!({})).await["moi"], Value::Null);
        assert_eq!(autre.data("{ moi { email } }", json!({})).await["moi"]["email"], common::parcours::PREFECTURE_29, "others stay logged in");
    }

    async fn internal_errors_are_masked_with_an_error_id(app) {
        app.db.execute_unprepared("DROP TABLE lieu").await.unwrap();
        let reponse = app.graphql("{ lieux { id } }", json!({})).await;
        let erreur = &reponse["errors"][0];
        assert_eq!(erreur["extensions"]["code"], "INTERNAL");
        let message = erreur["message"].as_str().unwrap();
        assert!(message.contains("référence"), "{message}");
        assert!(!message.to_lowercase().contains("lieu") && !message.contains("SELECT"), "no SQL detail: {message}");
        assert_eq!(erreur["extensions"]["errorId"].as_str().unwrap().len(), 36, "an id the logs hold");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journal_command_names_the_first_altered_entry() {
    let dossier = tempfile::tempdir().unwrap();
    let (url, _) = common::base_neuve(common::Engine::Sqlite, dossier.path()).await;
    let db = sea_orm::Database::connect(url.clone()).await.unwrap();
    for i in 0..3 {
        let entree = maillage::journal::Entree::new(None, &format!("objet={i}"), "essai", "-");
        maillage::journal::consigner_seul(&db, &entree).await.unwrap();
    }
    let verifier = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_maillage"))
            .args(["journal", "verifier"])
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    };
    let sortie = verifier();
    assert!(sortie.status.success());
    assert!(String::from_utf8_lossy(&sortie.stdout).contains("journal intact : 3 entrées"));
    db.execute_unprepared("UPDATE journal SET action = 'autre' WHERE objet = 'objet=1'")
        .await
        .unwrap();
    let sortie = verifier();
    assert_eq!(sortie.status.code(), Some(1));
    let texte = String::from_utf8_lossy(&sortie.stdout);
    assert!(texte.contains("journal altéré : entrée n° 2"), "{texte}");
}

#[test]
fn a_cell_a_spreadsheet_would_run_is_written_as_text() {
    use maillage::cellule::neutraliser;
    for dangereuse in [
        "=HYPERLINK(\"http://x\",\"clic\")",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\tcmd",
        "\r=1",
    ] {
        assert_eq!(neutraliser(dangereuse), format!("'{dangereuse}"));
    }
    for sure in [
        "Brest",
        "-4.5008",
        "+33298000000",
        "48.3853",
        "",
        "Mairie - annexe",
    ] {
        assert_eq!(neutraliser(sure), sure);
    }
}

on_both_engines! {
    async fn downloaded_csv_files_write_formulas_as_text(app) {
        use common::parcours::*;
        candidature_deposee(&app).await;
        app.db
            .execute_unprepared("UPDATE structure SET nom = '=HYPERLINK(\"http://attaquant.example\",\"Voir\")' WHERE nom LIKE 'Association Iroise%'")
            .await
            .unwrap();
        let (statut, _, corps) = app.connecte(ANCT).await.telecharger("/exports/candidatures.csv").await;
        assert_eq!(statut, 200);
        let texte = String::from_utf8(corps).unwrap();
        assert!(texte.contains("'=HYPERLINK"), "{texte}");
        assert!(!texte.contains(";=HYPERLINK") && !texte.contains(";\"=HYPERLINK"), "{texte}");

        let txn = maillage::database::ecriture(&app.db).await.unwrap();
        maillage::lieu::service::importer(&txn, include_str!("fixtures/lieux.csv").as_bytes(), true, |_, _| {})
            .await
            .unwrap();
        txn.commit().await.unwrap();
        app.db.execute_unprepared("UPDATE lieu SET nom = '@SUM(A1:A9)' WHERE id = 'demo-lieu-brest-1'").await.unwrap();
        let (statut, _, corps) = app.navigateur().telecharger("/donnees/lieux.csv?departement=29").await;
        assert_eq!(statut, 200);
        let texte = String::from_utf8(corps).unwrap();
        let brest = texte.lines().find(|ligne| ligne.starts_with("demo-lieu-brest-1,")).unwrap();
        assert!(brest.contains(",'@SUM(A1:A9),"), "{brest}");
        assert!(brest.contains(",48.3853,-4.5008,") && brest.contains(",+33298000000,"), "numbers stay numbers: {brest}");
    }
}

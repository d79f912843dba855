//! Addresses and passwords, on SQLite and PostgreSQL: a new account proves its address with a link before
//! it acts beyond its own account; a forgotten password is reset with a single-use link valid one hour,
//! which ends every other session and never tells whether an address has an account; the password and the
//! address change from the account page, a new address taken only once the link sent there is opened.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::TestApp;
use common::parcours::StructureBuilder;
use sea_orm::ConnectionTrait;
use serde_json::json;

const ADRESSE: &str = "autre@exemple.fr";
const NOUVEAU: &str = "un tout nouveau mot de passe";
const MOI: &str = "{ moi { email adresseVerifiee } }";
const CREER: &str = "mutation { creerCandidature { id } }";
const VERIFIER: &str = "mutation($j: String!) { verifierAdresse(jeton: $j) }";
const OUBLIE: &str = "mutation($e: String!) { demanderReinitialisation(email: $e) }";
const REINITIALISER: &str =
    "mutation($j: String!, $m: String!) { reinitialiserMotDePasse(jeton: $j, motDePasse: $m) { email } }";

/// Emails queued for `adresse`.
async fn courriels_a(app: &TestApp, adresse: &str) -> i64 {
    let ligne = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM email_sortant WHERE destinataire = '{adresse}'"),
        ))
        .await
        .unwrap()
        .unwrap();
    ligne.try_get("", "n").unwrap()
}

/// Every link sent so far expires: as if the day (or the hour) had passed.
async fn tout_lien_expire(app: &TestApp) {
    app.db
        .execute_unprepared("UPDATE jeton_compte SET expire_le = cree_le")
        .await
        .unwrap();
}

on_both_engines! {
    async fn a_new_account_acts_only_on_its_own_account_until_it_opens_the_link_sent_to_its_address(app) {
        let structure = StructureBuilder::new().inscrire_sans_verifier(&app).await;
        assert_eq!(structure.data(MOI, json!({})).await["moi"], json!({ "email": ADRESSE, "adresseVerifiee": false }));
        let courriel = app.dernier_courriel(ADRESSE).await;
        assert!(courriel.contains("/compte/adresse?jeton=") && courriel.contains("24 heures"), "{courriel}");

        // Its own account, yes; anything else, no, and nothing is created.
        assert_eq!(structure.error_code(CREER, json!({})).await, "ADDRESS_UNVERIFIED");
        assert_eq!(structure.error_code("{ maStructure { nom } }", json!({})).await, "ADDRESS_UNVERIFIED");
        let export = structure.data("{ mesDonnees }", json!({})).await.to_string();
        let jeton = app.jeton_du_dernier_courriel(ADRESSE).await;
        assert!(!export.contains(&jeton), "the export never hands out the link");

        // A second link; the first still serves, opened from another browser.
        assert_eq!(structure.data("mutation { renvoyerVerification }", json!({})).await["renvoyerVerification"], true);
        assert_eq!(courriels_a(&app, ADRESSE).await, 2);
        assert_eq!(app.graphql(VERIFIER, json!({ "j": jeton })).await["data"]["verifierAdresse"], true);
        assert_eq!(structure.data(MOI, json!({})).await["moi"]["adresseVerifiee"], true);
        assert!(structure.data(CREER, json!({})).await["creerCandidature"]["id"].is_string());

        // Once only.
        assert_eq!(app.error_code(VERIFIER, json!({ "j": jeton })).await, "INVALID_INPUT");
        assert_eq!(
            structure.error_code("mutation { renvoyerVerification }", json!({})).await,
            "INVALID_INPUT",
            "nothing to verify any more"
        );
    }

    async fn a_verification_link_expires_after_a_day_and_the_account_asks_for_another(app) {
        let structure = StructureBuilder::new().inscrire_sans_verifier(&app).await;
        let jeton = app.jeton_du_dernier_courriel(ADRESSE).await;
        tout_lien_expire(&app).await;
        assert_eq!(app.error_code(VERIFIER, json!({ "j": jeton })).await, "INVALID_INPUT");
        assert_eq!(structure.data(MOI, json!({})).await["moi"]["adresseVerifiee"], false);
        structure.data("mutation { renvoyerVerification }", json!({})).await;
        structure.data("mutation { renvoyerVerification }", json!({})).await;
        assert_eq!(
            structure.error_code("mutation { renvoyerVerification }", json!({})).await,
            "RATE_LIMITED",
            "three links an hour, the registration's included"
        );
        app.verifier_l_adresse(&structure, ADRESSE).await;
        assert_eq!(structure.data(MOI, json!({})).await["moi"]["adresseVerifiee"], true);
    }

    async fn a_forgotten_password_is_reset_once_within_the_hour_and_every_other_session_ends(app) {
        let bureau = StructureBuilder::new().inscrire(&app).await;
        let portable = app.connecte_avec(ADRESSE, StructureBuilder::MOT_DE_PASSE).await;
        let avant = courriels_a(&app, ADRESSE).await;

        // The same answer whether the address has an account or not; only the account gets an email.
        for adresse in [ADRESSE, "personne@exemple.fr", "pas une adresse"] {
            assert_eq!(app.graphql(OUBLIE, json!({ "e": adresse })).await["data"]["demanderReinitialisation"], true);
        }
        assert_eq!(courriels_a(&app, ADRESSE).await, avant + 1);
        assert_eq!(courriels_a(&app, "personne@exemple.fr").await, 0);
        let courriel = app.dernier_courriel(ADRESSE).await;
        assert!(courriel.contains("/mot-de-passe/nouveau?jeton=") && courriel.contains("dans l’heure"), "{courriel}");
        let jeton = app.jeton_du_dernier_courriel(ADRESSE).await;

        // A password too short changes nothing and leaves the link usable.
        let ailleurs = app.navigateur();
        assert_eq!(ailleurs.error_code(REINITIALISER, json!({ "j": jeton, "m": "court" })).await, "INVALID_INPUT");
        let connecte = ailleurs.data(REINITIALISER, json!({ "j": jeton, "m": NOUVEAU })).await;
        assert_eq!(connecte["reinitialiserMotDePasse"]["email"], ADRESSE);
        assert_eq!(ailleurs.data(MOI, json!({})).await["moi"]["email"], ADRESSE, "this browser is logged in");
        for autre in [&bureau, &portable] {
            assert_eq!(autre.data(MOI, json!({})).await["moi"], serde_json::Value::Null, "other sessions ended");
        }
        let ancienne = app
            .graphql(
                "mutation($e: String!, $m: String!) { connexion(email: $e, motDePasse: $m) { email } }",
                json!({ "e": ADRESSE, "m": StructureBuilder::MOT_DE_PASSE }),
            )
            .await;
        assert_eq!(ancienne["errors"][0]["extensions"]["code"], "INVALID_CREDENTIALS");
        app.connecte_avec(ADRESSE, NOUVEAU).await;
        assert_eq!(app.error_code(REINITIALISER, json!({ "j": jeton, "m": NOUVEAU })).await, "INVALID_INPUT", "once");

        // An hour later, a link no longer serves.
        app.graphql(OUBLIE, json!({ "e": ADRESSE })).await;
        let jeton = app.jeton_du_dernier_courriel(ADRESSE).await;
        tout_lien_expire(&app).await;
        assert_eq!(app.error_code(REINITIALISER, json!({ "j": jeton, "m": NOUVEAU })).await, "INVALID_INPUT");
    }

    async fn reset_links_are_limited_to_three_an_hour_without_the_caller_learning_it(app) {
        StructureBuilder::new().inscrire(&app).await;
        let avant = courriels_a(&app, ADRESSE).await;
        let reponses = futures::future::join_all((0..6).map(|_| app.graphql(OUBLIE, json!({ "e": ADRESSE })))).await;
        assert!(reponses.iter().all(|r| r["data"]["demanderReinitialisation"] == true), "{reponses:?}");
        assert_eq!(courriels_a(&app, ADRESSE).await, avant + 3, "three links an hour, even asked at once");
    }

    async fn changing_the_password_needs_the_current_one_and_ends_the_other_sessions(app) {
        let bureau = StructureBuilder::new().inscrire(&app).await;
        let portable = app.connecte_avec(ADRESSE, StructureBuilder::MOT_DE_PASSE).await;
        let changer = "mutation($a: String!, $n: String!) { changerMotDePasse(actuel: $a, nouveau: $n) }";
        assert_eq!(bureau.error_code(changer, json!({ "a": "pas le bon", "n": NOUVEAU })).await, "INVALID_CREDENTIALS");
        assert_eq!(
            bureau.error_code(changer, json!({ "a": StructureBuilder::MOT_DE_PASSE, "n": "onze carac." })).await,
            "INVALID_INPUT"
        );
        bureau.data(changer, json!({ "a": StructureBuilder::MOT_DE_PASSE, "n": NOUVEAU })).await;
        assert_eq!(bureau.data(MOI, json!({})).await["moi"]["email"], ADRESSE, "this session goes on");
        assert_eq!(portable.data(MOI, json!({})).await["moi"], serde_json::Value::Null, "the others end");
        app.connecte_avec(ADRESSE, NOUVEAU).await;
    }

    async fn a_new_address_is_taken_only_once_the_link_sent_there_is_opened(app) {
        let structure = StructureBuilder::new().inscrire(&app).await;
        let changer = "mutation($n: String!, $m: String!) { changerAdresse(nouvelle: $n, motDePasse: $m) }";
        let nouvelle = "lea.martin@exemple.fr";
        assert_eq!(structure.error_code(changer, json!({ "n": nouvelle, "m": "pas le bon" })).await, "INVALID_CREDENTIALS");
        assert_eq!(
            structure.error_code(changer, json!({ "n": common::parcours::STRUCTURE, "m": StructureBuilder::MOT_DE_PASSE })).await,
            "EMAIL_TAKEN"
        );
        structure.data(changer, json!({ "n": nouvelle, "m": StructureBuilder::MOT_DE_PASSE })).await;
        assert_eq!(structure.data(MOI, json!({})).await["moi"]["email"], ADRESSE, "not before the link is opened");
        assert!(app.dernier_courriel(nouvelle).await.contains("utilise désormais cette adresse"));
        app.verifier_l_adresse(&structure, nouvelle).await;
        assert_eq!(structure.data(MOI, json!({})).await["moi"], json!({ "email": nouvelle, "adresseVerifiee": true }));
        app.connecte_avec(nouvelle, StructureBuilder::MOT_DE_PASSE).await;
    }
}

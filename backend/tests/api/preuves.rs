//! Claims of SECURITY.md that no test checked before, each written so that it fails when its protection is
//! loosened: the depth and recursion limits as configured, the password minimum at its edge, argon2id's
//! parameters, the session cookie's flags and lifetime, and the session's 12 hours in the database.

use maillage_harness::{self as common, on_both_engines};

use common::TestApp;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

/// `{ commune { epci { communes { epci … { nom } } } } }`, `niveaux` selection sets deep, cheap to run.
fn imbriquee(niveaux: usize) -> String {
    let mut query = String::from("nom");
    for niveau in (1..niveaux).rev() {
        let champ = if niveau == 1 {
            "commune(code: \"29019\")"
        } else if niveau % 2 == 0 {
            "epci"
        } else {
            "communes"
        };
        query = format!("{champ} {{ {query} }}");
    }
    format!("{{ {query} }}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_depth_limit_is_the_configured_one_and_refuses_by_depth() {
    assert_eq!(
        maillage::settings::Settings::defaults()
            .unwrap()
            .graphql
            .max_depth,
        12
    );
    // A limit of 4 under a complexity limit that the queries below are far from: the refusal is the depth's.
    let app = TestApp::spawn_with(common::Engine::Sqlite, |settings| {
        settings.graphql.max_depth = 4;
        settings.graphql.max_complexity = 1_000_000;
    })
    .await;
    assert!(
        app.graphql(&imbriquee(4), json!({}))
            .await
            .get("errors")
            .is_none(),
        "4 levels are allowed"
    );
    let refus = app.graphql(&imbriquee(5), json!({})).await;
    assert_eq!(
        refus["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED",
        "{refus}"
    );
    assert!(
        refus["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("5 niveaux d’imbrication, au plus 4"),
        "{refus}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fragment_recursion_limit_is_the_configured_one() {
    // Fragments spreading fragments, 8 deep: refused under a limit of 6 that the setting gives, though the
    // engine's own default (32) and the depth and complexity limits would let it through.
    let app = TestApp::spawn_with(common::Engine::Sqlite, |settings| {
        settings.graphql.max_recursive_depth = 6;
        settings.graphql.max_depth = 100;
        settings.graphql.max_complexity = 1_000_000;
    })
    .await;
    let fragments: String = (1..8)
        .map(|n| format!("fragment F{n} on Region {{ ...F{} }} ", n + 1))
        .chain(std::iter::once("fragment F8 on Region { code } ".to_owned()))
        .collect();
    let query = format!("{{ regions {{ ...F1 }} }} {fragments}");
    let refus = app.graphql(&query, json!({})).await;
    assert_eq!(
        refus["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED",
        "{refus}"
    );
    assert!(
        refus["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("recursion"),
        "{refus}"
    );
    let defaut = TestApp::spawn(common::Engine::Sqlite).await;
    assert!(
        defaut.graphql(&query, json!({})).await.get("errors").is_none(),
        "within the default of 32"
    );
}

/// A candidate's registration with `mot_de_passe`: the whole answer.
async fn inscription(app: &TestApp, email: &str, mot_de_passe: &str) -> Value {
    app.graphql(
        "mutation($e: InscriptionCandidatEntree!) { inscriptionCandidat(entree: $e) { email } }",
        json!({ "e": { "email": email, "motDePasse": mot_de_passe, "prenom": "Lou", "nom": "Kerjean",
            "profil": { "communeCode": "29019", "rayonKm": 10, "visible": false } } }),
    )
    .await
}

on_both_engines! {
    async fn a_password_needs_twelve_characters_and_is_stored_as_argon2id(app) {
        assert_eq!(maillage::compte::service::MOT_DE_PASSE_MIN, 12);
        let court = inscription(&app, "lou@exemple.fr", "onze-carac.").await;
        assert_eq!(court["errors"][0]["extensions"]["code"], "INVALID_INPUT", "{court}");
        let assez = inscription(&app, "lou@exemple.fr", "douze-carac.").await;
        assert!(assez.get("errors").is_none(), "{assez}");
        let ligne = app
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                "SELECT mot_de_passe FROM utilisateur WHERE email = 'lou@exemple.fr'".to_owned(),
            ))
            .await
            .unwrap()
            .unwrap();
        let hash: String = ligne.try_get("", "mot_de_passe").unwrap();
        // OWASP's argon2id minimum: 19 MiB, 2 passes, one lane.
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    }

    async fn a_session_lasts_twelve_hours_in_the_database(app) {
        let connecte = app.connecte(common::parcours::ANCT).await;
        connecte.data("{ moi { email } }", json!({})).await;
        let ligne = app
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                "SELECT expire_le FROM session ORDER BY expire_le DESC".to_owned(),
            ))
            .await
            .unwrap()
            .unwrap();
        let expire: chrono::DateTime<chrono::Utc> = ligne.try_get("", "expire_le").unwrap();
        let reste = expire - chrono::Utc::now();
        assert!(reste > chrono::Duration::minutes(11 * 60 + 55) && reste <= chrono::Duration::hours(12), "{reste}");
    }
}

/// The `Set-Cookie` header of a login on `app`.
async fn cookie_de_connexion(app: &TestApp) -> String {
    let reponse = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({
            "query": "mutation($e: String!, $m: String!) { connexion(email: $e, motDePasse: $m) { email } }",
            "variables": { "e": common::parcours::ANCT, "m": maillage::demo::MOT_DE_PASSE }
        }))
        .send()
        .await
        .unwrap();
    reponse.headers()["set-cookie"].to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_http_only_same_site_for_twelve_hours_and_secure_in_production() {
    let developpement = TestApp::spawn(common::Engine::Sqlite).await;
    let cookie = cookie_de_connexion(&developpement).await;
    for drapeau in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"] {
        assert!(
            cookie.split("; ").any(|partie| partie == drapeau),
            "{drapeau} missing: {cookie}"
        );
    }
    assert!(!cookie.contains("Secure"), "plain HTTP in development: {cookie}");
    let production = TestApp::spawn_with(common::Engine::Sqlite, |settings| {
        settings.application.production = true
    })
    .await;
    let cookie = cookie_de_connexion(&production).await;
    assert!(cookie.split("; ").any(|partie| partie == "Secure"), "{cookie}");
    assert!(cookie.split("; ").any(|partie| partie == "HttpOnly"), "{cookie}");
}

/// The introspection query GraphiQL, Altair, Apollo and graphql-core send (graphql-js's
/// `getIntrospectionQuery()`), thirteen levels down its type references.
const INTROSPECTION_STANDARD: &str = "query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_standard_introspection_query_of_graphql_tools_is_answered_under_the_depth_limit() {
    let app = TestApp::spawn(common::Engine::Sqlite).await;
    let reponse = app.graphql(INTROSPECTION_STANDARD, json!({})).await;
    assert!(reponse.get("errors").is_none(), "{reponse}");
    let types = reponse["data"]["__schema"]["types"].as_array().unwrap();
    assert!(
        types.iter().any(|t| t["name"] == "Candidature"),
        "the schema's types"
    );
    // What a client builds from it (graphql-js's buildClientSchema) is the committed schema.graphql.
    let racine = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dossier = tempfile::tempdir().unwrap();
    let reponse_json = dossier.path().join("introspection.json");
    std::fs::write(&reponse_json, reponse["data"].to_string()).unwrap();
    let imprimer = |args: &[&std::ffi::OsStr]| {
        let sortie = std::process::Command::new("node")
            .arg(racine.join("scripts/schema-du-client.mjs"))
            .args(args)
            .output()
            .expect("node (installé par les commandes du README)");
        assert!(
            sortie.status.success(),
            "{}",
            String::from_utf8_lossy(&sortie.stderr)
        );
        String::from_utf8(sortie.stdout).unwrap()
    };
    let du_client = imprimer(&[reponse_json.as_os_str()]);
    let commis = imprimer(&["--sdl".as_ref(), racine.join("schema.graphql").as_os_str()]);
    assert_eq!(
        du_client, commis,
        "the schema a client builds from the introspection"
    );
    // The limit still holds for the data: the same depth outside introspection is refused.
    let refus = app.graphql(&imbriquee(13), json!({})).await;
    assert_eq!(
        refus["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED",
        "{refus}"
    );
}

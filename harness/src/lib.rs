//! Test harness: starts the real application on port 0 against a fresh database per test, on SQLite
//! or PostgreSQL, each created from a template that is migrated and holds the referential.
//!
//! PostgreSQL is reached through `TEST_DATABASE_URL` (an admin URL; default
//! `postgres://postgres@127.0.0.1:5432/postgres`); `.ci/run` starts a server when none answers.

// A test harness fails loudly: a panic is the test's failure, with the place it happened.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod documents;
pub mod fixtures;
pub mod geocodage;
pub mod nginx;
pub mod parcours;
pub mod postgres_jetable;
pub mod proconnect;
pub mod registre;
pub mod relais_smtp;
pub mod s3;
pub mod schema;

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use chrono::NaiveDate;
use maillage::settings::Settings;
use maillage::startup::Application;
use maillage::territoire::referentiel::{self, Referentiel};
use maillage_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use secrecy::SecretString;
use serde_json::{Value, json};
use tokio::sync::Mutex;

/// The database engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A running application and what the test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    pub engine: Engine,
    /// The SQL statements the application has executed (the no-N+1 tests compare them).
    pub instructions: maillage::database::Instructions,
    /// Where the SPA is served from: a folder with a marker `index.html`.
    pub static_dir: PathBuf,
    /// Where the app keeps the documents (its own folder, or its own bucket of the test S3 server).
    pub stockage: maillage::settings::StockageSettings,
    _workdir: tempfile::TempDir,
    pg_database: Option<String>,
}

/// Runs each listed test on both engines, as `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_engines {
    ($($(#[$meta:meta])* async fn $name:ident($app:ident) with |$settings:ident| $regler:block $body:block)*) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::TestApp::spawn_with($crate::Engine::Sqlite, |$settings| $regler).await;
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $app = $crate::TestApp::spawn_with($crate::Engine::Postgres, |$settings| $regler).await;
                $body
            }
        }
    )*};
    ($($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block)*) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::TestApp::spawn($crate::Engine::Sqlite).await;
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $app = $crate::TestApp::spawn($crate::Engine::Postgres).await;
                $body
            }
        }
    )*};
}

/// Identifies the template's content: a new migration or referential gives a new template. The day is in
/// the name besides: the demo call is relative to the day its data was made, so each day has its own.
fn template_version() -> String {
    // Bump when `fill_template` puts something else in the template.
    const CONTENU: &str = "migrations, référentiel, démo v2";
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    CONTENU.hash(&mut hasher);
    referentiel::EMBARQUE.hash(&mut hasher);
    for migration in Migrator::migrations() {
        migration.name().hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

/// Today in metropolitan France: the day the server's rules use, and the day a template's demo data is
/// made for.
fn jour() -> NaiveDate {
    maillage_shared::jour::jour_en_metropole(chrono::Utc::now())
}

/// Fills an empty database as the tests' template is: migrated, with the referential and today's demo data.
pub async fn base_de_demo(db: &DatabaseConnection) {
    fill_template(db, jour()).await;
}

/// Migrated, with the referential and the demo data of `jour` (accounts of every role, an open call).
async fn fill_template(db: &DatabaseConnection, jour: NaiveDate) {
    maillage::startup::prepare_database(db).await.expect("migrations");
    referentiel::importer(db, &Referentiel::embarque().unwrap(), |_, _, _| {})
        .await
        .expect("import");
    maillage::demo::semer(db, jour).await.expect("demo data");
}

/// The SQLite templates this process made, by day: a run that goes past midnight makes the next day's
/// for the tests that start after it, while those still running keep their copies.
static SQLITE_TEMPLATES: Mutex<Vec<(NaiveDate, tempfile::TempDir, PathBuf)>> = Mutex::const_new(Vec::new());

async fn sqlite_template() -> PathBuf {
    let jour = jour();
    let mut templates = SQLITE_TEMPLATES.lock().await;
    if let Some((_, _, path)) = templates.iter().find(|(le, _, _)| *le == jour) {
        return path.clone();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.sqlite");
    let db = Database::connect(format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .unwrap();
    fill_template(&db, jour).await;
    db.close().await.unwrap();
    templates.push((jour, dir, path.clone()));
    path
}

/// The PostgreSQL admin URL for tests.
pub fn pg_admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn pg_url_for(database: &str) -> String {
    let admin = pg_admin_url();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
    format!("{base}/{database}")
}

/// The advisory lock of the templates: taken exclusively to build or drop one, shared to copy one, so a
/// template is never dropped while another test binary copies it.
const VERROU_DES_MODELES: i64 = 727_272;

/// The name of the PostgreSQL template of `jour`, built by the first test binary that needs it.
async fn pg_template(jour: NaiveDate) -> String {
    let name = format!(
        "maillage_template_{}_{}",
        jour.format("%Y%m%d"),
        template_version()
    );
    // One connection: the advisory lock belongs to the session that took it.
    let mut options = sea_orm::ConnectOptions::new(pg_admin_url());
    options.max_connections(1).sqlx_logging(false);
    let admin = Database::connect(options).await.unwrap_or_else(|error| {
        panic!("PostgreSQL injoignable ({error}) : lancez `bash .ci/run` ou réglez TEST_DATABASE_URL")
    });
    let exists = |admin: &DatabaseConnection| {
        let query = format!("SELECT 1 FROM pg_database WHERE datname = '{name}'");
        let admin = admin.clone();
        async move {
            admin
                .query_one_raw(Statement::from_string(admin.get_database_backend(), query))
                .await
                .unwrap()
                .is_some()
        }
    };
    if exists(&admin).await {
        admin.close().await.unwrap();
        return name;
    }
    // Test binaries may run at once: one builds the template, the others wait.
    admin
        .execute_unprepared(&format!("SELECT pg_advisory_lock({VERROU_DES_MODELES})"))
        .await
        .unwrap();
    if !exists(&admin).await {
        // Templates of the days before yesterday, or of an older schema or referential, are no longer
        // used; yesterday's may still be copied by a run that started before midnight.
        let anciens = admin
            .query_all_raw(Statement::from_string(
                admin.get_database_backend(),
                "SELECT datname FROM pg_database WHERE datname LIKE 'maillage_template_%'".to_owned(),
            ))
            .await
            .unwrap();
        let veille = jour.pred_opt().unwrap_or(jour).format("%Y%m%d").to_string();
        for ancien in anciens {
            let ancien: String = ancien.try_get("", "datname").unwrap();
            let jour_du_modele = ancien
                .trim_start_matches("maillage_template_")
                .split('_')
                .next()
                .unwrap_or("");
            let encore_copie = jour_du_modele == veille && ancien.ends_with(&template_version());
            if !encore_copie {
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {ancien}"))
                    .await;
            }
        }
        let building = format!("{name}_building");
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {building}"))
            .await
            .unwrap();
        admin
            .execute_unprepared(&format!("CREATE DATABASE {building}"))
            .await
            .unwrap();
        let db = Database::connect(pg_url_for(&building)).await.unwrap();
        fill_template(&db, jour).await;
        db.close().await.unwrap();
        admin
            .execute_unprepared(&format!("ALTER DATABASE {building} RENAME TO {name}"))
            .await
            .unwrap();
    }
    admin
        .execute_unprepared(&format!("SELECT pg_advisory_unlock({VERROU_DES_MODELES})"))
        .await
        .unwrap();
    admin.close().await.unwrap();
    name
}

/// A fresh database of `engine` from the template (migrated, referential, demo data): its URL, and for
/// PostgreSQL its name (to drop). A SQLite file is created in `dossier`.
pub async fn base_neuve(engine: Engine, dossier: &std::path::Path) -> (String, Option<String>) {
    match engine {
        Engine::Sqlite => {
            let file = dossier.join("maillage.sqlite");
            std::fs::copy(sqlite_template().await, &file).unwrap();
            (format!("sqlite://{}?mode=rwc", file.display()), None)
        }
        Engine::Postgres => {
            let template = pg_template(jour()).await;
            let name = format!("maillage_test_{}", uuid::Uuid::new_v4().simple());
            let mut options = sea_orm::ConnectOptions::new(pg_admin_url());
            options.max_connections(1).sqlx_logging(false);
            let admin = Database::connect(options).await.unwrap();
            // Shared: other copies go on at once, a build or a drop of a template waits for them.
            admin
                .execute_unprepared(&format!("SELECT pg_advisory_lock_shared({VERROU_DES_MODELES})"))
                .await
                .unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .await
                .unwrap();
            admin
                .execute_unprepared(&format!("SELECT pg_advisory_unlock_shared({VERROU_DES_MODELES})"))
                .await
                .unwrap();
            admin.close().await.unwrap();
            (pg_url_for(&name), Some(name))
        }
    }
}

/// Points `settings` at a new, empty SQLite file in `dossier`: the app migrates it and loads the referential
/// at start-up, as a new production's first start does, with no demo account nor data.
pub fn base_vide_sqlite(settings: &mut Settings, dossier: &std::path::Path) {
    let fichier = dossier.join("production.sqlite");
    settings.database.url = Some(SecretString::from(format!(
        "sqlite://{}?mode=rwc",
        fichier.display()
    )));
}

/// Drops a database made by [`base_neuve`].
pub async fn supprimer_base(name: &str) {
    let admin = Database::connect(pg_admin_url()).await.unwrap();
    let _ = admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await;
    admin.close().await.unwrap();
}

impl TestApp {
    /// Starts the application on a fresh database of `engine`.
    pub async fn spawn(engine: Engine) -> Self {
        Self::spawn_with(engine, |_| {}).await
    }

    /// Starts the application with settings adjusted by `regler` (production mode, limits…).
    pub async fn spawn_with(engine: Engine, regler: impl FnOnce(&mut Settings)) -> Self {
        let workdir = tempfile::tempdir().unwrap();
        let (url, pg_database) = base_neuve(engine, workdir.path()).await;
        Self::sur(engine, url, pg_database, workdir, regler).await
    }

    /// Starts the application on the database at `url` (of `engine`), which the test prepared itself.
    pub async fn sur_la_base(engine: Engine, url: String) -> Self {
        Self::sur(engine, url, None, tempfile::tempdir().unwrap(), |_| {}).await
    }

    async fn sur(
        engine: Engine,
        url: String,
        pg_database: Option<String>,
        workdir: tempfile::TempDir,
        regler: impl FnOnce(&mut Settings),
    ) -> Self {
        // The HTTP clients (the test's and the app's) need their cryptography before the first is built.
        maillage::compte::proconnect::installer_la_cryptographie();
        maillage::telemetry::init(false);
        let static_dir = workdir.path().join("dist");
        std::fs::create_dir_all(&static_dir).unwrap();
        std::fs::write(
            static_dir.join("index.html"),
            "<!doctype html><title>SPA</title><script type=\"module\">boot();</script>",
        )
        .unwrap();

        let mut settings = Settings::defaults().unwrap();
        settings.application.addr = "127.0.0.1:0".parse().unwrap();
        settings.application.static_dir = static_dir.clone();
        settings.database.max_connections = 4;
        settings.database.url = Some(SecretString::from(url));
        settings.registre_entreprises.url = registre::demarrer().await;
        settings.geocodage.url = geocodage::demarrer().await;
        settings.stockage.dossier = workdir.path().join("documents");
        regler(&mut settings);
        let stockage = settings.stockage.clone();
        let app = Application::build(settings).await.expect("application");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        let instructions = app.instructions();
        tokio::spawn(app.run_until(std::future::pending()));
        Self {
            address,
            client: reqwest::Client::new(),
            db,
            engine,
            instructions,
            static_dir,
            stockage,
            _workdir: workdir,
            pg_database,
        }
    }

    /// A new HTTP client with its own cookie jar: one browser, one person.
    pub fn navigateur(&self) -> Client {
        Client {
            http: reqwest::Client::builder().cookie_store(true).build().unwrap(),
            address: self.address.clone(),
        }
    }

    /// The text of the latest email queued for `destinataire`.
    pub async fn dernier_courriel(&self, destinataire: &str) -> String {
        use maillage::notification::entity::email_sortant;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        email_sortant::Entity::find()
            .filter(email_sortant::Column::Destinataire.eq(destinataire))
            .order_by_desc(email_sortant::Column::Id)
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no email for {destinataire}"))
            .corps
    }

    /// The secret of the link (`…?jeton=SECRET`) in the latest email to `destinataire`.
    pub async fn jeton_du_dernier_courriel(&self, destinataire: &str) -> String {
        let corps = self.dernier_courriel(destinataire).await;
        let debut = corps
            .find("jeton=")
            .unwrap_or_else(|| panic!("no link in the email to {destinataire}: {corps}"))
            + "jeton=".len();
        corps[debut..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect()
    }

    /// `client`, logged in as `email`, opens the verification link sent to its address.
    pub async fn verifier_l_adresse(&self, client: &Client, email: &str) {
        let jeton = self.jeton_du_dernier_courriel(email).await;
        client
            .data(
                "mutation($j: String!) { verifierAdresse(jeton: $j) }",
                json!({ "j": jeton }),
            )
            .await;
    }

    /// A client logged in as `email`, a demo account ([`maillage::demo::MOT_DE_PASSE`]).
    pub async fn connecte(&self, email: &str) -> Client {
        self.connecte_avec(email, maillage::demo::MOT_DE_PASSE).await
    }

    /// A client logged in as `email` with its own password.
    pub async fn connecte_avec(&self, email: &str, mot_de_passe: &str) -> Client {
        let client = self.navigateur();
        client
            .data(
                "mutation($e: String!, $m: String!) { connexion(email: $e, motDePasse: $m) { email } }",
                json!({ "e": email, "m": mot_de_passe }),
            )
            .await;
        client
    }

    /// An anonymous caller (no session cookie).
    fn anonyme(&self) -> Client {
        Client {
            http: self.client.clone(),
            address: self.address.clone(),
        }
    }

    /// Posts a GraphQL request as an anonymous caller and returns the whole JSON answer.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.anonyme().graphql(query, variables).await
    }

    /// Sends a GraphQL request as a third party with the API token `jeton` (a bearer, no session).
    pub async fn avec_jeton(&self, jeton: &str, query: &str) -> Value {
        self.client
            .post(format!("{}/graphql", self.address))
            .bearer_auth(jeton)
            .json(&json!({ "query": query }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// An anonymous GraphQL request that must succeed: its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        self.anonyme().data(query, variables).await
    }

    /// An anonymous GraphQL request that must fail: the `extensions.code` of its first error.
    pub async fn error_code(&self, query: &str, variables: Value) -> String {
        self.anonyme().error_code(query, variables).await
    }
}

/// One person's HTTP client, keeping its session cookie.
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub address: String,
}

impl Client {
    /// Acts in `role` (`"COORDINATEUR"`…), one of the roles this person holds, for the rest of the session.
    pub async fn choisir_role(&self, role: &str) {
        let moi = self.data("{ moi { roles { id role } } }", json!({})).await;
        let choisi = moi["moi"]["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["role"] == role)
            .unwrap_or_else(|| panic!("no role {role}: {moi}"))["id"]
            .clone();
        self.data(
            "mutation($r: ID!) { choisirRole(roleId: $r) { email } }",
            json!({ "r": choisi }),
        )
        .await;
    }

    /// Downloads a file: status, `content-type` and body.
    pub async fn telecharger(&self, chemin: &str) -> (u16, String, Vec<u8>) {
        let reponse = self
            .http
            .get(format!("{}{chemin}", self.address))
            .send()
            .await
            .unwrap();
        let type_contenu = reponse
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (
            reponse.status().as_u16(),
            type_contenu,
            reponse.bytes().await.unwrap().to_vec(),
        )
    }

    /// Sends a file as a request's raw body: status, `x-error-code` and body as text.
    pub async fn televerser(
        &self,
        chemin: &str,
        type_contenu: &str,
        corps: impl AsRef<[u8]>,
    ) -> (u16, String, String) {
        let reponse = self
            .http
            .post(format!("{}{chemin}", self.address))
            .header(reqwest::header::CONTENT_TYPE, type_contenu)
            .body(corps.as_ref().to_vec())
            .send()
            .await
            .unwrap();
        let code = reponse
            .headers()
            .get("x-error-code")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (reponse.status().as_u16(), code, reponse.text().await.unwrap())
    }

    /// Posts a GraphQL request and returns the whole JSON answer.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.http
            .post(format!("{}/graphql", self.address))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// A request that must succeed: its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let answer = self.graphql(query, variables).await;
        assert!(answer.get("errors").is_none(), "unexpected errors: {answer:#}");
        answer["data"].clone()
    }

    /// A request that must fail: the `extensions.code` of its first error.
    pub async fn error_code(&self, query: &str, variables: Value) -> String {
        let answer = self.graphql(query, variables).await;
        answer["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("expected an error with a code: {answer:#}"))
            .to_owned()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(name) = self.pg_database.take() {
            // Drop runs inside the test's runtime: use a thread with its own to remove the database.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    if let Ok(admin) = Database::connect(pg_admin_url()).await {
                        let _ = admin
                            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .await;
                        let _ = admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

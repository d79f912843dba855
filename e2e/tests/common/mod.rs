//! Browser test harness: the real app (in-process, on a fresh SQLite database, serving the SPA built by
//! Trunk in `dist/`), chromedriver in its own process group, and headless Chromium driven by fantoccini.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use maillage::settings::Settings;
use maillage::startup::Application;
use serde_json::{Value, json};

/// The repository root.
pub fn racine() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A running app, chromedriver and a browser session, torn down on drop.
pub struct Navigateur {
    pub client: Client,
    pub base: String,
    chromedriver: Child,
    _workdir: tempfile::TempDir,
}

fn port_libre() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Navigateur {
    /// Starts everything; panics with the command to run when the SPA has not been built.
    pub async fn demarrer() -> Self {
        let dist = racine().join("dist");
        assert!(
            dist.join("index.html").exists(),
            "dist/index.html absent : construisez l’application web (`trunk build --release`, voir README)"
        );
        let workdir = tempfile::tempdir().unwrap();

        let mut settings = Settings::defaults().unwrap();
        settings.application.addr = "127.0.0.1:0".parse().unwrap();
        settings.application.static_dir = dist;
        settings.database.data_dir = workdir.path().join("data");
        let app = Application::build(settings).await.expect("application");
        let base = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until(std::future::pending()));

        // Chromium leaves files in TMPDIR when killed: give it one that goes away with the test.
        let tmp = workdir.path().join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let port = port_libre();
        let chromedriver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .env("TMPDIR", &tmp)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver introuvable : installez chromium-driver (voir README)");
        let webdriver = format!("http://127.0.0.1:{port}");
        let debut = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                debut.elapsed() < Duration::from_secs(20),
                "chromedriver ne démarre pas"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let profil = workdir.path().join("profil");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1280,900", "--lang=fr-FR",
                    format!("--user-data-dir={}", profil.display()),
                ],
            }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&webdriver)
            .await
            .expect("session chromium");
        Self {
            client,
            base,
            chromedriver,
            _workdir: workdir,
        }
    }

    /// Opens a path of the app.
    pub async fn ouvrir(&self, chemin: &str) {
        self.client.goto(&format!("{}{chemin}", self.base)).await.unwrap();
    }

    /// Waits until the page's `<h1>` reads `titre` (the data has loaded).
    pub async fn attendre_titre(&self, titre: &str) {
        let debut = Instant::now();
        loop {
            if let Ok(h1) = self.client.find(Locator::Css("main h1")).await
                && h1.text().await.unwrap_or_default() == titre
            {
                return;
            }
            if debut.elapsed() > Duration::from_secs(15) {
                let actuel = match self.client.find(Locator::Css("main")).await {
                    Ok(main) => main.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                panic!("titre « {titre} » attendu ; la page montre : {actuel}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The path of the current page.
    pub async fn chemin(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    /// Runs axe-core (npm `axe-core`) in the page and fails on any violation, listing them.
    pub async fn verifier_accessibilite(&self, page: &str) {
        let source = std::fs::read_to_string(racine().join("node_modules/axe-core/axe.min.js"))
            .expect("node_modules/axe-core absent : lancez `npm ci`");
        self.client.execute(&source, vec![]).await.unwrap();
        let violations = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                    .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                        cibles: v.nodes.map(n => n.target.join(' ')) }))))
                    .catch(e => done([{ id: 'axe-error', help: String(e) }]));",
                vec![],
            )
            .await
            .unwrap();
        let violations = violations.as_array().cloned().unwrap_or_default();
        assert!(
            violations.is_empty(),
            "axe-core : {} violation(s) sur {page} :\n{}",
            violations.len(),
            violations
                .iter()
                .map(Value::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
        eprintln!("axe-core : aucune violation sur {page}");
    }

    /// Saves a screenshot under `target/e2e/` for a person to look at.
    pub async fn capture(&self, nom: &str) {
        let dossier = racine().join("target/e2e");
        std::fs::create_dir_all(&dossier).unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(dossier.join(format!("{nom}.png")), png).unwrap();
    }

    /// Ends the browser session.
    pub async fn fermer(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Navigateur {
    fn drop(&mut self) {
        // Killing chromedriver alone would leave Chromium running: kill the whole group.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.chromedriver.id())])
            .status();
        let _ = self.chromedriver.wait();
    }
}

//! Browser test harness: the real app (in-process, on a fresh SQLite database, serving the SPA built by
//! `cargo xtask web` in `dist/`, with the demo accounts when asked), and for each person a chromedriver in its own
//! process group driving a headless Chromium with its own profile, through fantoccini; and, to set up
//! what a journey starts from, a person talking to the GraphQL API directly.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use maillage_harness::{Engine, TestApp};
use serde_json::{Value, json};

/// Text with its runs of spaces (narrow and no-break ones too) made single plain spaces, so a test reads
/// "40 000 €" as a person does.
pub fn normaliser(texte: &str) -> String {
    texte.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The repository root.
pub fn racine() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The password of the demo accounts (`maillage::demo::MOT_DE_PASSE`).
pub const MOT_DE_PASSE_DEMO: &str = maillage::demo::MOT_DE_PASSE;

/// A running app on a fresh SQLite database (the harness's, with the demo accounts), serving the SPA built in
/// `dist/`, stopped with the test.
pub struct Serveur {
    pub app: TestApp,
    pub base: String,
    /// The folder of a database of its own, when the app does not use the harness's.
    _dossier: Option<tempfile::TempDir>,
}

impl Serveur {
    /// Starts the app; `demo` also seeds what demo mode adds at start-up (the demo lieux). Panics with the
    /// command to run when the SPA has not been built.
    pub async fn demarrer(demo: bool) -> Self {
        let dist = racine().join("dist");
        assert!(
            dist.join("index.html").exists(),
            "dist/index.html absent : construisez l’application web (`cargo xtask web`, voir README)"
        );
        let app = TestApp::spawn_with(Engine::Sqlite, |settings| {
            settings.application.static_dir = dist;
            settings.application.demo = demo;
        })
        .await;
        let base = app.address.clone();
        Self {
            app,
            base,
            _dossier: None,
        }
    }

    /// Starts the app with the demo accounts and ProConnect configured against a test OpenID provider that
    /// knows `comptes` (see `maillage_harness::proconnect`).
    pub async fn demarrer_avec_proconnect(
        comptes: &serde_json::Value,
    ) -> (Self, maillage_harness::proconnect::Fournisseur) {
        let dist = racine().join("dist");
        let (app, fournisseur) =
            maillage_harness::proconnect::app_avec_proconnect(Engine::Sqlite, comptes, false, |settings| {
                settings.application.static_dir = dist;
                settings.application.demo = true;
            })
            .await;
        let base = app.address.clone();
        (
            Self {
                app,
                base,
                _dossier: None,
            },
            fournisseur,
        )
    }

    /// Starts a new production: an empty database (no demo account nor data, only the referential the app
    /// loads at its first start), and ProConnect against a test OpenID provider that knows `comptes`.
    pub async fn demarrer_production_vide(
        comptes: &serde_json::Value,
    ) -> (Self, maillage_harness::proconnect::Fournisseur) {
        let dist = racine().join("dist");
        let dossier = tempfile::tempdir().unwrap();
        let chemin = dossier.path().to_owned();
        let (app, fournisseur) =
            maillage_harness::proconnect::app_avec_proconnect(Engine::Sqlite, comptes, false, |settings| {
                settings.application.static_dir = dist;
                settings.application.demo = false;
                maillage_harness::base_vide_sqlite(settings, &chemin);
            })
            .await;
        let base = app.address.clone();
        (
            Self {
                app,
                base,
                _dossier: Some(dossier),
            },
            fournisseur,
        )
    }

    /// A person using the GraphQL API directly with their own session cookie: quicker than the pages to set
    /// up what a journey starts from (the pages doing it have their own journey).
    pub async fn connecte(&self, email: &str) -> maillage_harness::Client {
        self.app.connecte(email).await
    }

    /// The latest email queued for `destinataire`, as the person would read it.
    pub async fn dernier_courriel(&self, destinataire: &str) -> String {
        self.app.dernier_courriel(destinataire).await
    }

    /// The path of the app the link in the latest email to `destinataire` opens (`/compte/adresse?jeton=…`).
    pub async fn lien_du_dernier_courriel(&self, destinataire: &str) -> String {
        let corps = self.dernier_courriel(destinataire).await;
        let lien = corps
            .split_whitespace()
            .find(|mot| mot.starts_with("http") && mot.contains("jeton="))
            .unwrap_or_else(|| panic!("aucun lien dans le courriel à {destinataire} : {corps}"));
        let debut = lien.find("://").map_or(0, |i| i + 3);
        lien[debut..]
            .find('/')
            .map_or_else(String::new, |i| lien[debut + i..].to_owned())
    }
}

/// A browser session (its own chromedriver and Chromium profile, so its own cookies) on a running app,
/// torn down on drop.
pub struct Navigateur {
    pub client: Client,
    pub base: String,
    chromedriver: Child,
    _workdir: tempfile::TempDir,
    /// The app, when this browser started it alone.
    _serveur: Option<Serveur>,
}

fn port_libre() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Navigateur {
    /// Starts an app (without demo data) and one browser on it.
    pub async fn demarrer() -> Self {
        let serveur = Serveur::demarrer(false).await;
        let mut navigateur = Self::sur(&serveur).await;
        navigateur._serveur = Some(serveur);
        navigateur
    }

    /// Opens one more browser session on `serveur`: several people using the app at once.
    pub async fn sur(serveur: &Serveur) -> Self {
        let workdir = tempfile::tempdir().unwrap();
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
            base: serveur.base.clone(),
            chromedriver,
            _workdir: workdir,
            _serveur: None,
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
            // The app's main (`#contenu`), not the server's first paint, which may already show the title.
            if let Ok(h1) = self.client.find(Locator::Css("main#contenu h1")).await
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

    /// Runs axe-core (npm `axe-core`) in the page once its data has loaded, at the desktop width (1280 px)
    /// and at a phone's (390 px), and fails on any violation, listing them. Results axe cannot decide
    /// (`incomplete`: a contrast over an image, say) are printed for a person to review; an answer that is
    /// not axe's result fails too.
    pub async fn verifier_accessibilite(&self, page: &str) {
        self.attendre_les_donnees(page).await;
        let source = std::fs::read_to_string(racine().join("node_modules/axe-core/axe.min.js"))
            .expect("node_modules/axe-core absent : lancez `npm ci`");
        self.client.execute(&source, vec![]).await.unwrap();
        for (largeur, hauteur) in [(1280, 900), (390, 844)] {
            self.client.set_window_size(largeur, hauteur).await.unwrap();
            let resultat = self
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     const resume = liste => liste.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                         cibles: v.nodes.map(n => n.target.join(' ')) }));
                     axe.run(document, { resultTypes: ['violations', 'incomplete'] })
                        .then(r => done({ violations: resume(r.violations), incomplete: resume(r.incomplete) }))
                        .catch(e => done({ erreur: String(e) }));",
                    vec![],
                )
                .await
                .unwrap();
            let (Some(violations), Some(incomplets)) = (
                resultat["violations"].as_array(),
                resultat["incomplete"].as_array(),
            ) else {
                panic!("axe-core n’a pas rendu de résultat sur {page} à {largeur} px : {resultat}");
            };
            let lister = |liste: &[Value]| liste.iter().map(Value::to_string).collect::<Vec<_>>().join("\n");
            assert!(
                violations.is_empty(),
                "axe-core : {} violation(s) sur {page} à {largeur} px :\n{}",
                violations.len(),
                lister(violations)
            );
            if incomplets.is_empty() {
                eprintln!("axe-core : aucune violation sur {page} à {largeur} px");
            } else {
                eprintln!(
                    "axe-core : aucune violation sur {page} à {largeur} px ; {} point(s) à revoir à la main :\n{}",
                    incomplets.len(),
                    lister(incomplets)
                );
            }
        }
        self.client.set_window_size(1280, 900).await.unwrap();
    }

    /// Waits until the page shows no "Chargement…" (what every view shows while its data loads).
    async fn attendre_les_donnees(&self, page: &str) {
        let debut = Instant::now();
        loop {
            let chargements = self
                .client
                .execute(
                    "return [...document.querySelectorAll('[role=status]')]
                        .filter(e => e.textContent.includes('Chargement')).length;",
                    vec![],
                )
                .await
                .unwrap();
            if chargements == json!(0) {
                return;
            }
            assert!(
                debut.elapsed() < Duration::from_secs(15),
                "{page} est encore en chargement après 15 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until an element of `css` shows `attendu` in its text (spaces normalised, case ignored: the
    /// DSFR capitalises badges), and returns that text.
    pub async fn attendre_texte(&self, css: &str, attendu: &str) -> String {
        let debut = Instant::now();
        loop {
            if let Ok(elements) = self.client.find_all(Locator::Css(css)).await {
                for element in elements {
                    let texte = normaliser(&element.text().await.unwrap_or_default());
                    if texte.to_lowercase().contains(&attendu.to_lowercase()) {
                        return texte;
                    }
                }
            }
            if debut.elapsed() > Duration::from_secs(15) {
                let actuel = match self.client.find(Locator::Css("main")).await {
                    Ok(main) => main.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                panic!("« {attendu} » attendu dans {css} ; la page montre : {actuel}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Types `texte` into the field of id `id`, after emptying it.
    pub async fn saisir(&self, id: &str, texte: &str) {
        let champ = self.client.find(Locator::Id(id)).await.unwrap();
        champ.clear().await.unwrap();
        champ.send_keys(texte).await.unwrap();
    }

    /// Types `texte` into the territory field `id` and chooses `nom` among its suggestions, as a person
    /// does; waits until the field names the territory chosen.
    pub async fn choisir_territoire(&self, id: &str, texte: &str, nom: &str) {
        self.saisir(id, texte).await;
        self.attendre_texte(&format!("#{id}-suggestions"), nom).await;
        self.client
            .find(Locator::XPath(&format!(
                "//ul[@id='{id}-suggestions']/li[span[normalize-space()='{nom}']]"
            )))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.attendre_texte(&format!("#{id}-messages"), nom).await;
    }

    /// Sets a field the keyboard fills awkwardly (a date picker), as the browser would on input.
    pub async fn definir(&self, id: &str, valeur: &str) {
        let champ = self.client.find(Locator::Id(id)).await.unwrap();
        self.client
            .execute(
                "arguments[0].value = arguments[1];
                 arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
                 arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
                vec![serde_json::to_value(&champ).unwrap(), json!(valeur)],
            )
            .await
            .unwrap();
    }

    /// Chooses `valeur` in the `<select>` of id `id`.
    pub async fn choisir(&self, id: &str, valeur: &str) {
        self.client
            .find(Locator::Id(id))
            .await
            .unwrap()
            .select_by_value(valeur)
            .await
            .unwrap();
    }

    /// Acts in the role whose name starts with `debut` (« Coordinat » reads Coordinateur or Coordinatrice),
    /// chosen in the header's role switcher as a person with several roles does.
    pub async fn choisir_le_role(&self, debut: &str) {
        let valeur = self
            .client
            .find(Locator::XPath(&format!(
                "//select[@id='choix-role']/option[starts-with(normalize-space(), '{debut}')]"
            )))
            .await
            .unwrap_or_else(|_| panic!("aucun rôle « {debut}… » dans le sélecteur"))
            .attr("value")
            .await
            .unwrap()
            .unwrap();
        self.choisir("choix-role", &valeur).await;
    }

    /// Ticks a radio button or a checkbox by its label, as a person does (the DSFR hides the input).
    pub async fn cocher(&self, id: &str) {
        self.client
            .find(Locator::Css(&format!("label[for='{id}']")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// The element `css` once it is on the page (a page that is not ours, whose content comes late).
    pub async fn attendre_element(&self, css: &str) -> fantoccini::elements::Element {
        let debut = Instant::now();
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                return element;
            }
            assert!(
                debut.elapsed() < Duration::from_secs(15),
                "« {css} » ne s’affiche pas"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// From Maillage's login page: clicks « S’identifier avec ProConnect » and signs in as `identifiant` at
    /// the test provider's page, which sends the browser back to Maillage.
    pub async fn se_connecter_avec_proconnect(&self, identifiant: &str) {
        self.attendre_element("a.fr-connect").await.click().await.unwrap();
        self.attendre_element("input[name=login]")
            .await
            .send_keys(identifiant)
            .await
            .unwrap();
        self.attendre_element("input[name=password]")
            .await
            .send_keys("x")
            .await
            .unwrap();
        self.attendre_element("button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
    }

    /// Answers yes in the confirmation dialog that the last action opened, once it says `attendu` (what will
    /// happen, to whom), after checking it with axe-core like any page state.
    pub async fn confirmer(&self, attendu: &str, oui: &str) {
        self.attendre_texte("dialog[open]", attendu).await;
        self.verifier_accessibilite(&format!("la confirmation « {oui} »"))
            .await;
        self.cliquer_bouton(oui).await;
    }

    /// Chooses the file at `chemin` in the file field `id`, as a person picking it from their disk.
    pub async fn choisir_fichier(&self, id: &str, chemin: &std::path::Path) {
        self.client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|_| panic!("champ de fichier #{id} absent"))
            .send_keys(&chemin.display().to_string())
            .await
            .unwrap();
    }

    /// Follows the download link that reads `texte` as the browser does, with the person's session: the
    /// status, the type and the size of what it gives.
    pub async fn telecharger_le_lien(&self, texte: &str) -> (u64, String, u64) {
        let lien = self
            .client
            .find(Locator::XPath(&format!(
                "//a[contains(normalize-space(), '{texte}')]"
            )))
            .await
            .unwrap_or_else(|_| panic!("lien « {texte} » absent"));
        let adresse = lien.attr("href").await.unwrap().expect("un lien a son adresse");
        let reponse = self
            .client
            .execute_async(
                "const fini = arguments[arguments.length - 1];
                 fetch(arguments[0]).then(async r => fini([r.status, r.headers.get('content-type'),
                     (await r.arrayBuffer()).byteLength]));",
                vec![serde_json::json!(adresse)],
            )
            .await
            .unwrap();
        (
            reponse[0].as_u64().unwrap(),
            reponse[1].as_str().unwrap_or_default().to_owned(),
            reponse[2].as_u64().unwrap(),
        )
    }

    /// Clicks the button that reads `texte`.
    pub async fn cliquer_bouton(&self, texte: &str) {
        self.client
            .find(Locator::XPath(&format!("//button[normalize-space()='{texte}']")))
            .await
            .unwrap_or_else(|_| panic!("bouton « {texte} » absent"))
            .click()
            .await
            .unwrap();
    }

    /// Clicks the link that reads `texte`, once the page shows it.
    pub async fn cliquer_lien(&self, texte: &str) {
        let debut = Instant::now();
        loop {
            if let Ok(lien) = self.client.find(Locator::LinkText(texte)).await {
                lien.click().await.unwrap();
                return;
            }
            assert!(
                debut.elapsed() < Duration::from_secs(15),
                "lien « {texte} » absent"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Logs in with the login page and waits for the person's space.
    pub async fn se_connecter(&self, email: &str, mot_de_passe: &str) {
        self.ouvrir("/connexion").await;
        self.attendre_titre("Se connecter à Maillage").await;
        self.saisir("email", email).await;
        self.saisir("mot-de-passe", mot_de_passe).await;
        self.cliquer_bouton("Se connecter").await;
        self.attendre_titre("Mon espace").await;
    }

    /// Saves a screenshot under `target/e2e/` for a person to look at.
    pub async fn capture(&self, nom: &str) {
        let dossier = racine().join("target/e2e");
        std::fs::create_dir_all(&dossier).unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(dossier.join(format!("{nom}.png")), png).unwrap();
    }

    /// Fails when the page is wider than the window (a wide table must scroll inside its frame, the
    /// header's tools wrap).
    pub async fn sans_defilement_horizontal(&self, page: &str) {
        let largeurs = self
            .client
            .execute(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            largeurs[0].as_i64() <= largeurs[1].as_i64(),
            "{page} : la page défile horizontalement (largeur du contenu, de la fenêtre : {largeurs})"
        );
    }

    /// Saves the page as seen at 1 280 and at 390 px (`NOM-1280.png`, `NOM-390.png` in `target/e2e/`),
    /// checking at each width that it does not scroll sideways, then comes back to 1 280 px.
    pub async fn capture_aux_deux_largeurs(&self, nom: &str) {
        for (largeur, hauteur) in [(1280, 900), (390, 844)] {
            self.client.set_window_size(largeur, hauteur).await.unwrap();
            tokio::time::sleep(Duration::from_millis(150)).await;
            self.capture(&format!("{nom}-{largeur}")).await;
            self.sans_defilement_horizontal(&format!("{nom} à {largeur} px"))
                .await;
        }
        self.client.set_window_size(1280, 900).await.unwrap();
    }

    /// Checks that the page shows what it is for, not a failure: no error alert, no « Réessayer »; then
    /// checks it with axe-core at both widths and saves it at both widths.
    pub async fn page_utile(&self, page: &str, capture: &str) {
        let echecs = self
            .client
            .execute(
                "return [...document.querySelectorAll('main .fr-alert--error, main button')]
                    .filter(e => e.classList.contains('fr-alert--error') || e.textContent.trim() === 'Réessayer')
                    .map(e => e.textContent.trim());",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(echecs, json!([]), "{page} montre une erreur");
        self.verifier_accessibilite(page).await;
        self.capture_aux_deux_largeurs(capture).await;
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

//! A real OpenID provider configured like ProConnect (`harness/proconnect/fournisseur.mjs`, on the npm
//! package `oidc-provider`), started on loopback for a test, and a browser that logs in through it step by
//! step, so a test can stop at any step (the return to Maillage, with its code and state) and tamper with it.

use std::process::Stdio;

use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

use super::{Client, Engine, TestApp};

/// The client this service is registered as at the test provider.
pub const CLIENT_ID: &str = "maillage-test";
/// Its secret.
pub const CLIENT_SECRET: &str = "secret-du-client-de-test";

/// The provider, stopped when dropped.
pub struct Fournisseur {
    pub issuer: String,
    _processus: tokio::process::Child,
}

impl Fournisseur {
    /// Starts it for the app that will answer at `adresse` (its returns), knowing `comptes` (login → claims:
    /// `email`, `given_name`, `usual_name`, `uid`, `siret`). With `en_retard`, its clock is five minutes behind
    /// (through faketime): the tokens it issues have expired by Maillage's clock.
    pub async fn demarrer(adresse: &str, comptes: &Value, en_retard: bool) -> Self {
        let racine = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let script = racine.join("harness/proconnect/fournisseur.mjs");
        let mut commande = if en_retard {
            let mut commande = tokio::process::Command::new("faketime");
            commande.arg("-f").arg("-5m").arg("node").arg(&script);
            commande
        } else {
            let mut commande = tokio::process::Command::new("node");
            commande.arg(&script);
            commande
        };
        let mut processus = commande
            .current_dir(&racine)
            .env("OIDC_CLIENT_ID", CLIENT_ID)
            .env("OIDC_CLIENT_SECRET", CLIENT_SECRET)
            .env("OIDC_REDIRECT_URI", format!("{adresse}/auth/proconnect/retour"))
            .env(
                "OIDC_POST_LOGOUT_REDIRECT_URI",
                format!("{adresse}/auth/proconnect/deconnecte"),
            )
            .env("OIDC_ACCOUNTS", comptes.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("node (et faketime) pour le fournisseur OpenID de test : scripts/test.sh les installe");
        let sortie = processus.stdout.take().unwrap();
        let mut lignes = tokio::io::BufReader::new(sortie).lines();
        let premiere = tokio::time::timeout(std::time::Duration::from_secs(30), lignes.next_line())
            .await
            .expect("le fournisseur OpenID démarre en moins de 30 s")
            .unwrap()
            .expect("le fournisseur OpenID dit son adresse");
        let annonce: Value = serde_json::from_str(&premiere).unwrap();
        Self {
            issuer: annonce["issuer"].as_str().unwrap().to_owned(),
            _processus: processus,
        }
    }
}

/// The app with ProConnect configured against a test provider that knows `comptes`, its other settings
/// adjusted by `regler` (the browser tests serve the built SPA).
pub async fn app_avec_proconnect(
    engine: Engine,
    comptes: &Value,
    en_retard: bool,
    regler: impl FnOnce(&mut maillage::settings::Settings),
) -> (TestApp, Fournisseur) {
    // The provider must know the app's address before it starts, and the app the provider's: the app's port
    // is chosen first.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let adresse = format!("http://127.0.0.1:{port}");
    let fournisseur = Fournisseur::demarrer(&adresse, comptes, en_retard).await;
    let issuer = fournisseur.issuer.clone();
    let app = TestApp::spawn_with(engine, |settings| {
        settings.application.addr = format!("127.0.0.1:{port}").parse().unwrap();
        settings.email.adresse_publique = adresse.clone();
        settings.proconnect.issuer = issuer;
        settings.proconnect.client_id = CLIENT_ID.to_owned();
        settings.proconnect.client_secret = CLIENT_SECRET.to_owned().into();
        regler(settings);
    })
    .await;
    (app, fournisseur)
}

/// The claims of a person at the test provider.
pub fn personne(email: &str, prenom: &str, nom: &str, siret: &str) -> Value {
    json!({ "email": email, "given_name": prenom, "usual_name": nom, "uid": email, "siret": siret })
}

/// A browser that follows no redirection by itself, keeping its cookies.
pub struct Navigateur {
    pub http: reqwest::Client,
    pub app: String,
}

impl Navigateur {
    pub fn new(app: &TestApp) -> Self {
        Self {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            app: app.address.clone(),
        }
    }

    /// The same browser, to ask the API.
    pub fn client(&self) -> Client {
        Client {
            http: self.http.clone(),
            address: self.app.clone(),
        }
    }

    /// `GET url`: its status and where it redirects.
    pub async fn aller(&self, url: &str) -> (u16, String) {
        let reponse = self.http.get(url).send().await.unwrap();
        (reponse.status().as_u16(), emplacement(url, &reponse))
    }

    /// Clicks "S'identifier avec ProConnect" and signs in at the provider as `login`: returns the URL of the
    /// return to Maillage (with its code and state), not followed yet.
    pub async fn jusqu_au_retour(&self, login: &str) -> String {
        self.jusqu_au_retour_depuis(&format!("{}/auth/proconnect", self.app), login)
            .await
    }

    /// Like [`Self::jusqu_au_retour`], from the button's address `depart` (which may name the page to come
    /// back to).
    pub async fn jusqu_au_retour_depuis(&self, depart: &str, login: &str) -> String {
        let (statut, autorisation) = self.aller(depart).await;
        assert_eq!(statut, 303, "the button sends to the provider");
        let (statut, interaction) = self.aller(&autorisation).await;
        assert_eq!(statut, 303, "the provider asks who logs in: {interaction}");
        // Already logged in at the provider (its own session): straight back.
        if interaction.starts_with(&self.app) {
            return interaction;
        }
        let reponse = self
            .http
            .post(&interaction)
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(format!("prompt=login&login={login}&password=peu-importe"))
            .send()
            .await
            .unwrap();
        assert_eq!(reponse.status().as_u16(), 303, "the provider's form");
        let reprise = emplacement(&interaction, &reponse);
        let (statut, retour) = self.aller(&reprise).await;
        assert_eq!(statut, 303);
        retour
    }

    /// Logs in as `login` to the end: where Maillage sends the browser at last.
    pub async fn se_connecter(&self, login: &str) -> String {
        let retour = self.jusqu_au_retour(login).await;
        self.aller(&retour).await.1
    }

    /// Logs in as `login` from the login page of `page` (`/connexion?retour=page`); returns where Maillage
    /// then sends the browser.
    pub async fn se_connecter_pour(&self, login: &str, page: &str) -> String {
        let depart =
            reqwest::Url::parse_with_params(&format!("{}/auth/proconnect", self.app), &[("retour", page)])
                .unwrap()
                .to_string();
        let retour = self.jusqu_au_retour_depuis(&depart, login).await;
        self.aller(&retour).await.1
    }
}

/// The absolute URL a response redirects to (empty when it does not).
fn emplacement(depuis: &str, reponse: &reqwest::Response) -> String {
    let Some(location) = reponse.headers().get(reqwest::header::LOCATION) else {
        return String::new();
    };
    let base = reqwest::Url::parse(depuis).unwrap();
    base.join(location.to_str().unwrap()).unwrap().to_string()
}

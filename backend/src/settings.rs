//! Typed settings, loaded once at start-up: built-in defaults, then an optional TOML file, then
//! `MAILLAGE_*` environment variables (`MAILLAGE_APPLICATION__ADDR=0.0.0.0:8080`), then `DATABASE_URL`.

use std::net::SocketAddr;
use std::path::PathBuf;

use config::{Config, Environment, File, FileFormat};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// The defaults, in the same shape as a settings file (see `maillage.example.toml`).
const DEFAULTS: &str = r#"
[application]
addr = "127.0.0.1:8080"
static_dir = "dist"
production = false
demo = false
hsts = false
request_timeout_seconds = 30
# API requests per client address and minute (0: no quota); counted per instance.
requetes_par_minute = 1200
# API requests per token and minute (0: no quota).
requetes_par_minute_jeton = 6000
# Behind our own reverse proxy: take the client address from the last X-Forwarded-For entry.
derriere_un_proxy = false
# Addresses (or networks, "10.0.0.0/8") allowed to read /metrics; behind the proxy, the client's address.
metriques_depuis = ["127.0.0.1", "::1"]
# Reads are answered from ready answers while no change of data was committed since.
reponses_pretes = true
# An agent's read of personal data is in the audit journal; the same answer read again by the same session
# within this many seconds is covered by that entry (0: every read appends its own).
lecture_consignee_secondes = 600

[database]
data_dir = "data"
max_connections = 16
# PostgreSQL cancels a statement running longer (a slow query must not hold a connection forever).
statement_timeout_seconds = 10
migrate_on_start = true
load_referential_on_start = true

[email]
smtp_host = ""
smtp_port = 25
# "aucune" (a relay on the host or its network), "starttls" (port 587) or "tls" (implicit TLS, port 465).
smtp_securite = "aucune"
# Login at the relay (empty: none); only over TLS. The password: MAILLAGE_EMAIL__SMTP_MOT_DE_PASSE.
smtp_utilisateur = ""
smtp_mot_de_passe = ""
# A PEM file of a certification authority trusted besides the host's store (a ministry's own authority).
smtp_autorite = ""
expediteur = "Maillage <ne-pas-repondre@maillage.anct.gouv.fr>"
intervalle_secondes = 5
# How long an email claimed by an instance's worker is its own: if that instance dies, another sends the email
# once this time has passed (longer than a round of 20 emails takes).
bail_secondes = 300
# Where people reach the app: the links in emails start with it (an invitation is opened from a mailbox).
adresse_publique = "http://localhost:8080"

# The second, three-year, decreasing funding after the first (amounts set by ANCT; empty: periods only).
[financement_perenne]
montants_annuels_euros = []

# What the legal pages say of this instance (mentions légales).
[mentions]
# Name, address and telephone of the host, as the law on confidence in the digital economy requires.
hebergeur = ""

# ProConnect, the State's identity federation (OpenID Connect). Empty issuer: no ProConnect button. The
# redirect URLs to register with ProConnect are {adresse_publique}/auth/proconnect/retour (login) and
# {adresse_publique}/auth/proconnect/deconnecte (logout). Sign the ID token and the userinfo with RS256.
[proconnect]
# e.g. https://auth.agentconnect.gouv.fr/api/v2 (production), https://fca.integ01.dev-agentconnect.fr/api/v2
issuer = ""
client_id = ""
# Set through MAILLAGE_PROCONNECT__CLIENT_SECRET rather than in a file.
client_secret = ""

# Instruction of candidatures: ANCT may decide without the préfecture's avis this many months after filing;
# it withdraws a post unfilled after the recruitment deadline this many months after notifying the structure.
[instruction]
delai_avis_mois = 1
preavis_retrait_mois = 1

# The State's company search API (« Recherche d’entreprises », no key): a structure's SIRET fills its
# registration. When it does not answer within the delay, registration goes on by hand.
[registre_entreprises]
url = "https://recherche-entreprises.api.gouv.fr"
delai_secondes = 5

# The national address search (IGN Géoplateforme's « Service de géocodage », which replaces the address API
# api-adresse.data.gouv.fr; no key, 50 requests a second per address): the lieux search near an address.
# Empty: communes and postal codes are still found from the referential, addresses are not.
[geocodage]
url = "https://data.geopf.fr/geocodage"
delai_secondes = 3

# Where the documents of candidatures are kept: this folder by default (one instance); with several
# instances, an S3-compatible bucket they all reach (s3_url set; the folder is then unused).
[stockage]
dossier = "data/documents"
# e.g. https://s3.fr-par.scw.cloud (path-style requests); empty: the folder.
s3_url = ""
s3_bucket = ""
s3_region = "fr-par"
s3_cle = ""
# Set through MAILLAGE_STOCKAGE__S3_SECRET rather than in a file.
s3_secret = ""

[retention]
sessions_jours = 30
notifications_jours = 365
courriels_envoyes_jours = 90
tentatives_connexion_jours = 1

[graphql]
max_depth = 12
max_complexity = 5000
max_recursive_depth = 32
max_directives = 16
max_aliases = 30
"#;

/// Everything the application reads from its environment.
#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub application: ApplicationSettings,
    pub database: DatabaseSettings,
    pub graphql: GraphqlSettings,
    pub email: EmailSettings,
    pub financement_perenne: maillage_shared::poste::EcheancierPerenne,
    /// How long data is kept before the hourly purge deletes it.
    pub retention: Retention,
    pub mentions: Mentions,
    pub proconnect: ProConnectSettings,
    pub registre_entreprises: RegistreEntreprisesSettings,
    pub geocodage: GeocodageSettings,
    pub instruction: InstructionSettings,
    pub stockage: StockageSettings,
}

/// Where the documents' bytes are kept.
#[derive(Debug, Clone, Deserialize)]
pub struct StockageSettings {
    /// The folder, when no bucket is set.
    pub dossier: PathBuf,
    /// The S3-compatible endpoint; empty: the folder.
    pub s3_url: String,
    pub s3_bucket: String,
    pub s3_region: String,
    /// The access key's id and secret.
    pub s3_cle: String,
    pub s3_secret: SecretString,
}

/// The rules of instruction that the programme sets.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct InstructionSettings {
    /// Months after filing from which ANCT may decide without the préfecture's avis.
    pub delai_avis_mois: u32,
    /// Months between ANCT's notice and the withdrawal of an unfilled post.
    pub preavis_retrait_mois: u32,
}

/// Where the company register is read.
#[derive(Debug, Clone, Deserialize)]
pub struct RegistreEntreprisesSettings {
    /// The API's base URL, without the final `/search`.
    pub url: String,
    /// How long to wait for its answer before registering by hand.
    pub delai_secondes: u64,
}

/// Where addresses are searched.
#[derive(Debug, Clone, Deserialize)]
pub struct GeocodageSettings {
    /// The service's base URL, without the final `/search`; empty: no address search.
    pub url: String,
    /// How long to wait for its answer.
    pub delai_secondes: u64,
}

/// The service's registration at ProConnect.
#[derive(Debug, Clone, Deserialize)]
pub struct ProConnectSettings {
    /// The issuer (`https://{domaine}/api/v2`), exactly as its discovery document states it; empty: off.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: SecretString,
}

impl ProConnectSettings {
    /// Whether the service is registered (the login page then offers the button).
    pub fn active(&self) -> bool {
        !self.issuer.trim().is_empty() && !self.client_id.trim().is_empty()
    }
}

/// What the legal pages say of this instance.
#[derive(Debug, Clone, Deserialize)]
pub struct Mentions {
    /// The host's name, address and telephone; empty until the operator sets it.
    pub hebergeur: String,
}

/// Outgoing email (the outbox worker runs only when an SMTP host is set).
#[derive(Debug, Clone, Deserialize)]
pub struct EmailSettings {
    /// SMTP relay; empty: emails stay in the outbox.
    pub smtp_host: String,
    pub smtp_port: u16,
    /// How the connection to the relay is protected; certificates are always verified.
    pub smtp_securite: SecuriteSmtp,
    /// Login at the relay (empty: none); refused without TLS.
    pub smtp_utilisateur: String,
    pub smtp_mot_de_passe: SecretString,
    /// PEM file of an authority trusted besides the host's trust store (empty: the host's store only).
    pub smtp_autorite: String,
    /// The `From` of every email.
    pub expediteur: String,
    /// Pause between two rounds of the outbox worker.
    pub intervalle_secondes: u64,
    /// How long a claimed email is reserved for the worker that claimed it.
    pub bail_secondes: u64,
    /// Where people reach the app (`https://maillage.anct.gouv.fr`): the links in emails start with it.
    pub adresse_publique: String,
}

/// The protection of the SMTP connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecuriteSmtp {
    /// Plain SMTP, to a relay on the host or its private network.
    Aucune,
    /// STARTTLS required (submission, port 587).
    Starttls,
    /// TLS from the first byte (submissions, port 465).
    Tls,
}

/// The HTTP side.
#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationSettings {
    /// Where `serve` listens; port 0 picks a free port (tests).
    pub addr: SocketAddr,
    /// The built SPA (`dist/`, by `cargo xtask web`), served with a fallback to `index.html` for client-side routes.
    pub static_dir: PathBuf,
    /// Production mode hides developer conveniences and marks cookies `Secure`.
    pub production: bool,
    /// Demo mode: demo accounts and data are created at start-up (never in production).
    pub demo: bool,
    /// Send HSTS: set when TLS terminates in front of the server.
    pub hsts: bool,
    /// Upper bound on the time one HTTP request may take.
    pub request_timeout_seconds: u64,
    /// API requests per client address and minute (0: no quota).
    pub requetes_par_minute: u32,
    /// API requests per token and minute (0: no quota).
    pub requetes_par_minute_jeton: u32,
    /// Read the client address from `X-Forwarded-For` (set by our reverse proxy).
    pub derriere_un_proxy: bool,
    /// Addresses or networks (`10.0.0.0/8`) allowed to read `/metrics`.
    pub metriques_depuis: Vec<String>,
    /// Keep reads as ready answers (`http::reponses_pretes`); off only to measure what a query itself
    /// costs.
    pub reponses_pretes: bool,
    /// How long the journal entry of a read of personal data covers the same answer read again by the same
    /// session (`http::reponses_pretes`).
    pub lecture_consignee_secondes: u64,
}

/// Which database and how to use it.
#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// `DATABASE_URL` or `database.url`: `postgres://…` or `sqlite://…`. Absent: the embedded SQLite file
    /// `maillage.sqlite` under `data_dir`.
    pub url: Option<SecretString>,
    /// Folder of the embedded database.
    pub data_dir: PathBuf,
    pub max_connections: u32,
    /// PostgreSQL `statement_timeout`, in seconds.
    pub statement_timeout_seconds: u64,
    /// Apply pending migrations when `serve` starts.
    pub migrate_on_start: bool,
    /// Load the territorial referential when `serve` finds it empty.
    pub load_referential_on_start: bool,
}

/// Bounds on what one GraphQL request may ask.
#[derive(Debug, Clone, Deserialize)]
pub struct GraphqlSettings {
    pub max_depth: usize,
    pub max_complexity: usize,
    /// Aliased fields in one document.
    pub max_aliases: usize,
    pub max_recursive_depth: usize,
    pub max_directives: usize,
}

impl Settings {
    /// Loads the settings of this process: defaults, the file named by `MAILLAGE_CONFIG` (or
    /// `maillage.toml` if present), `MAILLAGE_*` variables and `DATABASE_URL`.
    pub fn load() -> Result<Self, config::ConfigError> {
        let file = std::env::var("MAILLAGE_CONFIG").unwrap_or_else(|_| "maillage.toml".to_owned());
        let mut settings: Settings = Config::builder()
            .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
            .add_source(File::new(&file, FileFormat::Toml).required(false))
            .add_source(
                Environment::with_prefix("MAILLAGE")
                    .prefix_separator("_")
                    .separator("__")
                    .try_parsing(true),
            )
            .build()?
            .try_deserialize()?;
        if let Ok(url) = std::env::var("DATABASE_URL")
            && !url.trim().is_empty()
        {
            settings.database.url = Some(SecretString::from(url));
        }
        Ok(settings)
    }

    /// The built-in defaults alone, without reading the environment (tests start from these).
    pub fn defaults() -> Result<Self, config::ConfigError> {
        Config::builder()
            .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
            .build()?
            .try_deserialize()
    }
}

impl DatabaseSettings {
    /// The connection URL, defaulting to the embedded SQLite file.
    pub fn connection_url(&self) -> SecretString {
        match &self.url {
            Some(url) => url.clone(),
            None => {
                let file = self.data_dir.join("maillage.sqlite");
                SecretString::from(format!("sqlite://{}?mode=rwc", file.display()))
            }
        }
    }

    /// Whether the configured database is the embedded SQLite engine.
    pub fn is_sqlite(&self) -> bool {
        self.connection_url().expose_secret().starts_with("sqlite:")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_listen_on_localhost_8080_with_embedded_sqlite() {
        let settings = Settings::defaults().unwrap();
        assert_eq!(settings.application.addr.to_string(), "127.0.0.1:8080");
        assert!(settings.database.is_sqlite());
        assert_eq!(
            settings.database.connection_url().expose_secret(),
            "sqlite://data/maillage.sqlite?mode=rwc"
        );
    }
}

/// Where, in the built SPA, the public map's own entry point lives (built from frontend/carte.html), served
/// at `/carte-seule/` for its assets and for `/carte` and `/carte/:code`.
pub const DOSSIER_CARTE: &str = "carte-seule";

/// Where, in the built SPA, the lieux' public pages have their own entry point (built from
/// frontend/lieux.html), served at `/lieux-seuls/` for its assets and for `/lieux` and `/lieux/:id`.
pub const DOSSIER_LIEUX: &str = "lieux-seuls";

/// How long data is kept (settings `[retention]`); the legal pages read it through GraphQL.
#[derive(Debug, Clone, Deserialize, async_graphql::SimpleObject)]
#[graphql(name = "DureesDeConservation")]
pub struct Retention {
    /// Expired sessions are deleted after this many days.
    pub sessions_jours: i64,
    /// Notifications, read or not, after this many days.
    pub notifications_jours: i64,
    /// Emails sent (the outbox keeps a copy) after this many days.
    pub courriels_envoyes_jours: i64,
    /// Failed login attempts after this many days.
    pub tentatives_connexion_jours: i64,
}

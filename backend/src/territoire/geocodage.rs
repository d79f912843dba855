//! The national address search (IGN Géoplateforme's « Service de géocodage », successor of the BAN's
//! api-adresse): `GET {url}/search?q=…&limit=1&autocomplete=0` answers a GeoJSON FeatureCollection whose
//! features carry the point (`[longitude, latitude]`) and `properties.label`, `score`, `type`, `citycode`.
//! One-shot geocoding of what a person typed to find the lieux near it: the best feature is kept when it is
//! an address, a street, a locality or a commune scored 0.5 or more. No key; the service allows 50 requests
//! a second per address.

use std::time::Duration;

use serde::Deserialize;

use crate::settings::GeocodageSettings;

/// The client, built once from the settings.
#[derive(Clone)]
pub struct Geocodeur {
    /// `None` when no URL is set, or the client could not be built (then addresses are not searched).
    client: Option<reqwest::Client>,
    url: String,
}

/// A place the service found.
#[derive(Debug, Clone, PartialEq)]
pub struct Trouve {
    /// « 1 Rue de Siam 29200 Brest ».
    pub libelle: String,
    pub latitude: f64,
    pub longitude: f64,
    /// The INSEE code of its commune.
    pub commune_code: Option<String>,
}

/// Why no place came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Echec {
    /// No URL is set: this instance does not search addresses.
    Indisponible,
    /// The service answered, and found nothing good enough.
    Introuvable,
    /// No usable answer (down, slow, unreadable); says why, for the logs.
    SansReponse(String),
}

#[derive(Deserialize)]
struct Collection {
    #[serde(default)]
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    geometry: Geometrie,
    properties: Proprietes,
}

#[derive(Deserialize)]
struct Geometrie {
    coordinates: Vec<f64>,
}

#[derive(Deserialize)]
struct Proprietes {
    label: String,
    #[serde(default)]
    score: f64,
    #[serde(rename = "type", default)]
    nature: String,
    citycode: Option<String>,
}

/// Types of result a person looking for lieux near a place means.
const TYPES: [&str; 4] = ["housenumber", "street", "locality", "municipality"];
/// Below this score the service is guessing.
const SCORE_MIN: f64 = 0.5;

impl Geocodeur {
    pub fn new(reglages: &GeocodageSettings) -> Self {
        let url = reglages.url.trim().trim_end_matches('/').to_owned();
        let client = (!url.is_empty())
            .then(|| {
                crate::compte::proconnect::installer_la_cryptographie();
                reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .timeout(Duration::from_secs(reglages.delai_secondes.max(1)))
                    .user_agent(concat!(
                        "Maillage/",
                        env!("CARGO_PKG_VERSION"),
                        " (ANCT, programme Conseiller numérique)"
                    ))
                    .build()
                    .inspect_err(|erreur| tracing::warn!(%erreur, "client du service de géocodage"))
                    .ok()
            })
            .flatten();
        Self { client, url }
    }

    /// The place `texte` names, when the service finds one.
    pub async fn chercher(&self, texte: &str) -> Result<Trouve, Echec> {
        let Some(client) = &self.client else {
            return Err(Echec::Indisponible);
        };
        let adresse = reqwest::Url::parse_with_params(
            &format!("{}/search", self.url),
            [("q", texte), ("limit", "1"), ("autocomplete", "0")],
        )
        .map_err(|erreur| Echec::SansReponse(format!("adresse du service : {erreur}")))?;
        let reponse = client
            .get(adresse)
            .send()
            .await
            .map_err(|erreur| Echec::SansReponse(erreur.to_string()))?;
        if !reponse.status().is_success() {
            return Err(Echec::SansReponse(format!("HTTP {}", reponse.status())));
        }
        let collection: Collection = reponse
            .json()
            .await
            .map_err(|erreur| Echec::SansReponse(format!("réponse illisible : {erreur}")))?;
        collection
            .features
            .into_iter()
            .find(|f| TYPES.contains(&f.properties.nature.as_str()) && f.properties.score >= SCORE_MIN)
            .and_then(|f| match f.geometry.coordinates.as_slice() {
                [longitude, latitude, ..] if latitude.abs() <= 90.0 && longitude.abs() <= 180.0 => {
                    Some(Trouve {
                        libelle: f.properties.label,
                        latitude: *latitude,
                        longitude: *longitude,
                        commune_code: f.properties.citycode,
                    })
                }
                _ => None,
            })
            .ok_or(Echec::Introuvable)
    }
}

//! A local stand-in for the national address search (IGN Géoplateforme's « Service de géocodage »), speaking
//! its GeoJSON (`GET /search?q=…` → a FeatureCollection of points with `label`, `score`, `type`, `citycode`…):
//! the addresses below are found; any other text finds nothing; [`EN_PANNE`] gets an HTTP 503.

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get};
use serde_json::{Value, json};

/// An address of Brest, a few hundred metres from the demo's Médiathèque des Capucins.
pub const ADRESSE_BREST: &str = "1 rue de Siam, Brest";
/// Text for which the service answers 503.
pub const EN_PANNE: &str = "adresse en panne";

/// Starts the service on a free port of this test's runtime; returns its base URL.
pub async fn demarrer() -> String {
    let ecoute = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let adresse = format!("http://{}", ecoute.local_addr().unwrap());
    let app = Router::new().route("/search", get(rechercher));
    tokio::spawn(async move { axum::serve(ecoute, app).await });
    adresse
}

#[derive(serde::Deserialize)]
struct Recherche {
    q: String,
}

fn normaliser(texte: &str) -> String {
    texte
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

async fn rechercher(Query(recherche): Query<Recherche>) -> Response {
    if recherche.q == EN_PANNE {
        return (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response();
    }
    let q = normaliser(&recherche.q);
    let features: Vec<Value> = adresses()
        .into_iter()
        .filter(|(texte, _)| normaliser(texte) == q)
        .map(|(_, feature)| feature)
        .collect();
    Json(json!({ "type": "FeatureCollection", "features": features })).into_response()
}

/// A feature as the service gives it (`x`/`y` in Lambert-93, which a client must not read as degrees).
#[allow(clippy::too_many_arguments)]
fn feature(
    label: &str,
    nature: &str,
    score: f64,
    lon: f64,
    lat: f64,
    citycode: &str,
    city: &str,
    postcode: &str,
) -> Value {
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [lon, lat] },
        "properties": {
            "label": label, "score": score, "id": format!("{citycode}_0001_00001"), "type": nature,
            "name": label.split(" 29").next().unwrap_or(label), "postcode": postcode, "citycode": citycode,
            "city": city, "context": "29, Finistère, Bretagne", "x": 146_000.0, "y": 6_838_000.0,
            "importance": 0.6, "_type": "address"
        }
    })
}

fn adresses() -> Vec<(&'static str, Value)> {
    vec![
        (
            ADRESSE_BREST,
            feature(
                "1 Rue de Siam 29200 Brest",
                "housenumber",
                0.97,
                -4.4891,
                48.3883,
                "29019",
                "Brest",
                "29200",
            ),
        ),
        // Found, but too unsure to be taken.
        (
            "rue de la mer",
            feature(
                "Rue de la Mer 29250 Santec",
                "street",
                0.31,
                -4.0300,
                48.7010,
                "29273",
                "Santec",
                "29250",
            ),
        ),
    ]
}

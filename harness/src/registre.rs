//! A local stand-in for the State's company search API (« Recherche d’entreprises »), speaking its JSON
//! (`GET /search?q=…` → `{"results": [UniteLegale], "total_results", "page", "per_page", "total_pages"}`):
//! the establishments below answer with their legal unit; any other SIRET finds nothing (as an unknown or
//! unpublished one); [`SIRET_EN_PANNE`] gets an HTTP 503, as when the register is down.

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get};
use serde_json::{Value, json};

/// Brest Métropole's head office: open, a métropole (7344).
pub const SIRET_BREST_METROPOLE: &str = "24290031400012";
/// An association of Brest, open (9220, `est_association`).
pub const SIRET_ASSOCIATION: &str = "78290012000018";
/// An association of Brest whose establishment is closed (`F`).
pub const SIRET_FERME: &str = "78290045000019";
/// A SIRET for which the register answers 503.
pub const SIRET_EN_PANNE: &str = "78290078100017";

/// Starts the register on a free port of this test's runtime; returns its base URL.
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

async fn rechercher(Query(recherche): Query<Recherche>) -> Response {
    let q = recherche.q.replace(' ', "");
    if q == SIRET_EN_PANNE {
        return (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response();
    }
    let results: Vec<Value> = unites()
        .into_iter()
        .filter(|u| u["matching_etablissements"][0]["siret"] == q.as_str())
        .collect();
    let total = results.len();
    Json(json!({
        "results": results,
        "total_results": total,
        "page": 1,
        "per_page": 1,
        "total_pages": total,
    }))
    .into_response()
}

/// An establishment as the API gives it.
fn etablissement(siret: &str, etat: &str, adresse: &str, est_siege: bool) -> Value {
    json!({
        "siret": siret,
        "est_siege": est_siege,
        "etat_administratif": etat,
        "adresse": adresse,
        "code_postal": "29200",
        "commune": "29019",
        "libelle_commune": "BREST",
        "epci": "242900314",
        "region": "53",
        "latitude": "48.390394",
        "longitude": "-4.486076",
        "date_creation": "2015-01-01",
        "date_debut_activite": "2015-01-01",
        "date_fermeture": if etat == "F" { json!("2024-06-30") } else { Value::Null },
        "activite_principale": "84.11Z",
        "nom_commercial": null,
        "liste_enseignes": null,
        "liste_idcc": null,
        "liste_finess": null,
        "liste_rge": null,
        "liste_uai": null,
        "liste_id_bio": null,
        "liste_id_organisme_formation": null,
        "tranche_effectif_salarie": "22",
        "caractere_employeur": "O",
        "statut_diffusion_etablissement": "O",
    })
}

/// A legal unit with its one matching establishment (also its head office).
fn unite(
    siret: &str,
    nom: &str,
    nature: &str,
    etat_etablissement: &str,
    adresse: &str,
    association: bool,
) -> Value {
    let etablissement = etablissement(siret, etat_etablissement, adresse, true);
    json!({
        "siren": &siret[..9],
        "nom_complet": nom,
        "nom_raison_sociale": nom,
        "sigle": null,
        "nature_juridique": nature,
        "etat_administratif": "A",
        "date_creation": "2015-01-01",
        "date_fermeture": null,
        "activite_principale": "84.11Z",
        "section_activite_principale": "O",
        "categorie_entreprise": "PME",
        "caractere_employeur": "O",
        "tranche_effectif_salarie": "22",
        "statut_diffusion": "O",
        "nombre_etablissements": 1,
        "nombre_etablissements_ouverts": if etat_etablissement == "A" { 1 } else { 0 },
        "siege": etablissement.clone(),
        "matching_etablissements": [etablissement],
        "dirigeants": [],
        "finances": {},
        "complements": {
            "collectivite_territoriale": null,
            "est_association": association,
            "identifiant_association": if association { json!("W291000001") } else { Value::Null },
            "est_ess": association,
            "est_siae": false,
            "est_administration": nature.starts_with('7'),
            "est_entrepreneur_individuel": false,
            "est_finess": false,
            "est_qualiopi": false,
            "est_organisme_formation": false,
            "est_rge": false,
            "est_uai": false,
            "est_bio": false,
            "est_societe_mission": false,
            "egapro_renseignee": false,
            "convention_collective_renseignee": false,
            "est_service_public": null,
        },
    })
}

fn unites() -> Vec<Value> {
    vec![
        unite(
            SIRET_BREST_METROPOLE,
            "BREST METROPOLE",
            "7344",
            "A",
            "24 RUE COAT AR GUEVEN 29200 BREST",
            false,
        ),
        unite(
            SIRET_ASSOCIATION,
            "ASSOCIATION NUMERIQUE EN RADE",
            "9220",
            "A",
            "5 RUE DE SIAM 29200 BREST",
            true,
        ),
        unite(
            SIRET_FERME,
            "ASSOCIATION LE CYBER DU PORT",
            "9220",
            "F",
            "1 QUAI DE LA DOUANE 29200 BREST",
            true,
        ),
    ]
}

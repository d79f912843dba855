//! `GET /donnees/activite.csv[?region=53|departement=29][&de=AAAA-MM&a=AAAA-MM]`: the open activity data,
//! one line per programme département and month, as the GraphQL query `activiteOuverte` gives it (figures
//! about fewer than five people left empty and marked). No login.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use maillage_shared::activite::SEUIL_DE_DIFFUSION;
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use super::tableur::{Cellule, Tableau};
use crate::indicateur::activite::{Periode, activite_ouverte};

/// The download's filters, as in the GraphQL query.
#[derive(Debug, Default, Deserialize)]
pub struct Filtre {
    pub region: Option<String>,
    pub departement: Option<String>,
    pub de: Option<String>,
    pub a: Option<String>,
}

/// The file's columns.
pub const COLONNES: [&str; 7] = [
    "code_departement",
    "departement",
    "mois",
    "accompagnements",
    "personnes_accompagnees",
    "minutes",
    "moins_de_cinq_personnes",
];

pub async fn telecharger(State(db): State<DatabaseConnection>, Query(filtre): Query<Filtre>) -> Response {
    let produire = async {
        let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
        let periode = Periode::lire(filtre.de.as_deref(), filtre.a.as_deref(), aujourd_hui)?;
        let zone = crate::indicateur::schema::etendue(filtre.region, filtre.departement)?;
        let lignes = activite_ouverte(&db, &zone, periode).await?;
        let tableau = Tableau {
            nom: "activite-conseillers-numeriques".to_owned(),
            colonnes: COLONNES.to_vec(),
            lignes: lignes
                .into_iter()
                .map(|ligne| {
                    let masque = (1..SEUIL_DE_DIFFUSION).contains(&ligne.totaux.participants);
                    let chiffre = |n: i64| if masque { Cellule::Vide } else { Cellule::Entier(n) };
                    vec![
                        Cellule::Texte(ligne.departement_code),
                        Cellule::Texte(ligne.departement_nom),
                        Cellule::Texte(format!("{:04}-{:02}", ligne.mois / 100, ligne.mois % 100)),
                        chiffre(ligne.totaux.accompagnements),
                        chiffre(ligne.totaux.participants),
                        chiffre(ligne.totaux.minutes),
                        Cellule::Texte(if masque { "oui" } else { "non" }.to_owned()),
                    ]
                })
                .collect(),
        };
        super::tableur::en_csv(&tableau)
    };
    match produire.await {
        Ok(fichier) => {
            let mut reponse = fichier.into_response();
            let entetes = reponse.headers_mut();
            entetes.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            entetes.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"activite-conseillers-numeriques.csv\""),
            );
            reponse
        }
        Err(erreur) => super::exports::reponse_d_erreur(erreur, "activité"),
    }
}

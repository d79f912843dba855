//! The report as a PDF (tagged, PDF/UA-1, fonts embedded), downloaded from `GET /rapports/…`
//! (`http::rapports`): what the coordinator sends to the préfecture, laid out by `crate::pdf`.

use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::format::{MOIS_ABREGES, jour_en_toutes_lettres, nombre};
use serde_json::{Value, json};

use super::service::RapportAnnuel;
use crate::error::AppError;

/// Each (label, value) as a row of a bar table.
fn barres(valeurs: &[(String, i64)]) -> Vec<Value> {
    valeurs
        .iter()
        .map(|(cle, valeur)| json!({ "cle": cle, "valeur": valeur, "texte": nombre(*valeur) }))
        .collect()
}

/// The whole document.
pub async fn en_pdf(
    r: &RapportAnnuel,
    envoye_le: Option<DateTime<Utc>>,
    aujourd_hui: NaiveDate,
) -> Result<Vec<u8>, AppError> {
    let mois: Vec<(String, i64)> = MOIS_ABREGES
        .iter()
        .zip(&r.par_mois)
        .map(|(m, n)| ((*m).to_owned(), *n))
        .collect();
    let envoi = envoye_le.map_or_else(
        || "Non encore envoyé à la préfecture.".to_owned(),
        |le| {
            format!(
                "Envoyé à la préfecture le {}.",
                jour_en_toutes_lettres(maillage_shared::jour::jour_en_metropole(le))
            )
        },
    );
    let donnees = json!({
        "titre": format!("Rapport d’activité {} — {}", r.annee, r.coordinateur),
        "coordinateur": r.coordinateur,
        "structure": r.structure,
        "departement": r.departement_code,
        "perimetre": r.perimetre.join(", "),
        "envoi": envoi,
        "territoire": [
            ["Habitants", nombre(r.population)],
            ["Communes", nombre(r.communes)],
            ["Lieux de médiation numérique", nombre(r.lieux)],
            ["Communes sans lieu", nombre(r.communes_sans_lieu)],
            ["Conseillers numériques", nombre(r.conseillers)],
            ["Actions de coordination", nombre(r.actions.len() as i64)],
        ],
        "accompagnements": [
            ["Accompagnements", nombre(r.accompagnements)],
            ["Personnes accompagnées", nombre(r.participants)],
            ["Durée d’accompagnement", maillage_shared::format::duree(r.duree_minutes())],
        ],
        "par_mois": barres(&mois),
        "par_theme": barres(&r.par_theme),
        "actions_par_nature": barres(&r.actions_par_nature),
        "actions": r.actions.iter().map(|a| json!({
            "date": a.date.format("%d/%m/%Y").to_string(),
            "nature": a.nature,
            "titre": a.titre,
            "axe": a.axe,
            "partenaires": a.partenaires,
        })).collect::<Vec<_>>(),
        "pied": crate::pdf::pied(aujourd_hui),
    });
    crate::pdf::produire(crate::pdf::RAPPORT, &donnees, aujourd_hui).await
}

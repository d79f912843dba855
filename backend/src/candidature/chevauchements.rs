//! Candidatures claiming the same territory, so ANCT sees overlaps and favours coordinated ones.

use maillage_shared::candidature::StatutCandidature;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::brouillon::epcis_du_perimetre;
use super::entity::{candidature, candidature_epci};
use crate::error::AppError;

/// Other filed candidatures whose perimeter shares an EPCI or the département with this one: ANCT favours
/// coordinated initiatives, so it must see them.
pub async fn chevauchements(
    db: &impl ConnectionTrait,
    row: &candidature::Model,
) -> Result<Vec<(candidature::Model, Vec<String>)>, AppError> {
    let epcis = epcis_du_perimetre(db, row.id).await?;
    let mut departements: Vec<String> = crate::territoire::service::departements_des_epcis(db, &epcis)
        .await?
        .into_values()
        .flatten()
        .map(|d| d.code)
        .collect();
    departements.extend(row.perimetre_departement_code.clone());
    let liens = candidature_epci::Entity::find()
        .filter(candidature_epci::Column::EpciCode.is_in(epcis.clone()))
        .filter(candidature_epci::Column::CandidatureId.ne(row.id))
        .all(db)
        .await?;
    let mut par_candidature: std::collections::BTreeMap<i64, Vec<String>> = std::collections::BTreeMap::new();
    for lien in liens {
        par_candidature
            .entry(lien.candidature_id)
            .or_default()
            .push(lien.epci_code);
    }
    let mut condition = Condition::any().add(candidature::Column::Id.is_in(par_candidature.keys().copied()));
    if !departements.is_empty() {
        // A whole-département candidature overlaps every candidature inside that département.
        condition = condition.add(candidature::Column::PerimetreDepartementCode.is_in(departements.clone()));
    }
    if let Some(departement) = &row.perimetre_departement_code {
        condition = condition.add(candidature::Column::DepartementCode.eq(departement.as_str()));
    }
    let autres = candidature::Entity::find()
        .filter(condition)
        .filter(candidature::Column::Id.ne(row.id))
        .filter(candidature::Column::Statut.ne(StatutCandidature::Brouillon.as_str()))
        .order_by_asc(candidature::Column::Id)
        .all(db)
        .await?;
    Ok(autres
        .into_iter()
        .map(|autre| {
            let communs = par_candidature.get(&autre.id).cloned().unwrap_or_default();
            (autre, communs)
        })
        .collect())
}

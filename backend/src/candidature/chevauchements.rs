//! Candidatures claiming the same territory, so ANCT sees overlaps and favours coordinated ones.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use maillage_shared::candidature::StatutCandidature;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::brouillon::epcis_des_perimetres;
use super::entity::{candidature, candidature_epci};
use crate::error::AppError;

/// Other filed candidatures whose perimeter shares an EPCI or the département with this one: ANCT favours
/// coordinated initiatives, so it must see them. Each comes with the EPCI both perimeters contain.
pub async fn chevauchements(
    db: &impl ConnectionTrait,
    row: &candidature::Model,
) -> Result<Vec<(candidature::Model, Vec<String>)>, AppError> {
    Ok(chevauchements_de(db, std::slice::from_ref(row))
        .await?
        .remove(&row.id)
        .unwrap_or_default())
}

/// [`chevauchements`] of several candidatures in four statements, whatever their number (a page of
/// candidatures asks them all).
pub async fn chevauchements_de(
    db: &impl ConnectionTrait,
    rows: &[candidature::Model],
) -> Result<HashMap<i64, Vec<(candidature::Model, Vec<String>)>>, AppError> {
    let epcis = epcis_des_perimetres(db, rows.iter().map(|row| row.id)).await?;
    let tous_les_epcis: Vec<String> = epcis
        .values()
        .flatten()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let departements_des_epcis =
        crate::territoire::service::departements_des_epcis(db, &tous_les_epcis).await?;
    // For each row: the départements its perimeter touches (a whole-département candidature overlaps every
    // candidature inside that département).
    let departements: HashMap<i64, BTreeSet<String>> = rows
        .iter()
        .map(|row| {
            let mut codes: BTreeSet<String> = epcis
                .get(&row.id)
                .into_iter()
                .flatten()
                .filter_map(|epci| departements_des_epcis.get(epci))
                .flatten()
                .map(|d| d.code.clone())
                .collect();
            codes.extend(row.perimetre_departement_code.clone());
            (row.id, codes)
        })
        .collect();
    let liens = candidature_epci::Entity::find()
        .filter(candidature_epci::Column::EpciCode.is_in(tous_les_epcis))
        .all(db)
        .await?;
    let mut condition = Condition::any().add(
        candidature::Column::Id.is_in(
            liens
                .iter()
                .map(|lien| lien.candidature_id)
                .collect::<BTreeSet<_>>(),
        ),
    );
    let tous_les_departements: BTreeSet<&String> = departements.values().flatten().collect();
    if !tous_les_departements.is_empty() {
        condition = condition.add(
            candidature::Column::PerimetreDepartementCode
                .is_in(tous_les_departements.iter().map(|code| code.as_str())),
        );
    }
    let perimetres_departements: BTreeSet<&String> = rows
        .iter()
        .filter_map(|row| row.perimetre_departement_code.as_ref())
        .collect();
    if !perimetres_departements.is_empty() {
        condition = condition.add(
            candidature::Column::DepartementCode
                .is_in(perimetres_departements.iter().map(|code| code.as_str())),
        );
    }
    let autres = candidature::Entity::find()
        .filter(condition)
        // Those that claim a territory: a refused, closed or withdrawn candidature no longer overlaps.
        .filter(
            candidature::Column::Statut.is_in(
                StatutCandidature::ALL
                    .into_iter()
                    .filter(|s| s.revendique_le_territoire())
                    .map(StatutCandidature::as_str),
            ),
        )
        .order_by_asc(candidature::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .map(|row| {
            let siens = epcis.get(&row.id).cloned().unwrap_or_default();
            let mut communs: BTreeMap<i64, Vec<String>> = BTreeMap::new();
            for lien in &liens {
                if lien.candidature_id != row.id && siens.contains(&lien.epci_code) {
                    communs
                        .entry(lien.candidature_id)
                        .or_default()
                        .push(lien.epci_code.clone());
                }
            }
            for codes in communs.values_mut() {
                codes.sort();
            }
            let departements = &departements[&row.id];
            let chevauchent: Vec<(candidature::Model, Vec<String>)> = autres
                .iter()
                .filter(|autre| autre.id != row.id)
                .filter(|autre| {
                    communs.contains_key(&autre.id)
                        || autre
                            .perimetre_departement_code
                            .as_ref()
                            .is_some_and(|code| departements.contains(code))
                        || row.perimetre_departement_code.as_ref() == Some(&autre.departement_code)
                })
                .map(|autre| (autre.clone(), communs.get(&autre.id).cloned().unwrap_or_default()))
                .collect();
            (row.id, chevauchent)
        })
        .collect())
}

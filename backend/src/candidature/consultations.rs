//! The consultation of the employers of conseillers numériques in the zone to coordinate, before filing
//! (I.b, IV): who must be consulted, and what they answered.

use std::collections::HashMap;

use chrono::NaiveDate;
use maillage_shared::candidature::{Action, ReponseConsultation, transition};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::acces::{lire, statut};
use super::brouillon::{epcis_des_perimetres, structure_de};
use super::entity::{candidature, consultation};
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::structure::{entity as structure, service as structures};

/// The employers of conseillers numériques in the candidature's perimeter, which the structure must consult.
pub async fn structures_a_consulter(
    db: &impl ConnectionTrait,
    row: &candidature::Model,
) -> Result<Vec<structure::Model>, AppError> {
    Ok(structures_a_consulter_de(db, std::slice::from_ref(row))
        .await?
        .remove(&row.id)
        .unwrap_or_default())
}

/// [`structures_a_consulter`] of several candidatures, in four statements whatever their number.
pub async fn structures_a_consulter_de(
    db: &impl ConnectionTrait,
    rows: &[candidature::Model],
) -> Result<HashMap<i64, Vec<structure::Model>>, AppError> {
    let mut epcis = epcis_des_perimetres(db, rows.iter().map(|row| row.id)).await?;
    let perimetres: Vec<structures::Perimetre> = rows
        .iter()
        .map(|row| structures::Perimetre {
            epcis: epcis.remove(&row.id).unwrap_or_default(),
            departement: row.perimetre_departement_code.clone(),
            sauf: row.structure_id,
        })
        .collect();
    let employeurs = structures::employeurs_des_perimetres(db, &perimetres).await?;
    Ok(rows.iter().map(|row| row.id).zip(employeurs).collect())
}

/// The consultations recorded for a candidature.
pub async fn consultations(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<consultation::Model>, AppError> {
    Ok(consultation::Entity::find()
        .filter(consultation::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(consultation::Column::Id)
        .all(db)
        .await?)
}

/// A consultation as the structure records it.
#[derive(Debug, Clone)]
pub struct NouvelleConsultation {
    /// The structure consulted.
    pub structure_id: i64,
    pub consultee_le: NaiveDate,
    pub reponse: ReponseConsultation,
    pub commentaire: String,
}

/// Records (or corrects) the consultation of one of the structures to consult.
pub async fn enregistrer_consultation(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    nouvelle: &NouvelleConsultation,
    aujourd_hui: NaiveDate,
) -> Result<consultation::Model, AppError> {
    let NouvelleConsultation {
        structure_id: structure_consultee,
        consultee_le,
        reponse,
        commentaire,
    } = nouvelle;
    let (structure_consultee, consultee_le, reponse) = (*structure_consultee, *consultee_le, *reponse);
    let row = lire(db, acteur, candidature_id).await?;
    structure_de(acteur, &row)?;
    transition(statut(&row), Action::Modifier, Role::Structure)?;
    if consultee_le > aujourd_hui {
        return Err(AppError::InvalidInput(
            "La date de consultation ne peut pas être dans le futur.".to_owned(),
        ));
    }
    if commentaire.chars().count() > 1000 {
        return Err(AppError::InvalidInput(
            "Le commentaire dépasse 1000 caractères.".to_owned(),
        ));
    }
    let a_consulter = structures_a_consulter(db, &row).await?;
    if !a_consulter.iter().any(|s| s.id == structure_consultee) {
        return Err(AppError::InvalidInput(
            "Cette structure n’emploie pas de conseiller numérique dans le territoire à coordonner."
                .to_owned(),
        ));
    }
    consultation::Entity::delete_many()
        .filter(consultation::Column::CandidatureId.eq(candidature_id))
        .filter(consultation::Column::StructureId.eq(structure_consultee))
        .exec(db)
        .await?;
    Ok(consultation::ActiveModel {
        id: NotSet,
        candidature_id: Set(candidature_id),
        structure_id: Set(structure_consultee),
        consultee_le: Set(consultee_le),
        reponse: Set(reponse.as_str().to_owned()),
        commentaire: Set(commentaire.trim().to_owned()),
    }
    .insert(db)
    .await?)
}

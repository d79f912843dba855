//! A coordinator post as the people who hold it reach it: the structure its validated candidature, the
//! coordinator the post and the territory it covers. Recruitment, the pool, the convention and every part
//! of the coordinator's workspace (team, activity, coordination, diagnostic, report, lieux) start here.

use std::collections::{BTreeMap, BTreeSet};

use maillage_shared::candidature::StatutCandidature;
use maillage_shared::role::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entity::coordinateur;
use crate::candidature::acces;
use crate::candidature::brouillon;
use crate::candidature::entity::{candidature, candidature_epci};
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::territoire::entity::commune;

/// The calling coordinator's post (role COORDINATEUR) and its candidature.
pub async fn mon_poste(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<(coordinateur::Model, candidature::Model), AppError> {
    acteur.exiger(Role::Coordinateur)?;
    poste_en_cours(db, acteur.utilisateur_id).await?.ok_or_else(|| {
        AppError::SansPoste("Vous n’êtes coordinateur en poste sur aucun territoire.".to_owned())
    })
}

/// The post person `utilisateur_id` holds as coordinator today, if any, and its candidature.
pub async fn poste_en_cours(
    db: &impl ConnectionTrait,
    utilisateur_id: i64,
) -> Result<Option<(coordinateur::Model, candidature::Model)>, AppError> {
    let Some(poste) = coordinateur::Entity::find()
        .filter(coordinateur::Column::UtilisateurId.eq(utilisateur_id))
        .filter(coordinateur::Column::PartiLe.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let validee = candidature::Entity::find_by_id(poste.candidature_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("candidature {} absente", poste.candidature_id)))?;
    Ok(Some((poste, validee)))
}

/// The communes of the coordinator's perimeter (its EPCI, or its whole département), by code.
pub async fn communes_du_perimetre(
    db: &impl ConnectionTrait,
    validee: &candidature::Model,
) -> Result<Vec<commune::Model>, AppError> {
    let epcis = brouillon::epcis_du_perimetre(db, validee.id).await?;
    let mut query = commune::Entity::find();
    query = match (&validee.perimetre_departement_code, epcis.is_empty()) {
        (Some(departement), _) => query.filter(commune::Column::DepartementCode.eq(departement.as_str())),
        (None, false) => query.filter(commune::Column::EpciCode.is_in(epcis)),
        (None, true) => return Ok(Vec::new()),
    };
    Ok(query.order_by_asc(commune::Column::Code).all(db).await?)
}

/// A validated candidature of the caller's structure.
pub async fn candidature_validee(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
) -> Result<candidature::Model, AppError> {
    let role = acteur.exiger(Role::Structure)?;
    let row = acces::lire(db, acteur, candidature_id).await?;
    if role.structure_id != Some(row.structure_id) {
        return Err(AppError::Interdit(
            "Cette candidature n’est pas celle de votre structure.".to_owned(),
        ));
    }
    if acces::statut(&row) != StatutCandidature::Validee {
        return Err(AppError::Interdit(
            "Le recrutement n’est ouvert qu’aux candidatures validées par l’ANCT.".to_owned(),
        ));
    }
    if let Some(clos) = row.poste_clos_le {
        return Err(maillage_shared::poste::FinRefusee::DejaClos(clos).into());
    }
    Ok(row)
}

/// The coordinators in post whose perimeter holds each of these communes, by commune code.
pub async fn coordinateurs_des_communes(
    db: &impl ConnectionTrait,
    communes: &BTreeSet<String>,
) -> Result<BTreeMap<String, Vec<i64>>, AppError> {
    let lignes = commune::Entity::find()
        .filter(commune::Column::Code.is_in(communes.iter().cloned()))
        .all(db)
        .await?;
    let en_poste = coordinateur::Entity::find()
        .filter(coordinateur::Column::PartiLe.is_null())
        .all(db)
        .await?;
    let postes = candidature::Entity::find()
        .filter(candidature::Column::Id.is_in(en_poste.iter().map(|c| c.candidature_id)))
        .filter(candidature::Column::Statut.eq(StatutCandidature::Validee.as_str()))
        .filter(candidature::Column::PosteClosLe.is_null())
        .all(db)
        .await?;
    let epcis = candidature_epci::Entity::find()
        .filter(candidature_epci::Column::CandidatureId.is_in(postes.iter().map(|p| p.id)))
        .all(db)
        .await?;
    let mut resultat: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for commune in lignes {
        let couvrent: BTreeSet<i64> = postes
            .iter()
            .filter(|poste| match &poste.perimetre_departement_code {
                Some(departement) => *departement == commune.departement_code,
                None => epcis.iter().any(|e| {
                    e.candidature_id == poste.id && Some(&e.epci_code) == commune.epci_code.as_ref()
                }),
            })
            .map(|poste| poste.id)
            .collect();
        resultat.insert(
            commune.code,
            en_poste
                .iter()
                .filter(|c| couvrent.contains(&c.candidature_id))
                .map(|c| c.utilisateur_id)
                .collect(),
        );
    }
    Ok(resultat)
}

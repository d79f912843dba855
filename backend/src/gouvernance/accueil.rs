//! The structures a préfecture identifies as able to host a coordinator in its département: by SIRET, named
//! from Maillage (whose people are then told, in the app and by email) or by the préfecture, with why. The
//! agents of the territory read the list; each candidature says whether its structure is on it.

use std::collections::{BTreeSet, HashSet};

use chrono::Utc;
use maillage_shared::role::Role;
use maillage_shared::structure::Siret;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, QueryOrder,
};

use super::entity::structure_d_accueil;
use super::service::{agent_du_territoire, consigner, refuser, verifier_ecriture};
use crate::compte::acteur::Acteur;
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::error::AppError;
use crate::structure::entity as structure;

/// Identifications a préfecture agent makes in a day: each one may email a structure's people.
pub const DESIGNATIONS_PAR_JOUR: usize = 30;
/// Longest reason given.
pub const COMMENTAIRE_MAX: usize = 2_000;

/// The préfecture identifies a structure able to host a coordinator in its département.
pub async fn designer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement_code: &str,
    siret: &str,
    nom: &str,
    commentaire: &str,
) -> Result<structure_d_accueil::Model, AppError> {
    verifier_ecriture(acteur, departement_code)?;
    let siret = Siret::parse(siret)?;
    let connue = structure::Entity::find()
        .filter(structure::Column::Siret.eq(siret.as_str()))
        .one(db)
        .await?;
    let mut problemes = Vec::new();
    let nom = match &connue {
        Some(structure) => structure.nom.clone(),
        None => {
            let longueur = nom.trim().chars().count();
            if !(2..=maillage_shared::gouvernance::NOM_MAX).contains(&longueur) {
                problemes.push(
                    "le nom de la structure est attendu (Maillage ne la connaît pas encore)".to_owned(),
                );
            }
            nom.trim().to_owned()
        }
    };
    if commentaire.trim().chars().count() > COMMENTAIRE_MAX {
        problemes.push(format!("le commentaire dépasse {COMMENTAIRE_MAX} caractères"));
    }
    refuser("Structure", problemes)?;
    let deja = structure_d_accueil::Entity::find()
        .filter(structure_d_accueil::Column::DepartementCode.eq(departement_code))
        .filter(structure_d_accueil::Column::Siret.eq(siret.as_str()))
        .one(db)
        .await?;
    if deja.is_some() {
        return Err(AppError::Conflit(format!(
            "{nom} est déjà identifiée comme structure pouvant accueillir."
        )));
    }
    crate::journal::limiter(
        db,
        acteur,
        "designerStructureDAccueil",
        DESIGNATIONS_PAR_JOUR,
        chrono::Duration::days(1),
    )
    .await?;
    consigner(
        db,
        acteur,
        departement_code,
        format!("{nom} identifiée comme structure pouvant accueillir un coordinateur"),
    )
    .await?;
    let designee = structure_d_accueil::ActiveModel {
        id: NotSet,
        departement_code: Set(departement_code.to_owned()),
        siret: Set(siret.as_str().to_owned()),
        nom: Set(nom),
        commentaire: Set(commentaire.trim().to_owned()),
        designee_le: Set(Utc::now()),
        designee_par: Set(Some(acteur.utilisateur_id)),
    }
    .insert(db)
    .await?;
    if let Some(structure) = connue {
        let ids: BTreeSet<i64> = role_utilisateur::Entity::find()
            .filter(role_utilisateur::Column::Role.eq(Role::Structure.as_str()))
            .filter(role_utilisateur::Column::StructureId.eq(structure.id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.utilisateur_id)
            .collect();
        let personnes = utilisateur::Entity::find()
            .filter(utilisateur::Column::Id.is_in(ids))
            .all(db)
            .await?;
        crate::notification::service::notifier(
            db,
            &personnes,
            "Votre structure peut accueillir un coordinateur",
            &format!(
                "La préfecture identifie {} comme structure pouvant accueillir un conseiller numérique \
                 coordinateur dans le département {departement_code}. Vous pouvez déposer une candidature \
                 depuis Maillage.",
                designee.nom
            ),
            "/espace",
        )
        .await?;
    }
    Ok(designee)
}

/// The préfecture takes a structure off its list; returns the département.
pub async fn retirer(db: &impl ConnectionTrait, acteur: &Acteur, id: i64) -> Result<String, AppError> {
    let ligne = structure_d_accueil::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Structure d’accueil introuvable.".to_owned()))?;
    verifier_ecriture(acteur, &ligne.departement_code)?;
    let departement = ligne.departement_code.clone();
    consigner(
        db,
        acteur,
        &departement,
        format!("{} retirée des structures pouvant accueillir", ligne.nom),
    )
    .await?;
    ligne.delete(db).await?;
    Ok(departement)
}

/// The structures identified in a département, by name (its préfecture, the SGAR and hub of its région,
/// ANCT).
pub async fn lister(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    departement_code: &str,
) -> Result<Vec<structure_d_accueil::Model>, AppError> {
    if !agent_du_territoire(db, acteur, departement_code).await? {
        return Err(AppError::Interdit(
            "Les structures pouvant accueillir se lisent par la préfecture, le SGAR, le hub de la région et l’ANCT."
                .to_owned(),
        ));
    }
    Ok(structure_d_accueil::Entity::find()
        .filter(structure_d_accueil::Column::DepartementCode.eq(departement_code))
        .order_by_asc(structure_d_accueil::Column::Nom)
        .order_by_asc(structure_d_accueil::Column::Id)
        .all(db)
        .await?)
}

/// Which `(siret, département)` pairs the préfectures identified, in one statement.
pub async fn identifiees(
    db: &impl ConnectionTrait,
    demandes: &[(String, String)],
) -> Result<HashSet<(String, String)>, AppError> {
    if demandes.is_empty() {
        return Ok(HashSet::new());
    }
    let voulues: HashSet<&(String, String)> = demandes.iter().collect();
    Ok(structure_d_accueil::Entity::find()
        .filter(structure_d_accueil::Column::Siret.is_in(demandes.iter().map(|(siret, _)| siret.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|ligne| (ligne.siret, ligne.departement_code))
        .filter(|paire| voulues.contains(paire))
        .collect())
}

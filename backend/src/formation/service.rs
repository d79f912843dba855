//! Reading and recording what a conseiller declares of its training. Someone who never declared anything
//! starts from what their candidate profile said (CCP1 and PIX ticked when they joined the pool).

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use maillage_shared::formation::{EtapeCcp1, Formation, verifier_formation};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entity;
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::poste::entity::profil_candidat;

fn depuis_la_ligne(ligne: entity::Model) -> Formation {
    Formation {
        ccp1: EtapeCcp1::parse(&ligne.ccp1).unwrap_or(EtapeCcp1::NonCommencee),
        ccp1_le: ligne.ccp1_le,
        pix: ligne.pix,
        pix_le: ligne.pix_le,
        module_continu: ligne.module_continu,
        module_continu_le: ligne.module_continu_le,
    }
}

fn depuis_le_profil(profil: &profil_candidat::Model) -> Formation {
    Formation {
        ccp1: if profil.ccp1 {
            EtapeCcp1::Certifie
        } else {
            EtapeCcp1::NonCommencee
        },
        pix: profil.pix,
        ..Formation::default()
    }
}

/// The training of each of these people, by account id (everyone listed has one, by default empty).
pub async fn de(db: &impl ConnectionTrait, personnes: &[i64]) -> Result<BTreeMap<i64, Formation>, AppError> {
    let mut formations: BTreeMap<i64, Formation> = BTreeMap::new();
    for paquet in personnes.chunks(1000) {
        for profil in profil_candidat::Entity::find()
            .filter(profil_candidat::Column::UtilisateurId.is_in(paquet.iter().copied()))
            .all(db)
            .await?
        {
            formations.insert(profil.utilisateur_id, depuis_le_profil(&profil));
        }
        for ligne in entity::Entity::find()
            .filter(entity::Column::UtilisateurId.is_in(paquet.iter().copied()))
            .all(db)
            .await?
        {
            formations.insert(ligne.utilisateur_id, depuis_la_ligne(ligne));
        }
    }
    for personne in personnes {
        formations.entry(*personne).or_default();
    }
    Ok(formations)
}

/// Training is declared by conseillers numériques, the coordinators among them.
fn conseiller(acteur: &Acteur) -> Result<(), AppError> {
    match acteur.role()?.role {
        Role::Conseiller | Role::Coordinateur => Ok(()),
        _ => Err(AppError::Interdit(
            "La formation se déclare avec le rôle « Conseiller numérique » ou « Coordinateur ».".to_owned(),
        )),
    }
}

/// The caller's training.
pub async fn la_mienne(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Formation, AppError> {
    conseiller(acteur)?;
    Ok(de(db, &[acteur.utilisateur_id])
        .await?
        .remove(&acteur.utilisateur_id)
        .unwrap_or_default())
}

/// Records the caller's training after checking it.
pub async fn enregistrer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    formation: &Formation,
    aujourd_hui: NaiveDate,
) -> Result<Formation, AppError> {
    conseiller(acteur)?;
    let problemes = verifier_formation(formation, aujourd_hui);
    if !problemes.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "Formation refusée : {}.",
            problemes.join(" ; ")
        )));
    }
    let ligne = entity::ActiveModel {
        utilisateur_id: Set(acteur.utilisateur_id),
        ccp1: Set(formation.ccp1.as_str().to_owned()),
        ccp1_le: Set(formation.ccp1_le),
        pix: Set(formation.pix),
        pix_le: Set(formation.pix_le),
        module_continu: Set(formation.module_continu.trim().to_owned()),
        module_continu_le: Set(formation.module_continu_le),
        modifie_le: Set(Utc::now()),
    };
    entity::Entity::insert(ligne)
        .on_conflict(
            OnConflict::column(entity::Column::UtilisateurId)
                .update_columns([
                    entity::Column::Ccp1,
                    entity::Column::Ccp1Le,
                    entity::Column::Pix,
                    entity::Column::PixLe,
                    entity::Column::ModuleContinu,
                    entity::Column::ModuleContinuLe,
                    entity::Column::ModifieLe,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    la_mienne(db, acteur).await
}

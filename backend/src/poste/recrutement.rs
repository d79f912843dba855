//! Recruitment of the coordinator on a validated candidature, within its quota of posts: contact, the
//! candidate's steps, installation in post, and the coordinator role given to one of the structure's own
//! conseillers.

use chrono::{NaiveDate, Utc};
use maillage_shared::poste::StatutRecrutement;
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::{Expr, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::entity::{conseiller, coordinateur, profil_candidat, recrutement};
use super::perimetre::candidature_validee;
use crate::candidature::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::compte::service as compte;
use crate::error::AppError;
use crate::notification::service as notification;

/// The structure contacts a visible candidate for its validated post.
pub async fn contacter(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    profil_id: i64,
) -> Result<recrutement::Model, AppError> {
    let poste = candidature_validee(db, acteur, candidature_id).await?;
    let profil = profil_candidat::Entity::find_by_id(profil_id)
        .one(db)
        .await?
        .filter(|p| p.visible)
        .ok_or_else(|| AppError::Introuvable("Ce profil n’existe pas ou n’est plus visible.".to_owned()))?;
    let deja = recrutement::Entity::find()
        .filter(recrutement::Column::CandidatureId.eq(poste.id))
        .filter(recrutement::Column::ProfilCandidatId.eq(profil.id))
        .one(db)
        .await?;
    if deja.is_some() {
        return Err(AppError::Conflit(
            "Ce candidat a déjà été contacté pour ce poste.".to_owned(),
        ));
    }
    let maintenant = Utc::now();
    let contact = recrutement::ActiveModel {
        id: NotSet,
        candidature_id: Set(poste.id),
        profil_candidat_id: Set(profil.id),
        statut: Set(StatutRecrutement::Nouvelle.as_str().to_owned()),
        contrat: Set(None),
        debut: Set(None),
        fin: Set(None),
        cree_le: Set(maintenant),
        modifie_le: Set(maintenant),
    }
    .insert(db)
    .await?;
    let structure = crate::structure::service::par_id(db, poste.structure_id).await?;
    let candidat = utilisateur::Entity::find_by_id(profil.utilisateur_id)
        .all(db)
        .await?;
    notification::notifier(
        db,
        &candidat,
        "Une structure vous contacte",
        &format!(
            "{} souhaite vous rencontrer pour un poste de conseiller numérique coordinateur.",
            structure.nom
        ),
        "/candidat",
    )
    .await?;
    Ok(contact)
}

/// Locks the candidature row until the end of the transaction (PostgreSQL), so two requests counting the
/// posts cannot both see a free one. SQLite needs no lock: write transactions begin IMMEDIATE and run one
/// at a time.
async fn verrouiller_poste(db: &impl ConnectionTrait, candidature_id: i64) -> Result<(), AppError> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        candidature::Entity::find_by_id(candidature_id)
            .lock(LockType::Update)
            .one(db)
            .await?;
    }
    Ok(())
}

/// Posts occupied: coordinators in post, plus candidates recruited whose contract is not signed yet.
pub async fn postes_occupes(db: &impl ConnectionTrait, candidature_id: i64) -> Result<u64, AppError> {
    let en_poste = coordinateur::Entity::find()
        .filter(coordinateur::Column::CandidatureId.eq(candidature_id))
        .filter(coordinateur::Column::PartiLe.is_null())
        .count(db)
        .await?;
    let recrutes = recrutement::Entity::find()
        .filter(recrutement::Column::CandidatureId.eq(candidature_id))
        .filter(recrutement::Column::Statut.eq(StatutRecrutement::Recrutee.as_str()))
        .count(db)
        .await?;
    Ok(en_poste + recrutes)
}

async fn verifier_quota(db: &impl ConnectionTrait, poste: &candidature::Model) -> Result<(), AppError> {
    verrouiller_poste(db, poste.id).await?;
    if postes_occupes(db, poste.id).await? >= u64::try_from(poste.postes_valides.max(0)).unwrap_or(0) {
        return Err(AppError::Conflit(format!(
            "Tous les postes validés ({}) sont pourvus : aucun coordinateur de plus ne peut être recruté.",
            poste.postes_valides
        )));
    }
    Ok(())
}

async fn installer_coordinateur(
    db: &impl ConnectionTrait,
    poste: &candidature::Model,
    utilisateur_id: i64,
    mode: &str,
    conseiller_id: Option<i64>,
    debut: NaiveDate,
) -> Result<coordinateur::Model, AppError> {
    let deja = coordinateur::Entity::find()
        .filter(coordinateur::Column::UtilisateurId.eq(utilisateur_id))
        .one(db)
        .await?;
    if deja.is_some() {
        return Err(AppError::Conflit(
            "Cette personne est déjà coordinatrice.".to_owned(),
        ));
    }
    let nouveau = coordinateur::ActiveModel {
        id: NotSet,
        candidature_id: Set(poste.id),
        utilisateur_id: Set(utilisateur_id),
        mode: Set(mode.to_owned()),
        conseiller_id: Set(conseiller_id),
        en_poste_depuis: Set(debut),
        parti_le: Set(None),
        temps_plein: Set(true),
        formation_initiale_le: Set(None),
        formations_continues: Set(String::new()),
        pix_demande: Set(false),
        pix_obtenu: Set(false),
        ccp1_demande: Set(false),
        ccp1_obtenu: Set(false),
        visible_carte: Set(true),
    }
    .insert(db)
    .await
    .map_err(|error| match error.sql_err() {
        // Two requests raced past the check above: the unique index decided.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::Conflit("Cette personne est déjà coordinatrice.".to_owned())
        }
        _ => AppError::Database(error),
    })?;
    compte::attribuer_role(
        db,
        utilisateur_id,
        Role::Coordinateur,
        None,
        Some(poste.departement_code.clone()),
        Some(poste.region_code.clone()),
    )
    .await?;
    recalculer_indicateurs(db).await?;
    Ok(nouveau)
}

/// A coordinator taking or leaving a post moves its département's count and the covered population of
/// every département its perimeter's EPCI reach: all are counted again (a few such changes a day).
async fn recalculer_indicateurs(db: &impl ConnectionTrait) -> Result<(), AppError> {
    crate::territoire::etendue::figures_modifiees(db, &crate::territoire::etendue::Etendue::Nationale).await
}

/// What changes with a recruitment step.
#[derive(Debug, Clone, Default)]
pub struct Etape {
    pub contrat: Option<String>,
    pub debut: Option<NaiveDate>,
    pub fin: Option<NaiveDate>,
}

/// Moves a recruitment one step. Recruiting takes a post (within the quota); signing the contract puts the
/// coordinator in post; a rupture frees the post.
pub async fn faire_avancer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    recrutement_id: i64,
    vers: StatutRecrutement,
    etape: &Etape,
    aujourd_hui: NaiveDate,
) -> Result<recrutement::Model, AppError> {
    let actuel = recrutement::Entity::find_by_id(recrutement_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Recrutement introuvable.".to_owned()))?;
    let poste = candidature_validee(db, acteur, actuel.candidature_id).await?;
    let de = StatutRecrutement::parse(&actuel.statut).unwrap_or(StatutRecrutement::Nouvelle);
    if let Some(contrat) = &etape.contrat
        && maillage_shared::subvention::TypeContrat::parse(contrat).is_none()
    {
        return Err(AppError::InvalidInput(format!(
            "Type de contrat inconnu : « {contrat} »."
        )));
    }
    if let (Some(debut), Some(fin)) = (etape.debut, etape.fin)
        && fin < debut
    {
        return Err(AppError::InvalidInput(
            "La fin du contrat précède son début.".to_owned(),
        ));
    }
    if vers == StatutRecrutement::Interessee {
        return Err(AppError::Interdit(
            "C’est la personne contactée qui accepte la prise de contact, depuis son espace.".to_owned(),
        ));
    }
    if !de.peut_passer_a(vers) {
        return Err(AppError::InvalidInput(format!(
            "Un recrutement « {} » ne peut pas passer à « {} ».",
            de.libelle(),
            vers.libelle()
        )));
    }
    if vers == StatutRecrutement::Recrutee {
        verifier_quota(db, &poste).await?;
    }
    let profil = profil_candidat::Entity::find_by_id(actuel.profil_candidat_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Profil introuvable.".to_owned()))?;
    match vers {
        StatutRecrutement::Finalisee => {
            installer_coordinateur(
                db,
                &poste,
                profil.utilisateur_id,
                "RECRUTEMENT",
                None,
                etape.debut.unwrap_or(aujourd_hui),
            )
            .await?;
        }
        StatutRecrutement::Rupture => {
            coordinateur::Entity::update_many()
                .col_expr(coordinateur::Column::PartiLe, Expr::value(aujourd_hui))
                .filter(coordinateur::Column::CandidatureId.eq(poste.id))
                .filter(coordinateur::Column::UtilisateurId.eq(profil.utilisateur_id))
                .exec(db)
                .await?;
            recalculer_indicateurs(db).await?;
            // The role belongs to the posts the person holds: she keeps it while she is in post on another one
            // (a rupture elsewhere, even one she never held, does not touch it).
            let encore_en_poste = coordinateur::Entity::find()
                .filter(coordinateur::Column::UtilisateurId.eq(profil.utilisateur_id))
                .filter(coordinateur::Column::PartiLe.is_null())
                .count(db)
                .await?
                > 0;
            if encore_en_poste {
                return ecrire_etape(db, actuel, vers, etape).await;
            }
            // The person no longer acts as coordinator; sessions in that role fall back to another one.
            use crate::compte::entity::{role_utilisateur, session};
            let roles: Vec<i64> = role_utilisateur::Entity::find()
                .filter(role_utilisateur::Column::UtilisateurId.eq(profil.utilisateur_id))
                .filter(role_utilisateur::Column::Role.eq(Role::Coordinateur.as_str()))
                .all(db)
                .await?
                .into_iter()
                .map(|role| role.id)
                .collect();
            session::Entity::update_many()
                .col_expr(
                    session::Column::RoleUtilisateurId,
                    Expr::value(Option::<i64>::None),
                )
                .filter(session::Column::RoleUtilisateurId.is_in(roles.clone()))
                .exec(db)
                .await?;
            role_utilisateur::Entity::delete_many()
                .filter(role_utilisateur::Column::Id.is_in(roles))
                .exec(db)
                .await?;
        }
        _ => {}
    }
    ecrire_etape(db, actuel, vers, etape).await
}

/// Records the recruitment's new step, with the contract's details given or kept.
async fn ecrire_etape(
    db: &impl ConnectionTrait,
    actuel: recrutement::Model,
    vers: StatutRecrutement,
    etape: &Etape,
) -> Result<recrutement::Model, AppError> {
    Ok(recrutement::ActiveModel {
        id: Set(actuel.id),
        statut: Set(vers.as_str().to_owned()),
        contrat: Set(etape.contrat.clone().or(actuel.contrat)),
        debut: Set(etape.debut.or(actuel.debut)),
        fin: Set(etape.fin.or(actuel.fin)),
        modifie_le: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?)
}

/// The conseillers numériques employed by the caller's structure.
pub async fn mes_conseillers(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<Vec<(conseiller::Model, utilisateur::Model)>, AppError> {
    let role = acteur.exiger(Role::Structure)?;
    let conseillers = conseiller::Entity::find()
        .filter(conseiller::Column::StructureId.eq(role.structure_id.unwrap_or(-1)))
        .order_by_asc(conseiller::Column::Id)
        .all(db)
        .await?;
    let personnes = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(conseillers.iter().map(|c| c.utilisateur_id)))
        .all(db)
        .await?;
    Ok(conseillers
        .into_iter()
        .filter_map(|c| {
            let personne = personnes.iter().find(|p| p.id == c.utilisateur_id)?.clone();
            Some((c, personne))
        })
        .collect())
}

/// "Attribuer un rôle de coordinateur": the structure gives the role to one of its conseillers in post,
/// within the quota checked in the same transaction.
pub async fn attribuer_role(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    conseiller_id: i64,
    aujourd_hui: NaiveDate,
) -> Result<coordinateur::Model, AppError> {
    let poste = candidature_validee(db, acteur, candidature_id).await?;
    let conseiller = conseiller::Entity::find_by_id(conseiller_id)
        .one(db)
        .await?
        .filter(|c| c.structure_id == poste.structure_id)
        .ok_or_else(|| {
            AppError::Interdit("Ce conseiller numérique n’est pas employé par votre structure.".to_owned())
        })?;
    verifier_quota(db, &poste).await?;
    let nouveau = installer_coordinateur(
        db,
        &poste,
        conseiller.utilisateur_id,
        "ATTRIBUTION",
        Some(conseiller.id),
        aujourd_hui,
    )
    .await?;
    let personne = utilisateur::Entity::find_by_id(conseiller.utilisateur_id)
        .all(db)
        .await?;
    notification::notifier(
        db,
        &personne,
        "Rôle de coordinateur attribué",
        "Votre structure vous a attribué le rôle de conseiller numérique coordinateur.",
        "/espace",
    )
    .await?;
    Ok(nouveau)
}

/// The coordinators of a post, in post first.
pub async fn coordinateurs(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<coordinateur::Model>, AppError> {
    Ok(coordinateur::Entity::find()
        .filter(coordinateur::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(coordinateur::Column::Id)
        .all(db)
        .await?)
}

/// The recruitments of a post.
pub async fn recrutements(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<recrutement::Model>, AppError> {
    Ok(recrutement::Entity::find()
        .filter(recrutement::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(recrutement::Column::Id)
        .all(db)
        .await?)
}

//! Joint candidatures: the structure that writes a candidature invites other structures to carry it with it
//! (co-porteurs); each confirms or declines; all read the dossier; ANCT sees the candidature as coordinated
//! once one confirmed. Co-porteurs are chosen until ANCT decides; the writing structure alone changes the
//! form, files and attaches the dossier's documents.

use chrono::Utc;
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::role::Role;
use maillage_shared::structure::Siret;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, QueryOrder,
};

use super::acces::{lien, lire, statut};
use super::brouillon::structure_de;
use super::entity::{candidature, coporteur};
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::notification::service as notification;
use crate::structure::entity as structure;

/// Most co-porteurs of one candidature.
pub const CO_PORTEURS_MAX: usize = 10;
/// Invitations a person sends in an hour: each one emails the invited structure.
pub const INVITATIONS_PAR_HEURE: usize = 20;
/// Proposals to gather two candidatures an agent sends in a day: each one emails two structures.
pub const PROPOSITIONS_PAR_JOUR: usize = 20;

/// Co-porteurs are chosen while the candidature is written or instructed, not once ANCT decided.
fn avant_la_decision(row: &candidature::Model) -> Result<(), AppError> {
    let statut = statut(row);
    if statut == StatutCandidature::Brouillon || statut.en_instruction() {
        Ok(())
    } else {
        Err(AppError::InvalidInput(format!(
            "La candidature est « {} » : ses co-porteurs ne changent plus.",
            statut.libelle()
        )))
    }
}

/// The structure's accounts.
async fn comptes_de(
    db: &impl ConnectionTrait,
    structure_id: i64,
) -> Result<Vec<crate::compte::entity::utilisateur::Model>, AppError> {
    notification::titulaires(db, Role::Structure, Some(structure_id), None, None).await
}

/// The writing structure invites a structure registered on Maillage, by its SIRET, to carry the
/// candidature with it; the invited structure's accounts are told in the app and by email.
pub async fn inviter(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    siret: &str,
) -> Result<coporteur::Model, AppError> {
    let row = lire(db, acteur, candidature_id).await?;
    structure_de(acteur, &row)?;
    avant_la_decision(&row)?;
    let siret = Siret::parse(siret)?;
    let invitee = structure::Entity::find()
        .filter(structure::Column::Siret.eq(siret.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::Introuvable(format!(
                "Aucune structure n’est inscrite sur Maillage avec le SIRET {} : elle s’inscrit d’abord, puis vous l’invitez.",
                siret.as_str()
            ))
        })?;
    if invitee.id == row.structure_id {
        return Err(AppError::InvalidInput(
            "Votre structure porte déjà cette candidature.".to_owned(),
        ));
    }
    let deja = coporteur::Entity::find()
        .filter(coporteur::Column::CandidatureId.eq(row.id))
        .all(db)
        .await?;
    if deja.iter().any(|c| c.structure_id == invitee.id) {
        return Err(AppError::Conflit(format!(
            "{} est déjà invitée sur cette candidature.",
            invitee.nom
        )));
    }
    if deja.len() >= CO_PORTEURS_MAX {
        return Err(AppError::InvalidInput(format!(
            "Une candidature compte au plus {CO_PORTEURS_MAX} co-porteurs."
        )));
    }
    crate::journal::limiter(
        db,
        acteur,
        "inviterCoPorteur",
        INVITATIONS_PAR_HEURE,
        chrono::Duration::hours(1),
    )
    .await?;
    let invitation = coporteur::ActiveModel {
        candidature_id: Set(row.id),
        structure_id: Set(invitee.id),
        invitee_le: Set(Utc::now()),
        invitee_par: Set(Some(acteur.utilisateur_id)),
        confirmee_le: Set(None),
    }
    .insert(db)
    .await?;
    let porteuse = crate::structure::service::par_id(db, row.structure_id).await?;
    notification::notifier(
        db,
        &comptes_de(db, invitee.id).await?,
        "Invitation à porter une candidature commune",
        &format!(
            "{} invite {} à porter avec elle sa candidature à un poste de conseiller numérique coordinateur. \
             Lisez le dossier et confirmez ou déclinez depuis Maillage.",
            porteuse.nom, invitee.nom
        ),
        &lien(row.id),
    )
    .await?;
    Ok(invitation)
}

/// The préfecture of the département or ANCT proposes that two overlapping candidatures in instruction
/// become one joint candidature: each structure is told of the other (its name and SIRET), in the app and by
/// email, with a link to its candidature's page that prepares the invitation. Each structure stays free to
/// invite the other, and the other to withdraw its own.
pub async fn proposer_de_reunir(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    autre_id: i64,
) -> Result<(), AppError> {
    let qui = match acteur.role()?.role {
        Role::Prefecture => "La préfecture",
        Role::Anct => "L’ANCT",
        _ => {
            return Err(AppError::Interdit(
                "Proposer de réunir des candidatures revient à la préfecture et à l’ANCT.".to_owned(),
            ));
        }
    };
    let row = lire(db, acteur, candidature_id).await?;
    let autre = lire(db, acteur, autre_id).await?;
    for une in [&row, &autre] {
        if !statut(une).en_instruction() {
            return Err(AppError::InvalidInput(format!(
                "La candidature {} est « {} » : seules des candidatures en instruction se réunissent.",
                une.id,
                statut(une).libelle()
            )));
        }
    }
    if row.structure_id == autre.structure_id {
        return Err(AppError::InvalidInput(
            "Ces candidatures sont celles d’une même structure.".to_owned(),
        ));
    }
    let recouvrements = super::chevauchements::chevauchements(db, &row).await?;
    if !recouvrements.iter().any(|(c, _)| c.id == autre.id) {
        return Err(AppError::InvalidInput(
            "Ces candidatures ne couvrent pas le même territoire.".to_owned(),
        ));
    }
    crate::journal::limiter(
        db,
        acteur,
        "proposerDeReunirLesCandidatures",
        PROPOSITIONS_PAR_JOUR,
        chrono::Duration::days(1),
    )
    .await?;
    let (a, b) = (
        crate::structure::service::par_id(db, row.structure_id).await?,
        crate::structure::service::par_id(db, autre.structure_id).await?,
    );
    for (sienne, la_sienne, l_autre) in [(&row, &a, &b), (&autre, &b, &a)] {
        notification::notifier(
            db,
            &comptes_de(db, la_sienne.id).await?,
            "Proposition de candidature commune",
            &format!(
                "{qui} propose à {} de réunir sa candidature avec celle de {} (SIRET {}), qui couvre le même \
                 territoire : l’une des deux structures invite l’autre comme co-porteuse de sa candidature, puis \
                 l’autre retire la sienne.",
                la_sienne.nom, l_autre.nom, l_autre.siret
            ),
            &format!("{}?co-porteur={}", lien(sienne.id), l_autre.siret),
        )
        .await?;
    }
    Ok(())
}

/// The invited structure confirms (`true`) or declines; the writing structure is told.
pub async fn repondre(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    confirme: bool,
) -> Result<(), AppError> {
    let role = acteur.exiger(Role::Structure)?;
    let introuvable =
        || AppError::Introuvable("Aucune invitation de votre structure sur cette candidature.".to_owned());
    let structure_id = role.structure_id.ok_or_else(introuvable)?;
    let invitation = coporteur::Entity::find_by_id((candidature_id, structure_id))
        .one(db)
        .await?
        .filter(|i| i.confirmee_le.is_none())
        .ok_or_else(introuvable)?;
    let row = lire(db, acteur, candidature_id).await?;
    avant_la_decision(&row)?;
    let invitee = crate::structure::service::par_id(db, structure_id).await?;
    if confirme {
        let mut confirmee: coporteur::ActiveModel = invitation.into();
        confirmee.confirmee_le = Set(Some(Utc::now()));
        confirmee.update(db).await?;
    } else {
        invitation.delete(db).await?;
    }
    notification::notifier(
        db,
        &comptes_de(db, row.structure_id).await?,
        if confirme {
            "Co-porteur confirmé"
        } else {
            "Invitation de co-porteur déclinée"
        },
        &format!(
            "{} {} de porter la candidature avec votre structure.",
            invitee.nom,
            if confirme { "accepte" } else { "décline" }
        ),
        &lien(row.id),
    )
    .await?;
    Ok(())
}

/// The writing structure withdraws an invitation or a co-porteur; a co-porteur withdraws itself.
pub async fn retirer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    structure_id: i64,
) -> Result<(), AppError> {
    let role = acteur.exiger(Role::Structure)?;
    let row = lire(db, acteur, candidature_id).await?;
    if role.structure_id != Some(structure_id) {
        structure_de(acteur, &row)?;
    }
    avant_la_decision(&row)?;
    let ligne = coporteur::Entity::find_by_id((candidature_id, structure_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Cette structure ne porte pas la candidature.".to_owned()))?;
    ligne.delete(db).await?;
    Ok(())
}

/// The invitations waiting for the caller's structure, oldest first, with their candidatures.
pub async fn invitations(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<Vec<candidature::Model>, AppError> {
    let role = acteur.exiger(Role::Structure)?;
    let Some(structure_id) = role.structure_id else {
        return Ok(Vec::new());
    };
    let en_attente = coporteur::Entity::find()
        .filter(coporteur::Column::StructureId.eq(structure_id))
        .filter(coporteur::Column::ConfirmeeLe.is_null())
        .order_by_asc(coporteur::Column::InviteeLe)
        .all(db)
        .await?;
    let mut candidatures = candidature::Entity::find()
        .filter(candidature::Column::Id.is_in(en_attente.iter().map(|i| i.candidature_id)))
        .all(db)
        .await?;
    candidatures.retain(|c| avant_la_decision(c).is_ok());
    candidatures.sort_by_key(|c| {
        en_attente
            .iter()
            .position(|i| i.candidature_id == c.id)
            .unwrap_or(usize::MAX)
    });
    Ok(candidatures)
}

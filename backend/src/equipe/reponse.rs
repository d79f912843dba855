//! The invited person's answer, from the link of the email: reading the invitation, accepting it (with an
//! account of the invited address) or declining it; the coordinator is told.

use chrono::{DateTime, Utc};
use maillage_shared::equipe::{self as regles, StatutInvitation};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};

use super::entity::invitation;
use super::invitations::{decrire_postes, dire_au_coordinateur, statut};
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::compte::invitations::{Accepteur, titulaire};
use crate::compte::service as comptes;
use crate::error::AppError;

/// An invitation as its link shows it.
#[derive(Debug, Clone)]
pub struct InvitationLue {
    pub invitation: invitation::Model,
    pub statut: StatutInvitation,
    pub expiree: bool,
    /// "Prénom Nom" of the coordinator who invites.
    pub coordinateur: String,
    /// The structure that hosts the coordinator's post.
    pub porteuse: String,
    pub departement_code: String,
    /// An account already uses the invited address: the person logs in to answer.
    pub compte_existant: bool,
}

async fn par_jeton(db: &impl ConnectionTrait, jeton: &str) -> Result<invitation::Model, AppError> {
    invitation::Entity::find()
        .filter(invitation::Column::JetonEmpreinte.eq(comptes::empreinte(jeton.trim())))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::Introuvable(
                "Ce lien d’invitation n’est pas (ou plus) valable : il a pu être remplacé par un envoi plus récent."
                    .to_owned(),
            )
        })
}

/// What the invitation link shows, without login: who invites, for which territory, and whether the address
/// already has an account.
pub async fn lire(
    db: &impl ConnectionTrait,
    jeton: &str,
    maintenant: DateTime<Utc>,
) -> Result<InvitationLue, AppError> {
    let invitation = par_jeton(db, jeton).await?;
    let poste = decrire_postes(db, [invitation.coordinateur_id])
        .await?
        .remove(&invitation.coordinateur_id)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("poste {} absent", invitation.coordinateur_id)))?;
    let compte_existant = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(&invitation.email))
        .one(db)
        .await?
        .is_some();
    let statut = statut(&invitation)?;
    Ok(InvitationLue {
        expiree: statut == StatutInvitation::Envoyee
            && regles::invitation_expiree(invitation.envoyee_le, maintenant),
        statut,
        coordinateur: poste.coordinateur,
        porteuse: poste.porteuse,
        departement_code: poste.departement_code,
        compte_existant,
        invitation,
    })
}

/// Accepts an invitation: the person joins the team with the role MEDIATEUR (an account is created if the
/// address has none). Returns the person's account id and the id of their MEDIATEUR role.
pub async fn accepter(
    db: &impl ConnectionTrait,
    jeton: &str,
    accepteur: Accepteur<'_>,
    maintenant: DateTime<Utc>,
) -> Result<(i64, i64), AppError> {
    let invitation = par_jeton(db, jeton).await?;
    regles::repondre(statut(&invitation)?, invitation.envoyee_le, maintenant)?;
    let utilisateur_id = titulaire(db, &invitation.email, accepteur).await?;
    let role = match role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::UtilisateurId.eq(utilisateur_id))
        .filter(role_utilisateur::Column::Role.eq(Role::Mediateur.as_str()))
        .one(db)
        .await?
    {
        Some(role) => role,
        None => comptes::attribuer_role(db, utilisateur_id, Role::Mediateur, None, None, None).await?,
    };
    let poste = invitation.coordinateur_id;
    // The day of arrival is the team's territory's (Fort-de-France is still on yesterday when Paris is not).
    let departement = decrire_postes(db, [poste])
        .await?
        .remove(&poste)
        .map(|p| p.departement_code)
        .unwrap_or_default();
    let (prenom, nom) = (invitation.prenom.clone(), invitation.nom.clone());
    let mut acceptee = invitation.into_active_model();
    acceptee.statut = Set(StatutInvitation::Acceptee.as_str().to_owned());
    acceptee.jeton_empreinte = Set(None);
    acceptee.repondue_le = Set(Some(maintenant));
    acceptee.utilisateur_id = Set(Some(utilisateur_id));
    acceptee.arrive_le = Set(Some(maillage_shared::jour::jour(&departement, maintenant)));
    acceptee.parti_le = Set(None);
    acceptee.motif_depart = Set(String::new());
    acceptee.update(db).await?;
    dire_au_coordinateur(db, poste, &format!("{prenom} {nom} a rejoint votre équipe"), "").await?;
    Ok((utilisateur_id, role.id))
}

/// Declines an invitation (no account needed: the link is enough). The coordinator is told.
pub async fn refuser(
    db: &impl ConnectionTrait,
    jeton: &str,
    maintenant: DateTime<Utc>,
) -> Result<(), AppError> {
    let invitation = par_jeton(db, jeton).await?;
    regles::repondre(statut(&invitation)?, invitation.envoyee_le, maintenant)?;
    let poste = invitation.coordinateur_id;
    let (prenom, nom) = (invitation.prenom.clone(), invitation.nom.clone());
    let mut refusee = invitation.into_active_model();
    refusee.statut = Set(StatutInvitation::Refusee.as_str().to_owned());
    refusee.jeton_empreinte = Set(None);
    refusee.repondue_le = Set(Some(maintenant));
    refusee.update(db).await?;
    dire_au_coordinateur(
        db,
        poste,
        &format!("{prenom} {nom} a décliné votre invitation"),
        "",
    )
    .await
}

//! The teams a médiateur belongs to, and leaving one.

use chrono::NaiveDate;
use maillage_shared::equipe::StatutInvitation;
use maillage_shared::role::Role;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entity::invitation;
use super::invitations::{clore, decrire_postes, dire_au_coordinateur, statut};
use crate::compte::acteur::Acteur;
use crate::error::AppError;

/// A team the calling médiateur belongs to, or belonged to.
#[derive(Debug, Clone)]
pub struct MonEquipe {
    pub invitation: invitation::Model,
    pub statut: StatutInvitation,
    pub coordinateur: String,
    pub porteuse: String,
    pub departement_code: String,
}

/// The teams of the calling médiateur (role MEDIATEUR), current ones first.
pub async fn mes_equipes(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Vec<MonEquipe>, AppError> {
    acteur.exiger(Role::Mediateur)?;
    let mut lignes = invitation::Entity::find()
        .filter(invitation::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .all(db)
        .await?;
    lignes.sort_by_key(|i| {
        (
            i.statut != StatutInvitation::Acceptee.as_str(),
            std::cmp::Reverse(i.arrive_le),
        )
    });
    let mut postes = decrire_postes(db, lignes.iter().map(|i| i.coordinateur_id)).await?;
    lignes
        .into_iter()
        .map(|invitation| {
            let poste = postes.remove(&invitation.coordinateur_id).unwrap_or_default();
            Ok(MonEquipe {
                statut: statut(&invitation)?,
                coordinateur: poste.coordinateur,
                porteuse: poste.porteuse,
                departement_code: poste.departement_code,
                invitation,
            })
        })
        .collect()
}

/// The calling médiateur leaves one of its teams (the coordinator is told).
pub async fn quitter(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    motif: &str,
    aujourd_hui: NaiveDate,
) -> Result<invitation::Model, AppError> {
    acteur.exiger(Role::Mediateur)?;
    let membre = invitation::Entity::find_by_id(id)
        .filter(invitation::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Équipe introuvable.".to_owned()))?;
    let partie = clore(db, membre, motif, aujourd_hui).await?;
    let titre = format!("{} {} a quitté votre équipe", acteur.prenom, acteur.nom);
    let message = if partie.motif_depart.is_empty() {
        titre.clone()
    } else {
        format!("{titre} : « {} »", partie.motif_depart)
    };
    dire_au_coordinateur(db, partie.coordinateur_id, &titre, &message).await?;
    Ok(partie)
}

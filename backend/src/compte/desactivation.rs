//! ANCT deactivates the account of a person who left the programme (an agent who changed post, a
//! structure's former employee): the account keeps its history and roles, but nobody logs in with it any
//! more, by password, link or ProConnect, and its sessions end at once. ANCT reactivates it the same way.

use chrono::Utc;
use maillage_shared::role::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::acteur::Acteur;
use super::entity::{session, utilisateur};
use crate::error::AppError;

/// Deactivates the account `utilisateur_id` and ends its sessions (ANCT; not its own account).
pub async fn desactiver(
    db: &impl ConnectionTrait,
    auteur: &Acteur,
    utilisateur_id: i64,
) -> Result<(), AppError> {
    auteur.exiger(Role::Anct)?;
    if utilisateur_id == auteur.utilisateur_id {
        return Err(AppError::InvalidInput(
            "Vous ne pouvez pas désactiver votre propre compte.".to_owned(),
        ));
    }
    trouver(db, utilisateur_id).await?;
    utilisateur::Entity::update_many()
        .col_expr(utilisateur::Column::DesactiveLe, Expr::value(Utc::now()))
        .filter(utilisateur::Column::Id.eq(utilisateur_id))
        .filter(utilisateur::Column::DesactiveLe.is_null())
        .exec(db)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UtilisateurId.eq(utilisateur_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Reactivates the account `utilisateur_id` (ANCT): its owner logs in again as before.
pub async fn reactiver(
    db: &impl ConnectionTrait,
    auteur: &Acteur,
    utilisateur_id: i64,
) -> Result<(), AppError> {
    auteur.exiger(Role::Anct)?;
    trouver(db, utilisateur_id).await?;
    utilisateur::Entity::update_many()
        .col_expr(
            utilisateur::Column::DesactiveLe,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(utilisateur::Column::Id.eq(utilisateur_id))
        .exec(db)
        .await?;
    Ok(())
}

async fn trouver(db: &impl ConnectionTrait, utilisateur_id: i64) -> Result<utilisateur::Model, AppError> {
    utilisateur::Entity::find_by_id(utilisateur_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Ce compte n’existe pas.".to_owned()))
}

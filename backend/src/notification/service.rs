//! Telling people what happened: an in-app notification and an email in the outbox, written in the same
//! transaction as the change they announce.

use chrono::Utc;
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::entity::{email_sortant, notification};
use crate::compte::entity::{role_utilisateur, utilisateur};
use crate::error::AppError;

/// The people holding `role` within a scope (a structure, a département, a région; none for ANCT).
pub async fn titulaires(
    db: &impl ConnectionTrait,
    role: Role,
    structure_id: Option<i64>,
    departement_code: Option<&str>,
    region_code: Option<&str>,
) -> Result<Vec<utilisateur::Model>, AppError> {
    let mut roles = role_utilisateur::Entity::find().filter(role_utilisateur::Column::Role.eq(role.as_str()));
    if let Some(structure_id) = structure_id {
        roles = roles.filter(role_utilisateur::Column::StructureId.eq(structure_id));
    }
    if let Some(departement_code) = departement_code {
        roles = roles.filter(role_utilisateur::Column::DepartementCode.eq(departement_code));
    }
    if let Some(region_code) = region_code {
        roles = roles.filter(role_utilisateur::Column::RegionCode.eq(region_code));
    }
    let ids: Vec<i64> = roles
        .all(db)
        .await?
        .into_iter()
        .map(|role| role.utilisateur_id)
        .collect();
    Ok(utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(ids))
        .all(db)
        .await?)
}

/// Notifies each person in the app and queues an email to each.
pub async fn notifier(
    db: &impl ConnectionTrait,
    destinataires: &[utilisateur::Model],
    titre: &str,
    message: &str,
    lien: &str,
) -> Result<(), AppError> {
    if destinataires.is_empty() {
        return Ok(());
    }
    let maintenant = Utc::now();
    notification::Entity::insert_many(destinataires.iter().map(|personne| notification::ActiveModel {
        id: NotSet,
        utilisateur_id: Set(personne.id),
        titre: Set(titre.to_owned()),
        message: Set(message.to_owned()),
        lien: Set(lien.to_owned()),
        lue: Set(false),
        cree_le: Set(maintenant),
    }))
    .exec_without_returning(db)
    .await?;
    email_sortant::Entity::insert_many(destinataires.iter().map(|personne| {
        a_envoyer(
            &personne.email,
            titre,
            &format!(
                "Bonjour {},\n\n{message}\n\nRetrouvez le détail dans Maillage : {}\n\n{SIGNATURE}",
                personne.prenom,
                lien_absolu(lien)
            ),
        )
    }))
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Where people reach the app, set once at start-up from `email.adresse_publique` (configuration, the same
/// on every instance; not state).
static ADRESSE_PUBLIQUE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the start of the links in emails; the first call wins (tests start several apps in one process,
/// all with the same setting).
pub fn definir_adresse_publique(adresse: &str) {
    let _ = ADRESSE_PUBLIQUE.set(adresse.trim_end_matches('/').to_owned());
}

/// A path of the app as a link a mail client can open.
pub fn lien_absolu(chemin: &str) -> String {
    let adresse = ADRESSE_PUBLIQUE
        .get()
        .map_or("http://localhost:8080", String::as_str);
    format!("{adresse}{chemin}")
}

/// The last line of every email.
const SIGNATURE: &str = "— Maillage, programme Conseiller numérique coordinateur (ANCT)\n";

fn a_envoyer(destinataire: &str, titre: &str, corps: &str) -> email_sortant::ActiveModel {
    let maintenant = Utc::now();
    email_sortant::ActiveModel {
        id: NotSet,
        destinataire: Set(destinataire.to_owned()),
        sujet: Set(format!("[Maillage] {titre}")),
        corps: Set(corps.to_owned()),
        cree_le: Set(maintenant),
        envoye_le: Set(None),
        tentatives: Set(0),
        prochaine_tentative: Set(maintenant),
        derniere_erreur: Set(None),
    }
}

/// Queues an email to an address that may have no account yet (an invitation), signed as the others.
pub async fn ecrire_a(
    db: &impl ConnectionTrait,
    destinataire: &str,
    titre: &str,
    corps: &str,
) -> Result<(), AppError> {
    email_sortant::Entity::insert(a_envoyer(destinataire, titre, &format!("{corps}\n\n{SIGNATURE}")))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A person's latest notifications, newest first.
pub async fn de(
    db: &impl ConnectionTrait,
    utilisateur_id: i64,
    premiers: u64,
) -> Result<Vec<notification::Model>, AppError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UtilisateurId.eq(utilisateur_id))
        .order_by_desc(notification::Column::Id)
        .limit(premiers)
        .all(db)
        .await?)
}

/// Marks one of the person's notifications as read; someone else's is `NOT_FOUND`.
pub async fn marquer_lue(db: &impl ConnectionTrait, utilisateur_id: i64, id: i64) -> Result<(), AppError> {
    let resultat = notification::Entity::update_many()
        .col_expr(notification::Column::Lue, sea_orm::sea_query::Expr::value(true))
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::UtilisateurId.eq(utilisateur_id))
        .exec(db)
        .await?;
    if resultat.rows_affected == 0 {
        return Err(AppError::Introuvable("Notification introuvable.".to_owned()));
    }
    Ok(())
}

//! The coordinator with its team: bilateral meetings with each conseiller and médiateur (the day, notes only
//! their author reads, the next step), and messages to the whole team or some of its members, each told in
//! the app and by email, ten messages a day per coordinator.

use std::collections::BTreeSet;

use chrono::{NaiveDate, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{entretien, message_equipe};
use crate::compte::acteur::Acteur;
use crate::compte::entity::utilisateur;
use crate::equipe::membres::{Membre, equipe};
use crate::error::AppError;
use crate::poste::perimetre::mon_poste;

/// Longest notes, next step and message.
pub const TEXTE_MAX: usize = 5_000;
/// Longest subject of a message.
pub const OBJET_MAX: usize = 200;
/// Messages a coordinator sends its team in a day: each one emails every recipient.
pub const MESSAGES_PAR_JOUR: usize = 10;

/// A bilateral meeting as the coordinator writes it.
#[derive(Debug, Clone)]
pub struct NouvelEntretien {
    pub personne_id: i64,
    pub date: NaiveDate,
    pub notes: String,
    pub prochaine_etape: String,
}

/// A meeting with the name of the person met.
#[derive(Debug, Clone)]
pub struct EntretienLu {
    pub entretien: entretien::Model,
    pub personne: String,
}

fn borner(quoi: &str, texte: &str, max: usize) -> Result<(), AppError> {
    let longueur = texte.trim().chars().count();
    if longueur > max {
        return Err(AppError::InvalidInput(format!(
            "{quoi} compte {longueur} caractères : {max} au plus."
        )));
    }
    Ok(())
}

/// The member of the caller's team today with this account.
async fn membre(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    personne_id: i64,
    aujourd_hui: NaiveDate,
) -> Result<Membre, AppError> {
    equipe(db, acteur, aujourd_hui)
        .await?
        .into_iter()
        .find(|m| m.personne.id == personne_id)
        .ok_or_else(|| AppError::Introuvable("Cette personne n’est pas dans votre équipe.".to_owned()))
}

/// Records a bilateral meeting with a member of the caller's team, within the past year or planned for
/// the next one.
pub async fn enregistrer_entretien(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    nouvel: &NouvelEntretien,
    aujourd_hui: NaiveDate,
) -> Result<EntretienLu, AppError> {
    let (poste, _) = mon_poste(db, acteur).await?;
    let membre = membre(db, acteur, nouvel.personne_id, aujourd_hui).await?;
    borner("Les notes", &nouvel.notes, TEXTE_MAX)?;
    borner("La prochaine étape", &nouvel.prochaine_etape, TEXTE_MAX)?;
    if (nouvel.date - aujourd_hui).num_days().abs() > 366 {
        return Err(AppError::InvalidInput(
            "La date de l’entretien est dans l’année écoulée ou dans l’année à venir.".to_owned(),
        ));
    }
    let entretien = entretien::ActiveModel {
        id: NotSet,
        coordinateur_id: Set(poste.id),
        auteur_id: Set(acteur.utilisateur_id),
        personne_id: Set(membre.personne.id),
        date: Set(nouvel.date),
        notes: Set(nouvel.notes.trim().to_owned()),
        prochaine_etape: Set(nouvel.prochaine_etape.trim().to_owned()),
        cree_le: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(EntretienLu {
        entretien,
        personne: format!("{} {}", membre.personne.prenom, membre.personne.nom),
    })
}

/// The caller's own bilateral meetings, newest first (another coordinator's notes are never read).
pub async fn mes_entretiens(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<Vec<EntretienLu>, AppError> {
    mon_poste(db, acteur).await?;
    let entretiens = entretien::Entity::find()
        .filter(entretien::Column::AuteurId.eq(acteur.utilisateur_id))
        .order_by_desc(entretien::Column::Date)
        .order_by_desc(entretien::Column::Id)
        .all(db)
        .await?;
    let personnes = utilisateur::Entity::find()
        .filter(utilisateur::Column::Id.is_in(entretiens.iter().map(|e| e.personne_id)))
        .all(db)
        .await?;
    Ok(entretiens
        .into_iter()
        .map(|entretien| {
            let personne = personnes
                .iter()
                .find(|p| p.id == entretien.personne_id)
                .map(|p| format!("{} {}", p.prenom, p.nom))
                .unwrap_or_default();
            EntretienLu { entretien, personne }
        })
        .collect())
}

/// Sends a message to the whole team (`destinataires` empty) or to these members of it; each is told in
/// the app and by email.
pub async fn envoyer_message(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    objet: &str,
    texte: &str,
    destinataires: &[i64],
    aujourd_hui: NaiveDate,
) -> Result<message_equipe::Model, AppError> {
    let (poste, _) = mon_poste(db, acteur).await?;
    let (objet, texte) = (objet.trim(), texte.trim());
    if objet.is_empty() || texte.is_empty() {
        return Err(AppError::InvalidInput(
            "Le message a un objet et un texte.".to_owned(),
        ));
    }
    borner("L’objet", objet, OBJET_MAX)?;
    borner("Le message", texte, TEXTE_MAX)?;
    let equipe = equipe(db, acteur, aujourd_hui).await?;
    let choisis: BTreeSet<i64> = destinataires.iter().copied().collect();
    if let Some(intrus) = choisis
        .iter()
        .find(|id| !equipe.iter().any(|m| m.personne.id == **id))
    {
        return Err(AppError::Introuvable(format!(
            "La personne {intrus} n’est pas dans votre équipe."
        )));
    }
    let recus: Vec<utilisateur::Model> = equipe
        .into_iter()
        .filter(|m| choisis.is_empty() || choisis.contains(&m.personne.id))
        .filter(|m| m.personne.id != acteur.utilisateur_id)
        .map(|m| m.personne)
        .collect();
    if recus.is_empty() {
        return Err(AppError::InvalidInput(
            "Votre équipe ne compte encore personne à qui écrire.".to_owned(),
        ));
    }
    crate::journal::limiter(
        db,
        acteur,
        "envoyerMessageALEquipe",
        MESSAGES_PAR_JOUR,
        chrono::Duration::days(1),
    )
    .await?;
    crate::notification::service::notifier(
        db,
        &recus,
        &format!("Message de votre coordinateur : {objet}"),
        &format!("{} {} : {texte}", acteur.prenom, acteur.nom),
        "/notifications",
    )
    .await?;
    Ok(message_equipe::ActiveModel {
        id: NotSet,
        coordinateur_id: Set(poste.id),
        auteur_id: Set(Some(acteur.utilisateur_id)),
        objet: Set(objet.to_owned()),
        texte: Set(texte.to_owned()),
        destinataires: Set(i32::try_from(recus.len()).unwrap_or(i32::MAX)),
        envoye_le: Set(Utc::now()),
    }
    .insert(db)
    .await?)
}

/// The messages sent to the team of the caller's post, newest first.
pub async fn messages(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
) -> Result<Vec<message_equipe::Model>, AppError> {
    let (poste, _) = mon_poste(db, acteur).await?;
    Ok(message_equipe::Entity::find()
        .filter(message_equipe::Column::CoordinateurId.eq(poste.id))
        .order_by_desc(message_equipe::Column::EnvoyeLe)
        .order_by_desc(message_equipe::Column::Id)
        .all(db)
        .await?)
}

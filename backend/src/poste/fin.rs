//! The end of a coordinator post before its term: the structure gives it back with its reason and the day
//! it ends; ANCT withdraws a post nobody was recruited for by the deadline, after notifying the structure
//! and letting the notice run. Either way the coordinators still in post leave it that day, the instalments
//! still to pay are cancelled, the post takes no recruitment any more, and the other parties are told.

use chrono::NaiveDate;
use maillage_shared::candidature::{Commentaire, StatutCandidature};
use maillage_shared::format::jour_en_toutes_lettres;
use maillage_shared::poste::{preavis_possible, rendu_possible, retrait_possible, retrait_possible_le};
use maillage_shared::role::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entity::coordinateur;
use super::perimetre::candidature_validee;
use super::recrutement::postes_occupes;
use crate::candidature::acces;
use crate::candidature::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::notification::service as notification;

/// The structure gives its validated post back, ending on `le`.
pub async fn rendre(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    le: NaiveDate,
    motif: &str,
    aujourd_hui: NaiveDate,
) -> Result<candidature::Model, AppError> {
    let poste = candidature_validee(db, acteur, candidature_id).await?;
    let motif = Commentaire::parse(motif)?;
    let decide_le = poste.decide_le.unwrap_or(aujourd_hui);
    rendu_possible(poste.poste_clos_le, decide_le, le, aujourd_hui)?;
    clore(db, &poste, le, Role::Structure, &motif).await?;
    let structure = crate::structure::service::par_id(db, poste.structure_id).await?;
    let mut destinataires =
        notification::titulaires(db, Role::Prefecture, None, Some(&poste.departement_code), None).await?;
    destinataires.extend(notification::titulaires(db, Role::Anct, None, None, None).await?);
    notification::notifier(
        db,
        &destinataires,
        "Poste de coordinateur rendu",
        &format!(
            "{} rend son poste de conseiller numérique coordinateur à compter du {}. Motif : {}",
            structure.nom,
            jour_en_toutes_lettres(le),
            motif.as_str()
        ),
        &acces::lien(candidature_id),
    )
    .await?;
    acces::lire(db, acteur, candidature_id).await
}

/// A validated candidature whose post ANCT acts on, and whether someone holds or is recruited for it.
async fn poste_pour_anct(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
) -> Result<(candidature::Model, bool), AppError> {
    acteur.exiger(Role::Anct)?;
    let poste = acces::lire(db, acteur, candidature_id).await?;
    let statut = acces::statut(&poste);
    if statut != StatutCandidature::Validee {
        return Err(AppError::InvalidInput(format!(
            "La candidature est au statut « {} » : elle n’a pas créé de poste.",
            statut.libelle()
        )));
    }
    let pourvu = postes_occupes(db, candidature_id).await? > 0;
    Ok((poste, pourvu))
}

/// ANCT notifies the structure that its post, unfilled after the recruitment deadline, will be withdrawn
/// once the notice has run (`preavis_mois`) unless it recruits meanwhile.
pub async fn notifier_preavis(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    motif: &str,
    aujourd_hui: NaiveDate,
    preavis_mois: u32,
) -> Result<candidature::Model, AppError> {
    let (poste, pourvu) = poste_pour_anct(db, acteur, candidature_id).await?;
    let motif = Commentaire::parse(motif)?;
    let decide_le = poste.decide_le.unwrap_or(aujourd_hui);
    preavis_possible(
        poste.poste_clos_le,
        decide_le,
        pourvu,
        poste.preavis_retrait_le,
        aujourd_hui,
    )?;
    let resultat = candidature::Entity::update_many()
        .col_expr(candidature::Column::PreavisRetraitLe, Expr::value(aujourd_hui))
        .col_expr(
            candidature::Column::PreavisRetraitMotif,
            Expr::value(motif.as_str()),
        )
        .filter(candidature::Column::Id.eq(candidature_id))
        .filter(candidature::Column::PreavisRetraitLe.is_null())
        .exec(db)
        .await?;
    if resultat.rows_affected != 1 {
        return Err(maillage_shared::poste::FinRefusee::PreavisDejaNotifie(aujourd_hui).into());
    }
    let destinataires = structure_et_prefecture(db, &poste).await?;
    notification::notifier(
        db,
        &destinataires,
        "Préavis de retrait du poste de coordinateur",
        &format!(
            "Aucun coordinateur n’a été recruté dans le délai de six mois. Sans recrutement d’ici le {}, \
             l’ANCT retirera le poste. Motif : {}",
            jour_en_toutes_lettres(retrait_possible_le(aujourd_hui, preavis_mois)),
            motif.as_str()
        ),
        &acces::lien(candidature_id),
    )
    .await?;
    acces::lire(db, acteur, candidature_id).await
}

/// ANCT withdraws the post once the notice has run with nobody recruited.
pub async fn retirer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    motif: &str,
    aujourd_hui: NaiveDate,
    preavis_mois: u32,
) -> Result<candidature::Model, AppError> {
    let (poste, pourvu) = poste_pour_anct(db, acteur, candidature_id).await?;
    let motif = Commentaire::parse(motif)?;
    retrait_possible(
        poste.poste_clos_le,
        pourvu,
        poste.preavis_retrait_le,
        preavis_mois,
        aujourd_hui,
    )?;
    clore(db, &poste, aujourd_hui, Role::Anct, &motif).await?;
    let destinataires = structure_et_prefecture(db, &poste).await?;
    notification::notifier(
        db,
        &destinataires,
        "Poste de coordinateur retiré",
        &format!(
            "L’ANCT a retiré le poste de conseiller numérique coordinateur, resté sans recrutement après le \
             préavis. Motif : {}",
            motif.as_str()
        ),
        &acces::lien(candidature_id),
    )
    .await?;
    acces::lire(db, acteur, candidature_id).await
}

/// The people told of ANCT's moves on a post: its structure's accounts and the préfecture's agents.
async fn structure_et_prefecture(
    db: &impl ConnectionTrait,
    poste: &candidature::Model,
) -> Result<Vec<crate::compte::entity::utilisateur::Model>, AppError> {
    let mut personnes =
        notification::titulaires(db, Role::Structure, Some(poste.structure_id), None, None).await?;
    personnes.extend(
        notification::titulaires(db, Role::Prefecture, None, Some(&poste.departement_code), None).await?,
    );
    Ok(personnes)
}

/// Ends the post on `le` if it is still open (two requests at once cannot both end it), and the stay of
/// the coordinators still in post.
async fn clore(
    db: &impl ConnectionTrait,
    poste: &candidature::Model,
    le: NaiveDate,
    par: Role,
    motif: &Commentaire,
) -> Result<(), AppError> {
    let resultat = candidature::Entity::update_many()
        .col_expr(candidature::Column::PosteClosLe, Expr::value(le))
        .col_expr(candidature::Column::PosteClosPar, Expr::value(par.as_str()))
        .col_expr(candidature::Column::PosteClosMotif, Expr::value(motif.as_str()))
        .col_expr(candidature::Column::ModifieLe, Expr::value(chrono::Utc::now()))
        .filter(candidature::Column::Id.eq(poste.id))
        .filter(candidature::Column::PosteClosLe.is_null())
        .exec(db)
        .await?;
    if resultat.rows_affected != 1 {
        return Err(maillage_shared::poste::FinRefusee::DejaClos(le).into());
    }
    coordinateur::Entity::update_many()
        .col_expr(coordinateur::Column::PartiLe, Expr::value(le))
        .filter(coordinateur::Column::CandidatureId.eq(poste.id))
        .filter(coordinateur::Column::PartiLe.is_null())
        .exec(db)
        .await?;
    super::conventionnement::annuler_les_versements_a_venir(db, poste.id).await
}

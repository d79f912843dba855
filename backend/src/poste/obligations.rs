//! The coordinator's obligations as declared, and the recruitment deadlines with their reminders.

use chrono::NaiveDate;
use maillage_shared::candidature::{StatutCandidature, echeance_recrutement, en_retard};
use maillage_shared::poste::Obligations;
use maillage_shared::role::Role;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::entity::coordinateur;
use crate::candidature::acces;
use crate::candidature::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::notification::service as notification;

/// Records a coordinator's obligations (the structure employing them, or ANCT).
pub async fn enregistrer_obligations(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    coordinateur_id: i64,
    obligations: &Obligations,
) -> Result<coordinateur::Model, AppError> {
    let actuel = coordinateur::Entity::find_by_id(coordinateur_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Coordinateur introuvable.".to_owned()))?;
    let poste = acces::lire(db, acteur, actuel.candidature_id).await?;
    let role = acteur.role()?;
    let autorise = match role.role {
        Role::Anct => true,
        Role::Structure => role.structure_id == Some(poste.structure_id),
        _ => false,
    };
    if !autorise {
        return Err(AppError::Interdit(
            "Seuls la structure employeuse et l’ANCT renseignent les obligations.".to_owned(),
        ));
    }
    let annees: Vec<String> = obligations
        .formations_continues
        .iter()
        .map(i32::to_string)
        .collect();
    Ok(coordinateur::ActiveModel {
        id: Set(actuel.id),
        temps_plein: Set(obligations.temps_plein),
        formation_initiale_le: Set(obligations.formation_initiale_le),
        formations_continues: Set(annees.join(",")),
        pix_demande: Set(obligations.pix_demande),
        pix_obtenu: Set(obligations.pix_obtenu),
        ccp1_demande: Set(obligations.ccp1_demande),
        ccp1_obtenu: Set(obligations.ccp1_obtenu),
        ..Default::default()
    }
    .update(db)
    .await?)
}

/// The obligations as stored.
pub fn obligations(row: &coordinateur::Model) -> Obligations {
    Obligations {
        temps_plein: row.temps_plein,
        formation_initiale_le: row.formation_initiale_le,
        formations_continues: row
            .formations_continues
            .split(',')
            .filter_map(|a| a.trim().parse().ok())
            .collect(),
        pix_demande: row.pix_demande,
        pix_obtenu: row.pix_obtenu,
        ccp1_demande: row.ccp1_demande,
        ccp1_obtenu: row.ccp1_obtenu,
    }
}

/// The recruitment deadline of a validated candidature and whether it is overdue (no coordinator in post
/// six months after notification); `None` before a validation.
pub fn retard(poste: &candidature::Model, pourvu: bool, aujourd_hui: NaiveDate) -> Option<(NaiveDate, bool)> {
    let notifiee = poste.decide_le.filter(|_| poste.decision_validee == Some(true))?;
    let echeance = echeance_recrutement(notifiee);
    // A post that ended awaits no recruitment.
    let ouvert = poste.poste_clos_le.is_none();
    Some((echeance, ouvert && !pourvu && en_retard(echeance, aujourd_hui)))
}

/// Sends the five-month reminder to the structures of validated posts still without a coordinator, and to
/// their préfecture; each post is reminded once, even with several instances running this job (the
/// conditional update decides who sends). Returns how many posts were reminded.
pub async fn rappeler_recrutements(
    db: &impl ConnectionTrait,
    aujourd_hui: NaiveDate,
) -> Result<usize, AppError> {
    // Notified on or before this day: five months have passed.
    let limite = aujourd_hui
        .checked_sub_months(chrono::Months::new(5))
        .unwrap_or(NaiveDate::MIN);
    let candidates = candidature::Entity::find()
        .filter(candidature::Column::Statut.eq(StatutCandidature::Validee.as_str()))
        .filter(candidature::Column::DecideLe.lte(limite))
        .filter(candidature::Column::RappelRecrutementLe.is_null())
        .filter(candidature::Column::PosteClosLe.is_null())
        .all(db)
        .await?;
    let mut rappeles = 0;
    for poste in candidates {
        if coordinateur::Entity::find()
            .filter(coordinateur::Column::CandidatureId.eq(poste.id))
            .count(db)
            .await?
            > 0
        {
            continue;
        }
        let reclame = candidature::Entity::update_many()
            .col_expr(candidature::Column::RappelRecrutementLe, Expr::value(aujourd_hui))
            .filter(candidature::Column::Id.eq(poste.id))
            .filter(candidature::Column::RappelRecrutementLe.is_null())
            .exec(db)
            .await?;
        if reclame.rows_affected != 1 {
            continue;
        }
        let echeance = poste.decide_le.map(echeance_recrutement).unwrap_or(aujourd_hui);
        let message = format!(
            "Le poste de conseiller numérique coordinateur validé n’est pas encore pourvu : le recrutement doit \
             intervenir avant le {}.",
            echeance.format("%d/%m/%Y")
        );
        let mut destinataires =
            notification::titulaires(db, Role::Structure, Some(poste.structure_id), None, None).await?;
        destinataires.extend(
            notification::titulaires(db, Role::Prefecture, None, Some(&poste.departement_code), None).await?,
        );
        notification::notifier(
            db,
            &destinataires,
            "Recrutement à finaliser",
            &message,
            &format!("/candidatures/{}", poste.id),
        )
        .await?;
        rappeles += 1;
    }
    Ok(rappeles)
}

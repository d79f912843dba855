//! Instruction: filing while the call is open, the préfecture's avis, ANCT's decision and its deadline, the
//! history of each step.

use chrono::{NaiveDate, Utc};
use maillage_shared::candidature::{
    Action, Commentaire, PeriodeAppel, StatutCandidature, TransitionRefusee, decision_sans_avis_des_le,
    echeance_decision, en_retard, transition,
};
use maillage_shared::role::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::acces::{formulaire, lien, lire, statut};
use super::brouillon::{epcis_du_perimetre, historiser, structure_de};
use super::consultations::{consultations, structures_a_consulter};
use super::entity::{appel, candidature, historique_candidature};
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::notification::service as notification;
use crate::structure::service as structures;

/// Moves the row from `de` to `vers` only if it is still in `de`: two agents acting at once cannot both
/// succeed. `colonnes` are written in the same statement.
async fn changer_statut(
    db: &impl ConnectionTrait,
    id: i64,
    de: StatutCandidature,
    vers: StatutCandidature,
    colonnes: Vec<(candidature::Column, sea_orm::Value)>,
    action: Action,
) -> Result<(), AppError> {
    let mut update = candidature::Entity::update_many()
        .col_expr(candidature::Column::Statut, Expr::value(vers.as_str()))
        .col_expr(candidature::Column::ModifieLe, Expr::value(Utc::now()));
    for (colonne, valeur) in colonnes {
        update = update.col_expr(colonne, Expr::value(valeur));
    }
    let resultat = update
        .filter(candidature::Column::Id.eq(id))
        .filter(candidature::Column::Statut.eq(de.as_str()))
        .exec(db)
        .await?;
    if resultat.rows_affected != 1 {
        return Err(maillage_shared::candidature::TransitionRefusee::Etat { action, statut: vers }.into());
    }
    // The counts by status of its département, in the same transaction.
    if let Some(candidature) = candidature::Entity::find_by_id(id).one(db).await? {
        let zone = crate::territoire::etendue::Etendue::Departement(candidature.departement_code);
        crate::territoire::etendue::figures_modifiees(db, &zone).await?;
    }
    Ok(())
}

/// Files the draft: the structure must be eligible, the call open, the form complete and every employer of
/// conseillers numériques of the perimeter consulted.
pub async fn deposer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    aujourd_hui: NaiveDate,
) -> Result<candidature::Model, AppError> {
    let row = lire(db, acteur, id).await?;
    structure_de(acteur, &row)?;
    let de = statut(&row);
    let vers = transition(de, Action::Deposer, Role::Structure)?;
    let structure = structures::par_id(db, row.structure_id).await?;
    structures::eligibilite(&structure)?;
    let appel = appel::Entity::find_by_id(row.appel_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("appel {} absent", row.appel_id)))?;
    if !(PeriodeAppel {
        ouverture: appel.ouverture,
        cloture: appel.cloture,
    })
    .est_ouvert(aujourd_hui)
    {
        return Err(AppError::AppelClos(appel.nom));
    }
    let manquants = formulaire(&row, epcis_du_perimetre(db, id).await?).champs_manquants();
    if !manquants.is_empty() {
        return Err(AppError::FormulaireIncomplet(manquants));
    }
    if row.montant_subvention.is_none() {
        return Err(AppError::InvalidInput(
            "Le type de contrat choisi n’ouvre pas droit à la subvention pour votre structure : changez-le."
                .to_owned(),
        ));
    }
    let consultees: Vec<i64> = consultations(db, id)
        .await?
        .into_iter()
        .map(|c| c.structure_id)
        .collect();
    let manquantes: Vec<String> = structures_a_consulter(db, &row)
        .await?
        .into_iter()
        .filter(|s| !consultees.contains(&s.id))
        .map(|s| s.nom)
        .collect();
    if !manquantes.is_empty() {
        return Err(AppError::ConsultationManquante(manquantes));
    }
    let pieces = super::dossier::manquantes(db, &row).await?;
    if !pieces.is_empty() {
        return Err(AppError::PiecesManquantes(pieces));
    }
    changer_statut(
        db,
        id,
        de,
        vers,
        vec![(candidature::Column::DeposeLe, aujourd_hui.into())],
        Action::Deposer,
    )
    .await?;
    historiser(db, acteur, Role::Structure, id, Some(de), vers, None).await?;
    let prefecture =
        notification::titulaires(db, Role::Prefecture, None, Some(&row.departement_code), None).await?;
    notification::notifier(
        db,
        &prefecture,
        "Nouvelle candidature à examiner",
        &format!(
            "{} a déposé une candidature pour un poste de conseiller numérique coordinateur. Donnez votre avis.",
            structure.nom
        ),
        &lien(id),
    )
    .await?;
    let porteurs = notification::titulaires(db, Role::Structure, Some(structure.id), None, None).await?;
    notification::notifier(
        db,
        &porteurs,
        "Candidature déposée",
        &format!(
            "Votre candidature a été déposée le {}. L’ANCT rendra sa décision au plus tard le {}.",
            aujourd_hui.format("%d/%m/%Y"),
            echeance_decision(aujourd_hui).format("%d/%m/%Y")
        ),
        &lien(id),
    )
    .await?;
    lire(db, acteur, id).await
}

/// The préfecture of the candidature's département gives its avis, with a comment of 10 to 1000 characters.
pub async fn donner_avis(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    favorable: bool,
    commentaire: &str,
) -> Result<candidature::Model, AppError> {
    let role = acteur.exiger(Role::Prefecture)?;
    let row = lire(db, acteur, id).await?;
    if role.departement_code.as_deref() != Some(row.departement_code.as_str()) {
        return Err(AppError::Interdit(
            "Cette candidature n’est pas dans votre département.".to_owned(),
        ));
    }
    let de = statut(&row);
    // A second avis changes the first, until ANCT decides.
    let action = if de == StatutCandidature::AvisRendu {
        Action::ModifierAvis
    } else {
        Action::DonnerAvis
    };
    let vers = transition(de, action, Role::Prefecture)?;
    let commentaire = Commentaire::parse(commentaire)?;
    changer_statut(
        db,
        id,
        de,
        vers,
        vec![
            (candidature::Column::AvisFavorable, favorable.into()),
            (candidature::Column::AvisCommentaire, commentaire.as_str().into()),
            (candidature::Column::AvisLe, Utc::now().into()),
        ],
        action,
    )
    .await?;
    historiser(
        db,
        acteur,
        Role::Prefecture,
        id,
        Some(de),
        vers,
        Some(commentaire.as_str()),
    )
    .await?;
    let structure = structures::par_id(db, row.structure_id).await?;
    let anct = notification::titulaires(db, Role::Anct, None, None, None).await?;
    let (titre, verbe) = match action {
        Action::ModifierAvis => ("Avis de la préfecture modifié", "modifié son avis, désormais"),
        _ => ("Avis de la préfecture rendu", "rendu un avis"),
    };
    notification::notifier(
        db,
        &anct,
        titre,
        &format!(
            "La préfecture ({}) a {verbe} {} sur la candidature de {}.",
            row.departement_code,
            if favorable { "favorable" } else { "défavorable" },
            structure.nom
        ),
        &lien(id),
    )
    .await?;
    lire(db, acteur, id).await
}

/// The SGAR of the candidature's région gives its consultative opinion, with a comment of 10 to 1000
/// characters, while the candidature is instructed; a second opinion replaces the first. The statut does
/// not move: ANCT reads it beside the préfecture's avis.
pub async fn donner_avis_sgar(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    favorable: bool,
    commentaire: &str,
) -> Result<candidature::Model, AppError> {
    let role = acteur.exiger(Role::Sgar)?;
    let row = lire(db, acteur, id).await?;
    if role.region_code.as_deref() != Some(row.region_code.as_str()) {
        return Err(AppError::Interdit(
            "Cette candidature n’est pas dans votre région.".to_owned(),
        ));
    }
    let de = statut(&row);
    if !de.en_instruction() {
        return Err(TransitionRefusee::Etat {
            action: Action::DonnerAvis,
            statut: de,
        }
        .into());
    }
    let commentaire = Commentaire::parse(commentaire)?;
    candidature::Entity::update_many()
        .col_expr(candidature::Column::AvisSgarFavorable, Expr::value(favorable))
        .col_expr(
            candidature::Column::AvisSgarCommentaire,
            Expr::value(commentaire.as_str()),
        )
        .col_expr(candidature::Column::AvisSgarLe, Expr::value(Utc::now()))
        .col_expr(
            candidature::Column::AvisSgarPar,
            Expr::value(acteur.utilisateur_id),
        )
        .filter(candidature::Column::Id.eq(id))
        .exec(db)
        .await?;
    historiser(
        db,
        acteur,
        Role::Sgar,
        id,
        Some(de),
        de,
        Some(commentaire.as_str()),
    )
    .await?;
    lire(db, acteur, id).await
}

/// ANCT validates or refuses, with its reason; the structure and the préfecture are notified. Without the
/// préfecture's avis only once `delai_avis_mois` months have passed since filing: the history then says the
/// decision was taken without avis.
pub async fn decider(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    validee: bool,
    motif: &str,
    aujourd_hui: NaiveDate,
    delai_avis_mois: u32,
) -> Result<candidature::Model, AppError> {
    acteur.exiger(Role::Anct)?;
    let row = lire(db, acteur, id).await?;
    let de = statut(&row);
    let action = if de == StatutCandidature::Deposee {
        let des_le = row
            .depose_le
            .map(|depose| decision_sans_avis_des_le(depose, delai_avis_mois));
        if des_le.is_none_or(|jour| aujourd_hui < jour) {
            return Err(AppError::Transition(TransitionRefusee::AvisAttendu {
                jusqu_au: des_le.unwrap_or(aujourd_hui),
            }));
        }
        Action::DeciderSansAvis { validee }
    } else {
        Action::Decider { validee }
    };
    let vers = transition(de, action, Role::Anct)?;
    let motif = Commentaire::parse(motif)?;
    changer_statut(
        db,
        id,
        de,
        vers,
        vec![
            (candidature::Column::DecisionValidee, validee.into()),
            (candidature::Column::DecisionMotif, motif.as_str().into()),
            (candidature::Column::DecideLe, aujourd_hui.into()),
        ],
        action,
    )
    .await?;
    let trace = match action {
        Action::DeciderSansAvis { .. } => format!(
            "Décision sans avis de la préfecture (pas d’avis {} mois après le dépôt). {}",
            delai_avis_mois,
            motif.as_str()
        ),
        _ => motif.as_str().to_owned(),
    };
    historiser(db, acteur, Role::Anct, id, Some(de), vers, Some(&trace)).await?;
    let structure = structures::par_id(db, row.structure_id).await?;
    let (titre, message) = if validee {
        (
            "Candidature validée",
            format!(
                "L’ANCT a validé la candidature de {} : subvention de {} € sur {} mois. Le recrutement doit \
                 intervenir dans les six mois. Motif : {}",
                structure.nom,
                maillage_shared::format::nombre(i64::from(row.montant_subvention.unwrap_or_default())),
                row.duree_mois.unwrap_or_default(),
                motif.as_str()
            ),
        )
    } else {
        (
            "Candidature refusée",
            format!(
                "L’ANCT a refusé la candidature de {}. Motif : {}",
                structure.nom,
                motif.as_str()
            ),
        )
    };
    let mut destinataires =
        notification::titulaires(db, Role::Structure, Some(structure.id), None, None).await?;
    destinataires.extend(
        notification::titulaires(db, Role::Prefecture, None, Some(&row.departement_code), None).await?,
    );
    notification::notifier(db, &destinataires, titre, &message, &lien(id)).await?;
    lire(db, acteur, id).await
}

/// Until the decision, ANCT closes the candidature without follow-up (« classée sans suite ») or the structure
/// withdraws it, each with its reason (10 to 1000 characters), kept in the history; the other parties are
/// notified. Refused in every other state.
pub async fn clore(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    action: Action,
    motif: &str,
) -> Result<candidature::Model, AppError> {
    let role = action.role_requis();
    let attribue = acteur.exiger(role)?;
    let row = lire(db, acteur, id).await?;
    if role == Role::Structure && attribue.structure_id != Some(row.structure_id) {
        return Err(AppError::Interdit(
            "Cette candidature n’est pas celle de votre structure.".to_owned(),
        ));
    }
    let de = statut(&row);
    let vers = transition(de, action, role)?;
    let motif = Commentaire::parse(motif)?;
    changer_statut(db, id, de, vers, Vec::new(), action).await?;
    historiser(db, acteur, role, id, Some(de), vers, Some(motif.as_str())).await?;
    let structure = structures::par_id(db, row.structure_id).await?;
    let mut destinataires =
        notification::titulaires(db, Role::Prefecture, None, Some(&row.departement_code), None).await?;
    let (titre, message) = if action == Action::Retirer {
        destinataires.extend(notification::titulaires(db, Role::Anct, None, None, None).await?);
        (
            "Candidature retirée",
            format!(
                "{} a retiré sa candidature. Motif : {}",
                structure.nom,
                motif.as_str()
            ),
        )
    } else {
        destinataires
            .extend(notification::titulaires(db, Role::Structure, Some(structure.id), None, None).await?);
        (
            "Candidature classée sans suite",
            format!(
                "L’ANCT a classé sans suite la candidature de {}. Motif : {}",
                structure.nom,
                motif.as_str()
            ),
        )
    };
    notification::notifier(db, &destinataires, titre, &message, &lien(id)).await?;
    lire(db, acteur, id).await
}

/// Whether the decision is overdue for a candidature in instruction.
pub fn decision_en_retard(row: &candidature::Model, aujourd_hui: NaiveDate) -> bool {
    statut(row).en_instruction()
        && row
            .depose_le
            .is_some_and(|depose| en_retard(echeance_decision(depose), aujourd_hui))
}

/// The history of a candidature, oldest first.
pub async fn historique(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Vec<historique_candidature::Model>, AppError> {
    Ok(historique_candidature::Entity::find()
        .filter(historique_candidature::Column::CandidatureId.eq(candidature_id))
        .order_by_asc(historique_candidature::Column::Id)
        .all(db)
        .await?)
}

//! The convention (or avenant) of a coordinator post, its signature and the schedule of its instalments
//! (the first funding in one payment the month after signature, the second year by year as configured),
//! each paid, suspended and resumed, or reclaimed once paid.

use chrono::NaiveDate;
use maillage_shared::candidature::CasDeFigure;
use maillage_shared::candidature::Commentaire;
use maillage_shared::format::mois_et_annee;
use maillage_shared::poste::{
    ActionVersement, EcheancierPerenne, StatutVersement, TypeActe, debut_financement, echeancier,
    fin_financement, mois_de_paiement, transition_versement, type_d_acte,
};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::entity::{conseiller, convention, coordinateur, versement};
use super::perimetre::candidature_validee;
use super::recrutement::coordinateurs;
use crate::candidature::acces;
use crate::candidature::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::notification::service as notification;

/// The convention of a post, if requested.
pub async fn convention_du_poste(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<Option<convention::Model>, AppError> {
    Ok(convention::Entity::find()
        .filter(convention::Column::CandidatureId.eq(candidature_id))
        .one(db)
        .await?)
}

/// The structure requests its convention (an avenant in substitution cases) once a coordinator is in post.
pub async fn demander_convention(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    candidature_id: i64,
    aujourd_hui: NaiveDate,
) -> Result<convention::Model, AppError> {
    let poste = candidature_validee(db, acteur, candidature_id).await?;
    let en_poste = coordinateur::Entity::find()
        .filter(coordinateur::Column::CandidatureId.eq(poste.id))
        .filter(coordinateur::Column::PartiLe.is_null())
        .count(db)
        .await?;
    if en_poste == 0 {
        return Err(AppError::InvalidInput(
            "La convention se demande une fois le coordinateur en poste.".to_owned(),
        ));
    }
    if convention_du_poste(db, poste.id).await?.is_some() {
        return Err(AppError::Conflit(
            "La convention de ce poste est déjà demandée.".to_owned(),
        ));
    }
    let cas = poste
        .cas
        .as_deref()
        .and_then(CasDeFigure::parse)
        .unwrap_or(CasDeFigure::B1);
    let demandee = convention::ActiveModel {
        id: NotSet,
        candidature_id: Set(poste.id),
        r#type: Set(type_d_acte(cas).as_str().to_owned()),
        montant: Set(poste.montant_subvention.unwrap_or(0)),
        demandee_le: Set(aujourd_hui),
        signee_le: Set(None),
        debut_financement: Set(None),
        fin_financement: Set(None),
    }
    .insert(db)
    .await?;
    let anct = notification::titulaires(db, Role::Anct, None, None, None).await?;
    notification::notifier(
        db,
        &anct,
        "Convention demandée",
        "Une structure demande la convention de son poste de coordinateur.",
        &format!("/candidatures/{}", poste.id),
    )
    .await?;
    Ok(demandee)
}

async fn convention_pour_anct(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    convention_id: i64,
) -> Result<(convention::Model, candidature::Model), AppError> {
    acteur.exiger(Role::Anct)?;
    let acte = convention::Entity::find_by_id(convention_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Convention introuvable.".to_owned()))?;
    let poste = acces::lire(db, acteur, acte.candidature_id).await?;
    Ok((acte, poste))
}

async fn prevenir_structure(
    db: &impl ConnectionTrait,
    poste: &candidature::Model,
    titre: &str,
    message: &str,
) -> Result<(), AppError> {
    let porteurs =
        notification::titulaires(db, Role::Structure, Some(poste.structure_id), None, None).await?;
    notification::notifier(
        db,
        &porteurs,
        titre,
        message,
        &format!("/candidatures/{}", poste.id),
    )
    .await
}

/// ANCT records the signature (on behalf of the Banque des Territoires): the funding period and the
/// instalments' schedule follow from the rules and `perenne` (the second funding's amounts).
pub async fn signer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    convention_id: i64,
    signee_le: NaiveDate,
    aujourd_hui: NaiveDate,
    perenne: &EcheancierPerenne,
) -> Result<convention::Model, AppError> {
    let (acte, poste) = convention_pour_anct(db, acteur, convention_id).await?;
    if acte.signee_le.is_some() {
        return Err(AppError::Conflit("Cette convention est déjà signée.".to_owned()));
    }
    if signee_le > aujourd_hui || signee_le < acte.demandee_le {
        return Err(AppError::InvalidInput(
            "La date de signature doit être entre la demande et aujourd’hui.".to_owned(),
        ));
    }
    let type_acte = TypeActe::parse(&acte.r#type).unwrap_or(TypeActe::Convention);
    // For an avenant, the initial funding that ends first is that of the conseiller who became coordinator.
    let fin_initiale = match coordinateurs(db, poste.id)
        .await?
        .into_iter()
        .find_map(|c| c.conseiller_id)
    {
        Some(conseiller_id) => conseiller::Entity::find_by_id(conseiller_id)
            .one(db)
            .await?
            .and_then(|c| c.fin_financement_initial),
        None => None,
    };
    let debut = debut_financement(type_acte, signee_le, fin_initiale);
    let duree = u32::try_from(poste.duree_mois.unwrap_or(24)).unwrap_or(24);
    let fin = fin_financement(debut, duree);
    let signee = convention::ActiveModel {
        id: Set(acte.id),
        signee_le: Set(Some(signee_le)),
        debut_financement: Set(Some(debut)),
        fin_financement: Set(Some(fin)),
        ..Default::default()
    }
    .update(db)
    .await?;
    let maintenant = chrono::Utc::now();
    let montant = u32::try_from(signee.montant).unwrap_or(0);
    versement::Entity::insert_many(echeancier(montant, signee_le, fin, perenne).into_iter().map(
        |echeance| versement::ActiveModel {
            id: NotSet,
            convention_id: Set(signee.id),
            financement: Set(echeance.financement.as_str().to_owned()),
            rang: Set(i32::try_from(echeance.rang).unwrap_or(i32::MAX)),
            montant: Set(i32::try_from(echeance.montant_euros).unwrap_or(i32::MAX)),
            prevu_le: Set(echeance.prevu_le),
            statut: Set(StatutVersement::Prevu.as_str().to_owned()),
            paye_le: Set(None),
            motif: Set(None),
            modifie_le: Set(maintenant),
        },
    ))
    .exec_without_returning(db)
    .await?;
    prevenir_structure(
        db,
        &poste,
        "Convention signée",
        &format!(
            "Votre convention est signée : la subvention de {} € sera versée en {}.",
            maillage_shared::format::nombre(i64::from(signee.montant)),
            mois_et_annee(mois_de_paiement(signee_le))
        ),
    )
    .await?;
    Ok(signee)
}

/// The instalments of a convention, in the order they are due.
pub async fn versements(
    db: &impl ConnectionTrait,
    convention_id: i64,
) -> Result<Vec<versement::Model>, AppError> {
    Ok(versement::Entity::find()
        .filter(versement::Column::ConventionId.eq(convention_id))
        .order_by_asc(versement::Column::PrevuLe)
        .order_by_asc(versement::Column::Id)
        .all(db)
        .await?)
}

/// What ANCT does to an instalment, with what it needs.
#[derive(Debug, Clone)]
pub enum Geste {
    /// Paid on this day (from the signature to today).
    Payer(NaiveDate),
    /// Held back, with the reason the structure reads.
    Suspendre(String),
    Reprendre,
    /// Reclaimed, with the reason the structure reads.
    Reclamer(String),
}

/// ANCT moves an instalment on (paid, suspended, resumed, reclaimed) if its state allows it; only if it is
/// still in that state (two agents at once cannot both succeed); the structure is told.
pub async fn agir_sur_versement(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    versement_id: i64,
    geste: Geste,
    aujourd_hui: NaiveDate,
) -> Result<versement::Model, AppError> {
    let ligne = versement::Entity::find_by_id(versement_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Versement introuvable.".to_owned()))?;
    let (acte, poste) = convention_pour_anct(db, acteur, ligne.convention_id).await?;
    let de = StatutVersement::parse(&ligne.statut).unwrap_or(StatutVersement::Annule);
    let (action, paye_le, motif) = match &geste {
        Geste::Payer(le) => (ActionVersement::Payer, Some(*le), None),
        Geste::Suspendre(motif) => (ActionVersement::Suspendre, ligne.paye_le, Some(motif.as_str())),
        Geste::Reprendre => (ActionVersement::Reprendre, None, None),
        Geste::Reclamer(motif) => (ActionVersement::Reclamer, ligne.paye_le, Some(motif.as_str())),
    };
    let vers = transition_versement(de, action)?;
    let motif = motif.map(Commentaire::parse).transpose()?;
    if let Geste::Payer(le) = geste
        && (acte.signee_le.is_none_or(|signee| le < signee) || le > aujourd_hui)
    {
        return Err(AppError::InvalidInput(
            "La date de paiement doit être entre la signature et aujourd’hui.".to_owned(),
        ));
    }
    let resultat = versement::Entity::update_many()
        .col_expr(versement::Column::Statut, Expr::value(vers.as_str()))
        .col_expr(versement::Column::PayeLe, Expr::value(paye_le))
        .col_expr(
            versement::Column::Motif,
            Expr::value(motif.as_ref().map(|m| m.as_str().to_owned())),
        )
        .col_expr(versement::Column::ModifieLe, Expr::value(chrono::Utc::now()))
        .filter(versement::Column::Id.eq(ligne.id))
        .filter(versement::Column::Statut.eq(de.as_str()))
        .exec(db)
        .await?;
    if resultat.rows_affected != 1 {
        return Err(maillage_shared::poste::VersementRefuse { action, statut: vers }.into());
    }
    let montant = maillage_shared::format::nombre(i64::from(ligne.montant));
    let mois = mois_et_annee(ligne.prevu_le);
    let (titre, message) = match (&geste, &motif) {
        (Geste::Payer(_), _) => (
            "Subvention versée",
            format!("Le versement de {montant} € prévu en {mois} a été payé."),
        ),
        (Geste::Suspendre(_), Some(motif)) => (
            "Versement suspendu",
            format!(
                "L’ANCT suspend le versement de {montant} € prévu en {mois}. Motif : {}",
                motif.as_str()
            ),
        ),
        (Geste::Reprendre, _) => (
            "Versement repris",
            format!("Le versement de {montant} € prévu en {mois} n’est plus suspendu."),
        ),
        (_, motif) => (
            "Remboursement demandé",
            format!(
                "L’ANCT demande le remboursement du versement de {montant} € de {mois}. Motif : {}",
                motif.as_ref().map_or("", |m| m.as_str())
            ),
        ),
    };
    prevenir_structure(db, &poste, titre, &message).await?;
    versement::Entity::find_by_id(ligne.id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Versement introuvable.".to_owned()))
}

/// The instalments still to pay of a post that ended are cancelled.
pub async fn annuler_les_versements_a_venir(
    db: &impl ConnectionTrait,
    candidature_id: i64,
) -> Result<(), AppError> {
    let Some(acte) = convention_du_poste(db, candidature_id).await? else {
        return Ok(());
    };
    versement::Entity::update_many()
        .col_expr(
            versement::Column::Statut,
            Expr::value(StatutVersement::Annule.as_str()),
        )
        .col_expr(versement::Column::ModifieLe, Expr::value(chrono::Utc::now()))
        .filter(versement::Column::ConventionId.eq(acte.id))
        .filter(versement::Column::Statut.is_in([
            StatutVersement::Prevu.as_str(),
            StatutVersement::Suspendu.as_str(),
        ]))
        .exec(db)
        .await?;
    Ok(())
}

//! The convention (or avenant) of a coordinator post, its signature, its payment in full the month after
//! signature, and the sanctions when obligations are not met.

use chrono::NaiveDate;
use maillage_shared::candidature::CasDeFigure;
use maillage_shared::format::mois_et_annee;
use maillage_shared::poste::{TypeActe, debut_financement, fin_financement, mois_de_paiement, type_d_acte};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::entity::{conseiller, convention, coordinateur};
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
        paiement_prevu: Set(None),
        paye_le: Set(None),
        suspendu_le: Set(None),
        motif_suspension: Set(None),
        remboursement_demande_le: Set(None),
        motif_remboursement: Set(None),
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
/// payment month follow from the rules.
pub async fn signer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    convention_id: i64,
    signee_le: NaiveDate,
    aujourd_hui: NaiveDate,
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
    let signee = convention::ActiveModel {
        id: Set(acte.id),
        signee_le: Set(Some(signee_le)),
        debut_financement: Set(Some(debut)),
        fin_financement: Set(Some(fin_financement(debut, duree))),
        paiement_prevu: Set(Some(mois_de_paiement(signee_le))),
        ..Default::default()
    }
    .update(db)
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

/// ANCT records the payment of the whole subsidy.
pub async fn enregistrer_paiement(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    convention_id: i64,
    paye_le: NaiveDate,
    aujourd_hui: NaiveDate,
) -> Result<convention::Model, AppError> {
    let (acte, poste) = convention_pour_anct(db, acteur, convention_id).await?;
    let Some(signee_le) = acte.signee_le else {
        return Err(AppError::InvalidInput(
            "Une convention non signée ne peut pas être payée.".to_owned(),
        ));
    };
    if paye_le < signee_le || paye_le > aujourd_hui {
        return Err(AppError::InvalidInput(
            "La date de paiement doit être entre la signature et aujourd’hui.".to_owned(),
        ));
    }
    if acte.suspendu_le.is_some() {
        return Err(AppError::InvalidInput(
            "Le paiement de cette convention est suspendu.".to_owned(),
        ));
    }
    if acte.paye_le.is_some() {
        return Err(AppError::Conflit("Cette subvention est déjà payée.".to_owned()));
    }
    let payee = convention::ActiveModel {
        id: Set(acte.id),
        paye_le: Set(Some(paye_le)),
        ..Default::default()
    }
    .update(db)
    .await?;
    prevenir_structure(
        db,
        &poste,
        "Subvention versée",
        &format!(
            "La subvention de {} € a été versée.",
            maillage_shared::format::nombre(i64::from(payee.montant))
        ),
    )
    .await?;
    Ok(payee)
}

/// ANCT suspends the payment (obligations not met) or asks for reimbursement (coordinator used for other
/// missions), with the reason the structure sees.
pub async fn sanctionner(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    convention_id: i64,
    remboursement: bool,
    motif: &str,
    aujourd_hui: NaiveDate,
) -> Result<convention::Model, AppError> {
    let (acte, poste) = convention_pour_anct(db, acteur, convention_id).await?;
    let motif = maillage_shared::candidature::Commentaire::parse(motif)?;
    // A payment is suspended before it is made; once made, ANCT asks for the money back instead.
    let possible = if remboursement {
        acte.paye_le.is_some() && acte.remboursement_demande_le.is_none()
    } else {
        acte.signee_le.is_some() && acte.paye_le.is_none() && acte.suspendu_le.is_none()
    };
    if !possible {
        return Err(AppError::InvalidInput(
            if remboursement {
                "Un remboursement ne se demande qu’une fois, après le paiement."
            } else {
                "Un paiement se suspend une fois la convention signée et avant qu’il soit fait, une seule fois."
            }
            .to_owned(),
        ));
    }
    let mut modele = convention::ActiveModel {
        id: Set(acte.id),
        ..Default::default()
    };
    let titre = if remboursement {
        modele.remboursement_demande_le = Set(Some(aujourd_hui));
        modele.motif_remboursement = Set(Some(motif.as_str().to_owned()));
        "Remboursement demandé"
    } else {
        modele.suspendu_le = Set(Some(aujourd_hui));
        modele.motif_suspension = Set(Some(motif.as_str().to_owned()));
        "Paiement suspendu"
    };
    let modifiee = modele.update(db).await?;
    prevenir_structure(
        db,
        &poste,
        titre,
        &format!("{titre} par l’ANCT. Motif : {}", motif.as_str()),
    )
    .await?;
    Ok(modifiee)
}

//! Who reads which candidature: a structure its own and those it is invited to carry, a préfecture its département's, SGAR and hub their
//! région's, ANCT all (drafts only by their structure); the reads and lists under those rules, and the
//! status and form as stored.

use chrono::NaiveDate;
use maillage_shared::candidature::{CasDeFigure, Formulaire, StatutCandidature};
use maillage_shared::role::Role;
use maillage_shared::subvention::TypeContrat;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::entity::candidature;
use crate::compte::acteur::Acteur;
use crate::error::AppError;

/// The statut stored in a row.
pub fn statut(row: &candidature::Model) -> StatutCandidature {
    StatutCandidature::parse(&row.statut).unwrap_or(StatutCandidature::Brouillon)
}

/// The form as stored, for the completeness rule.
pub fn formulaire(row: &candidature::Model, epcis: Vec<String>) -> Formulaire {
    Formulaire {
        cas: row.cas.as_deref().and_then(CasDeFigure::parse),
        contrat: row.contrat.as_deref().and_then(TypeContrat::parse),
        perimetre_epcis: epcis,
        perimetre_departement: row.perimetre_departement_code.clone(),
        diagnostic: row.diagnostic.clone(),
        partenaires: row.partenaires.clone(),
        articulation_gouvernance: row.articulation_gouvernance.clone(),
        gouvernance: row
            .gouvernance_declaree
            .as_deref()
            .and_then(maillage_shared::gouvernance::PlaceDansLaGouvernance::parse),
        missions_maillage: row.missions_maillage.clone(),
        missions_relais: row.missions_relais.clone(),
        missions_collaborations: row.missions_collaborations.clone(),
        candidat_identifie: row.candidat_identifie,
        date_prise_poste: row.date_prise_poste,
    }
}

/// Whether the caller may read this candidature: its structure; the préfecture of its département; the
/// SGAR and hub of its région; ANCT. Drafts are the structure's alone.
pub fn verifier_lecture(acteur: &Acteur, row: &candidature::Model) -> Result<(), AppError> {
    let role = acteur.role()?;
    let brouillon = statut(row) == StatutCandidature::Brouillon;
    let autorise = match role.role {
        Role::Structure => role.structure_id == Some(row.structure_id),
        Role::Prefecture => {
            !brouillon && role.departement_code.as_deref() == Some(row.departement_code.as_str())
        }
        Role::Sgar | Role::Hub => !brouillon && role.region_code.as_deref() == Some(row.region_code.as_str()),
        Role::Anct => !brouillon,
        Role::Candidat | Role::Conseiller | Role::Coordinateur | Role::Mediateur => false,
    };
    if autorise {
        Ok(())
    } else {
        Err(AppError::Interdit(
            "Cette candidature n’est pas dans votre périmètre.".to_owned(),
        ))
    }
}

/// The candidatures the caller may read, as a query condition.
fn portee(acteur: &Acteur) -> Result<Condition, AppError> {
    let role = acteur.role()?;
    let deposees = candidature::Column::Statut.ne(StatutCandidature::Brouillon.as_str());
    let condition = match role.role {
        Role::Structure => {
            let structure_id = role.structure_id.unwrap_or(-1);
            // Its own, and those it is invited to carry.
            let mut coportees = sea_orm::sea_query::Query::select();
            coportees
                .column(super::entity::coporteur::Column::CandidatureId)
                .from(super::entity::coporteur::Entity)
                .and_where(super::entity::coporteur::Column::StructureId.eq(structure_id));
            Condition::any()
                .add(candidature::Column::StructureId.eq(structure_id))
                .add(candidature::Column::Id.in_subquery(coportees.to_owned()))
        }
        Role::Prefecture => Condition::all()
            .add(deposees)
            .add(candidature::Column::DepartementCode.eq(role.departement_code.clone().unwrap_or_default())),
        Role::Sgar | Role::Hub => Condition::all()
            .add(deposees)
            .add(candidature::Column::RegionCode.eq(role.region_code.clone().unwrap_or_default())),
        Role::Anct => Condition::all().add(deposees),
        Role::Candidat | Role::Conseiller | Role::Coordinateur | Role::Mediateur => {
            return Err(AppError::Interdit(
                "Votre rôle ne donne pas accès aux candidatures.".to_owned(),
            ));
        }
    };
    Ok(condition)
}

/// A candidature the caller may read.
pub async fn lire(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
) -> Result<candidature::Model, AppError> {
    let row = candidature::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Candidature introuvable.".to_owned()))?;
    if let Err(refus) = verifier_lecture(acteur, &row) {
        // A structure invited to carry the candidature reads it too, draft included.
        let role = acteur.role()?;
        match (role.role, role.structure_id) {
            (Role::Structure, Some(structure_id))
                if super::entity::coporteur::Entity::find_by_id((row.id, structure_id))
                    .one(db)
                    .await?
                    .is_some() => {}
            _ => return Err(refus),
        }
    }
    Ok(row)
}

/// Filters of the candidature lists.
#[derive(Debug, Clone, Default)]
pub struct Filtre {
    pub statut: Option<StatutCandidature>,
    pub region_code: Option<String>,
    pub departement_code: Option<String>,
    pub cas: Option<CasDeFigure>,
    /// Only those whose decision is overdue (more than two months after filing, still in instruction).
    pub en_retard: bool,
}

/// A page of the candidatures the caller may read, newest first, and how many match in all.
pub async fn lister(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    filtre: &Filtre,
    aujourd_hui: NaiveDate,
    premiers: u64,
    decalage: u64,
) -> Result<(Vec<candidature::Model>, u64), AppError> {
    let mut condition = portee(acteur)?;
    if let Some(statut) = filtre.statut {
        condition = condition.add(candidature::Column::Statut.eq(statut.as_str()));
    }
    if let Some(region) = &filtre.region_code {
        condition = condition.add(candidature::Column::RegionCode.eq(region.as_str()));
    }
    if let Some(departement) = &filtre.departement_code {
        condition = condition.add(candidature::Column::DepartementCode.eq(departement.as_str()));
    }
    if let Some(cas) = filtre.cas {
        condition = condition.add(candidature::Column::Cas.eq(cas.as_str()));
    }
    if filtre.en_retard {
        // Filed before this day and still in instruction: the two-month deadline has passed.
        let limite = aujourd_hui
            .checked_sub_months(chrono::Months::new(
                maillage_shared::candidature::DELAI_DECISION_MOIS,
            ))
            .unwrap_or(NaiveDate::MIN);
        condition = condition
            .add(candidature::Column::Statut.is_in([
                StatutCandidature::Deposee.as_str(),
                StatutCandidature::AvisRendu.as_str(),
            ]))
            .add(candidature::Column::DeposeLe.lt(limite));
    }
    let query = candidature::Entity::find().filter(condition);
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(candidature::Column::Id)
        .limit(premiers)
        .offset(decalage)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// The candidature's page, where its notifications lead.
pub fn lien(id: i64) -> String {
    format!("/candidatures/{id}")
}

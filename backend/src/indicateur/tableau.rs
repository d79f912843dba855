//! The dashboards of the préfecture, SGAR, hub and ANCT agents: the zone each may read, and its figures
//! from the département rollup.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::role::Role;
use sea_orm::sea_query::{Alias, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::service::{Comptes, colonne, nom_sql};
use crate::candidature::acces;
use crate::candidature::entity::candidature;
use crate::candidature::instruction;
use crate::compte::acteur::Acteur;
use crate::database::somme;
use crate::error::AppError;
use crate::poste::entity::coordinateur;
use crate::territoire::entity::departement;
use crate::territoire::etendue::Etendue;

/// The zone an agent's dashboard covers (`zone_du_tableau`) and its programme départements, in code order; a
/// SGAR or hub opens a département of its own région only.
pub async fn territoire_du_tableau(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    region: Option<String>,
    departement: Option<String>,
) -> Result<(Etendue, Vec<departement::Model>), AppError> {
    let etendue = zone_du_tableau(acteur, region, departement)?;
    let departements = crate::territoire::etendue::departements_de(db, &etendue).await?;
    if let Etendue::Departement(code) = &etendue {
        let Some(d) = departements.first() else {
            return Err(AppError::Introuvable(format!("Département {code} inconnu.")));
        };
        let role = acteur.role()?;
        if matches!(role.role, Role::Sgar | Role::Hub) && role.region_code.as_deref() != Some(&d.region_code)
        {
            return Err(AppError::Interdit(
                "Ce territoire n’est pas dans votre périmètre.".to_owned(),
            ));
        }
    }
    Ok((etendue, departements))
}

/// The zone an agent's dashboard covers: its département or région, or the one asked for by ANCT.
pub fn zone_du_tableau(
    acteur: &Acteur,
    region: Option<String>,
    departement: Option<String>,
) -> Result<Etendue, AppError> {
    let role = acteur.role()?;
    let demandee = match (departement, region) {
        (Some(d), _) => Etendue::Departement(d),
        (None, Some(r)) => Etendue::Region(r),
        (None, None) => Etendue::Nationale,
    };
    let autorisee = match role.role {
        Role::Prefecture => {
            let sienne = Etendue::Departement(role.departement_code.clone().unwrap_or_default());
            return match demandee {
                Etendue::Nationale => Ok(sienne),
                z if z == sienne => Ok(sienne),
                _ => Err(hors_perimetre()),
            };
        }
        Role::Sgar | Role::Hub => {
            let region = role.region_code.clone().unwrap_or_default();
            match &demandee {
                Etendue::Nationale => return Ok(Etendue::Region(region)),
                Etendue::Region(r) => *r == region,
                // A département of its région: checked against the référentiel by the caller.
                Etendue::Departement(_) => true,
            }
        }
        Role::Anct => true,
        _ => {
            return Err(AppError::Interdit(
                "Les tableaux de bord sont réservés aux préfectures, SGAR, hubs et à l’ANCT.".to_owned(),
            ));
        }
    };
    if autorisee {
        Ok(demandee)
    } else {
        Err(hors_perimetre())
    }
}

fn hors_perimetre() -> AppError {
    AppError::Interdit("Ce territoire n’est pas dans votre périmètre.".to_owned())
}

/// An agent's dashboard over its zone.
#[derive(Debug, Clone, Default)]
pub struct Tableau {
    pub par_departement: Vec<(departement::Model, Comptes)>,
    pub candidatures_par_cas: BTreeMap<String, i64>,
    /// Filed and waiting for the préfecture's avis.
    pub avis_attendus: i64,
    /// In instruction more than two months after filing.
    pub decisions_en_retard: i64,
    /// Validated, no coordinator in post six months after notification.
    pub recrutements_en_retard: i64,
    /// Subsidies of the validated candidatures, in euros.
    pub budget_engage: i64,
    /// Conventions paid, in euros.
    pub budget_verse: i64,
}

impl Tableau {
    /// The sum over the zone's départements.
    pub fn total(&self) -> Comptes {
        let mut total = Comptes::default();
        for (_, c) in &self.par_departement {
            total.population += c.population;
            total.coordinateurs += c.coordinateurs;
            total.conseillers += c.conseillers;
            total.lieux += c.lieux;
            total.population_couverte += c.population_couverte;
            for (statut, n) in &c.candidatures_par_statut {
                *total.candidatures_par_statut.entry(statut.clone()).or_insert(0) += n;
            }
        }
        total
    }
}

/// The dashboard of a zone (the caller's right to it is checked by [`zone_du_tableau`]).
pub async fn tableau<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    zone: &Etendue,
    aujourd_hui: NaiveDate,
) -> Result<Tableau, AppError> {
    let par_departement = super::cumul::par_departement(db, zone, aujourd_hui).await?;
    let codes: Vec<String> = par_departement.iter().map(|(d, _)| d.code.clone()).collect();
    let dans_la_zone = || {
        let mut condition = sea_orm::Condition::all()
            .add(candidature::Column::Statut.ne(StatutCandidature::Brouillon.as_str()));
        if *zone != Etendue::Nationale {
            condition = condition.add(candidature::Column::DepartementCode.is_in(codes.clone()));
        }
        condition
    };
    // Every filed candidature of the zone once: at national scale a few thousand rows of narrow columns.
    let filees = candidature::Entity::find().filter(dans_la_zone()).all(db).await?;
    let pourvues: BTreeSet<i64> = coordinateur::Entity::find()
        .filter(coordinateur::Column::PartiLe.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.candidature_id)
        .collect();
    let mut tableau = Tableau {
        par_departement,
        ..Tableau::default()
    };
    for c in &filees {
        if let Some(cas) = &c.cas {
            *tableau.candidatures_par_cas.entry(cas.clone()).or_insert(0) += 1;
        }
        let statut = acces::statut(c);
        if statut == StatutCandidature::Deposee {
            tableau.avis_attendus += 1;
        }
        if instruction::decision_en_retard(c, aujourd_hui) {
            tableau.decisions_en_retard += 1;
        }
        if statut == StatutCandidature::Validee {
            tableau.budget_engage += i64::from(c.montant_subvention.unwrap_or(0));
            let pourvu = pourvues.contains(&c.id);
            if crate::poste::obligations::retard(c, pourvu, aujourd_hui)
                .is_some_and(|(_, en_retard)| en_retard)
            {
                tableau.recrutements_en_retard += 1;
            }
        }
    }
    let ids: Vec<i64> = filees.iter().map(|c| c.id).collect();
    // Paid: the instalments that went to the structures (reclaimed ones included, the money went out).
    let mut select = Query::select();
    select
        .from(Alias::new("versement"))
        .expr_as(somme(colonne("montant")), nom_sql("n"))
        .and_where(colonne("statut").is_in([
            maillage_shared::poste::StatutVersement::Paye.as_str(),
            maillage_shared::poste::StatutVersement::ARembourser.as_str(),
        ]));
    if *zone != Etendue::Nationale {
        let mut conventions = Query::select();
        conventions
            .from(Alias::new("convention"))
            .column(Alias::new("id"))
            .and_where(colonne("candidature_id").is_in(ids));
        select.and_where(colonne("convention_id").in_subquery(conventions));
    }
    if let Some(ligne) = db.query_one(&select).await? {
        tableau.budget_verse = ligne.try_get("", "n")?;
    }
    Ok(tableau)
}

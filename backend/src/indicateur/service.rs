//! Coverage indicators of the programme by département and by EPCI, and the agents' dashboards. Each figure
//! is one `GROUP BY` query over the whole scope, so the cost does not depend on how many territories are
//! shown.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::role::Role;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, IntoIden, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::candidature::entity::candidature;
use crate::candidature::service as candidatures;
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::poste::entity::coordinateur;
use crate::territoire::entity::{departement, epci};

/// The statuses of a candidature that claims a territory: filed and not refused.
const STATUTS_ACTIFS: [StatutCandidature; 3] = [
    StatutCandidature::Deposee,
    StatutCandidature::AvisRendu,
    StatutCandidature::Validee,
];

/// What a figure is computed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Etendue {
    Nationale,
    Region(String),
    Departement(String),
}

/// The figures of one département.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comptes {
    pub population: i64,
    /// Coordinators in post whose structure is in the département.
    pub coordinateurs: i64,
    /// Conseillers numériques whose contract is running, by the commune of their post.
    pub conseillers: i64,
    pub lieux: i64,
    /// Filed candidatures (drafts are nobody's business but the structure's), by status.
    pub candidatures_par_statut: BTreeMap<String, i64>,
    /// Inhabitants of the communes inside the perimeter of a coordinator in post.
    pub population_couverte: i64,
}

impl Comptes {
    /// Filed candidatures, all statuses.
    pub fn candidatures(&self) -> i64 {
        self.candidatures_par_statut.values().sum()
    }
}

fn col(nom: &str) -> Expr {
    Expr::col(Alias::new(nom))
}

fn tcol(table: &str, nom: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(nom)))
}

fn iden(nom: &str) -> sea_orm::sea_query::DynIden {
    Alias::new(nom).into_iden()
}

/// `COUNT(*)` as a 64-bit integer on both engines.
fn nombre() -> Expr {
    Expr::cust("COUNT(*)")
}

/// `SUM(expr)` as a 64-bit integer on both engines (PostgreSQL sums bigints as numeric).
pub(crate) fn somme(expr: Expr) -> Expr {
    Func::cast_as(
        Func::coalesce([Func::sum(expr).into(), Expr::val(0)]),
        Alias::new("BIGINT"),
    )
    .into()
}

/// Runs a query returning `(cle, n)` rows into a map.
async fn compter(
    db: &impl ConnectionTrait,
    select: &SelectStatement,
) -> Result<BTreeMap<String, i64>, AppError> {
    let mut resultat = BTreeMap::new();
    for ligne in db.query_all(select).await? {
        let cle: Option<String> = ligne.try_get("", "cle")?;
        let n: i64 = ligne.try_get("", "n")?;
        if let Some(cle) = cle {
            *resultat.entry(cle).or_insert(0) += n;
        }
    }
    Ok(resultat)
}

/// The programme's départements of a zone, by code.
pub async fn departements_de(
    db: &impl ConnectionTrait,
    zone: &Etendue,
) -> Result<Vec<departement::Model>, AppError> {
    let mut requete = departement::Entity::find()
        .filter(departement::Column::Zone.ne(maillage_shared::territoire::Zone::Com.as_str()));
    requete = match zone {
        Etendue::Nationale => requete,
        Etendue::Region(code) => requete.filter(departement::Column::RegionCode.eq(code.as_str())),
        Etendue::Departement(code) => requete.filter(departement::Column::Code.eq(code.as_str())),
    };
    Ok(requete.order_by_asc(departement::Column::Code).all(db).await?)
}

/// Restricts a query on a département column to the zone's départements.
fn dans(select: &mut SelectStatement, colonne: Expr, codes: &[String], zone: &Etendue) {
    if *zone != Etendue::Nationale {
        select.and_where(colonne.is_in(codes.to_vec()));
    }
}

/// Conseillers numériques whose contract is running, counted by a column of the commune of their post
/// (`cle`, `n`).
fn conseillers_sous_contrat_par(colonne_commune: &str, aujourd_hui: NaiveDate) -> SelectStatement {
    let mut select = Query::select();
    select
        .from(Alias::new("conseiller"))
        .inner_join(
            Alias::new("commune"),
            tcol("commune", "code").equals((Alias::new("conseiller"), Alias::new("commune_code"))),
        )
        .expr_as(tcol("commune", colonne_commune), iden("cle"))
        .expr_as(nombre(), iden("n"))
        .and_where(
            tcol("conseiller", "contrat_fin")
                .is_null()
                .or(tcol("conseiller", "contrat_fin").gte(aujourd_hui)),
        )
        .group_by_col((Alias::new("commune"), Alias::new(colonne_commune)));
    select
}

/// The coordinators in post, as `coordinateur` joined to their candidature (`c`).
fn coordinateurs_en_poste() -> SelectStatement {
    let mut select = Query::select();
    select
        .from(Alias::new("coordinateur"))
        .inner_join(
            Alias::new("candidature"),
            tcol("candidature", "id").equals((Alias::new("coordinateur"), Alias::new("candidature_id"))),
        )
        .and_where(tcol("coordinateur", "parti_le").is_null());
    select
}

/// The figures of every département of the zone, in code order, counted from the tables themselves (the
/// reference the rollup of [`super::cumul`] stores).
pub async fn compter_par_departement(
    db: &impl ConnectionTrait,
    zone: &Etendue,
    aujourd_hui: NaiveDate,
) -> Result<Vec<(departement::Model, Comptes)>, AppError> {
    let departements = departements_de(db, zone).await?;
    let codes: Vec<String> = departements.iter().map(|d| d.code.clone()).collect();

    let mut select = coordinateurs_en_poste();
    select
        .expr_as(tcol("candidature", "departement_code"), iden("cle"))
        .expr_as(nombre(), iden("n"))
        .group_by_col((Alias::new("candidature"), Alias::new("departement_code")));
    dans(&mut select, tcol("candidature", "departement_code"), &codes, zone);
    let coordinateurs = compter(db, &select).await?;

    let mut select = conseillers_sous_contrat_par("departement_code", aujourd_hui);
    dans(&mut select, tcol("commune", "departement_code"), &codes, zone);
    let conseillers = compter(db, &select).await?;

    let mut select = Query::select();
    select
        .from(Alias::new("lieu"))
        .expr_as(col("departement_code"), iden("cle"))
        .expr_as(nombre(), iden("n"))
        .group_by_col(Alias::new("departement_code"));
    dans(&mut select, col("departement_code"), &codes, zone);
    let lieux = compter(db, &select).await?;

    let mut select = Query::select();
    select
        .from(Alias::new("candidature"))
        .column(Alias::new("departement_code"))
        .column(Alias::new("statut"))
        .expr_as(nombre(), iden("n"))
        .and_where(col("statut").ne(StatutCandidature::Brouillon.as_str()))
        .group_by_col(Alias::new("departement_code"))
        .group_by_col(Alias::new("statut"));
    dans(&mut select, col("departement_code"), &codes, zone);
    let mut statuts: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for ligne in db.query_all(&select).await? {
        let departement: String = ligne.try_get("", "departement_code")?;
        let statut: String = ligne.try_get("", "statut")?;
        let n: i64 = ligne.try_get("", "n")?;
        statuts.entry(departement).or_default().insert(statut, n);
    }

    let mut select = Query::select();
    select
        .from(Alias::new("commune"))
        .expr_as(col("departement_code"), iden("cle"))
        .expr_as(somme(col("population")), iden("n"))
        .cond_where(couverte_par_un_coordinateur())
        .group_by_col(Alias::new("departement_code"));
    dans(&mut select, col("departement_code"), &codes, zone);
    let couverte = compter(db, &select).await?;

    Ok(departements
        .into_iter()
        .map(|d| {
            let code = d.code.as_str();
            let comptes = Comptes {
                population: d.population,
                coordinateurs: coordinateurs.get(code).copied().unwrap_or(0),
                conseillers: conseillers.get(code).copied().unwrap_or(0),
                lieux: lieux.get(code).copied().unwrap_or(0),
                candidatures_par_statut: statuts.remove(code).unwrap_or_default(),
                population_couverte: couverte.get(code).copied().unwrap_or(0),
            };
            (d, comptes)
        })
        .collect())
}

/// The condition on `commune` rows inside the perimeter of a coordinator in post: an EPCI of its
/// candidature, or its whole département.
fn couverte_par_un_coordinateur() -> sea_orm::sea_query::Condition {
    let mut par_epci = coordinateurs_en_poste();
    par_epci
        .column((Alias::new("candidature_epci"), Alias::new("epci_code")))
        .inner_join(
            Alias::new("candidature_epci"),
            tcol("candidature_epci", "candidature_id").equals((Alias::new("candidature"), Alias::new("id"))),
        );
    let mut par_departement = coordinateurs_en_poste();
    par_departement
        .column((
            Alias::new("candidature"),
            Alias::new("perimetre_departement_code"),
        ))
        .and_where(tcol("candidature", "perimetre_departement_code").is_not_null());
    sea_orm::sea_query::Condition::any()
        .add(col("epci_code").in_subquery(par_epci))
        .add(col("departement_code").in_subquery(par_departement))
}

/// A candidature or a coordinator covering an EPCI.
#[derive(Debug, Clone)]
pub struct CoordinateurCouvrant {
    pub coordinateur: coordinateur::Model,
    pub candidature: candidature::Model,
}

/// The figures of one EPCI inside a département.
#[derive(Debug, Clone)]
pub struct EpciDuDepartement {
    pub epci: epci::Model,
    /// Population and communes of the EPCI in this département (an EPCI may cross a border).
    pub population: i64,
    pub communes: i64,
    pub lieux: i64,
    pub conseillers: i64,
    /// Filed, not refused candidatures whose perimeter holds this EPCI.
    pub candidatures: Vec<candidature::Model>,
    pub coordinateurs: Vec<CoordinateurCouvrant>,
}

impl EpciDuDepartement {
    /// Several initiatives on the same territory: ANCT favours coordinated ones, so they are pointed out.
    pub fn chevauchement(&self) -> bool {
        self.candidatures.len() > 1 || self.coordinateurs.len() > 1
    }
}

/// Every EPCI of a département with its figures, by name.
pub async fn epcis_du_departement(
    db: &impl ConnectionTrait,
    code: &str,
    aujourd_hui: NaiveDate,
) -> Result<Vec<EpciDuDepartement>, AppError> {
    let epcis = crate::territoire::service::epcis_des_departements(db, &[code.to_owned()])
        .await?
        .remove(code)
        .unwrap_or_default();
    let codes: Vec<String> = epcis.iter().map(|e| e.code.clone()).collect();

    let mut select = Query::select();
    select
        .from(Alias::new("commune"))
        .expr_as(col("epci_code"), iden("cle"))
        .expr_as(somme(col("population")), iden("n"))
        .expr_as(nombre(), iden("communes"))
        .and_where(col("departement_code").eq(code))
        .group_by_col(Alias::new("epci_code"));
    let mut populations = BTreeMap::new();
    for ligne in db.query_all(&select).await? {
        let cle: Option<String> = ligne.try_get("", "cle")?;
        let population: i64 = ligne.try_get("", "n")?;
        let communes: i64 = ligne.try_get("", "communes")?;
        if let Some(cle) = cle {
            populations.insert(cle, (population, communes));
        }
    }

    let mut select = Query::select();
    select
        .from(Alias::new("lieu"))
        .inner_join(
            Alias::new("commune"),
            tcol("commune", "code").equals((Alias::new("lieu"), Alias::new("commune_code"))),
        )
        .expr_as(tcol("commune", "epci_code"), iden("cle"))
        .expr_as(nombre(), iden("n"))
        .and_where(tcol("lieu", "departement_code").eq(code))
        .group_by_col((Alias::new("commune"), Alias::new("epci_code")));
    let lieux = compter(db, &select).await?;

    let mut select = conseillers_sous_contrat_par("epci_code", aujourd_hui);
    select.and_where(tcol("commune", "departement_code").eq(code));
    let conseillers = compter(db, &select).await?;

    // Candidatures claiming the EPCI, or the whole département.
    let liens = crate::candidature::entity::candidature_epci::Entity::find()
        .filter(crate::candidature::entity::candidature_epci::Column::EpciCode.is_in(codes.clone()))
        .all(db)
        .await?;
    let actives = candidature::Entity::find()
        .filter(candidature::Column::Statut.is_in(STATUTS_ACTIFS.map(StatutCandidature::as_str)))
        .filter(
            sea_orm::Condition::any()
                .add(candidature::Column::Id.is_in(liens.iter().map(|l| l.candidature_id)))
                .add(candidature::Column::PerimetreDepartementCode.eq(code)),
        )
        .order_by_asc(candidature::Column::Id)
        .all(db)
        .await?;
    let en_poste = coordinateur::Entity::find()
        .filter(coordinateur::Column::PartiLe.is_null())
        .filter(coordinateur::Column::CandidatureId.is_in(actives.iter().map(|c| c.id)))
        .order_by_asc(coordinateur::Column::Id)
        .all(db)
        .await?;
    let mut epcis_de: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    for lien in &liens {
        epcis_de
            .entry(lien.candidature_id)
            .or_default()
            .insert(lien.epci_code.as_str());
    }
    let couvre = |candidature: &candidature::Model, epci: &str| {
        candidature.perimetre_departement_code.as_deref() == Some(code)
            || epcis_de.get(&candidature.id).is_some_and(|e| e.contains(epci))
    };

    let mut resultat: Vec<EpciDuDepartement> = epcis
        .into_iter()
        .map(|epci| {
            let (population, communes) = populations.get(&epci.code).copied().unwrap_or((0, 0));
            let candidatures: Vec<candidature::Model> = actives
                .iter()
                .filter(|c| couvre(c, &epci.code))
                .cloned()
                .collect();
            let coordinateurs = en_poste
                .iter()
                .filter_map(|co| {
                    let candidature = candidatures.iter().find(|c| c.id == co.candidature_id)?;
                    Some(CoordinateurCouvrant {
                        coordinateur: co.clone(),
                        candidature: candidature.clone(),
                    })
                })
                .collect();
            EpciDuDepartement {
                population,
                communes,
                lieux: lieux.get(&epci.code).copied().unwrap_or(0),
                conseillers: conseillers.get(&epci.code).copied().unwrap_or(0),
                candidatures,
                coordinateurs,
                epci,
            }
        })
        .collect();
    resultat.sort_by(|a, b| a.epci.nom.cmp(&b.epci.nom));
    Ok(resultat)
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
        let statut = candidatures::statut(c);
        if statut == StatutCandidature::Deposee {
            tableau.avis_attendus += 1;
        }
        if candidatures::decision_en_retard(c, aujourd_hui) {
            tableau.decisions_en_retard += 1;
        }
        if statut == StatutCandidature::Validee {
            tableau.budget_engage += i64::from(c.montant_subvention.unwrap_or(0));
            let pourvu = pourvues.contains(&c.id);
            if crate::poste::service::retard(c, pourvu, aujourd_hui).is_some_and(|(_, en_retard)| en_retard) {
                tableau.recrutements_en_retard += 1;
            }
        }
    }
    let ids: Vec<i64> = filees.iter().map(|c| c.id).collect();
    let mut select = Query::select();
    select
        .from(Alias::new("convention"))
        .expr_as(somme(col("montant")), iden("n"))
        .and_where(col("paye_le").is_not_null());
    if *zone != Etendue::Nationale {
        select.and_where(col("candidature_id").is_in(ids));
    }
    if let Some(ligne) = db.query_one(&select).await? {
        tableau.budget_verse = ligne.try_get("", "n")?;
    }
    Ok(tableau)
}

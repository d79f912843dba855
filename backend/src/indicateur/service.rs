//! Coverage indicators of the programme by département and by EPCI, and the agents' dashboards. Each figure
//! is one `GROUP BY` query over the whole scope, so the cost does not depend on how many territories are
//! shown.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use maillage_shared::candidature::StatutCandidature;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, IntoIden, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::candidature::entity::candidature;
use crate::database::somme;
use crate::error::AppError;
use crate::poste::entity::coordinateur;
use crate::territoire::entity::{departement, epci};
use crate::territoire::etendue::{Etendue, departements_de};

/// The statuses of a candidature that claims a territory.
fn statuts_actifs() -> impl Iterator<Item = &'static str> {
    StatutCandidature::ALL
        .into_iter()
        .filter(|s| s.revendique_le_territoire())
        .map(StatutCandidature::as_str)
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

pub(super) fn colonne(nom: &str) -> Expr {
    Expr::col(Alias::new(nom))
}

fn colonne_de(table: &str, nom: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(nom)))
}

pub(super) fn nom_sql(nom: &str) -> sea_orm::sea_query::DynIden {
    Alias::new(nom).into_iden()
}

/// `COUNT(*)` as a 64-bit integer on both engines.
fn nombre() -> Expr {
    Expr::cust("COUNT(*)")
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
            colonne_de("commune", "code").equals((Alias::new("conseiller"), Alias::new("commune_code"))),
        )
        .expr_as(colonne_de("commune", colonne_commune), nom_sql("cle"))
        .expr_as(nombre(), nom_sql("n"))
        .and_where(
            colonne_de("conseiller", "contrat_fin")
                .is_null()
                .or(colonne_de("conseiller", "contrat_fin").gte(aujourd_hui)),
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
            colonne_de("candidature", "id")
                .equals((Alias::new("coordinateur"), Alias::new("candidature_id"))),
        )
        .and_where(colonne_de("coordinateur", "parti_le").is_null());
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
        .expr_as(colonne_de("candidature", "departement_code"), nom_sql("cle"))
        .expr_as(nombre(), nom_sql("n"))
        .group_by_col((Alias::new("candidature"), Alias::new("departement_code")));
    dans(
        &mut select,
        colonne_de("candidature", "departement_code"),
        &codes,
        zone,
    );
    let coordinateurs = compter(db, &select).await?;

    let mut select = conseillers_sous_contrat_par("departement_code", aujourd_hui);
    dans(
        &mut select,
        colonne_de("commune", "departement_code"),
        &codes,
        zone,
    );
    let conseillers = compter(db, &select).await?;

    let mut select = Query::select();
    select
        .from(Alias::new("lieu"))
        .expr_as(colonne("departement_code"), nom_sql("cle"))
        .expr_as(nombre(), nom_sql("n"))
        // A lieu closed by form is no longer one of the territory's.
        .and_where(colonne("ferme_le").is_null())
        .group_by_col(Alias::new("departement_code"));
    dans(&mut select, colonne("departement_code"), &codes, zone);
    let lieux = compter(db, &select).await?;

    let mut select = Query::select();
    select
        .from(Alias::new("candidature"))
        .column(Alias::new("departement_code"))
        .column(Alias::new("statut"))
        .expr_as(nombre(), nom_sql("n"))
        .and_where(colonne("statut").ne(StatutCandidature::Brouillon.as_str()))
        .group_by_col(Alias::new("departement_code"))
        .group_by_col(Alias::new("statut"));
    dans(&mut select, colonne("departement_code"), &codes, zone);
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
        .expr_as(colonne("departement_code"), nom_sql("cle"))
        .expr_as(somme(colonne("population")), nom_sql("n"))
        .cond_where(couverte_par_un_coordinateur())
        .group_by_col(Alias::new("departement_code"));
    dans(&mut select, colonne("departement_code"), &codes, zone);
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
            colonne_de("candidature_epci", "candidature_id")
                .equals((Alias::new("candidature"), Alias::new("id"))),
        );
    let mut par_departement = coordinateurs_en_poste();
    par_departement
        .column((
            Alias::new("candidature"),
            Alias::new("perimetre_departement_code"),
        ))
        .and_where(colonne_de("candidature", "perimetre_departement_code").is_not_null());
    sea_orm::sea_query::Condition::any()
        .add(colonne("epci_code").in_subquery(par_epci))
        .add(colonne("departement_code").in_subquery(par_departement))
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
        .expr_as(colonne("epci_code"), nom_sql("cle"))
        .expr_as(somme(colonne("population")), nom_sql("n"))
        .expr_as(nombre(), nom_sql("communes"))
        .and_where(colonne("departement_code").eq(code))
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
            colonne_de("commune", "code").equals((Alias::new("lieu"), Alias::new("commune_code"))),
        )
        .expr_as(colonne_de("commune", "epci_code"), nom_sql("cle"))
        .expr_as(nombre(), nom_sql("n"))
        .and_where(colonne_de("lieu", "departement_code").eq(code))
        .and_where(colonne_de("lieu", "ferme_le").is_null())
        .group_by_col((Alias::new("commune"), Alias::new("epci_code")));
    let lieux = compter(db, &select).await?;

    let mut select = conseillers_sous_contrat_par("epci_code", aujourd_hui);
    select.and_where(colonne_de("commune", "departement_code").eq(code));
    let conseillers = compter(db, &select).await?;

    // Candidatures claiming the EPCI, or the whole département.
    let liens = crate::candidature::entity::candidature_epci::Entity::find()
        .filter(crate::candidature::entity::candidature_epci::Column::EpciCode.is_in(codes.clone()))
        .all(db)
        .await?;
    let actives = candidature::Entity::find()
        .filter(candidature::Column::Statut.is_in(statuts_actifs()))
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

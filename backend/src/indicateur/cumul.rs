//! The rollup of the département indicators (`cumul_departement`). The changes that move a figure
//! (a candidature changing status, a coordinator taking or leaving a post, lieux imported, the referential)
//! drop the zone's stored rows in their own transaction (`territoire::etendue::figures_modifiees`); readers
//! take the stored figures when they are all there and dated today, and otherwise count them again with
//! the scan of [`service::compter_par_departement`] and store the result (the count of conseillers under
//! contract moves when a contract ends, with no write at all).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use maillage_shared::candidature::StatutCandidature;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use super::service::{self, Comptes};
use crate::error::AppError;
use crate::territoire::entity::departement;
use crate::territoire::etendue::{
    Etendue, TABLE_CUMUL as TABLE, departements_de, verrouiller_les_recomptes as verrouiller,
};

/// The figures stored per département, besides the candidatures by filed status.
const COMPTES: [&str; 4] = ["coordinateurs", "conseillers", "lieux", "population_couverte"];

fn statuts_filees() -> impl Iterator<Item = StatutCandidature> {
    StatutCandidature::ALL
        .into_iter()
        .filter(|s| *s != StatutCandidature::Brouillon)
}

fn indicateur_candidatures(statut: StatutCandidature) -> String {
    format!("candidatures:{}", statut.as_str())
}

/// How many rows a département has when its figures are complete.
fn lignes_par_departement() -> usize {
    COMPTES.len() + statuts_filees().count()
}

/// The figures of every département of the zone, in code order: from the rollup when it is complete and
/// dated today, else counted again and stored.
pub async fn par_departement<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    zone: &Etendue,
    aujourd_hui: NaiveDate,
) -> Result<Vec<(departement::Model, Comptes)>, AppError> {
    if let Some(lignes) = stockes(db, zone, aujourd_hui).await? {
        return Ok(lignes);
    }
    // In a write transaction of its own, so that the recount is serialised with the changes' ones; the
    // rollup is read again once the turn comes, since the request before may have just recounted it (the
    // first requests of a day all find yesterday's figures).
    let txn = crate::database::ecriture(db).await?;
    verrouiller(&txn).await?;
    let lignes = match stockes(&txn, zone, aujourd_hui).await? {
        Some(lignes) => lignes,
        None => recalculer(&txn, zone, aujourd_hui).await?,
    };
    txn.commit().await?;
    Ok(lignes)
}

/// The stored figures of the zone, if every département has all of them dated today.
async fn stockes(
    db: &impl ConnectionTrait,
    zone: &Etendue,
    aujourd_hui: NaiveDate,
) -> Result<Option<Vec<(departement::Model, Comptes)>>, AppError> {
    let departements = departements_de(db, zone).await?;
    let mut select = Query::select();
    select
        .from(Alias::new(TABLE))
        .columns(["departement_code", "indicateur", "valeur"].map(Alias::new))
        .and_where(Expr::col(Alias::new("calcule_le")).eq(aujourd_hui));
    if *zone != Etendue::Nationale {
        select.and_where(
            Expr::col(Alias::new("departement_code")).is_in(departements.iter().map(|d| d.code.clone())),
        );
    }
    let mut stockes: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for ligne in db.query_all(&select).await? {
        stockes
            .entry(ligne.try_get("", "departement_code")?)
            .or_default()
            .insert(ligne.try_get("", "indicateur")?, ligne.try_get("", "valeur")?);
    }
    let complet = departements.iter().all(|d| {
        stockes
            .get(&d.code)
            .is_some_and(|valeurs| valeurs.len() == lignes_par_departement())
    });
    if !complet {
        return Ok(None);
    }
    Ok(Some(
        departements
            .into_iter()
            .map(|d| {
                let valeurs = stockes.remove(&d.code).unwrap_or_default();
                let valeur = |nom: &str| valeurs.get(nom).copied().unwrap_or(0);
                let comptes = Comptes {
                    population: d.population,
                    coordinateurs: valeur("coordinateurs"),
                    conseillers: valeur("conseillers"),
                    lieux: valeur("lieux"),
                    population_couverte: valeur("population_couverte"),
                    candidatures_par_statut: statuts_filees()
                        .map(|s| (s.as_str().to_owned(), valeur(&indicateur_candidatures(s))))
                        .filter(|(_, n)| *n > 0)
                        .collect(),
                };
                (d, comptes)
            })
            .collect(),
    ))
}

/// Counts the zone's figures again and stores them; returns them. Called by a reader that found them stale,
/// and by the demo data once generated.
pub async fn recalculer(
    db: &impl ConnectionTrait,
    zone: &Etendue,
    aujourd_hui: NaiveDate,
) -> Result<Vec<(departement::Model, Comptes)>, AppError> {
    // Two changes recounting at once would each miss the other's uncommitted write, and the last to store
    // would win with a wrong figure: recounts take turns until commit, so the second counts after the first
    // committed.
    verrouiller(db).await?;
    let lignes = service::compter_par_departement(db, zone, aujourd_hui).await?;
    if lignes.is_empty() {
        return Ok(lignes);
    }
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new(TABLE))
        .columns(["departement_code", "indicateur", "valeur", "calcule_le"].map(Alias::new));
    for (departement, comptes) in &lignes {
        let mut valeurs: Vec<(String, i64)> = vec![
            ("coordinateurs".to_owned(), comptes.coordinateurs),
            ("conseillers".to_owned(), comptes.conseillers),
            ("lieux".to_owned(), comptes.lieux),
            ("population_couverte".to_owned(), comptes.population_couverte),
        ];
        valeurs.extend(statuts_filees().map(|s| {
            let n = comptes
                .candidatures_par_statut
                .get(s.as_str())
                .copied()
                .unwrap_or(0);
            (indicateur_candidatures(s), n)
        }));
        for (indicateur, valeur) in valeurs {
            insert.values_panic([
                Expr::value(departement.code.clone()),
                Expr::value(indicateur),
                Expr::value(valeur),
                Expr::value(aujourd_hui),
            ]);
        }
    }
    insert.on_conflict(
        OnConflict::columns(["departement_code", "indicateur"].map(Alias::new))
            .update_columns(["valeur", "calcule_le"].map(Alias::new))
            .to_owned(),
    );
    db.execute(&insert).await?;
    Ok(lignes)
}

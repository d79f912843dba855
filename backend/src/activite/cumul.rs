//! The monthly rollup of accompaniments (`activite_mensuelle`): per conseiller and month, the totals, and
//! the totals by theme and by commune. Recording an accompaniment adds to it in the same transaction, the
//! national generator writes it in bulk, and [`reconstruire`] recomputes it from the accompaniments (after
//! an upgrade, and as the reference the tests compare it with).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Order, Query};
use sea_orm::{ConnectionTrait, TransactionSession};

use crate::error::AppError;

const TABLE: &str = "activite_mensuelle";

/// What the key of a rollup row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Axe {
    /// All the conseiller's accompaniments of the month (empty key).
    Total,
    Theme,
    Commune,
}

impl Axe {
    fn as_str(self) -> &'static str {
        match self {
            Axe::Total => "total",
            Axe::Theme => "theme",
            Axe::Commune => "commune",
        }
    }

    fn depuis(texte: &str) -> Option<Axe> {
        [Axe::Total, Axe::Theme, Axe::Commune]
            .into_iter()
            .find(|a| a.as_str() == texte)
    }
}

/// `YYYYMM`, the month of a date as the rollup keys it.
pub fn mois(date: NaiveDate) -> i32 {
    date.year() * 100 + i32::try_from(date.month()).unwrap_or(0)
}

/// A rollup row's key: conseiller, month, axis, key on that axis.
pub type Key = (i64, i32, Axe, String);

/// Counts of a group of accompaniments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub accompagnements: i64,
    pub participants: i64,
    pub minutes: i64,
}

impl Totals {
    pub fn ajouter(&mut self, autre: Totals) {
        self.accompagnements += autre.accompagnements;
        self.participants += autre.participants;
        self.minutes += autre.minutes;
    }
}

/// Rollup rows being built in memory before they are added to the table.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Cumuls(pub HashMap<Key, Totals>);

impl Cumuls {
    /// Counts one accompaniment (`themes` as stored: separated by `|`).
    pub fn compter(
        &mut self,
        conseiller_id: i64,
        date: NaiveDate,
        themes: &str,
        commune: Option<&str>,
        participants: i64,
        minutes: i64,
    ) {
        let un = Totals {
            accompagnements: 1,
            participants,
            minutes,
        };
        let mois = mois(date);
        let mut ajouter = |axe: Axe, cle: &str| {
            self.0
                .entry((conseiller_id, mois, axe, cle.to_owned()))
                .or_default()
                .ajouter(un);
        };
        ajouter(Axe::Total, "");
        for theme in themes.split('|').filter(|t| !t.is_empty()) {
            ajouter(Axe::Theme, theme);
        }
        if let Some(commune) = commune {
            ajouter(Axe::Commune, commune);
        }
    }

    /// Adds these rows to the table (insert, or add to the existing row).
    pub async fn ajouter_a(self, db: &impl ConnectionTrait) -> Result<(), AppError> {
        let colonnes = [
            "conseiller_id",
            "mois",
            "axe",
            "cle",
            "accompagnements",
            "participants",
            "minutes",
        ];
        // In key order: concurrent transactions then lock the rows they share in the same order, and cannot
        // deadlock each other (PostgreSQL locks the rows of an upsert one by one, in the order given).
        let mut lignes: Vec<(Key, Totals)> = self.0.into_iter().collect();
        lignes.sort_by(|a, b| a.0.cmp(&b.0));
        // Well under both engines' limit on bound parameters per statement.
        for paquet in lignes.chunks(4_000) {
            let mut insert = Query::insert();
            insert
                .into_table(Alias::new(TABLE))
                .columns(colonnes.map(Alias::new));
            for ((conseiller_id, mois, axe, cle), totaux) in paquet {
                insert.values_panic([
                    Expr::value(*conseiller_id),
                    Expr::value(*mois),
                    Expr::value(axe.as_str()),
                    Expr::value(cle.clone()),
                    Expr::value(totaux.accompagnements),
                    Expr::value(totaux.participants),
                    Expr::value(totaux.minutes),
                ]);
            }
            let mut conflit = OnConflict::columns(colonnes[..4].iter().map(|c| Alias::new(*c)));
            for compte in &colonnes[4..] {
                conflit.value(
                    Alias::new(*compte),
                    Expr::col((Alias::new(TABLE), Alias::new(*compte)))
                        .add(Expr::col((Alias::new("excluded"), Alias::new(*compte)))),
                );
            }
            insert.on_conflict(conflit);
            db.execute(&insert).await?;
        }
        Ok(())
    }
}

/// The rollup rows of these conseillers for the months `de..=a` (YYYYMM).
pub async fn lire(
    db: &impl ConnectionTrait,
    conseillers: &[i64],
    de: i32,
    a: i32,
) -> Result<Vec<(Key, Totals)>, AppError> {
    lignes(db, conseillers, de, a, None).await
}

/// What a coordinator's figures need, summed by the database: the `total` rows as stored (one per
/// conseiller and month), and the theme and commune rows summed over conseillers and months (keyed with
/// conseiller 0 and month 0). A year of a team is then a hundred rows or so, not a thousand.
pub async fn sommes(
    db: &impl ConnectionTrait,
    conseillers: &[i64],
    de: i32,
    a: i32,
) -> Result<Vec<(Key, Totals)>, AppError> {
    let mut resultat = lignes(db, conseillers, de, a, Some(Axe::Total)).await?;
    for paquet in conseillers.chunks(1_000) {
        let mut select = Query::select();
        select
            .from(Alias::new(TABLE))
            .columns(["axe", "cle"].map(Alias::new))
            .and_where(Expr::col(Alias::new("axe")).ne(Axe::Total.as_str()))
            .and_where(Expr::col(Alias::new("conseiller_id")).is_in(paquet.iter().copied()))
            .and_where(Expr::col(Alias::new("mois")).between(de, a))
            .group_by_columns(["axe", "cle"].map(Alias::new));
        for compte in ["accompagnements", "participants", "minutes"] {
            select.expr_as(
                crate::database::somme(Expr::col(Alias::new(compte))),
                Alias::new(compte),
            );
        }
        for ligne in db.query_all(&select).await? {
            let axe: String = ligne.try_get("", "axe")?;
            if let Some(axe) = Axe::depuis(&axe) {
                resultat.push(((0, 0, axe, ligne.try_get("", "cle")?), totaux(&ligne)?));
            }
        }
    }
    Ok(resultat)
}

fn totaux(ligne: &sea_orm::QueryResult) -> Result<Totals, AppError> {
    Ok(Totals {
        accompagnements: ligne.try_get("", "accompagnements")?,
        participants: ligne.try_get("", "participants")?,
        minutes: ligne.try_get("", "minutes")?,
    })
}

/// The stored rows of these conseillers and months, of one axis or all.
async fn lignes(
    db: &impl ConnectionTrait,
    conseillers: &[i64],
    de: i32,
    a: i32,
    axe: Option<Axe>,
) -> Result<Vec<(Key, Totals)>, AppError> {
    let mut resultat = Vec::new();
    for paquet in conseillers.chunks(1_000) {
        let mut select = Query::select();
        select
            .from(Alias::new(TABLE))
            .columns(
                [
                    "conseiller_id",
                    "mois",
                    "axe",
                    "cle",
                    "accompagnements",
                    "participants",
                    "minutes",
                ]
                .map(Alias::new),
            )
            .and_where(Expr::col(Alias::new("conseiller_id")).is_in(paquet.iter().copied()))
            .and_where(Expr::col(Alias::new("mois")).between(de, a));
        if let Some(axe) = axe {
            select.and_where(Expr::col(Alias::new("axe")).eq(axe.as_str()));
        }
        for ligne in db.query_all(&select).await? {
            let axe: String = ligne.try_get("", "axe")?;
            let Some(axe) = Axe::depuis(&axe) else {
                continue;
            };
            resultat.push((
                (
                    ligne.try_get("", "conseiller_id")?,
                    ligne.try_get("", "mois")?,
                    axe,
                    ligne.try_get("", "cle")?,
                ),
                totaux(&ligne)?,
            ));
        }
    }
    Ok(resultat)
}

/// The whole rollup, computed from the accompaniments themselves, read by pages of id.
pub async fn calculer(db: &impl ConnectionTrait) -> Result<Cumuls, AppError> {
    let mut cumuls = Cumuls::default();
    let mut apres: i64 = 0;
    loop {
        let mut select = Query::select();
        select
            .from(Alias::new("activite"))
            .columns(
                [
                    "id",
                    "conseiller_id",
                    "date",
                    "themes",
                    "participants",
                    "duree_minutes",
                    "commune_code",
                ]
                .map(Alias::new),
            )
            .and_where(Expr::col(Alias::new("id")).gt(apres))
            .order_by(Alias::new("id"), Order::Asc)
            .limit(50_000);
        let lignes = db.query_all(&select).await?;
        let Some(derniere) = lignes.last() else {
            return Ok(cumuls);
        };
        apres = derniere.try_get("", "id")?;
        for ligne in &lignes {
            let commune: Option<String> = ligne.try_get("", "commune_code")?;
            cumuls.compter(
                ligne.try_get("", "conseiller_id")?,
                ligne.try_get("", "date")?,
                &ligne.try_get::<String>("", "themes")?,
                commune.as_deref(),
                i64::from(ligne.try_get::<i32>("", "participants")?),
                i64::from(ligne.try_get::<i32>("", "duree_minutes")?),
            );
        }
    }
}

/// Replaces the rollup by one computed from the accompaniments (call it inside a write transaction).
pub async fn reconstruire(db: &impl ConnectionTrait) -> Result<(), AppError> {
    let cumuls = calculer(db).await?;
    db.execute(&Query::delete().from_table(Alias::new(TABLE)).to_owned())
        .await?;
    cumuls.ajouter_a(db).await
}

/// The whole rollup as stored, to compare with [`calculer`].
pub async fn stocke(db: &impl ConnectionTrait) -> Result<Cumuls, AppError> {
    let mut select = Query::select();
    select.from(Alias::new(TABLE)).column(Alias::new("conseiller_id"));
    let ids: Vec<i64> = db
        .query_all(&select.distinct().to_owned())
        .await?
        .iter()
        .map(|l| l.try_get("", "conseiller_id"))
        .collect::<Result<_, _>>()?;
    Ok(Cumuls(lire(db, &ids, 0, 999_999).await?.into_iter().collect()))
}

/// After an upgrade from a version without the rollup: builds it once if it is empty while accompaniments
/// exist. Several instances may start together: the check is repeated inside the write transaction, which
/// SQLite serialises (`BEGIN IMMEDIATE`) and PostgreSQL orders with an advisory lock.
pub async fn reconstruire_si_absent<C: sea_orm::TransactionTrait + ConnectionTrait>(
    db: &C,
) -> Result<(), AppError> {
    if !a_construire(db).await? {
        return Ok(());
    }
    let txn = crate::database::ecriture(db).await?;
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(7302)")
            .await?;
    }
    if a_construire(&txn).await? {
        tracing::info!("construction du cumul mensuel des accompagnements");
        reconstruire(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether the rollup is empty while accompaniments exist.
async fn a_construire(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    let une_ligne = |table: &str| {
        let mut select = Query::select();
        select.from(Alias::new(table)).expr(Expr::val(1)).limit(1);
        select
    };
    Ok(db.query_one(&une_ligne(TABLE)).await?.is_none()
        && db.query_one(&une_ligne("activite")).await?.is_some())
}

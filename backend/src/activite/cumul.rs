//! The monthly rollups of accompaniments: per conseiller and month (`activite_mensuelle`) and per
//! département and month (`activite_departementale`), the totals, and the totals by theme, commune, type,
//! canal and duration band. Recording an accompaniment adds to both in the same transaction, the national
//! generator writes them in bulk, and [`reconstruire`] recomputes them from the accompaniments (after an
//! upgrade, and as the reference the tests compare them with).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Order, Query};
use sea_orm::{ConnectionTrait, TransactionSession};

use crate::error::AppError;

/// The rollup by conseiller (read by the indicators' reporting follow-up too).
pub const TABLE: &str = "activite_mensuelle";
const TABLE_DEPARTEMENTS: &str = "activite_departementale";

/// What the key of a rollup row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Axe {
    /// All the accompaniments of the month (empty key).
    Total,
    Theme,
    Commune,
    /// `TypeAccompagnement::as_str`.
    Type,
    /// `Canal::as_str`.
    Canal,
    /// `maillage_shared::activite::tranche_de_duree`.
    Duree,
    /// The conseiller's employer when it recorded the accompaniment (its id): rollup by département only.
    Structure,
    /// The EPCI of the conseiller's commune (its code): rollup by département only.
    Epci,
}

impl Axe {
    const ALL: [Axe; 8] = [
        Axe::Total,
        Axe::Theme,
        Axe::Commune,
        Axe::Type,
        Axe::Canal,
        Axe::Duree,
        Axe::Structure,
        Axe::Epci,
    ];

    /// The stored name of the axis.
    pub fn as_str(self) -> &'static str {
        match self {
            Axe::Total => "total",
            Axe::Theme => "theme",
            Axe::Commune => "commune",
            Axe::Type => "type",
            Axe::Canal => "canal",
            Axe::Duree => "duree",
            // The column holds eight characters.
            Axe::Structure => "struct",
            Axe::Epci => "epci",
        }
    }

    fn depuis(texte: &str) -> Option<Axe> {
        Axe::ALL.into_iter().find(|a| a.as_str() == texte)
    }
}

/// `YYYYMM`, the month of a date as the rollup keys it.
pub fn mois(date: NaiveDate) -> i32 {
    date.year() * 100 + i32::try_from(date.month()).unwrap_or(0)
}

/// A rollup row's key: conseiller, month, axis, key on that axis.
pub type Key = (i64, i32, Axe, String);

/// A row's key in the rollup by département: département code, month, axis, key on that axis.
pub type CleDepartement = (String, i32, Axe, String);

/// One accompaniment as the rollups count it.
pub struct Compte<'a> {
    pub conseiller_id: i64,
    /// The département of the conseiller's commune (`None`: counted for the conseiller only).
    pub departement: Option<&'a str>,
    /// The conseiller's employer when it recorded the accompaniment.
    pub structure_id: Option<i64>,
    /// The EPCI of the conseiller's commune.
    pub epci: Option<&'a str>,
    pub date: NaiveDate,
    pub type_accompagnement: &'a str,
    pub canal: &'a str,
    /// As stored: separated by `|`.
    pub themes: &'a str,
    pub commune: Option<&'a str>,
    pub participants: i64,
    pub minutes: i64,
}

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

/// Rollup rows being built in memory before they are added to the tables.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Cumuls {
    pub par_conseiller: HashMap<Key, Totals>,
    pub par_departement: HashMap<CleDepartement, Totals>,
}

impl Cumuls {
    /// Counts one accompaniment.
    pub fn compter(&mut self, compte: &Compte<'_>) {
        let un = Totals {
            accompagnements: 1,
            participants: compte.participants,
            minutes: compte.minutes,
        };
        let mois = mois(compte.date);
        let duree =
            maillage_shared::activite::tranche_de_duree(i32::try_from(compte.minutes).unwrap_or(i32::MAX));
        let mut cles = vec![
            (Axe::Total, ""),
            (Axe::Type, compte.type_accompagnement),
            (Axe::Canal, compte.canal),
            (Axe::Duree, duree),
        ];
        cles.extend(
            compte
                .themes
                .split('|')
                .filter(|t| !t.is_empty())
                .map(|theme| (Axe::Theme, theme)),
        );
        if let Some(commune) = compte.commune {
            cles.push((Axe::Commune, commune));
        }
        for (axe, cle) in cles {
            self.par_conseiller
                .entry((compte.conseiller_id, mois, axe, cle.to_owned()))
                .or_default()
                .ajouter(un);
            if let Some(departement) = compte.departement {
                self.par_departement
                    .entry((departement.to_owned(), mois, axe, cle.to_owned()))
                    .or_default()
                    .ajouter(un);
            }
        }
        // What a territory's statistics break down by, and a conseiller's rollup needs not (one employer,
        // one commune).
        if let Some(departement) = compte.departement {
            let structure = compte.structure_id.map(|id| id.to_string());
            let cles = [
                structure.as_deref().map(|id| (Axe::Structure, id)),
                compte.epci.map(|epci| (Axe::Epci, epci)),
            ];
            for (axe, cle) in cles.into_iter().flatten() {
                self.par_departement
                    .entry((departement.to_owned(), mois, axe, cle.to_owned()))
                    .or_default()
                    .ajouter(un);
            }
        }
    }

    /// Adds these rows to the tables (insert, or add to the existing row).
    pub async fn ajouter_a(self, db: &impl ConnectionTrait) -> Result<(), AppError> {
        ajouter_lignes(db, TABLE, "conseiller_id", self.par_conseiller).await?;
        ajouter_lignes(db, TABLE_DEPARTEMENTS, "departement_code", self.par_departement).await
    }
}

/// The columns of a rollup table whose rows are keyed by `premiere` (the conseiller or the département).
fn colonnes(premiere: &str) -> [&str; 7] {
    [
        premiere,
        "mois",
        "axe",
        "cle",
        "accompagnements",
        "participants",
        "minutes",
    ]
}

/// Adds rows keyed by (`premiere` column, month, axis, key) to `table`.
async fn ajouter_lignes<T>(
    db: &impl ConnectionTrait,
    table: &str,
    premiere: &str,
    lignes: HashMap<(T, i32, Axe, String), Totals>,
) -> Result<(), AppError>
where
    T: Ord + Clone + Into<sea_orm::Value>,
{
    let colonnes = colonnes(premiere);
    // In key order: concurrent transactions then lock the rows they share in the same order, and cannot
    // deadlock each other (PostgreSQL locks the rows of an upsert one by one, in the order given).
    let mut lignes: Vec<_> = lignes.into_iter().collect();
    lignes.sort_by(|a, b| a.0.cmp(&b.0));
    // Well under both engines' limit on bound parameters per statement.
    for paquet in lignes.chunks(4_000) {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(table))
            .columns(colonnes.map(Alias::new));
        for ((premier, mois, axe, cle), totaux) in paquet {
            insert.values_panic([
                Expr::value(premier.clone()),
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
                Expr::col((Alias::new(table), Alias::new(*compte)))
                    .add(Expr::col((Alias::new("excluded"), Alias::new(*compte)))),
            );
        }
        insert.on_conflict(conflit);
        db.execute(&insert).await?;
    }
    Ok(())
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

/// The totals over the months `de..=a` (YYYYMM) of each conseiller that `conseillers` selects (a statement
/// giving their ids), summed by the database: one statement whatever their number. Those without
/// accompaniments are absent.
pub async fn totaux_par_conseiller(
    db: &impl ConnectionTrait,
    conseillers: sea_orm::sea_query::SelectStatement,
    de: i32,
    a: i32,
) -> Result<std::collections::HashMap<i64, Totals>, AppError> {
    let mut select = Query::select();
    select
        .from(Alias::new(TABLE))
        .column(Alias::new("conseiller_id"))
        .and_where(Expr::col(Alias::new("axe")).eq(Axe::Total.as_str()))
        .and_where(Expr::col(Alias::new("mois")).between(de, a))
        .and_where(Expr::col(Alias::new("conseiller_id")).in_subquery(conseillers))
        .group_by_col(Alias::new("conseiller_id"));
    for compte in ["accompagnements", "participants", "minutes"] {
        select.expr_as(
            crate::database::somme(Expr::col(Alias::new(compte))),
            Alias::new(compte),
        );
    }
    db.query_all(&select)
        .await?
        .iter()
        .map(|ligne| Ok((ligne.try_get("", "conseiller_id")?, totaux(ligne)?)))
        .collect()
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
            .columns(colonnes("conseiller_id").map(Alias::new))
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

/// The whole rollups, computed from the accompaniments themselves, read by pages of id.
pub async fn calculer(db: &impl ConnectionTrait) -> Result<Cumuls, AppError> {
    let mut cumuls = Cumuls::default();
    let mut apres: i64 = 0;
    let colonne = |table: &str, nom: &str| (Alias::new(table), Alias::new(nom));
    loop {
        let mut select = Query::select();
        select
            .from(Alias::new("activite"))
            .columns(
                [
                    "id",
                    "conseiller_id",
                    "date",
                    "type",
                    "canal",
                    "themes",
                    "participants",
                    "duree_minutes",
                    "commune_code",
                    "structure_id",
                ]
                .map(|nom| colonne("activite", nom)),
            )
            .expr_as(
                Expr::col(colonne("commune", "departement_code")),
                Alias::new("departement_code"),
            )
            .expr_as(
                Expr::col(colonne("commune", "epci_code")),
                Alias::new("epci_code"),
            )
            .inner_join(
                Alias::new("conseiller"),
                Expr::col(colonne("conseiller", "id")).equals(colonne("activite", "conseiller_id")),
            )
            .left_join(
                Alias::new("commune"),
                Expr::col(colonne("commune", "code")).equals(colonne("conseiller", "commune_code")),
            )
            .and_where(Expr::col(colonne("activite", "id")).gt(apres))
            .order_by(colonne("activite", "id"), Order::Asc)
            .limit(50_000);
        let lignes = db.query_all(&select).await?;
        let Some(derniere) = lignes.last() else {
            return Ok(cumuls);
        };
        apres = derniere.try_get("", "id")?;
        for ligne in &lignes {
            let commune: Option<String> = ligne.try_get("", "commune_code")?;
            let departement: Option<String> = ligne.try_get("", "departement_code")?;
            let epci: Option<String> = ligne.try_get("", "epci_code")?;
            cumuls.compter(&Compte {
                conseiller_id: ligne.try_get("", "conseiller_id")?,
                departement: departement.as_deref(),
                structure_id: ligne.try_get("", "structure_id")?,
                epci: epci.as_deref(),
                date: ligne.try_get("", "date")?,
                type_accompagnement: &ligne.try_get::<String>("", "type")?,
                canal: &ligne.try_get::<String>("", "canal")?,
                themes: &ligne.try_get::<String>("", "themes")?,
                commune: commune.as_deref(),
                participants: i64::from(ligne.try_get::<i32>("", "participants")?),
                minutes: i64::from(ligne.try_get::<i32>("", "duree_minutes")?),
            });
        }
    }
}

/// Replaces the rollups by those computed from the accompaniments (call it inside a write transaction).
pub async fn reconstruire(db: &impl ConnectionTrait) -> Result<(), AppError> {
    let cumuls = calculer(db).await?;
    for table in [TABLE, TABLE_DEPARTEMENTS] {
        db.execute(&Query::delete().from_table(Alias::new(table)).to_owned())
            .await?;
    }
    cumuls.ajouter_a(db).await
}

/// The whole rollups as stored, to compare with [`calculer`].
pub async fn stocke(db: &impl ConnectionTrait) -> Result<Cumuls, AppError> {
    let mut select = Query::select();
    select.from(Alias::new(TABLE)).column(Alias::new("conseiller_id"));
    let ids: Vec<i64> = db
        .query_all(&select.distinct().to_owned())
        .await?
        .iter()
        .map(|l| l.try_get("", "conseiller_id"))
        .collect::<Result<_, _>>()?;
    let mut par_departement = HashMap::new();
    let mut tout = Query::select();
    tout.from(Alias::new(TABLE_DEPARTEMENTS))
        .columns(colonnes("departement_code").map(Alias::new));
    for ligne in db.query_all(&tout).await? {
        if let Some(axe) = Axe::depuis(&ligne.try_get::<String>("", "axe")?) {
            par_departement.insert(
                (
                    ligne.try_get("", "departement_code")?,
                    ligne.try_get("", "mois")?,
                    axe,
                    ligne.try_get("", "cle")?,
                ),
                totaux(&ligne)?,
            );
        }
    }
    Ok(Cumuls {
        par_conseiller: lire(db, &ids, 0, 999_999).await?.into_iter().collect(),
        par_departement,
    })
}

/// The sums over `departements` (all when `None`) and the months `de..=a` (YYYYMM): the `total` rows by
/// département and month, the other axes by key. Two statements whatever the zone, from the nation to one
/// département: the rows are a few per département, month and key, whatever the number of accompaniments.
pub async fn sommes_des_departements(
    db: &impl ConnectionTrait,
    departements: Option<&[String]>,
    de: i32,
    a: i32,
) -> Result<Vec<(CleDepartement, Totals)>, AppError> {
    let mut resultat = Vec::new();
    for total in [true, false] {
        let mut select = Query::select();
        let groupes: &[&str] = if total {
            &["departement_code", "mois", "axe", "cle"]
        } else {
            &["axe", "cle"]
        };
        select
            .from(Alias::new(TABLE_DEPARTEMENTS))
            .columns(groupes.iter().map(|c| Alias::new(*c)))
            .and_where(Expr::col(Alias::new("mois")).between(de, a))
            .group_by_columns(groupes.iter().map(|c| Alias::new(*c)));
        let axe_total = Expr::col(Alias::new("axe")).eq(Axe::Total.as_str());
        select.and_where(if total { axe_total } else { axe_total.not() });
        if let Some(codes) = departements {
            select.and_where(Expr::col(Alias::new("departement_code")).is_in(codes.iter().cloned()));
        }
        for compte in ["accompagnements", "participants", "minutes"] {
            select.expr_as(
                crate::database::somme(Expr::col(Alias::new(compte))),
                Alias::new(compte),
            );
        }
        for ligne in db.query_all(&select).await? {
            let Some(axe) = Axe::depuis(&ligne.try_get::<String>("", "axe")?) else {
                continue;
            };
            let (departement, mois) = if total {
                (ligne.try_get("", "departement_code")?, ligne.try_get("", "mois")?)
            } else {
                (String::new(), 0)
            };
            resultat.push((
                (departement, mois, axe, ligne.try_get("", "cle")?),
                totaux(&ligne)?,
            ));
        }
    }
    Ok(resultat)
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

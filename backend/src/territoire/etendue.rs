//! The zone a figure covers (the country, a région, a département), and the record that a zone's figures
//! changed. Writers of the domains below the read models call [`figures_modifiees`] in their own
//! transaction; `indicateur::cumul` recounts a zone at its next read. Writers never recount themselves.

use maillage_shared::territoire::Zone;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entity::departement;
use crate::error::AppError;

/// The rollup of the département figures (`cumul_departement`), read and recounted by `indicateur::cumul`.
pub const TABLE_CUMUL: &str = "cumul_departement";

/// What a figure is computed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Etendue {
    Nationale,
    Region(String),
    Departement(String),
}

/// The programme's départements of a zone, by code.
pub async fn departements_de(
    db: &impl ConnectionTrait,
    zone: &Etendue,
) -> Result<Vec<departement::Model>, AppError> {
    let mut query = departement::Entity::find().filter(departement::Column::Zone.ne(Zone::Com.as_str()));
    query = match zone {
        Etendue::Nationale => query,
        Etendue::Region(code) => query.filter(departement::Column::RegionCode.eq(code.as_str())),
        Etendue::Departement(code) => query.filter(departement::Column::Code.eq(code.as_str())),
    };
    Ok(query.order_by_asc(departement::Column::Code).all(db).await?)
}

/// Records that figures of the zone changed: its stored rollup rows are dropped in the writer's transaction,
/// so no reader takes them once the change is committed, and the next reader counts them again.
pub async fn figures_modifiees(db: &impl ConnectionTrait, zone: &Etendue) -> Result<(), AppError> {
    // Waits for a recount under way to commit first: otherwise its figures, counted before this change, would
    // be stored after this deletion and served as fresh.
    verrouiller_les_recomptes(db).await?;
    let mut suppression = Query::delete();
    suppression.from_table(Alias::new(TABLE_CUMUL));
    if *zone != Etendue::Nationale {
        let codes = departements_de(db, zone).await?.into_iter().map(|d| d.code);
        suppression.and_where(Expr::col(Alias::new("departement_code")).is_in(codes));
    }
    db.execute(&suppression).await?;
    Ok(())
}

/// Serialises the recounts of the rollup with the changes that drop it. On PostgreSQL an advisory lock held
/// until commit (taking it twice is allowed); SQLite's write transactions already run one at a time
/// (`BEGIN IMMEDIATE`).
pub async fn verrouiller_les_recomptes(db: &impl ConnectionTrait) -> Result<(), AppError> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        db.execute_unprepared("SELECT pg_advisory_xact_lock(7303)")
            .await?;
    }
    Ok(())
}

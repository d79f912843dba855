//! What every resolver needs from the request: the caller, today's date, one transaction per mutation, the
//! parsing of row ids, and a way to say that an answer depends on the time. Resolvers of every domain use
//! these; no domain service depends on them.

use async_graphql::{Context, ID};
use chrono::{NaiveDate, Utc};
use sea_orm::{DatabaseConnection, DatabaseTransaction};

use crate::compte::acteur::{Acteur, Appelant};
use crate::error::{AppError, GraphqlResult};

/// Today's date for deadlines and call periods: the day in metropolitan France (`maillage_shared::jour`),
/// not UTC's, which is still yesterday there until 01:00 or 02:00.
pub fn today() -> NaiveDate {
    maillage_shared::jour::jour_en_metropole(Utc::now())
}

/// Raised by a field whose value depends on the time, not only on the data ("open now"): its answer holds
/// until the end of the current minute, the finest grain of opening hours (the HTTP layer keeps it as a
/// ready answer that long). Shared by the fields of one request.
#[derive(Debug, Clone, Default)]
pub struct DependDeLHeure(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl DependDeLHeure {
    /// Whether a field of the request said so.
    pub fn oui(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Says that this request's answer depends on the time.
pub fn depend_de_l_heure(ctx: &Context<'_>) {
    if let Some(drapeau) = ctx.data_opt::<DependDeLHeure>() {
        drapeau.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The caller of the request, authenticated or not.
pub fn caller<'a>(ctx: &'a Context<'_>) -> &'a Appelant {
    static ANONYME: Appelant = Appelant(None);
    ctx.data_opt::<Appelant>().unwrap_or(&ANONYME)
}

/// The authenticated caller, or `UNAUTHENTICATED`.
pub fn actor<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a Acteur> {
    caller(ctx).acteur().graphql()
}

/// Parses a GraphQL ID of a database row.
pub fn numeric_id(id: &ID) -> Result<i64, AppError> {
    id.parse::<i64>()
        .map_err(|_| AppError::InvalidInput(format!("identifiant invalide : « {} »", id.as_str())))
}

/// Runs `operation` in one transaction: it commits only if everything succeeded.
pub async fn in_transaction<T, F>(ctx: &Context<'_>, operation: F) -> async_graphql::Result<T>
where
    F: AsyncFnOnce(&DatabaseTransaction, &Acteur) -> Result<T, AppError>,
{
    let db = ctx.data::<DatabaseConnection>()?;
    let acteur = actor(ctx)?;
    let txn = crate::database::ecriture(db).await.graphql()?;
    let resultat = operation(&txn, acteur).await.graphql()?;
    // In the same transaction: no change without its audit entry, no entry for a change rolled back.
    crate::journal::consigner(&txn, &crate::journal::du_champ(ctx, Some(acteur)))
        .await
        .graphql()?;
    txn.commit().await.graphql()?;
    Ok(resultat)
}

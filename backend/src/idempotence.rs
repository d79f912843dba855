//! Idempotency keys of create mutations. The key is remembered with the id created, in the same transaction
//! as the creation: a retry after a lost answer finds it and gets the same id, and a creation rolled back
//! leaves no key behind.

use chrono::Utc;
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};

use crate::error::AppError;

/// Checks the shape of a client's key (1 to 64 printable ASCII characters, e.g. a UUID).
pub fn verifier_cle(cle: &str) -> Result<(), AppError> {
    if cle.is_empty() || cle.len() > 64 || !cle.chars().all(|c| c.is_ascii_graphic()) {
        return Err(AppError::InvalidInput(
            "La clé d’idempotence doit compter 1 à 64 caractères ASCII visibles.".to_owned(),
        ));
    }
    Ok(())
}

/// The id created earlier under this key by this person, for this operation.
pub async fn deja_fait(
    txn: &impl ConnectionTrait,
    utilisateur_id: i64,
    cle: &str,
    operation: &str,
) -> Result<Option<i64>, AppError> {
    verifier_cle(cle)?;
    let mut select = Query::select();
    select
        .from(Alias::new("idempotence"))
        .columns(["operation", "resultat"].map(Alias::new))
        .and_where(Expr::col(Alias::new("utilisateur_id")).eq(utilisateur_id))
        .and_where(Expr::col(Alias::new("cle")).eq(cle));
    let Some(ligne) = txn.query_one(&select).await? else {
        return Ok(None);
    };
    let faite: String = ligne.try_get("", "operation")?;
    if faite != operation {
        return Err(AppError::Conflit(format!(
            "Cette clé d’idempotence a déjà servi pour une autre opération ({faite})."
        )));
    }
    let resultat: String = ligne.try_get("", "resultat")?;
    resultat
        .parse()
        .map(Some)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("résultat d’idempotence illisible : {resultat}")))
}

/// Remembers the id created under this key.
pub async fn retenir(
    txn: &impl ConnectionTrait,
    utilisateur_id: i64,
    cle: &str,
    operation: &str,
    resultat: i64,
) -> Result<(), AppError> {
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new("idempotence"))
        .columns(["utilisateur_id", "cle", "operation", "resultat", "cree_le"].map(Alias::new))
        .values_panic([
            utilisateur_id.into(),
            cle.into(),
            operation.into(),
            resultat.to_string().into(),
            Utc::now().into(),
        ]);
    txn.execute(&insert)
        .await
        .map_err(|erreur| match erreur.sql_err() {
            // The same key sent twice at once: the other request is creating it; a retry gets its result.
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                AppError::Conflit("Cette demande est déjà en cours de traitement : réessayez.".to_owned())
            }
            _ => erreur.into(),
        })?;
    Ok(())
}

//! Calls for applications: data, not constants. The real 2023 call is ensured at start-up; a candidature is
//! filed only while a call is open.

use chrono::NaiveDate;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entity::appel;
use crate::error::AppError;

/// The call for applications of 2023: it closed on 10 December 2023 (IV). Its opening date is not in the
/// call's text: its publication month is assumed (docs/decisions.md).
pub(super) const APPEL_2023: &str = "Appel à candidatures Conseillers numériques coordinateurs 2023";
const OUVERTURE_2023: NaiveDate = date(2023, 10, 1);
const CLOTURE_2023: NaiveDate = date(2023, 12, 10);

const fn date(annee: i32, mois: u32, jour: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(annee, mois, jour) {
        Some(date) => date,
        None => panic!("date invalide"),
    }
}

/// Inserts the calls that are reference data when missing (run after every migration).
pub async fn assurer_appels_de_reference(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    if appel::Entity::find()
        .filter(appel::Column::Nom.eq(APPEL_2023))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    appel::ActiveModel {
        id: NotSet,
        nom: Set(APPEL_2023.to_owned()),
        ouverture: Set(OUVERTURE_2023),
        cloture: Set(CLOTURE_2023),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The open call of the day (the most recently opened one), if any.
pub async fn appel_ouvert(
    db: &impl ConnectionTrait,
    aujourd_hui: NaiveDate,
) -> Result<Option<appel::Model>, AppError> {
    Ok(appel::Entity::find()
        .filter(appel::Column::Ouverture.lte(aujourd_hui))
        .filter(appel::Column::Cloture.gte(aujourd_hui))
        .order_by_desc(appel::Column::Ouverture)
        .one(db)
        .await?)
}

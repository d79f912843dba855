//! A département (or an overseas collectivité, marked by its zone).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "departement")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub nom: String,
    pub cle_recherche: String,
    pub region_code: String,
    pub zone: String,
    pub population: i64,
    pub nombre_communes: i64,
    pub nombre_epcis: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The postal codes of a commune (a commune may have several, a postal code several communes).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "commune_code_postal")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub commune_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub code_postal: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

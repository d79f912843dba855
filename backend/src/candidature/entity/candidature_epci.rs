//! An EPCI of a candidature's perimeter.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidature_epci")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub candidature_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub epci_code: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

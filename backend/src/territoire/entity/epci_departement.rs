//! The départements an EPCI has member communes in (an EPCI may span several).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "epci_departement")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub epci_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub departement_code: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

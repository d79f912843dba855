//! A role held by a person, with its scope: a structure, a département or a région (none for ANCT).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_utilisateur")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub utilisateur_id: i64,
    pub role: String,
    pub structure_id: Option<i64>,
    pub departement_code: Option<String>,
    pub region_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

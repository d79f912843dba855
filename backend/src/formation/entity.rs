//! One row per person who declared its training.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "formation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub utilisateur_id: i64,
    pub ccp1: String,
    pub ccp1_le: Option<Date>,
    pub pix: bool,
    pub pix_le: Option<Date>,
    pub module_continu: String,
    pub module_continu_le: Option<Date>,
    pub modifie_le: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

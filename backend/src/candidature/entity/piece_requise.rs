//! A document a call requires, for one case or all, for one category of structure or all.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "piece_requise")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub appel_id: i64,
    pub nature: String,
    pub cas: Option<String>,
    pub categorie: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

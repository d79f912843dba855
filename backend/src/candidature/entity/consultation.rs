//! The consultation of an employer of conseillers numériques by a candidate structure (I.b, IV).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub candidature_id: i64,
    /// The structure consulted.
    pub structure_id: i64,
    pub consultee_le: Date,
    pub reponse: String,
    pub commentaire: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

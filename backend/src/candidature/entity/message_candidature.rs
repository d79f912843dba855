//! A message written on a candidature by its structure, the préfecture of its département or ANCT.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message_candidature")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub candidature_id: i64,
    /// Empty once the author's account is deleted; the message stays.
    pub auteur_id: Option<i64>,
    pub role_auteur: String,
    pub texte: String,
    pub envoye_le: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

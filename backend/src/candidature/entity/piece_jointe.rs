//! A document of a candidature: what it is and who gave it; its bytes are in the storage under `cle`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "piece_jointe")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub candidature_id: i64,
    /// The message it came with, if any.
    pub message_id: Option<i64>,
    pub nature: String,
    /// The name the file had on the giver's computer, cleaned.
    pub nom: String,
    /// Read from the content.
    pub format: String,
    pub taille: i64,
    /// SHA-256 of the content, in hexadecimal.
    pub empreinte: String,
    pub cle: String,
    pub deposee_par: Option<i64>,
    pub role_deposant: String,
    pub deposee_le: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

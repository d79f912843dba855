//! Storage of an API token (never the token itself: its SHA-256).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jeton_api")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub nom: String,
    pub empreinte: String,
    pub portee: String,
    pub ips: String,
    pub expire_le: DateTimeUtc,
    pub derniere_utilisation: Option<DateTimeUtc>,
    pub revoque_le: Option<DateTimeUtc>,
    pub cree_par: i64,
    pub cree_le: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

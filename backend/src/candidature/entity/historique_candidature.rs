//! One state change of a candidature: append-only, never updated nor deleted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "historique_candidature")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub candidature_id: i64,
    pub utilisateur_id: i64,
    pub role: String,
    pub de_statut: Option<String>,
    pub vers_statut: String,
    pub commentaire: Option<String>,
    pub horodatage: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

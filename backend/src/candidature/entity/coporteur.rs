//! A structure invited to carry a candidature with the structure that wrote it (migration 34).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "coporteur_candidature")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub candidature_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub structure_id: i64,
    pub invitee_le: DateTimeUtc,
    pub invitee_par: Option<i64>,
    /// `None` while the invitation waits for the structure's answer.
    pub confirmee_le: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

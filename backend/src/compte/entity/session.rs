//! A login session, kept in the database so any instance behind a load balancer can serve it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    /// SHA-256 of the cookie's token: a stolen database does not give usable sessions.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub utilisateur_id: i64,
    /// The role the person acts in now.
    pub role_utilisateur_id: Option<i64>,
    pub cree_le: DateTimeUtc,
    pub expire_le: DateTimeUtc,
    /// The ID token of a session opened through ProConnect: its logout needs it.
    pub id_token_proconnect: Option<String>,
    /// The assurance level ProConnect vouched for when the session opened (`eidas1`…).
    pub acr: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A single-use link sent by email (verify an address, reset a password, change an address): only the
//! SHA-256 of its secret is stored.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jeton_compte")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub utilisateur_id: i64,
    /// `VERIFICATION`, `REINITIALISATION` or `CHANGEMENT_ADRESSE`.
    pub usage: String,
    /// SHA-256 of the secret, hexadecimal.
    pub empreinte: String,
    /// The address the link was sent to (the new one for a change of address).
    pub adresse: String,
    pub cree_le: DateTimeUtc,
    pub expire_le: DateTimeUtc,
    pub utilise_le: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

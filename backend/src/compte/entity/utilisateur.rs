//! A person with an account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "utilisateur")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Lowercase, unique.
    pub email: String,
    /// Argon2id hash in PHC format.
    pub mot_de_passe: String,
    pub prenom: String,
    pub nom: String,
    pub cree_le: DateTimeUtc,
    /// When the person opened a link sent to their address; `None` until then.
    pub adresse_verifiee_le: Option<DateTimeUtc>,
    /// The ProConnect identity (`sub`) the account is bound to, if any.
    pub proconnect_sub: Option<String>,
    /// When ANCT deactivated the account; nobody logs in with it until it is reactivated.
    pub desactive_le: Option<DateTimeUtc>,
    /// The person's roles read in the feminine; `None` until they say (generic masculine).
    pub au_feminin: Option<bool>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Storage of a structure (porteuse or employer of conseillers numériques).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "structure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub siret: String,
    pub nom: String,
    /// One of the ten categories of the call, or `None` when the structure fits none.
    pub categorie: Option<String>,
    pub statut_public: bool,
    pub mission_interet_general: bool,
    pub commune_code: String,
    pub departement_code: String,
    /// Number of conseiller numérique posts it employs (0: not in the programme).
    pub conseillers_numeriques: i32,
    pub cree_le: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

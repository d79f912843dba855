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
    /// The INSEE legal category the company register gave at registration (`None`: registered by hand).
    pub nature_juridique: Option<String>,
    /// The category of the call that legal form implies, when it alone decides.
    pub categorie_proposee: Option<String>,
    /// Why the structure chose another category than the one proposed.
    pub motif_categorie: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

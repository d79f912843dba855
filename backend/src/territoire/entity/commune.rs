//! A current commune (communes déléguées and associées are not stored).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "commune")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub nom: String,
    pub cle_recherche: String,
    pub departement_code: String,
    pub region_code: String,
    pub epci_code: Option<String>,
    pub siren: Option<String>,
    pub zone: String,
    pub population: i64,
    /// The commune's centre, in degrees (the referential's, from geo.api.gouv.fr).
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

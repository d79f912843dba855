//! An invitation to hold a role with its scope; only the SHA-256 of its link's secret is stored.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation_role")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The invited address, lowercase.
    pub email: String,
    pub role: String,
    pub departement_code: Option<String>,
    pub region_code: Option<String>,
    pub structure_id: Option<i64>,
    /// Who invited; `None` for the first ANCT agent, invited from the command line.
    pub invite_par: Option<i64>,
    pub empreinte: String,
    pub cree_le: DateTimeUtc,
    pub expire_le: DateTimeUtc,
    pub acceptee_le: Option<DateTimeUtc>,
    pub acceptee_par: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

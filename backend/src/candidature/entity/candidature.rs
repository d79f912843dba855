//! A candidature for a coordinator post, its form, the préfecture's avis and ANCT's decision.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidature")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub structure_id: i64,
    pub appel_id: i64,
    /// The structure's département: its préfecture gives the avis.
    pub departement_code: String,
    pub region_code: String,
    pub statut: String,
    pub cas: Option<String>,
    pub contrat: Option<String>,
    pub perimetre_departement_code: Option<String>,
    pub diagnostic: String,
    pub partenaires: String,
    pub articulation_gouvernance: String,
    pub missions_maillage: String,
    pub missions_relais: String,
    pub missions_collaborations: String,
    pub candidat_identifie: Option<bool>,
    pub date_prise_poste: Option<Date>,
    pub montant_subvention: Option<i32>,
    pub duree_mois: Option<i32>,
    pub depose_le: Option<Date>,
    pub avis_favorable: Option<bool>,
    pub avis_commentaire: Option<String>,
    pub avis_le: Option<DateTimeUtc>,
    pub decision_validee: Option<bool>,
    pub decision_motif: Option<String>,
    /// Day of the decision, which is also its notification (the recruitment deadline runs from it).
    pub decide_le: Option<Date>,
    pub cree_le: DateTimeUtc,
    pub modifie_le: DateTimeUtc,
    /// Coordinator posts validated by ANCT for this candidature (the recruitment quota).
    pub postes_valides: i32,
    /// When the five-month recruitment reminder was sent.
    pub rappel_recrutement_le: Option<Date>,
    /// The post ended before its term: given back by the structure, or withdrawn by ANCT.
    pub poste_clos_le: Option<Date>,
    /// `STRUCTURE` (given back) or `ANCT` (withdrawn).
    pub poste_clos_par: Option<String>,
    pub poste_clos_motif: Option<String>,
    /// ANCT's notice that the post, still unfilled after the deadline, will be withdrawn.
    pub preavis_retrait_le: Option<Date>,
    pub preavis_retrait_motif: Option<String>,
    /// The structure's place in the gouvernance of its département, as it declares it.
    pub gouvernance_declaree: Option<String>,
    /// The SGAR's consultative opinion, beside the préfecture's avis.
    pub avis_sgar_favorable: Option<bool>,
    pub avis_sgar_commentaire: Option<String>,
    pub avis_sgar_le: Option<DateTimeUtc>,
    pub avis_sgar_par: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

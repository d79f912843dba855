//! Storage of what follows a validated candidature.

pub mod conseiller {
    //! A conseiller numérique in post, employed by a structure.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "conseiller")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub utilisateur_id: i64,
        pub structure_id: i64,
        pub commune_code: String,
        pub contrat_debut: Option<Date>,
        pub contrat_fin: Option<Date>,
        /// End of the initial funding of the conseiller's post (an avenant's coordinator funding starts after).
        pub fin_financement_initial: Option<Date>,
        pub cree_le: DateTimeUtc,
        /// `maillage_shared::subvention::TypeContrat::as_str`, as the programme's file gives it.
        pub type_contrat: Option<String>,
        /// When the programme's file last gave this conseiller (`None`: recorded otherwise).
        pub importe_le: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod profil_candidat {
    //! A person of the national candidate pool (vivier).
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "profil_candidat")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub utilisateur_id: i64,
        pub commune_code: String,
        pub departement_code: String,
        pub region_code: String,
        pub rayon_km: i32,
        pub disponible_le: Option<Date>,
        pub experience: String,
        pub diplomes: String,
        pub pix: bool,
        pub ccp1: bool,
        /// The person's consent to be seen by eligible structures.
        pub visible: bool,
        pub cree_le: DateTimeUtc,
        pub modifie_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod recrutement {
    //! The relation between a validated post and a candidate of the pool.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "recrutement")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub candidature_id: i64,
        pub profil_candidat_id: i64,
        pub statut: String,
        pub contrat: Option<String>,
        pub debut: Option<Date>,
        pub fin: Option<Date>,
        pub cree_le: DateTimeUtc,
        pub modifie_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod coordinateur {
    //! A coordinator in post on a validated candidature, with its obligations.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "coordinateur")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub candidature_id: i64,
        pub utilisateur_id: i64,
        /// RECRUTEMENT or ATTRIBUTION (the role given to a conseiller already in post).
        pub mode: String,
        pub conseiller_id: Option<i64>,
        pub en_poste_depuis: Date,
        pub parti_le: Option<Date>,
        pub temps_plein: bool,
        pub formation_initiale_le: Option<Date>,
        /// Years with a continuing-training module, comma separated.
        pub formations_continues: String,
        pub pix_demande: bool,
        pub pix_obtenu: bool,
        pub ccp1_demande: bool,
        pub ccp1_obtenu: bool,
        /// Shown on the public map (name, structure, perimeter); the coordinator can hide.
        pub visible_carte: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod convention {
    //! The convention (or avenant) funding a coordinator post; its payments are its `versement`s.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "convention")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub candidature_id: i64,
        pub r#type: String,
        pub montant: i32,
        pub demandee_le: Date,
        pub signee_le: Option<Date>,
        pub debut_financement: Option<Date>,
        pub fin_financement: Option<Date>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod versement {
    //! One instalment of a post's subsidy (`maillage_shared::poste::StatutVersement`).
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "versement")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub convention_id: i64,
        /// `PREMIER` or `SECOND`.
        pub financement: String,
        /// Its rank within its funding, from 1.
        pub rang: i32,
        pub montant: i32,
        /// The first day of its month.
        pub prevu_le: Date,
        pub statut: String,
        pub paye_le: Option<Date>,
        /// Why it was suspended or reclaimed.
        pub motif: Option<String>,
        pub modifie_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

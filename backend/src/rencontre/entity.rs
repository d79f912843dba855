//! Tables of the rencontres a hub organises, the registrations and the relays of training sessions.

pub mod rencontre {
    //! A working group, regional event or continuing-training session of a région (its hub's), or a meeting
    //! day of a département (its préfecture's).
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "rencontre_regionale")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub region_code: String,
        /// Set for a préfecture's meeting day: the département it gathers.
        pub departement_code: Option<String>,
        pub nature: String,
        pub titre: String,
        pub date: Date,
        pub lieu: String,
        pub description: String,
        /// Written by the hub once the rencontre took place.
        pub compte_rendu: Option<String>,
        /// The hub agent who announced it (kept empty when they leave).
        pub organisateur_id: Option<i64>,
        pub cree_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod inscription {
    //! A person registered to a rencontre (for a conseiller, their interest in a training session).
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "inscription_rencontre")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub rencontre_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub utilisateur_id: i64,
        pub inscrit_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod relais {
    //! A training session relayed by a coordinator to a member of its team.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "relais_rencontre")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub rencontre_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub utilisateur_id: i64,
        pub relaye_par: Option<i64>,
        pub relaye_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

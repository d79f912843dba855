//! Tables of the gouvernances (migration 33).

pub mod gouvernance {
    //! One per département, created with its first change.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "gouvernance")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub departement_code: String,
        pub note_de_contexte: String,
        pub modifiee_le: DateTimeUtc,
        pub modifiee_par: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod membre {
    //! A member: a structure by SIRET, or a collectivité by the territory it governs.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "membre_gouvernance")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub departement_code: String,
        pub nom: String,
        pub siret: Option<String>,
        pub nature_collectivite: Option<String>,
        pub code_territoire: Option<String>,
        pub co_porteur: bool,
        pub ajoute_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod comite {
    //! A comité of the gouvernance.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "comite_gouvernance")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub departement_code: String,
        #[sea_orm(column_name = "type")]
        pub type_comite: String,
        pub frequence: String,
        pub prochaine_reunion: Option<Date>,
        pub commentaire: String,
        pub modifie_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod feuille_de_route {
    //! A feuille de route of the gouvernance.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "feuille_de_route")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub departement_code: String,
        pub nom: String,
        pub perimetre: String,
        /// The member that carries it.
        pub porteur_id: Option<i64>,
        pub contexte: String,
        pub modifiee_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod action {
    //! An action of a feuille de route.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_feuille_de_route")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub feuille_de_route_id: i64,
        pub nom: String,
        pub description: String,
        /// The needs' stored names joined with `|`.
        pub besoins: String,
        pub budget: i64,
        pub debut: Date,
        pub fin: Date,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod historique {
    //! What changed in a gouvernance, by whom, when.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "historique_gouvernance")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub departement_code: String,
        pub le: DateTimeUtc,
        pub utilisateur_id: Option<i64>,
        pub texte: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod structure_d_accueil {
    //! A structure the préfecture identifies as able to host a coordinator in its département.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "structure_d_accueil")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub departement_code: String,
        pub siret: String,
        pub nom: String,
        /// Why the préfecture identifies it.
        pub commentaire: String,
        pub designee_le: DateTimeUtc,
        pub designee_par: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

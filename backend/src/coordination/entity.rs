//! Tables of the coordinator's actions, bilateral meetings and messages to its team.

pub mod action {
    //! An action of a coordinator (kept when the coordinator leaves: it is the post's history).
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "action_coordination")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub coordinateur_id: i64,
        /// Who recorded it.
        pub utilisateur_id: i64,
        pub nature: String,
        pub axe: String,
        pub titre: String,
        pub date: Date,
        pub lieu: String,
        pub description: String,
        pub partenaires: String,
        /// Of the coordinator's post: who is invited to a meeting day depends on them.
        pub departement_code: String,
        pub region_code: String,
        pub cree_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod inscription {
    //! A person invited to a meeting day who registered.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "inscription_action")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub action_id: i64,
        #[sea_orm(primary_key, auto_increment = false)]
        pub utilisateur_id: i64,
        pub inscrit_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod entretien {
    //! A bilateral meeting of a coordinator with a member of its team; its notes are its author's alone.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "entretien")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        /// The coordinator's post.
        pub coordinateur_id: i64,
        pub auteur_id: i64,
        /// The conseiller or médiateur met.
        pub personne_id: i64,
        pub date: Date,
        pub notes: String,
        pub prochaine_etape: String,
        pub cree_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod message_equipe {
    //! A message a coordinator sent to its team, or to some of its members.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "message_equipe")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub coordinateur_id: i64,
        pub auteur_id: Option<i64>,
        pub objet: String,
        pub texte: String,
        /// How many people received it.
        pub destinataires: i32,
        pub envoye_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

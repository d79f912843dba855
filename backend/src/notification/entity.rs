//! Storage of in-app notifications and of the email outbox.

pub mod notification {
    //! A message shown in the app to one person.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub utilisateur_id: i64,
        pub titre: String,
        pub message: String,
        /// Path in the app of what the notification is about.
        pub lien: String,
        pub lue: bool,
        pub cree_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod email_sortant {
    //! An email waiting in the outbox, sent by the background worker.
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "email_sortant")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub destinataire: String,
        pub sujet: String,
        pub corps: String,
        pub cree_le: DateTimeUtc,
        pub envoye_le: Option<DateTimeUtc>,
        pub tentatives: i32,
        pub prochaine_tentative: DateTimeUtc,
        pub derniere_erreur: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

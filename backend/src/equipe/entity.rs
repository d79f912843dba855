//! The invitations of médiateurs numériques, which become their membership of the team once accepted.

pub mod invitation {
    //! One person invited into the team of one coordinator post (kept after they leave: history).
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invitation_mediateur")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub coordinateur_id: i64,
        pub email: String,
        pub prenom: String,
        pub nom: String,
        /// The structure the person works for, as the coordinator wrote it.
        pub structure: String,
        pub commune_code: Option<String>,
        pub statut: String,
        /// SHA-256 of the link's secret; cleared once answered.
        pub jeton_empreinte: Option<String>,
        pub envois: i32,
        pub envoyee_le: DateTimeUtc,
        pub repondue_le: Option<DateTimeUtc>,
        /// The account of the person, once accepted.
        pub utilisateur_id: Option<i64>,
        pub arrive_le: Option<Date>,
        pub parti_le: Option<Date>,
        pub motif_depart: String,
        pub cree_le: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

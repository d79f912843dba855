//! ProConnect, the State's identity federation: the identity (`sub`) an account is bound to, the ID token a
//! session keeps for the logout, with the assurance level (`acr`) it was opened at, and the logins under way
//! (the hash of their `state`, their `nonce`), kept in the database so any instance may receive the return.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    ProconnectSub,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    IdTokenProconnect,
    Acr,
}

#[derive(DeriveIden)]
enum ConnexionProconnect {
    Table,
    Id,
    Empreinte,
    Nonce,
    CreeLe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Utilisateur::Table)
                    .add_column(ColumnDef::new(Utilisateur::ProconnectSub).string_len(256))
                    .to_owned(),
            )
            .await?;
        // SQLite adds no unique column: the uniqueness is an index.
        manager
            .create_index(
                Index::create()
                    .name("idx_utilisateur_proconnect_sub")
                    .table(Utilisateur::Table)
                    .col(Utilisateur::ProconnectSub)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for colonne in [Session::IdTokenProconnect, Session::Acr] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Session::Table)
                        .add_column(ColumnDef::new(colonne).text())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ConnexionProconnect::Table)
                    .col(
                        ColumnDef::new(ConnexionProconnect::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ConnexionProconnect::Empreinte)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(ConnexionProconnect::Nonce)
                            .string_len(128)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConnexionProconnect::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ConnexionProconnect::Table).to_owned())
            .await?;
        for colonne in [Session::IdTokenProconnect, Session::Acr] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Session::Table)
                        .drop_column(colonne)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_utilisateur_proconnect_sub")
                    .table(Utilisateur::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Utilisateur::Table)
                    .drop_column(Utilisateur::ProconnectSub)
                    .to_owned(),
            )
            .await
    }
}

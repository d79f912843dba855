//! Addresses proven by a link, and the links themselves: when an account's address was verified (accounts
//! of earlier versions have not proven theirs and are asked to), and the single-use links sent to verify an
//! address, to reset a forgotten password or to change an address, stored as a SHA-256 hash only.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    Id,
    AdresseVerifieeLe,
}

#[derive(DeriveIden)]
enum JetonCompte {
    Table,
    Id,
    UtilisateurId,
    Usage,
    Empreinte,
    Adresse,
    CreeLe,
    ExpireLe,
    UtiliseLe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Utilisateur::Table)
                    .add_column(ColumnDef::new(Utilisateur::AdresseVerifieeLe).timestamp_with_time_zone())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(JetonCompte::Table)
                    .col(
                        ColumnDef::new(JetonCompte::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(JetonCompte::UtilisateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(JetonCompte::Usage).string_len(24).not_null())
                    .col(
                        ColumnDef::new(JetonCompte::Empreinte)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(JetonCompte::Adresse).string_len(254).not_null())
                    .col(
                        ColumnDef::new(JetonCompte::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(JetonCompte::ExpireLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(JetonCompte::UtiliseLe).timestamp_with_time_zone())
                    .foreign_key(
                        ForeignKey::create()
                            .from(JetonCompte::Table, JetonCompte::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_jeton_compte_utilisateur")
                    .table(JetonCompte::Table)
                    .col(JetonCompte::UtilisateurId)
                    .col(JetonCompte::Usage)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(JetonCompte::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Utilisateur::Table)
                    .drop_column(Utilisateur::AdresseVerifieeLe)
                    .to_owned(),
            )
            .await
    }
}

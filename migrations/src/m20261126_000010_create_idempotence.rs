//! Idempotency keys of create mutations: a client that lost the answer (network cut, server killed) sends
//! the same key again and gets the first result instead of a second creation.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Idempotence {
    Table,
    UtilisateurId,
    Cle,
    Operation,
    Resultat,
    CreeLe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Idempotence::Table)
                    .col(
                        ColumnDef::new(Idempotence::UtilisateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Idempotence::Cle).string_len(64).not_null())
                    .col(ColumnDef::new(Idempotence::Operation).string_len(64).not_null())
                    .col(ColumnDef::new(Idempotence::Resultat).string_len(64).not_null())
                    .col(
                        ColumnDef::new(Idempotence::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(Idempotence::UtilisateurId)
                            .col(Idempotence::Cle),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Idempotence::Table).to_owned())
            .await
    }
}

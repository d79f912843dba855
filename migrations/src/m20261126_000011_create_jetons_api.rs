//! API tokens of third parties: created by ANCT, shown once and stored as a SHA-256 fingerprint, scoped,
//! expiring, optionally restricted to addresses, revocable.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum JetonApi {
    Table,
    Id,
    Nom,
    Empreinte,
    /// OPEN_DATA, or DEPARTEMENT:<code> (read of one territory's candidatures).
    Portee,
    /// Allowed client addresses, comma separated; empty: any.
    Ips,
    ExpireLe,
    DerniereUtilisation,
    RevoqueLe,
    CreePar,
    CreeLe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(JetonApi::Table)
                    .col(
                        ColumnDef::new(JetonApi::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(JetonApi::Nom).string_len(120).not_null())
                    .col(
                        ColumnDef::new(JetonApi::Empreinte)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(JetonApi::Portee).string_len(32).not_null())
                    .col(ColumnDef::new(JetonApi::Ips).text().not_null())
                    .col(
                        ColumnDef::new(JetonApi::ExpireLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(JetonApi::DerniereUtilisation)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(JetonApi::RevoqueLe)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(JetonApi::CreePar).big_integer().not_null())
                    .col(
                        ColumnDef::new(JetonApi::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(JetonApi::Table).to_owned())
            .await
    }
}

//! An account ANCT deactivated (a person who left the programme): kept with its history, but nobody logs in
//! with it any more.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    DesactiveLe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Utilisateur::Table)
                    .add_column(ColumnDef::new(Utilisateur::DesactiveLe).timestamp_with_time_zone())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Utilisateur::Table)
                    .drop_column(Utilisateur::DesactiveLe)
                    .to_owned(),
            )
            .await
    }
}

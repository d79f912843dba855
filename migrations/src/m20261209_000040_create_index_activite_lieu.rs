//! A lieu's page says how many conseillers recorded accompaniments there in three months: one lieu's
//! recent accompaniments, read by lieu and date rather than through every accompaniment of the period
//! (half a second at national scale without it).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Activite {
    Table,
    LieuId,
    Date,
}

const INDEX: &str = "idx_activite_lieu_date";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Activite::Table)
                    .col(Activite::LieuId)
                    .col(Activite::Date)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Activite::Table).to_owned())
            .await
    }
}

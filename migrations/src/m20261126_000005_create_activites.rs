//! Activity reports (CRA) of conseillers numériques: one row per accompaniment, millions at national scale.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Activite {
    Table,
    Id,
    ConseillerId,
    Date,
    Type,
    Canal,
    Themes,
    DureeMinutes,
    Participants,
    CommuneCode,
    CreeLe,
}

#[derive(DeriveIden)]
enum Conseiller {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Activite::Table)
                    .col(
                        ColumnDef::new(Activite::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Activite::ConseillerId).big_integer().not_null())
                    .col(ColumnDef::new(Activite::Date).date().not_null())
                    .col(ColumnDef::new(Activite::Type).string_len(16).not_null())
                    .col(ColumnDef::new(Activite::Canal).string_len(24).not_null())
                    .col(ColumnDef::new(Activite::Themes).text().not_null())
                    .col(ColumnDef::new(Activite::DureeMinutes).integer().not_null())
                    .col(ColumnDef::new(Activite::Participants).integer().not_null())
                    .col(ColumnDef::new(Activite::CommuneCode).string_len(9).null())
                    .col(
                        ColumnDef::new(Activite::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Activite::Table, Activite::ConseillerId)
                            .to(Conseiller::Table, Conseiller::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The coordinator's figures read one conseiller's months; national figures read a period.
        manager
            .create_index(
                Index::create()
                    .name("idx_activite_conseiller_date")
                    .table(Activite::Table)
                    .col(Activite::ConseillerId)
                    .col(Activite::Date)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_activite_date")
                    .table(Activite::Table)
                    .col(Activite::Date)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Activite::Table).to_owned())
            .await
    }
}

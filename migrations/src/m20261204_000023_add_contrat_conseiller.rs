//! The contract of a conseiller numérique as the programme's file gives it (ANCT or a préfecture imports
//! the file): its type, and when the conseiller was last imported (`None` for one recorded otherwise).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Conseiller {
    Table,
    TypeContrat,
    ImporteLe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Conseiller::Table)
                    .add_column(ColumnDef::new(Conseiller::TypeContrat).string_len(40))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Conseiller::Table)
                    .add_column(ColumnDef::new(Conseiller::ImporteLe).timestamp_with_time_zone())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for colonne in [Conseiller::TypeContrat, Conseiller::ImporteLe] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Conseiller::Table)
                        .drop_column(colonne)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

//! The annual activity reports the coordinators send to their préfecture: what was sent is kept as it was
//! (figures of that day), so the préfecture reads the report it received even when the data changes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RapportAnnuel {
    Table,
    CoordinateurId,
    Annee,
    Contenu,
    EnvoyePar,
    EnvoyeLe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RapportAnnuel::Table)
                    .col(
                        ColumnDef::new(RapportAnnuel::CoordinateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RapportAnnuel::Annee).integer().not_null())
                    // The report as sent, in JSON.
                    .col(ColumnDef::new(RapportAnnuel::Contenu).text().not_null())
                    .col(ColumnDef::new(RapportAnnuel::EnvoyePar).big_integer().not_null())
                    .col(
                        ColumnDef::new(RapportAnnuel::EnvoyeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(RapportAnnuel::CoordinateurId)
                            .col(RapportAnnuel::Annee),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RapportAnnuel::Table).to_owned())
            .await
    }
}

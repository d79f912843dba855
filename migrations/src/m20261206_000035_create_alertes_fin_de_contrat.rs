//! `alerte_fin_contrat`: the warnings sent to coordinators two months before a conseiller's contract ends,
//! one per conseiller and contract end (`contrat_fin`): the row is the claim, so the warning leaves once
//! even with several instances, and a renewed contract that ends again is warned about again.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AlerteFinContrat {
    Table,
    ConseillerId,
    ContratFin,
    SignaleeLe,
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
                    .table(AlerteFinContrat::Table)
                    .col(
                        ColumnDef::new(AlerteFinContrat::ConseillerId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(AlerteFinContrat::ContratFin).date().not_null())
                    .col(
                        ColumnDef::new(AlerteFinContrat::SignaleeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(AlerteFinContrat::ConseillerId)
                            .col(AlerteFinContrat::ContratFin),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AlerteFinContrat::Table, AlerteFinContrat::ConseillerId)
                            .to(Conseiller::Table, Conseiller::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AlerteFinContrat::Table).to_owned())
            .await
    }
}

//! The indicators of each département (coordinators, conseillers, lieux, covered population, candidatures
//! by status), recomputed in the transaction of each change that moves them: the national map reads about
//! a thousand small rows instead of scanning communes, lieux and candidatures. `calcule_le` dates the
//! figures, since a contract that ends changes a count without any write.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CumulDepartement {
    Table,
    DepartementCode,
    Indicateur,
    Valeur,
    CalculeLe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CumulDepartement::Table)
                    .col(
                        ColumnDef::new(CumulDepartement::DepartementCode)
                            .string_len(3)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CumulDepartement::Indicateur)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CumulDepartement::Valeur).big_integer().not_null())
                    .col(ColumnDef::new(CumulDepartement::CalculeLe).date().not_null())
                    .primary_key(
                        Index::create()
                            .col(CumulDepartement::DepartementCode)
                            .col(CumulDepartement::Indicateur),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CumulDepartement::Table).to_owned())
            .await
    }
}

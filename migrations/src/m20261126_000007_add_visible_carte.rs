//! Whether a coordinator appears on the public map. Shown by default, as on the programme's current map, and
//! the coordinator can hide (docs/decisions.md).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Coordinateur {
    Table,
    VisibleCarte,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Coordinateur::Table)
                    .add_column(
                        ColumnDef::new(Coordinateur::VisibleCarte)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Coordinateur::Table)
                    .drop_column(Coordinateur::VisibleCarte)
                    .to_owned(),
            )
            .await
    }
}

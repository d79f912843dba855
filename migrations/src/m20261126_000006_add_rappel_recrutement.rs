//! Remembers when the five-month recruitment reminder went out, so it goes out once whatever the number of
//! instances running the reminder job.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Candidature {
    Table,
    RappelRecrutementLe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Candidature::Table)
                    .add_column(ColumnDef::new(Candidature::RappelRecrutementLe).date().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Candidature::Table)
                    .drop_column(Candidature::RappelRecrutementLe)
                    .to_owned(),
            )
            .await
    }
}

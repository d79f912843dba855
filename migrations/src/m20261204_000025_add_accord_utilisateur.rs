//! How a person's roles are named: in the feminine (« conseillère », « coordinatrice ») when she says so;
//! `NULL` until the person says, and the roles read in the generic masculine the administration uses.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    AuFeminin,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Utilisateur::Table)
                    .add_column(ColumnDef::new(Utilisateur::AuFeminin).boolean())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Utilisateur::Table)
                    .drop_column(Utilisateur::AuFeminin)
                    .to_owned(),
            )
            .await
    }
}

//! Monthly rollup of the accompaniments, kept up to date in the transaction that records one: a
//! coordinator's yearly figures read a few hundred rollup rows instead of tens of thousands of
//! accompaniments. `axe` says what `cle` is: `total` (empty key), `theme` or `commune`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ActiviteMensuelle {
    Table,
    ConseillerId,
    Mois,
    Axe,
    Cle,
    Accompagnements,
    Participants,
    Minutes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ActiviteMensuelle::Table)
                    .col(
                        ColumnDef::new(ActiviteMensuelle::ConseillerId)
                            .big_integer()
                            .not_null(),
                    )
                    // YYYYMM, so that a year is one range of the primary key.
                    .col(ColumnDef::new(ActiviteMensuelle::Mois).integer().not_null())
                    .col(ColumnDef::new(ActiviteMensuelle::Axe).string_len(8).not_null())
                    .col(ColumnDef::new(ActiviteMensuelle::Cle).string_len(64).not_null())
                    .col(
                        ColumnDef::new(ActiviteMensuelle::Accompagnements)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActiviteMensuelle::Participants)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActiviteMensuelle::Minutes)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ActiviteMensuelle::ConseillerId)
                            .col(ActiviteMensuelle::Mois)
                            .col(ActiviteMensuelle::Axe)
                            .col(ActiviteMensuelle::Cle),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ActiviteMensuelle::Table).to_owned())
            .await
    }
}

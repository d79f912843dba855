//! Failed logins, kept a few minutes to throttle password guessing; in the database so that every instance
//! behind the load balancer counts the same attempts.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TentativeConnexion {
    Table,
    Id,
    /// SHA-256 of the normalised email: the table holds no address in clear.
    Cle,
    Le,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TentativeConnexion::Table)
                    .col(
                        ColumnDef::new(TentativeConnexion::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(TentativeConnexion::Cle).string_len(64).not_null())
                    .col(
                        ColumnDef::new(TentativeConnexion::Le)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tentative_connexion_cle_le")
                    .table(TentativeConnexion::Table)
                    .col(TentativeConnexion::Cle)
                    .col(TentativeConnexion::Le)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TentativeConnexion::Table).to_owned())
            .await
    }
}

//! The conseillers of a commune: the team of a coordinator's perimeter and the counts of an EPCI or a
//! département start from the communes, then look their conseillers up (without it, a scan of every
//! conseiller per request).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Conseiller {
    Table,
    CommuneCode,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_conseiller_commune")
                    .table(Conseiller::Table)
                    .col(Conseiller::CommuneCode)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_conseiller_commune")
                    .table(Conseiller::Table)
                    .to_owned(),
            )
            .await
    }
}

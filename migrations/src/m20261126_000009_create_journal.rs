//! The audit log: every state change and every agent read of personal data, chained by SHA-256 so that an
//! altered or removed entry breaks the chain (`maillage journal verifier`). Text columns hold exactly what
//! was hashed, so verification does not depend on how an engine rounds timestamps.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Journal {
    Table,
    Id,
    Le,
    ActeurId,
    Role,
    Objet,
    Action,
    RequeteId,
    Precedent,
    Empreinte,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Journal::Table)
                    .col(
                        ColumnDef::new(Journal::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Journal::Le).string_len(40).not_null())
                    .col(ColumnDef::new(Journal::ActeurId).big_integer().null())
                    .col(ColumnDef::new(Journal::Role).string_len(32).not_null())
                    .col(ColumnDef::new(Journal::Objet).string_len(255).not_null())
                    .col(ColumnDef::new(Journal::Action).string_len(64).not_null())
                    .col(ColumnDef::new(Journal::RequeteId).string_len(64).not_null())
                    .col(ColumnDef::new(Journal::Precedent).string_len(64).not_null())
                    .col(ColumnDef::new(Journal::Empreinte).string_len(64).not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_journal_acteur")
                    .table(Journal::Table)
                    .col(Journal::ActeurId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Journal::Table).to_owned())
            .await
    }
}

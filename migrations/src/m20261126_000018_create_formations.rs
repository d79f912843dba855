//! What each conseiller numérique declares of its training (CCP1, PIX, the continuing-training module of
//! the year), one row per person.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Formation {
    Table,
    UtilisateurId,
    Ccp1,
    Ccp1Le,
    Pix,
    PixLe,
    ModuleContinu,
    ModuleContinuLe,
    ModifieLe,
}

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Formation::Table)
                    .col(
                        ColumnDef::new(Formation::UtilisateurId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Formation::Ccp1).string_len(16).not_null())
                    .col(ColumnDef::new(Formation::Ccp1Le).date())
                    .col(ColumnDef::new(Formation::Pix).boolean().not_null())
                    .col(ColumnDef::new(Formation::PixLe).date())
                    .col(
                        ColumnDef::new(Formation::ModuleContinu)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Formation::ModuleContinuLe).date())
                    .col(
                        ColumnDef::new(Formation::ModifieLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Formation::Table, Formation::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Formation::Table).to_owned())
            .await
    }
}

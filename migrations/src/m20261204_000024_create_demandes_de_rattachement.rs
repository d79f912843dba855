//! A person who logs in with ProConnect for the first time, with no account nor invitation, and whose
//! identity carries the SIRET of a structure registered here, asks to join it: the request waits for one of
//! the structure's members to accept it (the person is then invited) or refuse it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DemandeRattachement {
    Table,
    Id,
    StructureId,
    Email,
    Prenom,
    Nom,
    CreeLe,
    ReponduLe,
    Acceptee,
    ReponduPar,
}

#[derive(DeriveIden)]
enum Structure {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DemandeRattachement::Table)
                    .col(
                        ColumnDef::new(DemandeRattachement::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(DemandeRattachement::StructureId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DemandeRattachement::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DemandeRattachement::Prenom)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DemandeRattachement::Nom)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DemandeRattachement::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(DemandeRattachement::ReponduLe).timestamp_with_time_zone())
                    .col(ColumnDef::new(DemandeRattachement::Acceptee).boolean())
                    .col(ColumnDef::new(DemandeRattachement::ReponduPar).big_integer())
                    .foreign_key(
                        ForeignKey::create()
                            .from(DemandeRattachement::Table, DemandeRattachement::StructureId)
                            .to(Structure::Table, Structure::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One request per person and structure: asking again while it waits, or after a refusal, adds none.
        manager
            .create_index(
                Index::create()
                    .name("idx_demande_rattachement_structure_email")
                    .table(DemandeRattachement::Table)
                    .col(DemandeRattachement::StructureId)
                    .col(DemandeRattachement::Email)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DemandeRattachement::Table).to_owned())
            .await
    }
}

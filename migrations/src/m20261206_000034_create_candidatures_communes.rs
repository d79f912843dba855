//! What the network adds to a candidature:
//!
//! - `gouvernance_declaree` on `candidature`: the structure's place in the gouvernance of its département as
//!   it declares it (`NON_MEMBRE`, `MEMBRE`, `CO_PORTEUR`; `NULL` until it answers), read against the
//!   préfecture's register;
//! - the SGAR's consultative opinion beside the préfecture's avis: `avis_sgar_favorable`,
//!   `avis_sgar_commentaire`, `avis_sgar_le`, `avis_sgar_par`;
//! - `coporteur_candidature`: the structures a structure invited to carry its candidature with it, when and
//!   by whom they were invited, and when they confirmed (`NULL` while the invitation waits).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Candidature {
    Table,
    Id,
    GouvernanceDeclaree,
    AvisSgarFavorable,
    AvisSgarCommentaire,
    AvisSgarLe,
    AvisSgarPar,
}

#[derive(DeriveIden)]
enum CoporteurCandidature {
    Table,
    CandidatureId,
    StructureId,
    InviteeLe,
    InviteePar,
    ConfirmeeLe,
}

#[derive(DeriveIden)]
enum Structure {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for colonne in [
            ColumnDef::new(Candidature::GouvernanceDeclaree)
                .string_len(20)
                .null()
                .to_owned(),
            ColumnDef::new(Candidature::AvisSgarFavorable)
                .boolean()
                .null()
                .to_owned(),
            ColumnDef::new(Candidature::AvisSgarCommentaire)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(Candidature::AvisSgarLe)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Candidature::AvisSgarPar)
                .big_integer()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Candidature::Table)
                        .add_column(colonne)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(CoporteurCandidature::Table)
                    .col(
                        ColumnDef::new(CoporteurCandidature::CandidatureId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CoporteurCandidature::StructureId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CoporteurCandidature::InviteeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CoporteurCandidature::InviteePar)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(CoporteurCandidature::ConfirmeeLe)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(CoporteurCandidature::CandidatureId)
                            .col(CoporteurCandidature::StructureId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoporteurCandidature::Table, CoporteurCandidature::CandidatureId)
                            .to(Candidature::Table, Candidature::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoporteurCandidature::Table, CoporteurCandidature::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CoporteurCandidature::Table, CoporteurCandidature::InviteePar)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_coporteur_candidature_structure")
                    .table(CoporteurCandidature::Table)
                    .col(CoporteurCandidature::StructureId)
                    .to_owned(),
            )
            .await?;
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CoporteurCandidature::Table).to_owned())
            .await?;
        for colonne in [
            Candidature::AvisSgarPar,
            Candidature::AvisSgarLe,
            Candidature::AvisSgarCommentaire,
            Candidature::AvisSgarFavorable,
            Candidature::GouvernanceDeclaree,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Candidature::Table)
                        .drop_column(colonne)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

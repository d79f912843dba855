//! The structures a préfecture identifies as able to host a coordinator in its département (the call's
//! « identifient les structures pouvant accueillir »): by SIRET, named from Maillage or by the préfecture,
//! with why, who and when. One row per département and SIRET.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StructureDAccueil {
    Table,
    Id,
    DepartementCode,
    Siret,
    Nom,
    Commentaire,
    DesigneeLe,
    DesigneePar,
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
                    .table(StructureDAccueil::Table)
                    .col(
                        ColumnDef::new(StructureDAccueil::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(StructureDAccueil::DepartementCode)
                            .string_len(3)
                            .not_null(),
                    )
                    .col(ColumnDef::new(StructureDAccueil::Siret).string_len(14).not_null())
                    .col(ColumnDef::new(StructureDAccueil::Nom).string_len(200).not_null())
                    .col(ColumnDef::new(StructureDAccueil::Commentaire).text().not_null())
                    .col(
                        ColumnDef::new(StructureDAccueil::DesigneeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(StructureDAccueil::DesigneePar)
                            .big_integer()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StructureDAccueil::Table, StructureDAccueil::DesigneePar)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_structure_d_accueil_departement_siret")
                    .table(StructureDAccueil::Table)
                    .col(StructureDAccueil::DepartementCode)
                    .col(StructureDAccueil::Siret)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_structure_d_accueil_siret")
                    .table(StructureDAccueil::Table)
                    .col(StructureDAccueil::Siret)
                    .to_owned(),
            )
            .await?;
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StructureDAccueil::Table).to_owned())
            .await
    }
}

//! Lieux de médiation numérique, in the columns of the national standard's flat format (all text, so a file
//! round-trips to the letter), plus the commune and département they were matched to.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Lieu {
    Table,
    Id,
    CommuneCode,
    DepartementCode,
    ImporteLe,
}

/// The standard's columns other than `id` (kept in sync with `maillage_shared::lieu::COLONNES`).
const COLONNES: [&str; 31] = [
    "pivot",
    "nom",
    "adresse",
    "commune",
    "code_postal",
    "code_insee",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "itinerance",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create()
            .table(Lieu::Table)
            .col(ColumnDef::new(Lieu::Id).string_len(255).not_null().primary_key())
            .to_owned();
        for colonne in COLONNES {
            table.col(ColumnDef::new(Alias::new(colonne)).text().not_null().default(""));
        }
        table
            .col(ColumnDef::new(Lieu::CommuneCode).string_len(9).null())
            .col(ColumnDef::new(Lieu::DepartementCode).string_len(9).null())
            .col(
                ColumnDef::new(Lieu::ImporteLe)
                    .timestamp_with_time_zone()
                    .not_null(),
            );
        manager.create_table(table).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_lieu_departement")
                    .table(Lieu::Table)
                    .col(Lieu::DepartementCode)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_lieu_commune")
                    .table(Lieu::Table)
                    .col(Lieu::CommuneCode)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Lieu::Table).to_owned())
            .await
    }
}

//! The territorial referential: régions, départements, EPCI, communes and their postal codes.
//!
//! Populations and counts are stored on each level (summed upwards at import) because every page and
//! indicator reads them and the referential changes once a year.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Region {
    Table,
    Code,
    Nom,
    CleRecherche,
    Zone,
    Population,
    NombreCommunes,
}

#[derive(DeriveIden)]
enum Departement {
    Table,
    Code,
    Nom,
    CleRecherche,
    RegionCode,
    Zone,
    Population,
    NombreCommunes,
    NombreEpcis,
}

#[derive(DeriveIden)]
enum Epci {
    Table,
    Code,
    Nom,
    CleRecherche,
    Nature,
    Population,
    NombreCommunes,
}

#[derive(DeriveIden)]
enum EpciDepartement {
    Table,
    EpciCode,
    DepartementCode,
}

#[derive(DeriveIden)]
enum Commune {
    Table,
    Code,
    Nom,
    CleRecherche,
    DepartementCode,
    RegionCode,
    EpciCode,
    Siren,
    Zone,
    Population,
}

#[derive(DeriveIden)]
enum CommuneCodePostal {
    Table,
    CommuneCode,
    CodePostal,
}

fn code(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).string_len(9).not_null().to_owned()
}

fn text(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).string().not_null().to_owned()
}

fn count(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .big_integer()
        .not_null()
        .default(0)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Region::Table)
                    .col(code(Region::Code).primary_key())
                    .col(text(Region::Nom))
                    .col(text(Region::CleRecherche))
                    .col(text(Region::Zone))
                    .col(count(Region::Population))
                    .col(count(Region::NombreCommunes))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Departement::Table)
                    .col(code(Departement::Code).primary_key())
                    .col(text(Departement::Nom))
                    .col(text(Departement::CleRecherche))
                    .col(code(Departement::RegionCode))
                    .col(text(Departement::Zone))
                    .col(count(Departement::Population))
                    .col(count(Departement::NombreCommunes))
                    .col(count(Departement::NombreEpcis))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Departement::Table, Departement::RegionCode)
                            .to(Region::Table, Region::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_departement_region")
                    .table(Departement::Table)
                    .col(Departement::RegionCode)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Epci::Table)
                    .col(code(Epci::Code).primary_key())
                    .col(text(Epci::Nom))
                    .col(text(Epci::CleRecherche))
                    .col(text(Epci::Nature))
                    .col(count(Epci::Population))
                    .col(count(Epci::NombreCommunes))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EpciDepartement::Table)
                    .col(code(EpciDepartement::EpciCode))
                    .col(code(EpciDepartement::DepartementCode))
                    .primary_key(
                        Index::create()
                            .col(EpciDepartement::EpciCode)
                            .col(EpciDepartement::DepartementCode),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EpciDepartement::Table, EpciDepartement::EpciCode)
                            .to(Epci::Table, Epci::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EpciDepartement::Table, EpciDepartement::DepartementCode)
                            .to(Departement::Table, Departement::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_epci_departement_departement")
                    .table(EpciDepartement::Table)
                    .col(EpciDepartement::DepartementCode)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Commune::Table)
                    .col(code(Commune::Code).primary_key())
                    .col(text(Commune::Nom))
                    .col(text(Commune::CleRecherche))
                    .col(code(Commune::DepartementCode))
                    .col(code(Commune::RegionCode))
                    .col(ColumnDef::new(Commune::EpciCode).string_len(9).null())
                    .col(ColumnDef::new(Commune::Siren).string_len(9).null())
                    .col(text(Commune::Zone))
                    .col(count(Commune::Population))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Commune::Table, Commune::DepartementCode)
                            .to(Departement::Table, Departement::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Commune::Table, Commune::EpciCode)
                            .to(Epci::Table, Epci::Code),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_commune_departement", Commune::DepartementCode),
            ("idx_commune_epci", Commune::EpciCode),
            ("idx_commune_siren", Commune::Siren),
            ("idx_commune_cle_recherche", Commune::CleRecherche),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Commune::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(CommuneCodePostal::Table)
                    .col(code(CommuneCodePostal::CommuneCode))
                    .col(
                        ColumnDef::new(CommuneCodePostal::CodePostal)
                            .string_len(5)
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(CommuneCodePostal::CommuneCode)
                            .col(CommuneCodePostal::CodePostal),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommuneCodePostal::Table, CommuneCodePostal::CommuneCode)
                            .to(Commune::Table, Commune::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_commune_code_postal_code_postal")
                    .table(CommuneCodePostal::Table)
                    .col(CommuneCodePostal::CodePostal)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CommuneCodePostal::Table.into_iden(),
            Commune::Table.into_iden(),
            EpciDepartement::Table.into_iden(),
            Epci::Table.into_iden(),
            Departement::Table.into_iden(),
            Region::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

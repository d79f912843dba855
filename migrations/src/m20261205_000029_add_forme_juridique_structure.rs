//! What the company register said of a structure when it registered: its INSEE legal category, the category
//! of the call that form implies, and, when the structure chose another one, why (the instructors read it).
//! All `NULL` for structures registered by hand (before the register was read, or without its answer).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Structure {
    Table,
    NatureJuridique,
    CategorieProposee,
    MotifCategorie,
}

const COLONNES: [Structure; 3] = [
    Structure::NatureJuridique,
    Structure::CategorieProposee,
    Structure::MotifCategorie,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for colonne in COLONNES {
            manager
                .alter_table(
                    Table::alter()
                        .table(Structure::Table)
                        .add_column(ColumnDef::new(colonne).string())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for colonne in COLONNES {
            manager
                .alter_table(
                    Table::alter()
                        .table(Structure::Table)
                        .drop_column(colonne)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

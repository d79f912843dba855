//! The end of a coordinator post before its term: the structure gives it back (« rendu de poste »), or ANCT
//! withdraws it when nobody was recruited by the deadline, after a notice. On the candidature whose
//! validation created the post: when it ended, by whom (`STRUCTURE` or `ANCT`) and why; the notice's day
//! and reason. All `NULL` while the post lives.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Candidature {
    Table,
    PosteClosLe,
    PosteClosPar,
    PosteClosMotif,
    PreavisRetraitLe,
    PreavisRetraitMotif,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for colonne in [
            ColumnDef::new(Candidature::PosteClosLe).date().null().to_owned(),
            ColumnDef::new(Candidature::PosteClosPar)
                .string_len(20)
                .null()
                .to_owned(),
            ColumnDef::new(Candidature::PosteClosMotif)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(Candidature::PreavisRetraitLe)
                .date()
                .null()
                .to_owned(),
            ColumnDef::new(Candidature::PreavisRetraitMotif)
                .text()
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
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for colonne in [
            Candidature::PreavisRetraitMotif,
            Candidature::PreavisRetraitLe,
            Candidature::PosteClosMotif,
            Candidature::PosteClosPar,
            Candidature::PosteClosLe,
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

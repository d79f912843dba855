//! The accompaniments' monthly rollup by département, beside the one by conseiller: a préfecture's, a
//! région's or the nation's statistics read a few hundred rows whatever the number of accompaniments. It
//! also counts by type, canal and duration band (`axe` `type`, `canal`, `duree`), as the conseiller's rollup
//! now does: that one is emptied here so that the next start rebuilds both from the accompaniments
//! (`activite::cumul::reconstruire_si_absent`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ActiviteDepartementale {
    Table,
    DepartementCode,
    Mois,
    Axe,
    Cle,
    Accompagnements,
    Participants,
    Minutes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let compte = |colonne| ColumnDef::new(colonne).big_integer().not_null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(ActiviteDepartementale::Table)
                    .col(
                        ColumnDef::new(ActiviteDepartementale::DepartementCode)
                            .string_len(3)
                            .not_null(),
                    )
                    // YYYYMM, so that a period is one range of the primary key.
                    .col(ColumnDef::new(ActiviteDepartementale::Mois).integer().not_null())
                    .col(
                        ColumnDef::new(ActiviteDepartementale::Axe)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActiviteDepartementale::Cle)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(compte(ActiviteDepartementale::Accompagnements))
                    .col(compte(ActiviteDepartementale::Participants))
                    .col(compte(ActiviteDepartementale::Minutes))
                    .primary_key(
                        Index::create()
                            .col(ActiviteDepartementale::DepartementCode)
                            .col(ActiviteDepartementale::Mois)
                            .col(ActiviteDepartementale::Axe)
                            .col(ActiviteDepartementale::Cle),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM activite_mensuelle")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ActiviteDepartementale::Table).to_owned())
            .await
    }
}

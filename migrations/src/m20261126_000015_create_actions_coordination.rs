//! The coordinator's own actions (animations, events, partnerships, meetings, meeting days with the
//! préfecture and the hub) and the registrations of the people invited to a meeting day. The département
//! and région are kept on the action: who is invited is decided by them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ActionCoordination {
    Table,
    Id,
    CoordinateurId,
    UtilisateurId,
    Nature,
    Axe,
    Titre,
    Date,
    Lieu,
    Description,
    Partenaires,
    DepartementCode,
    RegionCode,
    CreeLe,
}

#[derive(DeriveIden)]
enum InscriptionAction {
    Table,
    ActionId,
    UtilisateurId,
    InscritLe,
}

#[derive(DeriveIden)]
enum Coordinateur {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ActionCoordination::Table)
                    .col(
                        ColumnDef::new(ActionCoordination::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ActionCoordination::CoordinateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActionCoordination::UtilisateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActionCoordination::Nature)
                            .string_len(24)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ActionCoordination::Axe).string_len(24).not_null())
                    .col(
                        ColumnDef::new(ActionCoordination::Titre)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ActionCoordination::Date).date().not_null())
                    .col(
                        ColumnDef::new(ActionCoordination::Lieu)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ActionCoordination::Description).text().not_null())
                    .col(ColumnDef::new(ActionCoordination::Partenaires).text().not_null())
                    .col(
                        ColumnDef::new(ActionCoordination::DepartementCode)
                            .string_len(3)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActionCoordination::RegionCode)
                            .string_len(3)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActionCoordination::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ActionCoordination::Table, ActionCoordination::CoordinateurId)
                            .to(Coordinateur::Table, Coordinateur::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A coordinator's year; the meeting days of a département or a région.
        manager
            .create_index(
                Index::create()
                    .name("idx_action_coordinateur_date")
                    .table(ActionCoordination::Table)
                    .col(ActionCoordination::CoordinateurId)
                    .col(ActionCoordination::Date)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_action_departement_date")
                    .table(ActionCoordination::Table)
                    .col(ActionCoordination::DepartementCode)
                    .col(ActionCoordination::Date)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InscriptionAction::Table)
                    .col(
                        ColumnDef::new(InscriptionAction::ActionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InscriptionAction::UtilisateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InscriptionAction::InscritLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(InscriptionAction::ActionId)
                            .col(InscriptionAction::UtilisateurId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InscriptionAction::Table, InscriptionAction::ActionId)
                            .to(ActionCoordination::Table, ActionCoordination::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InscriptionAction::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ActionCoordination::Table).to_owned())
            .await
    }
}

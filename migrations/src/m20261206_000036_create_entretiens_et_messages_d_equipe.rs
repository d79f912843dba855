//! What a coordinator does with its team:
//!
//! - `entretien`: a bilateral meeting with a conseiller or médiateur of its team (the person, the day, notes
//!   only its author reads, the next step), kept with the post;
//! - `message_equipe`: a message the coordinator sent to its whole team or to some of its members (subject,
//!   text, how many received it), each recipient told in the app and by email.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Entretien {
    Table,
    Id,
    CoordinateurId,
    AuteurId,
    PersonneId,
    Date,
    Notes,
    ProchaineEtape,
    CreeLe,
}

#[derive(DeriveIden)]
enum MessageEquipe {
    Table,
    Id,
    CoordinateurId,
    AuteurId,
    Objet,
    Texte,
    Destinataires,
    EnvoyeLe,
}

#[derive(DeriveIden)]
enum Coordinateur {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    Id,
}

fn identifiant<T: IntoIden>(colonne: T) -> ColumnDef {
    ColumnDef::new(colonne)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Entretien::Table)
                    .col(identifiant(Entretien::Id))
                    .col(ColumnDef::new(Entretien::CoordinateurId).big_integer().not_null())
                    .col(ColumnDef::new(Entretien::AuteurId).big_integer().not_null())
                    .col(ColumnDef::new(Entretien::PersonneId).big_integer().not_null())
                    .col(ColumnDef::new(Entretien::Date).date().not_null())
                    .col(ColumnDef::new(Entretien::Notes).text().not_null())
                    .col(ColumnDef::new(Entretien::ProchaineEtape).text().not_null())
                    .col(
                        ColumnDef::new(Entretien::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Entretien::Table, Entretien::CoordinateurId)
                            .to(Coordinateur::Table, Coordinateur::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Entretien::Table, Entretien::AuteurId)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Entretien::Table, Entretien::PersonneId)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_entretien_auteur")
                    .table(Entretien::Table)
                    .col(Entretien::AuteurId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MessageEquipe::Table)
                    .col(identifiant(MessageEquipe::Id))
                    .col(
                        ColumnDef::new(MessageEquipe::CoordinateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(MessageEquipe::AuteurId).big_integer().null())
                    .col(ColumnDef::new(MessageEquipe::Objet).string_len(200).not_null())
                    .col(ColumnDef::new(MessageEquipe::Texte).text().not_null())
                    .col(ColumnDef::new(MessageEquipe::Destinataires).integer().not_null())
                    .col(
                        ColumnDef::new(MessageEquipe::EnvoyeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MessageEquipe::Table, MessageEquipe::CoordinateurId)
                            .to(Coordinateur::Table, Coordinateur::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MessageEquipe::Table, MessageEquipe::AuteurId)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_message_equipe_coordinateur")
                    .table(MessageEquipe::Table)
                    .col(MessageEquipe::CoordinateurId)
                    .to_owned(),
            )
            .await?;
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["message_equipe", "entretien"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

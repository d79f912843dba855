//! The médiateurs numériques from outside the programme a coordinator invites into its team. One row per
//! person and post: it carries the invitation (sent, resent, answered) and then the membership, whose end
//! is kept (`parti_le`) as the team's history. The link's secret is kept only as its SHA-256.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InvitationMediateur {
    Table,
    Id,
    CoordinateurId,
    Email,
    Prenom,
    Nom,
    Structure,
    CommuneCode,
    Statut,
    JetonEmpreinte,
    Envois,
    EnvoyeeLe,
    RepondueLe,
    UtilisateurId,
    ArriveLe,
    PartiLe,
    MotifDepart,
    CreeLe,
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
                    .table(InvitationMediateur::Table)
                    .col(
                        ColumnDef::new(InvitationMediateur::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(InvitationMediateur::CoordinateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InvitationMediateur::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InvitationMediateur::Prenom)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InvitationMediateur::Nom)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InvitationMediateur::Structure)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(InvitationMediateur::CommuneCode).string_len(5))
                    .col(
                        ColumnDef::new(InvitationMediateur::Statut)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(InvitationMediateur::JetonEmpreinte).string_len(64))
                    .col(ColumnDef::new(InvitationMediateur::Envois).integer().not_null())
                    .col(
                        ColumnDef::new(InvitationMediateur::EnvoyeeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(InvitationMediateur::RepondueLe).timestamp_with_time_zone())
                    .col(ColumnDef::new(InvitationMediateur::UtilisateurId).big_integer())
                    .col(ColumnDef::new(InvitationMediateur::ArriveLe).date())
                    .col(ColumnDef::new(InvitationMediateur::PartiLe).date())
                    .col(ColumnDef::new(InvitationMediateur::MotifDepart).text().not_null())
                    .col(
                        ColumnDef::new(InvitationMediateur::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InvitationMediateur::Table, InvitationMediateur::CoordinateurId)
                            .to(Coordinateur::Table, Coordinateur::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One row per person and post: a second invitation of the same address is the first one resent.
        manager
            .create_index(
                Index::create()
                    .name("idx_invitation_coordinateur_email")
                    .table(InvitationMediateur::Table)
                    .col(InvitationMediateur::CoordinateurId)
                    .col(InvitationMediateur::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The link's lookup (several NULLs are allowed once answered, on both engines).
        manager
            .create_index(
                Index::create()
                    .name("idx_invitation_jeton")
                    .table(InvitationMediateur::Table)
                    .col(InvitationMediateur::JetonEmpreinte)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // A médiateur's own teams.
        manager
            .create_index(
                Index::create()
                    .name("idx_invitation_utilisateur")
                    .table(InvitationMediateur::Table)
                    .col(InvitationMediateur::UtilisateurId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InvitationMediateur::Table).to_owned())
            .await
    }
}

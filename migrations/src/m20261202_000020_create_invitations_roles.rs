//! Invitations to hold a role: ANCT invites agents (préfecture, SGAR, hub, ANCT) with their scope, a
//! préfecture or a hub its colleagues, a structure its own colleagues. The link's secret is stored as a
//! SHA-256 hash; the invitation is accepted once, by the owner of the invited address.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InvitationRole {
    Table,
    Id,
    Email,
    Role,
    DepartementCode,
    RegionCode,
    StructureId,
    InvitePar,
    Empreinte,
    CreeLe,
    ExpireLe,
    AccepteeLe,
    AccepteePar,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InvitationRole::Table)
                    .col(
                        ColumnDef::new(InvitationRole::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(InvitationRole::Email).string_len(254).not_null())
                    .col(ColumnDef::new(InvitationRole::Role).string_len(24).not_null())
                    .col(ColumnDef::new(InvitationRole::DepartementCode).string_len(3))
                    .col(ColumnDef::new(InvitationRole::RegionCode).string_len(3))
                    .col(ColumnDef::new(InvitationRole::StructureId).big_integer())
                    .col(ColumnDef::new(InvitationRole::InvitePar).big_integer())
                    .col(
                        ColumnDef::new(InvitationRole::Empreinte)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(InvitationRole::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InvitationRole::ExpireLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(InvitationRole::AccepteeLe).timestamp_with_time_zone())
                    .col(ColumnDef::new(InvitationRole::AccepteePar).big_integer())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InvitationRole::Table).to_owned())
            .await
    }
}

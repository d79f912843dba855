//! What a hub organises for the coordinators of its région:
//!
//! - `rencontre_regionale`: a working group, a regional event or a continuing-training session of a hub, or
//!   a meeting day a préfecture organises in its département (title, day, place, description, the minutes
//!   written once it took place), kept when its organiser leaves;
//! - `inscription_rencontre`: a person who registered (a coordinator of the région; a conseiller or
//!   médiateur to a training session relayed to them: their interest);
//! - `relais_rencontre`: a training session a coordinator relayed to a member of its team, who may then
//!   register their interest.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RencontreRegionale {
    Table,
    Id,
    RegionCode,
    DepartementCode,
    Nature,
    Titre,
    Date,
    Lieu,
    Description,
    CompteRendu,
    OrganisateurId,
    CreeLe,
}

#[derive(DeriveIden)]
enum InscriptionRencontre {
    Table,
    RencontreId,
    UtilisateurId,
    InscritLe,
}

#[derive(DeriveIden)]
enum RelaisRencontre {
    Table,
    RencontreId,
    UtilisateurId,
    RelayePar,
    RelayeLe,
}

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
}

fn vers(
    table: impl IntoIden,
    colonne: impl IntoIden,
    cible: impl IntoIden,
    action: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, colonne)
        .to(cible, Alias::new("id"))
        .on_delete(action)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RencontreRegionale::Table)
                    .col(
                        ColumnDef::new(RencontreRegionale::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(RencontreRegionale::RegionCode)
                            .string_len(3)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RencontreRegionale::DepartementCode)
                            .string_len(3)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(RencontreRegionale::Nature)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RencontreRegionale::Titre)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(RencontreRegionale::Date).date().not_null())
                    .col(
                        ColumnDef::new(RencontreRegionale::Lieu)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(RencontreRegionale::Description).text().not_null())
                    .col(ColumnDef::new(RencontreRegionale::CompteRendu).text().null())
                    .col(
                        ColumnDef::new(RencontreRegionale::OrganisateurId)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(RencontreRegionale::CreeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut vers(
                        RencontreRegionale::Table,
                        RencontreRegionale::OrganisateurId,
                        Utilisateur::Table,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rencontre_regionale_region_date")
                    .table(RencontreRegionale::Table)
                    .col(RencontreRegionale::RegionCode)
                    .col(RencontreRegionale::Date)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InscriptionRencontre::Table)
                    .col(
                        ColumnDef::new(InscriptionRencontre::RencontreId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InscriptionRencontre::UtilisateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InscriptionRencontre::InscritLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(InscriptionRencontre::RencontreId)
                            .col(InscriptionRencontre::UtilisateurId),
                    )
                    .foreign_key(&mut vers(
                        InscriptionRencontre::Table,
                        InscriptionRencontre::RencontreId,
                        RencontreRegionale::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut vers(
                        InscriptionRencontre::Table,
                        InscriptionRencontre::UtilisateurId,
                        Utilisateur::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RelaisRencontre::Table)
                    .col(
                        ColumnDef::new(RelaisRencontre::RencontreId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RelaisRencontre::UtilisateurId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RelaisRencontre::RelayePar).big_integer().null())
                    .col(
                        ColumnDef::new(RelaisRencontre::RelayeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(RelaisRencontre::RencontreId)
                            .col(RelaisRencontre::UtilisateurId),
                    )
                    .foreign_key(&mut vers(
                        RelaisRencontre::Table,
                        RelaisRencontre::RencontreId,
                        RencontreRegionale::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut vers(
                        RelaisRencontre::Table,
                        RelaisRencontre::UtilisateurId,
                        Utilisateur::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut vers(
                        RelaisRencontre::Table,
                        RelaisRencontre::RelayePar,
                        Utilisateur::Table,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_relais_rencontre_utilisateur")
                    .table(RelaisRencontre::Table)
                    .col(RelaisRencontre::UtilisateurId)
                    .to_owned(),
            )
            .await?;
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["relais_rencontre", "inscription_rencontre", "rencontre_regionale"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

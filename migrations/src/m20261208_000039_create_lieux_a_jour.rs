//! Lieux people find and keep current:
//! - each commune's centre (`latitude`, `longitude`, from the referential), so a search near a commune or a
//!   postal code needs no geocoding service;
//! - each lieu's position as numbers (`position_latitude`, `position_longitude`, parsed from the standard's
//!   text columns, which stay as written; its commune's centre when it has none, set by the import or the
//!   form), indexed for the bounding box of a search, and `ferme_le` when it
//!   was closed by form (a closed lieu leaves the search, the map and the open data);
//! - `modification_lieu`: the history of changes made by form (who, when, what: the columns before and
//!   after, as JSON);
//! - `signalement_lieu`: the errors anyone reports on a lieu's page, until whoever may edit the lieu resolves
//!   them. The reporter's address is optional and deleted at resolution; the client's network is kept only
//!   as a fingerprint for a day, to limit how many reports one client sends.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Commune {
    Table,
    Latitude,
    Longitude,
}

#[derive(DeriveIden)]
enum Lieu {
    Table,
    Id,
    PositionLatitude,
    PositionLongitude,
    FermeLe,
}

#[derive(DeriveIden)]
enum ModificationLieu {
    Table,
    Id,
    LieuId,
    Le,
    AuteurId,
    Auteur,
    Nature,
    Changements,
}

#[derive(DeriveIden)]
enum SignalementLieu {
    Table,
    Id,
    LieuId,
    Le,
    Message,
    Courriel,
    Client,
    ResoluLe,
    ResoluPar,
    Reponse,
}

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    Id,
}

fn id(colonne: impl IntoIden) -> ColumnDef {
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
        // One column per ALTER: SQLite adds columns one at a time.
        for colonne in [Commune::Latitude, Commune::Longitude] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Commune::Table)
                        .add_column(ColumnDef::new(colonne).double().null())
                        .to_owned(),
                )
                .await?;
        }
        for colonne in [Lieu::PositionLatitude, Lieu::PositionLongitude] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Lieu::Table)
                        .add_column(ColumnDef::new(colonne).double().null())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Lieu::Table)
                    .add_column(ColumnDef::new(Lieu::FermeLe).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_lieu_position")
                    .table(Lieu::Table)
                    .col(Lieu::PositionLatitude)
                    .col(Lieu::PositionLongitude)
                    .to_owned(),
            )
            .await?;
        // The lieux already there get their position from their text.
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let lignes = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, latitude, longitude FROM lieu".to_owned(),
            ))
            .await?;
        for ligne in lignes {
            let id: String = ligne.try_get("", "id")?;
            let nombre = |colonne: &str, borne: f64| -> Option<f64> {
                ligne
                    .try_get::<String>("", colonne)
                    .ok()?
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && v.abs() <= borne)
            };
            if let (Some(latitude), Some(longitude)) = (nombre("latitude", 90.0), nombre("longitude", 180.0))
            {
                let mise_a_jour = Query::update()
                    .table(Lieu::Table)
                    .value(Lieu::PositionLatitude, latitude)
                    .value(Lieu::PositionLongitude, longitude)
                    .and_where(Expr::col(Lieu::Id).eq(id))
                    .to_owned();
                manager.exec_stmt(mise_a_jour).await?;
            }
        }

        manager
            .create_table(
                Table::create()
                    .table(ModificationLieu::Table)
                    .col(id(ModificationLieu::Id))
                    .col(
                        ColumnDef::new(ModificationLieu::LieuId)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModificationLieu::Le)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ModificationLieu::AuteurId).big_integer().null())
                    // Who, as shown (« Camille Martin, coordinatrice »): the history outlives accounts.
                    .col(
                        ColumnDef::new(ModificationLieu::Auteur)
                            .string_len(300)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ModificationLieu::Nature).string_len(20).not_null())
                    .col(ColumnDef::new(ModificationLieu::Changements).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(ModificationLieu::Table, ModificationLieu::LieuId)
                            .to(Lieu::Table, Lieu::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ModificationLieu::Table, ModificationLieu::AuteurId)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_modification_lieu_lieu")
                    .table(ModificationLieu::Table)
                    .col(ModificationLieu::LieuId)
                    .col(ModificationLieu::Le)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_modification_lieu_auteur")
                    .table(ModificationLieu::Table)
                    .col(ModificationLieu::AuteurId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignalementLieu::Table)
                    .col(id(SignalementLieu::Id))
                    .col(ColumnDef::new(SignalementLieu::LieuId).string_len(255).not_null())
                    .col(
                        ColumnDef::new(SignalementLieu::Le)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(SignalementLieu::Message).text().not_null())
                    .col(ColumnDef::new(SignalementLieu::Courriel).string_len(320).null())
                    .col(ColumnDef::new(SignalementLieu::Client).string_len(64).not_null())
                    .col(
                        ColumnDef::new(SignalementLieu::ResoluLe)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(SignalementLieu::ResoluPar).big_integer().null())
                    .col(ColumnDef::new(SignalementLieu::Reponse).text().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(SignalementLieu::Table, SignalementLieu::LieuId)
                            .to(Lieu::Table, Lieu::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SignalementLieu::Table, SignalementLieu::ResoluPar)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (nom, colonnes) in [
            (
                "idx_signalement_lieu_lieu",
                vec![SignalementLieu::LieuId, SignalementLieu::ResoluLe],
            ),
            (
                "idx_signalement_lieu_client",
                vec![SignalementLieu::Client, SignalementLieu::Le],
            ),
            (
                "idx_signalement_lieu_resolu_par",
                vec![SignalementLieu::ResoluPar],
            ),
        ] {
            let mut index = Index::create();
            index.name(nom).table(SignalementLieu::Table);
            for colonne in colonnes {
                index.col(colonne);
            }
            manager.create_index(index.to_owned()).await?;
        }
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SignalementLieu::Table.into_iden(),
            ModificationLieu::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_lieu_position")
                    .table(Lieu::Table)
                    .to_owned(),
            )
            .await?;
        for colonne in [
            Lieu::PositionLatitude.into_iden(),
            Lieu::PositionLongitude.into_iden(),
            Lieu::FermeLe.into_iden(),
        ] {
            manager
                .alter_table(Table::alter().table(Lieu::Table).drop_column(colonne).to_owned())
                .await?;
        }
        for colonne in [Commune::Latitude, Commune::Longitude] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Commune::Table)
                        .drop_column(colonne)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

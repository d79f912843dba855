//! The local gouvernances the préfectures register (the model of "Mon Inclusion Numérique"), one per
//! département, created with its first change:
//!
//! - `gouvernance`: the département's note of context, and who changed the gouvernance last and when;
//! - `membre_gouvernance`: a structure by SIRET, or a collectivité by the territory it governs (nature and
//!   code), named; `co_porteur` when it carries the gouvernance; one row per SIRET or territory;
//! - `comite_gouvernance`: type, frequency, next meeting, comment;
//! - `feuille_de_route` (name, perimeter, carrying member, note) and its `action_feuille_de_route` (name,
//!   description, needs joined with `|`, budget in euros, period);
//! - `historique_gouvernance`: what changed, by whom, when — what the préfecture and ANCT read back.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Gouvernance {
    Table,
    DepartementCode,
    NoteDeContexte,
    ModifieeLe,
    ModifieePar,
}

#[derive(DeriveIden)]
enum MembreGouvernance {
    Table,
    Id,
    DepartementCode,
    Nom,
    Siret,
    NatureCollectivite,
    CodeTerritoire,
    CoPorteur,
    AjouteLe,
}

#[derive(DeriveIden)]
enum ComiteGouvernance {
    Table,
    Id,
    DepartementCode,
    Type,
    Frequence,
    ProchaineReunion,
    Commentaire,
    ModifieLe,
}

#[derive(DeriveIden)]
enum FeuilleDeRoute {
    Table,
    Id,
    DepartementCode,
    Nom,
    Perimetre,
    PorteurId,
    Contexte,
    ModifieeLe,
}

#[derive(DeriveIden)]
enum ActionFeuilleDeRoute {
    Table,
    Id,
    FeuilleDeRouteId,
    Nom,
    Description,
    Besoins,
    Budget,
    Debut,
    Fin,
}

#[derive(DeriveIden)]
enum HistoriqueGouvernance {
    Table,
    Id,
    DepartementCode,
    Le,
    UtilisateurId,
    Texte,
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

fn departement<T: IntoIden>(colonne: T) -> ColumnDef {
    ColumnDef::new(colonne).string_len(3).not_null().to_owned()
}

/// The child row goes with its gouvernance.
fn de_la_gouvernance<T: IntoIden + 'static>(table: T, colonne: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, colonne)
        .to(Gouvernance::Table, Gouvernance::DepartementCode)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Gouvernance::Table)
                    .col(departement(Gouvernance::DepartementCode).primary_key())
                    .col(ColumnDef::new(Gouvernance::NoteDeContexte).text().not_null())
                    .col(
                        ColumnDef::new(Gouvernance::ModifieeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Gouvernance::ModifieePar).big_integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Gouvernance::Table, Gouvernance::ModifieePar)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MembreGouvernance::Table)
                    .col(identifiant(MembreGouvernance::Id))
                    .col(departement(MembreGouvernance::DepartementCode))
                    .col(ColumnDef::new(MembreGouvernance::Nom).string_len(200).not_null())
                    .col(ColumnDef::new(MembreGouvernance::Siret).string_len(14).null())
                    .col(
                        ColumnDef::new(MembreGouvernance::NatureCollectivite)
                            .string_len(20)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(MembreGouvernance::CodeTerritoire)
                            .string_len(9)
                            .null(),
                    )
                    .col(ColumnDef::new(MembreGouvernance::CoPorteur).boolean().not_null())
                    .col(
                        ColumnDef::new(MembreGouvernance::AjouteLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut de_la_gouvernance(
                        MembreGouvernance::Table,
                        MembreGouvernance::DepartementCode,
                    ))
                    .to_owned(),
            )
            .await?;
        for (nom, colonnes) in [
            ("idx_membre_gouvernance_siret", vec![MembreGouvernance::Siret]),
            (
                "idx_membre_gouvernance_territoire",
                vec![
                    MembreGouvernance::NatureCollectivite,
                    MembreGouvernance::CodeTerritoire,
                ],
            ),
        ] {
            let mut index = Index::create();
            index
                .name(nom)
                .table(MembreGouvernance::Table)
                .col(MembreGouvernance::DepartementCode)
                .unique();
            for colonne in colonnes {
                index.col(colonne);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ComiteGouvernance::Table)
                    .col(identifiant(ComiteGouvernance::Id))
                    .col(departement(ComiteGouvernance::DepartementCode))
                    .col(ColumnDef::new(ComiteGouvernance::Type).string_len(20).not_null())
                    .col(
                        ColumnDef::new(ComiteGouvernance::Frequence)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ComiteGouvernance::ProchaineReunion).date().null())
                    .col(ColumnDef::new(ComiteGouvernance::Commentaire).text().not_null())
                    .col(
                        ColumnDef::new(ComiteGouvernance::ModifieLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut de_la_gouvernance(
                        ComiteGouvernance::Table,
                        ComiteGouvernance::DepartementCode,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FeuilleDeRoute::Table)
                    .col(identifiant(FeuilleDeRoute::Id))
                    .col(departement(FeuilleDeRoute::DepartementCode))
                    .col(ColumnDef::new(FeuilleDeRoute::Nom).string_len(200).not_null())
                    .col(
                        ColumnDef::new(FeuilleDeRoute::Perimetre)
                            .string_len(30)
                            .not_null(),
                    )
                    .col(ColumnDef::new(FeuilleDeRoute::PorteurId).big_integer().null())
                    .col(ColumnDef::new(FeuilleDeRoute::Contexte).text().not_null())
                    .col(
                        ColumnDef::new(FeuilleDeRoute::ModifieeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut de_la_gouvernance(
                        FeuilleDeRoute::Table,
                        FeuilleDeRoute::DepartementCode,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FeuilleDeRoute::Table, FeuilleDeRoute::PorteurId)
                            .to(MembreGouvernance::Table, MembreGouvernance::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActionFeuilleDeRoute::Table)
                    .col(identifiant(ActionFeuilleDeRoute::Id))
                    .col(
                        ColumnDef::new(ActionFeuilleDeRoute::FeuilleDeRouteId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActionFeuilleDeRoute::Nom)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActionFeuilleDeRoute::Description)
                            .text()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ActionFeuilleDeRoute::Besoins).text().not_null())
                    .col(
                        ColumnDef::new(ActionFeuilleDeRoute::Budget)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ActionFeuilleDeRoute::Debut).date().not_null())
                    .col(ColumnDef::new(ActionFeuilleDeRoute::Fin).date().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ActionFeuilleDeRoute::Table,
                                ActionFeuilleDeRoute::FeuilleDeRouteId,
                            )
                            .to(FeuilleDeRoute::Table, FeuilleDeRoute::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HistoriqueGouvernance::Table)
                    .col(identifiant(HistoriqueGouvernance::Id))
                    .col(departement(HistoriqueGouvernance::DepartementCode))
                    .col(
                        ColumnDef::new(HistoriqueGouvernance::Le)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(HistoriqueGouvernance::UtilisateurId)
                            .big_integer()
                            .null(),
                    )
                    .col(ColumnDef::new(HistoriqueGouvernance::Texte).text().not_null())
                    .foreign_key(&mut de_la_gouvernance(
                        HistoriqueGouvernance::Table,
                        HistoriqueGouvernance::DepartementCode,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HistoriqueGouvernance::Table, HistoriqueGouvernance::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (nom, table) in [
            (
                "idx_comite_gouvernance_departement",
                ComiteGouvernance::Table.into_iden(),
            ),
            (
                "idx_feuille_de_route_departement",
                FeuilleDeRoute::Table.into_iden(),
            ),
            (
                "idx_historique_gouvernance_departement",
                HistoriqueGouvernance::Table.into_iden(),
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(nom)
                        .table(table)
                        .col(Alias::new("departement_code"))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_action_feuille_de_route_feuille")
                    .table(ActionFeuilleDeRoute::Table)
                    .col(ActionFeuilleDeRoute::FeuilleDeRouteId)
                    .to_owned(),
            )
            .await?;
        // The gouvernances are data the candidatures' answers and the open data are computed from.
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "historique_gouvernance",
            "action_feuille_de_route",
            "feuille_de_route",
            "comite_gouvernance",
            "membre_gouvernance",
            "gouvernance",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

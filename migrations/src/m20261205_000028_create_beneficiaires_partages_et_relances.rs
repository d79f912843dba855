//! Richer activity reports, the statistics a conseiller or a coordinator shares, and the préfectures'
//! relaunches.
//!
//! - `activite` gains where it took place among the lieux of the referential (`lieu_id`), the material used
//!   (`materiel`, separated by `|`), the autonomy reached and the orientation to another structure (individual
//!   accompaniments), its beneficiary when the person agreed to be named, and the conseiller's employer when
//!   it was recorded (`structure_id`, filled here for the existing ones), which the statistics by structure
//!   count. Existing reports stay valid: the other new columns may be empty. The rollups gain the axes by
//!   structure and EPCI: they are emptied, and the next start rebuilds them from the accompaniments.
//! - `beneficiaire`: a person a conseiller follows across accompaniments, named with consent; erased at the
//!   person's request (its accompaniments stay, anonymous).
//! - `partage_statistiques`: a revocable public link to someone's aggregate figures; only the token's hash is
//!   kept.
//! - `relance`: each relaunch a préfecture sent, for its history.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Activite {
    Table,
    LieuId,
    Materiel,
    Autonomie,
    Orientation,
    BeneficiaireId,
    StructureId,
}

#[derive(DeriveIden)]
enum Beneficiaire {
    Table,
    Id,
    ConseillerId,
    Prenom,
    Nom,
    AnneeNaissance,
    CommuneCode,
    ConsentementLe,
    CreeLe,
}

#[derive(DeriveIden)]
enum PartageStatistiques {
    Table,
    Id,
    UtilisateurId,
    Portee,
    JetonHash,
    CreeLe,
    RevoqueLe,
}

#[derive(DeriveIden)]
enum Relance {
    Table,
    Id,
    DepartementCode,
    AuteurId,
    StructureId,
    Personnes,
    Le,
}

#[derive(DeriveIden)]
enum Conseiller {
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

fn instant<T: IntoIden>(colonne: T) -> ColumnDef {
    ColumnDef::new(colonne)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Beneficiaire::Table)
                    .col(identifiant(Beneficiaire::Id))
                    .col(
                        ColumnDef::new(Beneficiaire::ConseillerId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Beneficiaire::Prenom).string_len(100).not_null())
                    .col(ColumnDef::new(Beneficiaire::Nom).string_len(100).not_null())
                    .col(ColumnDef::new(Beneficiaire::AnneeNaissance).integer().null())
                    .col(ColumnDef::new(Beneficiaire::CommuneCode).string_len(9).null())
                    .col(instant(Beneficiaire::ConsentementLe))
                    .col(instant(Beneficiaire::CreeLe))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Beneficiaire::Table, Beneficiaire::ConseillerId)
                            .to(Conseiller::Table, Conseiller::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_beneficiaire_conseiller")
                    .table(Beneficiaire::Table)
                    .col(Beneficiaire::ConseillerId)
                    .to_owned(),
            )
            .await?;
        // One column per statement: SQLite adds one at a time. No foreign key on the new columns (SQLite
        // cannot add one to an existing table): erasing a beneficiary empties its accompaniments' column in
        // the same transaction.
        for colonne in [
            ColumnDef::new(Activite::LieuId).string_len(255).null().to_owned(),
            ColumnDef::new(Activite::Materiel)
                .string_len(64)
                .not_null()
                .default("")
                .to_owned(),
            ColumnDef::new(Activite::Autonomie)
                .string_len(32)
                .null()
                .to_owned(),
            ColumnDef::new(Activite::Orientation)
                .string_len(48)
                .null()
                .to_owned(),
            ColumnDef::new(Activite::BeneficiaireId)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(Activite::StructureId)
                .big_integer()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Activite::Table)
                        .add_column(colonne)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_activite_beneficiaire")
                    .table(Activite::Table)
                    .col(Activite::BeneficiaireId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE activite SET structure_id = \
             (SELECT structure_id FROM conseiller WHERE conseiller.id = activite.conseiller_id)",
        )
        .await?;
        db.execute_unprepared("DELETE FROM activite_mensuelle").await?;
        db.execute_unprepared("DELETE FROM activite_departementale")
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PartageStatistiques::Table)
                    .col(identifiant(PartageStatistiques::Id))
                    .col(
                        ColumnDef::new(PartageStatistiques::UtilisateurId)
                            .big_integer()
                            .not_null(),
                    )
                    // CONSEILLER (its own figures) or COORDINATEUR (its team's).
                    .col(
                        ColumnDef::new(PartageStatistiques::Portee)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PartageStatistiques::JetonHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(instant(PartageStatistiques::CreeLe))
                    .col(
                        ColumnDef::new(PartageStatistiques::RevoqueLe)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PartageStatistiques::Table, PartageStatistiques::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Relance::Table)
                    .col(identifiant(Relance::Id))
                    .col(ColumnDef::new(Relance::DepartementCode).string_len(3).not_null())
                    .col(ColumnDef::new(Relance::AuteurId).big_integer().not_null())
                    // Empty when the whole département was relaunched.
                    .col(ColumnDef::new(Relance::StructureId).big_integer().null())
                    .col(ColumnDef::new(Relance::Personnes).integer().not_null())
                    .col(instant(Relance::Le))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Relance::Table, Relance::AuteurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_relance_departement")
                    .table(Relance::Table)
                    .col(Relance::DepartementCode)
                    .col(Relance::Le)
                    .to_owned(),
            )
            .await?;
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["relance", "partage_statistiques"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("idx_activite_beneficiaire")
                    .table(Activite::Table)
                    .to_owned(),
            )
            .await?;
        for colonne in [
            Activite::StructureId,
            Activite::BeneficiaireId,
            Activite::Orientation,
            Activite::Autonomie,
            Activite::Materiel,
            Activite::LieuId,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Activite::Table)
                        .drop_column(colonne)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Beneficiaire::Table).to_owned())
            .await
    }
}

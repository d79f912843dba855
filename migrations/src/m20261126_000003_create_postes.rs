//! After the decision: conseillers numériques in post, the candidate pool, recruitments, coordinators in
//! post, conventions and avenants with their payment, obligations. Adds the number of validated posts to
//! candidatures.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Conseiller {
    Table,
    Id,
    UtilisateurId,
    StructureId,
    CommuneCode,
    ContratDebut,
    ContratFin,
    FinFinancementInitial,
    CreeLe,
}

#[derive(DeriveIden)]
enum ProfilCandidat {
    Table,
    Id,
    UtilisateurId,
    CommuneCode,
    DepartementCode,
    RegionCode,
    RayonKm,
    DisponibleLe,
    Experience,
    Diplomes,
    Pix,
    Ccp1,
    Visible,
    CreeLe,
    ModifieLe,
}

#[derive(DeriveIden)]
enum Recrutement {
    Table,
    Id,
    CandidatureId,
    ProfilCandidatId,
    Statut,
    Contrat,
    Debut,
    Fin,
    CreeLe,
    ModifieLe,
}

#[derive(DeriveIden)]
enum Coordinateur {
    Table,
    Id,
    CandidatureId,
    UtilisateurId,
    Mode,
    ConseillerId,
    EnPosteDepuis,
    PartiLe,
    TempsPlein,
    FormationInitialeLe,
    FormationsContinues,
    PixDemande,
    PixObtenu,
    Ccp1Demande,
    Ccp1Obtenu,
}

#[derive(DeriveIden)]
enum Convention {
    Table,
    Id,
    CandidatureId,
    Type,
    Montant,
    DemandeeLe,
    SigneeLe,
    DebutFinancement,
    FinFinancement,
    PaiementPrevu,
    PayeLe,
    SuspenduLe,
    MotifSuspension,
    RemboursementDemandeLe,
    MotifRemboursement,
}

#[derive(DeriveIden)]
enum Candidature {
    Table,
    Id,
    PostesValides,
}

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Structure {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Commune {
    Table,
    Code,
}

fn id(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn reference(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).big_integer().not_null().to_owned()
}

fn date_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).date().null().to_owned()
}

fn booleen(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .boolean()
        .not_null()
        .default(false)
        .to_owned()
}

fn horodatage(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

async fn unique(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: Vec<DynIden>,
) -> Result<(), DbErr> {
    let mut index = Index::create().name(name).table(table).unique().to_owned();
    for column in columns {
        index.col(column);
    }
    manager.create_index(index).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Candidature::Table)
                    .add_column(
                        ColumnDef::new(Candidature::PostesValides)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Conseiller::Table)
                    .col(id(Conseiller::Id))
                    .col(reference(Conseiller::UtilisateurId).unique_key())
                    .col(reference(Conseiller::StructureId))
                    .col(ColumnDef::new(Conseiller::CommuneCode).string_len(9).not_null())
                    .col(date_null(Conseiller::ContratDebut))
                    .col(date_null(Conseiller::ContratFin))
                    .col(date_null(Conseiller::FinFinancementInitial))
                    .col(horodatage(Conseiller::CreeLe))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Conseiller::Table, Conseiller::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Conseiller::Table, Conseiller::StructureId)
                            .to(Structure::Table, Structure::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Conseiller::Table, Conseiller::CommuneCode)
                            .to(Commune::Table, Commune::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_conseiller_structure")
                    .table(Conseiller::Table)
                    .col(Conseiller::StructureId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProfilCandidat::Table)
                    .col(id(ProfilCandidat::Id))
                    .col(reference(ProfilCandidat::UtilisateurId).unique_key())
                    .col(
                        ColumnDef::new(ProfilCandidat::CommuneCode)
                            .string_len(9)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProfilCandidat::DepartementCode)
                            .string_len(9)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProfilCandidat::RegionCode)
                            .string_len(9)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProfilCandidat::RayonKm).integer().not_null())
                    .col(date_null(ProfilCandidat::DisponibleLe))
                    .col(ColumnDef::new(ProfilCandidat::Experience).text().not_null())
                    .col(ColumnDef::new(ProfilCandidat::Diplomes).text().not_null())
                    .col(booleen(ProfilCandidat::Pix))
                    .col(booleen(ProfilCandidat::Ccp1))
                    .col(booleen(ProfilCandidat::Visible))
                    .col(horodatage(ProfilCandidat::CreeLe))
                    .col(horodatage(ProfilCandidat::ModifieLe))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProfilCandidat::Table, ProfilCandidat::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProfilCandidat::Table, ProfilCandidat::CommuneCode)
                            .to(Commune::Table, Commune::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_profil_candidat_departement")
                    .table(ProfilCandidat::Table)
                    .col(ProfilCandidat::DepartementCode)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Recrutement::Table)
                    .col(id(Recrutement::Id))
                    .col(reference(Recrutement::CandidatureId))
                    .col(reference(Recrutement::ProfilCandidatId))
                    .col(ColumnDef::new(Recrutement::Statut).text().not_null())
                    .col(ColumnDef::new(Recrutement::Contrat).text().null())
                    .col(date_null(Recrutement::Debut))
                    .col(date_null(Recrutement::Fin))
                    .col(horodatage(Recrutement::CreeLe))
                    .col(horodatage(Recrutement::ModifieLe))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Recrutement::Table, Recrutement::CandidatureId)
                            .to(Candidature::Table, Candidature::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Recrutement::Table, Recrutement::ProfilCandidatId)
                            .to(ProfilCandidat::Table, ProfilCandidat::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "uq_recrutement_candidature_profil",
            Recrutement::Table,
            vec![
                Recrutement::CandidatureId.into_iden(),
                Recrutement::ProfilCandidatId.into_iden(),
            ],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Coordinateur::Table)
                    .col(id(Coordinateur::Id))
                    .col(reference(Coordinateur::CandidatureId))
                    .col(reference(Coordinateur::UtilisateurId))
                    .col(ColumnDef::new(Coordinateur::Mode).text().not_null())
                    .col(ColumnDef::new(Coordinateur::ConseillerId).big_integer().null())
                    .col(ColumnDef::new(Coordinateur::EnPosteDepuis).date().not_null())
                    .col(date_null(Coordinateur::PartiLe))
                    .col(booleen(Coordinateur::TempsPlein))
                    .col(date_null(Coordinateur::FormationInitialeLe))
                    .col(
                        ColumnDef::new(Coordinateur::FormationsContinues)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .col(booleen(Coordinateur::PixDemande))
                    .col(booleen(Coordinateur::PixObtenu))
                    .col(booleen(Coordinateur::Ccp1Demande))
                    .col(booleen(Coordinateur::Ccp1Obtenu))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Coordinateur::Table, Coordinateur::CandidatureId)
                            .to(Candidature::Table, Candidature::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Coordinateur::Table, Coordinateur::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A person is coordinator once: the database refuses a second row even if two requests race.
        unique(
            manager,
            "uq_coordinateur_utilisateur",
            Coordinateur::Table,
            vec![Coordinateur::UtilisateurId.into_iden()],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_coordinateur_candidature")
                    .table(Coordinateur::Table)
                    .col(Coordinateur::CandidatureId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Convention::Table)
                    .col(id(Convention::Id))
                    .col(reference(Convention::CandidatureId).unique_key())
                    .col(ColumnDef::new(Convention::Type).text().not_null())
                    .col(ColumnDef::new(Convention::Montant).integer().not_null())
                    .col(ColumnDef::new(Convention::DemandeeLe).date().not_null())
                    .col(date_null(Convention::SigneeLe))
                    .col(date_null(Convention::DebutFinancement))
                    .col(date_null(Convention::FinFinancement))
                    .col(date_null(Convention::PaiementPrevu))
                    .col(date_null(Convention::PayeLe))
                    .col(date_null(Convention::SuspenduLe))
                    .col(ColumnDef::new(Convention::MotifSuspension).text().null())
                    .col(date_null(Convention::RemboursementDemandeLe))
                    .col(ColumnDef::new(Convention::MotifRemboursement).text().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Convention::Table, Convention::CandidatureId)
                            .to(Candidature::Table, Candidature::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Convention::Table.into_iden(),
            Coordinateur::Table.into_iden(),
            Recrutement::Table.into_iden(),
            ProfilCandidat::Table.into_iden(),
            Conseiller::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Candidature::Table)
                    .drop_column(Candidature::PostesValides)
                    .to_owned(),
            )
            .await
    }
}

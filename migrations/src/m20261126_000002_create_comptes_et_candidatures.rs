//! Accounts, roles and sessions; structures; calls for applications; candidatures with their perimeter,
//! consultations and append-only history; in-app notifications and the email outbox.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Utilisateur {
    Table,
    Id,
    Email,
    MotDePasse,
    Prenom,
    Nom,
    CreeLe,
}

#[derive(DeriveIden)]
enum RoleUtilisateur {
    Table,
    Id,
    UtilisateurId,
    Role,
    StructureId,
    DepartementCode,
    RegionCode,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    UtilisateurId,
    RoleUtilisateurId,
    CreeLe,
    ExpireLe,
}

#[derive(DeriveIden)]
enum Structure {
    Table,
    Id,
    Siret,
    Nom,
    Categorie,
    StatutPublic,
    MissionInteretGeneral,
    CommuneCode,
    DepartementCode,
    ConseillersNumeriques,
    CreeLe,
}

#[derive(DeriveIden)]
enum Appel {
    Table,
    Id,
    Nom,
    Ouverture,
    Cloture,
}

#[derive(DeriveIden)]
enum Candidature {
    Table,
    Id,
    StructureId,
    AppelId,
    DepartementCode,
    RegionCode,
    Statut,
    Cas,
    Contrat,
    PerimetreDepartementCode,
    Diagnostic,
    Partenaires,
    ArticulationGouvernance,
    MissionsMaillage,
    MissionsRelais,
    MissionsCollaborations,
    CandidatIdentifie,
    DatePrisePoste,
    MontantSubvention,
    DureeMois,
    DeposeLe,
    AvisFavorable,
    AvisCommentaire,
    AvisLe,
    DecisionValidee,
    DecisionMotif,
    DecideLe,
    CreeLe,
    ModifieLe,
}

#[derive(DeriveIden)]
enum CandidatureEpci {
    Table,
    CandidatureId,
    EpciCode,
}

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Id,
    CandidatureId,
    StructureId,
    ConsulteeLe,
    Reponse,
    Commentaire,
}

#[derive(DeriveIden)]
enum HistoriqueCandidature {
    Table,
    Id,
    CandidatureId,
    UtilisateurId,
    Role,
    DeStatut,
    VersStatut,
    Commentaire,
    Horodatage,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    UtilisateurId,
    Titre,
    Message,
    Lien,
    Lue,
    CreeLe,
}

#[derive(DeriveIden)]
enum EmailSortant {
    Table,
    Id,
    Destinataire,
    Sujet,
    Corps,
    CreeLe,
    EnvoyeLe,
    Tentatives,
    ProchaineTentative,
    DerniereErreur,
}

#[derive(DeriveIden)]
enum Departement {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Region {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Commune {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Epci {
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

fn text(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).text().not_null().to_owned()
}

fn text_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).text().null().to_owned()
}

fn code_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).string_len(9).null().to_owned()
}

fn horodatage(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn horodatage_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    column: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .create_index(Index::create().name(name).table(table).col(column).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Utilisateur::Table)
                    .col(id(Utilisateur::Id))
                    .col(
                        ColumnDef::new(Utilisateur::Email)
                            .string_len(254)
                            .not_null()
                            .unique_key(),
                    )
                    .col(text(Utilisateur::MotDePasse))
                    .col(text(Utilisateur::Prenom))
                    .col(text(Utilisateur::Nom))
                    .col(horodatage(Utilisateur::CreeLe))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Structure::Table)
                    .col(id(Structure::Id))
                    .col(
                        ColumnDef::new(Structure::Siret)
                            .string_len(14)
                            .not_null()
                            .unique_key(),
                    )
                    .col(text(Structure::Nom))
                    .col(text_null(Structure::Categorie))
                    .col(ColumnDef::new(Structure::StatutPublic).boolean().not_null())
                    .col(
                        ColumnDef::new(Structure::MissionInteretGeneral)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Structure::CommuneCode).string_len(9).not_null())
                    .col(
                        ColumnDef::new(Structure::DepartementCode)
                            .string_len(9)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Structure::ConseillersNumeriques)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(horodatage(Structure::CreeLe))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Structure::Table, Structure::CommuneCode)
                            .to(Commune::Table, Commune::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Structure::Table, Structure::DepartementCode)
                            .to(Departement::Table, Departement::Code),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_structure_departement",
            Structure::Table,
            Structure::DepartementCode,
        )
        .await?;
        index(
            manager,
            "idx_structure_commune",
            Structure::Table,
            Structure::CommuneCode,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleUtilisateur::Table)
                    .col(id(RoleUtilisateur::Id))
                    .col(reference(RoleUtilisateur::UtilisateurId))
                    .col(text(RoleUtilisateur::Role))
                    .col(ColumnDef::new(RoleUtilisateur::StructureId).big_integer().null())
                    .col(code_null(RoleUtilisateur::DepartementCode))
                    .col(code_null(RoleUtilisateur::RegionCode))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleUtilisateur::Table, RoleUtilisateur::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleUtilisateur::Table, RoleUtilisateur::StructureId)
                            .to(Structure::Table, Structure::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleUtilisateur::Table, RoleUtilisateur::DepartementCode)
                            .to(Departement::Table, Departement::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleUtilisateur::Table, RoleUtilisateur::RegionCode)
                            .to(Region::Table, Region::Code),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_role_utilisateur_utilisateur",
            RoleUtilisateur::Table,
            RoleUtilisateur::UtilisateurId,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(
                        ColumnDef::new(Session::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(reference(Session::UtilisateurId))
                    .col(ColumnDef::new(Session::RoleUtilisateurId).big_integer().null())
                    .col(horodatage(Session::CreeLe))
                    .col(horodatage(Session::ExpireLe))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Session::Table, Session::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Session::Table, Session::RoleUtilisateurId)
                            .to(RoleUtilisateur::Table, RoleUtilisateur::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_session_utilisateur",
            Session::Table,
            Session::UtilisateurId,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Appel::Table)
                    .col(id(Appel::Id))
                    .col(text(Appel::Nom))
                    .col(ColumnDef::new(Appel::Ouverture).date().not_null())
                    .col(ColumnDef::new(Appel::Cloture).date().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Candidature::Table)
                    .col(id(Candidature::Id))
                    .col(reference(Candidature::StructureId))
                    .col(reference(Candidature::AppelId))
                    .col(
                        ColumnDef::new(Candidature::DepartementCode)
                            .string_len(9)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Candidature::RegionCode).string_len(9).not_null())
                    .col(text(Candidature::Statut))
                    .col(text_null(Candidature::Cas))
                    .col(text_null(Candidature::Contrat))
                    .col(code_null(Candidature::PerimetreDepartementCode))
                    .col(text(Candidature::Diagnostic))
                    .col(text(Candidature::Partenaires))
                    .col(text(Candidature::ArticulationGouvernance))
                    .col(text(Candidature::MissionsMaillage))
                    .col(text(Candidature::MissionsRelais))
                    .col(text(Candidature::MissionsCollaborations))
                    .col(ColumnDef::new(Candidature::CandidatIdentifie).boolean().null())
                    .col(ColumnDef::new(Candidature::DatePrisePoste).date().null())
                    .col(ColumnDef::new(Candidature::MontantSubvention).integer().null())
                    .col(ColumnDef::new(Candidature::DureeMois).integer().null())
                    .col(ColumnDef::new(Candidature::DeposeLe).date().null())
                    .col(ColumnDef::new(Candidature::AvisFavorable).boolean().null())
                    .col(text_null(Candidature::AvisCommentaire))
                    .col(horodatage_null(Candidature::AvisLe))
                    .col(ColumnDef::new(Candidature::DecisionValidee).boolean().null())
                    .col(text_null(Candidature::DecisionMotif))
                    .col(ColumnDef::new(Candidature::DecideLe).date().null())
                    .col(horodatage(Candidature::CreeLe))
                    .col(horodatage(Candidature::ModifieLe))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Candidature::Table, Candidature::StructureId)
                            .to(Structure::Table, Structure::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Candidature::Table, Candidature::AppelId)
                            .to(Appel::Table, Appel::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Candidature::Table, Candidature::PerimetreDepartementCode)
                            .to(Departement::Table, Departement::Code),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_candidature_structure",
            Candidature::Table,
            Candidature::StructureId,
        )
        .await?;
        index(
            manager,
            "idx_candidature_statut",
            Candidature::Table,
            Candidature::Statut,
        )
        .await?;
        index(
            manager,
            "idx_candidature_departement",
            Candidature::Table,
            Candidature::DepartementCode,
        )
        .await?;
        index(
            manager,
            "idx_candidature_region",
            Candidature::Table,
            Candidature::RegionCode,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(CandidatureEpci::Table)
                    .col(reference(CandidatureEpci::CandidatureId))
                    .col(ColumnDef::new(CandidatureEpci::EpciCode).string_len(9).not_null())
                    .primary_key(
                        Index::create()
                            .col(CandidatureEpci::CandidatureId)
                            .col(CandidatureEpci::EpciCode),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CandidatureEpci::Table, CandidatureEpci::CandidatureId)
                            .to(Candidature::Table, Candidature::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CandidatureEpci::Table, CandidatureEpci::EpciCode)
                            .to(Epci::Table, Epci::Code),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_candidature_epci_epci",
            CandidatureEpci::Table,
            CandidatureEpci::EpciCode,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Consultation::Table)
                    .col(id(Consultation::Id))
                    .col(reference(Consultation::CandidatureId))
                    .col(reference(Consultation::StructureId))
                    .col(ColumnDef::new(Consultation::ConsulteeLe).date().not_null())
                    .col(text(Consultation::Reponse))
                    .col(text(Consultation::Commentaire))
                    .index(
                        Index::create()
                            .name("uq_consultation_candidature_structure")
                            .unique()
                            .col(Consultation::CandidatureId)
                            .col(Consultation::StructureId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Consultation::Table, Consultation::CandidatureId)
                            .to(Candidature::Table, Candidature::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Consultation::Table, Consultation::StructureId)
                            .to(Structure::Table, Structure::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HistoriqueCandidature::Table)
                    .col(id(HistoriqueCandidature::Id))
                    .col(reference(HistoriqueCandidature::CandidatureId))
                    .col(reference(HistoriqueCandidature::UtilisateurId))
                    .col(text(HistoriqueCandidature::Role))
                    .col(text_null(HistoriqueCandidature::DeStatut))
                    .col(text(HistoriqueCandidature::VersStatut))
                    .col(text_null(HistoriqueCandidature::Commentaire))
                    .col(horodatage(HistoriqueCandidature::Horodatage))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HistoriqueCandidature::Table, HistoriqueCandidature::CandidatureId)
                            .to(Candidature::Table, Candidature::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HistoriqueCandidature::Table, HistoriqueCandidature::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_historique_candidature",
            HistoriqueCandidature::Table,
            HistoriqueCandidature::CandidatureId,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notification::Table)
                    .col(id(Notification::Id))
                    .col(reference(Notification::UtilisateurId))
                    .col(text(Notification::Titre))
                    .col(text(Notification::Message))
                    .col(text(Notification::Lien))
                    .col(
                        ColumnDef::new(Notification::Lue)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(horodatage(Notification::CreeLe))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notification::Table, Notification::UtilisateurId)
                            .to(Utilisateur::Table, Utilisateur::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_notification_utilisateur",
            Notification::Table,
            Notification::UtilisateurId,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailSortant::Table)
                    .col(id(EmailSortant::Id))
                    .col(text(EmailSortant::Destinataire))
                    .col(text(EmailSortant::Sujet))
                    .col(text(EmailSortant::Corps))
                    .col(horodatage(EmailSortant::CreeLe))
                    .col(horodatage_null(EmailSortant::EnvoyeLe))
                    .col(
                        ColumnDef::new(EmailSortant::Tentatives)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(horodatage(EmailSortant::ProchaineTentative))
                    .col(text_null(EmailSortant::DerniereErreur))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_email_sortant_a_envoyer",
            EmailSortant::Table,
            EmailSortant::ProchaineTentative,
        )
        .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EmailSortant::Table.into_iden(),
            Notification::Table.into_iden(),
            HistoriqueCandidature::Table.into_iden(),
            Consultation::Table.into_iden(),
            CandidatureEpci::Table.into_iden(),
            Candidature::Table.into_iden(),
            Appel::Table.into_iden(),
            Session::Table.into_iden(),
            RoleUtilisateur::Table.into_iden(),
            Structure::Table.into_iden(),
            Utilisateur::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

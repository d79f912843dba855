//! The dossier of a candidature as a conversation with documents.
//!
//! - `message_candidature`: what the structure, the préfecture and ANCT write to each other on a candidature.
//! - `piece_jointe`: a document of a candidature (its bytes are in the storage under `cle`; here, what it is,
//!   who gave it, its format read from its content, its size and SHA-256), attached before filing or with a
//!   message.
//! - `piece_requise`: the documents a call requires, for one case or all, for one category of structure or
//!   all. The calls already here get the programme's list: the provisional budget from everyone, the
//!   deliberation from public bodies with an assembly, the statutes from private-law structures, the
//!   employment contract of the coordinator in post when bringing a post into the programme (B2).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MessageCandidature {
    Table,
    Id,
    CandidatureId,
    AuteurId,
    RoleAuteur,
    Texte,
    EnvoyeLe,
}

#[derive(DeriveIden)]
enum PieceJointe {
    Table,
    Id,
    CandidatureId,
    MessageId,
    Nature,
    Nom,
    Format,
    Taille,
    Empreinte,
    Cle,
    DeposeePar,
    RoleDeposant,
    DeposeeLe,
}

#[derive(DeriveIden)]
enum PieceRequise {
    Table,
    Id,
    AppelId,
    Nature,
    Cas,
    Categorie,
}

#[derive(DeriveIden)]
enum Candidature {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Appel {
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

/// The programme's list, as it stood when this migration was written (nature, case, category).
const LISTE_DU_PROGRAMME: [(&str, Option<&str>, Option<&str>); 9] = [
    ("BUDGET_PREVISIONNEL", None, None),
    ("DELIBERATION", None, Some("COLLECTIVITE")),
    ("DELIBERATION", None, Some("ETABLISSEMENT_PUBLIC_RATTACHE")),
    ("DELIBERATION", None, Some("GIP")),
    ("STATUTS", None, Some("ASSOCIATION")),
    ("STATUTS", None, Some("ENTREPRISE_ESS")),
    ("STATUTS", None, Some("PERSONNE_MORALE_INTERET_GENERAL")),
    ("STATUTS", None, Some("HUB")),
    ("CONTRAT_DE_TRAVAIL", Some("B2"), None),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MessageCandidature::Table)
                    .col(identifiant(MessageCandidature::Id))
                    .col(
                        ColumnDef::new(MessageCandidature::CandidatureId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(MessageCandidature::AuteurId).big_integer().null())
                    .col(
                        ColumnDef::new(MessageCandidature::RoleAuteur)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(MessageCandidature::Texte).text().not_null())
                    .col(
                        ColumnDef::new(MessageCandidature::EnvoyeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MessageCandidature::Table, MessageCandidature::CandidatureId)
                            .to(Candidature::Table, Candidature::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MessageCandidature::Table, MessageCandidature::AuteurId)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_message_candidature_candidature")
                    .table(MessageCandidature::Table)
                    .col(MessageCandidature::CandidatureId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PieceJointe::Table)
                    .col(identifiant(PieceJointe::Id))
                    .col(
                        ColumnDef::new(PieceJointe::CandidatureId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(PieceJointe::MessageId).big_integer().null())
                    .col(ColumnDef::new(PieceJointe::Nature).string_len(30).not_null())
                    .col(ColumnDef::new(PieceJointe::Nom).string_len(200).not_null())
                    .col(ColumnDef::new(PieceJointe::Format).string_len(10).not_null())
                    .col(ColumnDef::new(PieceJointe::Taille).big_integer().not_null())
                    .col(ColumnDef::new(PieceJointe::Empreinte).string_len(64).not_null())
                    .col(
                        ColumnDef::new(PieceJointe::Cle)
                            .string_len(200)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(PieceJointe::DeposeePar).big_integer().null())
                    .col(
                        ColumnDef::new(PieceJointe::RoleDeposant)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PieceJointe::DeposeeLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceJointe::Table, PieceJointe::CandidatureId)
                            .to(Candidature::Table, Candidature::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceJointe::Table, PieceJointe::MessageId)
                            .to(MessageCandidature::Table, MessageCandidature::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceJointe::Table, PieceJointe::DeposeePar)
                            .to(Utilisateur::Table, Utilisateur::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_piece_jointe_candidature")
                    .table(PieceJointe::Table)
                    .col(PieceJointe::CandidatureId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PieceRequise::Table)
                    .col(identifiant(PieceRequise::Id))
                    .col(ColumnDef::new(PieceRequise::AppelId).big_integer().not_null())
                    .col(ColumnDef::new(PieceRequise::Nature).string_len(30).not_null())
                    .col(ColumnDef::new(PieceRequise::Cas).string_len(2).null())
                    .col(ColumnDef::new(PieceRequise::Categorie).string_len(40).null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(PieceRequise::Table, PieceRequise::AppelId)
                            .to(Appel::Table, Appel::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (nature, cas, categorie) in LISTE_DU_PROGRAMME {
            let mut selection = Query::select();
            selection
                .column(Appel::Id)
                .expr(Expr::val(nature))
                .expr(Expr::val(cas))
                .expr(Expr::val(categorie))
                .from(Appel::Table);
            manager
                .exec_stmt(
                    Query::insert()
                        .into_table(PieceRequise::Table)
                        .columns([
                            PieceRequise::AppelId,
                            PieceRequise::Nature,
                            PieceRequise::Cas,
                            PieceRequise::Categorie,
                        ])
                        .select_from(selection)
                        .map_err(|e| DbErr::Custom(e.to_string()))?
                        .to_owned(),
                )
                .await?;
        }
        // Messages and documents are data the candidature's answers are computed from.
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["piece_requise", "piece_jointe", "message_candidature"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

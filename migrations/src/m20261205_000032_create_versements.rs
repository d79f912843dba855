//! The subsidy of a post paid in instalments: each one scheduled for its month, then paid, suspended
//! (resumed), reclaimed once paid, or cancelled when the post ends first. The first funding is one
//! instalment the month after signature; the second, one a year once its amounts are set.
//!
//! The convention's own payment columns (one payment, its suspension, its reimbursement) become the first
//! instalment of each signed convention, then are dropped: the instalments are the one record of payments.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Versement {
    Table,
    Id,
    ConventionId,
    Financement,
    Rang,
    Montant,
    PrevuLe,
    Statut,
    PayeLe,
    Motif,
    ModifieLe,
}

#[derive(DeriveIden, Clone, Copy)]
enum Convention {
    Table,
    Id,
    PaiementPrevu,
    PayeLe,
    SuspenduLe,
    MotifSuspension,
    RemboursementDemandeLe,
    MotifRemboursement,
}

const ANCIENNES: [Convention; 6] = [
    Convention::PaiementPrevu,
    Convention::PayeLe,
    Convention::SuspenduLe,
    Convention::MotifSuspension,
    Convention::RemboursementDemandeLe,
    Convention::MotifRemboursement,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Versement::Table)
                    .col(
                        ColumnDef::new(Versement::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Versement::ConventionId).big_integer().not_null())
                    .col(ColumnDef::new(Versement::Financement).string_len(10).not_null())
                    .col(ColumnDef::new(Versement::Rang).integer().not_null())
                    .col(ColumnDef::new(Versement::Montant).integer().not_null())
                    .col(ColumnDef::new(Versement::PrevuLe).date().not_null())
                    .col(ColumnDef::new(Versement::Statut).string_len(20).not_null())
                    .col(ColumnDef::new(Versement::PayeLe).date().null())
                    .col(ColumnDef::new(Versement::Motif).text().null())
                    .col(
                        ColumnDef::new(Versement::ModifieLe)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Versement::Table, Versement::ConventionId)
                            .to(Convention::Table, Convention::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_versement_convention")
                    .table(Versement::Table)
                    .col(Versement::ConventionId)
                    .to_owned(),
            )
            .await?;
        // Each signed convention's one payment, as it stood.
        let db = manager.get_connection();
        db.execute_raw(Statement::from_string(
            db.get_database_backend(),
            "INSERT INTO versement (convention_id, financement, rang, montant, prevu_le, statut, paye_le, motif, modifie_le) \
             SELECT id, 'PREMIER', 1, montant, paiement_prevu, \
                    CASE WHEN remboursement_demande_le IS NOT NULL THEN 'A_REMBOURSER' \
                         WHEN paye_le IS NOT NULL THEN 'PAYE' \
                         WHEN suspendu_le IS NOT NULL THEN 'SUSPENDU' \
                         ELSE 'PREVU' END, \
                    paye_le, COALESCE(motif_remboursement, motif_suspension), CURRENT_TIMESTAMP \
             FROM convention WHERE paiement_prevu IS NOT NULL"
                .to_owned(),
        ))
        .await?;
        // One column per statement: SQLite alters one thing at a time.
        for colonne in ANCIENNES {
            manager
                .alter_table(
                    Table::alter()
                        .table(Convention::Table)
                        .drop_column(colonne)
                        .to_owned(),
                )
                .await?;
        }
        crate::m20261205_000026_create_version_des_donnees::suivre(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for colonne in ANCIENNES {
            let definition = match colonne {
                Convention::MotifSuspension | Convention::MotifRemboursement => {
                    ColumnDef::new(colonne).text().null().to_owned()
                }
                _ => ColumnDef::new(colonne).date().null().to_owned(),
            };
            manager
                .alter_table(
                    Table::alter()
                        .table(Convention::Table)
                        .add_column(definition)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Versement::Table).to_owned())
            .await
    }
}

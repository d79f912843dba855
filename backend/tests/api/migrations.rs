//! Migrations that move data, run on a database holding that data as the previous version left it.

use maillage_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, Statement};

/// A SQLite database migrated up to, and without, the last `sans` migrations.
async fn base_avant(dossier: &std::path::Path, sans: u32) -> sea_orm::DatabaseConnection {
    let url = format!("sqlite://{}?mode=rwc", dossier.join("ancienne.sqlite").display());
    let db = Database::connect(url).await.unwrap();
    let toutes = u32::try_from(Migrator::migrations().len()).unwrap();
    Migrator::up(&db, Some(toutes - sans)).await.unwrap();
    db
}

async fn executer(db: &sea_orm::DatabaseConnection, sql: &str) {
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql.to_owned()))
        .await
        .unwrap();
}

/// Each signed convention's one payment becomes its first instalment, in the state it had: scheduled,
/// paid, suspended (with its reason) or reclaimed (with its reason); a convention not signed has none.
#[tokio::test]
async fn a_conventions_payment_becomes_its_first_instalment_in_the_state_it_had() {
    let dossier = tempfile::tempdir().unwrap();
    let migration = Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261205_000032_create_versements")
        .expect("the instalments' migration");
    let apres = u32::try_from(Migrator::migrations().len() - migration).unwrap();
    let db = base_avant(dossier.path(), apres).await;
    // The conventions alone: their candidatures do not matter to this migration.
    executer(&db, "PRAGMA foreign_keys = OFF").await;
    for (id, prevu, paye, suspendu, motif_suspension, rembourse, motif_remboursement) in [
        (1, "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"),
        (2, "'2026-02-01'", "NULL", "NULL", "NULL", "NULL", "NULL"),
        (3, "'2026-02-01'", "'2026-02-03'", "NULL", "NULL", "NULL", "NULL"),
        (
            4,
            "'2026-02-01'",
            "NULL",
            "'2026-01-20'",
            "'Obligations non remplies'",
            "NULL",
            "NULL",
        ),
        (
            5,
            "'2026-02-01'",
            "'2026-02-03'",
            "NULL",
            "NULL",
            "'2026-05-02'",
            "'Missions sans rapport'",
        ),
    ] {
        executer(
            &db,
            &format!(
                "INSERT INTO convention (id, candidature_id, type, montant, demandee_le, signee_le, debut_financement, \
                 fin_financement, paiement_prevu, paye_le, suspendu_le, motif_suspension, remboursement_demande_le, \
                 motif_remboursement) VALUES ({id}, {id}, 'CONVENTION', {id}0000, '2026-01-02', \
                 CASE WHEN {prevu} IS NULL THEN NULL ELSE '2026-01-03' END, NULL, NULL, {prevu}, {paye}, {suspendu}, \
                 {motif_suspension}, {rembourse}, {motif_remboursement})"
            ),
        )
        .await;
    }
    Migrator::up(&db, None).await.unwrap();
    let lignes = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT convention_id, financement, rang, montant, prevu_le, statut, paye_le, motif FROM versement \
             ORDER BY convention_id"
                .to_owned(),
        ))
        .await
        .unwrap();
    // (convention, funding, amount, state, paid on, reason)
    type Versement = (i64, String, i32, String, Option<String>, Option<String>);
    let versements: Vec<Versement> = lignes
        .iter()
        .map(|l| {
            (
                l.try_get("", "convention_id").unwrap(),
                l.try_get("", "financement").unwrap(),
                l.try_get("", "montant").unwrap(),
                l.try_get("", "statut").unwrap(),
                l.try_get("", "paye_le").unwrap(),
                l.try_get("", "motif").unwrap(),
            )
        })
        .collect();
    let texte = |t: &str| Some(t.to_owned());
    assert_eq!(
        versements,
        [
            (2, "PREMIER".to_owned(), 20_000, "PREVU".to_owned(), None, None),
            (
                3,
                "PREMIER".to_owned(),
                30_000,
                "PAYE".to_owned(),
                texte("2026-02-03"),
                None
            ),
            (
                4,
                "PREMIER".to_owned(),
                40_000,
                "SUSPENDU".to_owned(),
                None,
                texte("Obligations non remplies")
            ),
            (
                5,
                "PREMIER".to_owned(),
                50_000,
                "A_REMBOURSER".to_owned(),
                texte("2026-02-03"),
                texte("Missions sans rapport")
            ),
        ]
    );
}

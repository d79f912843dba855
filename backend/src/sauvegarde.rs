//! Backups of the whole database (`maillage sauvegarde FICHIER`, `maillage restaurer FICHIER`), each with a
//! manifest beside it (`FICHIER.manifeste.json`) that records the audit chain's length and last fingerprint
//! as the backup holds them — the copy kept elsewhere that `journal` asks for: a restore whose chain does not
//! end on the recorded fingerprint (a backup truncated, swapped or edited) is refused.
//!
//! SQLite: `VACUUM INTO`, a consistent copy taken while the server runs; the copy is checked before it
//! replaces the database file. PostgreSQL: `pg_dump` in its custom format, reading the snapshot of the
//! transaction that read the fingerprint (`pg_export_snapshot`), so both describe the same instant; restored
//! by `pg_restore` through `psql` in one transaction that ends by checking the fingerprint, so a refused
//! restore changes nothing. Restore with the service stopped.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail, ensure};
use sea_orm::{ConnectionTrait, Database, DatabaseBackend, Statement, TransactionTrait};
use serde::{Deserialize, Serialize};

use crate::journal::{self, Verification};

/// What a backup records beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifeste {
    /// `sqlite` or `postgresql`: a backup restores into the same engine.
    pub moteur: String,
    /// When the backup was taken (RFC 3339, UTC).
    pub le: String,
    /// Entries of the audit chain in the backup.
    pub entrees_du_journal: u64,
    /// The fingerprint of its last entry (the chain's origin when empty).
    pub derniere_empreinte: String,
}

/// The manifest's path: beside the backup.
pub fn chemin_du_manifeste(fichier: &Path) -> PathBuf {
    let mut nom = fichier.as_os_str().to_owned();
    nom.push(".manifeste.json");
    PathBuf::from(nom)
}

/// Writes a backup of the database at `url` to `fichier` (which must not exist) and its manifest.
pub async fn sauvegarder(url: &str, fichier: &Path) -> anyhow::Result<Manifeste> {
    ensure!(
        !fichier.exists(),
        "{} existe déjà : choisissez un autre nom",
        fichier.display()
    );
    let db = Database::connect(url).await?;
    let (moteur, (entrees_du_journal, derniere_empreinte)) = match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            db.execute_raw(Statement::from_sql_and_values(
                DatabaseBackend::Sqlite,
                "VACUUM INTO ?",
                [fichier.to_string_lossy().into_owned().into()],
            ))
            .await
            .context("copie SQLite (VACUUM INTO)")?;
            // The fingerprint of the copy itself: what a restore will find.
            let copie = Database::connect(format!("sqlite://{}?mode=ro", fichier.display())).await?;
            let fin = fin_du_journal(&copie).await?;
            copie.close().await?;
            ("sqlite", fin)
        }
        DatabaseBackend::Postgres => {
            let txn = db.begin().await?;
            txn.execute_unprepared("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .await?;
            let instantane: String = txn
                .query_one_raw(Statement::from_string(
                    DatabaseBackend::Postgres,
                    "SELECT pg_export_snapshot() AS instantane",
                ))
                .await?
                .context("pg_export_snapshot")?
                .try_get("", "instantane")?;
            let fin = fin_du_journal(&txn).await?;
            // The snapshot lives as long as this transaction: pg_dump reads it before it ends.
            let statut = tokio::process::Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--no-privileges"])
                .arg(format!("--snapshot={instantane}"))
                .arg(format!("--file={}", fichier.display()))
                .arg(format!("--dbname={url}"))
                .status()
                .await
                .context("pg_dump introuvable : installez le client PostgreSQL (paquet postgresql-client)")?;
            txn.commit().await?;
            ensure!(statut.success(), "pg_dump a échoué ({statut})");
            ("postgresql", fin)
        }
        autre => bail!("moteur non pris en charge : {autre:?}"),
    };
    db.close().await?;
    let manifeste = Manifeste {
        moteur: moteur.to_owned(),
        le: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        entrees_du_journal,
        derniere_empreinte,
    };
    std::fs::write(
        chemin_du_manifeste(fichier),
        serde_json::to_string_pretty(&manifeste)?,
    )?;
    Ok(manifeste)
}

/// Replaces the database at `url` by the backup `fichier`, after checking it against its manifest.
pub async fn restaurer(url: &str, fichier: &Path) -> anyhow::Result<Manifeste> {
    let manifeste: Manifeste = serde_json::from_str(
        &std::fs::read_to_string(chemin_du_manifeste(fichier)).with_context(|| {
            format!(
                "manifeste {} illisible : il est écrit avec chaque sauvegarde",
                chemin_du_manifeste(fichier).display()
            )
        })?,
    )?;
    ensure!(fichier.exists(), "{} introuvable", fichier.display());
    let sqlite = url.strip_prefix("sqlite://");
    let moteur = if sqlite.is_some() { "sqlite" } else { "postgresql" };
    ensure!(
        manifeste.moteur == moteur,
        "sauvegarde {} : elle se restaure dans une base {}, pas {moteur}",
        manifeste.moteur,
        manifeste.moteur
    );
    match sqlite {
        Some(chemin) => {
            let base = Path::new(chemin.split('?').next().unwrap_or(chemin));
            restaurer_sqlite(base, fichier, &manifeste).await?;
        }
        None => restaurer_postgresql(url, fichier, &manifeste).await?,
    }
    Ok(manifeste)
}

/// Checks that the audit chain of `db` holds from its first entry and ends as the manifest says.
async fn verifier_contre(db: &impl ConnectionTrait, manifeste: &Manifeste) -> anyhow::Result<()> {
    match journal::verifier(db).await? {
        Verification::Intacte { entrees, derniere } => ensure!(
            entrees == manifeste.entrees_du_journal && derniere == manifeste.derniere_empreinte,
            "la sauvegarde ne correspond pas à son manifeste : journal de {entrees} entrées finissant par {derniere}, \
             le manifeste en annonce {} finissant par {}",
            manifeste.entrees_du_journal,
            manifeste.derniere_empreinte
        ),
        Verification::Alteree { id, raison } => {
            bail!("la chaîne d’audit de la sauvegarde est rompue à l’entrée {id} : {raison}")
        }
    }
    Ok(())
}

/// SQLite: the copy is checked where it lies, then moved over the database (its journal files removed, they
/// belong to the replaced file).
async fn restaurer_sqlite(base: &Path, fichier: &Path, manifeste: &Manifeste) -> anyhow::Result<()> {
    let mut provisoire = base.as_os_str().to_owned();
    provisoire.push(".restauration");
    let provisoire = PathBuf::from(provisoire);
    std::fs::copy(fichier, &provisoire).with_context(|| format!("copie vers {}", provisoire.display()))?;
    let copie = Database::connect(format!("sqlite://{}?mode=ro", provisoire.display())).await?;
    let verification = verifier_contre(&copie, manifeste).await;
    copie.close().await?;
    if let Err(refus) = verification {
        let _ = std::fs::remove_file(&provisoire);
        bail!("{refus} : rien n’a été restauré");
    }
    for suffixe in ["-wal", "-shm"] {
        let mut annexe = base.as_os_str().to_owned();
        annexe.push(suffixe);
        let _ = std::fs::remove_file(PathBuf::from(annexe));
    }
    std::fs::rename(&provisoire, base).with_context(|| format!("remplacement de {}", base.display()))?;
    Ok(())
}

/// PostgreSQL: the dump as SQL (`pg_restore -f -`), followed by the check of the last fingerprint, run by
/// `psql` in one transaction: refused, it leaves the database as it was.
async fn restaurer_postgresql(url: &str, fichier: &Path, manifeste: &Manifeste) -> anyhow::Result<()> {
    let sortie = tokio::process::Command::new("pg_restore")
        .args([
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--file=-",
        ])
        .arg(fichier)
        .output()
        .await
        .context("pg_restore introuvable : installez le client PostgreSQL (paquet postgresql-client)")?;
    ensure!(
        sortie.status.success(),
        "pg_restore a échoué : {}",
        String::from_utf8_lossy(&sortie.stderr)
    );
    ensure!(
        manifeste
            .derniere_empreinte
            .chars()
            .all(|c| c.is_ascii_hexdigit()),
        "empreinte du manifeste invalide"
    );
    let mut script = sortie.stdout;
    script.extend_from_slice(
        format!(
            "\nDO $$ BEGIN
  IF coalesce((SELECT empreinte FROM public.journal ORDER BY id DESC LIMIT 1), '{origine}') <> '{attendue}'
     OR (SELECT count(*) FROM public.journal) <> {entrees} THEN
    RAISE EXCEPTION 'la sauvegarde ne correspond pas à son manifeste : rien n’a été restauré';
  END IF;
END $$;\n",
            origine = journal::ORIGINE,
            attendue = manifeste.derniere_empreinte,
            entrees = manifeste.entrees_du_journal
        )
        .as_bytes(),
    );
    let mut psql = tokio::process::Command::new("psql")
        .args([
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            "--file=-",
        ])
        .arg(format!("--dbname={url}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .context("psql introuvable : installez le client PostgreSQL (paquet postgresql-client)")?;
    let mut entree = psql.stdin.take().context("entrée de psql")?;
    // Written while psql's errors are read: a full pipe on either side would block the other.
    let ecriture = tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        entree.write_all(&script).await
    });
    let sortie = psql.wait_with_output().await?;
    // psql stops reading at the first error: the script's end is then never written, which is not the error.
    let _ = ecriture.await;
    ensure!(
        sortie.status.success(),
        "restauration refusée : {}",
        String::from_utf8_lossy(&sortie.stderr).trim()
    );
    // The whole chain, as restored: every entry still matches its fingerprint.
    let db = Database::connect(url).await?;
    let verification = verifier_contre(&db, manifeste).await;
    db.close().await?;
    verification
}

/// The number of entries of the audit chain and the fingerprint of its last one.
async fn fin_du_journal(db: &impl ConnectionTrait) -> anyhow::Result<(u64, String)> {
    let entrees: i64 = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT count(*) AS entrees FROM journal",
        ))
        .await?
        .context("journal illisible")?
        .try_get("", "entrees")?;
    Ok((
        u64::try_from(entrees).unwrap_or_default(),
        journal::derniere_empreinte(db).await?,
    ))
}

//! `maillage`: serve the app, migrate the database, import the referential, print the GraphQL schema.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use maillage::progression::Progression;
use maillage::settings::Settings;
use maillage::startup::Application;
use maillage::territoire::referentiel::{self, Referentiel};
use maillage::{database, graphql, telemetry};
use secrecy::ExposeSecret;

#[derive(Parser)]
#[command(
    name = "maillage",
    version,
    about = "Plateforme du programme Conseiller numérique coordinateur"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the web app (the default command).
    Serve {
        /// Address to listen on (default from settings: 127.0.0.1:8080).
        #[arg(long)]
        addr: Option<SocketAddr>,
        /// Create the demo accounts and data (see README); refused in production.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Load or update the territorial referential (régions, départements, EPCI, communes).
    ImportTerritoires {
        /// A referential file in the format of backend/data/territoires.json; default: the embedded one.
        #[arg(long)]
        fichier: Option<PathBuf>,
    },
    /// Print the GraphQL schema (SDL), as committed in schema.graphql.
    Schema,
    /// Load demo data: the small set of the README (accounts of every role), or the national-scale one.
    Demo {
        #[arg(long, value_enum, default_value = "petite")]
        scale: Echelle,
        /// Seed of the national dataset: the same seed gives the same data.
        #[arg(long, default_value_t = 2023)]
        seed: u64,
    },
    /// Lieux de médiation numérique in the national standard's flat CSV.
    Lieux {
        #[command(subcommand)]
        commande: CommandeLieux,
    },
    /// The audit log.
    Journal {
        #[command(subcommand)]
        commande: CommandeJournal,
    },
    /// Back up the whole database to FICHIER (SQLite: a consistent copy; PostgreSQL: pg_dump), with the audit
    /// chain's last fingerprint in FICHIER.manifeste.json, beside it; the server may keep running.
    Sauvegarde { fichier: PathBuf },
    /// Replace the database by the backup FICHIER, refused unless its audit chain ends on the fingerprint of
    /// its manifest. Stop the service first.
    Restaurer { fichier: PathBuf },
    /// Administration of a production.
    Admin {
        #[command(subcommand)]
        commande: CommandeAdmin,
    },
}

#[derive(Subcommand)]
enum CommandeAdmin {
    /// Invite an ANCT agent: the first one of a new production, who then invites the others from the app.
    /// The invitation is emailed, and its link printed for whoever runs the command.
    InviterAnct { adresse: String },
}

#[derive(Subcommand)]
enum CommandeJournal {
    /// Check the SHA-256 chain of the audit log; exits with 1 and names the first altered entry if broken.
    Verifier,
}

/// Size of the demo dataset.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Echelle {
    /// Demo accounts of every role, three employers, one candidate (quick).
    Petite,
    /// About 2 500 structures, 4 000 conseillers, 1 000 coordinators, 10 000 lieux, 3 million activities.
    National,
}

#[derive(Subcommand)]
enum CommandeLieux {
    /// Import a CSV of the standard; bad lines are reported with their number and reason.
    Import {
        fichier: PathBuf,
        /// Import nothing if a single line is bad (default: keep the good lines).
        #[arg(long)]
        all_or_nothing: bool,
    },
    /// Write every lieu as a CSV of the standard on standard output.
    Export,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match executer(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // A sentence for the person at the terminal, with its causes; no backtrace.
            eprintln!("Erreur : {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn executer(cli: Cli) -> anyhow::Result<()> {
    let command = cli.command.unwrap_or(Command::Serve {
        addr: None,
        demo: false,
    });
    if let Command::Schema = command {
        print!("{}", graphql::sdl());
        return Ok(());
    }
    let mut settings = Settings::load().context("réglages invalides")?;
    telemetry::init(settings.application.production);
    match command {
        Command::Serve { addr, demo } => {
            if let Some(addr) = addr {
                settings.application.addr = addr;
            }
            settings.application.demo |= demo;
            Application::build(settings).await?.run_until_stopped().await?;
        }
        Command::Migrate => {
            let db = database::connect(&settings.database).await?;
            maillage::startup::prepare_database(&db).await?;
            eprintln!("migrations appliquées");
        }
        Command::ImportTerritoires { fichier } => {
            let referentiel = match fichier {
                Some(path) => Referentiel::lire(
                    &std::fs::read_to_string(&path)
                        .with_context(|| format!("lecture de {}", path.display()))?,
                )?,
                None => Referentiel::embarque()?,
            };
            let db = database::connect(&settings.database).await?;
            maillage::startup::prepare_database(&db).await?;
            eprintln!("import du référentiel {}", referentiel.source);
            let debut = std::time::Instant::now();
            let mut progression = Progression::default();
            let bilan = referentiel::importer(&db, &referentiel, |etape, fait, total| {
                progression.signaler(etape, fait, total);
            })
            .await?;
            let secondes = debut.elapsed().as_secs_f64();
            eprintln!(
                "{} régions, {} départements, {} EPCI, {} communes, {} codes postaux en {secondes:.1} s ({:.0} communes/s)",
                bilan.regions,
                bilan.departements,
                bilan.epcis,
                bilan.communes,
                bilan.codes_postaux,
                bilan.communes as f64 / secondes
            );
        }
        Command::Lieux { commande } => lieux(&settings, commande).await?,
        Command::Demo { scale, seed } => {
            anyhow::ensure!(
                !settings.application.production,
                "le jeu de démonstration est interdit en production"
            );
            let db = database::connect(&settings.database).await?;
            maillage::startup::prepare_database(&db).await?;
            if referentiel::a_charger(&db).await? {
                referentiel::importer(&db, &Referentiel::embarque()?, |_, _, _| {}).await?;
            }
            let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
            maillage::demo::semer(&db, aujourd_hui)
                .await
                .map_err(|error| anyhow::anyhow!("{error}"))?;
            if let Echelle::Petite = scale {
                let stockage = maillage::stockage::Stockage::new(&settings.stockage)?;
                maillage::demo::coordination::semer_le_poste_de_camille(&db, &stockage, aujourd_hui)
                    .await
                    .map_err(|error| anyhow::anyhow!("{error}"))?;
                maillage::demo::semer_lieux(&db)
                    .await
                    .map_err(|error| anyhow::anyhow!("{error}"))?;
            }
            if let Echelle::National = scale {
                maillage::demo::national::generer(
                    &db,
                    maillage::demo::national::Echelle::NATIONALE,
                    seed,
                    aujourd_hui,
                )
                .await
                .map_err(|error| anyhow::anyhow!("{error}"))?;
            }
            eprintln!("données de démonstration chargées");
        }
        Command::Journal {
            commande: CommandeJournal::Verifier,
        } => {
            let db = database::connect(&settings.database).await?;
            match maillage::journal::verifier(&db)
                .await
                .map_err(|error| anyhow::anyhow!("{error}"))?
            {
                maillage::journal::Verification::Intacte { entrees, derniere } => {
                    println!("journal intact : {entrees} entrées, dernière empreinte {derniere}");
                }
                maillage::journal::Verification::Alteree { id, raison } => {
                    println!("journal altéré : entrée n° {id} — {raison}");
                    std::process::exit(1);
                }
            }
        }
        Command::Sauvegarde { fichier } => {
            let url = settings.database.connection_url();
            let manifeste = maillage::sauvegarde::sauvegarder(url.expose_secret(), &fichier).await?;
            println!(
                "sauvegarde écrite : {} ; journal de {} entrées, dernière empreinte {} (dans {})",
                fichier.display(),
                manifeste.entrees_du_journal,
                manifeste.derniere_empreinte,
                maillage::sauvegarde::chemin_du_manifeste(&fichier).display()
            );
        }
        Command::Restaurer { fichier } => {
            let url = settings.database.connection_url();
            let manifeste = maillage::sauvegarde::restaurer(url.expose_secret(), &fichier).await?;
            println!(
                "base restaurée depuis {} (prise le {}) ; journal intact de {} entrées, dernière empreinte {}",
                fichier.display(),
                manifeste.le,
                manifeste.entrees_du_journal,
                manifeste.derniere_empreinte
            );
        }
        Command::Admin {
            commande: CommandeAdmin::InviterAnct { adresse },
        } => {
            let db = database::connect(&settings.database).await?;
            maillage::startup::prepare_database(&db).await?;
            maillage::notification::service::definir_adresse_publique(&settings.email.adresse_publique);
            let txn = database::ecriture(&db).await?;
            let (invitation, secret) =
                maillage::compte::invitations::inviter_le_premier_agent_anct(&txn, &adresse)
                    .await
                    .map_err(|error| anyhow::anyhow!("{error}"))?;
            txn.commit().await?;
            println!(
                "invitation ANCT envoyée à {} (valable {} jours) : {}",
                invitation.email,
                maillage::compte::invitations::VALIDITE_JOURS,
                maillage::notification::service::lien_absolu(&format!(
                    "{}{secret}",
                    maillage::compte::invitations::CHEMIN
                ))
            );
        }
        Command::Schema => unreachable!("handled above"),
    }
    Ok(())
}

async fn lieux(settings: &Settings, commande: CommandeLieux) -> anyhow::Result<()> {
    let db = database::connect(&settings.database).await?;
    maillage::startup::prepare_database(&db).await?;
    if referentiel::a_charger(&db).await? {
        referentiel::importer(&db, &Referentiel::embarque()?, |_, _, _| {}).await?;
    }
    match commande {
        CommandeLieux::Import {
            fichier,
            all_or_nothing,
        } => {
            let contenu =
                std::fs::read(&fichier).with_context(|| format!("lecture de {}", fichier.display()))?;
            let debut = std::time::Instant::now();
            let txn = database::ecriture(&db).await?;
            let mut progression = Progression::default();
            let bilan = maillage::lieu::service::importer(&txn, &contenu, all_or_nothing, |fait, total| {
                progression.signaler("lieux", fait, total);
            })
            .await
            .map_err(|error| anyhow::anyhow!("{error}"))?;
            txn.commit().await?;
            for erreur in &bilan.erreurs {
                eprintln!("  ligne {} : {}", erreur.ligne, erreur.motif);
            }
            let secondes = debut.elapsed().as_secs_f64();
            eprintln!(
                "{} lieux importés ({:.0} lieux/s), {} lignes refusées{} en {secondes:.1} s",
                bilan.importes,
                bilan.importes as f64 / secondes.max(0.001),
                bilan.erreurs.len(),
                if all_or_nothing && !bilan.erreurs.is_empty() {
                    " (rien n’est importé : --all-or-nothing)"
                } else {
                    ""
                }
            );
            if !bilan.erreurs.is_empty() {
                std::process::exit(2);
            }
        }
        CommandeLieux::Export => {
            let total = maillage::lieu::service::exporter(&db, None, std::io::stdout().lock())
                .await
                .map_err(|error| anyhow::anyhow!("{error}"))?;
            eprintln!("{total} lieux exportés");
        }
    }
    Ok(())
}

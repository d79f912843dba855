//! A PostgreSQL server of one test's own — Debian's binaries, a temporary folder, a free loopback port — for
//! what must hold while the database restarts: the shared server of the other tests must never go away.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The server, stopped and removed when dropped.
pub struct PostgresJetable {
    pub port: u16,
    bin: PathBuf,
    donnees: PathBuf,
    /// Run as the `postgres` account when the tests run as root (PostgreSQL refuses root).
    en_tant_que_postgres: bool,
    _dossier: tempfile::TempDir,
}

/// The newest installed PostgreSQL's programs (`/usr/lib/postgresql/N/bin`).
fn programmes() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL (paquet postgresql) : scripts/test.sh l’installe")
        .filter_map(|entree| Some(entree.ok()?.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort_by_key(|bin| {
        bin.parent()
            .and_then(Path::file_name)
            .and_then(|v| v.to_str()?.parse::<u32>().ok())
            .unwrap_or(0)
    });
    versions
        .pop()
        .expect("initdb introuvable sous /usr/lib/postgresql")
}

/// A port nobody listens on now.
pub fn port_libre() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl PostgresJetable {
    /// Creates the cluster (trust authentication, loopback only) and starts it.
    pub fn demarrer() -> Self {
        let dossier = tempfile::tempdir().unwrap();
        let en_tant_que_postgres = est_root();
        if en_tant_que_postgres {
            lancer(Command::new("chown").arg("postgres").arg(dossier.path()));
        }
        let serveur = Self {
            port: port_libre(),
            bin: programmes(),
            donnees: dossier.path().join("donnees"),
            en_tant_que_postgres,
            _dossier: dossier,
        };
        lancer(serveur.commande("initdb").arg("-D").arg(&serveur.donnees).args([
            "--auth=trust",
            "-U",
            "postgres",
            "--no-sync",
        ]));
        serveur.pg_ctl(&["start"]);
        serveur
    }

    /// The URL of database `base` on this server.
    pub fn url(&self, base: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{base}", self.port)
    }

    /// Restarts the server as an operator's `systemctl restart postgresql` does: sessions are cut, the
    /// transactions in flight rolled back; returns once it accepts connections again.
    pub fn redemarrer(&self) {
        self.pg_ctl(&["restart", "-m", "fast"]);
    }

    /// Stops the server (`-m fast`), as an outage would: nothing answers on its port until [`Self::relancer`].
    pub fn arreter(&self) {
        self.pg_ctl(&["stop", "-m", "fast"]);
    }

    /// Starts the stopped server again; returns once it accepts connections.
    pub fn relancer(&self) {
        self.pg_ctl(&["start"]);
    }

    fn commande(&self, programme: &str) -> Command {
        let chemin = self.bin.join(programme);
        if self.en_tant_que_postgres {
            let mut commande = Command::new("runuser");
            commande.args(["-u", "postgres", "--"]).arg(chemin);
            commande
        } else {
            Command::new(chemin)
        }
    }

    fn pg_ctl(&self, action: &[&str]) {
        let socket = self.donnees.parent().unwrap();
        lancer(
            self.commande("pg_ctl")
                .arg("-D")
                .arg(&self.donnees)
                .arg("-o")
                .arg(format!(
                    "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
                    self.port,
                    socket.display()
                ))
                .arg("-l")
                .arg(socket.join("journal"))
                .arg("-w")
                .args(action),
        );
    }
}

impl Drop for PostgresJetable {
    fn drop(&mut self) {
        let _ = self
            .commande("pg_ctl")
            .arg("-D")
            .arg(&self.donnees)
            .args(["-m", "immediate", "stop"])
            .output();
    }
}

fn lancer(commande: &mut Command) {
    let sortie = commande.output().unwrap();
    assert!(
        sortie.status.success(),
        "{commande:?} : {}{}",
        String::from_utf8_lossy(&sortie.stdout),
        String::from_utf8_lossy(&sortie.stderr)
    );
}

/// Whether this process runs as root (the owner of its own `/proc/self`).
pub fn est_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|moi| moi.uid() == 0)
}

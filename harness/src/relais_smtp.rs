//! A real SMTP relay as a ministry runs one (`harness/smtp/serveur.py`, on the PyPI packages aiosmtpd and
//! trustme): STARTTLS required on one port, TLS from the first byte on another, a login required on both,
//! its certificate issued by a test authority whose PEM it writes. Started on loopback for a test.

use std::path::PathBuf;
use std::process::Stdio;

use tokio::io::AsyncBufReadExt;

/// The relay, stopped when dropped.
pub struct RelaisSmtp {
    pub port_starttls: u16,
    pub port_tls: u16,
    /// The PEM of the authority that issued the relay's certificate.
    pub autorite: PathBuf,
    dossier: tempfile::TempDir,
    _processus: tokio::process::Child,
}

impl RelaisSmtp {
    /// Starts it, accepting the login `utilisateur` / `mot_de_passe` only.
    pub async fn demarrer(utilisateur: &str, mot_de_passe: &str) -> Self {
        let racine = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dossier = tempfile::tempdir().unwrap();
        let mut processus = tokio::process::Command::new(racine.join("target/smtp-python/bin/python"))
            .arg(racine.join("harness/smtp/serveur.py"))
            .arg(dossier.path())
            .args([utilisateur, mot_de_passe])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("target/smtp-python (aiosmtpd, trustme) pour le relais SMTP de test : scripts/test.sh l’installe");
        let sortie = processus.stdout.take().unwrap();
        let mut lignes = tokio::io::BufReader::new(sortie).lines();
        let pret = tokio::time::timeout(std::time::Duration::from_secs(30), lignes.next_line())
            .await
            .expect("le relais SMTP démarre en moins de 30 s")
            .unwrap()
            .expect("le relais SMTP dit ses ports");
        let ports: Vec<u16> = pret
            .strip_prefix("pret ")
            .unwrap_or_default()
            .split(' ')
            .map(|port| port.parse().unwrap())
            .collect();
        Self {
            port_starttls: ports[0],
            port_tls: ports[1],
            autorite: dossier.path().join("autorite.pem"),
            dossier,
            _processus: processus,
        }
    }

    /// The messages received, in order, each after its line `utilisateur=… chiffre=oui|non`.
    pub fn messages(&self) -> Vec<String> {
        (1..)
            .map(|n| self.dossier.path().join(format!("{n}.eml")))
            .take_while(|chemin| chemin.exists())
            .map(|chemin| std::fs::read_to_string(chemin).unwrap())
            .collect()
    }
}

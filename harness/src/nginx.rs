//! Debian's nginx running the documented site (`docs/deploiement/maillage.nginx`) on loopback, in front of
//! instances started by the test: the file itself, with only its ports and certificate paths replaced, so
//! the deployment the documentation gives is the one tested. Its certificate is made for 127.0.0.1 by
//! `openssl`, and given to the test's clients to trust.

use std::path::{Path, PathBuf};
use std::process::Stdio;

/// nginx, stopped when dropped.
pub struct Nginx {
    /// The HTTPS port.
    pub port: u16,
    /// The PEM of the authority that issued its certificate.
    pub autorite: PathBuf,
    dossier: tempfile::TempDir,
    processus: tokio::process::Child,
}

/// The documented site with `amont`'s two ports, listening on loopback `https` (and `http`, which
/// redirects), its certificate in `dossier`.
fn site(amont: [u16; 2], https: u16, http: u16, dossier: &Path) -> String {
    let racine = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut site = std::fs::read_to_string(racine.join("docs/deploiement/maillage.nginx")).unwrap();
    let remplacements = [
        (
            "server 127.0.0.1:8081 ",
            format!("server 127.0.0.1:{} ", amont[0]),
        ),
        (
            "server 127.0.0.1:8082 ",
            format!("server 127.0.0.1:{} ", amont[1]),
        ),
        ("listen 443 ", format!("listen 127.0.0.1:{https} ")),
        ("listen 80;", format!("listen 127.0.0.1:{http};")),
        (
            "/etc/ssl/maillage/fullchain.pem",
            dossier.join("certificat.pem").display().to_string(),
        ),
        (
            "/etc/ssl/maillage/privkey.pem",
            dossier.join("cle.pem").display().to_string(),
        ),
    ];
    for (documente, ici) in remplacements {
        assert!(
            site.contains(documente),
            "docs/deploiement/maillage.nginx ne contient plus « {documente} »"
        );
        site = site.replace(documente, &ici);
    }
    site
}

impl Nginx {
    /// Starts nginx in front of the instances listening on `amont`; returns once it accepts connections.
    pub async fn devant(amont: [u16; 2]) -> Self {
        let dossier = tempfile::tempdir().unwrap();
        let chemin = dossier.path();
        // nginx's workers run as an unprivileged account when started by root: they need to reach their
        // temporary files.
        std::fs::set_permissions(chemin, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        // A test authority, and the certificate it issues for 127.0.0.1 (a self-signed certificate would be an
        // authority used as a server's, which the client rightly refuses).
        let autorite = chemin.join("autorite.pem");
        let cle_de_l_autorite = chemin.join("autorite.cle");
        certificat("/CN=Autorite de test", &cle_de_l_autorite, &autorite, &[]);
        let emetteur = [autorite.as_os_str(), cle_de_l_autorite.as_os_str()];
        certificat(
            "/CN=127.0.0.1",
            &chemin.join("cle.pem"),
            &chemin.join("certificat.pem"),
            &[
                "-CA".as_ref(),
                emetteur[0],
                "-CAkey".as_ref(),
                emetteur[1],
                "-addext".as_ref(),
                "subjectAltName=IP:127.0.0.1".as_ref(),
                "-addext".as_ref(),
                "basicConstraints=critical,CA:FALSE".as_ref(),
            ],
        );

        let port = crate::postgres_jetable::port_libre();
        std::fs::write(
            chemin.join("maillage.site"),
            site(amont, port, crate::postgres_jetable::port_libre(), chemin),
        )
        .unwrap();
        let temporaires = ["corps", "proxy", "fastcgi", "uwsgi", "scgi"]
            .map(|t| format!("{t}_temp_path {}/{t};", chemin.display()))
            .join("\n    ")
            .replace("corps_temp_path", "client_body_temp_path");
        std::fs::write(
            chemin.join("nginx.conf"),
            format!(
                "worker_processes 1;\npid {dossier}/nginx.pid;\nerror_log {dossier}/erreurs.log warn;\n\
                 events {{ worker_connections 512; }}\n\
                 http {{\n    access_log off;\n    {temporaires}\n    include {dossier}/maillage.site;\n}}\n",
                dossier = chemin.display()
            ),
        )
        .unwrap();
        let processus = tokio::process::Command::new("/usr/sbin/nginx")
            .arg("-p")
            .arg(chemin)
            .arg("-c")
            .arg(chemin.join("nginx.conf"))
            .arg("-e")
            .arg(chemin.join("erreurs.log"))
            .args(["-g", "daemon off;"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx (paquet nginx de Debian) : scripts/test.sh l’installe");
        let nginx = Self {
            port,
            autorite,
            dossier,
            processus,
        };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return nginx;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("nginx n’écoute pas : {}", nginx.erreurs());
    }

    /// `https://127.0.0.1:PORT`.
    pub fn adresse(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// A client that trusts nginx's certificate and keeps its cookies (one browser).
    pub fn navigateur(&self) -> crate::Client {
        let pem = std::fs::read(&self.autorite).unwrap();
        crate::Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
                .timeout(std::time::Duration::from_secs(60))
                .build()
                .unwrap(),
            address: self.adresse(),
        }
    }

    /// nginx's error log.
    pub fn erreurs(&self) -> String {
        std::fs::read_to_string(self.dossier.path().join("erreurs.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    /// SIGTERM, then waits for the master: it stops its workers (killed, it would leave them running).
    fn drop(&mut self) {
        if let Some(pid) = self.processus.id() {
            let _ = std::process::Command::new("kill").arg(pid.to_string()).status();
            for _ in 0..100 {
                if !matches!(self.processus.try_wait(), Ok(None)) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
}

/// A new key in `cle` and its certificate for `sujet` in `sortie`, valid two days: self-signed, or issued as
/// `autres` says.
fn certificat(sujet: &str, cle: &Path, sortie: &Path, autres: &[&std::ffi::OsStr]) {
    let sortie = std::process::Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", sujet,
        ])
        .arg("-keyout")
        .arg(cle)
        .arg("-out")
        .arg(sortie)
        .args(autres)
        .output()
        .expect("openssl : scripts/test.sh l’installe");
    assert!(
        sortie.status.success(),
        "{}",
        String::from_utf8_lossy(&sortie.stderr)
    );
}

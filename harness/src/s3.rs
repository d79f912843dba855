//! A real S3-compatible server for the tests (`harness/s3/serveur.py`, on the PyPI package moto), started
//! once per test binary on loopback; each app that asks gets its own bucket. It stops when the test binary
//! exits (its standard input closes).

use std::io::{BufRead, Read, Write};
use std::process::{Child, Stdio};
use std::sync::OnceLock;

use maillage::settings::Settings;
use secrecy::SecretString;

struct Serveur {
    port: u16,
    _processus: Child,
}

static SERVEUR: OnceLock<Serveur> = OnceLock::new();

fn serveur() -> &'static Serveur {
    SERVEUR.get_or_init(|| {
        let racine = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut processus = std::process::Command::new(racine.join("target/s3-python/bin/python"))
            .arg(racine.join("harness/s3/serveur.py"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("target/s3-python (moto) pour le stockage S3 de test : scripts/test.sh l’installe");
        let mut ligne = String::new();
        std::io::BufReader::new(processus.stdout.take().unwrap())
            .read_line(&mut ligne)
            .unwrap();
        let port = ligne
            .trim()
            .strip_prefix("pret ")
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("le serveur S3 dit son port, pas « {ligne} »"));
        Serveur {
            port,
            _processus: processus,
        }
    })
}

/// Points the app's document storage at a new, empty bucket of the test server.
pub fn regler(settings: &mut Settings) {
    let port = serveur().port;
    let bucket = format!("maillage-{}", uuid::Uuid::new_v4().simple());
    // Creating a bucket is one unsigned PUT for this server.
    let mut connexion = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        connexion,
        "PUT /{bucket} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reponse = String::new();
    connexion.read_to_string(&mut reponse).unwrap();
    assert!(
        reponse.starts_with("HTTP/1.1 200"),
        "création du bucket : {reponse}"
    );
    settings.stockage.s3_url = format!("http://127.0.0.1:{port}");
    settings.stockage.s3_bucket = bucket;
    settings.stockage.s3_region = "us-east-1".to_owned();
    settings.stockage.s3_cle = "cle-de-test".to_owned();
    settings.stockage.s3_secret = SecretString::from("secret-de-test");
}

/// The keys of the objects in the app's bucket.
pub fn objets(bucket: &str) -> Vec<String> {
    let port = serveur().port;
    let mut connexion = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        connexion,
        "GET /{bucket}?list-type=2 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reponse = String::new();
    connexion.read_to_string(&mut reponse).unwrap();
    reponse
        .split("<Key>")
        .skip(1)
        .filter_map(|morceau| morceau.split_once("</Key>").map(|(cle, _)| cle.to_owned()))
        .collect()
}

//! The documented deployment under stress: two `maillage` processes — the real binary, with the settings
//! docs/deploiement/maillage@.service gives them — on one PostgreSQL of the test's own, behind Debian's nginx
//! running docs/deploiement/maillage.nginx, the outbox sending through a real SMTP relay (STARTTLS, login).
//! Under a mixed load (a conseiller recording accompaniments with idempotency keys, people reading in their
//! sessions, anonymous public reads), one instance is killed with SIGKILL and later restarted as systemd
//! does; then PostgreSQL is restarted. What people rely on: no acknowledged write is lost nor doubled,
//! sessions go on on the other instance, each email leaves once, the hourly job's reminder goes out once
//! although three processes ran it, the app comes back by itself within seconds of the database, and
//! every error in between is one a client can act on.

use maillage_harness::fixtures::{BREST_METROPOLE, CandidatureValidee, StructureBuilder};
use maillage_harness::nginx::Nginx;
use maillage_harness::postgres_jetable::{PostgresJetable, port_libre};
use maillage_harness::relais_smtp::RelaisSmtp;
use maillage_harness::{self as common, Client, Engine, TestApp};

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use maillage::notification::entity::email_sortant;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, EntityTrait, Set, Statement};
use serde_json::{Value, json};

const YANN: &str = "conseiller.iroise@demo.maillage.fr";
const PREFECTURE: &str = "prefecture29@demo.maillage.fr";
const ENREGISTRER: &str = "mutation($a: AccompagnementEntree!, $k: String) { enregistrerActivite(accompagnement: $a, cleIdempotence: $k) }";
/// Emails queued during the load, as the actions of a busy morning would.
const COURRIELS: usize = 150;

/// The moment of the scenario a request was answered in: which failures are expected then.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
enum Moment {
    /// Both instances and the database up: nothing may fail.
    Calme = 0,
    /// The seconds after the SIGKILL: a request the killed instance had received gets nginx's 502.
    Arret = 1,
    /// PostgreSQL restarting and the app reconnecting: `503 UNAVAILABLE` with `Retry-After`.
    Redemarrage = 2,
}

impl Moment {
    fn de(valeur: u8) -> Self {
        match valeur {
            1 => Self::Arret,
            2 => Self::Redemarrage,
            _ => Self::Calme,
        }
    }
}

/// What the load saw.
#[derive(Default)]
struct Bilan {
    /// Idempotency keys of the accompaniments the server acknowledged.
    acquittees: Vec<String>,
    /// Failed answers, by moment and kind.
    echecs: BTreeMap<(Moment, String), usize>,
    /// Answers that succeeded, by moment.
    reussites: BTreeMap<Moment, usize>,
}

struct Charge {
    moment: AtomicU8,
    arret: AtomicBool,
    bilan: Mutex<Bilan>,
}

impl Charge {
    fn noter(&self, moment: Moment, resultat: &Result<Value, String>) {
        let mut bilan = self.bilan.lock().unwrap();
        match resultat {
            Ok(_) => *bilan.reussites.entry(moment).or_default() += 1,
            Err(echec) => *bilan.echecs.entry((moment, echec.clone())).or_default() += 1,
        }
    }

    fn moment(&self) -> Moment {
        Moment::de(self.moment.load(Ordering::SeqCst))
    }

    /// Sends a request, noting its answer at the moment it overlapped (a request sent just before the kill
    /// and answered after it belongs to the kill).
    async fn envoyer(&self, client: &Client, query: &str, variables: Value) -> Result<Value, String> {
        let avant = self.moment();
        let resultat = envoyer(client, query, variables).await;
        self.noter(avant.max(self.moment()), &resultat);
        resultat
    }
}

/// One GraphQL request through nginx, its failure described by kind: a transport error, nginx's 502, the
/// app's 503 with the `UNAVAILABLE` code and `Retry-After`, or another status or error code.
async fn envoyer(client: &Client, query: &str, variables: Value) -> Result<Value, String> {
    let reponse = client
        .http
        .post(format!("{}/graphql", client.address))
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .map_err(|erreur| format!("transport : {erreur}"))?;
    let statut = reponse.status().as_u16();
    let reessayer = reponse.headers().contains_key("retry-after");
    let corps = reponse
        .text()
        .await
        .map_err(|erreur| format!("corps : {erreur}"))?;
    let json: Value = serde_json::from_str(&corps).unwrap_or(Value::Null);
    let code = json["errors"][0]["extensions"]["code"].as_str().unwrap_or("");
    match (statut, code) {
        (200, "") if json["data"].is_object() => Ok(json["data"].clone()),
        (503, "UNAVAILABLE") if reessayer => Err("503 UNAVAILABLE".to_owned()),
        (502, _) => Err("502 de nginx".to_owned()),
        _ => Err(format!("{statut} {code} {corps:.200}")),
    }
}

fn accompagnement() -> Value {
    json!({
        "date": maillage_shared::jour::jour_en_metropole(chrono::Utc::now()).to_string(),
        "typeAccompagnement": "INDIVIDUEL", "canal": "LIEU_DE_PERMANENCE",
        "themes": ["Aide aux démarches administratives"], "dureeMinutes": 30, "participants": 1,
        "communeCode": "29019"
    })
}

/// A conseiller recording accompaniments one after the other; each is sent again with its key until it is
/// acknowledged, as the app's form does.
async fn ecrire(charge: Arc<Charge>, client: Client) {
    while !charge.arret.load(Ordering::SeqCst) {
        let cle = uuid::Uuid::new_v4().to_string();
        let debut = Instant::now();
        loop {
            match charge
                .envoyer(&client, ENREGISTRER, json!({ "a": accompagnement(), "k": cle }))
                .await
            {
                Ok(data) => {
                    assert_eq!(data["enregistrerActivite"], true);
                    charge.bilan.lock().unwrap().acquittees.push(cle);
                    break;
                }
                Err(_) if debut.elapsed() < Duration::from_secs(60) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(echec) => panic!("accompagnement jamais acquitté en 60 s : {echec}"),
            }
        }
    }
}

/// A person reading in their session: always themselves, never sent back to the login.
async fn lire_en_session(charge: Arc<Charge>, client: Client, email: &'static str) {
    while !charge.arret.load(Ordering::SeqCst) {
        if let Ok(data) = charge.envoyer(&client, "{ moi { email } }", json!({})).await {
            assert_eq!(
                data["moi"]["email"], email,
                "the session is still the same person's"
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Anyone reading public data.
async fn lire_en_public(charge: Arc<Charge>, client: Client) {
    while !charge.arret.load(Ordering::SeqCst) {
        if let Ok(data) = charge
            .envoyer(&client, "{ departement(code: \"29\") { nom } }", json!({}))
            .await
        {
            assert_eq!(data["departement"]["nom"], "Finistère");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// An instance as the systemd unit starts it: production, behind the proxy, the relay's login.
fn demarrer_instance(
    port: u16,
    url: &str,
    relais: &RelaisSmtp,
    adresse_publique: &str,
    dossier: &Path,
) -> tokio::process::Child {
    let journal = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dossier.join(format!("instance-{port}.log")))
        .unwrap();
    tokio::process::Command::new(env!("CARGO_BIN_EXE_maillage"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("MAILLAGE_APPLICATION__ADDR", format!("127.0.0.1:{port}"))
        .env("MAILLAGE_APPLICATION__STATIC_DIR", dossier)
        .env("MAILLAGE_APPLICATION__PRODUCTION", "true")
        .env("MAILLAGE_APPLICATION__HSTS", "true")
        .env("MAILLAGE_APPLICATION__DERRIERE_UN_PROXY", "true")
        // Every request of the load comes from one address: the per-address quota is not what is tested.
        .env("MAILLAGE_APPLICATION__REQUETES_PAR_MINUTE", "0")
        .env("MAILLAGE_DATABASE__MAX_CONNECTIONS", "6")
        .env("MAILLAGE_EMAIL__SMTP_HOST", "127.0.0.1")
        .env("MAILLAGE_EMAIL__SMTP_PORT", relais.port_starttls.to_string())
        .env("MAILLAGE_EMAIL__SMTP_SECURITE", "starttls")
        .env("MAILLAGE_EMAIL__SMTP_UTILISATEUR", "maillage")
        .env("MAILLAGE_EMAIL__SMTP_MOT_DE_PASSE", "relais-secret")
        .env("MAILLAGE_EMAIL__SMTP_AUTORITE", &relais.autorite)
        .env("MAILLAGE_EMAIL__INTERVALLE_SECONDES", "1")
        .env("MAILLAGE_EMAIL__BAIL_SECONDES", "10")
        .env("MAILLAGE_EMAIL__ADRESSE_PUBLIQUE", adresse_publique)
        .env("RUST_LOG", "warn")
        .stdout(journal.try_clone().unwrap())
        .stderr(journal)
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// Waits until the instance on `port` answers its readiness check.
async fn pret(port: u16) {
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if let Ok(reponse) = client.get(format!("http://127.0.0.1:{port}/readyz")).send().await
            && reponse.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("l’instance du port {port} n’est pas prête en 60 s");
}

async fn compter(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_owned()))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap()
}

/// The outbox id of each message the relay received (from its `Message-ID: <sortant-ID-…>`), with how many
/// times it came.
fn recus_par_courriel(relais: &RelaisSmtp) -> HashMap<i64, usize> {
    let mut recus = HashMap::new();
    for message in relais.messages() {
        let id = message
            .lines()
            .find_map(|ligne| {
                let (nom, valeur) = ligne.split_once(':')?;
                nom.eq_ignore_ascii_case("message-id").then_some(valeur)?;
                valeur
                    .trim()
                    .strip_prefix("<sortant-")?
                    .split('-')
                    .next()?
                    .parse()
                    .ok()
            })
            .unwrap_or_else(|| panic!("a message without the outbox's Message-ID: {message:.500}"));
        *recus.entry(id).or_default() += 1;
    }
    recus
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_behind_nginx_survive_a_kill_and_a_postgresql_restart_under_load() {
    let postgres = tokio::task::spawn_blocking(PostgresJetable::demarrer)
        .await
        .unwrap();
    let admin = Database::connect(postgres.url("postgres")).await.unwrap();
    admin
        .execute_unprepared("CREATE DATABASE maillage")
        .await
        .unwrap();
    admin.close().await.unwrap();
    let url = postgres.url("maillage");
    let db = Database::connect(&url).await.unwrap();
    common::base_de_demo(&db).await;

    // Before the instances start: a post validated five months ago and still not filled, whose
    // recruitment reminder the hourly job of every instance will try to send.
    let preparation = TestApp::sur_la_base(Engine::Postgres, url.clone()).await;
    let poste = CandidatureValidee::sur(
        &preparation,
        StructureBuilder::new().inscrire(&preparation).await,
        &[BREST_METROPOLE],
    )
    .await;
    let il_y_a_cinq_mois = maillage_shared::jour::jour_en_metropole(chrono::Utc::now())
        .checked_sub_months(chrono::Months::new(5))
        .unwrap();
    db.execute_unprepared(&format!(
        "UPDATE candidature SET decide_le = '{il_y_a_cinq_mois}' WHERE id = {}",
        poste.id
    ))
    .await
    .unwrap();
    drop(preparation);

    let relais = RelaisSmtp::demarrer("maillage", "relais-secret").await;
    let dossier = tempfile::tempdir().unwrap();
    std::fs::write(
        dossier.path().join("index.html"),
        "<!doctype html><title>Maillage</title>",
    )
    .unwrap();
    let ports = [port_libre(), port_libre()];
    let nginx = Nginx::devant(ports).await;
    let mut instances =
        ports.map(|port| demarrer_instance(port, &url, &relais, &nginx.adresse(), dossier.path()));
    for port in ports {
        pret(port).await;
    }

    // People log in through nginx: their sessions land on either instance.
    let connecter = async |email: &str| {
        let client = nginx.navigateur();
        let data = envoyer(
            &client,
            "mutation($e: String!, $m: String!) { connexion(email: $e, motDePasse: $m) { email } }",
            json!({ "e": email, "m": maillage::demo::MOT_DE_PASSE }),
        )
        .await
        .unwrap();
        assert_eq!(data["connexion"]["email"], email);
        client
    };
    let charge = Arc::new(Charge {
        moment: AtomicU8::new(Moment::Calme as u8),
        arret: AtomicBool::new(false),
        bilan: Mutex::default(),
    });
    let activites_avant = compter(&db, "SELECT count(*) FROM activite").await;
    let mut taches = Vec::new();
    for _ in 0..2 {
        let client = connecter(YANN).await;
        taches.push(tokio::spawn(ecrire(charge.clone(), client.clone())));
        taches.push(tokio::spawn(lire_en_session(charge.clone(), client, YANN)));
    }
    for _ in 0..2 {
        taches.push(tokio::spawn(lire_en_session(
            charge.clone(),
            connecter(PREFECTURE).await,
            PREFECTURE,
        )));
        taches.push(tokio::spawn(lire_en_public(charge.clone(), nginx.navigateur())));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;

    // The emails of a busy morning, then the first instance killed while both send them.
    email_sortant::Entity::insert_many((0..COURRIELS).map(|n| email_sortant::ActiveModel {
        destinataire: Set(format!("personne{n}@exemple.fr")),
        sujet: Set(format!("Charge {n}")),
        corps: Set("Un courriel de la matinée.".to_owned()),
        cree_le: Set(chrono::Utc::now()),
        prochaine_tentative: Set(chrono::Utc::now()),
        tentatives: Set(0),
        ..Default::default()
    }))
    .exec(&db)
    .await
    .unwrap();
    let debut = Instant::now();
    while relais.messages().len() < COURRIELS / 4 {
        assert!(
            debut.elapsed() < Duration::from_secs(60),
            "the outbox does not send"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    charge.moment.store(Moment::Arret as u8, Ordering::SeqCst);
    instances[0].start_kill().unwrap();
    instances[0].wait().await.unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    charge.moment.store(Moment::Calme as u8, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(3)).await;

    // systemd starts it again (Restart=always); the other went on alone meanwhile.
    instances[0] = demarrer_instance(ports[0], &url, &relais, &nginx.adresse(), dossier.path());
    pret(ports[0]).await;
    let debut = Instant::now();
    while compter(&db, "SELECT count(*) FROM email_sortant WHERE envoye_le IS NULL").await > 0 {
        assert!(
            debut.elapsed() < Duration::from_secs(90),
            "emails left unsent after the kill"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // PostgreSQL restarted under the load, then down for longer than a request waits for a connection.
    charge.moment.store(Moment::Redemarrage as u8, Ordering::SeqCst);
    let postgres = Arc::new(postgres);
    let sonde = connecter(PREFECTURE).await;
    let revenir = async || {
        let depuis = Instant::now();
        loop {
            if envoyer(&sonde, "{ moi { email } }", json!({})).await.is_ok() {
                break depuis.elapsed();
            }
            assert!(
                depuis.elapsed() < Duration::from_secs(30),
                "the app did not come back"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    // pg_ctl waits for the server: off the runtime's threads.
    let agir = async |action: fn(&PostgresJetable)| {
        let serveur = postgres.clone();
        tokio::task::spawn_blocking(move || action(&serveur))
            .await
            .unwrap();
    };
    agir(PostgresJetable::redemarrer).await;
    let retour = revenir().await;
    agir(PostgresJetable::arreter).await;
    let panne = Instant::now();
    let indisponible = (Moment::Redemarrage, "503 UNAVAILABLE".to_owned());
    while !charge.bilan.lock().unwrap().echecs.contains_key(&indisponible) {
        assert!(
            panne.elapsed() < Duration::from_secs(30),
            "no answer while the database was down"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    agir(PostgresJetable::relancer).await;
    let retour_de_panne = revenir().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    charge.moment.store(Moment::Calme as u8, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(3)).await;
    charge.arret.store(true, Ordering::SeqCst);
    for tache in taches {
        tache.await.unwrap();
    }
    let bilan = std::mem::take(&mut *charge.bilan.lock().unwrap());
    eprintln!(
        "réussites {:?}, échecs {:?}, retour après le redémarrage de PostgreSQL {} ms, après sa panne {} ms",
        bilan.reussites,
        bilan.echecs,
        retour.as_millis(),
        retour_de_panne.as_millis()
    );

    // Every failure was one a client can act on, at the moment it could happen.
    for ((moment, echec), nombre) in &bilan.echecs {
        let attendu = match moment {
            Moment::Calme => false,
            Moment::Arret => echec == "502 de nginx",
            Moment::Redemarrage => echec == "503 UNAVAILABLE",
        };
        assert!(attendu, "{nombre} × « {echec} » while {moment:?}");
    }
    for moment in [Moment::Calme, Moment::Arret] {
        assert!(
            bilan.reussites.get(&moment).copied().unwrap_or(0) > 20,
            "the load ran while {moment:?}"
        );
    }
    for retour in [retour, retour_de_panne] {
        assert!(
            retour < Duration::from_secs(15),
            "back within seconds of PostgreSQL: {retour:?}"
        );
    }

    // No acknowledged accompaniment lost, none recorded twice however often it was sent again.
    let db = Database::connect(&url).await.unwrap();
    assert!(bilan.acquittees.len() > 20, "{} writes", bilan.acquittees.len());
    let activites = compter(&db, "SELECT count(*) FROM activite").await;
    assert_eq!(activites - activites_avant, bilan.acquittees.len() as i64);
    let cles = bilan
        .acquittees
        .iter()
        .map(|cle| format!("'{cle}'"))
        .collect::<Vec<_>>()
        .join(",");
    let retrouvees = compter(
        &db,
        &format!(
            "SELECT count(*) FROM idempotence i JOIN activite a ON CAST(a.id AS TEXT) = i.resultat WHERE i.cle IN ({cles})"
        ),
    )
    .await;
    assert_eq!(retrouvees, bilan.acquittees.len() as i64);

    // The reminder: once for each person concerned, though every instance's job ran (three starts).
    let rappels = compter(
        &db,
        &format!(
            "SELECT count(*) FROM notification WHERE titre = 'Recrutement à finaliser' AND lien = '/candidatures/{}'",
            poste.id
        ),
    )
    .await;
    let concernes = compter(
        &db,
        "SELECT count(DISTINCT destinataire) FROM email_sortant WHERE sujet = '[Maillage] Recrutement à finaliser'",
    )
    .await;
    assert!(concernes >= 2, "the structure and the préfecture: {concernes}");
    assert_eq!(rappels, concernes, "one reminder per person");
    assert_eq!(
        compter(
            &db,
            "SELECT count(*) FROM email_sortant WHERE sujet = '[Maillage] Recrutement à finaliser'"
        )
        .await,
        concernes,
        "one reminder email per person"
    );

    // Each email of the outbox reached the relay; only the one whose acceptance was in flight when the
    // instance died may have come twice, under the same Message-ID.
    let recus = recus_par_courriel(&relais);
    let ids = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM email_sortant".to_owned(),
        ))
        .await
        .unwrap();
    assert!(
        ids.len() > COURRIELS,
        "the morning's emails and the reminders: {}",
        ids.len()
    );
    for ligne in ids {
        let id: i64 = ligne.try_get_by_index(0).unwrap();
        assert!(recus.contains_key(&id), "email {id} never reached the relay");
    }
    let deux_fois: Vec<_> = recus.iter().filter(|(_, fois)| **fois > 1).collect();
    assert!(
        deux_fois.len() <= 1 && deux_fois.iter().all(|(_, fois)| **fois == 2),
        "emails sent more than once: {deux_fois:?}"
    );
    eprintln!("courriels {} reçus, en double : {deux_fois:?}", recus.len());
    drop(nginx);
}

//! The email outbox: notifications queue emails in the same transaction, and the worker delivers them over a
//! real SMTP conversation (with a local sink the test starts), once each, even with two workers; to a relay
//! that requires TLS and a login (a real SMTP server, aiosmtpd), over STARTTLS or implicit TLS, with the
//! relay's certificate verified.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::on_both_engines;

use std::sync::{Arc, Mutex};

use maillage::compte::entity::utilisateur;
use maillage::notification::entity::email_sortant;
use maillage::notification::service::notifier;
use maillage::notification::worker::Facteur;
use maillage::settings::{EmailSettings, SecuriteSmtp};
use maillage_harness::relais_smtp::RelaisSmtp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use secrecy::SecretString;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server keeping every message it accepts (the DATA part).
async fn puits_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let recus = Arc::new(Mutex::new(Vec::new()));
    let stock = recus.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let stock = stock.clone();
            tokio::spawn(async move {
                let (lecture, mut ecriture) = socket.into_split();
                let mut lignes = BufReader::new(lecture).lines();
                ecriture.write_all(b"220 puits ESMTP\r\n").await.unwrap();
                let mut message: Option<String> = None;
                while let Ok(Some(ligne)) = lignes.next_line().await {
                    if let Some(corps) = message.as_mut() {
                        if ligne == "." {
                            stock.lock().unwrap().push(message.take().unwrap());
                            ecriture.write_all(b"250 2.0.0 accepte\r\n").await.unwrap();
                        } else {
                            corps.push_str(&ligne);
                            corps.push('\n');
                        }
                        continue;
                    }
                    let commande = ligne.to_ascii_uppercase();
                    let reponse: &[u8] = if commande.starts_with("EHLO") || commande.starts_with("HELO") {
                        b"250 puits\r\n"
                    } else if commande.starts_with("DATA") {
                        message = Some(String::new());
                        b"354 fin par <CRLF>.<CRLF>\r\n"
                    } else if commande.starts_with("QUIT") {
                        ecriture.write_all(b"221 au revoir\r\n").await.unwrap();
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    ecriture.write_all(reponse).await.unwrap();
                }
            });
        }
    });
    (port, recus)
}

fn reglages(port: u16) -> EmailSettings {
    EmailSettings {
        smtp_host: "127.0.0.1".to_owned(),
        smtp_port: port,
        smtp_securite: SecuriteSmtp::Aucune,
        smtp_utilisateur: String::new(),
        smtp_mot_de_passe: SecretString::from(""),
        smtp_autorite: String::new(),
        expediteur: "Maillage <ne-pas-repondre@maillage.anct.gouv.fr>".to_owned(),
        intervalle_secondes: 1,
        bail_secondes: 300,
        adresse_publique: "http://localhost:8080".to_owned(),
    }
}

on_both_engines! {
    async fn outbox_emails_are_delivered_over_smtp_once_each(app) {
        let (port, recus) = puits_smtp().await;
        let anct = utilisateur::Entity::find().filter(utilisateur::Column::Email.eq("anct@demo.maillage.fr")).one(&app.db).await.unwrap().unwrap();
        let prefecture = utilisateur::Entity::find().filter(utilisateur::Column::Email.eq("prefecture29@demo.maillage.fr")).one(&app.db).await.unwrap().unwrap();
        notifier(&app.db, &[anct, prefecture], "Candidature déposée", "Une candidature attend votre avis.", "/candidatures/1").await.unwrap();

        // Two workers at once, as two instances behind a load balancer would run.
        let (un, deux) = (Facteur::new(app.db.clone(), &reglages(port)).unwrap(), Facteur::new(app.db.clone(), &reglages(port)).unwrap());
        let (a, b) = tokio::join!(un.tournee(), deux.tournee());
        assert_eq!(a.unwrap() + b.unwrap(), 2, "each email sent by exactly one worker");
        assert_eq!(un.tournee().await.unwrap(), 0, "nothing left to send");

        let recus = recus.lock().unwrap().clone();
        assert_eq!(recus.len(), 2);
        assert!(recus.iter().all(|m| m.contains("Subject: [Maillage] Candidature") && m.contains("Une candidature attend votre avis.")), "{recus:?}");
        assert!(recus.iter().any(|m| m.contains("To: anct@demo.maillage.fr")));
        let emails = email_sortant::Entity::find().all(&app.db).await.unwrap();
        assert!(emails.iter().all(|e| e.envoye_le.is_some() && e.tentatives == 1), "{emails:?}");
    }

    async fn an_unreachable_smtp_server_leaves_the_email_queued_for_a_later_attempt(app) {
        let personne = utilisateur::Entity::find().filter(utilisateur::Column::Email.eq("anct@demo.maillage.fr")).one(&app.db).await.unwrap().unwrap();
        notifier(&app.db, &[personne], "Essai", "Message.", "/").await.unwrap();
        let ferme = TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port();
        let facteur = Facteur::new(app.db.clone(), &reglages(ferme)).unwrap();
        assert_eq!(facteur.tournee().await.unwrap(), 0);
        let email = email_sortant::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert!(email.envoye_le.is_none());
        assert_eq!(email.tentatives, 1);
        assert!(email.derniere_erreur.is_some());
        assert!(email.prochaine_tentative > chrono::Utc::now(), "retried later, not in a busy loop");
    }

    async fn emails_go_to_a_relay_requiring_tls_and_a_login_with_its_certificate_verified(app) {
        let relais = RelaisSmtp::demarrer("maillage", "mot-de-passe-du-relais").await;
        let personne = utilisateur::Entity::find().filter(utilisateur::Column::Email.eq("anct@demo.maillage.fr")).one(&app.db).await.unwrap().unwrap();
        let tls = |port: u16, securite: SecuriteSmtp, mot_de_passe: &str, autorite: &std::path::Path| EmailSettings {
            smtp_securite: securite,
            smtp_utilisateur: "maillage".to_owned(),
            smtp_mot_de_passe: SecretString::from(mot_de_passe),
            smtp_autorite: autorite.display().to_string(),
            ..reglages(port)
        };
        let derniere_erreur = |db: sea_orm::DatabaseConnection| async move {
            let email = email_sortant::Entity::find().filter(email_sortant::Column::EnvoyeLe.is_null()).one(&db).await.unwrap().unwrap();
            // Due again at once, for the next attempt of this test.
            email_sortant::Entity::update_many().col_expr(email_sortant::Column::ProchaineTentative, sea_orm::sea_query::Expr::value(chrono::Utc::now())).exec(&db).await.unwrap();
            email.derniere_erreur.unwrap_or_default()
        };

        // STARTTLS, logged in, the relay's authority given by the setting.
        notifier(&app.db, std::slice::from_ref(&personne), "Par STARTTLS", "Premier.", "/").await.unwrap();
        let facteur = Facteur::new(app.db.clone(), &tls(relais.port_starttls, SecuriteSmtp::Starttls, "mot-de-passe-du-relais", &relais.autorite)).unwrap();
        assert_eq!(facteur.tournee().await.unwrap(), 1);
        // Implicit TLS.
        notifier(&app.db, std::slice::from_ref(&personne), "Par TLS", "Second.", "/").await.unwrap();
        let facteur = Facteur::new(app.db.clone(), &tls(relais.port_tls, SecuriteSmtp::Tls, "mot-de-passe-du-relais", &relais.autorite)).unwrap();
        assert_eq!(facteur.tournee().await.unwrap(), 1);
        let messages = relais.messages();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().all(|m| m.starts_with("utilisateur=maillage chiffre=oui")), "{messages:?}");
        assert!(messages[0].contains("Par STARTTLS") && messages[1].contains("Par TLS"));

        // The relay's certificate is verified: without its authority (the host's store only), nothing is sent.
        notifier(&app.db, std::slice::from_ref(&personne), "Sans autorité", "Troisième.", "/").await.unwrap();
        let facteur = Facteur::new(app.db.clone(), &tls(relais.port_starttls, SecuriteSmtp::Starttls, "mot-de-passe-du-relais", std::path::Path::new(""))).unwrap();
        assert_eq!(facteur.tournee().await.unwrap(), 0);
        let erreur = derniere_erreur(app.db.clone()).await;
        assert!(erreur.to_lowercase().contains("certificate"), "{erreur}");
        // A wrong password: refused by the relay, the email stays queued.
        let facteur = Facteur::new(app.db.clone(), &tls(relais.port_starttls, SecuriteSmtp::Starttls, "pas-le-bon", &relais.autorite)).unwrap();
        assert_eq!(facteur.tournee().await.unwrap(), 0);
        let erreur = derniere_erreur(app.db.clone()).await;
        assert!(erreur.contains("535") || erreur.to_lowercase().contains("auth"), "{erreur}");
        assert_eq!(relais.messages().len(), 2, "nothing more reached the relay");

        // A login over plain SMTP is refused before anything is sent.
        let clair = EmailSettings { smtp_utilisateur: "maillage".to_owned(), ..reglages(relais.port_starttls) };
        let refus = Facteur::new(app.db.clone(), &clair).err().unwrap().to_string();
        assert!(refus.contains("ne passe pas en clair"), "{refus}");
    }
}

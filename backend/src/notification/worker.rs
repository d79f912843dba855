//! The outbox worker: sends queued emails over SMTP. Several instances may run against one database. What
//! keeps two workers from sending one email is the claim: a conditional update that moves the email's next
//! attempt to the end of a lease only if it is still due and unsent — one statement, so on either engine
//! exactly one worker's update matches and only that worker sends. A worker that dies after claiming leaves
//! the email to be retried when the lease ends; one that dies between the SMTP server's acceptance and
//! recording it leaves that email to be sent again (at least once, never twice otherwise) — with the same
//! `Message-ID`, so the copy is recognisable as one. The candidates are read
//! without locking: a row lock taken by a plain `SELECT` would end with its statement and protect nothing.

use std::time::Duration;

use anyhow::Context;
use chrono::Utc;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use secrecy::ExposeSecret;

use super::entity::email_sortant;
use crate::settings::{EmailSettings, SecuriteSmtp};

/// Emails claimed per round.
const LOT: u64 = 20;
/// Attempts before an email is left aside (its last error stays for an operator).
pub const TENTATIVES_MAX: i32 = 8;

/// Sends the outbox over SMTP.
pub struct Facteur {
    db: DatabaseConnection,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    expediteur: lettre::message::Mailbox,
    /// How long a claimed email is reserved for the worker that claimed it.
    bail: chrono::Duration,
}

impl Facteur {
    /// Builds the worker from the email settings: plain SMTP to a relay of the host's network, or STARTTLS
    /// or implicit TLS with the relay's certificate verified against the host's trust store (and the
    /// authority of `smtp_autorite`), with a login when one is set — never over plain SMTP.
    pub fn new(db: DatabaseConnection, settings: &EmailSettings) -> anyhow::Result<Self> {
        let mut transport =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.smtp_host.clone())
                .port(settings.smtp_port)
                .timeout(Some(Duration::from_secs(20)));
        if settings.smtp_securite != SecuriteSmtp::Aucune {
            let mut parametres = TlsParameters::builder(settings.smtp_host.clone());
            if !settings.smtp_autorite.is_empty() {
                let pem = std::fs::read(&settings.smtp_autorite)
                    .with_context(|| format!("email.smtp_autorite : {} illisible", settings.smtp_autorite))?;
                parametres = parametres.add_root_certificate(
                    Certificate::from_pem(&pem).context("email.smtp_autorite : certificat PEM invalide")?,
                );
            }
            let parametres = parametres.build()?;
            transport = transport.tls(match settings.smtp_securite {
                SecuriteSmtp::Tls => Tls::Wrapper(parametres),
                _ => Tls::Required(parametres),
            });
        }
        if !settings.smtp_utilisateur.is_empty() {
            anyhow::ensure!(
                settings.smtp_securite != SecuriteSmtp::Aucune,
                "email.smtp_utilisateur : le mot de passe ne passe pas en clair ; réglez email.smtp_securite à \"starttls\" ou \"tls\""
            );
            transport = transport.credentials(Credentials::new(
                settings.smtp_utilisateur.clone(),
                settings.smtp_mot_de_passe.expose_secret().to_owned(),
            ));
        }
        Ok(Self {
            db,
            transport: transport.build(),
            expediteur: settings.expediteur.parse()?,
            bail: chrono::Duration::seconds(i64::try_from(settings.bail_secondes).unwrap_or(i64::MAX)),
        })
    }

    /// Claims and sends one batch; returns how many were sent.
    pub async fn tournee(&self) -> anyhow::Result<usize> {
        let maintenant = Utc::now();
        let candidats = email_sortant::Entity::find()
            .filter(email_sortant::Column::EnvoyeLe.is_null())
            .filter(email_sortant::Column::ProchaineTentative.lte(maintenant))
            .filter(email_sortant::Column::Tentatives.lt(TENTATIVES_MAX))
            .order_by_asc(email_sortant::Column::Id)
            .limit(LOT);
        let mut envoyes = 0;
        for email in candidats.all(&self.db).await? {
            // The lease: only the worker whose update matched owns this email now.
            let reclame = email_sortant::Entity::update_many()
                .col_expr(
                    email_sortant::Column::ProchaineTentative,
                    Expr::value(maintenant + self.bail),
                )
                .filter(email_sortant::Column::Id.eq(email.id))
                .filter(email_sortant::Column::EnvoyeLe.is_null())
                .filter(email_sortant::Column::ProchaineTentative.lte(maintenant))
                .exec(&self.db)
                .await?;
            if reclame.rows_affected != 1 {
                continue;
            }
            match self.envoyer(&email).await {
                Ok(()) => {
                    email_sortant::Entity::update_many()
                        .col_expr(email_sortant::Column::EnvoyeLe, Expr::value(Utc::now()))
                        .col_expr(
                            email_sortant::Column::Tentatives,
                            Expr::value(email.tentatives + 1),
                        )
                        .filter(email_sortant::Column::Id.eq(email.id))
                        .exec(&self.db)
                        .await?;
                    envoyes += 1;
                }
                Err(error) => {
                    tracing::warn!(email_id = email.id, %error, "envoi d’email échoué");
                    // Exponential backoff: 1, 2, 4… minutes.
                    let attente = chrono::Duration::minutes(1 << email.tentatives.clamp(0, 10));
                    email_sortant::Entity::update_many()
                        .col_expr(
                            email_sortant::Column::Tentatives,
                            Expr::value(email.tentatives + 1),
                        )
                        .col_expr(
                            email_sortant::Column::ProchaineTentative,
                            Expr::value(Utc::now() + attente),
                        )
                        .col_expr(
                            email_sortant::Column::DerniereErreur,
                            Expr::value(error.to_string()),
                        )
                        .filter(email_sortant::Column::Id.eq(email.id))
                        .exec(&self.db)
                        .await?;
                }
            }
        }
        Ok(envoyes)
    }

    async fn envoyer(&self, email: &email_sortant::Model) -> anyhow::Result<()> {
        // One identifier per email of the outbox, the same at every attempt.
        let domaine = self.expediteur.email.domain();
        let message = Message::builder()
            .message_id(Some(format!(
                "<sortant-{}-{}@{domaine}>",
                email.id,
                email.cree_le.timestamp()
            )))
            .from(self.expediteur.clone())
            .to(email.destinataire.parse()?)
            .subject(email.sujet.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(email.corps.clone())?;
        self.transport.send(message).await?;
        Ok(())
    }

    /// Runs rounds forever, every `intervalle`.
    pub async fn tourner(self, intervalle: Duration, metriques: std::sync::Arc<crate::metriques::Metriques>) {
        loop {
            let tournee = self.tournee().await;
            metriques.tache("courriels", tournee.is_ok());
            match tournee {
                Ok(0) => {}
                Ok(envoyes) => tracing::info!(envoyes, "emails envoyés"),
                Err(error) => tracing::error!(%error, "tournée d’emails"),
            }
            tokio::time::sleep(intervalle).await;
        }
    }
}

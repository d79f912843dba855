//! The outbox worker: sends queued emails over SMTP. Several instances may run against one database. What
//! keeps two workers from sending one email is the claim: a conditional update that moves the email's next
//! attempt to the end of a lease only if it is still due and unsent — one statement, so on either engine
//! exactly one worker's update matches and only that worker sends. A worker that dies after claiming leaves
//! the email to be retried when the lease ends; one that dies between the SMTP server's acceptance and
//! recording it sends that email again (at least once, never twice otherwise). The candidates are read
//! without locking: a row lock taken by a plain `SELECT` would end with its statement and protect nothing.

use std::time::Duration;

use chrono::Utc;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::entity::email_sortant;
use crate::settings::EmailSettings;

/// How long a claimed email is reserved for the worker that claimed it.
const BAIL: chrono::Duration = chrono::Duration::minutes(5);
/// Emails claimed per round.
const LOT: u64 = 20;
/// Attempts before an email is left aside (its last error stays for an operator).
const TENTATIVES_MAX: i32 = 8;

/// Sends the outbox over SMTP.
pub struct Facteur {
    db: DatabaseConnection,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    expediteur: lettre::message::Mailbox,
}

impl Facteur {
    /// Builds the worker from the email settings (plain SMTP to a relay, as State services use).
    pub fn new(db: DatabaseConnection, settings: &EmailSettings) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.smtp_host.clone())
            .port(settings.smtp_port)
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Self {
            db,
            transport,
            expediteur: settings.expediteur.parse()?,
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
                    Expr::value(maintenant + BAIL),
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
        let message = Message::builder()
            .from(self.expediteur.clone())
            .to(email.destinataire.parse()?)
            .subject(email.sujet.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(email.corps.clone())?;
        self.transport.send(message).await?;
        Ok(())
    }

    /// Runs rounds forever, every `intervalle`.
    pub async fn tourner(self, intervalle: Duration) {
        loop {
            match self.tournee().await {
                Ok(0) => {}
                Ok(envoyes) => tracing::info!(envoyes, "emails envoyés"),
                Err(error) => tracing::error!(%error, "tournée d’emails"),
            }
            tokio::time::sleep(intervalle).await;
        }
    }
}

//! The one error type of the backend, mapped to a stable `extensions.code` for GraphQL clients.

use async_graphql::ErrorExtensions;
use maillage_shared::ErrorCode;
use maillage_shared::candidature::pieces::{EchangeRefuse, NaturePiece, PieceRefusee};
use maillage_shared::candidature::{CommentaireInvalide, TransitionRefusee};
use maillage_shared::structure::{Ineligibilite, SiretInvalide};
use maillage_shared::territoire::CodeInvalide;

/// A failure of a request. Known cases carry a French message meant for the user; unknown ones are logged
/// with an error id and answered with a generic message, so no SQL or internal detail reaches a client.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    CodeInvalide(#[from] CodeInvalide),
    #[error("{0}")]
    InvalidInput(String),
    #[error("Connectez-vous pour continuer.")]
    NonConnecte,
    #[error("{0}")]
    Interdit(String),
    #[error("{0}")]
    Introuvable(String),
    /// The active role has no post behind it yet (see [`ErrorCode::NoPost`]).
    #[error("{0}")]
    SansPoste(String),
    #[error("Adresse électronique ou mot de passe incorrect.")]
    IdentifiantsInvalides,
    #[error("Un compte existe déjà avec cette adresse électronique.")]
    EmailDejaPris,
    #[error(
        "Confirmez d’abord votre adresse électronique : ouvrez le lien que nous vous avons envoyé, ou demandez-en un nouveau depuis la bannière en haut de la page."
    )]
    AdresseNonVerifiee,
    #[error(transparent)]
    SiretInvalide(#[from] SiretInvalide),
    #[error("{0}")]
    Conflit(String),
    /// The company register says the establishment is closed.
    #[error("{0}")]
    EtablissementFerme(String),
    /// Too many attempts: the caller may retry after this many seconds.
    #[error("Trop de tentatives : réessayez dans {} minute(s).", .0.div_ceil(60))]
    TropDeTentatives(u64),
    #[error(transparent)]
    Ineligible(#[from] Ineligibilite),
    #[error(transparent)]
    Transition(#[from] TransitionRefusee),
    #[error(
        "L’appel à candidatures « {0} » n’est pas ouvert aujourd’hui : la candidature ne peut pas être déposée."
    )]
    AppelClos(String),
    #[error("Le formulaire n’est pas complet : il manque {}.", .0.join(", "))]
    FormulaireIncomplet(Vec<&'static str>),
    #[error("Avant de déposer, enregistrez la consultation de : {}.", .0.join(", "))]
    ConsultationManquante(Vec<String>),
    #[error("{}", .0.message())]
    PieceRefusee(PieceRefusee),
    #[error(transparent)]
    Echange(#[from] EchangeRefuse),
    #[error(transparent)]
    FinDePoste(#[from] maillage_shared::poste::FinRefusee),
    #[error(transparent)]
    Versement(#[from] maillage_shared::poste::VersementRefuse),
    #[error("Avant de déposer, joignez : {}.", .0.iter().map(|n| n.libelle().to_lowercase()).collect::<Vec<_>>().join(", "))]
    PiecesManquantes(Vec<NaturePiece>),
    #[error(transparent)]
    Commentaire(#[from] CommentaireInvalide),
    #[error("database error")]
    Database(#[from] sea_orm::DbErr),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl From<std::sync::Arc<sea_orm::DbErr>> for AppError {
    /// DataLoaders share their error between waiters, hence the `Arc`.
    fn from(error: std::sync::Arc<sea_orm::DbErr>) -> Self {
        Self::Database((*error).clone())
    }
}

/// Seconds a client is asked to wait before sending again a request the database could not serve.
pub const REESSAYER_APRES_SECONDES: u64 = 2;

/// Whether `error` says the database could not be reached — restarting, failing over, the network, no free
/// connection in time — rather than that the request was wrong: the same request may be sent again, and
/// nothing it asked was written (a transaction cut off is rolled back).
pub fn base_injoignable(error: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    match error {
        DbErr::ConnectionAcquire(_) => true,
        DbErr::Conn(RuntimeErr::SqlxError(erreur))
        | DbErr::Exec(RuntimeErr::SqlxError(erreur))
        | DbErr::Query(RuntimeErr::SqlxError(erreur)) => match erreur.as_ref() {
            Sqlx::Io(_)
            | Sqlx::Tls(_)
            | Sqlx::Protocol(_)
            | Sqlx::PoolTimedOut
            | Sqlx::PoolClosed
            | Sqlx::WorkerCrashed => true,
            // PostgreSQL's classes 08 (connection exception) and 57P (the server is shutting down or
            // starting: admin_shutdown, crash_shutdown, cannot_connect_now).
            Sqlx::Database(base) => base
                .code()
                .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
            _ => false,
        },
        DbErr::Conn(_) => true,
        _ => false,
    }
}

impl AppError {
    /// The stable code sent to clients.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::CodeInvalide(_) => ErrorCode::InvalidTerritoryCode,
            Self::InvalidInput(_) => ErrorCode::InvalidInput,
            Self::NonConnecte => ErrorCode::Unauthenticated,
            Self::Interdit(_) => ErrorCode::Forbidden,
            Self::Introuvable(_) => ErrorCode::NotFound,
            Self::SansPoste(_) => ErrorCode::NoPost,
            Self::IdentifiantsInvalides => ErrorCode::InvalidCredentials,
            Self::EmailDejaPris => ErrorCode::EmailTaken,
            Self::AdresseNonVerifiee => ErrorCode::AddressUnverified,
            Self::SiretInvalide(_) => ErrorCode::InvalidSiret,
            Self::Conflit(_) => ErrorCode::Conflict,
            Self::EtablissementFerme(_) => ErrorCode::EstablishmentClosed,
            Self::TropDeTentatives(_) => ErrorCode::RateLimited,
            Self::Ineligible(_) => ErrorCode::StructureIneligible,
            Self::Transition(_) => ErrorCode::InvalidTransition,
            Self::AppelClos(_) => ErrorCode::CallClosed,
            Self::FormulaireIncomplet(_) => ErrorCode::FormIncomplete,
            Self::ConsultationManquante(_) => ErrorCode::ConsultationMissing,
            Self::PieceRefusee(_) => ErrorCode::FileRejected,
            Self::Echange(EchangeRefuse::Role) => ErrorCode::Forbidden,
            Self::Echange(_) => ErrorCode::InvalidTransition,
            Self::FinDePoste(maillage_shared::poste::FinRefusee::DateHorsBornes { .. }) => {
                ErrorCode::InvalidInput
            }
            Self::FinDePoste(_) | Self::Versement(_) => ErrorCode::InvalidTransition,
            Self::PiecesManquantes(_) => ErrorCode::DocumentsMissing,
            Self::Commentaire(_) => ErrorCode::InvalidComment,
            Self::Database(erreur) if base_injoignable(erreur) => ErrorCode::Unavailable,
            Self::Database(_) | Self::Internal(_) => ErrorCode::Internal,
        }
    }

    /// Turns the error into a GraphQL error with `extensions.code`; internal causes are logged here.
    pub fn into_graphql(self) -> async_graphql::Error {
        let code = self.code();
        if code == ErrorCode::Unavailable {
            tracing::warn!(error = ?self, "base de données injoignable");
            return async_graphql::Error::new(code.message_fr()).extend_with(|_, extensions| {
                extensions.set("code", code.as_str());
                extensions.set("retryAfter", REESSAYER_APRES_SECONDES);
            });
        }
        if code == ErrorCode::Internal {
            let error_id = uuid::Uuid::new_v4();
            tracing::error!(%error_id, error = ?self, "internal error");
            return async_graphql::Error::new(format!("{} (référence {error_id})", code.message_fr()))
                .extend_with(|_, extensions| {
                    extensions.set("code", code.as_str());
                    extensions.set("errorId", error_id.to_string());
                });
        }
        self.extend()
    }
}

impl ErrorExtensions for AppError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.to_string()).extend_with(|_, extensions| {
            extensions.set("code", self.code().as_str());
            if let Self::TropDeTentatives(secondes) = self {
                extensions.set("retryAfter", *secondes);
            }
        })
    }
}

/// Converts service results in resolvers: `service::x(db).await.graphql()`.
pub trait GraphqlResult<T> {
    fn graphql(self) -> async_graphql::Result<T>;
}

impl<T, E: Into<AppError>> GraphqlResult<T> for Result<T, E> {
    fn graphql(self) -> async_graphql::Result<T> {
        self.map_err(|error| error.into().into_graphql())
    }
}

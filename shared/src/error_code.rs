//! Stable error codes sent as GraphQL `extensions.code` and matched by the frontend.

use serde::{Deserialize, Serialize};

/// A failure a client can act on. The string form is part of the public API: never rename a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// A territory code (INSEE, SIREN, postal code) is not well formed.
    InvalidTerritoryCode,
    /// An input is out of its allowed range or shape.
    InvalidInput,
    /// The request exceeds a query limit (depth, complexity, page size).
    LimitExceeded,
    /// The GraphQL document is malformed or asks for fields that do not exist.
    InvalidQuery,
    /// The operation needs a logged-in person.
    Unauthenticated,
    /// The caller's role or territory does not allow this.
    Forbidden,
    /// The object does not exist.
    NotFound,
    /// Email or password wrong.
    InvalidCredentials,
    /// An account already uses this email address.
    EmailTaken,
    /// The SIRET is malformed or its key is wrong.
    InvalidSiret,
    /// The object already exists (a SIRET already registered, a second candidature to the same call).
    Conflict,
    /// The company register says this establishment is closed (or its legal unit has ceased).
    EstablishmentClosed,
    /// The structure is not eligible to host a coordinator post.
    StructureIneligible,
    /// The candidature's state or the caller's role does not allow this move.
    InvalidTransition,
    /// The call for applications is not open.
    CallClosed,
    /// The candidature form is not complete.
    FormIncomplete,
    /// A structure employing conseillers numériques in the perimeter has not been consulted.
    ConsultationMissing,
    /// A document is refused: empty, over 10 MB, or not a PDF, ODT, DOCX, PNG or JPEG by its content.
    FileRejected,
    /// A document the call requires for this case and category is not attached yet.
    DocumentsMissing,
    /// A comment is shorter than 10 or longer than 1000 characters.
    InvalidComment,
    /// Too many attempts or requests: wait the number of seconds given in `retryAfter` (or `Retry-After`).
    RateLimited,
    /// The person has not opened the link sent to their address yet: they act only on their own account.
    AddressUnverified,
    /// The person has no post of the active role yet (a coordinator without a territory, a conseiller
    /// without an employer): a normal state, with its next step, not a failure.
    NoPost,
    /// The database cannot be reached for a moment (restarting, failing over): send the same request again
    /// after the seconds given in `retryAfter` (or `Retry-After`); nothing was changed.
    Unavailable,
    /// Something failed on the server; the details are in the logs under the error id.
    Internal,
}

impl ErrorCode {
    /// Every code, for exhaustive tests and documentation.
    pub const ALL: [ErrorCode; 25] = [
        Self::InvalidTerritoryCode,
        Self::InvalidInput,
        Self::LimitExceeded,
        Self::InvalidQuery,
        Self::Unauthenticated,
        Self::Forbidden,
        Self::NotFound,
        Self::InvalidCredentials,
        Self::EmailTaken,
        Self::InvalidSiret,
        Self::Conflict,
        Self::EstablishmentClosed,
        Self::StructureIneligible,
        Self::InvalidTransition,
        Self::CallClosed,
        Self::FormIncomplete,
        Self::ConsultationMissing,
        Self::FileRejected,
        Self::DocumentsMissing,
        Self::InvalidComment,
        Self::RateLimited,
        Self::AddressUnverified,
        Self::NoPost,
        Self::Unavailable,
        Self::Internal,
    ];

    /// The stable string sent in `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidTerritoryCode => "INVALID_TERRITORY_CODE",
            Self::InvalidInput => "INVALID_INPUT",
            Self::LimitExceeded => "LIMIT_EXCEEDED",
            Self::InvalidQuery => "INVALID_QUERY",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::InvalidCredentials => "INVALID_CREDENTIALS",
            Self::EmailTaken => "EMAIL_TAKEN",
            Self::InvalidSiret => "INVALID_SIRET",
            Self::Conflict => "CONFLICT",
            Self::EstablishmentClosed => "ESTABLISHMENT_CLOSED",
            Self::StructureIneligible => "STRUCTURE_INELIGIBLE",
            Self::InvalidTransition => "INVALID_TRANSITION",
            Self::CallClosed => "CALL_CLOSED",
            Self::FormIncomplete => "FORM_INCOMPLETE",
            Self::ConsultationMissing => "CONSULTATION_MISSING",
            Self::FileRejected => "FILE_REJECTED",
            Self::DocumentsMissing => "DOCUMENTS_MISSING",
            Self::InvalidComment => "INVALID_COMMENT",
            Self::RateLimited => "RATE_LIMITED",
            Self::AddressUnverified => "ADDRESS_UNVERIFIED",
            Self::NoPost => "NO_POST",
            Self::Unavailable => "UNAVAILABLE",
            Self::Internal => "INTERNAL",
        }
    }

    /// Reads the string form back, as the frontend does with `extensions.code`.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|candidate| candidate.as_str() == code)
    }

    /// Whether the server's message is meant for the user as is (it explains what to change); otherwise
    /// the UI shows [`ErrorCode::message_fr`].
    pub fn message_serveur_affichable(self) -> bool {
        !matches!(
            self,
            Self::LimitExceeded | Self::InvalidQuery | Self::Unavailable | Self::Internal
        )
    }

    /// A generic French message for this error, when the server's is not shown.
    pub fn message_fr(self) -> &'static str {
        match self {
            Self::InvalidTerritoryCode => "Ce code de territoire n’est pas valide.",
            Self::InvalidInput => "Une donnée saisie n’est pas valide.",
            Self::LimitExceeded => "La demande est trop volumineuse : réduisez-la et réessayez.",
            Self::InvalidQuery => "La requête envoyée au serveur est mal formée.",
            Self::Unauthenticated => "Connectez-vous pour continuer.",
            Self::Forbidden => "Votre rôle ne permet pas cette action.",
            Self::NotFound => "Cet élément n’existe pas.",
            Self::InvalidCredentials => "Adresse électronique ou mot de passe incorrect.",
            Self::EmailTaken => "Un compte existe déjà avec cette adresse électronique.",
            Self::InvalidSiret => "Ce numéro SIRET n’est pas valide.",
            Self::Conflict => "Cet élément existe déjà.",
            Self::EstablishmentClosed => {
                "Le répertoire des entreprises indique que cet établissement est fermé."
            }
            Self::StructureIneligible => "Votre structure n’est pas éligible.",
            Self::InvalidTransition => "Cette action n’est pas possible à ce stade de la candidature.",
            Self::CallClosed => "L’appel à candidatures est clos.",
            Self::FormIncomplete => "Le formulaire n’est pas complet.",
            Self::ConsultationMissing => "Toutes les structures à consulter ne l’ont pas été.",
            Self::FileRejected => {
                "Ce fichier n’est pas accepté : un PDF, ODT, DOCX, PNG ou JPEG de 10 Mo au plus."
            }
            Self::DocumentsMissing => "Des pièces demandées par l’appel ne sont pas encore jointes.",
            Self::InvalidComment => "Le commentaire doit compter entre 10 et 1000 caractères.",
            Self::RateLimited => "Trop de tentatives : patientez quelques minutes avant de réessayer.",
            Self::AddressUnverified => {
                "Confirmez d’abord votre adresse électronique avec le lien que nous vous avons envoyé."
            }
            Self::NoPost => "Aucun poste n’est encore rattaché à votre compte pour ce rôle.",
            Self::Unavailable => {
                "Le service est momentanément indisponible : réessayez dans quelques secondes."
            }
            Self::Internal => "Une erreur est survenue de notre côté. Réessayez dans quelques instants.",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_string_and_serde() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        assert_eq!(ErrorCode::parse("NOPE"), None);
    }
}

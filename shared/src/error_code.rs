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
    /// Something failed on the server; the details are in the logs under the error id.
    Internal,
}

impl ErrorCode {
    /// Every code, for exhaustive tests and documentation.
    pub const ALL: [ErrorCode; 5] = [
        Self::InvalidTerritoryCode,
        Self::InvalidInput,
        Self::LimitExceeded,
        Self::InvalidQuery,
        Self::Internal,
    ];

    /// The stable string sent in `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidTerritoryCode => "INVALID_TERRITORY_CODE",
            Self::InvalidInput => "INVALID_INPUT",
            Self::LimitExceeded => "LIMIT_EXCEEDED",
            Self::InvalidQuery => "INVALID_QUERY",
            Self::Internal => "INTERNAL",
        }
    }

    /// Reads the string form back, as the frontend does with `extensions.code`.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|candidate| candidate.as_str() == code)
    }

    /// What a person reads in the UI when this error happens.
    pub fn message_fr(self) -> &'static str {
        match self {
            Self::InvalidTerritoryCode => "Ce code de territoire n’est pas valide.",
            Self::InvalidInput => "Une donnée saisie n’est pas valide.",
            Self::LimitExceeded => "La demande est trop volumineuse : réduisez-la et réessayez.",
            Self::InvalidQuery => "La requête envoyée au serveur est mal formée.",
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

//! Who is calling: the person behind the session cookie and the role they act in. Every authorisation
//! check starts here, on the server.

use maillage_shared::role::Role;

use crate::error::AppError;

/// A role with its scope, as held by a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleAttribue {
    pub id: i64,
    pub role: Role,
    pub structure_id: Option<i64>,
    pub departement_code: Option<String>,
    pub region_code: Option<String>,
}

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Acteur {
    pub utilisateur_id: i64,
    pub email: String,
    pub prenom: String,
    pub nom: String,
    pub session_id: String,
    /// The role chosen for this session; `None` only for a person without any role.
    pub role_actif: Option<RoleAttribue>,
    pub roles: Vec<RoleAttribue>,
    /// Set when the caller is a third party's API token (read only), not a person.
    pub jeton_api: Option<i64>,
    /// The person opened a link sent to their address (always true for an API token, created by ANCT).
    pub adresse_verifiee: bool,
    /// The session was opened through ProConnect: its logout goes through ProConnect too.
    pub proconnect: bool,
    /// The person's roles are named in the feminine.
    pub au_feminin: bool,
}

impl Acteur {
    /// The active role, which must be `role`; otherwise `FORBIDDEN`.
    pub fn exiger(&self, role: Role) -> Result<&RoleAttribue, AppError> {
        match &self.role_actif {
            Some(actif) if actif.role == role => Ok(actif),
            _ => Err(AppError::Interdit(format!(
                "Cette action est réservée au rôle « {} ».",
                role.libelle()
            ))),
        }
    }

    /// The active role, whatever it is.
    pub fn role(&self) -> Result<&RoleAttribue, AppError> {
        self.role_actif
            .as_ref()
            .ok_or_else(|| AppError::Interdit("Aucun rôle n’est attribué à ce compte.".to_owned()))
    }
}

/// The network address the request came from (put in the GraphQL context by the HTTP layer): login attempts
/// are counted per address and client.
#[derive(Debug, Clone, Copy)]
pub struct AdresseDuClient(pub std::net::IpAddr);

/// The caller of a request, anonymous or not (put in the GraphQL context by the HTTP layer).
#[derive(Debug, Clone, Default)]
pub struct Appelant(pub Option<Acteur>);

impl Appelant {
    /// The authenticated caller, or `UNAUTHENTICATED`.
    pub fn acteur(&self) -> Result<&Acteur, AppError> {
        self.0.as_ref().ok_or(AppError::NonConnecte)
    }
}

//! Storage of accounts, their roles and their sessions.

pub mod invitation_role;
pub mod jeton_compte;
pub mod role_utilisateur;
pub mod session;
pub mod utilisateur;

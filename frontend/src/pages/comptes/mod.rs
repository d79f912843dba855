//! Accounts: logging in, the registration of a structure, and the answer to an invitation into a team.

pub mod connexion_page;
pub mod inscription_page;
pub mod invitation_page;

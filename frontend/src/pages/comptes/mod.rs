//! Accounts: logging in, and the registration of a structure.

pub mod connexion_page;
pub mod inscription_page;

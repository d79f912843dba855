//! Accounts, roles and sessions: who the caller is and what they may do.

pub mod acteur;
pub mod agents_schema;
pub mod desactivation;
pub mod entity;
pub mod invitations;
pub mod liens;
pub mod proconnect;
pub mod schema;
pub mod service;

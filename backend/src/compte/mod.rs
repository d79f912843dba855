//! Accounts, roles and sessions: who the caller is and what they may do.

pub mod acteur;
pub mod entity;
pub mod liens;
pub mod schema;
pub mod service;

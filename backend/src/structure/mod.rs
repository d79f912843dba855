//! Structures: registration, eligibility (II.a), employers of conseillers numériques.

pub mod entity;
pub mod schema;
pub mod service;

//! Structures: registration (filled from the company register), eligibility (II.a), employers of
//! conseillers numériques, joining one's structure through ProConnect.

pub mod entity;
pub mod rattachement;
pub mod registre;
pub mod schema;
pub mod service;

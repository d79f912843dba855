//! Candidatures for coordinator posts: form, consultations, filing, avis, decision, history.

pub mod entity;
pub mod loaders;
pub mod schema;
pub mod service;
pub mod subvention_schema;

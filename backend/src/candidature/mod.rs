//! Candidatures for coordinator posts: the call, the draft, co-porteurs, consultations, documents and
//! messages, filing, avis (the préfecture's, the SGAR's), decision, history, overlaps.

pub mod acces;
pub mod appels;
pub mod brouillon;
pub mod chevauchements;
pub mod consultations;
pub mod coportage;
pub mod documents;
pub mod dossier;
pub mod entity;
pub mod instruction;
pub mod loaders;
pub mod schema;
pub mod subvention_schema;

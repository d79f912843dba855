//! Storage of calls and their required documents, candidatures, their perimeter, co-porteurs,
//! consultations, history, messages and documents.

pub mod appel;
pub mod candidature;
pub mod candidature_epci;
pub mod consultation;
pub mod coporteur;
pub mod historique_candidature;
pub mod message_candidature;
pub mod piece_jointe;
pub mod piece_requise;

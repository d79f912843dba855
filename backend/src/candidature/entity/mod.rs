//! Storage of calls, candidatures, their perimeter, consultations and history.

pub mod appel;
pub mod candidature;
pub mod candidature_epci;
pub mod consultation;
pub mod historique_candidature;

//! Lieux de médiation numérique in the national standard: import and export of its CSV, a page per lieu,
//! search near a place, editing by form with its history, and reports of errors.

pub mod edition;
pub mod recherche;
pub mod schema;
pub mod service;
pub mod signalement;

//! Lieux de médiation numérique in the national data standard: import and export of its flat CSV format,
//! public reads.

pub mod schema;
pub mod service;

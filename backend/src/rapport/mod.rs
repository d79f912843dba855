//! The coordinator's annual activity report to the préfecture: built from the year's data, viewed in the
//! app, downloaded as a printable document, sent, and followed by the agents of its territory.

pub mod document;
pub mod schema;
pub mod service;

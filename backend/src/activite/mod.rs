//! Activity reports (CRA) of conseillers numériques and what their coordinator sees of them: the team of
//! the perimeter, aggregates, completion and reminders.

pub mod beneficiaire;
pub mod cumul;
pub mod import;
pub mod schema;
pub mod service;

//! Coverage indicators of the programme (open data, maps) and the agents' dashboards.

pub mod activite;
pub mod cumul;
pub mod gouvernances;
pub mod partage;
pub mod schema;
pub mod service;
pub mod tableau;

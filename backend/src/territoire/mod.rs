//! The territorial referential: régions, départements, EPCI and communes of France, from official open data.

pub mod entity;
pub mod etendue;
pub mod geocodage;
pub mod loaders;
pub mod referentiel;
pub mod schema;
pub mod service;

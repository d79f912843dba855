//! The territorial diagnosis of a coordinator's perimeter: per EPCI and commune, population, lieux de
//! médiation numérique, conseillers numériques, inhabitants per conseiller, communes without any lieu and
//! the services of the standard no lieu offers.

pub mod schema;
pub mod service;

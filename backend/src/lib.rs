//! Maillage server library: the binary (`main.rs`) and the tests build the same [`startup::Application`].

pub mod database;
pub mod error;
pub mod graphql;
pub mod settings;
pub mod startup;
pub mod telemetry;
pub mod territoire;

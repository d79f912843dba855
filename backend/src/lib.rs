//! Maillage server library: the binary (`main.rs`) and the tests build the same [`startup::Application`].

// The merged GraphQL root (one object per domain) nests deeper than the compiler's default when laid out in
// the unit-test build.
#![recursion_limit = "256"]

pub mod activite;
pub mod candidature;
pub mod compte;
pub mod coordination;
pub mod database;
pub mod demo;
pub mod diagnostic;
pub mod equipe;
pub mod error;
pub mod export;
pub mod formation;
pub mod graphql;
pub mod idempotence;
pub mod indicateur;
pub mod jeton;
pub mod journal;
pub mod lieu;
pub mod limites;
pub mod notification;
pub mod poste;
pub mod quota;
pub mod rapport;
pub mod rgpd;
pub mod securite;
pub mod settings;
pub mod startup;
pub mod structure;
pub mod subvention;
pub mod telemetry;
pub mod territoire;

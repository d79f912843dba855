//! Maillage server library: the binary (`main.rs`) and the tests build the same [`startup::Application`].
//!
//! Modules stand on floors (docs/architecture.md); a module imports only from its own floor or below, which
//! the test `architecture::every_module_imports_only_its_own_floor_or_below` checks.

// The merged GraphQL root (one object per domain) nests deeper than the compiler's default when laid out in
// the unit-test build.
#![recursion_limit = "256"]

// Floor 0, infrastructure.
pub mod adresse;
pub mod cellule;
pub mod database;
pub mod error;
pub mod idempotence;
pub mod journal;
pub mod metriques;
pub mod pdf;
pub mod progression;
pub mod sauvegarde;
pub mod security_headers;
pub mod settings;
pub mod stockage;
pub mod telemetry;

// Floor 1, reference data: territories, accounts, structures, the gouvernances the préfectures register,
// and what they share (the outbox, API tokens).
pub mod compte;
pub mod gouvernance;
pub mod jeton;
pub mod notification;
pub mod structure;
pub mod territoire;

// Floor 2, the workflow domains, in this order: a domain imports only those above it in the list.
pub mod activite;
pub mod candidature;
pub mod coordination;
pub mod equipe;
pub mod formation;
pub mod lieu;
pub mod poste;
pub mod rapport;
pub mod rencontre;
pub mod rgpd;

// Floor 3, read models and what reads only them.
pub mod diagnostic;
pub mod indicateur;

// Floor 4, the API: GraphQL (each domain's `schema` and `loaders` stand here too) and HTTP.
pub mod demo;
pub mod graphql;
pub mod http;

// Floor 5, entry.
pub mod startup;

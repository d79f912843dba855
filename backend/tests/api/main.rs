//! The backend's integration tests, one module per domain, in one binary: the real application on port 0
//! over a fresh database of each engine (`maillage_harness`).

// A failing test panics: unwrap and expect say where.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod acces;
mod actions_coordination;
mod activites;
mod adresses;
mod agents;
mod architecture;
mod autorisations;
mod candidatures;
mod candidatures_communes;
mod cloisonnement;
mod connexions;
mod conseillers;
mod courriels;
mod crash;
mod demo;
mod demo_nationale;
mod deploiement;
mod diagnostic;
mod dossier;
mod equipe;
mod fiches_de_lieux;
mod formation;
mod fuzz;
mod gouvernances;
mod http;
mod indicateurs;
mod jetons;
mod lieux;
mod metriques;
mod migrations;
mod n_plus_un;
mod postes;
mod preuves;
mod proconnect;
mod rapports;
mod registre;
mod rencontres;
mod reponses_pretes;
mod rgpd;
mod sauvegarde;
mod schema;
mod securite;
mod statistiques;
mod territoires;

//! The candidature workflow: each person's space (by role), and one candidature's page with what follows
//! its validation (recruitment, coordinators, convention).

pub mod candidature_page;
pub mod espace_page;

pub(crate) mod cloture;
mod consultations;
mod coportage;
mod dossier;
mod espace_agents;
mod formulaire_candidature;
mod formulaire_recapitulatif;
mod instruction;
mod lecture;
mod saisie;
mod suivi;

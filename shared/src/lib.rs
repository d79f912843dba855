//! Domain types and pure rules shared by the backend and the frontend, so that a rule is written once.

pub mod activite;
pub mod candidature;
pub mod carte;
pub mod compte;
pub mod conseiller;
pub mod coordination;
pub mod equipe;
pub mod error_code;
pub mod format;
pub mod formation;
pub mod gouvernance;
pub mod horaires;
pub mod indicateur;
pub mod jour;
pub mod lieu;
pub mod poste;
pub mod premier_rendu;
pub mod role;
pub mod structure;
pub mod subvention;
pub mod tableur;
pub mod territoire;

pub use error_code::ErrorCode;

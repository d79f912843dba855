//! The coordinator's team: the conseillers numériques of its perimeter and the médiateurs numériques it
//! invites, the invitations themselves, the history of who joined and left, and the warning before a
//! conseiller's contract ends.

pub mod employeurs;
pub mod entity;
pub mod fins_de_contrat;
pub mod invitations;
pub mod membres;
pub mod mes_equipes;
pub mod reponse;
pub mod schema;

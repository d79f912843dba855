//! The coordinator's team: the conseillers numériques of its perimeter and the médiateurs numériques it
//! invites, the invitations themselves, and the history of who joined and left.

pub mod entity;
pub mod invitations;
pub mod membres;
pub mod mes_equipes;
pub mod reponse;
pub mod schema;

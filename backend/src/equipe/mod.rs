//! The coordinator's team: the conseillers numériques of its perimeter and the médiateurs numériques it
//! invites, the invitations themselves, and the history of who joined and left.

pub mod entity;
pub mod schema;
pub mod service;

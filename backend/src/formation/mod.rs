//! The training a conseiller numérique declares (CCP1, PIX, the continuing-training module of the year),
//! read by its coordinator in the team table.

pub mod entity;
pub mod schema;
pub mod service;

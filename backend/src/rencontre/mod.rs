//! What a hub organises for the coordinators of its région: working groups, regional events and
//! continuing-training sessions. Coordinators of the région are invited and register; they relay a training
//! session to their team, whose members register their interest; the hub writes the minutes.

pub mod entity;
pub mod schema;
pub mod service;

//! After the decision: the candidate pool and recruitment, "attribuer un rôle de coordinateur", convention or
//! avenant, payment, second funding and obligations of the coordinator.

pub mod entity;
pub mod schema;
pub mod service;

//! After the decision: recruitment of the coordinator (from the candidate pool or among the structure's
//! conseillers), the convention or avenant and its payment, second funding and the coordinator's obligations.

pub mod conseillers;
pub mod conventionnement;
pub mod entity;
pub mod obligations;
pub mod perimetre;
pub mod recrutement;
pub mod schema;
pub mod vivier;

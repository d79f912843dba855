//! After the decision: recruitment of the coordinator (from the candidate pool or among the structure's
//! conseillers), the convention or avenant and its payment, second funding, the coordinator's obligations,
//! and the end of a post before its term (given back, withdrawn).

pub mod conseillers;
pub mod conventionnement;
pub mod entity;
pub mod fin;
pub mod obligations;
pub mod perimetre;
pub mod recrutement;
pub mod schema;
pub mod vivier;

//! The coordinator's own actions along the three axes of its missions, and the meeting days it organises
//! with the préfecture and the hub: who is invited, who registered.

pub mod entity;
pub mod schema;
pub mod service;

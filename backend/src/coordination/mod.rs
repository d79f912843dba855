//! The coordinator's own actions along the three axes of its missions, the meeting days it organises
//! with the préfecture and the hub (who is invited, who registered), and how it animates its team:
//! bilateral meetings and messages.

pub mod animation;
pub mod entity;
pub mod schema;
pub mod service;

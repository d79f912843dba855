//! API tokens for third parties (open data consumers, territorial partners).

pub mod entity;
pub mod schema;
pub mod service;

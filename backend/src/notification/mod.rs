//! Notifications in the app and by email (through the outbox and its background worker).

pub mod entity;
pub mod schema;
pub mod service;
pub mod worker;

//! The rights of the people whose data Maillage holds (GDPR): download everything held about oneself,
//! erase one's account, and retention periods applied by a background purge.

pub mod schema;
pub mod service;

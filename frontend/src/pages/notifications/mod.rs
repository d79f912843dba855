//! The notifications of the logged-in person.

pub mod notifications_page;

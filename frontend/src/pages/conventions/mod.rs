//! The conventions of coordinator posts, as ANCT follows them.

pub mod conventions_page;

//! Lieux de médiation numérique: importing a file of the national standard.

pub mod import_page;

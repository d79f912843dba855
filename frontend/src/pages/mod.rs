//! One module per screen, grouped by domain.

pub mod accueil_page;
pub mod introuvable_page;
pub mod territoires;

//! Lieux de médiation numérique: finding them near a place, a page per lieu, keeping them current by form
//! and by the reports of errors people send, and importing a file of the national standard.

pub mod edition_page;
pub mod fiche_page;
pub mod import_page;
pub mod recherche_page;
pub mod signalements_page;

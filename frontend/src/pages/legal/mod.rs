//! The pages the law requires of a public site, linked from every page's footer: the accessibility
//! statement, the legal notice, personal data, and the site map.

pub mod accessibilite_page;
pub mod donnees_personnelles_page;
pub mod mentions_legales_page;
pub mod plan_du_site_page;

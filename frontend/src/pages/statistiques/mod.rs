//! « Mes statistiques » of a conseiller (its own accompaniments) or a coordinator (its team's), the public
//! link that shows them, and the page that link opens.

pub mod mes_statistiques_page;
pub mod statistiques_partagees_page;

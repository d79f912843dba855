//! Activity reports: a conseiller records accompaniments, a coordinator follows the team's.

pub mod activites_page;
pub mod coordination_page;

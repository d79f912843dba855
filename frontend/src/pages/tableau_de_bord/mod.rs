//! The agents' dashboard: the candidatures, deadlines, budget, conseillers' activity and coverage of their territory (a
//! préfecture's département, a SGAR's or hub's région, France or any région for ANCT), by département.

pub mod activite;
mod couverture;
mod departements;
pub mod tableau_de_bord_page;

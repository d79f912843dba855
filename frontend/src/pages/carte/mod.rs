//! The maps: the départements coloured by an indicator, and each département with its lieux and EPCI.

pub mod carte_page;
pub mod departement_carte_page;

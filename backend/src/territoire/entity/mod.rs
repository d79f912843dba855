//! Storage of the territorial referential (sea-orm entities); the GraphQL types live in `schema.rs`.

pub mod commune;
pub mod commune_code_postal;
pub mod departement;
pub mod epci;
pub mod epci_departement;
pub mod region;

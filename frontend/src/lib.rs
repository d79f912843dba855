//! Maillage's web app: leptos (CSR) compiled to WASM by Trunk, styled with the DSFR. Two entry points share
//! these modules: the whole app (`main.rs`) and the public map alone (`bin/carte.rs`), which is what a
//! visitor of `/carte` downloads first.

pub mod api;
pub mod app;
pub mod carte_seule;
pub mod components;
pub mod format;
pub mod pages;
pub mod session;

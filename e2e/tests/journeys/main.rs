//! Browser journeys of Maillage, one module per journey, in one binary: the real app (`maillage_harness`)
//! serving the built SPA, and for each person a headless Chromium driven through chromedriver
//! (`navigateur`).

// A failing journey panics: unwrap and expect say where.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod navigateur;

mod administration;
mod candidature_de_bout_en_bout;
mod carte;
mod changer_de_role;
mod comptes_de_demo;
mod coordination;
mod explorateur_de_l_api;
mod gouvernance_et_candidature_commune;
mod informations_legales;
mod lieux;
mod nouvelle_production;
mod paiement_et_remboursement;
mod parcourir_les_territoires;
mod premier_affichage;
mod proconnect;
mod recrutement_et_convention;
mod rencontres_regionales;
mod statistiques;
mod tableau_de_bord;

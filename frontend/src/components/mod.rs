//! Building blocks shared by the pages.

pub mod acces;
pub mod badge;
pub mod carte_france;
pub mod chargement;
pub mod commune;
pub mod confirmation;
pub mod fil_ariane;
pub mod formulaire;
pub mod graphique_barres;
pub mod import_csv;
pub mod indicateur;
pub mod mise_en_page;
pub mod recherche;
pub mod tableau;
pub mod tableau_triable;
pub mod telechargements;
pub mod verification;

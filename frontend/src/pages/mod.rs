//! One module per screen, grouped by domain.

pub mod accueil_page;
pub mod activite;
pub mod agents;
pub mod candidatures;
pub mod carte;
pub mod comptes;
pub mod conseillers;
pub mod conventions;
pub mod introuvable_page;
pub mod legal;
pub mod lieux;
pub mod notifications;
pub mod statistiques;
pub mod tableau_de_bord;
pub mod territoires;
pub mod vivier;

//! Schema migrations, one file per change, additive (expand then contract), applied in order.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_territoires;
mod m20261126_000002_create_comptes_et_candidatures;
mod m20261126_000003_create_postes;
mod m20261126_000004_create_lieux;
mod m20261126_000005_create_activites;
mod m20261126_000006_add_rappel_recrutement;
mod m20261126_000007_add_visible_carte;
mod m20261126_000008_create_tentatives_connexion;
mod m20261126_000009_create_journal;
mod m20261126_000010_create_idempotence;
mod m20261126_000011_create_jetons_api;
mod m20261126_000012_create_activite_mensuelle;
mod m20261126_000013_create_cumul_departement;
mod m20261126_000014_add_index_conseiller_commune;
mod m20261126_000015_create_actions_coordination;
mod m20261126_000016_create_rapports_annuels;
mod m20261126_000017_create_invitations_mediateurs;
mod m20261126_000018_create_formations;
mod m20261202_000019_create_jetons_de_compte;
mod m20261202_000020_create_invitations_roles;
mod m20261204_000021_create_proconnect;
mod m20261204_000022_add_compte_desactive;
mod m20261204_000023_add_contrat_conseiller;
mod m20261204_000024_create_demandes_de_rattachement;
mod m20261204_000025_add_accord_utilisateur;
pub mod m20261205_000026_create_version_des_donnees;
mod m20261205_000027_create_activite_departementale;
mod m20261205_000028_create_beneficiaires_partages_et_relances;
mod m20261205_000029_add_forme_juridique_structure;
mod m20261205_000030_create_pieces_et_messages;
mod m20261205_000031_add_fin_de_poste;
mod m20261205_000032_create_versements;
mod m20261206_000033_create_gouvernances;
mod m20261206_000034_create_candidatures_communes;
mod m20261206_000035_create_alertes_fin_de_contrat;
mod m20261206_000036_create_entretiens_et_messages_d_equipe;
mod m20261207_000037_create_rencontres_regionales;
mod m20261207_000038_create_structures_d_accueil;
mod m20261208_000039_create_lieux_a_jour;
mod m20261209_000040_create_index_activite_lieu;

/// Lists every migration in the order it must run.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_territoires::Migration),
            Box::new(m20261126_000002_create_comptes_et_candidatures::Migration),
            Box::new(m20261126_000003_create_postes::Migration),
            Box::new(m20261126_000004_create_lieux::Migration),
            Box::new(m20261126_000005_create_activites::Migration),
            Box::new(m20261126_000006_add_rappel_recrutement::Migration),
            Box::new(m20261126_000007_add_visible_carte::Migration),
            Box::new(m20261126_000008_create_tentatives_connexion::Migration),
            Box::new(m20261126_000009_create_journal::Migration),
            Box::new(m20261126_000010_create_idempotence::Migration),
            Box::new(m20261126_000011_create_jetons_api::Migration),
            Box::new(m20261126_000012_create_activite_mensuelle::Migration),
            Box::new(m20261126_000013_create_cumul_departement::Migration),
            Box::new(m20261126_000014_add_index_conseiller_commune::Migration),
            Box::new(m20261126_000015_create_actions_coordination::Migration),
            Box::new(m20261126_000016_create_rapports_annuels::Migration),
            Box::new(m20261126_000017_create_invitations_mediateurs::Migration),
            Box::new(m20261126_000018_create_formations::Migration),
            Box::new(m20261202_000019_create_jetons_de_compte::Migration),
            Box::new(m20261202_000020_create_invitations_roles::Migration),
            Box::new(m20261204_000021_create_proconnect::Migration),
            Box::new(m20261204_000022_add_compte_desactive::Migration),
            Box::new(m20261204_000023_add_contrat_conseiller::Migration),
            Box::new(m20261204_000024_create_demandes_de_rattachement::Migration),
            Box::new(m20261204_000025_add_accord_utilisateur::Migration),
            Box::new(m20261205_000026_create_version_des_donnees::Migration),
            Box::new(m20261205_000027_create_activite_departementale::Migration),
            Box::new(m20261205_000028_create_beneficiaires_partages_et_relances::Migration),
            Box::new(m20261205_000029_add_forme_juridique_structure::Migration),
            Box::new(m20261205_000030_create_pieces_et_messages::Migration),
            Box::new(m20261205_000031_add_fin_de_poste::Migration),
            Box::new(m20261205_000032_create_versements::Migration),
            Box::new(m20261206_000033_create_gouvernances::Migration),
            Box::new(m20261206_000034_create_candidatures_communes::Migration),
            Box::new(m20261206_000035_create_alertes_fin_de_contrat::Migration),
            Box::new(m20261206_000036_create_entretiens_et_messages_d_equipe::Migration),
            Box::new(m20261207_000037_create_rencontres_regionales::Migration),
            Box::new(m20261207_000038_create_structures_d_accueil::Migration),
            Box::new(m20261208_000039_create_lieux_a_jour::Migration),
            Box::new(m20261209_000040_create_index_activite_lieu::Migration),
        ]
    }
}

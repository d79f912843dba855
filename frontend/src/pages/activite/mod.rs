//! Activity reports: a conseiller records accompaniments, a coordinator follows the team's and
//! diagnoses its territory.

pub mod actions_page;
pub mod activites_page;
pub mod animation_page;
pub mod beneficiaires_page;
pub mod coordination_page;
pub mod diagnostic_page;
pub mod equipe_page;
pub mod formation_page;
pub mod journees_page;
pub mod mes_equipes_page;
pub mod rapport_page;
pub mod rencontres_page;

/// The breadcrumb's parents of the pages under the coordinator's team page.
pub fn fil_coordination() -> Vec<(String, String)> {
    vec![
        ("Mon espace".to_owned(), "/espace".to_owned()),
        (
            "Coordination de mon équipe".to_owned(),
            "/coordination".to_owned(),
        ),
    ]
}

//! Where a candidature stands, as a DSFR badge whose colour follows the state (the text alone says it).

use leptos::prelude::*;
use maillage_shared::candidature::StatutCandidature;

/// A badge of a candidature's state.
#[component]
pub fn BadgeStatut(statut: StatutCandidature, #[prop(optional)] petit: bool) -> impl IntoView {
    let couleur = match statut {
        StatutCandidature::Brouillon => "",
        StatutCandidature::Deposee => "fr-badge--info",
        StatutCandidature::AvisRendu => "fr-badge--new",
        StatutCandidature::Validee => "fr-badge--success",
        StatutCandidature::Refusee => "fr-badge--error",
    };
    let taille = if petit { "fr-badge--sm" } else { "" };
    view! {
        <p class=format!("fr-badge {couleur} {taille}")>{libelle_court(statut)}</p>
    }
}

/// The short label of a badge: "Déposée" where the timeline says "Déposée, en attente de l’avis…".
pub fn libelle_court(statut: StatutCandidature) -> &'static str {
    match statut {
        StatutCandidature::Brouillon => "Brouillon",
        StatutCandidature::Deposee => "Déposée",
        StatutCandidature::AvisRendu => "Avis rendu",
        StatutCandidature::Validee => "Validée",
        StatutCandidature::Refusee => "Refusée",
    }
}

/// The "en retard" badge of a decision past its deadline: flagged, never hidden.
#[component]
pub fn BadgeRetard() -> impl IntoView {
    view! { <p class="fr-badge fr-badge--warning fr-badge--sm">"En retard"</p> }
}

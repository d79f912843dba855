//! Where a candidature or a recruitment stands, as a DSFR badge whose colour follows the state (the text
//! alone says it).

use leptos::prelude::*;
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::poste::StatutRecrutement;

/// A badge of a candidature's state.
#[component]
pub fn BadgeStatut(statut: StatutCandidature, #[prop(optional)] petit: bool) -> impl IntoView {
    let couleur = match statut {
        StatutCandidature::Brouillon => "",
        StatutCandidature::Deposee => "fr-badge--info",
        StatutCandidature::AvisRendu => "fr-badge--new",
        StatutCandidature::Validee => "fr-badge--success",
        StatutCandidature::Refusee => "fr-badge--error",
        // Ended without a decision: neither a success nor a refusal.
        StatutCandidature::ClasseeSansSuite | StatutCandidature::Retiree => "",
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
        StatutCandidature::ClasseeSansSuite => "Classée sans suite",
        StatutCandidature::Retiree => "Retirée",
    }
}

/// The "en retard" badge of a decision past its deadline: flagged, never hidden.
#[component]
pub fn BadgeRetard() -> impl IntoView {
    view! { <p class="fr-badge fr-badge--warning fr-badge--sm">"En retard"</p> }
}

/// The badge of a recruitment overdue: no coordinator in post six months after the notification.
#[component]
pub fn BadgeRecrutementEnRetard() -> impl IntoView {
    view! { <p class="fr-badge fr-badge--error fr-badge--sm">"Recrutement en retard"</p> }
}

/// Where a contacted candidate stands with the structure.
#[component]
pub fn BadgeRecrutement(statut: StatutRecrutement) -> impl IntoView {
    let couleur = match statut {
        StatutRecrutement::Nouvelle => "fr-badge--new",
        StatutRecrutement::Interessee => "fr-badge--info",
        StatutRecrutement::Recrutee | StatutRecrutement::Finalisee => "fr-badge--success",
        StatutRecrutement::NonInteressee => "",
        StatutRecrutement::Rupture => "fr-badge--error",
    };
    view! { <p class=format!("fr-badge fr-badge--sm {couleur}")>{statut.libelle()}</p> }
}

//! `/statistiques/:jeton`: the figures a conseiller or a coordinator shares, without login: aggregate only,
//! figures about fewer than five people withheld.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::tableau_de_bord::{Partagees, statistiques_partagees};
use crate::components::chargement::{afficher, titre};
use crate::pages::tableau_de_bord::activite::{ChoixPeriode, Statistiques};

/// The public page of a share link.
#[component]
pub fn StatistiquesPartageesPage() -> impl IntoView {
    titre("Statistiques partagées");
    let params = use_params_map();
    let periode = RwSignal::new((None::<String>, None::<String>));
    let donnees = LocalResource::new(move || {
        let jeton = params.with(|p| p.get("jeton").unwrap_or_default());
        let (de, a) = periode.get();
        statistiques_partagees(jeton, de, a)
    });
    view! {
        {afficher(donnees, |partagees: Partagees| view! {
            <h1>{partagees.titre}</h1>
            <p class="fr-text--lead">"Accompagnements au numérique saisis dans Maillage, programme Conseiller numérique."</p>
            <Statistiques activite=partagees.statistiques/>
        })}
        <ChoixPeriode prefixe="partage" periode/>
    }
}

//! `/statistiques/:jeton`: the figures a conseiller or a coordinator shares, without login: aggregate only,
//! figures about fewer than five people withheld.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::tableau_de_bord::{Partagees, statistiques_partagees};
use crate::components::chargement::{afficher, titre};
use crate::pages::tableau_de_bord::activite::{ChampMois, Statistiques};

/// The public page of a share link.
#[component]
pub fn StatistiquesPartageesPage() -> impl IntoView {
    titre("Statistiques partagées");
    let params = use_params_map();
    let de = RwSignal::new(String::new());
    let a = RwSignal::new(String::new());
    let periode = RwSignal::new((None::<String>, None::<String>));
    let donnees = LocalResource::new(move || {
        let jeton = params.with(|p| p.get("jeton").unwrap_or_default());
        let (de, a) = periode.get();
        statistiques_partagees(jeton, de, a)
    });
    let afficher_periode = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lire = |valeur: String| Some(valeur).filter(|v| !v.is_empty());
        periode.set((lire(de.get_untracked()), lire(a.get_untracked())));
    };
    view! {
        {afficher(donnees, |partagees: Partagees| view! {
            <h1>{partagees.titre}</h1>
            <p class="fr-text--lead">"Accompagnements au numérique saisis dans Maillage, programme Conseiller numérique."</p>
            <Statistiques activite=partagees.statistiques/>
        })}
        <form class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w" on:submit=afficher_periode>
            <ChampMois id="partage-de" libelle="Du mois" aide="Par défaut, les douze derniers mois" valeur=de/>
            <ChampMois id="partage-a" libelle="Au mois" aide="Inclus, au plus 36 mois après le premier" valeur=a/>
            <div class="fr-col-12 fr-col-sm-4">
                <button type="submit" class="fr-btn fr-mb-3v">"Afficher la période"</button>
            </div>
        </form>
    }
}

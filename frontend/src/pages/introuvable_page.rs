//! The 404 page of client-side routes.

use leptos::prelude::*;

use crate::components::chargement::titre;

/// Shown for any address the app does not know.
#[component]
pub fn IntrouvablePage() -> impl IntoView {
    titre("Page non trouvée");
    view! {
        <div class="fr-my-7w fr-mt-md-12w fr-mb-md-10w">
            <h1>"Page non trouvée"</h1>
            <p class="fr-text--sm fr-mb-3w">"Erreur 404"</p>
            <p class="fr-text--lead fr-mb-3w">"La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée."</p>
            <p class="fr-text--sm fr-mb-5w">
                "Si vous avez tapé l’adresse web dans le navigateur, vérifiez qu’elle est correcte. "
                "La page n’est peut-être plus disponible."
            </p>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li><a class="fr-btn" href="/">"Page d’accueil"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/territoires">"Territoires"</a></li>
            </ul>
        </div>
    }
}

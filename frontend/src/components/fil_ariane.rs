//! The DSFR breadcrumb ("fil d’Ariane").

use leptos::prelude::*;

/// Breadcrumb from the home page to the current page (the last item, not a link).
#[component]
pub fn FilAriane(
    /// (label, path) of each ancestor, from the top.
    parents: Vec<(String, String)>,
    /// The current page.
    #[prop(into)]
    actuel: String,
) -> impl IntoView {
    view! {
        <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
            <button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-ariane">
                "Voir le fil d’Ariane"
            </button>
            <div class="fr-collapse" id="fil-ariane">
                <ol class="fr-breadcrumb__list">
                    <li>
                        <a class="fr-breadcrumb__link" href="/">"Accueil"</a>
                    </li>
                    {parents
                        .into_iter()
                        .map(|(label, chemin)| {
                            view! {
                                <li>
                                    <a class="fr-breadcrumb__link" href=chemin>{label}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                    <li>
                        <a class="fr-breadcrumb__link" aria-current="page">{actuel}</a>
                    </li>
                </ol>
            </div>
        </nav>
    }
}

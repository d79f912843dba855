//! A key figure shown as a DSFR tile: the number large, what it counts below.

use leptos::prelude::*;

/// One figure in a `<ul class="fr-grid-row">`.
#[component]
pub fn Indicateur(
    valeur: String,
    libelle: &'static str,
    /// Grid columns of the tile.
    #[prop(default = "fr-col-12 fr-col-sm-4")]
    classe: &'static str,
) -> impl IntoView {
    view! {
        <li class=classe>
            <div class="fr-tile fr-tile--sm">
                <div class="fr-tile__body">
                    <div class="fr-tile__content">
                        <p class="fr-tile__title">{valeur}</p>
                        <p class="fr-tile__desc">{libelle}</p>
                    </div>
                </div>
            </div>
        </li>
    }
}

//! A DSFR table whose columns sort on demand: a button in each header, and `aria-sort` on the header of
//! the column the rows follow, so a screen reader says how the table is ordered.

use leptos::prelude::*;

use super::tableau::Colonne;

/// The column the rows are sorted by, and whether in ascending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tri {
    pub colonne: usize,
    pub croissant: bool,
}

/// A captioned table with sort buttons; `children` are the `<tr>` of the body, ordered by the caller
/// following `tri` (a second press on the same column reverses the order).
#[component]
pub fn TableauTriable(
    #[prop(into)] legende: String,
    colonnes: Vec<Colonne>,
    tri: RwSignal<Tri>,
    children: Children,
) -> impl IntoView {
    let entetes = colonnes
        .into_iter()
        .enumerate()
        .map(|(rang, (libelle, chiffres))| {
            let actif = move || tri.with(|tri| (tri.colonne == rang).then_some(tri.croissant));
            let ordre = move || match actif() {
                Some(true) => Some("ascending"),
                Some(false) => Some("descending"),
                None => None,
            };
            let trier = move |_| {
                tri.update(|tri| {
                    *tri = Tri {
                        colonne: rang,
                        croissant: tri.colonne != rang || !tri.croissant,
                    }
                })
            };
            let nom = format!("Trier par « {libelle} »");
            let infobulle = nom.clone();
            view! {
                <th scope="col" class:maillage-chiffres=chiffres aria-sort=ordre>
                    <div class="fr-cell--sort">
                        <span class="fr-cell__title">{libelle}</span>
                        <button type="button" on:click=trier title=infobulle
                            class=move || match actif() {
                                Some(true) => "fr-btn fr-btn--sort fr-btn--sort-asc",
                                Some(false) => "fr-btn fr-btn--sort fr-btn--sort-desc",
                                None => "fr-btn fr-btn--sort",
                            }>
                            {nom}
                        </button>
                    </div>
                </th>
            }
        })
        .collect_view();
    view! {
        <div class="fr-table fr-table--bordered">
            <div class="fr-table__wrapper">
                <div class="fr-table__container" tabindex="0">
                    <div class="fr-table__content">
                        <table>
                            <caption>{legende}</caption>
                            <thead>
                                <tr>{entetes}</tr>
                            </thead>
                            <tbody>{children()}</tbody>
                        </table>
                    </div>
                </div>
            </div>
        </div>
    }
}

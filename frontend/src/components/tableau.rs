//! DSFR table with a caption, so every figure shown on a page can also be read as rows and columns.

use leptos::prelude::*;

/// A column header: its label and whether it holds numbers (right-aligned).
pub type Colonne = (&'static str, bool);

/// A captioned DSFR table; `children` are the `<tr>` of the body.
#[component]
pub fn Tableau(#[prop(into)] legende: String, colonnes: Vec<Colonne>, children: Children) -> impl IntoView {
    view! {
        <div class="fr-table fr-table--bordered">
            <div class="fr-table__wrapper">
                <div class="fr-table__container" tabindex="0">
                    <div class="fr-table__content">
                        <table>
                            <caption>{legende}</caption>
                            <thead>
                                <tr>
                                    {colonnes
                                        .into_iter()
                                        .map(|(libelle, chiffres)| {
                                            view! {
                                                <th scope="col" class:maillage-chiffres=chiffres>
                                                    {libelle}
                                                </th>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            </thead>
                            <tbody>{children()}</tbody>
                        </table>
                    </div>
                </div>
            </div>
        </div>
    }
}

/// The DSFR pagination of a list of `pages` pages (nothing when there is one), `numero` the page shown
/// (from 0); the buttons move `page`.
#[component]
pub fn Pagination(
    page: RwSignal<i64>,
    numero: i64,
    pages: i64,
    #[prop(into)] libelle: String,
) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav role="navigation" class="fr-pagination" aria-label=libelle>
                <ul class="fr-pagination__list">
                    <li>
                        <button class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
                            type="button" disabled=numero == 0 on:click=move |_| page.update(|p| *p -= 1)>
                            "Page précédente"
                        </button>
                    </li>
                    <li>
                        <span class="fr-pagination__link" aria-current="page">{format!("Page {}", numero + 1)}</span>
                    </li>
                    <li>
                        <button class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                            type="button" disabled=numero + 1 >= pages on:click=move |_| page.update(|p| *p += 1)>
                            "Page suivante"
                        </button>
                    </li>
                </ul>
            </nav>
        }
    })
}

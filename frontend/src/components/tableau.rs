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

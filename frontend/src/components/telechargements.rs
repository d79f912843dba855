//! The download buttons under a table: the same rows as CSV or as a spreadsheet, with the screen's filters.

use leptos::prelude::*;

use crate::api::exports::{Filtre, FormatExport, adresse};

/// "Télécharger (CSV)" and "Télécharger (tableur .xlsx)" for the export `table`, following `filtres`.
#[component]
pub fn Telechargements(
    /// The export's name, e.g. `candidatures`.
    table: &'static str,
    /// The filters the table on screen is showing.
    #[prop(optional, into)]
    filtres: Signal<Vec<Filtre>>,
) -> impl IntoView {
    view! {
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mt-2w">
            {FormatExport::ALL
                .into_iter()
                .map(|format| {
                    view! {
                        <li>
                            <a
                                class="fr-btn fr-btn--secondary fr-icon-download-line"
                                href=move || filtres.with(|filtres| adresse(table, format, filtres))
                                download=""
                            >
                                {format.libelle()}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

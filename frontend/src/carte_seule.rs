//! The entry point of the public map: the national and département maps, in a light frame. A link to any
//! other page of the app loads it from the server (the whole app, or the lieux' own entry point), since this
//! router knows only the maps.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::mise_en_page::{CadreSimple, recherche_de_territoire};
use crate::pages::carte::carte_page::CartePage;
use crate::pages::carte::departement_carte_page::DepartementCartePage;
use crate::session::Session;

/// The map pages and their frame.
#[component]
pub fn CarteSeule() -> impl IntoView {
    // Who is there, for the header's link: log in, or the person's space.
    Session::fournir();
    view! {
        <Router>
            <CadreSimple recherche=recherche_de_territoire>
                <Routes fallback=AutrePage>
                    <Route path=path!("/carte") view=CartePage/>
                    <Route path=path!("/carte/:code") view=DepartementCartePage/>
                </Routes>
            </CadreSimple>
        </Router>
    }
}

/// Any other address: the server answers with the entry point that shows it. The router changes the
/// address bar only after this view, so the new address is read from the router and loaded from the server.
#[component]
pub(crate) fn AutrePage() -> impl IntoView {
    let location = use_location();
    let recherche = location.search.get_untracked();
    let cible = match recherche.as_str() {
        "" => location.pathname.get_untracked(),
        r if r.starts_with('?') => format!("{}{r}", location.pathname.get_untracked()),
        r => format!("{}?{r}", location.pathname.get_untracked()),
    };
    if let Some(fenetre) = web_sys::window() {
        let _ = fenetre.location().assign(&cible);
    }
    view! { <p role="status" class="fr-my-4w">"Chargement…"</p> }
}

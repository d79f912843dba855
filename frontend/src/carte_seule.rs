//! The entry point of the public map: the national and département maps, the search of lieux and a lieu's
//! page, in a light frame. A link to any
//! other page of the app loads it from the server (the whole app), since this router knows only the maps.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::mise_en_page::CadreSimple;
use crate::pages::carte::carte_page::CartePage;
use crate::pages::carte::departement_carte_page::DepartementCartePage;
use crate::pages::lieux::fiche_page::FicheLieuPage;
use crate::pages::lieux::recherche_page::RecherchePage;
use crate::session::Session;

/// The map pages and their frame.
#[component]
pub fn CarteSeule() -> impl IntoView {
    // Who is there, for the header's link: log in, or the person's space.
    Session::fournir();
    view! {
        <Router>
            <CadreSimple>
                <Routes fallback=AutrePage>
                    <Route path=path!("/carte") view=CartePage/>
                    <Route path=path!("/carte/:code") view=DepartementCartePage/>
                    <Route path=path!("/lieux") view=RecherchePage/>
                    <Route path=path!("/lieux/:id") view=FicheLieuPage/>
                </Routes>
            </CadreSimple>
        </Router>
    }
}

/// Any other address: the whole app shows it. The router changes the address bar only after this view, so
/// the new address is read from the router and loaded from the server, which answers with the whole app.
#[component]
fn AutrePage() -> impl IntoView {
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

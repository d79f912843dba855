//! The entry point of the lieux' public pages: the search of lieux near a place and a lieu's page, in the
//! map's light frame. A link to any other page loads it from the server, which answers with the entry point
//! that shows it.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::carte_seule::AutrePage;
use crate::components::mise_en_page::CadreSimple;
use crate::pages::lieux::fiche_page::FicheLieuPage;
use crate::pages::lieux::recherche_page::RecherchePage;
use crate::session::Session;

/// The lieux' public pages and their frame.
#[component]
pub fn LieuxSeuls() -> impl IntoView {
    // Who is there, for the header's link: log in, or the person's space.
    Session::fournir();
    view! {
        <Router>
            <CadreSimple>
                <Routes fallback=AutrePage>
                    <Route path=path!("/lieux") view=RecherchePage/>
                    <Route path=path!("/lieux/:id") view=FicheLieuPage/>
                </Routes>
            </CadreSimple>
        </Router>
    }
}

//! The router: every screen of the app and the page frame around it.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::mise_en_page::MiseEnPage;
use crate::pages::accueil_page::AccueilPage;
use crate::pages::introuvable_page::IntrouvablePage;
use crate::pages::territoires::commune_page::CommunePage;
use crate::pages::territoires::departement_page::DepartementPage;
use crate::pages::territoires::epci_page::EpciPage;
use crate::pages::territoires::region_page::RegionPage;
use crate::pages::territoires::territoires_page::TerritoiresPage;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <MiseEnPage>
                <Routes fallback=IntrouvablePage>
                    <Route path=path!("/") view=AccueilPage/>
                    <Route path=path!("/territoires") view=TerritoiresPage/>
                    <Route path=path!("/territoires/regions/:code") view=RegionPage/>
                    <Route path=path!("/territoires/departements/:code") view=DepartementPage/>
                    <Route path=path!("/territoires/epci/:code") view=EpciPage/>
                    <Route path=path!("/territoires/communes/:code") view=CommunePage/>
                </Routes>
            </MiseEnPage>
        </Router>
    }
}

//! Browsing the territorial referential: régions → départements → EPCI → communes; a département's
//! gouvernance.

pub mod commune_page;
pub mod departement_page;
pub mod epci_page;
pub mod gouvernance_page;
pub mod region_page;
pub mod territoires_page;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:code` of the current route, as a reactive value.
pub fn code_de_la_route() -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("code").unwrap_or_default()
}

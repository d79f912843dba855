//! Maillage single-page app: leptos (CSR) compiled to WASM by Trunk, styled with the DSFR.

mod api;
mod app;
mod components;
mod format;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

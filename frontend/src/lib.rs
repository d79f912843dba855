//! Maillage's web app: leptos (CSR) compiled to WASM by `cargo xtask web`, styled with the DSFR. Three entry points
//! share these modules: the whole app (`main.rs`), the public map alone (`bin/carte.rs`), which is what a
//! visitor of `/carte` downloads first, and the lieux' public pages alone (`bin/lieux.rs`), for `/lieux`.

pub mod api;
pub mod app;
pub mod carte_seule;
pub mod components;
pub mod format;
pub mod lieux_seuls;
pub mod pages;
pub mod session;

/// Mounts `app` on the page in place of the server's first paint (`http::premier_rendu` in the backend),
/// once that paint is on screen with its fonts: the person reads the page's first words while the app starts,
/// and the app's own, drawn in the same task as the frame goes, are the same words in the same font and
/// place. On a fast link the app would otherwise replace the frame before it was ever shown, or while its
/// text still waited for Marianne.
pub fn demarrer<V: leptos::IntoView + 'static>(app: fn() -> V) {
    console_error_panic_hook::set_once();
    let document = web_sys::window().and_then(|fenetre| fenetre.document());
    let Some((document, premier_rendu)) =
        document.and_then(|document| Some((document.clone(), document.get_element_by_id("premier-rendu")?)))
    else {
        leptos::mount::mount_to_body(app);
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(polices) = document.fonts().ready() {
            let _ = wasm_bindgen_futures::JsFuture::from(polices).await;
        }
        apres_le_premier_affichage(premier_rendu, app, IMAGES_AU_PLUS);
    });
}

/// Frames the app waits at most for the first paint to be shown (a second at 60 frames a second).
const IMAGES_AU_PLUS: u32 = 60;

/// Mounts `app` once the browser says it has shown the first paint with text (`first-contentful-paint`),
/// checked at each frame, `images` frames at most.
fn apres_le_premier_affichage<V: leptos::IntoView + 'static>(
    premier_rendu: web_sys::Element,
    app: fn() -> V,
    images: u32,
) {
    let affiche = web_sys::window()
        .and_then(|fenetre| fenetre.performance())
        .is_some_and(|mesures| mesures.get_entries_by_name("first-contentful-paint").length() > 0);
    if affiche || images == 0 {
        premier_rendu.remove();
        leptos::mount::mount_to_body(app);
        return;
    }
    leptos::prelude::request_animation_frame(move || {
        apres_le_premier_affichage(premier_rendu, app, images - 1)
    });
}

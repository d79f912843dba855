//! The public map alone (`/carte`, `/carte/:code`): the same pages as in the whole app, in a frame without
//! the session's tools, so a visitor of the map downloads a fraction of the app.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(frontend::carte_seule::CarteSeule);
}

//! The public map alone (`/carte`, `/carte/:code`): the same pages as in the whole app, in a frame without
//! the session's tools, so a visitor of the map downloads a fraction of the app.

fn main() {
    frontend::demarrer(frontend::carte_seule::CarteSeule);
}

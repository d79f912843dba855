//! The lieux' public pages alone (`/lieux`, `/lieux/:id`): the search near a place and a lieu's page, in
//! the map's light frame, so a person looking for a lieu downloads a fraction of the app.

fn main() {
    frontend::demarrer(frontend::lieux_seuls::LieuxSeuls);
}

//! The whole app: every screen, under the session.

fn main() {
    frontend::demarrer(frontend::app::App);
}

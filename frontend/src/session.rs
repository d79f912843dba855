//! Who is using the app, shared by every page through a context: loaded at start with `moi`, replaced
//! after logging in or out and after a role switch.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::comptes::{Moi, moi};
use crate::api::notifications::nombre_non_lues;

/// The session as the app knows it. `Copy`: it is only signals.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The logged-in person, `None` when anonymous.
    pub moi: RwSignal<Option<Moi>>,
    /// Whether `moi` has answered once: until then pages wait instead of asking to log in.
    pub chargee: RwSignal<bool>,
    /// How many of the person's notifications are unread (shown in the header).
    pub non_lues: RwSignal<usize>,
}

impl Session {
    /// Creates the session, provides it to every page below, and asks the server who is there.
    pub fn fournir() -> Self {
        let session = Self {
            moi: RwSignal::new(None),
            chargee: RwSignal::new(false),
            non_lues: RwSignal::new(0),
        };
        provide_context(session);
        session.recharger();
        session
    }

    /// Asks the server again who is logged in (the cookie may have expired).
    pub fn recharger(self) {
        spawn_local(async move {
            // An unreachable server leaves the person anonymous; the pages say so when they load.
            let personne = moi().await.unwrap_or(None);
            self.moi.set(personne);
            self.chargee.set(true);
        });
    }

    /// The person has just logged in, registered or switched role.
    pub fn ouvrir(self, personne: Moi) {
        self.moi.set(Some(personne));
        self.chargee.set(true);
    }

    /// The person has just logged out.
    pub fn fermer(self) {
        self.moi.set(None);
        self.non_lues.set(0);
    }

    /// Counts the unread notifications again. Called by the frame whose header shows them (the whole app's),
    /// so the light entry points, whose frame does not, carry none of it.
    pub fn actualiser_notifications(self) {
        if self.moi.with_untracked(Option::is_none) {
            return;
        }
        spawn_local(async move {
            if let Ok(nombre) = nombre_non_lues().await {
                self.non_lues.set(nombre);
            }
        });
    }
}

/// The session provided by the app.
pub fn session() -> Session {
    // `App` provides it above every route: its absence is a programming error the first test shows.
    expect_context::<Session>()
}

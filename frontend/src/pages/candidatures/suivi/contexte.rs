//! What the sections of a validated candidature's follow-up share, through a context rather than passed to
//! every section: the candidature as the server has it, and the news for the reader.

use leptos::prelude::*;

use crate::api::ErreurApi;
use crate::api::candidatures::{Candidature, candidature};

/// The follow-up's shared state, provided by `SuiviDuPoste`.
#[derive(Clone, Copy)]
pub(super) struct Suivi {
    pub donnees: RwSignal<Candidature>,
    pub annonce: RwSignal<Option<String>>,
}

impl Suivi {
    /// The state provided by the enclosing `SuiviDuPoste`.
    pub fn du_contexte() -> Self {
        expect_context::<Suivi>()
    }
}

/// After an action: the candidature as the server now has it, then the news for the reader (the page
/// brings the focus to it, since the button pressed may be gone with what it changed).
pub(super) async fn recharger(
    donnees: RwSignal<Candidature>,
    annonce: RwSignal<Option<String>>,
    message: String,
) -> Result<(), ErreurApi> {
    let id = donnees.with_untracked(|c| c.id.clone());
    let a_jour = candidature(&id).await?;
    donnees.set(a_jour);
    annonce.set(Some(message));
    Ok(())
}

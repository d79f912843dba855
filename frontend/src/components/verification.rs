//! The banner shown on every page while the person has not opened the link sent to their address: what
//! they can do until then, and a button for a new link.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::comptes::renvoyer_verification;
use crate::session::session;

/// Shown to a logged-in person whose address is not verified yet.
#[component]
pub fn BandeauVerification() -> impl IntoView {
    let session = session();
    let message = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let renvoyer = move |_| {
        en_cours.set(true);
        spawn_local(async move {
            let reponse = match renvoyer_verification().await {
                Ok(()) => "Un nouveau lien vient de vous être envoyé.".to_owned(),
                Err(erreur) => erreur.message(),
            };
            message.set(Some(reponse));
            en_cours.set(false);
        });
    };
    move || {
        let personne = session.moi.get().filter(|personne| !personne.adresse_verifiee)?;
        Some(view! {
            <div class="fr-alert fr-alert--warning fr-my-3w" role="region" aria-labelledby="titre-verification">
                <h2 id="titre-verification" class="fr-alert__title">"Confirmez votre adresse électronique"</h2>
                <p>
                    {format!(
                        "Nous avons envoyé un lien à {} : ouvrez-le pour utiliser Maillage. D’ici là, vous pouvez \
                         seulement consulter et modifier votre compte.",
                        personne.email
                    )}
                </p>
                <button class="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" type="button"
                    on:click=renvoyer disabled=move || en_cours.get()>
                    "Recevoir un nouveau lien"
                </button>
                <p role="status" class="fr-mt-1w">{move || message.get()}</p>
            </div>
        })
    }
}

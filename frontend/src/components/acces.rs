//! Pages for logged-in people only: they wait for the session, and invite an anonymous visitor to log in.

use leptos::prelude::*;

use crate::api::comptes::Moi;
use crate::session::session;

/// Renders `rendu` for the logged-in person, again when they switch role; while the session loads, a
/// loading message; for an anonymous visitor, the page's `<h1>` and a link to log in that comes back here.
pub fn reserve<V>(titre_page: &'static str, rendu: impl Fn(Moi) -> V + Send + Sync + 'static) -> impl IntoView
where
    V: IntoView + 'static,
{
    let session = session();
    // Only a real change of person or role renders the page again, not the same answer twice.
    let personne = Memo::new(move |_| session.moi.get());
    // Logging in from here comes back here.
    let location = leptos_router::hooks::use_location();
    let connexion = move || {
        let page = format!("{}{}", location.pathname.get(), location.search.get());
        format!("/connexion?retour={}", js_sys::encode_uri_component(&page))
    };
    move || {
        if !session.chargee.get() {
            return view! { <p role="status" class="fr-my-4w">"Chargement…"</p> }.into_any();
        }
        match personne.get() {
            Some(moi) => rendu(moi).into_any(),
            None => view! {
                <h1 class="fr-mt-4w">{titre_page}</h1>
                <div class="fr-alert fr-alert--info fr-mb-4w">
                    <h2 class="fr-alert__title">"Connexion requise"</h2>
                    <p>"Cette page est réservée aux personnes connectées."</p>
                </div>
                <ul class="fr-btns-group fr-btns-group--inline-md">
                    <li><a class="fr-btn" href=connexion>"Se connecter"</a></li>
                    <li><a class="fr-btn fr-btn--secondary" href="/inscription">"Inscrire ma structure"</a></li>
                    <li><a class="fr-btn fr-btn--secondary" href="/vivier/inscription">"Rejoindre le vivier"</a></li>
                </ul>
            }
            .into_any(),
        }
    }
}

/// Like [`reserve`], for some roles: the person acting in one of `roles` gets `rendu`; anyone else, the
/// page's title and the roles to choose.
pub fn reserve_au_role<V>(
    titre_page: &'static str,
    roles: &'static [maillage_shared::role::Role],
    rendu: impl Fn(Moi) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    V: IntoView + 'static,
{
    reserve(titre_page, move |moi: Moi| {
        if moi.role().is_some_and(|role| roles.contains(&role)) {
            rendu(moi).into_any()
        } else {
            let noms: Vec<String> = roles
                .iter()
                .map(|role| format!("« {} »", role.libelle()))
                .collect();
            let reservee = match noms.as_slice() {
                [seul] => format!(
                    "Cette page est réservée au rôle {seul}. Choisissez ce rôle dans l’en-tête si vous l’avez."
                ),
                _ => format!(
                    "Cette page est réservée aux rôles {}. Choisissez l’un d’eux dans l’en-tête si vous l’avez.",
                    noms.join(" ou ")
                ),
            };
            view! {
                <h1 class="fr-mt-4w">{titre_page}</h1>
                <p>{reservee}</p>
            }
            .into_any()
        }
    })
}

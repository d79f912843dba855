//! What a page shows while its data loads, when it fails, and when the asked territory does not exist.

use leptos::prelude::*;

use maillage_shared::error_code::ErrorCode;

use crate::api::ErreurApi;

/// Renders a resource inside a page: a loading message, then the data, or an alert with a retry button.
pub fn afficher<T, V>(
    ressource: LocalResource<Result<T, ErreurApi>>,
    rendu: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    rendre(ressource, rendu, false)
}

/// Like [`afficher`], for a resource that is the whole page: on failure the alert's title is the
/// page's `<h1>`, so the page keeps a main heading.
pub fn afficher_page<T, V>(
    ressource: LocalResource<Result<T, ErreurApi>>,
    rendu: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    rendre(ressource, rendu, true)
}

fn rendre<T, V>(
    ressource: LocalResource<Result<T, ErreurApi>>,
    rendu: impl Fn(T) -> V + Send + Sync + 'static,
    page: bool,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || {
        match ressource.get() {
        None => view! {
            <p role="status" class="fr-my-4w">"Chargement…"</p>
        }
        .into_any(),
        Some(Ok(donnees)) => rendu(donnees).into_any(),
        // Not holding a post yet is where every coordinator and conseiller starts: said as such, with the
        // way to get one, and nothing to retry.
        Some(Err(ErreurApi::Serveur { code: Some(ErrorCode::NoPost), message })) => view! {
            <div class="fr-callout fr-my-4w">
                {if page {
                    view! { <h1 class="fr-callout__title">"Pas encore de poste rattaché"</h1> }.into_any()
                } else {
                    view! { <h2 class="fr-callout__title">"Pas encore de poste rattaché"</h2> }.into_any()
                }}
                <p class="fr-callout__text">{message}</p>
                <p>
                    "Un poste de conseiller numérique est rattaché à votre compte par la structure qui vous "
                    "emploie (ou par l’ANCT quand elle importe les conseillers du programme) ; le rôle de "
                    "coordinateur vous est attribué par cette structure, une fois sa candidature validée par "
                    "l’ANCT. Demandez-le à votre employeur ; cette page se remplira dès que ce sera fait."
                </p>
                <a class="fr-btn fr-btn--secondary fr-btn--sm" href="/espace">"Retour à mon espace"</a>
            </div>
        }
        .into_any(),
        Some(Err(erreur)) => view! {
            <div class="fr-alert fr-alert--error fr-my-4w" role="alert">
                {if page {
                    view! { <h1 class="fr-alert__title">"Les données n’ont pas pu être chargées"</h1> }.into_any()
                } else {
                    view! { <h2 class="fr-alert__title">"Les données n’ont pas pu être chargées"</h2> }.into_any()
                }}
                <p>{erreur.message()}</p>
                <button class="fr-btn fr-btn--sm fr-mt-2w" on:click=move |_| ressource.refetch()>
                    "Réessayer"
                </button>
            </div>
        }
        .into_any(),
    }
    }
}

/// The content of a page whose territory code matches nothing.
#[component]
pub fn Introuvable(
    /// What was looked for, e.g. "Le département 20".
    #[prop(into)]
    quoi: String,
) -> impl IntoView {
    view! {
        <h1>"Territoire introuvable"</h1>
        <p class="fr-text--lead">{quoi} " n’existe pas dans le référentiel des territoires."</p>
        <p>
            "Cherchez-le par son nom ou son code postal dans la recherche, ou "
            <a href="/territoires">"parcourez la liste des territoires"</a> "."
        </p>
    }
}

/// Sets the browser tab's title: the page, then the service.
pub fn titre(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} — Maillage"));
    }
}

//! `/notifications`: what happened to the person's candidatures, newest first.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::notifications::{Notification, marquer_lue, mes_notifications};
use crate::components::acces::reserve;
use crate::components::chargement::{afficher_page, titre};
use crate::components::formulaire::AlerteErreur;
use crate::format::horodatage;
use crate::session::session;

/// The notifications page.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    titre("Notifications");
    reserve("Notifications", |_| {
        let ressource = LocalResource::new(mes_notifications);
        afficher_page(ressource, |notifications| view! { <Liste notifications/> })
    })
}

/// The list, kept here so that marking one as read changes it without asking the server again.
#[component]
fn Liste(notifications: Vec<Notification>) -> impl IntoView {
    let liste = RwSignal::new(notifications);
    view! {
        <h1 class="fr-mt-4w">"Notifications"</h1>
        <p role="status">
            {move || match liste.with(|l| l.iter().filter(|n| !n.lue).count()) {
                0 => "Aucune notification non lue.".to_owned(),
                1 => "1 notification non lue.".to_owned(),
                n => format!("{n} notifications non lues."),
            }}
        </p>
        {move || liste.with(Vec::is_empty).then(|| view! { <p>"Vous n’avez reçu aucune notification."</p> })}
        <ul class="fr-raw-list">
            <For
                each=move || liste.get()
                key=|notification| notification.id.clone()
                let:notification
            >
                <Element liste notification/>
            </For>
        </ul>
    }
}

/// One notification; marking it read keeps the reader on it (the focus goes to its link).
#[component]
fn Element(liste: RwSignal<Vec<Notification>>, notification: Notification) -> impl IntoView {
    let session = session();
    let lue = RwSignal::new(notification.lue);
    let erreur = RwSignal::new(None::<String>);
    let lien = NodeRef::<leptos::html::A>::new();
    let id = notification.id.clone();
    let marquer = move |_| {
        let id = id.clone();
        spawn_local(async move {
            match marquer_lue(&id).await {
                Ok(()) => {
                    lue.set(true);
                    liste.update(|liste| {
                        if let Some(notification) = liste.iter_mut().find(|n| n.id == id) {
                            notification.lue = true;
                        }
                    });
                    erreur.set(None);
                    if let Some(lien) = lien.get_untracked() {
                        let _ = lien.focus();
                    }
                    session.actualiser_notifications();
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    let titre = notification.titre.clone();
    view! {
        <li class="maillage-notification" class:maillage-notification--lue=move || lue.get()>
            <h2 class="fr-h6 fr-mb-1w">
                {notification.titre.clone()}
                {move || (!lue.get()).then(|| view! {
                    " " <span class="fr-badge fr-badge--new fr-badge--sm">"Non lue"</span>
                })}
            </h2>
            <p class="fr-text--xs fr-mb-1w">{horodatage(&notification.cree_le)}</p>
            <p class="fr-mb-1w">{notification.message.clone()}</p>
            <AlerteErreur message=erreur/>
            <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                <li>
                    <a class="fr-btn fr-btn--secondary" href=notification.lien.clone() node_ref=lien>
                        "Voir"
                        <span class="fr-sr-only">{format!(" : {}", notification.titre)}</span>
                    </a>
                </li>
                {move || (!lue.get()).then(|| {
                    let titre = titre.clone();
                    view! {
                        <li>
                            <button class="fr-btn fr-btn--tertiary" type="button" on:click=marquer.clone()>
                                "Marquer comme lue"
                                <span class="fr-sr-only">{format!(" : {titre}")}</span>
                            </button>
                        </li>
                    }
                })}
            </ul>
        </li>
    }
}

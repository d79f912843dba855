//! The person's rights on their data, on the account page: download everything held about them, erase
//! the account (the password given again, after a confirmation).

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api::comptes::{effacer_mon_compte, mes_donnees};
use crate::components::formulaire::{AlerteErreur, ChampTexte};
use crate::session::session;

/// Prepares the download of everything held about the person, as a JSON file.
#[component]
pub fn MesDonnees() -> impl IntoView {
    let fichier = RwSignal::new(None::<String>);
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let preparer = move |_| {
        erreur.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match mes_donnees().await {
                Ok(donnees) => {
                    let texte = serde_json::to_string_pretty(&donnees).unwrap_or_default();
                    let encode = String::from(js_sys::encode_uri_component(&texte));
                    fichier.set(Some(format!("data:application/json;charset=utf-8,{encode}")));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-donnees">
            <h2 id="titre-donnees" class="fr-h4">"Mes données"</h2>
            <p>
                "Tout ce que Maillage détient sur vous (compte, rôles, sessions, profil, postes, accompagnements, "
                "notifications, courriels, actions au journal), dans un fichier JSON."
            </p>
            <button class="fr-btn fr-btn--secondary" type="button" on:click=preparer disabled=move || en_cours.get()>
                "Préparer le fichier"
            </button>
            <AlerteErreur message=erreur/>
            <p role="status" class="fr-mt-2w">
                {move || fichier.get().map(|adresse| view! {
                    <a class="fr-link fr-icon-download-line fr-link--icon-left" href=adresse
                        download="mes-donnees-maillage.json">
                        "Enregistrer mes données (JSON)"
                    </a>
                })}
            </p>
        </section>
    }
}

/// Erases the account after a confirmation; the person is logged out and brought home.
#[component]
pub fn Effacement() -> impl IntoView {
    let session = session();
    let navigate = use_navigate();
    let mot_de_passe = RwSignal::new(String::new());
    let confirmer = RwSignal::new(false);
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let question = NodeRef::<html::Div>::new();
    // The question replaces the button: the reader is brought to it.
    Effect::new(move |_| {
        if confirmer.get()
            && let Some(question) = question.get()
        {
            let _ = question.focus();
        }
    });
    let demander = move |_| {
        if mot_de_passe.with_untracked(String::is_empty) {
            erreur.set(Some(
                "Saisissez votre mot de passe pour effacer votre compte.".to_owned(),
            ));
            return;
        }
        erreur.set(None);
        confirmer.set(true);
    };
    let effacer = move |_| {
        en_cours.set(true);
        let (secret, navigate) = (mot_de_passe.get_untracked(), navigate.clone());
        spawn_local(async move {
            match effacer_mon_compte(&secret).await {
                Ok(()) => {
                    session.fermer();
                    navigate("/", Default::default());
                }
                Err(refus) => {
                    erreur.set(Some(refus.message()));
                    confirmer.set(false);
                    en_cours.set(false);
                }
            }
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-effacement">
            <h2 id="titre-effacement" class="fr-h4">"Effacer mon compte"</h2>
            <p>
                "Votre compte, votre profil, vos sessions, notifications et courriels sont effacés. Ce que la "
                "comptabilité du programme impose de garder (postes financés, chiffres d’activité) reste, rattaché "
                "à une personne anonyme."
            </p>
            <ChampTexte id="mot-de-passe-effacement" libelle="Votre mot de passe" type_="password"
                autocomplete="current-password" valeur=mot_de_passe requis=true/>
            <AlerteErreur message=erreur/>
            {move || if confirmer.get() {
                view! {
                    <div class="fr-alert fr-alert--warning maillage-annonce" tabindex="-1" node_ref=question>
                        <h3 class="fr-alert__title">"Effacer définitivement votre compte ?"</h3>
                        <p>"Vous ne pourrez plus vous connecter, et rien ne pourra être récupéré."</p>
                        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-2w">
                            <li>
                                <button class="fr-btn" type="button" disabled=move || en_cours.get() on:click=effacer.clone()>
                                    "Oui, effacer mon compte"
                                </button>
                            </li>
                            <li>
                                <button class="fr-btn fr-btn--secondary" type="button" on:click=move |_| confirmer.set(false)>
                                    "Non, le garder"
                                </button>
                            </li>
                        </ul>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <button class="fr-btn fr-btn--tertiary" type="button" on:click=demander>
                        "Effacer mon compte"
                    </button>
                }
                .into_any()
            }}
        </section>
    }
}

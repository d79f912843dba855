//! `/candidat`: a person of the candidate pool keeps their profile: they change it, withdraw it from the
//! structures' searches or put it back, see which structures contacted them, and delete it (GDPR erasure,
//! after a confirmation).

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::poste::StatutRecrutement;
use maillage_shared::role::Role;

use super::profil::{ChampsProfil, SaisieProfil};
use crate::api::ErreurApi;
use crate::api::postes::{ProfilCandidat, modifier_profil, mon_profil, supprimer_profil};
use crate::api::vivier::{ContactRecu, mes_contacts, repondre_au_contact};
use crate::components::acces::reserve;
use crate::components::chargement::{afficher_page, titre};
use crate::components::formulaire::{AlerteErreur, AlerteSucces};
use crate::format::horodatage;

/// The candidate's page.
#[component]
pub fn CandidatPage() -> impl IntoView {
    titre("Mon profil de candidat");
    reserve("Mon profil de candidat", |moi| {
        if moi.role() != Some(Role::Candidat) {
            return view! {
                <h1 class="fr-mt-4w">"Mon profil de candidat"</h1>
                <p>
                    "Cette page est celle des personnes inscrites dans le vivier. Si vous l’êtes aussi, "
                    "choisissez le rôle « Candidat » dans l’en-tête ; sinon, "
                    <a href="/vivier/inscription">"rejoignez le vivier"</a> "."
                </p>
            }
            .into_any();
        }
        let ressource = LocalResource::new(|| async {
            let profil = mon_profil().await?;
            let contacts = mes_contacts().await?;
            Ok::<_, ErreurApi>((profil, contacts))
        });
        afficher_page(ressource, |(profil, contacts)| {
            view! { <EspaceCandidat profil contacts/> }
        })
        .into_any()
    })
}

/// The loaded profile and contacts. `profil` is what the server holds; the form may differ until saved.
#[component]
fn EspaceCandidat(profil: Option<ProfilCandidat>, contacts: Vec<ContactRecu>) -> impl IntoView {
    let saisie = profil
        .as_ref()
        .map_or_else(SaisieProfil::vide, SaisieProfil::depuis);
    let profil = RwSignal::new(profil);
    let contacts = RwSignal::new(contacts);
    view! {
        <h1 class="fr-mt-4w">"Mon profil de candidat"</h1>
        <p class="fr-text--lead">
            "Votre profil dans le vivier national des conseillers numériques coordinateurs."
        </p>
        <Visibilite profil saisie/>
        <Modification profil saisie/>
        <Contacts contacts/>
        <Suppression profil saisie/>
    }
}

/// Whether structures see the profile, and the button to withdraw it or put it back.
#[component]
fn Visibilite(profil: RwSignal<Option<ProfilCandidat>>, saisie: SaisieProfil) -> impl IntoView {
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let basculer = move |visible: bool| {
        let Some(mut entree) = profil.with_untracked(|p| p.as_ref().map(ProfilCandidat::saisie)) else {
            return;
        };
        entree.visible = visible;
        erreur.set(None);
        succes.set(None);
        en_cours.set(true);
        spawn_local(async move {
            let resultat = async {
                modifier_profil(&entree).await?;
                mon_profil().await
            };
            match resultat.await {
                Ok(a_jour) => {
                    saisie.visible.set(visible);
                    succes.set(Some(
                        if visible {
                            "Votre profil est de nouveau visible des structures."
                        } else {
                            "Votre profil est retiré du vivier : aucune structure ne le voit plus."
                        }
                        .to_owned(),
                    ));
                    profil.set(a_jour);
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-visibilite">
            <h2 id="titre-visibilite" class="fr-h4">"Visibilité de mon profil"</h2>
            {move || match profil.with(|p| p.as_ref().map(|p| p.visible)) {
                Some(true) => view! {
                    <p class="fr-badge fr-badge--success">"Visible des structures"</p>
                    <p class="fr-mt-1w">
                        "Les structures dont la candidature est validée peuvent trouver votre profil et vous "
                        "contacter."
                    </p>
                    <button class="fr-btn fr-btn--secondary" type="button" disabled=move || en_cours.get()
                        on:click=move |_| basculer(false)>
                        "Retirer mon profil du vivier"
                    </button>
                }
                .into_any(),
                Some(false) => view! {
                    <p class="fr-badge">"Retiré du vivier"</p>
                    <p class="fr-mt-1w">
                        "Aucune structure ne voit votre profil. Celles qui vous ont déjà contacté gardent votre "
                        "adresse électronique."
                    </p>
                    <button class="fr-btn fr-btn--secondary" type="button" disabled=move || en_cours.get()
                        on:click=move |_| basculer(true)>
                        "Remettre mon profil dans le vivier"
                    </button>
                }
                .into_any(),
                None => view! {
                    <p>
                        "Vous n’avez pas de profil dans le vivier : remplissez le formulaire ci-dessous pour en "
                        "créer un."
                    </p>
                }
                .into_any(),
            }}
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
        </section>
    }
}

/// The profile form, saved as a whole.
#[component]
fn Modification(profil: RwSignal<Option<ProfilCandidat>>, saisie: SaisieProfil) -> impl IntoView {
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        if en_cours.get_untracked() {
            return;
        }
        let mut manquants = Vec::new();
        let Some(entree) = saisie.a_envoyer(&mut manquants) else {
            erreur.set(Some(format!(
                "Pour enregistrer votre profil, indiquez {}.",
                manquants.join(", ")
            )));
            return;
        };
        erreur.set(None);
        succes.set(None);
        en_cours.set(true);
        spawn_local(async move {
            let resultat = async {
                modifier_profil(&entree).await?;
                mon_profil().await
            };
            match resultat.await {
                Ok(a_jour) => {
                    succes.set(Some("Votre profil est enregistré.".to_owned()));
                    profil.set(a_jour);
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-profil">
            <h2 id="titre-profil" class="fr-h4">"Mon profil"</h2>
            <form on:submit=envoyer novalidate>
                <ChampsProfil saisie/>
                <AlerteErreur message=erreur/>
                <AlerteSucces message=succes/>
                <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                    {move || if profil.with(Option::is_some) { "Enregistrer mon profil" } else { "Créer mon profil" }}
                </button>
            </form>
        </section>
    }
}

/// The structures that contacted the person, newest first: she accepts a contact before any recruitment can
/// go on, or declines it.
#[component]
fn Contacts(contacts: RwSignal<Vec<ContactRecu>>) -> impl IntoView {
    let erreur = RwSignal::new(None::<String>);
    let annonce = RwSignal::new(None::<String>);
    let repondre = move |id: String, structure: String, accepte: bool| {
        erreur.set(None);
        spawn_local(async move {
            let resultat = async {
                repondre_au_contact(&id, accepte).await?;
                contacts.set(mes_contacts().await?);
                Ok::<_, ErreurApi>(())
            };
            match resultat.await {
                Ok(()) => annonce.set(Some(if accepte {
                    format!("Vous acceptez la prise de contact de {structure} : elle peut poursuivre le recrutement.")
                } else {
                    format!("Vous déclinez la prise de contact de {structure}.")
                })),
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-contacts">
            <h2 id="titre-contacts" class="fr-h4">"Structures qui vous ont contacté"</h2>
            <AlerteSucces message=annonce/>
            <AlerteErreur message=erreur/>
            {move || {
                let liste = contacts.get();
                if liste.is_empty() {
                    return view! { <p>"Aucune structure ne vous a encore contacté."</p> }.into_any();
                }
                view! {
                    <ul class="maillage-contacts">
                        {liste
                            .into_iter()
                            .map(|contact| {
                                let attend = contact.statut == StatutRecrutement::Nouvelle;
                                let (id, structure) = (contact.id.clone(), contact.structure.clone());
                                let (id_refus, structure_refus) = (id.clone(), structure.clone());
                                view! {
                                    <li class="fr-mb-2w">
                                        <p class="fr-mb-0">
                                            <strong>{contact.structure.clone()}</strong>
                                            {format!(" — {}", contact.libelle_statut)}
                                        </p>
                                        <p class="fr-text--xs fr-mb-1w">{horodatage(&contact.le)}</p>
                                        {attend.then(|| view! {
                                            <ul class="fr-btns-group fr-btns-group--inline-sm">
                                                <li>
                                                    <button type="button" class="fr-btn fr-btn--sm"
                                                        on:click=move |_| repondre(id.clone(), structure.clone(), true)>
                                                        {format!("Accepter le contact de {}", contact.structure)}
                                                    </button>
                                                </li>
                                                <li>
                                                    <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary"
                                                        on:click=move |_| repondre(id_refus.clone(), structure_refus.clone(), false)>
                                                        "Décliner"
                                                    </button>
                                                </li>
                                            </ul>
                                        })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p>
                "Une structure qui vous contacte vous écrit aussi à l’adresse électronique de votre compte. "
                <a href="/notifications">"Toutes mes notifications"</a>
            </p>
        </section>
    }
}

/// Deleting the profile and the contacts made with it, after a confirmation.
#[component]
fn Suppression(profil: RwSignal<Option<ProfilCandidat>>, saisie: SaisieProfil) -> impl IntoView {
    let confirmer = RwSignal::new(false);
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let question = NodeRef::<html::Div>::new();
    let bouton = NodeRef::<html::Button>::new();
    // The question replaces the button: the reader is brought to it, then back to the button if they cancel.
    Effect::new(move |avant: Option<bool>| {
        let maintenant = confirmer.get();
        if maintenant && let Some(question) = question.get() {
            let _ = question.focus();
        }
        if avant == Some(true)
            && !maintenant
            && let Some(bouton) = bouton.get()
        {
            let _ = bouton.focus();
        }
        maintenant
    });
    let supprimer = move |_| {
        erreur.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match supprimer_profil().await {
                Ok(()) => {
                    saisie.vider();
                    succes.set(Some(
                        "Votre profil est supprimé, avec les prises de contact des structures.".to_owned(),
                    ));
                    confirmer.set(false);
                    profil.set(None);
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-suppression">
            <h2 id="titre-suppression" class="fr-h4">"Supprimer mon profil"</h2>
            <p>
                "Votre profil et les prises de contact des structures sont effacés définitivement. Votre compte "
                "reste ouvert pour vous connecter."
            </p>
            {move || match (profil.with(Option::is_some), confirmer.get()) {
                (false, _) => view! { <p>"Vous n’avez pas de profil à supprimer."</p> }.into_any(),
                (true, false) => view! {
                    <button class="fr-btn fr-btn--tertiary" type="button" node_ref=bouton
                        on:click=move |_| confirmer.set(true)>
                        "Supprimer mon profil"
                    </button>
                }
                .into_any(),
                (true, true) => view! {
                    <div class="fr-alert fr-alert--warning maillage-annonce" tabindex="-1" node_ref=question>
                        <h3 class="fr-alert__title">"Supprimer définitivement votre profil ?"</h3>
                        <p>"Les structures ne pourront plus vous trouver ni suivre leur prise de contact."</p>
                        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-2w">
                            <li>
                                <button class="fr-btn" type="button" disabled=move || en_cours.get()
                                    on:click=supprimer>
                                    "Oui, supprimer mon profil"
                                </button>
                            </li>
                            <li>
                                <button class="fr-btn fr-btn--secondary" type="button"
                                    on:click=move |_| confirmer.set(false)>
                                    "Annuler"
                                </button>
                            </li>
                        </ul>
                    </div>
                }
                .into_any(),
            }}
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
        </section>
    }
}

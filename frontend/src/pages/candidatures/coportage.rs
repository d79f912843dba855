//! The structures that carry a candidature together: the structure that writes it invites others by SIRET
//! and withdraws them; an invited structure confirms or declines, and a co-porteur may step back; everyone
//! who reads the candidature sees who carries it. Co-porteurs change until ANCT decides.

use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::role::Role;
use maillage_shared::structure::Siret;

use crate::api::candidatures::{
    Candidature, candidature, inviter_co_porteur, repondre_invitation_co_porteur, retirer_co_porteur,
};
use crate::components::confirmation::Confirmation;
use crate::components::formulaire::{AlerteErreur, ChampTexte, Message};
use crate::format::horodatage;

/// What the caller may do here: the structure that writes the candidature, or an invited one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Porteuse,
    Invitee { confirmee: bool },
    Lectrice,
}

/// A change waiting for its confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
enum AConfirmer {
    Retirer { structure_id: String, nom: String },
    Decliner,
}

/// The co-porteurs of a candidature, and what the caller's structure may do with them.
#[component]
pub fn CoPorteurs(
    donnees: RwSignal<Candidature>,
    annonce: RwSignal<Option<String>>,
    role: Option<Role>,
    /// The caller's structure, when it acts for one.
    ma_structure: Option<String>,
) -> impl IntoView {
    let ma_structure = StoredValue::new(ma_structure);
    // A proposal to gather two candidatures links here with the other structure's SIRET.
    let siret = RwSignal::new(
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("co-porteur").unwrap_or_default()),
    );
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let a_confirmer = RwSignal::new(None::<AConfirmer>);
    let place = move || {
        donnees.with(|c| match (role, ma_structure.get_value()) {
            (Some(Role::Structure), Some(mienne)) if mienne == c.structure.id => Place::Porteuse,
            (Some(Role::Structure), Some(mienne)) => c
                .co_porteurs
                .iter()
                .find(|co| co.structure.id == mienne)
                .map_or(Place::Lectrice, |co| Place::Invitee {
                    confirmee: co.confirmee_le.is_some(),
                }),
            _ => Place::Lectrice,
        })
    };
    let modifiable =
        move || donnees.with(|c| c.statut == StatutCandidature::Brouillon || c.statut.en_instruction());
    let id = move || donnees.with_untracked(|c| c.id.clone());

    let message_siret = Signal::derive(move || {
        let texte = siret.get();
        if texte.trim().is_empty() {
            return None;
        }
        Some(match Siret::parse(&texte) {
            Ok(_) => Message::Valide("SIRET valide.".to_owned()),
            Err(refus) => Message::Erreur(refus.to_string()),
        })
    });

    let inviter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let texte = siret.get_untracked();
        if let Err(refus) = Siret::parse(&texte) {
            erreur.set(Some(refus.to_string()));
            return;
        }
        erreur.set(None);
        en_cours.set(true);
        let id = id();
        spawn_local(async move {
            match inviter_co_porteur(&id, &texte).await {
                Ok(candidature) => {
                    let invitee = candidature
                        .co_porteurs
                        .last()
                        .map(|co| co.structure.nom.clone())
                        .unwrap_or_default();
                    donnees.set(candidature);
                    siret.set(String::new());
                    annonce.set(Some(format!(
                        "{invitee} est invitée à porter la candidature avec vous : elle en est informée."
                    )));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };

    // Reads the candidature again after a change that answers with a yes or no; a structure that declined
    // or stepped back no longer reads it and goes back to its space.
    let relire = move |message: String| {
        let id = id();
        spawn_local(async move {
            match candidature(&id).await {
                Ok(c) => {
                    donnees.set(c);
                    annonce.set(Some(message));
                }
                Err(_) => {
                    if let Some(fenetre) = web_sys::window() {
                        let _ = fenetre.location().set_href("/espace");
                    }
                }
            }
            en_cours.set(false);
        });
    };

    let repondre = move |confirme: bool| {
        en_cours.set(true);
        erreur.set(None);
        let id = id();
        spawn_local(async move {
            match repondre_invitation_co_porteur(&id, confirme).await {
                Ok(_) => relire(if confirme {
                    "Votre structure porte désormais cette candidature avec la structure qui l’a écrite."
                        .to_owned()
                } else {
                    "Invitation déclinée.".to_owned()
                }),
                Err(refus) => {
                    erreur.set(Some(refus.message()));
                    en_cours.set(false);
                }
            }
        });
    };

    let confirmer = move |()| {
        let Some(action) = a_confirmer.get_untracked() else {
            return;
        };
        a_confirmer.set(None);
        match action {
            AConfirmer::Decliner => repondre(false),
            AConfirmer::Retirer { structure_id, nom } => {
                en_cours.set(true);
                erreur.set(None);
                let id = id();
                spawn_local(async move {
                    match retirer_co_porteur(&id, &structure_id).await {
                        Ok(_) => relire(format!("{nom} ne porte plus la candidature.")),
                        Err(refus) => {
                            erreur.set(Some(refus.message()));
                            en_cours.set(false);
                        }
                    }
                });
            }
        }
    };

    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-co-porteurs">
            <h2 id="titre-co-porteurs" class="fr-h4">"Structures co-porteuses"</h2>
            {move || {
                let lignes = donnees.with(|c| c.co_porteurs.clone());
                if lignes.is_empty() {
                    return view! {
                        <p>"La candidature est portée par une seule structure."</p>
                    }
                    .into_any();
                }
                let peut_retirer = place() == Place::Porteuse && modifiable();
                view! {
                    <ul>
                        {lignes.into_iter().map(|co| {
                            let etat = match &co.confirmee_le {
                                Some(le) => format!("confirmée le {}", horodatage(le)),
                                None => format!("invitée le {}, en attente de sa réponse", horodatage(&co.invitee_le)),
                            };
                            let nom = co.structure.nom.clone();
                            let structure_id = co.structure.id.clone();
                            view! {
                                <li>
                                    <span class="fr-text--bold">{co.structure.nom.clone()}</span>
                                    {format!(" (SIRET {}) — {etat}", co.structure.siret)}
                                    {peut_retirer.then(|| view! {
                                        " "
                                        <button
                                            type="button"
                                            class="fr-btn fr-btn--sm fr-btn--tertiary"
                                            disabled=move || en_cours.get()
                                            on:click=move |_| a_confirmer.set(Some(AConfirmer::Retirer {
                                                structure_id: structure_id.clone(),
                                                nom: nom.clone(),
                                            }))
                                        >
                                            {format!("Retirer {}", co.structure.nom)}
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {move || match (place(), modifiable()) {
                (Place::Porteuse, true) => view! {
                    <form on:submit=inviter novalidate>
                        <ChampTexte
                            id="co-porteur-siret"
                            libelle="Inviter une structure à porter la candidature avec vous"
                            indice="Son SIRET (14 chiffres) : elle doit être inscrite sur Maillage. Elle lira le dossier et confirmera."
                            valeur=siret
                            message=message_siret
                        />
                        <button class="fr-btn fr-btn--secondary" type="submit" disabled=move || en_cours.get()>
                            "Inviter"
                        </button>
                    </form>
                }
                .into_any(),
                (Place::Invitee { confirmee: false }, true) => view! {
                    <div class="fr-callout">
                        <p class="fr-callout__text">
                            "Votre structure est invitée à porter cette candidature avec la structure qui l’a écrite. "
                            "Lisez le dossier, puis répondez."
                        </p>
                        <ul class="fr-btns-group fr-btns-group--inline-md">
                            <li>
                                <button class="fr-btn" type="button" disabled=move || en_cours.get()
                                    on:click=move |_| repondre(true)>
                                    "Confirmer le co-portage"
                                </button>
                            </li>
                            <li>
                                <button class="fr-btn fr-btn--secondary" type="button" disabled=move || en_cours.get()
                                    on:click=move |_| a_confirmer.set(Some(AConfirmer::Decliner))>
                                    "Décliner"
                                </button>
                            </li>
                        </ul>
                    </div>
                }
                .into_any(),
                (Place::Invitee { confirmee: true }, true) => {
                    let mienne = ma_structure.get_value().unwrap_or_default();
                    view! {
                        <button class="fr-btn fr-btn--tertiary" type="button" disabled=move || en_cours.get()
                            on:click=move |_| a_confirmer.set(Some(AConfirmer::Retirer {
                                structure_id: mienne.clone(),
                                nom: "Votre structure".to_owned(),
                            }))>
                            "Ne plus porter cette candidature"
                        </button>
                    }
                    .into_any()
                }
                _ => ().into_any(),
            }}
            <AlerteErreur message=erreur/>
            {move || a_confirmer.get().map(|action| {
                let (titre, explication, oui) = match &action {
                    AConfirmer::Decliner => (
                        "Décliner l’invitation à porter cette candidature ?".to_owned(),
                        "La structure qui l’a écrite en est informée ; vous ne lirez plus le dossier.",
                        "Oui, décliner".to_owned(),
                    ),
                    AConfirmer::Retirer { nom, .. } => (
                        format!("{nom} ne portera plus la candidature ?"),
                        "La structure ne lira plus le dossier ; elle pourra être invitée de nouveau.",
                        "Oui, retirer".to_owned(),
                    ),
                };
                view! {
                    <Confirmation
                        id="confirmation-co-porteur"
                        titre
                        explication
                        oui
                        confirmer=Callback::new(confirmer)
                        annuler=Callback::new(move |()| a_confirmer.set(None))
                    />
                }
            })}
        </section>
    }
}

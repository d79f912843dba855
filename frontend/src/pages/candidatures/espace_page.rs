//! `/espace`: what the logged-in person has to do, by the role they act in. A structure sees itself, its
//! eligibility and its candidatures; the préfecture, SGAR, hub and ANCT see the candidatures of their
//! territory (ANCT with filters, and its conventions to sign); a person of the candidate pool is led to
//! their profile.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use maillage_shared::premier_rendu::{ESPACE, explication_activite};
use maillage_shared::role::Role;

use super::espace_agents::EspaceInstruction;
use crate::api::ErreurApi;
use crate::api::candidatures::{Appel, Filtre, PageCandidatures, appel_en_cours, creer, lister};
use crate::api::comptes::Moi;
use crate::api::structures::{Structure, ma_structure};
use crate::components::acces::reserve;
use crate::components::badge::BadgeStatut;
use crate::components::chargement::{afficher_page, titre};
use crate::components::formulaire::AlerteErreur;
use crate::components::tableau::Tableau;
use crate::format::{date, euros};

/// The person's space.
#[component]
pub fn EspacePage() -> impl IntoView {
    titre("Mon espace");
    reserve("Mon espace", |moi: Moi| {
        match moi.role() {
        Some(Role::Structure) => view! { <EspaceStructure/> }.into_any(),
        Some(Role::Prefecture | Role::Sgar | Role::Hub | Role::Anct) => view! { <EspaceInstruction moi/> }.into_any(),
        Some(Role::Candidat) => view! { <EspaceCandidat/> }.into_any(),
        Some(Role::Conseiller) => view! {
            <EspaceActivite moi lien="/activites" action="Saisir un accompagnement" formation=true/>
        }
        .into_any(),
        Some(Role::Mediateur) => view! {
            <EspaceActivite moi lien="/mes-equipes" action="Mes équipes de coordination"/>
        }
        .into_any(),
        Some(Role::Coordinateur) => view! {
            <EspaceActivite moi lien="/coordination" action="Coordonner mon équipe" formation=true/>
        }
        .into_any(),
        _ => view! {
            <h1 class="fr-mt-4w">"Mon espace"</h1>
            <p>
                {moi.role_actif.map(|role| role.libelle).unwrap_or_default()}
                " : cet espace n’a pas encore d’outil pour ce rôle. Choisissez un autre rôle dans l’en-tête si "
                "vous en avez plusieurs."
            </p>
        }
        .into_any(),
    }
    })
}

/// The space of a conseiller or a coordinator: the one tool of their role.
#[component]
fn EspaceActivite(
    moi: Moi,
    lien: &'static str,
    action: &'static str,
    /// A conseiller (coordinators included) also declares its training.
    #[prop(optional)]
    formation: bool,
) -> impl IntoView {
    // As the server's first paint shows them (`maillage_shared::premier_rendu`).
    let explication = moi.role().and_then(explication_activite);
    view! {
        <h1 class="fr-mt-4w">{ESPACE}</h1>
        <p class="fr-text--lead">{moi.role_actif.map(|role| role.libelle).unwrap_or_default()}</p>
        <p>{explication}</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
            <li><a class="fr-btn" href=lien>{action}</a></li>
            {formation.then(|| view! {
                <li><a class="fr-btn fr-btn--secondary" href="/mes-statistiques">"Mes statistiques"</a></li>
                <li><a class="fr-btn fr-btn--secondary" href="/formation">"Ma formation"</a></li>
            })}
            // Training sessions of the région, relayed by a coordinator (or to relay, for a coordinator).
            <li><a class="fr-btn fr-btn--secondary" href="/rencontres">"Formations continues et rencontres"</a></li>
        </ul>
    }
}

/// A candidate's space: where their profile is kept.
#[component]
fn EspaceCandidat() -> impl IntoView {
    view! {
        <h1 class="fr-mt-4w">"Mon espace"</h1>
        <p class="fr-text--lead">"Vous faites partie du vivier des conseillers numériques coordinateurs."</p>
        <p>
            "Les structures dont la candidature est validée par l’ANCT y cherchent leur coordinateur : si vous "
            "l’acceptez, elles voient votre profil et peuvent vous contacter."
        </p>
        <a class="fr-btn" href="/candidat">"Voir et modifier mon profil"</a>
    }
}

/// A structure's space: itself, its eligibility and its candidatures.
#[component]
fn EspaceStructure() -> impl IntoView {
    let donnees = LocalResource::new(|| async {
        let structure = ma_structure().await?;
        let appel = appel_en_cours().await?;
        let candidatures = lister(&Filtre::default(), 20, 0).await?;
        Ok::<_, ErreurApi>((structure, appel, candidatures))
    });
    afficher_page(donnees, |(structure, appel, candidatures)| {
        view! {
            <h1 class="fr-mt-4w">"Mon espace"</h1>
            <p class="fr-text--lead">{structure.nom.clone()}</p>
            <FicheStructure structure=structure.clone()/>
            <InvitationsDeCoPortage/>
            <MesCandidatures structure appel candidatures/>
        }
    })
}

/// The structure as registered, with its eligibility.
#[component]
fn FicheStructure(structure: Structure) -> impl IntoView {
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-structure">
            <h2 id="titre-structure" class="fr-h4">"Ma structure"</h2>
            <dl class="maillage-fiche">
                <dt>"SIRET"</dt>
                <dd>{structure.siret.clone()}</dd>
                <dt>"Catégorie"</dt>
                <dd>{structure.libelle_categorie.clone()}</dd>
                <dt>"Statut"</dt>
                <dd>{if structure.statut_public { "Personne morale de droit public" } else { "Personne morale de droit privé" }}</dd>
                <dt>"Siège"</dt>
                <dd>{structure.lieu()}</dd>
                <dt>"Postes de conseiller numérique"</dt>
                <dd>
                    {structure.conseillers_numeriques}
                    <a class="fr-link fr-ml-2w" href="/mes-statistiques">"Activité de nos conseillers numériques"</a>
                </dd>
                <dt>"Éligibilité"</dt>
                <dd>
                    {if structure.eligibilite.eligible {
                        view! { <p class="fr-badge fr-badge--success">"Éligible"</p> }.into_any()
                    } else {
                        view! {
                            <p class="fr-badge fr-badge--error">"Non éligible"</p>
                            <p class="fr-mt-1w">{structure.eligibilite.motif.clone().unwrap_or_default()}</p>
                        }
                        .into_any()
                    }}
                </dd>
            </dl>
        </section>
    }
}

/// The structure's candidatures, and the button to start one for the open call.
#[component]
fn MesCandidatures(
    structure: Structure,
    appel: Option<Appel>,
    candidatures: PageCandidatures,
) -> impl IntoView {
    let navigate = use_navigate();
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let preparer = move |_| {
        en_cours.set(true);
        erreur.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match creer().await {
                Ok(id) => navigate(&format!("/candidatures/{id}"), Default::default()),
                Err(refus) => {
                    erreur.set(Some(refus.message()));
                    en_cours.set(false);
                }
            }
        });
    };
    // Its own candidature to this call; those it carries with another structure do not count.
    let deja = appel.as_ref().is_some_and(|appel| {
        candidatures
            .elements
            .iter()
            .any(|c| c.structure.id == structure.id && c.appel.as_ref().is_some_and(|a| a.id == appel.id))
    });
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-candidatures">
            <h2 id="titre-candidatures" class="fr-h4">"Mes candidatures"</h2>
            {match &appel {
                Some(appel) => view! {
                    <p>
                        {format!(
                            "Appel en cours : {}, ouvert jusqu’au {} inclus.",
                            appel.nom,
                            date(appel.cloture)
                        )}
                    </p>
                }
                .into_any(),
                None => view! { <p>"Aucun appel à candidatures n’est ouvert aujourd’hui."</p> }.into_any(),
            }}
            {if candidatures.elements.is_empty() {
                view! { <p>"Votre structure n’a pas encore de candidature."</p> }.into_any()
            } else {
                view! {
                    <Tableau
                        legende="Candidatures de ma structure"
                        colonnes=vec![
                            ("Appel", false),
                            ("Structure porteuse", false),
                            ("Statut", false),
                            ("Déposée le", false),
                            ("Subvention", true),
                            ("Dossier", false),
                        ]
                    >
                        {candidatures
                            .elements
                            .iter()
                            .map(|ligne| {
                                let subvention = ligne
                                    .montant_subvention_euros
                                    .zip(ligne.duree_subvention_mois)
                                    .map(|(montant, mois)| format!("{} sur {mois} mois", euros(montant)))
                                    .unwrap_or_else(|| "—".to_owned());
                                view! {
                                    <tr>
                                        <td>{ligne.appel.as_ref().map(|a| a.nom.clone()).unwrap_or_default()}</td>
                                        <td>
                                            {if ligne.structure.id == structure.id {
                                                "Ma structure".to_owned()
                                            } else {
                                                format!("{} (co-portée)", ligne.structure.nom)
                                            }}
                                        </td>
                                        <td><BadgeStatut statut=ligne.statut petit=true/></td>
                                        <td>{ligne.depose_le.map(date).unwrap_or_else(|| "—".to_owned())}</td>
                                        <td class="maillage-chiffres">{subvention}</td>
                                        <td>
                                            <a href=format!("/candidatures/{}", ligne.id)>
                                                {format!("Ouvrir la candidature n° {}", ligne.id)}
                                            </a>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </Tableau>
                }
                .into_any()
            }}
            {(appel.is_some() && !deja).then(|| {
                if structure.eligibilite.eligible {
                    view! {
                        <button class="fr-btn fr-icon-add-line fr-btn--icon-left" type="button"
                            on:click=preparer disabled=move || en_cours.get()>
                            "Préparer une candidature"
                        </button>
                    }
                    .into_any()
                } else {
                    view! {
                        <p>"Votre structure n’étant pas éligible, elle ne peut pas candidater."</p>
                    }
                    .into_any()
                }
            })}
            <AlerteErreur message=erreur/>
        </section>
    }
}

/// The candidatures other structures invite this one to carry with them, waiting for its answer.
#[component]
fn InvitationsDeCoPortage() -> impl IntoView {
    let invitations =
        LocalResource::new(|| async { crate::api::candidatures::mes_invitations_de_co_portage().await });
    view! {
        {move || {
            let lignes = invitations.get().and_then(Result::ok).unwrap_or_default();
            (!lignes.is_empty()).then(|| view! {
                <section class="fr-my-4w" aria-labelledby="titre-invitations-co-portage">
                    <h2 id="titre-invitations-co-portage" class="fr-h4">"Invitations à porter une candidature"</h2>
                    <ul>
                        {lignes.into_iter().map(|ligne| view! {
                            <li>
                                <a href=format!("/candidatures/{}", ligne.id)>
                                    {format!("Candidature de « {} » : lire le dossier et répondre", ligne.structure.nom)}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })
        }}
    }
}

//! `/espace`: what the logged-in person has to do, by the role they act in. A structure sees itself, its
//! eligibility and its candidatures; the préfecture, SGAR, hub and ANCT see the candidatures of their
//! territory (ANCT with filters, and its conventions to sign); a person of the candidate pool is led to
//! their profile.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use maillage_shared::candidature::{CasDeFigure, StatutCandidature};
use maillage_shared::role::Role;
use maillage_shared::territoire::CodeDepartement;

use crate::api::ErreurApi;
use crate::api::candidatures::{Appel, Filtre, PageCandidatures, appel_en_cours, creer, lister};
use crate::api::comptes::Moi;
use crate::api::exports::Filtre as FiltreExport;
use crate::api::structures::{Structure, ma_structure};
use crate::api::territoires::regions;
use crate::components::acces::reserve;
use crate::components::badge::{BadgeRecrutementEnRetard, BadgeRetard, BadgeStatut};
use crate::components::chargement::{afficher, afficher_page, titre};
use crate::components::formulaire::{AlerteErreur, Case, ChampTexte, Liste, Message};
use crate::components::tableau::Tableau;
use crate::components::telechargements::Telechargements;
use crate::format::{date, euros};

/// Lines per page of the agents' list.
const PAR_PAGE: i64 = 20;

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
            <EspaceActivite moi lien="/activites" action="Saisir un accompagnement" formation=true
                explication="Enregistrez chaque accompagnement le jour même : quelques clics suffisent."/>
        }
        .into_any(),
        Some(Role::Mediateur) => view! {
            <EspaceActivite moi lien="/mes-equipes" action="Mes équipes de coordination"
                explication="Retrouvez les équipes des coordinateurs qui vous ont invité, et leurs journées de rencontre."/>
        }
        .into_any(),
        Some(Role::Coordinateur) => view! {
            <EspaceActivite moi lien="/coordination" action="Coordonner mon équipe" formation=true
                explication="Suivez l’activité des conseillers numériques de votre périmètre et relancez ceux qui n’ont pas saisi ce mois-ci."/>
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
    explication: &'static str,
    /// A conseiller (coordinators included) also declares its training.
    #[prop(optional)]
    formation: bool,
) -> impl IntoView {
    view! {
        <h1 class="fr-mt-4w">"Mon espace"</h1>
        <p class="fr-text--lead">{moi.role_actif.map(|role| role.libelle).unwrap_or_default()}</p>
        <p>{explication}</p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
            <li><a class="fr-btn" href=lien>{action}</a></li>
            {formation.then(|| view! {
                <li><a class="fr-btn fr-btn--secondary" href="/formation">"Ma formation"</a></li>
            })}
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
                <dd>{structure.conseillers_numeriques}</dd>
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
    let deja = appel.as_ref().is_some_and(|appel| {
        candidatures
            .elements
            .iter()
            .any(|c| c.appel.as_ref().is_some_and(|a| a.id == appel.id))
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

/// The candidatures of the agent's territory, with filters for ANCT.
#[component]
fn EspaceInstruction(moi: Moi) -> impl IntoView {
    let role = moi.role();
    let anct = role == Some(Role::Anct);
    let filtre = RwSignal::new(Filtre::default());
    let page = RwSignal::new(0_i64);
    let liste = LocalResource::new(move || {
        let filtre = filtre.get();
        let decalage = page.get() * PAR_PAGE;
        async move { lister(&filtre, PAR_PAGE, decalage).await }
    });
    // The préfecture and the hub are invited to the coordinators' meeting days.
    let journees = matches!(moi.role(), Some(Role::Prefecture | Role::Hub));
    let portee = moi
        .role_actif
        .as_ref()
        .map(|r| r.libelle.clone())
        .unwrap_or_default();
    view! {
        <h1 class="fr-mt-4w">"Mon espace"</h1>
        <p class="fr-text--lead">{format!("Candidatures à instruire — {portee}")}</p>
        <ul class="fr-raw-list">
            {journees.then(|| view! {
                <li>
                    <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/journees">
                        "Journées de rencontre des coordinateurs"
                    </a>
                </li>
            })}
            {anct.then(|| view! {
                <li>
                    <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/lieux/import">
                        "Importer des lieux de médiation numérique"
                    </a>
                </li>
            })}
            <li>
                <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/rapports">
                    "Rapports d’activité des coordinateurs"
                </a>
            </li>
        </ul>
        {anct.then(|| view! {
            <p>
                <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/conventions">
                    "Conventions à signer"
                </a>
            </p>
            <Filtres filtre page/>
        })}
        <section class="fr-my-4w" aria-labelledby="titre-liste">
            <h2 id="titre-liste" class="fr-h4">"Candidatures"</h2>
            {afficher(liste, move |resultat: PageCandidatures| view! { <ListeCandidatures resultat page/> })}
            <Telechargements table="candidatures" filtres=Signal::derive(move || filtre.with(filtres_export))/>
        </section>
    }
}

/// The list's filters as the download reads them: every page of the list, not only the one on screen.
fn filtres_export(filtre: &Filtre) -> Vec<FiltreExport> {
    vec![
        ("statut", filtre.statut.map(|statut| statut.as_str().to_owned())),
        ("region", filtre.region.clone()),
        ("departement", filtre.departement.clone()),
        ("cas", filtre.cas.map(|cas| cas.as_str().to_owned())),
        ("enRetard", filtre.en_retard.then(|| "true".to_owned())),
    ]
}

/// The filter form of ANCT's list; applied when sent.
#[component]
fn Filtres(filtre: RwSignal<Filtre>, page: RwSignal<i64>) -> impl IntoView {
    let statut = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let departement = RwSignal::new(String::new());
    let cas = RwSignal::new(String::new());
    let en_retard = RwSignal::new(false);
    let erreur_departement = RwSignal::new(None::<Message>);
    let liste_regions = LocalResource::new(regions);

    let appliquer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let code = departement.get_untracked();
        let departement = if code.trim().is_empty() {
            None
        } else {
            match CodeDepartement::parse(&code) {
                Ok(code) => Some(code.as_str().to_owned()),
                Err(refus) => {
                    erreur_departement.set(Some(Message::Erreur(format!("{refus}."))));
                    return;
                }
            }
        };
        erreur_departement.set(None);
        let vide = |valeur: RwSignal<String>| Some(valeur.get_untracked()).filter(|v| !v.is_empty());
        filtre.set(Filtre {
            statut: vide(statut).and_then(|s| StatutCandidature::parse(&s)),
            region: vide(region),
            departement,
            cas: vide(cas).and_then(|c| CasDeFigure::parse(&c)),
            en_retard: en_retard.get_untracked(),
        });
        page.set(0);
    };
    let reinitialiser = move |_| {
        for valeur in [statut, region, departement, cas] {
            valeur.set(String::new());
        }
        en_retard.set(false);
        erreur_departement.set(None);
        filtre.set(Filtre::default());
        page.set(0);
    };

    let statuts = StatutCandidature::ALL
        .into_iter()
        .filter(|s| *s != StatutCandidature::Brouillon)
        .map(|s| (s.as_str().to_owned(), s.libelle().to_owned()))
        .collect::<Vec<_>>();
    let cas_de_figure = CasDeFigure::ALL
        .into_iter()
        .map(|c| (c.as_str().to_owned(), format!("{} — {}", c.as_str(), c.libelle())))
        .collect::<Vec<_>>();
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-filtres">
            <h2 id="titre-filtres" class="fr-h4">"Filtrer"</h2>
            <form on:submit=appliquer novalidate>
                <div class="fr-grid-row fr-grid-row--gutters">
                    <div class="fr-col-12 fr-col-md-4">
                        <Liste id="filtre-statut" libelle="Statut" options=statuts valeur=statut
                            invite="Tous les statuts" vide_permis=true/>
                    </div>
                    <div class="fr-col-12 fr-col-md-4">
                        {move || {
                            let options = liste_regions
                                .get()
                                .and_then(Result::ok)
                                .unwrap_or_default()
                                .into_iter()
                                .map(|r| (r.code, r.nom))
                                .collect::<Vec<_>>();
                            view! {
                                <Liste id="filtre-region" libelle="Région" options valeur=region
                                    invite="Toutes les régions" vide_permis=true/>
                            }
                        }}
                    </div>
                    <div class="fr-col-12 fr-col-md-4">
                        <ChampTexte id="filtre-departement" libelle="Département" indice="Code, ex. 29"
                            autocomplete="off" valeur=departement message=erreur_departement/>
                    </div>
                    <div class="fr-col-12 fr-col-md-8">
                        <Liste id="filtre-cas" libelle="Cas de figure" options=cas_de_figure valeur=cas
                            invite="Tous les cas" vide_permis=true/>
                    </div>
                    <div class="fr-col-12 fr-col-md-4 fr-pt-md-5w">
                        <Case id="filtre-en-retard" libelle="Décision en retard seulement" cochee=en_retard/>
                    </div>
                </div>
                <ul class="fr-btns-group fr-btns-group--inline-md">
                    <li><button class="fr-btn" type="submit">"Filtrer"</button></li>
                    <li>
                        <button class="fr-btn fr-btn--secondary" type="button" on:click=reinitialiser>
                            "Réinitialiser"
                        </button>
                    </li>
                </ul>
            </form>
        </section>
    }
}

/// One page of the agents' list, with its pagination.
#[component]
fn ListeCandidatures(resultat: PageCandidatures, page: RwSignal<i64>) -> impl IntoView {
    if resultat.elements.is_empty() {
        return view! { <p>"Aucune candidature ne correspond."</p> }.into_any();
    }
    let total = resultat.total;
    let numero = page.get_untracked();
    let pages = (total + PAR_PAGE - 1) / PAR_PAGE;
    view! {
        <Tableau
            legende=format!(
                "{total} candidature{} — page {} sur {pages}",
                if total > 1 { "s" } else { "" },
                numero + 1
            )
            colonnes=vec![
                ("Structure", false),
                ("Département", false),
                ("Cas", false),
                ("Statut", false),
                ("Déposée le", false),
                ("Échéance de décision", false),
            ]
        >
            {resultat
                .elements
                .into_iter()
                .map(|ligne| {
                    view! {
                        <tr>
                            <td>
                                <a href=format!("/candidatures/{}", ligne.id)>{ligne.structure.nom.clone()}</a>
                            </td>
                            <td>
                                {ligne.departement.map(|d| format!("{} ({})", d.nom, d.code)).unwrap_or_default()}
                            </td>
                            <td>{ligne.cas.map(|c| c.as_str()).unwrap_or("—")}</td>
                            <td>
                                <BadgeStatut statut=ligne.statut petit=true/>
                                {ligne.recrutement_en_retard.then(|| view! { " " <BadgeRecrutementEnRetard/> })}
                            </td>
                            <td>{ligne.depose_le.map(date).unwrap_or_else(|| "—".to_owned())}</td>
                            <td>
                                {ligne.echeance_decision.map(date).unwrap_or_else(|| "—".to_owned())}
                                {ligne.decision_en_retard.then(|| view! { " " <BadgeRetard/> })}
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </Tableau>
        {(pages > 1).then(|| view! {
            <nav role="navigation" class="fr-pagination" aria-label="Pages de la liste des candidatures">
                <ul class="fr-pagination__list">
                    <li>
                        <button class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
                            type="button" disabled=numero == 0 on:click=move |_| page.update(|p| *p -= 1)>
                            "Page précédente"
                        </button>
                    </li>
                    <li>
                        <span class="fr-pagination__link" aria-current="page">{format!("Page {}", numero + 1)}</span>
                    </li>
                    <li>
                        <button class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                            type="button" disabled=numero + 1 >= pages on:click=move |_| page.update(|p| *p += 1)>
                            "Page suivante"
                        </button>
                    </li>
                </ul>
            </nav>
        })}
    }
    .into_any()
}

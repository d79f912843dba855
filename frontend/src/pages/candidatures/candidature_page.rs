//! `/candidatures/:id`: one candidature, its state and its history. The structure edits and files its
//! draft here; the préfecture gives its avis; ANCT decides; everyone else reads. Once validated, the
//! structure recruits its coordinator and requests its convention here, and ANCT records the convention's
//! signature and payment.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::role::Role;

use super::cloture::{Cloture, FormulaireCloture};
use super::coportage::CoPorteurs;
use super::dossier::PiecesEtEchanges;
use super::formulaire_candidature::FormulaireCandidature;
use super::instruction::{FormulaireVerdict, Verdict};
use super::lecture::Lecture;
use super::suivi::SuiviDuPoste;
use crate::api::candidatures::{Candidature, Evenement, candidature};
use crate::components::acces::reserve;
use crate::components::badge::{BadgeRetard, BadgeStatut, libelle_court};
use crate::components::chargement::{afficher_page, titre};
use crate::components::fil_ariane::FilAriane;
use crate::format::{date, euros, horodatage};

/// The page of one candidature.
#[component]
pub fn CandidaturePage() -> impl IntoView {
    titre("Candidature");
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    reserve("Candidature", move |moi| {
        let role = moi.role();
        let ma_structure = moi.role_actif.as_ref().and_then(|r| r.structure_id.clone());
        let ressource = LocalResource::new(move || {
            let id = id();
            async move { candidature(&id).await }
        });
        afficher_page(ressource, move |initiale| {
            let ma_structure = ma_structure.clone();
            view! { <Dossier initiale role ma_structure/> }
        })
    })
}

/// A loaded candidature. It holds the latest answer of the server: each action replaces it, and only the
/// parts that depend on what changed are drawn again (a form being filled keeps its focus).
#[component]
fn Dossier(initiale: Candidature, role: Option<Role>, ma_structure: Option<String>) -> impl IntoView {
    titre(&intitule(&initiale.structure.nom));
    // A structure invited to carry the candidature reads it; only the one that wrote it acts on it.
    let co_porteuse =
        role == Some(Role::Structure) && ma_structure.as_deref() != Some(initiale.structure.id.as_str());
    let role_d_action = if co_porteuse { None } else { role };
    let nom_structure = initiale.structure.nom.clone();
    let donnees = RwSignal::new(initiale);
    let statut = Memo::new(move |_| donnees.with(|c| c.statut));
    let annonce = RwSignal::new(None::<String>);
    let zone_annonce = NodeRef::<html::Div>::new();
    // After a move of the workflow the form that had the focus is gone: bring the reader to the news.
    Effect::new(move |_| {
        if annonce.with(Option::is_some)
            && let Some(zone) = zone_annonce.get()
        {
            let _ = zone.focus();
        }
    });

    let corps = move || {
        let statut = statut.get();
        let vue = match (role_d_action, statut) {
            (Some(Role::Structure), StatutCandidature::Brouillon) => {
                view! { <FormulaireCandidature donnees annonce/> }.into_any()
            }
            _ => view! { <Lecture donnees role/> }.into_any(),
        };
        // ANCT may decide without the avis from the day the server gives (a month after filing).
        let sans_avis_possible = donnees.with_untracked(|c| {
            c.decision_sans_avis_le
                .zip(crate::format::aujourd_hui())
                .is_some_and(|(des_le, aujourd_hui)| aujourd_hui >= des_le)
        });
        let verdict = match (role, statut) {
            (Some(Role::Prefecture), StatutCandidature::Deposee) => Some(Verdict::Avis),
            (Some(Role::Prefecture), StatutCandidature::AvisRendu) => Some(Verdict::ModifierAvis),
            (Some(Role::Anct), StatutCandidature::AvisRendu) => Some(Verdict::Decision),
            (Some(Role::Anct), StatutCandidature::Deposee) if sans_avis_possible => {
                Some(Verdict::DecisionSansAvis)
            }
            (Some(Role::Sgar), statut) if statut.en_instruction() => Some(Verdict::AvisSgar),
            _ => None,
        };
        let action = verdict.map(|verdict| view! { <FormulaireVerdict donnees annonce verdict/> });
        // Until the decision, ANCT may close it and the structure withdraw it.
        let cloture = match role_d_action {
            Some(Role::Anct) if statut.en_instruction() => Some(Cloture::SansSuite),
            Some(Role::Structure) if statut.en_instruction() => Some(Cloture::Retrait),
            _ => None,
        }
        .map(|cloture| view! { <FormulaireCloture donnees annonce cloture/> });
        let suivi = (statut == StatutCandidature::Validee)
            .then(|| view! { <SuiviDuPoste donnees annonce role=role_d_action/> });
        view! { {action} {suivi} {vue} {cloture} }
    };

    view! {
        <FilAriane
            parents=vec![("Mon espace".to_owned(), "/espace".to_owned())]
            actuel=intitule(&nom_structure)
        />
        <h1>{intitule(&nom_structure)}</h1>
        <Entete donnees role/>
        <div tabindex="-1" node_ref=zone_annonce class="maillage-annonce">
            <div role="status">
                {move || annonce.get().map(|texte| view! {
                    <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
                        <p>{texte}</p>
                    </div>
                })}
            </div>
        </div>
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-lg-8">
                {corps}
                <CoPorteurs donnees annonce role ma_structure/>
                <PiecesEtEchanges donnees role=role_d_action/>
            </div>
            <div class="fr-col-12 fr-col-lg-4">
                <Historique donnees role/>
            </div>
        </div>
    }
}

/// The state, the dates that matter, and for a structure the outcome of its candidature.
#[component]
fn Entete(donnees: RwSignal<Candidature>, role: Option<Role>) -> impl IntoView {
    move || {
        donnees.with(|c| {
            let structure_voit_la_decision = role == Some(Role::Structure);
            view! {
                <div class="fr-mb-3w">
                    <BadgeStatut statut=c.statut/>
                    {c.decision_en_retard.then(|| view! { " " <BadgeRetard/> })}
                    {c.coordonnee.then(|| view! {
                        " " <p class="fr-badge fr-badge--info fr-badge--no-icon">"Candidature coordonnée"</p>
                    })}
                    {membre_de_la_gouvernance(c).map(|libelle| view! {
                        " " <p class="fr-badge fr-badge--success fr-badge--no-icon">{libelle}</p>
                    })}
                    {c.gouvernance_locale.identifiee_pour_accueillir.then(|| view! {
                        " " <p class="fr-badge fr-badge--success fr-badge--no-icon">"Identifiée par la préfecture"</p>
                    })}
                </div>
                <ul class="fr-mb-3w">
                    {c.appel.as_ref().map(|appel| view! { <li>{format!("Appel : {}", appel.nom)}</li> })}
                    <li>{format!("Structure : {} — {}", c.structure.nom, c.structure.lieu())}</li>
                    <li>{format!("Catégorie : {}", c.structure.libelle_categorie)}</li>
                    {c.structure.forme_juridique.as_ref().and_then(|forme| {
                        let motif = forme.motif_categorie.clone()?;
                        let proposee = forme.categorie_proposee.map_or("aucune", |p| p.libelle());
                        Some(view! {
                            <li>
                                {format!(
                                    "Sa forme juridique (code INSEE {}) correspond d’après le répertoire des entreprises à « {proposee} » ; la structure a choisi une autre catégorie : « {motif} »",
                                    forme.nature_juridique
                                )}
                            </li>
                        })
                    })}
                    {c.depose_le.map(|jour| view! { <li>{format!("Déposée le {}", date(jour))}</li> })}
                    {(c.statut != StatutCandidature::Brouillon).then(|| view! {
                        <li>
                            <a class="fr-link fr-link--download" href=format!("/candidatures/{}/dossier.pdf", c.id) download>
                                "Télécharger le dossier"
                                <span class="fr-link__detail">"PDF accessible"</span>
                            </a>
                        </li>
                    })}
                    {c.decision.is_some().then(|| view! {
                        <li>
                            <a class="fr-link fr-link--download" href=format!("/candidatures/{}/decision.pdf", c.id) download>
                                "Télécharger la lettre de décision"
                                <span class="fr-link__detail">"PDF accessible"</span>
                            </a>
                        </li>
                    })}
                    {c.echeance_decision.filter(|_| c.statut.en_instruction()).map(|jour| {
                        let reste = match c.jours_avant_decision {
                            Some(jours) if jours < 0 => format!(" (dépassée de {} jours)", -jours),
                            Some(jours) => format!(" (dans {jours} jours)"),
                            None => String::new(),
                        };
                        view! { <li>{format!("Décision de l’ANCT attendue au plus tard le {}{reste}", date(jour))}</li> }
                    })}
                </ul>
                {structure_voit_la_decision.then(|| c.decision.clone()).flatten().map(|decision| {
                    if decision.validee {
                        let subvention = c
                            .montant_subvention_euros
                            .zip(c.duree_subvention_mois)
                            .map(|(montant, mois)| format!("Subvention : {} sur {mois} mois. ", euros(montant)))
                            .unwrap_or_default();
                        // A post that ended awaits no recruitment.
                        let recrutement = decision
                            .echeance_recrutement
                            .filter(|_| c.fin_du_poste.is_none())
                            .map(|jour| format!("Recrutez votre coordinateur au plus tard le {}.", date(jour)))
                            .unwrap_or_default();
                        view! {
                            <div class="fr-alert fr-alert--success fr-mb-3w">
                                <h2 class="fr-alert__title">"Votre candidature est validée"</h2>
                                <p>{subvention}{recrutement}</p>
                            </div>
                        }
                        .into_any()
                    } else {
                        view! {
                            <div class="fr-alert fr-alert--error fr-mb-3w">
                                <h2 class="fr-alert__title">"Votre candidature est refusée"</h2>
                                <p>{decision.motif.clone()}</p>
                            </div>
                        }
                        .into_any()
                    }
                })}
            }
        })
    }
}

/// Every state change, oldest first.
#[component]
fn Historique(donnees: RwSignal<Candidature>, role: Option<Role>) -> impl IntoView {
    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-historique">
            <h2 id="titre-historique" class="fr-h5">"Historique"</h2>
            <ol class="maillage-historique">
                {move || {
                    donnees
                        .with(|c| c.historique.clone())
                        .into_iter()
                        .map(|evenement| view! { <Etape evenement role/> })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}

/// One state change of the history.
#[component]
fn Etape(evenement: Evenement, role: Option<Role>) -> impl IntoView {
    let changement = match evenement.de_statut {
        None => format!("Créée : {}", libelle_court(evenement.vers_statut)),
        Some(de) => format!("{} → {}", libelle_court(de), libelle_court(evenement.vers_statut)),
    };
    // The préfecture's avis is for the State's agents, not for the structure: neither is its comment.
    let commentaire = evenement
        .commentaire
        .filter(|_| !(role == Some(Role::Structure) && evenement.role == Role::Prefecture));
    view! {
        <li class="maillage-historique__etape">
            <p class="fr-text--xs fr-mb-0">
                {horodatage(&evenement.horodatage)} " — " {evenement.role.libelle()}
            </p>
            <p class="fr-text--bold fr-mb-0">{changement}</p>
            {commentaire.map(|texte| view! { <p class="fr-text--sm fr-mb-0 maillage-texte">{texte}</p> })}
        </li>
    }
}

/// The candidature's title: the structure's name quoted, as it reads whatever it starts with
/// (« Candidature de « Association … » », not « Candidature de Association … »).
fn intitule(structure: &str) -> String {
    format!("Candidature de « {structure} »")
}

/// The badge of a structure the préfecture's register confirms as member or co-porteur of the gouvernance.
fn membre_de_la_gouvernance(c: &Candidature) -> Option<&'static str> {
    use maillage_shared::gouvernance::PlaceDansLaGouvernance;
    let place = &c.gouvernance_locale;
    if !place.confirmee {
        return None;
    }
    match place.declaree? {
        PlaceDansLaGouvernance::CoPorteur => Some("Co-porteuse de la gouvernance"),
        PlaceDansLaGouvernance::Membre => Some("Membre de la gouvernance"),
        PlaceDansLaGouvernance::NonMembre => None,
    }
}

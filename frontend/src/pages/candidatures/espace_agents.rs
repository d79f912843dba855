//! The agents' space: the candidatures they instruct or follow, with the filters that apply as soon as they
//! change, and the list page by page.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use maillage_shared::candidature::{CasDeFigure, StatutCandidature};
use maillage_shared::premier_rendu::{ESPACE, chapeau_instruction};
use maillage_shared::role::Role;

use crate::api::candidatures::{Filtre, PageCandidatures, lister};
use crate::api::comptes::Moi;
use crate::api::exports::Filtre as FiltreExport;
use crate::api::territoires::regions;
use crate::components::badge::{BadgeRecrutementEnRetard, BadgeRetard, BadgeStatut};
use crate::components::chargement::afficher;
use crate::components::formulaire::{Case, Liste};
use crate::components::tableau::{Pagination, Tableau};
use crate::components::telechargements::Telechargements;
use crate::format::date;

/// Lines per page of the agents' list.
const PAR_PAGE: i64 = 20;

/// The candidatures of the agent's territory, with filters for ANCT.
#[component]
pub(super) fn EspaceInstruction(moi: Moi) -> impl IntoView {
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
    // The hub organises the région's rencontres, the préfecture its département's meeting days; SGAR and
    // ANCT read them.
    let rencontres = matches!(
        moi.role(),
        Some(Role::Hub | Role::Prefecture | Role::Sgar | Role::Anct)
    );
    // ANCT and the préfectures bring in the programme's conseillers.
    let conseillers = matches!(moi.role(), Some(Role::Anct | Role::Prefecture));
    let portee = moi
        .role_actif
        .as_ref()
        .map(|r| r.libelle.clone())
        .unwrap_or_default();
    // As the server's first paint shows them (`maillage_shared::premier_rendu`).
    let chapeau = role.and_then(|role| chapeau_instruction(role, &portee));
    view! {
        <h1 class="fr-mt-4w">{ESPACE}</h1>
        <p class="fr-text--lead">{chapeau}</p>
        <ul class="fr-raw-list">
            {journees.then(|| view! {
                <li>
                    <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/journees">
                        "Journées de rencontre des coordinateurs"
                    </a>
                </li>
            })}
            {rencontres.then(|| view! {
                <li>
                    <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/rencontres">
                        "Rencontres du réseau"
                    </a>
                </li>
            })}
            {conseillers.then(|| view! {
                <li>
                    <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/conseillers">
                        "Conseillers numériques du programme"
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

/// The filter form of ANCT's list: each choice applies at once, so the list never shows the results of
/// another filter than the one on screen.
#[component]
fn Filtres(filtre: RwSignal<Filtre>, page: RwSignal<i64>) -> impl IntoView {
    let statut = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let departement = RwSignal::new(String::new());
    let cas = RwSignal::new(String::new());
    let en_retard = RwSignal::new(false);
    let liste_regions = LocalResource::new(regions);

    Effect::new(move |deja: Option<()>| {
        let choix = (
            statut.get(),
            region.get(),
            departement.get(),
            cas.get(),
            en_retard.get(),
        );
        if deja.is_none() {
            return;
        }
        let (statut, region, departement, cas, en_retard) = choix;
        let vide = |valeur: String| Some(valeur).filter(|v| !v.is_empty());
        filtre.set(Filtre {
            statut: vide(statut).and_then(|s| StatutCandidature::parse(&s)),
            region: vide(region),
            departement: vide(departement),
            cas: vide(cas).and_then(|c| CasDeFigure::parse(&c)),
            en_retard,
        });
        page.set(0);
    });
    // Another région leaves no département of another one chosen.
    Effect::watch(
        move || region.get(),
        move |_, _, _| departement.set(String::new()),
        false,
    );
    let reinitialiser = move |_| {
        for valeur in [statut, region, departement, cas] {
            valeur.set(String::new());
        }
        en_retard.set(false);
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
            <form on:submit=|ev: SubmitEvent| ev.prevent_default() novalidate>
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
                        {move || {
                            // The départements of the région chosen, or all of them, by code.
                            let choisie = region.get();
                            let mut options = liste_regions
                                .get()
                                .and_then(Result::ok)
                                .unwrap_or_default()
                                .into_iter()
                                .filter(|r| choisie.is_empty() || r.code == choisie)
                                .flat_map(|r| r.departements)
                                .map(|d| (d.code.clone(), format!("{} — {}", d.code, d.nom)))
                                .collect::<Vec<_>>();
                            options.sort();
                            view! {
                                <Liste id="filtre-departement" libelle="Département" options valeur=departement
                                    invite="Tous les départements" vide_permis=true/>
                            }
                        }}
                    </div>
                    <div class="fr-col-12 fr-col-md-8">
                        <Liste id="filtre-cas" libelle="Cas de figure" options=cas_de_figure valeur=cas
                            invite="Tous les cas" vide_permis=true/>
                    </div>
                    <div class="fr-col-12 fr-col-md-4 fr-pt-md-5w">
                        <Case id="filtre-en-retard" libelle="Décision en retard seulement" cochee=en_retard/>
                    </div>
                </div>
                <button class="fr-btn fr-btn--secondary" type="button" on:click=reinitialiser>
                    "Réinitialiser les filtres"
                </button>
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
        <Pagination page numero pages libelle="Pages de la liste des candidatures"/>
    }
    .into_any()
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

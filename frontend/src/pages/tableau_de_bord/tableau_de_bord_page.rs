//! `/tableau-de-bord`: for a préfecture, SGAR, hub or ANCT agent, the figures of their territory: key
//! figures (candidatures, deadlines, budget), candidatures by status and by case, the conseillers' activity
//! over a period, coverage, and the table by
//! département with its downloads. ANCT chooses France or a région, SGAR and hub one of their départements.

use leptos::prelude::*;
use maillage_shared::candidature::{CasDeFigure, StatutCandidature};
use maillage_shared::format::nombre;
use maillage_shared::role::Role;

use super::activite::ActiviteDuTerritoire;
use super::couverture::Couverture;
use super::departements::TableauDepartements;
use crate::api::comptes::Moi;
use crate::api::tableau_de_bord::{GouvernanceDuTableau, TableauDeBord, tableau_de_bord};
use crate::api::territoires::{Region, region, regions};
use crate::components::acces::reserve;
use crate::components::badge::libelle_court;
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::graphique_barres::GraphiqueBarres;
use crate::components::indicateur::Indicateur;
use crate::components::tableau::Tableau;
use crate::components::telechargements::Telechargements;
use crate::format::{date, euros};

/// The page's title.
const TITRE: &str = "Tableau de bord";

/// Grid columns of a key figure: four a row on a wide screen.
const TUILE: &str = "fr-col-12 fr-col-sm-6 fr-col-lg-3";

/// The dashboard page, for the agents following a territory.
#[component]
pub fn TableauDeBordPage() -> impl IntoView {
    titre(TITRE);
    reserve(TITRE, |moi: Moi| {
        if moi.est_agent() {
            view! { <TableauDeBordAgent moi/> }.into_any()
        } else {
            view! {
                <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
                <h1>{TITRE}</h1>
                <div class="fr-alert fr-alert--info fr-mb-4w">
                    <h2 class="fr-alert__title">"Page réservée aux agents"</h2>
                    <p>
                        "Le tableau de bord est réservé aux préfectures, aux SGAR, aux hubs territoriaux et à "
                        "l’ANCT. Choisissez l’un de ces rôles dans l’en-tête si vous l’avez."
                    </p>
                </div>
            }
            .into_any()
        }
    })
}

/// The territory chosen on the page; empty: the whole of the level above (France, the région).
#[derive(Debug, Clone, Copy)]
struct Choix {
    region: RwSignal<String>,
    departement: RwSignal<String>,
}

/// The dashboard of the agent's territory, with the choice of a narrower one where the role allows it.
#[component]
fn TableauDeBordAgent(moi: Moi) -> impl IntoView {
    let role = moi.role_actif.clone();
    let choix = Choix {
        region: RwSignal::new(String::new()),
        departement: RwSignal::new(String::new()),
    };
    let donnees = LocalResource::new(move || {
        let region = Some(choix.region.get()).filter(|code| !code.is_empty());
        let departement = Some(choix.departement.get()).filter(|code| !code.is_empty());
        async move { tableau_de_bord(region.as_deref(), departement.as_deref()).await }
    });
    // Said once the figures of a newly chosen territory are on screen.
    let affiche = move || {
        donnees
            .get()
            .and_then(Result::ok)
            .map(|tableau| format!("Tableau de bord affiché : {}.", tableau.libelle))
    };
    let prefecture = role.as_ref().is_some_and(|role| role.role == Role::Prefecture);
    let selecteurs = match role.as_ref().map(|role| (role.role, role.region_code.clone())) {
        Some((Role::Anct, _)) => view! { <ChoixNational choix/> }.into_any(),
        Some((Role::Sgar | Role::Hub, Some(code))) => view! { <ChoixRegional code choix/> }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
        <h1>{TITRE}</h1>
        <p class="fr-text--lead">{role.map(|role| role.libelle).unwrap_or_default()}</p>
        {selecteurs}
        <p class="fr-sr-only" aria-live="polite">{affiche}</p>
        {afficher(donnees, move |tableau| view! { <Contenu tableau choix prefecture/> })}
    }
}

/// ANCT's choice: France or a région, then possibly one of its départements.
#[component]
fn ChoixNational(choix: Choix) -> impl IntoView {
    let liste = LocalResource::new(regions);
    let toutes = move || liste.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-2w">
            <div class="fr-col-12 fr-col-md-6">
                {move || {
                    let options = toutes().into_iter().map(|region| (region.code, region.nom)).collect();
                    view! {
                        <Selection id="choix-region" libelle="Territoire" tous="France entière" options
                            valeur=choix.region on_change=move |_| choix.departement.set(String::new())/>
                    }
                }}
            </div>
            <div class="fr-col-12 fr-col-md-6">
                {move || {
                    let code = choix.region.get();
                    toutes()
                        .into_iter()
                        .find(|region| region.code == code)
                        .map(|region| view! { <ChoixDepartement region choix/> })
                }}
            </div>
        </div>
    }
}

/// A SGAR's or hub's choice: its région or one of its départements.
#[component]
fn ChoixRegional(code: String, choix: Choix) -> impl IntoView {
    let sienne = LocalResource::new(move || {
        let code = code.clone();
        async move { region(&code).await }
    });
    view! {
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-2w">
            <div class="fr-col-12 fr-col-md-6">
                {move || {
                    sienne
                        .get()
                        .and_then(Result::ok)
                        .flatten()
                        .map(|region| view! { <ChoixDepartement region choix/> })
                }}
            </div>
        </div>
    }
}

/// One of a région's départements, or the whole région.
#[component]
fn ChoixDepartement(region: Region, choix: Choix) -> impl IntoView {
    let options = region
        .departements
        .into_iter()
        .map(|departement| {
            let libelle = format!("{} ({})", departement.nom, departement.code);
            (departement.code, libelle)
        })
        .collect();
    view! {
        <Selection id="choix-departement" libelle="Département" tous=format!("Toute la région {}", region.nom)
            options valeur=choix.departement/>
    }
}

/// A DSFR select whose first option is the whole territory (the empty value).
#[component]
fn Selection(
    id: &'static str,
    libelle: &'static str,
    /// The label of the empty value.
    #[prop(into)]
    tous: String,
    /// (value, label) of each option.
    options: Vec<(String, String)>,
    valeur: RwSignal<String>,
    /// Run after the value changed.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for=id>{libelle}</label>
            <select
                class="fr-select"
                id=id
                name=id
                on:change=move |ev| {
                    let choisie = event_target_value(&ev);
                    valeur.set(choisie.clone());
                    if let Some(rappel) = on_change {
                        rappel.run(choisie);
                    }
                }
            >
                <option value="" prop:selected=move || valeur.with(String::is_empty)>{tous}</option>
                {options
                    .into_iter()
                    .map(|(code, libelle)| {
                        let choisie = code.clone();
                        view! {
                            <option value=code prop:selected=move || valeur.with(|v| *v == choisie)>
                                {libelle}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The figures of one territory.
#[component]
fn Contenu(tableau: TableauDeBord, choix: Choix, prefecture: bool) -> impl IntoView {
    let libelle = tableau.libelle.clone();
    let par_statut = StatutCandidature::ALL
        .into_iter()
        .filter(|statut| *statut != StatutCandidature::Brouillon)
        .map(|statut| {
            (
                libelle_court(statut).to_owned(),
                tableau.total.candidatures_au_statut(statut),
            )
        })
        .collect::<Vec<_>>();
    let par_cas = CasDeFigure::ALL
        .into_iter()
        .map(|cas| {
            (
                format!("{} — {}", cas.as_str(), cas.libelle()),
                tableau.candidatures_du_cas(cas),
            )
        })
        .collect::<Vec<_>>();
    let region = tableau.region().cloned();
    let portee_fichiers = match &region {
        Some(region) => format!(
            "Les fichiers contiennent les indicateurs de tous les départements de la région {}.",
            region.nom
        ),
        None => "Les fichiers contiennent les indicateurs de tous les départements du programme.".to_owned(),
    };
    let filtres = vec![("region", region.map(|region| region.code))];
    let total = tableau.total.clone();
    view! {
        <section class="fr-mt-4w" aria-labelledby="titre-territoire">
            <h2 id="titre-territoire">{libelle.clone()}</h2>
            <section class="fr-my-4w" aria-labelledby="titre-chiffres">
                <h3 id="titre-chiffres" class="fr-h4">"Chiffres clés"</h3>
                <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
                    <Indicateur classe=TUILE valeur=nombre(total.candidatures) libelle="Candidatures déposées"/>
                    <Indicateur classe=TUILE valeur=nombre(tableau.avis_attendus)
                        libelle="Avis de la préfecture attendus"/>
                    <Indicateur classe=TUILE valeur=nombre(tableau.decisions_en_retard)
                        libelle="Décisions en retard (plus de 2 mois après le dépôt)"/>
                    <Indicateur classe=TUILE valeur=nombre(tableau.recrutements_en_retard)
                        libelle="Recrutements en retard (plus de 6 mois après la notification)"/>
                    <Indicateur classe=TUILE valeur=nombre(total.coordinateurs) libelle="Coordinateurs en poste"/>
                    <Indicateur classe=TUILE valeur=euros(tableau.budget_engage)
                        libelle="Budget engagé (subventions des candidatures validées)"/>
                    <Indicateur classe=TUILE valeur=euros(tableau.budget_verse)
                        libelle="Budget versé (conventions payées)"/>
                </ul>
            </section>
            <section class="fr-my-4w" aria-labelledby="titre-candidatures">
                <h3 id="titre-candidatures" class="fr-h4">"Candidatures déposées"</h3>
                <GraphiqueBarres id="graphique-statuts" titre=format!("Candidatures par statut — {libelle}")
                    libelle_colonne="Statut" libelle_valeur="Candidatures" donnees=par_statut/>
                <GraphiqueBarres id="graphique-cas" titre=format!("Candidatures par cas de figure — {libelle}")
                    libelle_colonne="Cas de figure" libelle_valeur="Candidatures" donnees=par_cas/>
            </section>
            <Gouvernances gouvernances=tableau.gouvernances.clone() libelle=libelle.clone()/>
            <ActiviteDuTerritoire region=choix.region.into() departement=choix.departement.into() prefecture/>
            <section class="fr-my-4w" aria-labelledby="titre-couverture">
                <h3 id="titre-couverture" class="fr-h4">"Couverture du territoire"</h3>
                <Couverture indicateurs=total/>
            </section>
            <section class="fr-my-4w" aria-labelledby="titre-departements">
                <h3 id="titre-departements" class="fr-h4">"Par département"</h3>
                <TableauDepartements legende=format!("Indicateurs par département — {libelle}")
                    lignes=tableau.par_departement/>
                <p class="fr-text--sm fr-mb-0">{portee_fichiers}</p>
                <Telechargements table="indicateurs-departements" filtres=filtres/>
            </section>
        </section>
    }
}

/// The gouvernances of the territory's départements, counted, each linked to its page: a département's
/// always, a région's or the country's those with something registered.
#[component]
fn Gouvernances(gouvernances: Vec<GouvernanceDuTableau>, libelle: String) -> impl IntoView {
    let plusieurs = gouvernances.len() > 1;
    let gouvernances: Vec<GouvernanceDuTableau> = gouvernances
        .into_iter()
        .filter(|g| {
            !plusieurs
                || g.membres
                    + g.comites
                    + g.feuilles_de_route
                    + g.structures_d_accueil
                    + g.candidatures_coordonnees
                    > 0
        })
        .collect();
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-gouvernances">
            <h3 id="titre-gouvernances" class="fr-h4">"Gouvernances locales et candidatures coordonnées"</h3>
            {if gouvernances.is_empty() {
                view! { <p>"Aucune préfecture du territoire n’a encore enregistré sa gouvernance."</p> }.into_any()
            } else { view! {
            <Tableau legende=format!("Gouvernances locales — {libelle}") colonnes=vec![
                ("Département", false), ("Membres (dont co-porteurs)", true), ("Comités", true),
                ("Prochaine réunion", false), ("Feuilles de route", true), ("Structures pouvant accueillir", true),
                ("Candidatures coordonnées", true),
            ]>
                {gouvernances.into_iter().map(|g| view! {
                    <tr>
                        <td>
                            <a href=format!("/gouvernances/{}", g.departement_code)>
                                {format!("{} ({})", g.departement, g.departement_code)}
                            </a>
                        </td>
                        <td class="maillage-chiffres">{format!("{} ({})", nombre(g.membres), nombre(g.co_porteurs))}</td>
                        <td class="maillage-chiffres">{nombre(g.comites)}</td>
                        <td>{g.prochaine_reunion.map(date).unwrap_or_else(|| "—".to_owned())}</td>
                        <td class="maillage-chiffres">{nombre(g.feuilles_de_route)}</td>
                        <td class="maillage-chiffres">{nombre(g.structures_d_accueil)}</td>
                        <td class="maillage-chiffres">{nombre(g.candidatures_coordonnees)}</td>
                    </tr>
                }).collect_view()}
            </Tableau>
            }.into_any() }}
        </section>
    }
}

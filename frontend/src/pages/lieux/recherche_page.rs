//! `/lieux`: find the lieux de médiation numérique near a commune, a postal code or an address, nearest
//! first with their distance, filtered by service, public, adapted support, accessibility record and "open
//! now". The search is the page's address (`/lieux?pres=29200&service=…&ouvert=1`), so it can be shared,
//! bookmarked and reloaded; the results are a list first, and points on the département's map beside it.
//! Public, on the light entry point of the map.

use std::sync::Arc;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use maillage_shared::format::pluriel;
use maillage_shared::lieu::{PRISES_EN_CHARGE, PUBLICS, SERVICES};

use crate::api::lieux::{self as api, Depart, Filtres, Resultats};
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{Case, Cases, ChampTexte};
use crate::format::decimal;
use crate::pages::carte::departement_carte_page::Plan;

const TITRE: &str = "Trouver un lieu de médiation numérique";

/// The search an address describes.
#[derive(Debug, Clone, PartialEq, Default)]
struct Recherche {
    pres: String,
    services: Vec<String>,
    publics: Vec<String>,
    prises_en_charge: Vec<String>,
    fiche_accessibilite: bool,
    ouvert_maintenant: bool,
}

impl Recherche {
    /// The page's address for this search.
    fn adresse(&self) -> String {
        let mut parametres = vec![format!("pres={}", js_sys::encode_uri_component(self.pres.trim()))];
        for (nom, valeurs) in [
            ("service", &self.services),
            ("public", &self.publics),
            ("prise", &self.prises_en_charge),
        ] {
            parametres.extend(
                valeurs
                    .iter()
                    .map(|v| format!("{nom}={}", js_sys::encode_uri_component(v))),
            );
        }
        if self.fiche_accessibilite {
            parametres.push("accessible=1".to_owned());
        }
        if self.ouvert_maintenant {
            parametres.push("ouvert=1".to_owned());
        }
        format!("/lieux?{}", parametres.join("&"))
    }
}

#[component]
pub fn RecherchePage() -> impl IntoView {
    titre(TITRE);
    let query = use_query_map();
    let recherche = Memo::new(move |_| {
        query.with(|q| Recherche {
            pres: q.get("pres").unwrap_or_default(),
            services: q.get_all("service").unwrap_or_default(),
            publics: q.get_all("public").unwrap_or_default(),
            prises_en_charge: q.get_all("prise").unwrap_or_default(),
            fiche_accessibilite: q.get("accessible").as_deref() == Some("1"),
            ouvert_maintenant: q.get("ouvert").as_deref() == Some("1"),
        })
    });
    let resultats = LocalResource::new(move || {
        let recherche = recherche.get();
        async move {
            if recherche.pres.trim().is_empty() {
                return Ok(None);
            }
            let filtres = Filtres {
                services: recherche.services,
                publics: recherche.publics,
                prises_en_charge: recherche.prises_en_charge,
                fiche_accessibilite: recherche.fiche_accessibilite,
                ouvert_maintenant: recherche.ouvert_maintenant,
            };
            api::rechercher(&Depart::Texte(recherche.pres), filtres, 20)
                .await
                .map(Some)
        }
    });
    view! {
        <FilAriane parents=vec![("Carte".to_owned(), "/carte".to_owned())] actuel=TITRE/>
        <h1>{TITRE}</h1>
        <p class="fr-text--lead">
            "Les lieux où se faire accompagner dans ses usages du numérique, du plus proche au plus éloigné."
        </p>
        <Formulaire initiale=recherche.get_untracked()/>
        {move || {
            // Drawn again when the address changes, with the search it holds.
            let _ = recherche.get();
            afficher(resultats, |trouves| match trouves {
                None => view! { <p>"Saisissez une commune, un code postal ou une adresse."</p> }.into_any(),
                Some(resultats) => view! { <Resultats resultats/> }.into_any(),
            })
        }}
    }
}

/// Where and what: sent as the page's address.
#[component]
fn Formulaire(initiale: Recherche) -> impl IntoView {
    let pres = RwSignal::new(initiale.pres.clone());
    let services = RwSignal::new(initiale.services.clone());
    let publics = RwSignal::new(initiale.publics.clone());
    let prises = RwSignal::new(initiale.prises_en_charge.clone());
    let accessible = RwSignal::new(initiale.fiche_accessibilite);
    let ouvert = RwSignal::new(initiale.ouvert_maintenant);
    let naviguer = use_navigate();
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let recherche = Recherche {
            pres: pres.get_untracked(),
            // In the standard's order, whatever the order of the clicks: one search, one address.
            services: ordonner(&services.get_untracked(), &SERVICES),
            publics: ordonner(&publics.get_untracked(), &PUBLICS),
            prises_en_charge: ordonner(&prises.get_untracked(), &PRISES_EN_CHARGE),
            fiche_accessibilite: accessible.get_untracked(),
            ouvert_maintenant: ouvert.get_untracked(),
        };
        naviguer(&recherche.adresse(), Default::default());
    };
    let filtres_actifs = move || {
        services.with(Vec::len)
            + publics.with(Vec::len)
            + prises.with(Vec::len)
            + usize::from(accessible.get())
            + usize::from(ouvert.get())
    };
    view! {
        <form on:submit=envoyer class="fr-mb-4w" role="search" aria-label="Rechercher des lieux">
            <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
                <div class="fr-col-12 fr-col-md-8">
                    <ChampTexte id="pres" libelle="Près de" indice="Une commune, un code postal ou une adresse"
                        autocomplete="postal-code" valeur=pres requis=true/>
                </div>
                <div class="fr-col-12 fr-col-md-4 fr-mb-3w">
                    <button type="submit" class="fr-btn fr-icon-search-line fr-btn--icon-left">"Trouver les lieux"</button>
                </div>
            </div>
            <Case id="ouvert" libelle="Ouvert maintenant" cochee=ouvert/>
            <details class="fr-mb-3w maillage-filtres">
                <summary>
                    {move || match filtres_actifs() {
                        0 => "Filtrer par service, public ou accessibilité".to_owned(),
                        n => format!("Filtrer par service, public ou accessibilité ({})", pluriel(n as i64, "filtre", "filtres")),
                    }}
                </summary>
                <Cases nom="service" legende="Services proposés" valeurs=&SERVICES choisies=services/>
                <Cases nom="public" legende="Publics accueillis en particulier" valeurs=&PUBLICS choisies=publics/>
                <Cases nom="prise" legende="Accompagnement adapté" valeurs=&PRISES_EN_CHARGE choisies=prises/>
                <Case id="accessible" libelle="Avec une fiche d’accessibilité (Acceslibre)" cochee=accessible/>
            </details>
            <button type="submit" class="fr-btn fr-btn--secondary">"Appliquer les filtres"</button>
        </form>
    }
}

fn ordonner(choisies: &[String], standard: &[&str]) -> Vec<String> {
    standard
        .iter()
        .filter(|v| choisies.iter().any(|c| c == *v))
        .map(|v| (*v).to_owned())
        .collect()
}

/// The lieux found: a list, then their points on the map of the nearest one's département.
#[component]
fn Resultats(resultats: Resultats) -> impl IntoView {
    let nombre = resultats.lieux.len();
    let annonce = if nombre == 0 {
        format!(
            "Aucun lieu ne répond à ces critères près de « {} ».",
            resultats.repere.libelle
        )
    } else {
        format!(
            "{} près de « {} », du plus proche au plus éloigné.",
            pluriel(nombre as i64, "lieu trouvé", "lieux trouvés"),
            resultats.repere.libelle
        )
    };
    let departement = resultats
        .lieux
        .first()
        .and_then(|l| l.lieu.departement_code.clone());
    let points: Vec<(f64, f64, bool)> = resultats
        .lieux
        .iter()
        .filter(|l| l.lieu.departement_code == departement)
        .filter_map(|l| Some((l.lieu.latitude?, l.lieu.longitude?, true)))
        .collect();
    let formes = LocalResource::new(crate::api::carte::formes);
    let plan = departement.map(|code| {
        afficher(formes, move |formes: Arc<maillage_shared::carte::Formes>| {
            view! {
                <Plan formes code=code.clone() nom=format!("Département {code}") lieux=points.clone()
                    entier_couvert=false dans="parmi les résultats" entier=""/>
            }
        })
    });
    view! {
        <div role="status"><h2 class="fr-h4">{annonce}</h2></div>
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-lg-7">
                <ol class="maillage-liste-lieux">
                    {resultats.lieux.into_iter().map(|trouve| {
                        let lieu = trouve.lieu;
                        let etat = match lieu.ouvert_maintenant {
                            Some(true) => Some(view! { <p class="fr-badge fr-badge--success fr-badge--sm">"Ouvert"</p> }.into_any()),
                            Some(false) => Some(view! { <p class="fr-badge fr-badge--info fr-badge--sm">"Fermé"</p> }.into_any()),
                            None => None,
                        };
                        view! {
                            <li class="fr-mb-3w">
                                <h3 class="fr-h6 fr-mb-1v"><a href=format!("/lieux/{}", lieu.id)>{lieu.nom.clone()}</a></h3>
                                <p class="fr-mb-1v">
                                    {format!("{}, {} {} — à {} km", lieu.adresse, lieu.code_postal, lieu.commune, decimal(trouve.distance_km, 1))}
                                </p>
                                {etat}
                                {(!lieu.services.is_empty()).then(|| view! {
                                    <p class="fr-text--sm fr-mb-0">{lieu.services.join(" · ")}</p>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </div>
            <div class="fr-col-12 fr-col-lg-5">{plan}</div>
        </div>
    }
}

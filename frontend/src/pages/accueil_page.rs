//! Home page: what Maillage is, the territory search, and the referential's key figures.

use leptos::prelude::*;
use maillage_shared::format::nombre;
use maillage_shared::premier_rendu::ACCUEIL;

use crate::api::candidatures::appel_en_cours;
use crate::api::territoires::regions;
use crate::components::chargement::{afficher, titre};
use crate::components::indicateur::Indicateur;
use crate::components::recherche::RechercheTerritoire;
use crate::format::date;

/// `/`
#[component]
pub fn AccueilPage() -> impl IntoView {
    titre("Accueil");
    let chiffres = LocalResource::new(regions);
    let appel = LocalResource::new(appel_en_cours);
    view! {
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-4w">
            <div class="fr-col-12 fr-col-md-8">
                // The server's first paint shows the same words (`maillage_shared::premier_rendu`).
                <h1>{ACCUEIL.titre}</h1>
                <p class="fr-text--lead">{ACCUEIL.texte}</p>
            </div>
        </div>
        <section class="fr-my-4w" aria-labelledby="titre-entrees">
            <h2 id="titre-entrees" class="fr-sr-only">"Par où commencer"</h2>
            <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
                <li class="fr-col-12 fr-col-md-4">
                    <div class="maillage-encadre">
                        <h3 class="fr-h6">"L’appel à candidatures"</h3>
                        {move || appel.get().map(|appel| match appel {
                            Ok(Some(appel)) => view! {
                                <p>{format!("« {} », ouvert jusqu’au {} inclus.", appel.nom, date(appel.cloture))}</p>
                            }.into_any(),
                            _ => view! { <p>"Aucun appel n’est ouvert aujourd’hui : inscrivez votre structure pour le prochain."</p> }.into_any(),
                        })}
                        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/inscription">
                            "Inscrire ma structure et candidater"
                        </a>
                    </div>
                </li>
                <li class="fr-col-12 fr-col-md-4">
                    <div class="maillage-encadre">
                        <h3 class="fr-h6">"La carte de la couverture"</h3>
                        <p>"Coordinateurs, conseillers et lieux de médiation numérique, par département."</p>
                        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/carte">
                            "Voir la carte"
                        </a>
                    </div>
                </li>
                <li class="fr-col-12 fr-col-md-4">
                    <div class="maillage-encadre">
                        <h3 class="fr-h6">"Le vivier des coordinateurs"</h3>
                        <p>"Vous souhaitez devenir conseiller numérique coordinateur ? Les structures vous y trouvent."</p>
                        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/vivier/inscription">
                            "Rejoindre le vivier"
                        </a>
                    </div>
                </li>
            </ul>
        </section>
        <section class="fr-my-4w" aria-labelledby="titre-recherche">
            <h2 id="titre-recherche" class="fr-h4">"Trouver un territoire"</h2>
            <p>"Par nom, code postal, code INSEE de commune ou SIREN d’intercommunalité."</p>
            <RechercheTerritoire id="recherche-accueil" grande=true/>
        </section>
        <section class="fr-my-6w" aria-labelledby="titre-chiffres">
            <h2 id="titre-chiffres" class="fr-h4">"Le référentiel des territoires"</h2>
            {afficher(chiffres, |regions| {
                let departements: usize = regions.iter().map(|r| r.departements.len()).sum();
                let communes: i64 = regions.iter().map(|r| r.nombre_communes).sum();
                let population: i64 = regions.iter().map(|r| r.population).sum();
                view! {
                    <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list">
                        <Indicateur classe="fr-col-6 fr-col-md-3" valeur=nombre(regions.len() as i64) libelle="régions"/>
                        <Indicateur classe="fr-col-6 fr-col-md-3" valeur=nombre(departements as i64) libelle="départements du programme"/>
                        <Indicateur classe="fr-col-6 fr-col-md-3" valeur=nombre(communes) libelle="communes"/>
                        <Indicateur classe="fr-col-6 fr-col-md-3" valeur=nombre(population) libelle="habitants"/>
                    </ul>
                    <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/territoires">
                        "Parcourir les régions et départements"
                    </a>
                }
            })}
        </section>
    }
}

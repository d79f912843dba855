//! How much of a territory's population a coordinator covers, and its means per inhabitant.

use leptos::prelude::*;
use maillage_shared::format::nombre;

use crate::api::tableau_de_bord::Indicateurs;
use crate::components::indicateur::Indicateur;
use crate::format::{decimal, pourcentage};

/// The coverage gauge and the figures per 10 000 inhabitants.
#[component]
pub fn Couverture(indicateurs: Indicateurs) -> impl IntoView {
    let part = indicateurs.part_population_couverte.clamp(0.0, 1.0);
    let texte = pourcentage(part);
    view! {
        <div class="fr-mb-3w">
            <p class="fr-mb-1w" id="jauge-couverture-libelle">
                "Part de la population couverte par un coordinateur en poste"
            </p>
            <div
                class="maillage-jauge"
                role="meter"
                aria-labelledby="jauge-couverture-libelle"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=format!("{:.1}", part * 100.0)
                aria-valuetext=texte.clone()
            >
                <div class="maillage-jauge__remplissage" style:width=format!("{:.1}%", part * 100.0)></div>
            </div>
            <p class="fr-mt-1w">
                <strong>{texte}</strong>
                {format!(
                    " : {} habitants sur {}.",
                    nombre(indicateurs.population_couverte),
                    nombre(indicateurs.population)
                )}
            </p>
        </div>
        <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w">
            <Indicateur
                valeur=decimal(indicateurs.conseillers_pour_dix_mille, 2)
                libelle="Conseillers numériques pour 10 000 habitants"
            />
            <Indicateur
                valeur=decimal(indicateurs.lieux_pour_dix_mille, 2)
                libelle="Lieux de médiation numérique pour 10 000 habitants"
            />
            <Indicateur valeur=nombre(indicateurs.conseillers) libelle="Conseillers numériques en poste"/>
        </ul>
    }
}

//! What the candidature form shows beside the questions: the subsidy computed as the structure types, and
//! what is still missing before filing.

use leptos::prelude::*;
use maillage_shared::format::nombre;
use maillage_shared::subvention::{Bareme, TypeContrat, simuler};
use maillage_shared::territoire::CodeDepartement;

use super::saisie::Saisie;
use crate::api::candidatures::Candidature;
use crate::format::euros;

/// The subsidy of the chosen contract for this structure, computed in the browser by the rule the server
/// applies (II.b).
#[component]
pub(super) fn Subvention(donnees: RwSignal<Candidature>, saisie: Saisie) -> impl IntoView {
    let structure = donnees.with_untracked(|c| c.structure.clone());
    let apercu = move || {
        let Some(categorie) = structure.categorie else {
            return view! {
                <p>"Votre structure n’est dans aucune des catégories de l’appel : elle ne peut pas être subventionnée."</p>
            }
            .into_any();
        };
        let Some(contrat) = TypeContrat::parse(&saisie.contrat.get()) else {
            return view! { <p>"Choisissez le type de contrat pour voir la subvention."</p> }.into_any();
        };
        let Ok(departement) = CodeDepartement::parse(&structure.departement_code) else {
            return view! { <p>"Le département de votre structure est inconnu."</p> }.into_any();
        };
        let simulation = simuler(
            &Bareme::APPEL_2023,
            categorie,
            structure.statut_public,
            contrat,
            &departement,
        );
        match (simulation.montant_euros, simulation.duree_mois) {
            (Some(montant), Some(mois)) => view! {
                <p class="fr-text--lg fr-text--bold fr-mb-1w">
                    {format!("{} sur {} mois", euros(i64::from(montant)), nombre(i64::from(mois)))}
                </p>
                {simulation
                    .avertissements
                    .into_iter()
                    .map(|avertissement| view! { <p class="fr-text--sm">{avertissement}</p> })
                    .collect_view()}
            }
            .into_any(),
            _ => view! {
                <p>"Pas de subvention pour ce contrat. " {simulation.motif.unwrap_or_default()}</p>
            }
            .into_any(),
        }
    };
    view! {
        <div class="fr-callout fr-mb-3w">
            <p class="fr-callout__title">"Subvention prévue"</p>
            <div class="fr-callout__text" aria-live="polite">{apercu}</div>
        </div>
    }
}

/// What is still missing before filing: the form (by the shared rule, as typed), the consultations (as
/// recorded) and the documents the call requires (as attached).
#[component]
pub(super) fn ChampsManquants(donnees: RwSignal<Candidature>, saisie: Saisie) -> impl IntoView {
    let manquants = move || {
        let mut manquants: Vec<String> = saisie
            .formulaire()
            .champs_manquants()
            .into_iter()
            .map(str::to_owned)
            .collect();
        donnees.with(|c| {
            for a_consulter in &c.structures_a_consulter {
                if a_consulter.consultation.is_none() {
                    manquants.push(format!("la consultation de {}", a_consulter.structure.nom));
                }
            }
            for nature in &c.pieces_manquantes {
                manquants.push(format!("la pièce « {} »", nature.libelle()));
            }
        });
        manquants
    };
    view! {
        <div class="fr-callout fr-callout--blue-ecume fr-my-3w">
            <p class="fr-callout__title">"Avant de déposer"</p>
            {move || {
                let manquants = manquants();
                if manquants.is_empty() {
                    view! { <p class="fr-callout__text">"Tout est renseigné : vous pouvez déposer la candidature."</p> }
                        .into_any()
                } else {
                    view! {
                        <p class="fr-callout__text">"Il reste à renseigner :"</p>
                        <ul class="maillage-manquants">
                            {manquants.into_iter().map(|manquant| view! { <li>{manquant}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

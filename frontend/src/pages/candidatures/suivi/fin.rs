//! The end of the post before its term, on the validated candidature's page: what ended it and why (or
//! ANCT's notice that it will end), and the forms of who may end it — the structure gives it back at any
//! time; ANCT notifies the withdrawal of a post still unfilled after the recruitment deadline, then withdraws
//! it once the notice has run.

use leptos::prelude::*;
use maillage_shared::role::Role;

use super::contexte::Suivi;
use crate::format::date;
use crate::pages::candidatures::cloture::{Cloture, FormulaireCloture};

/// Where the post stands when it ended or is to end: shown above the follow-up, to everyone who reads it.
#[component]
pub fn EtatDuPoste() -> impl IntoView {
    let Suivi { donnees, .. } = Suivi::du_contexte();
    move || {
        donnees.with(|c| {
            if let Some(fin) = &c.fin_du_poste {
                let titre = if fin.rendu {
                    "Poste rendu par la structure"
                } else {
                    "Poste retiré par l’ANCT"
                };
                Some(
                    view! {
                        <div class="fr-alert fr-alert--info fr-mb-3w">
                            <h2 class="fr-alert__title">{titre}</h2>
                            <p>{format!("Le poste prend fin le {}. Motif : {}", date(fin.le), fin.motif)}</p>
                        </div>
                    }
                    .into_any(),
                )
            } else {
                c.preavis_de_retrait.as_ref().map(|preavis| {
                    view! {
                    <div class="fr-alert fr-alert--warning fr-mb-3w">
                        <h2 class="fr-alert__title">
                            {format!("Préavis de retrait notifié le {}", date(preavis.notifie_le))}
                        </h2>
                        <p>
                            {format!(
                                "Sans recrutement d’ici le {}, l’ANCT pourra retirer le poste. Motif : {}",
                                date(preavis.retrait_possible_le),
                                preavis.motif
                            )}
                        </p>
                    </div>
                }.into_any()
                })
            }
        })
    }
}

/// The form that ends the post, for who may use it now.
#[component]
pub fn FinDuPoste(role: Option<Role>) -> impl IntoView {
    let Suivi { donnees, annonce } = Suivi::du_contexte();
    move || {
        let cloture = donnees.with(|c| {
            if c.fin_du_poste.is_some() {
                return None;
            }
            let pourvu = c.postes_occupes > 0;
            let retrait_possible = c.preavis_de_retrait.as_ref().is_some_and(|preavis| {
                crate::format::aujourd_hui().is_some_and(|jour| jour >= preavis.retrait_possible_le)
            });
            match role {
                Some(Role::Structure) => Some(Cloture::RenduPoste),
                Some(Role::Anct) if c.recrutement_en_retard && c.preavis_de_retrait.is_none() => {
                    Some(Cloture::PreavisRetrait)
                }
                Some(Role::Anct) if !pourvu && retrait_possible => Some(Cloture::RetraitPoste),
                _ => None,
            }
        });
        cloture.map(|cloture| view! { <FormulaireCloture donnees annonce cloture/> })
    }
}

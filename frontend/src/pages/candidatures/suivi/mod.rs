//! What follows the validation of a candidature, on its page: the recruitment of the coordinator within the
//! quota of posts, the coordinators in post with their obligations, the convention, and the end of the post
//! before its term. The sections share
//! the candidature through a context (`contexte::Suivi`).

mod contexte;
mod convention;
mod coordinateurs;
mod fin;
mod recrutement;
mod vivier;

use leptos::prelude::*;
use maillage_shared::role::Role;

use self::contexte::Suivi;
use self::convention::ConventionDuPoste;
use self::coordinateurs::Coordinateurs;
use self::fin::{EtatDuPoste, FinDuPoste};
use self::recrutement::{AttributionRole, Quota, Recrutements};
use self::vivier::RechercheVivier;
use crate::api::candidatures::Candidature;

/// Everything that follows a validation, by role: the structure recruits, gives the role, records the
/// obligations and requests its convention; ANCT follows the recruitment, records the obligations and the
/// convention's signature, payment and sanctions; the other agents read.
#[component]
pub fn SuiviDuPoste(
    donnees: RwSignal<Candidature>,
    annonce: RwSignal<Option<String>>,
    role: Option<Role>,
) -> impl IntoView {
    provide_context(Suivi { donnees, annonce });
    let structure = role == Some(Role::Structure);
    let anct = role == Some(Role::Anct);
    // A post that ended takes no recruitment: its history stays readable below.
    let ouvert = Memo::new(move |_| donnees.with(|c| c.fin_du_poste.is_none()));
    view! {
        <EtatDuPoste/>
        {move || ouvert.get().then(|| view! {
            <section class="fr-mb-4w" aria-labelledby="titre-recrutement">
                <h2 id="titre-recrutement" class="fr-h4">"Recrutement du coordinateur"</h2>
                <Quota/>
                {structure.then(|| view! { <RechercheVivier/> })}
                {(structure || anct).then(|| view! { <Recrutements modifiable=structure/> })}
                {structure.then(|| view! { <AttributionRole/> })}
            </section>
        })}
        <Coordinateurs modifiable=structure || anct/>
        <ConventionDuPoste role/>
        <FinDuPoste role/>
    }
}

//! `/journees`: the meeting days the person is invited to (préfecture and coordinators of the département,
//! hub of the région), each with its organiser, place, registrations and a button to register or withdraw.

use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::format::pluriel;

use crate::api::comptes::Moi;
use crate::api::coordination::{ActionCoordination, journees, s_inscrire};
use crate::components::acces::reserve;
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::AlerteErreur;
use crate::format::{aujourd_hui, date};

/// The page's title.
const TITRE: &str = "Journées de rencontre";

#[component]
pub fn JourneesPage() -> impl IntoView {
    titre(TITRE);
    reserve(TITRE, |_: Moi| {
        let liste = LocalResource::new(journees);
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
            <h1>{TITRE}</h1>
            <p class="fr-text--lead">
                "Les journées organisées par les coordinateurs avec la préfecture et le hub, auxquelles vous êtes "
                "invité, depuis un mois."
            </p>
            {afficher(liste, |journees| {
                if journees.is_empty() {
                    view! { <p>"Aucune journée de rencontre à venir."</p> }.into_any()
                } else {
                    journees
                        .into_iter()
                        .map(|journee| view! { <Journee journee/> })
                        .collect_view()
                        .into_any()
                }
            })}
        }
    })
}

#[component]
fn Journee(journee: ActionCoordination) -> impl IntoView {
    let inscrit = RwSignal::new(journee.inscrit);
    let inscrits = RwSignal::new(journee.inscrits);
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let passee = aujourd_hui().is_some_and(|jour| journee.date < jour);
    let id = journee.id.clone();
    let basculer = move |_| {
        let demande = !inscrit.get_untracked();
        let id = id.clone();
        erreur.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match s_inscrire(&id, demande).await {
                Ok(enregistre) => {
                    if enregistre != inscrit.get_untracked() {
                        inscrits.update(|n| *n += if enregistre { 1 } else { -1 });
                    }
                    inscrit.set(enregistre);
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    let titre_id = format!("journee-{}", journee.id);
    let etiquette = titre_id.clone();
    view! {
        <section class="fr-callout fr-mb-3w" aria-labelledby=etiquette>
            <h2 id=titre_id class="fr-callout__title fr-h5">{journee.titre.clone()}</h2>
            <p class="fr-callout__text">
                <time datetime=journee.date.to_string()>{date(journee.date)}</time>
                {(!journee.lieu.is_empty()).then(|| format!(", {}", journee.lieu))}
                {format!(" — organisée par {}", journee.organisateur)}
            </p>
            {(!journee.description.is_empty()).then(|| view! { <p>{journee.description.clone()}</p> })}
            <p aria-live="polite">
                {move || pluriel(inscrits.get(), "personne inscrite", "personnes inscrites")}
                {move || inscrit.get().then_some(", dont vous")}
            </p>
            <AlerteErreur message=erreur/>
            {(!passee).then(|| view! {
                <button class="fr-btn fr-btn--secondary" type="button" on:click=basculer
                    disabled=move || en_cours.get()>
                    {move || if inscrit.get() { "Me désinscrire" } else { "M’inscrire" }}
                </button>
            })}
        </section>
    }
}

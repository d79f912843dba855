//! The consultation of the employers of conseillers numériques of the perimeter, recorded by the structure
//! before filing: one small form per employer.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::candidature::ReponseConsultation;

use crate::api::candidatures::{
    Candidature, Consultation, StructureAConsulter, candidature, enregistrer_consultation,
};
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ChampTexte, Liste, ZoneTexte};
use crate::format::{aujourd_hui, date};

/// Longest comment of a consultation.
const COMMENTAIRE_MAX: usize = 1000;

/// The employers to consult (by the saved perimeter), each with its form.
#[component]
pub fn Consultations(donnees: RwSignal<Candidature>) -> impl IntoView {
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-consultations">
            <h2 id="titre-consultations" class="fr-h4">"Consultation des structures du territoire"</h2>
            <p>
                "Avant de déposer, consultez chaque structure qui emploie des conseillers numériques dans le "
                "territoire à coordonner, et notez sa réponse. La liste suit le territoire enregistré : "
                "enregistrez le brouillon après l’avoir changé."
            </p>
            {move || {
                donnees.with(|c| c.structures_a_consulter.is_empty()).then(|| view! {
                    <p class="fr-text--bold">"Aucune structure à consulter pour le territoire enregistré."</p>
                })
            }}
            <ul class="fr-raw-list">
                <For
                    each=move || donnees.with(|c| c.structures_a_consulter.clone())
                    // A recorded consultation redraws its item only, so the other forms keep what is typed.
                    key=|a_consulter| {
                        (
                            a_consulter.structure.id.clone(),
                            a_consulter.consultation.as_ref().map(|c| c.id.clone()),
                        )
                    }
                    let:a_consulter
                >
                    <li class="fr-mb-3w">
                        <UneConsultation donnees a_consulter/>
                    </li>
                </For>
            </ul>
        </section>
    }
}

/// One employer: what was recorded, and the form to record or correct it.
#[component]
fn UneConsultation(donnees: RwSignal<Candidature>, a_consulter: StructureAConsulter) -> impl IntoView {
    let structure = a_consulter.structure;
    let deja = a_consulter.consultation;
    let prefixe = format!("consultation-{}", structure.id);
    let titre_id = format!("{prefixe}-titre");
    let titre_ref = titre_id.clone();
    let jour = RwSignal::new(
        deja.as_ref()
            .map(|c| c.consultee_le)
            .or_else(aujourd_hui)
            .map(|jour| jour.to_string())
            .unwrap_or_default(),
    );
    let reponse = RwSignal::new(
        deja.as_ref()
            .map(|c| c.reponse.as_str().to_owned())
            .unwrap_or_default(),
    );
    let commentaire = RwSignal::new(deja.as_ref().map(|c| c.commentaire.clone()).unwrap_or_default());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let structure_id = structure.id.clone();

    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Ok(consultee_le) = NaiveDate::parse_from_str(&jour.get_untracked(), "%Y-%m-%d") else {
            erreur.set(Some("Indiquez la date de la consultation.".to_owned()));
            return;
        };
        let Some(choisie) = ReponseConsultation::parse(&reponse.get_untracked()) else {
            erreur.set(Some("Indiquez la réponse de la structure.".to_owned()));
            return;
        };
        erreur.set(None);
        succes.set(None);
        en_cours.set(true);
        let candidature_id = donnees.with_untracked(|c| c.id.clone());
        let structure_id = structure_id.clone();
        let texte = commentaire.get_untracked();
        spawn_local(async move {
            let resultat = async {
                enregistrer_consultation(&candidature_id, &structure_id, consultee_le, choisie, &texte)
                    .await?;
                candidature(&candidature_id).await
            };
            match resultat.await {
                // This item is redrawn with the recorded consultation: its own signals go with it.
                Ok(a_jour) => donnees.set(a_jour),
                Err(refus) => {
                    erreur.set(Some(refus.message()));
                    en_cours.set(false);
                }
            }
        });
    };

    let reponses = ReponseConsultation::ALL
        .into_iter()
        .map(|r| (r.as_str().to_owned(), r.libelle().to_owned()))
        .collect::<Vec<_>>();
    let lieu = structure.lieu();
    let postes = structure.conseillers_numeriques;
    succes.set(deja.as_ref().map(enregistree));
    view! {
        <form class="maillage-consultation" on:submit=envoyer novalidate aria-labelledby=titre_ref>
            <h3 id=titre_id class="fr-h6 fr-mb-1w">{structure.nom.clone()}</h3>
            <p class="fr-text--sm">
                {format!(
                    "{lieu} — {postes} poste{} de conseiller numérique",
                    if postes > 1 { "s" } else { "" }
                )}
            </p>
            <AlerteSucces message=succes/>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-6">
                    <ChampTexte
                        id=format!("{prefixe}-date")
                        libelle="Date de la consultation"
                        type_="date"
                        max=aujourd_hui().map(|jour| jour.to_string()).unwrap_or_default()
                        valeur=jour
                    />
                </div>
                <div class="fr-col-12 fr-col-md-6">
                    <Liste id=format!("{prefixe}-reponse") libelle="Réponse" options=reponses valeur=reponse/>
                </div>
            </div>
            <ZoneTexte
                id=format!("{prefixe}-commentaire")
                libelle="Commentaire (facultatif)"
                indice=format!("{COMMENTAIRE_MAX} caractères au plus.")
                valeur=commentaire
                lignes=3
                longueur_max=COMMENTAIRE_MAX
            />
            <AlerteErreur message=erreur/>
            <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit" disabled=move || en_cours.get()>
                {if deja.is_some() { "Corriger la consultation" } else { "Enregistrer la consultation" }}
            </button>
        </form>
    }
}

/// "Consultée le 15/01/2026 : favorable."
fn enregistree(consultation: &Consultation) -> String {
    format!(
        "Consultée le {} : {}.",
        date(consultation.consultee_le),
        consultation.reponse.libelle().to_lowercase()
    )
}

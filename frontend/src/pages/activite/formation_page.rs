//! `/formation`: a conseiller numérique (coordinators included) declares where it stands with its training:
//! the CCP1 prepared by the initial training, the PIX certification, and the continuing-training module
//! the programme funds each year. Its coordinator reads it in the team table.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::formation::{EtapeCcp1, Formation};
use maillage_shared::role::Role;

use crate::api::formation::{FormationConseiller, enregistrer, ma_formation};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, Case, ChampTexte, Radios};
use crate::format::aujourd_hui;

/// The page's title.
const TITRE: &str = "Ma formation";

#[component]
pub fn FormationPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Conseiller, Role::Coordinateur], |_| {
        let formation = LocalResource::new(ma_formation);
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
            <h1>{TITRE}</h1>
            {afficher(formation, |formation| view! { <Declaration formation/> })}
        }
    })
}

fn texte_date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A date field's value: empty is none; anything else must be a date (the browser's picker gives one).
fn date_saisie(texte: &str) -> Result<Option<NaiveDate>, String> {
    let texte = texte.trim();
    if texte.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(texte, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("« {texte} » n’est pas une date."))
}

#[component]
fn Declaration(formation: FormationConseiller) -> impl IntoView {
    let resume = RwSignal::new(formation.resume.clone());
    let ccp1 = RwSignal::new(Some(formation.ccp1.as_str().to_owned()));
    let ccp1_le = RwSignal::new(texte_date(formation.ccp1_le));
    let pix = RwSignal::new(formation.pix);
    let pix_le = RwSignal::new(texte_date(formation.pix_le));
    let module = RwSignal::new(formation.module_continu.clone());
    let module_le = RwSignal::new(texte_date(formation.module_continu_le));
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let maximum = aujourd_hui().map(|jour| jour.to_string());
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        erreur.set(None);
        succes.set(None);
        let lue = (|| {
            Ok::<_, String>(Formation {
                ccp1: ccp1
                    .get_untracked()
                    .as_deref()
                    .and_then(EtapeCcp1::parse)
                    .unwrap_or(EtapeCcp1::NonCommencee),
                ccp1_le: date_saisie(&ccp1_le.get_untracked())?,
                pix: pix.get_untracked(),
                pix_le: date_saisie(&pix_le.get_untracked())?,
                module_continu: module.get_untracked(),
                module_continu_le: date_saisie(&module_le.get_untracked())?,
            })
        })();
        let declaree = match lue {
            Ok(declaree) => declaree,
            Err(probleme) => {
                erreur.set(Some(probleme));
                return;
            }
        };
        en_cours.set(true);
        spawn_local(async move {
            match enregistrer(&declaree).await {
                Ok(enregistree) => {
                    resume.set(enregistree.resume);
                    succes.set(Some("Votre formation est enregistrée.".to_owned()));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    let etapes = EtapeCcp1::ALL
        .iter()
        .map(|e| (e.as_str().to_owned(), e.libelle().to_owned()))
        .collect::<Vec<_>>();
    view! {
        <p class="fr-text--lead">
            "Le dispositif prend en charge la formation initiale qui prépare au CCP1 du titre professionnel "
            "Responsable d’espace de médiation numérique, la certification PIX, et un module de formation "
            "continue par an. Votre coordinateur voit où vous en êtes."
        </p>
        <div class="fr-callout fr-mb-4w">
            <p class="fr-callout__text" aria-live="polite">{move || resume.get()}</p>
        </div>
        <form on:submit=envoyer novalidate>
            <Radios nom="ccp1" legende="Formation initiale (CCP1)" options=etapes choix=ccp1/>
            <ChampTexte id="ccp1-le" libelle="Date de certification CCP1 (si certifié)" type_="date"
                valeur=ccp1_le max=maximum.clone().unwrap_or_default()/>
            <Case id="pix" libelle="Certifié PIX" cochee=pix/>
            <ChampTexte id="pix-le" libelle="Date de certification PIX (si certifié)" type_="date" valeur=pix_le
                max=maximum.clone().unwrap_or_default()/>
            <ChampTexte id="module-continu" libelle="Dernier module de formation continue suivi"
                indice="Intitulé du module, ex. « Accompagner les démarches en ligne »." valeur=module/>
            <ChampTexte id="module-continu-le" libelle="Date du module" type_="date" valeur=module_le
                max=maximum.unwrap_or_default()/>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            <button class="fr-btn" type="submit" disabled=move || en_cours.get()>"Enregistrer ma formation"</button>
        </form>
    }
}

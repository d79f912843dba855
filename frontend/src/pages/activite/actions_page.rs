//! `/coordination/actions`: the coordinator records its animations, events, partnerships, meetings and
//! meeting days (the préfecture, the hub and the département's coordinators are invited), and sees its
//! year as a timeline, month by month.

use chrono::{Datelike, NaiveDate};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::coordination::{AxeMission, DESCRIPTION_MAX, NatureAction, TITRE_MAX};
use maillage_shared::format::mois_en_titre;
use maillage_shared::role::Role;

use crate::api::coordination::{ActionCoordination, NouvelleAction, enregistrer, mes_actions};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ChampTexte, Liste, ZoneTexte};
use crate::format::{aujourd_hui, date};

/// The page's title.
const TITRE: &str = "Mes actions de coordination";

/// The actions page, for coordinators.
#[component]
pub fn ActionsPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Coordinateur], |_| {
        view! {
            <FilAriane
                parents=super::fil_coordination()
                actuel=TITRE/>
            <h1>{TITRE}</h1>
            <Actions/>
        }
    })
}

#[component]
fn Actions() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let actions = LocalResource::new(move || {
        version.track();
        mes_actions()
    });
    let en_poste = Memo::new(move |_| matches!(actions.get(), Some(Ok(_))));
    view! {
        <p class="fr-text--lead">
            "Animations, événements, partenariats, réunions et journées de rencontre, selon les trois axes de "
            "vos missions. Une journée de rencontre invite la préfecture, le hub et les coordinateurs du département."
        </p>
        // The form once the year is read: without a post there is nothing to record actions for. Drawn
        // once, so its confirmation stays while the year reloads.
        {move || en_poste.get().then(|| view! { <Formulaire apres=move || version.update(|v| *v += 1)/> })}
        <section class="fr-my-4w" aria-labelledby="titre-frise">
            <h2 id="titre-frise" class="fr-h4">"Mon année"</h2>
            {afficher(actions, |actions| view! { <Frise actions/> })}
        </section>
    }
}

#[component]
fn Formulaire(apres: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let nature = RwSignal::new(NatureAction::Animation.as_str().to_owned());
    let axe = RwSignal::new(AxeMission::Maillage.as_str().to_owned());
    let titre_saisi = RwSignal::new(String::new());
    let jour = RwSignal::new(aujourd_hui().map(|j| j.to_string()).unwrap_or_default());
    let lieu = RwSignal::new(String::new());
    let partenaires = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        erreur.set(None);
        succes.set(None);
        let Ok(date_choisie) = NaiveDate::parse_from_str(&jour.get_untracked(), "%Y-%m-%d") else {
            erreur.set(Some("Indiquez la date de l’action.".to_owned()));
            return;
        };
        let (Some(nature_choisie), Some(axe_choisi)) = (
            NatureAction::parse(&nature.get_untracked()),
            AxeMission::parse(&axe.get_untracked()),
        ) else {
            erreur.set(Some(
                "Choisissez le type d’action et l’axe de vos missions.".to_owned(),
            ));
            return;
        };
        let action = NouvelleAction {
            nature: nature_choisie,
            axe: axe_choisi,
            titre: titre_saisi.get_untracked(),
            date: date_choisie,
            lieu: lieu.get_untracked(),
            description: description.get_untracked(),
            partenaires: partenaires.get_untracked(),
        };
        en_cours.set(true);
        let apres = apres.clone();
        spawn_local(async move {
            match enregistrer(&action).await {
                Ok(enregistree) => {
                    let invites = if enregistree.nature == NatureAction::JourneeRencontre {
                        " La préfecture, le hub et les coordinateurs du département sont invités."
                    } else {
                        ""
                    };
                    succes.set(Some(format!(
                        "« {} » du {} enregistrée.{invites}",
                        enregistree.titre,
                        date(enregistree.date)
                    )));
                    titre_saisi.set(String::new());
                    description.set(String::new());
                    apres();
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    let natures = NatureAction::ALL
        .iter()
        .map(|n| (n.as_str().to_owned(), n.libelle().to_owned()))
        .collect::<Vec<_>>();
    let axes = AxeMission::ALL
        .iter()
        .map(|a| (a.as_str().to_owned(), a.libelle().to_owned()))
        .collect::<Vec<_>>();
    view! {
        <form on:submit=envoyer novalidate class="fr-mb-4w">
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-4">
                    <Liste id="action-nature" libelle="Type d’action" options=natures valeur=nature/>
                </div>
                <div class="fr-col-12 fr-col-md-4">
                    <Liste id="action-axe" libelle="Axe de mes missions" options=axes valeur=axe/>
                </div>
                <div class="fr-col-12 fr-col-md-4">
                    <ChampTexte id="action-date" libelle="Date" type_="date" valeur=jour requis=true/>
                </div>
            </div>
            <ChampTexte id="action-titre" libelle="Titre" indice=format!("{TITRE_MAX} caractères au plus.")
                valeur=titre_saisi requis=true/>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-6">
                    <ChampTexte id="action-lieu" libelle="Lieu (facultatif)" valeur=lieu/>
                </div>
                <div class="fr-col-12 fr-col-md-6">
                    <ChampTexte id="action-partenaires" libelle="Partenaires (facultatif)"
                        indice="France Travail, mission locale, France services…" valeur=partenaires/>
                </div>
            </div>
            <ZoneTexte id="action-description" libelle="Description (facultatif)" valeur=description lignes=3
                longueur_max=DESCRIPTION_MAX/>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            <button class="fr-btn" type="submit" disabled=move || en_cours.get()>"Enregistrer l’action"</button>
        </form>
    }
}

/// The year's actions as a timeline, month by month.
#[component]
fn Frise(actions: Vec<ActionCoordination>) -> impl IntoView {
    if actions.is_empty() {
        return view! { <p>"Aucune action enregistrée cette année."</p> }.into_any();
    }
    let mut par_mois: Vec<(u32, Vec<ActionCoordination>)> = Vec::new();
    for action in actions {
        let mois = action.date.month0();
        match par_mois.last_mut() {
            Some((m, liste)) if *m == mois => liste.push(action),
            _ => par_mois.push((mois, vec![action])),
        }
    }
    let mois = par_mois
        .into_iter()
        .map(|(mois, actions)| {
            let elements = actions
                .into_iter()
                .map(|a| {
                    let journee = a.nature == NatureAction::JourneeRencontre;
                    view! {
                        <li class="maillage-frise__action">
                            <p class="fr-text--sm fr-mb-1v">
                                <time datetime=a.date.to_string()>{date(a.date)}</time>
                                " · " {a.axe.libelle()}
                            </p>
                            <p class="fr-badge fr-badge--sm fr-mb-1v" class:fr-badge--info=journee>
                                {a.nature.libelle()}
                            </p>
                            <p class="fr-text--bold fr-mb-1v">{a.titre}</p>
                            {(!a.lieu.is_empty()).then(|| view! { <p class="fr-text--sm fr-mb-1v">{format!("Lieu : {}", a.lieu)}</p> })}
                            {(!a.partenaires.is_empty()).then(|| view! {
                                <p class="fr-text--sm fr-mb-1v">{format!("Partenaires : {}", a.partenaires)}</p>
                            })}
                            {journee.then(|| view! {
                                <p class="fr-text--sm fr-mb-1v">
                                    {maillage_shared::format::pluriel(a.inscrits, "personne inscrite", "personnes inscrites")}
                                </p>
                            })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li>
                    <h3 class="fr-h6 fr-mb-1w">{mois_en_titre(mois as usize)}</h3>
                    <ol class="maillage-frise__mois">{elements}</ol>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="maillage-frise fr-raw-list">{mois}</ol> }.into_any()
}

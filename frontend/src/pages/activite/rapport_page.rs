//! `/coordination/rapport`: the coordinator's annual activity report to the préfecture, built from the
//! year's data — territory, the team's accompaniments by month and theme, actions by kind — with the
//! printable document to download and the button that sends it. `/rapports`: the préfecture, the hub, the
//! SGAR and ANCT see who of their coordinators sent theirs, and download what was sent.

use chrono::Datelike;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::format::{MOIS, duree, nombre};
use maillage_shared::role::Role;

use crate::api::comptes::Moi;
use crate::api::rapport::{Rapport, Suivi, envoyer, mon_rapport, suivi};
use crate::components::acces::{reserve, reserve_au_role};
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces};
use crate::components::graphique_barres::GraphiqueBarres;
use crate::components::indicateur::Indicateur;
use crate::components::tableau::Tableau;
use crate::format::{aujourd_hui, date};

const TITRE: &str = "Mon rapport d’activité";
const TITRE_SUIVI: &str = "Rapports d’activité des coordinateurs";

/// This year.
fn annee_en_cours() -> i32 {
    aujourd_hui().map_or(2026, |jour| jour.year())
}

/// The coordinator's report page.
#[component]
pub fn RapportPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Coordinateur], |_| {
        let annee = annee_en_cours();
        let rapport = LocalResource::new(move || mon_rapport(annee));
        view! {
            <FilAriane
                parents=super::fil_coordination()
                actuel=TITRE/>
            <h1>{TITRE}</h1>
            {afficher(rapport, move |rapport| view! { <Contenu rapport/> })}
        }
    })
}

#[component]
fn Contenu(rapport: Rapport) -> impl IntoView {
    let annee = rapport.annee;
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let envoye_le = RwSignal::new(rapport.envoye_le);
    let envoi = move || {
        envoye_le.get().map_or_else(
            || "Pas encore envoyé à la préfecture.".to_owned(),
            |le| {
                format!(
                    "Envoyé à la préfecture le {} ; un nouvel envoi le remplace.",
                    date(le.date_naive())
                )
            },
        )
    };
    let envoyer_rapport = move |_| {
        erreur.set(None);
        succes.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match envoyer(annee).await {
                Ok(le) => {
                    succes.set(Some(format!(
                        "Rapport {annee} envoyé à la préfecture le {}.",
                        date(le.date_naive())
                    )));
                    envoye_le.set(Some(le));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    let par_mois = MOIS
        .iter()
        .zip(&rapport.par_mois)
        .map(|(m, n)| ((*m).to_owned(), i32::try_from(*n).unwrap_or(i32::MAX)))
        .collect::<Vec<_>>();
    let entiers = |comptes: &[crate::api::rapport::Compte]| {
        comptes
            .iter()
            .map(|c| (c.cle.clone(), i32::try_from(c.nombre).unwrap_or(i32::MAX)))
            .collect::<Vec<_>>()
    };
    let par_theme = entiers(&rapport.par_theme);
    let par_nature = entiers(&rapport.actions_par_nature);
    let actions = rapport
        .actions
        .iter()
        .map(|a| {
            view! {
                <tr><td>{date(a.date)}</td><td>{a.nature.clone()}</td><td>{a.titre.clone()}</td></tr>
            }
        })
        .collect_view();
    view! {
        <p class="fr-text--lead">
            {format!("Année {annee} — {} ; périmètre : {}.", rapport.structure, rapport.perimetre.join(", "))}
        </p>
        <p>{envoi}</p>
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
            <li>
                <button class="fr-btn" type="button" on:click=envoyer_rapport disabled=move || en_cours.get()>
                    {format!("Envoyer le rapport {annee} à la préfecture")}
                </button>
            </li>
            <li>
                <a class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
                    href=format!("/rapports/{annee}.pdf") download>
                    "Télécharger le rapport (PDF)"
                </a>
            </li>
        </ul>
        <AlerteErreur message=erreur/>
        <AlerteSucces message=succes/>
        <h2 class="fr-h4 fr-mt-4w">"Territoire et équipe"</h2>
        <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w">
            <Indicateur valeur=nombre(rapport.population) libelle="Habitants du périmètre"/>
            <Indicateur valeur=nombre(rapport.lieux) libelle="Lieux de médiation numérique"/>
            <Indicateur valeur=nombre(rapport.conseillers) libelle="Conseillers numériques"/>
            <Indicateur valeur=nombre(rapport.accompagnements) libelle="Accompagnements de l’équipe"/>
            <Indicateur valeur=nombre(rapport.participants) libelle="Personnes accompagnées"/>
            <Indicateur valeur=duree(rapport.duree_minutes) libelle="d’accompagnement"/>
        </ul>
        <GraphiqueBarres id="rapport-mois" titre=format!("Accompagnements par mois en {annee}")
            libelle_colonne="Mois" libelle_valeur="Accompagnements" donnees=par_mois/>
        <GraphiqueBarres id="rapport-themes" titre=format!("Accompagnements par thème en {annee}")
            libelle_colonne="Thème" libelle_valeur="Accompagnements" donnees=par_theme/>
        <h2 class="fr-h4 fr-mt-4w">"Actions de coordination"</h2>
        <GraphiqueBarres id="rapport-actions" titre=format!("Actions de coordination par type en {annee}")
            libelle_colonne="Type" libelle_valeur="Actions" donnees=par_nature/>
        <Tableau legende=format!("Actions de coordination de {annee}")
            colonnes=vec![("Date", false), ("Type", false), ("Titre", false)]>
            {actions}
        </Tableau>
    }
}

/// The agents' follow-up page.
#[component]
pub fn SuiviRapportsPage() -> impl IntoView {
    titre(TITRE_SUIVI);
    reserve(TITRE_SUIVI, |_: Moi| {
        let annee = annee_en_cours();
        let liste = LocalResource::new(move || suivi(annee));
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE_SUIVI/>
            <h1>{TITRE_SUIVI}</h1>
            <p class="fr-text--lead">
                {format!("Les coordinateurs de votre territoire et leur rapport d’activité {annee} : ceux qui ne l’ont pas envoyé d’abord.")}
            </p>
            {afficher(liste, move |suivis| view! { <TableSuivi suivis annee/> })}
        }
    })
}

#[component]
fn TableSuivi(suivis: Vec<Suivi>, annee: i32) -> impl IntoView {
    if suivis.is_empty() {
        return view! {
            <p>
                {format!("Aucun coordinateur n’est en poste sur votre territoire en {annee} : aucun rapport d’activité n’est attendu.")}
            </p>
        }
        .into_any();
    }
    let envoyes = suivis.iter().filter(|s| s.envoye_le.is_some()).count();
    let resume = format!(
        "{} rapports envoyés sur {}.",
        nombre(envoyes as i64),
        nombre(suivis.len() as i64)
    );
    let lignes = suivis
        .into_iter()
        .map(|s| {
            let etat = match s.envoye_le {
                Some(le) => view! {
                    <p class="fr-badge fr-badge--success fr-badge--sm">{format!("Envoyé le {}", date(le.date_naive()))}</p>
                    " "
                    <a class="fr-link fr-link--sm" download
                        href=format!("/rapports/{}-{annee}.pdf", s.coordinateur_id)>"Télécharger"</a>
                }
                .into_any(),
                None => view! { <p class="fr-badge fr-badge--warning fr-badge--sm">"Non envoyé"</p> }.into_any(),
            };
            view! {
                <tr>
                    <td>{s.coordinateur}</td>
                    <td>{s.structure}</td>
                    <td>{s.departement_code}</td>
                    <td>{etat}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>{resume}</p>
        <Tableau legende=format!("Rapports d’activité {annee}")
            colonnes=vec![("Coordinateur", false), ("Structure", false), ("Département", false), ("Rapport", false)]>
            {lignes}
        </Tableau>
    }
    .into_any()
}

//! `/coordination`: a coordinator's view of the team: who recorded what and when (and its download), the
//! share who did this month, a reminder to those who did not, the year's accompaniments by month and by
//! theme, and whether the coordinator appears on the public map.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::activite::THEMES;
use maillage_shared::equipe::OrigineMembre;
use maillage_shared::format::MOIS;
use maillage_shared::role::Role;

use crate::api::activite::{
    Coordination, TotalActivite, afficher_sur_la_carte, coordination, relancer_equipe,
};
use crate::api::equipe::MembreEquipe;
use crate::api::territoires::commune;
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher_page, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, Case, Liste, Message};
use crate::components::graphique_barres::GraphiqueBarres;
use crate::components::indicateur::Indicateur;
use crate::components::tableau::Tableau;
use crate::components::telechargements::Telechargements;
use crate::format::{aujourd_hui, date};

/// The page's title.
const TITRE: &str = "Coordination de mon équipe";

/// The coordination page, for coordinators.
#[component]
pub fn CoordinationPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Coordinateur], |_| view! { <TableauDeBord/> })
}

/// Whether a conseiller recorded nothing since the first day of `mois_en_cours`'s month (médiateurs from
/// outside the programme owe it no report).
fn a_relancer(membre: &MembreEquipe, mois_en_cours: Option<NaiveDate>) -> bool {
    if membre.origine != OrigineMembre::Conseiller {
        return false;
    }
    let debut = mois_en_cours.and_then(|jour| jour.with_day(1));
    match (membre.derniere_activite, debut) {
        (Some(derniere), Some(debut)) => derniere < debut,
        (None, _) => true,
        (Some(_), None) => false,
    }
}

/// The count of `cle` in `totaux`, 0 when absent.
fn accompagnements(totaux: &[TotalActivite], cle: &str) -> i32 {
    totaux.iter().find(|total| total.cle == cle).map_or(0, |total| {
        i32::try_from(total.accompagnements).unwrap_or(i32::MAX)
    })
}

/// The page once the team and its year are loaded.
#[component]
fn TableauDeBord() -> impl IntoView {
    let donnees = LocalResource::new(coordination);
    afficher_page(
        donnees,
        |Coordination {
             mon_equipe,
             activite_equipe,
         }| {
            let aujourd_hui = aujourd_hui();
            let total: i64 = activite_equipe.par_mois.iter().map(|t| t.accompagnements).sum();
            let taux = format!(
                "{}\u{a0}%",
                (activite_equipe.taux_completion_mois * 100.0).round()
            );
            let par_mois = MOIS
                .iter()
                .enumerate()
                .map(|(rang, nom)| {
                    (
                        (*nom).to_owned(),
                        accompagnements(&activite_equipe.par_mois, &(rang + 1).to_string()),
                    )
                })
                .collect::<Vec<_>>();
            let par_theme = THEMES
                .iter()
                .map(|theme| {
                    (
                        (*theme).to_owned(),
                        accompagnements(&activite_equipe.par_theme, theme),
                    )
                })
                .collect::<Vec<_>>();
            let annee = activite_equipe.annee;
            view! {
                <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
                <h1>{TITRE}</h1>
                <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w">
                    <Indicateur valeur=taux libelle="de l’équipe a saisi une activité ce mois-ci"/>
                    <Indicateur valeur=mon_equipe.len().to_string() libelle="Taille de l’équipe"/>
                    <Indicateur valeur=total.to_string() libelle="Accompagnements depuis le 1er janvier"/>
                </ul>
                <ul class="fr-raw-list fr-mb-3w">
                    <li>
                        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/coordination/equipe">
                            "Inviter des médiateurs numériques hors dispositif ; historique de l’équipe"
                        </a>
                    </li>
                    <li>
                        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/coordination/diagnostic">
                            "Diagnostic de mon territoire : lieux, conseillers et manques de mon périmètre, sur la carte"
                        </a>
                    </li>
                    <li>
                        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/lieux/import">
                            "Importer les lieux de médiation numérique de mon périmètre"
                        </a>
                    </li>
                    <li>
                        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/coordination/actions">
                            "Mes actions de coordination : animations, partenariats, journées de rencontre"
                        </a>
                    </li>
                    <li>
                        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/coordination/rapport">
                            "Mon rapport d’activité de l’année, à envoyer à la préfecture"
                        </a>
                    </li>
                    <li>
                        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/journees">
                            "Journées de rencontre du département"
                        </a>
                    </li>
                </ul>
                <Equipe membres=mon_equipe aujourd_hui/>
                <section class="fr-my-4w" aria-labelledby="titre-annee">
                    <h2 id="titre-annee" class="fr-h4">{format!("Accompagnements de {annee}")}</h2>
                    <GraphiqueBarres id="graphique-mois" titre=format!("Accompagnements par mois en {annee}")
                        libelle_colonne="Mois" libelle_valeur="Accompagnements" donnees=par_mois/>
                    <GraphiqueBarres id="graphique-themes" titre=format!("Accompagnements par thème en {annee}")
                        libelle_colonne="Thème" libelle_valeur="Accompagnements" donnees=par_theme/>
                </section>
                <PresenceCarte/>
            }
        },
    )
}

/// The team's table and the reminder button.
#[component]
fn Equipe(membres: Vec<MembreEquipe>, aujourd_hui: Option<NaiveDate>) -> impl IntoView {
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let relancer = move |_| {
        en_cours.set(true);
        erreur.set(None);
        succes.set(None);
        spawn_local(async move {
            match relancer_equipe().await {
                Ok(nombre) => succes.set(Some(if nombre > 1 {
                    format!("{nombre} personnes relancées.")
                } else {
                    format!("{nombre} personne relancée.")
                })),
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    // Filters: by structure, and only those who recorded nothing this month.
    let mut structures: Vec<String> = membres.iter().map(|m| m.structure.clone()).collect();
    structures.sort();
    structures.dedup();
    let options = structures
        .iter()
        .map(|s| (s.clone(), s.clone()))
        .collect::<Vec<_>>();
    let structure_choisie = RwSignal::new(String::new());
    let seulement_a_relancer = RwSignal::new(false);
    let sans_module = RwSignal::new(false);
    let lignes = move || {
        let structure = structure_choisie.get();
        let a_relancer_seulement = seulement_a_relancer.get();
        let sans_module_seulement = sans_module.get();
        membres
            .iter()
            .filter(|m| structure.is_empty() || m.structure == structure)
            .filter(|m| !a_relancer_seulement || a_relancer(m, aujourd_hui))
            .filter(|m| !sans_module_seulement || m.formation.as_ref().is_some_and(|f| !f.module_de_l_annee))
            .map(|membre| {
                let relance = a_relancer(membre, aujourd_hui);
                let mediateur = membre.origine == OrigineMembre::Mediateur;
                let contrat = match (mediateur, membre.contrat_debut, membre.contrat_fin) {
                    (true, _, _) => membre.arrive_le.map_or_else(String::new, |jour| {
                        format!("Dans l’équipe depuis le {}", date(jour))
                    }),
                    (false, Some(debut), Some(fin)) => format!("du {} au {}", date(debut), date(fin)),
                    (false, Some(debut), None) => format!("depuis le {}", date(debut)),
                    (false, None, Some(fin)) => format!("jusqu’au {}", date(fin)),
                    (false, None, None) => "Non renseigné".to_owned(),
                };
                view! {
                    <tr>
                        <td>
                            {format!("{} {}", membre.prenom, membre.nom)}
                            {mediateur.then(|| view! {
                                " " <p class="fr-badge fr-badge--sm fr-badge--purple-glycine">"Médiateur"</p>
                            })}
                        </td>
                        <td>{membre.structure.clone()}</td>
                        <td>
                            {membre
                                .formation
                                .as_ref()
                                .map_or_else(|| "Hors dispositif".to_owned(), |f| f.resume.clone())}
                        </td>
                        <td>{membre.commune_code.clone().map(|code| view! { <NomCommune code/> })}</td>
                        <td>{contrat}</td>
                        <td>
                            {if mediateur {
                                "Hors dispositif".to_owned()
                            } else {
                                membre.derniere_activite.map(date).unwrap_or_else(|| "Aucune".to_owned())
                            }}
                            {relance.then(|| view! {
                                " " <p class="fr-badge fr-badge--warning fr-badge--sm">"À relancer"</p>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-equipe">
            <h2 id="titre-equipe" class="fr-h4">"Mon équipe"</h2>
            <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
                <div class="fr-col-12 fr-col-md-6">
                    <Liste id="equipe-structure" libelle="Structure employeuse" options valeur=structure_choisie
                        invite="Toutes" vide_permis=true/>
                </div>
                <div class="fr-col-12 fr-col-md-6">
                    <Case id="equipe-a-relancer" libelle="Seulement ceux qui n’ont rien saisi ce mois-ci"
                        cochee=seulement_a_relancer/>
                    <Case id="equipe-sans-module" libelle="Seulement ceux sans module de formation continue cette année"
                        cochee=sans_module/>
                </div>
            </div>
            <Tableau legende="Conseillers et médiateurs numériques de mon équipe"
                colonnes=vec![
                    ("Nom", false),
                    ("Structure", false),
                    ("Formation", false),
                    ("Commune", false),
                    ("Contrat ou arrivée", false),
                    ("Dernière activité", false),
                ]>
                {lignes}
            </Tableau>
            <Telechargements table="equipe"/>
            <button class="fr-btn fr-btn--secondary" type="button" on:click=relancer
                disabled=move || en_cours.get()>
                "Relancer ceux qui n’ont pas saisi ce mois-ci"
            </button>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
        </section>
    }
}

/// The switch that shows or hides the coordinator on the public map of coordinators.
#[component]
fn PresenceCarte() -> impl IntoView {
    // No query gives the saved setting: it starts as the server's default, visible, then follows the
    // answers of the server.
    let visible = RwSignal::new(true);
    let message = RwSignal::new(None::<Message>);
    let changer = move |ev| {
        let demande = event_target_checked(&ev);
        let avant = visible.get_untracked();
        visible.set(demande);
        message.set(None);
        spawn_local(async move {
            match afficher_sur_la_carte(demande).await {
                Ok(enregistre) => {
                    visible.set(enregistre);
                    message.set(Some(Message::Valide(
                        if enregistre {
                            "Vous apparaissez sur la carte publique des coordinateurs."
                        } else {
                            "Vous n’apparaissez plus sur la carte publique des coordinateurs."
                        }
                        .to_owned(),
                    )));
                }
                Err(refus) => {
                    visible.set(avant);
                    message.set(Some(Message::Erreur(refus.message())));
                }
            }
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-carte-publique">
            <h2 id="titre-carte-publique" class="fr-h4">"Carte publique des coordinateurs"</h2>
            <div class="fr-toggle">
                <input
                    type="checkbox"
                    class="fr-toggle__input"
                    id="visible-carte"
                    aria-describedby="visible-carte-indice visible-carte-messages"
                    prop:checked=move || visible.get()
                    on:change=changer
                />
                <label class="fr-toggle__label" for="visible-carte">"Apparaître sur la carte publique"</label>
                <p class="fr-hint-text" id="visible-carte-indice">
                    "Votre nom, votre structure et votre périmètre d’intervention sont visibles de tous sur la "
                    "carte des coordinateurs."
                </p>
                <div class="fr-messages-group" id="visible-carte-messages" aria-live="polite">
                    {move || {
                        message.get().map(|message| match message {
                            Message::Erreur(texte) => view! {
                                <p class="fr-message fr-message--error">{texte}</p>
                            }
                            .into_any(),
                            Message::Valide(texte) | Message::Info(texte) => view! {
                                <p class="fr-message fr-message--valid">{texte}</p>
                            }
                            .into_any(),
                        })
                    }}
                </div>
            </div>
        </section>
    }
}

/// A commune named from its INSEE code (the code while it loads, or if it is unknown).
#[component]
fn NomCommune(code: String) -> impl IntoView {
    let recherche = code.clone();
    let trouvee = LocalResource::new(move || {
        let code = recherche.clone();
        async move { commune(&code).await }
    });
    move || match trouvee.get() {
        Some(Ok(Some(commune))) => format!("{} ({})", commune.nom, commune.departement.code),
        _ => code.clone(),
    }
}

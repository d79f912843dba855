//! After the decision, on a validated candidature: the recruitment of the coordinator within the quota of
//! posts. The structure searches the candidate pool, contacts people and moves each contact along its
//! steps (the shared rule says which are allowed), or gives the coordinator role to one of its conseillers;
//! ANCT follows; the other agents see the quota and the deadline.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::poste::StatutRecrutement;
use maillage_shared::subvention::TypeContrat;

use super::contexte::{Suivi, recharger};
use crate::api::postes::{
    ConseillerDeStructure, Contrat, Recrutement, attribuer_role, changer_statut, mes_conseillers,
};
use crate::components::badge::{BadgeRecrutement, BadgeRecrutementEnRetard};
use crate::components::chargement::afficher;
use crate::components::confirmation::Confirmation;
use crate::components::formulaire::{AlerteErreur, ChampTexte, Liste};
use crate::format::{aujourd_hui, date};

/// Posts taken out of those validated, and the recruitment deadline, flagged when overdue.
#[component]
pub(super) fn Quota() -> impl IntoView {
    let donnees = Suivi::du_contexte().donnees;
    move || {
        donnees.with(|c| {
            let echeance = c.decision.as_ref().and_then(|decision| decision.echeance_recrutement);
            let complet = c.postes_valides > 0 && c.postes_occupes >= c.postes_valides;
            view! {
                <dl class="maillage-fiche fr-mb-2w">
                    <dt>"Postes pourvus"</dt>
                    <dd>{format!("{} sur {}", c.postes_occupes, c.postes_valides)}</dd>
                    {echeance.map(|jour| view! {
                        <dt>"Recrutement attendu au plus tard le"</dt>
                        <dd>
                            {date(jour)}
                            {c.recrutement_en_retard.then(|| view! { " " <BadgeRecrutementEnRetard/> })}
                        </dd>
                    })}
                </dl>
                {complet.then(|| view! {
                    <p>"Tous les postes validés sont pourvus : aucun coordinateur de plus ne peut être recruté."</p>
                })}
            }
        })
    }
}

/// The people contacted for the post, each with the steps it may take next.
#[component]
pub(super) fn Recrutements(
    /// The structure moves the steps; ANCT only reads.
    modifiable: bool,
) -> impl IntoView {
    let donnees = Suivi::du_contexte().donnees;
    let liste = Memo::new(move |_| donnees.with(|c| c.recrutements.clone()));
    view! {
        <h3 class="fr-h5 fr-mt-4w">"Personnes contactées"</h3>
        {move || liste.with(Vec::is_empty).then(|| view! { <p>"Personne n’a encore été contacté pour ce poste."</p> })}
        <ul class="fr-raw-list">
            <For
                each=move || liste.get()
                // A step taken redraws its item only: another item's open form keeps what is typed.
                key=|recrutement| (recrutement.id.clone(), recrutement.statut)
                let:recrutement
            >
                <li class="fr-mb-3w">
                    <UnRecrutement recrutement modifiable/>
                </li>
            </For>
        </ul>
    }
}

/// Whether moving to `vers` asks for the contract (type and dates).
fn demande_le_contrat(vers: StatutRecrutement) -> bool {
    matches!(vers, StatutRecrutement::Recrutee | StatutRecrutement::Finalisee)
}

/// Whether moving to `vers` is confirmed first: it takes a post, puts a coordinator in post, or ends a
/// contract.
fn a_confirmer(vers: StatutRecrutement) -> bool {
    demande_le_contrat(vers) || vers == StatutRecrutement::Rupture
}

/// What the confirmation of a step says.
fn question(vers: StatutRecrutement, nom: &str) -> String {
    match vers {
        StatutRecrutement::Recrutee => {
            format!("Recruter {nom} : un des postes validés lui est réservé jusqu’à la signature du contrat.")
        }
        StatutRecrutement::Finalisee => {
            format!("Le contrat de {nom} est signé : la personne prend son poste de coordinateur.")
        }
        _ => format!("Rupture du contrat de {nom} : le poste redevient libre."),
    }
}

/// The news once a step is taken.
fn nouvelle(vers: StatutRecrutement, nom: &str) -> String {
    match vers {
        StatutRecrutement::Interessee => format!("{nom} : « Intéressée ». Organisez les entretiens."),
        StatutRecrutement::Recrutee => format!(
            "{nom} : « Recrutée ». Un poste lui est réservé ; passez à « Contrat signé » une fois le contrat signé."
        ),
        StatutRecrutement::Finalisee => format!(
            "{nom} : « Contrat signé ». La personne est en poste comme coordinateur : vous pouvez demander la \
             convention."
        ),
        StatutRecrutement::NonInteressee => {
            format!("{nom} : « Non intéressée ». Le recrutement s’arrête là.")
        }
        StatutRecrutement::Rupture => format!("{nom} : « Rupture ». Le poste redevient libre."),
        StatutRecrutement::Nouvelle => format!("{nom} : « Prise de contact »."),
    }
}

/// One person contacted: how to reach them, where the recruitment stands, and its next steps.
#[component]
fn UnRecrutement(recrutement: Recrutement, modifiable: bool) -> impl IntoView {
    let Suivi { donnees, annonce } = Suivi::du_contexte();
    let nom = recrutement.candidat.nom_complet();
    let prefixe = format!("recrutement-{}", recrutement.id);
    let etape = RwSignal::new(None::<StatutRecrutement>);
    let contrat_du_poste = donnees.with_untracked(|c| c.contrat.map(|contrat| contrat.as_str().to_owned()));
    let type_contrat = RwSignal::new(
        recrutement
            .contrat
            .clone()
            .or(contrat_du_poste)
            .unwrap_or_default(),
    );
    let debut = RwSignal::new(
        recrutement
            .debut
            .or_else(aujourd_hui)
            .map(|jour| jour.to_string())
            .unwrap_or_default(),
    );
    let fin = RwSignal::new(recrutement.fin.map(|jour| jour.to_string()).unwrap_or_default());
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let suivants = if modifiable {
        StatutRecrutement::ALL
            .into_iter()
            .filter(|vers| recrutement.statut.peut_passer_a(*vers))
            // The contacted person alone accepts a contact, from her own space.
            .filter(|vers| *vers != StatutRecrutement::Interessee)
            .collect::<Vec<_>>()
    } else {
        Vec::new()
    };

    let avancer = {
        let id = recrutement.id.clone();
        let nom = nom.clone();
        Callback::new(move |vers: StatutRecrutement| {
            if en_cours.get_untracked() {
                return;
            }
            let contrat = if demande_le_contrat(vers) {
                match contrat_saisi(type_contrat, debut, fin) {
                    Ok(contrat) => contrat,
                    Err(refus) => {
                        erreur.set(Some(refus));
                        return;
                    }
                }
            } else {
                Contrat::default()
            };
            erreur.set(None);
            en_cours.set(true);
            let id = id.clone();
            let nom = nom.clone();
            spawn_local(async move {
                let resultat = async {
                    changer_statut(&id, vers, &contrat).await?;
                    recharger(donnees, annonce, nouvelle(vers, &nom)).await
                };
                // On success this item is drawn again with its new step: its signals go with it.
                if let Err(refus) = resultat.await {
                    erreur.set(Some(refus.message()));
                    en_cours.set(false);
                }
            });
        })
    };

    let contrat_actuel = {
        let type_contrat = recrutement.contrat.as_deref().map(|contrat| {
            TypeContrat::parse(contrat).map_or_else(|| contrat.to_owned(), |t| t.libelle().to_owned())
        });
        let periode = match (recrutement.debut, recrutement.fin) {
            (Some(debut), Some(fin)) => Some(format!("du {} au {}", date(debut), date(fin))),
            (Some(debut), None) => Some(format!("à partir du {}", date(debut))),
            _ => None,
        };
        match (type_contrat, periode) {
            (Some(type_contrat), Some(periode)) => Some(format!("Contrat : {type_contrat}, {periode}")),
            (Some(type_contrat), None) => Some(format!("Contrat : {type_contrat}")),
            (None, Some(periode)) => Some(format!("Contrat {periode}")),
            (None, None) => None,
        }
    };
    let contrats = TypeContrat::ALL
        .into_iter()
        .map(|t| (t.as_str().to_owned(), t.libelle().to_owned()))
        .collect::<Vec<_>>();
    let candidat = &recrutement.candidat;
    let nom_confirmation = nom.clone();
    view! {
        <div class="maillage-encadre">
            <h4 class="fr-h6 fr-mb-1w">{nom.clone()}</h4>
            <BadgeRecrutement statut=recrutement.statut/>
            <ul class="fr-mt-1w">
                <li>
                    "Adresse électronique : "
                    <a href=format!("mailto:{}", recrutement.email)>{recrutement.email.clone()}</a>
                </li>
                <li>{format!("{}, mobilité {} km", candidat.lieu(), candidat.rayon_km)}</li>
                {contrat_actuel.map(|texte| view! { <li>{texte}</li> })}
            </ul>
            {(modifiable && recrutement.statut == StatutRecrutement::Nouvelle).then(|| view! {
                <p class="fr-text--sm">
                    {format!("En attente de la réponse de {nom} : c’est elle ou lui qui accepte la prise de contact, depuis son espace.")}
                </p>
            })}
            {(!suivants.is_empty()).then(|| view! {
                <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                    {suivants
                        .iter()
                        .map(|&vers| {
                            let classe = if matches!(vers, StatutRecrutement::NonInteressee | StatutRecrutement::Rupture) {
                                "fr-btn fr-btn--secondary"
                            } else {
                                "fr-btn"
                            };
                            view! {
                                <li>
                                    <button
                                        class=classe
                                        type="button"
                                        disabled=move || en_cours.get()
                                        on:click=move |_| {
                                            if a_confirmer(vers) {
                                                erreur.set(None);
                                                etape.set(Some(vers));
                                            } else {
                                                avancer.run(vers);
                                            }
                                        }
                                    >
                                        {format!("Passer à « {} »", vers.libelle())}
                                        <span class="fr-sr-only">{format!(" : {nom}")}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            })}
            {move || etape.get().map(|vers| {
                let envoyer = move |ev: SubmitEvent| {
                    ev.prevent_default();
                    avancer.run(vers);
                };
                let contrats = contrats.clone();
                let prefixe = prefixe.clone();
                view! {
                    <form class="fr-mt-2w" on:submit=envoyer novalidate>
                        <p class="fr-text--bold">{question(vers, &nom_confirmation)}</p>
                        {demande_le_contrat(vers).then(|| view! {
                            <div class="fr-grid-row fr-grid-row--gutters">
                                <div class="fr-col-12">
                                    <Liste
                                        id=format!("{prefixe}-contrat")
                                        libelle="Type de contrat"
                                        options=contrats
                                        valeur=type_contrat
                                    />
                                </div>
                                <div class="fr-col-12 fr-col-md-6">
                                    <ChampTexte id=format!("{prefixe}-debut") libelle="Début du contrat" type_="date" valeur=debut/>
                                </div>
                                <div class="fr-col-12 fr-col-md-6">
                                    <ChampTexte
                                        id=format!("{prefixe}-fin")
                                        libelle="Fin du contrat (facultatif)"
                                        indice="Pour un CDD ou un contrat de projet."
                                        type_="date"
                                        valeur=fin
                                    />
                                </div>
                            </div>
                        })}
                        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                            <li>
                                <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                                    {format!("Confirmer : « {} »", vers.libelle())}
                                </button>
                            </li>
                            <li>
                                <button class="fr-btn fr-btn--secondary" type="button" on:click=move |_| etape.set(None)>
                                    "Annuler"
                                </button>
                            </li>
                        </ul>
                    </form>
                }
            })}
            <AlerteErreur message=erreur/>
        </div>
    }
}

/// The contract typed in the confirmation of a recruitment step, or why it cannot be sent.
fn contrat_saisi(
    type_contrat: RwSignal<String>,
    debut: RwSignal<String>,
    fin: RwSignal<String>,
) -> Result<Contrat, String> {
    let Some(type_contrat) = TypeContrat::parse(&type_contrat.get_untracked()) else {
        return Err("Choisissez le type de contrat.".to_owned());
    };
    let Ok(debut) = NaiveDate::parse_from_str(debut.get_untracked().trim(), "%Y-%m-%d") else {
        return Err("Indiquez la date de début du contrat.".to_owned());
    };
    let fin = fin.get_untracked();
    let fin = if fin.trim().is_empty() {
        None
    } else {
        match NaiveDate::parse_from_str(fin.trim(), "%Y-%m-%d") {
            Ok(jour) if jour > debut => Some(jour),
            Ok(_) => return Err("La fin du contrat doit suivre son début.".to_owned()),
            Err(_) => return Err("Indiquez une date de fin valide, ou laissez-la vide.".to_owned()),
        }
    };
    Ok(Contrat {
        type_contrat: Some(type_contrat.as_str().to_owned()),
        debut: Some(debut),
        fin,
    })
}

/// The conseillers of the structure, each with the button that makes them its coordinator.
#[component]
pub(super) fn AttributionRole() -> impl IntoView {
    let Suivi { donnees, annonce } = Suivi::du_contexte();
    let conseillers = LocalResource::new(mes_conseillers);
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    // The conseiller chosen, until the structure confirms: (id, name).
    let a_confirmer = RwSignal::new(None::<(String, String)>);
    let attribuer = Callback::new(move |(conseiller_id, nom): (String, String)| {
        a_confirmer.set(None);
        if en_cours.get_untracked() {
            return;
        }
        erreur.set(None);
        en_cours.set(true);
        let candidature_id = donnees.with_untracked(|c| c.id.clone());
        spawn_local(async move {
            let resultat = async {
                attribuer_role(&candidature_id, &conseiller_id).await?;
                en_cours.set(false);
                recharger(
                    donnees,
                    annonce,
                    format!(
                        "{nom} reçoit le rôle de coordinateur : la personne en est informée. Vous pouvez \
                         demander la convention (un avenant si le poste est déjà financé)."
                    ),
                )
                .await
            };
            if let Err(refus) = resultat.await {
                erreur.set(Some(refus.message()));
                en_cours.set(false);
            }
        });
    });
    view! {
        <h3 class="fr-h5 fr-mt-4w">"Attribuer le rôle de coordinateur à l’un de vos conseillers"</h3>
        <p>
            "Un conseiller numérique de votre structure peut devenir coordinateur, dans la limite des postes "
            "validés."
        </p>
        {move || a_confirmer.get().map(|(id, nom)| {
            let choisi = (id, nom.clone());
            view! {
                <Confirmation
                    id="confirmation-attribution"
                    titre=format!("Attribuer le rôle de coordinateur à {nom} ?")
                    explication="La personne devient coordinatrice du territoire de cette candidature et en est                         informée ; elle occupe un des postes validés. Le rôle ne se retire ensuite que par la fin de                         son contrat."
                    oui="Oui, attribuer le rôle"
                    confirmer=Callback::new(move |()| attribuer.run(choisi.clone()))
                    annuler=Callback::new(move |()| a_confirmer.set(None))
                />
            }
        })}
        {afficher(conseillers, move |liste: Vec<ConseillerDeStructure>| {
            if liste.is_empty() {
                return view! { <p>"Votre structure n’a pas de conseiller numérique enregistré."</p> }.into_any();
            }
            view! {
                <ul class="fr-raw-list">
                    {liste
                        .into_iter()
                        .map(|conseiller| {
                            let nom = format!("{} {}", conseiller.prenom, conseiller.nom);
                            let contrat = match (conseiller.contrat_debut, conseiller.contrat_fin) {
                                (Some(debut), Some(fin)) => format!(" — contrat du {} au {}", date(debut), date(fin)),
                                (Some(debut), None) => format!(" — contrat depuis le {}", date(debut)),
                                _ => String::new(),
                            };
                            let id = conseiller.id.clone();
                            let nom_bouton = nom.clone();
                            view! {
                                <li class="fr-mb-2w">
                                    <p class="fr-mb-1w">
                                        <span class="fr-text--bold">{nom.clone()}</span>
                                        {contrat}
                                    </p>
                                    <button
                                        class="fr-btn fr-btn--secondary fr-btn--sm"
                                        type="button"
                                        disabled=move || en_cours.get()
                                        on:click=move |_| a_confirmer.set(Some((id.clone(), nom_bouton.clone())))
                                    >
                                        "Attribuer le rôle de coordinateur"
                                        <span class="fr-sr-only">{format!(" à {nom}")}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        })}
        <AlerteErreur message=erreur/>
    }
}

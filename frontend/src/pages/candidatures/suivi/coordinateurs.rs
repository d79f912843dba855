//! The coordinators of a validated post and their obligations (full time, initial and yearly continuing
//! training, certifications): what the server finds missing today, and the form with which the structure
//! or ANCT records them, previewing what would still be missing with the shared rule.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::poste::Obligations;

use super::contexte::{Suivi, recharger};
use crate::api::postes::{Coordinateur, enregistrer_obligations};
use crate::components::formulaire::{AlerteErreur, Case, ChampTexte};
use crate::format::{aujourd_hui, date};

/// The years a continuing-training module may be recorded for.
const ANNEES: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The coordinators, in post first as the server sends them.
#[component]
pub fn Coordinateurs(
    /// The structure and ANCT record the obligations; the other agents read.
    modifiable: bool,
) -> impl IntoView {
    let donnees = Suivi::du_contexte().donnees;
    let liste = Memo::new(move |_| donnees.with(|c| c.coordinateurs.clone()));
    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-coordinateurs">
            <h2 id="titre-coordinateurs" class="fr-h4">"Coordinateurs et obligations"</h2>
            {move || liste.with(Vec::is_empty).then(|| view! { <p>"Aucun coordinateur n’est encore en poste."</p> })}
            <ul class="fr-raw-list">
                <For each=move || liste.get() key=Coordinateur::clone let:coordinateur>
                    <li class="fr-mb-3w">
                        <UnCoordinateur coordinateur modifiable/>
                    </li>
                </For>
            </ul>
        </section>
    }
}

/// "Obtenue", "Demandée, pas encore obtenue", "Non demandée" (the PIX certification), or the masculine
/// forms (the CCP1).
fn certification(demandee: bool, obtenue: bool, feminin: bool) -> &'static str {
    match (demandee, obtenue, feminin) {
        (_, true, true) => "Obtenue",
        (_, true, false) => "Obtenu",
        (true, false, true) => "Demandée, pas encore obtenue",
        (true, false, false) => "Demandé, pas encore obtenu",
        (false, false, true) => "Non demandée",
        (false, false, false) => "Non demandé",
    }
}

/// One coordinator: how they came to the post, their obligations, and the form to record them.
#[component]
fn UnCoordinateur(coordinateur: Coordinateur, modifiable: bool) -> impl IntoView {
    let ouvert = RwSignal::new(false);
    let nom = coordinateur.nom_complet();
    let origine = if coordinateur.mode == "ATTRIBUTION" {
        format!(
            "Rôle attribué à un conseiller numérique de la structure le {}.",
            date(coordinateur.en_poste_depuis)
        )
    } else {
        format!(
            "Recrutement dans le vivier, en poste depuis le {}.",
            date(coordinateur.en_poste_depuis)
        )
    };
    let en_poste = coordinateur.parti_le.is_none();
    let id_formulaire = format!("obligations-{}", coordinateur.id);
    let formations = if coordinateur.formations_continues.is_empty() {
        "Aucun module enregistré".to_owned()
    } else {
        format!(
            "Modules suivis en {}",
            coordinateur
                .formations_continues
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    view! {
        <div class="maillage-encadre">
            <h3 class="fr-h6 fr-mb-1w">{nom.clone()}</h3>
            <p class="fr-mb-1w">
                {origine}
                {coordinateur.parti_le.map(|jour| format!(" Parti le {}.", date(jour)))}
            </p>
            <dl class="maillage-fiche">
                <dt>"Temps plein (35 h par semaine)"</dt>
                <dd>{if coordinateur.temps_plein { "Oui" } else { "Non" }}</dd>
                <dt>"Formation initiale"</dt>
                <dd>
                    {coordinateur
                        .formation_initiale_le
                        .map(|jour| format!("Suivie le {}", date(jour)))
                        .unwrap_or_else(|| "Non suivie".to_owned())}
                </dd>
                <dt>"Formation continue"</dt>
                <dd>{formations}</dd>
                <dt>"PIX"</dt>
                <dd>{certification(coordinateur.pix_demande, coordinateur.pix_obtenu, true)}</dd>
                <dt>"CCP1"</dt>
                <dd>{certification(coordinateur.ccp1_demande, coordinateur.ccp1_obtenu, false)}</dd>
            </dl>
            {if !coordinateur.manquements.is_empty() {
                Some(view! {
                    <div class="fr-alert fr-alert--warning fr-alert--sm fr-mt-2w">
                        <p>"Obligations non remplies :"</p>
                        <ul>
                            {coordinateur.manquements.iter().map(|manque| view! { <li>{manque.clone()}</li> }).collect_view()}
                        </ul>
                    </div>
                }
                .into_any())
            } else if en_poste {
                Some(view! { <p class="fr-badge fr-badge--success fr-badge--sm fr-mt-2w">"Obligations remplies"</p> }.into_any())
            } else {
                None
            }}
            {(modifiable && en_poste).then(|| {
                let id_formulaire = id_formulaire.clone();
                view! {
                    <p class="fr-mt-2w fr-mb-0">
                        <button
                            class="fr-btn fr-btn--secondary fr-btn--sm"
                            type="button"
                            aria-expanded=move || ouvert.get().to_string()
                            aria-controls=id_formulaire.clone()
                            on:click=move |_| ouvert.update(|o| *o = !*o)
                        >
                            "Renseigner les obligations"
                            <span class="fr-sr-only">{format!(" de {nom}")}</span>
                        </button>
                    </p>
                    <div id=id_formulaire hidden=move || !ouvert.get()>
                        <FormulaireObligations coordinateur=coordinateur.clone()/>
                    </div>
                }
            })}
        </div>
    }
}

/// The years typed ("2025, 2026"), sorted, or the first word that is not one.
fn annees(texte: &str) -> Result<Vec<i32>, String> {
    let mut annees = Vec::new();
    for mot in texte.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        if mot.is_empty() {
            continue;
        }
        match mot.parse::<i32>() {
            Ok(annee) if ANNEES.contains(&annee) => annees.push(annee),
            _ => return Err(format!("« {mot} » n’est pas une année.")),
        }
    }
    annees.sort_unstable();
    annees.dedup();
    Ok(annees)
}

/// The obligations form of one coordinator.
#[component]
fn FormulaireObligations(coordinateur: Coordinateur) -> impl IntoView {
    let Suivi { donnees, annonce } = Suivi::du_contexte();
    let prefixe = format!("obligations-{}", coordinateur.id);
    let initiales = coordinateur.obligations();
    let temps_plein = RwSignal::new(initiales.temps_plein);
    let formation_initiale = RwSignal::new(
        initiales
            .formation_initiale_le
            .map(|jour| jour.to_string())
            .unwrap_or_default(),
    );
    let formations_continues = RwSignal::new(
        initiales
            .formations_continues
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    let pix_demande = RwSignal::new(initiales.pix_demande);
    let pix_obtenu = RwSignal::new(initiales.pix_obtenu);
    let ccp1_demande = RwSignal::new(initiales.ccp1_demande);
    let ccp1_obtenu = RwSignal::new(initiales.ccp1_obtenu);
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let en_poste_depuis = coordinateur.en_poste_depuis;

    // Tracked: the preview follows the typing.
    let saisies = move || -> Result<Obligations, String> {
        let texte = formation_initiale.get();
        let formation_initiale_le = if texte.trim().is_empty() {
            None
        } else {
            Some(
                NaiveDate::parse_from_str(texte.trim(), "%Y-%m-%d")
                    .map_err(|_| "Indiquez une date de formation initiale valide.".to_owned())?,
            )
        };
        Ok(Obligations {
            temps_plein: temps_plein.get(),
            formation_initiale_le,
            formations_continues: annees(&formations_continues.get())?,
            pix_demande: pix_demande.get(),
            pix_obtenu: pix_obtenu.get(),
            ccp1_demande: ccp1_demande.get(),
            ccp1_obtenu: ccp1_obtenu.get(),
        })
    };
    let apercu = move || {
        let obligations = saisies().ok()?;
        let manquements = obligations.manquements(en_poste_depuis, aujourd_hui()?);
        Some(if manquements.is_empty() {
            "D’après ces réponses, les obligations sont remplies.".to_owned()
        } else {
            format!("D’après ces réponses, il manque : {}.", manquements.join(" ; "))
        })
    };

    let id = coordinateur.id.clone();
    let nom = coordinateur.nom_complet();
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        if en_cours.get_untracked() {
            return;
        }
        let obligations = match untrack(saisies) {
            Ok(obligations) => obligations,
            Err(refus) => {
                erreur.set(Some(refus));
                return;
            }
        };
        erreur.set(None);
        en_cours.set(true);
        let id = id.clone();
        let nom = nom.clone();
        spawn_local(async move {
            let resultat = async {
                enregistrer_obligations(&id, &obligations).await?;
                recharger(
                    donnees,
                    annonce,
                    format!("Les obligations de {nom} sont enregistrées."),
                )
                .await
            };
            if let Err(refus) = resultat.await {
                erreur.set(Some(refus.message()));
                en_cours.set(false);
            }
        });
    };

    let legende = format!("{prefixe}-certifications-legende");
    let etiquette = legende.clone();
    view! {
        <form class="fr-mt-2w" on:submit=envoyer novalidate>
            <Case id=format!("{prefixe}-temps-plein") libelle="Poste à temps plein (35 heures par semaine)" cochee=temps_plein/>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-6">
                    <ChampTexte
                        id=format!("{prefixe}-formation-initiale")
                        libelle="Formation initiale suivie le (facultatif)"
                        type_="date"
                        valeur=formation_initiale
                    />
                </div>
                <div class="fr-col-12 fr-col-md-6">
                    <ChampTexte
                        id=format!("{prefixe}-formations-continues")
                        libelle="Années des modules de formation continue (facultatif)"
                        indice="Séparées par des virgules, ex. 2025, 2026."
                        autocomplete="off"
                        valeur=formations_continues
                    />
                </div>
            </div>
            <fieldset class="fr-fieldset" aria-labelledby=etiquette>
                <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id=legende>
                    "Certifications"
                </legend>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <Case id=format!("{prefixe}-pix-demande") libelle="PIX demandée" cochee=pix_demande/>
                </div>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <Case id=format!("{prefixe}-pix-obtenu") libelle="PIX obtenue" cochee=pix_obtenu/>
                </div>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <Case id=format!("{prefixe}-ccp1-demande") libelle="CCP1 demandé" cochee=ccp1_demande/>
                </div>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <Case id=format!("{prefixe}-ccp1-obtenu") libelle="CCP1 obtenu" cochee=ccp1_obtenu/>
                </div>
            </fieldset>
            <p class="fr-text--sm">{apercu}</p>
            <AlerteErreur message=erreur/>
            <button class="fr-btn fr-btn--sm" type="submit" disabled=move || en_cours.get()>
                "Enregistrer les obligations"
            </button>
        </form>
    }
}

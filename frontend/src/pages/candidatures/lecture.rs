//! A candidature read, not edited: the form, the subsidy, the perimeter, the consultations; for the
//! State's agents also the other candidatures on the same territory and the préfecture's avis; the
//! decision once taken.

use leptos::prelude::*;
use maillage_shared::role::Role;

use crate::api::candidatures::Candidature;
use crate::components::badge::BadgeStatut;
use crate::format::{date, euros, horodatage};

/// The read-only view, drawn again when the candidature changes.
#[component]
pub fn Lecture(donnees: RwSignal<Candidature>, role: Option<Role>) -> impl IntoView {
    let agent = role.is_some_and(|role| role != Role::Structure);
    move || {
        let c = donnees.get();
        // The préfecture and ANCT propose to gather overlapping candidatures in instruction.
        let peut_proposer = matches!(role, Some(Role::Prefecture | Role::Anct)) && c.statut.en_instruction();
        let reponses = [
            ("Diagnostic des besoins du territoire", c.diagnostic.clone()),
            ("Partenaires", c.partenaires.clone()),
            (
                "Articulation avec la gouvernance locale",
                c.articulation_gouvernance.clone(),
            ),
            ("Axe 1 — Maillage territorial", c.missions_maillage.clone()),
            ("Axe 2 — Relais", c.missions_relais.clone()),
            ("Axe 3 — Collaborations", c.missions_collaborations.clone()),
        ];
        let subvention = c
            .montant_subvention_euros
            .zip(c.duree_subvention_mois)
            .map(|(montant, mois)| format!("{} sur {mois} mois", euros(montant)))
            .unwrap_or_else(|| "Aucune pour le contrat choisi".to_owned());
        view! {
            {c.decision.clone().filter(|_| agent).map(|decision| view! {
                <section class="fr-mb-4w" aria-labelledby="titre-decision">
                    <h2 id="titre-decision" class="fr-h4">"Décision de l’ANCT"</h2>
                    <p class="fr-text--bold">
                        {if decision.validee { "Validée" } else { "Refusée" }}
                        {decision.le.map(|jour| format!(" le {}", date(jour)))}
                        {decision.sans_avis.then_some(", sans avis de la préfecture")}
                    </p>
                    <p class="maillage-texte">{decision.motif.clone()}</p>
                    {decision.echeance_recrutement.map(|jour| view! {
                        <p>{format!("Recrutement attendu au plus tard le {}.", date(jour))}</p>
                    })}
                </section>
            })}
            {c.avis.clone().map(|avis| {
                avis_lu("titre-avis", "Avis de la préfecture", avis.favorable, avis.le.as_ref(), avis.commentaire)
            })}
            {c.avis_sgar.clone().map(|avis| {
                avis_lu("titre-avis-sgar", "Avis consultatif du SGAR", avis.favorable, avis.le.as_ref(), avis.commentaire)
            })}
            {agent.then(|| view! {
                <section class="fr-mb-4w" aria-labelledby="titre-chevauchements">
                    <h2 id="titre-chevauchements" class="fr-h4">"Autres candidatures sur ce territoire"</h2>
                    {if c.chevauchements.is_empty() {
                        view! { <p>"Aucune autre candidature déposée ne couvre ce territoire."</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {c.chevauchements.iter().map(|autre| {
                                    let communs = if autre.epcis_communs.is_empty() {
                                        "un département entier".to_owned()
                                    } else {
                                        format!("intercommunalités en commun : {}", autre.epcis_communs.join(", "))
                                    };
                                    let reunir = (peut_proposer && autre.statut.en_instruction()).then(|| view! {
                                        " " <ProposerDeReunir id=c.id.clone() autre=autre.candidature_id.clone()
                                            structure=autre.structure.clone()/>
                                    });
                                    view! {
                                        <li>
                                            <a href=format!("/candidatures/{}", autre.candidature_id)>{autre.structure.clone()}</a>
                                            " " <BadgeStatut statut=autre.statut petit=true/> " — " {communs}
                                            {reunir}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <p class="fr-text--sm">
                                "Des candidatures qui se recouvrent peuvent n’en faire qu’une : l’une des structures "
                                "invite l’autre comme co-porteuse de sa candidature (par son SIRET), puis l’autre "
                                "retire la sienne. « Proposer de les réunir » le propose aux deux structures, chacune "
                                "avec le nom et le SIRET de l’autre."
                            </p>
                        }
                        .into_any()
                    }}
                </section>
            })}
            <section class="fr-mb-4w" aria-labelledby="titre-poste">
                <h2 id="titre-poste" class="fr-h4">"Le poste"</h2>
                <dl class="maillage-fiche">
                    <dt>"Cas de figure"</dt>
                    <dd>{c.cas.map(|cas| format!("{} — {}", cas.as_str(), cas.libelle())).unwrap_or_else(|| "—".to_owned())}</dd>
                    <dt>"Type de contrat"</dt>
                    <dd>{c.contrat.map(|contrat| contrat.libelle()).unwrap_or("—")}</dd>
                    <dt>"Subvention"</dt>
                    <dd>{subvention}</dd>
                    <dt>"Gouvernance locale"</dt>
                    <dd>{gouvernance(&c)}</dd>
                    <dt>"Candidat identifié"</dt>
                    <dd>{match c.candidat_identifie { Some(true) => "Oui", Some(false) => "Non", None => "—" }}</dd>
                    <dt>"Prise de poste envisagée"</dt>
                    <dd>{c.date_prise_poste.map(date).unwrap_or_else(|| "—".to_owned())}</dd>
                </dl>
            </section>
            <section class="fr-mb-4w" aria-labelledby="titre-territoire">
                <h2 id="titre-territoire" class="fr-h4">"Le territoire à coordonner"</h2>
                {match (&c.perimetre_departement, c.perimetre_epcis.is_empty()) {
                    (Some(departement), _) => view! {
                        <p>
                            "Le département entier : "
                            <a href=format!("/territoires/departements/{}", departement.code)>
                                {format!("{} ({})", departement.nom, departement.code)}
                            </a>
                        </p>
                    }
                    .into_any(),
                    (None, false) => view! {
                        <ul>
                            {c.perimetre_epcis.iter().map(|epci| view! {
                                <li>
                                    <a href=format!("/territoires/epci/{}", epci.code)>{epci.nom.clone()}</a>
                                    {format!(" (SIREN {})", epci.code)}
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    (None, true) => view! { <p>"Non renseigné."</p> }.into_any(),
                }}
            </section>
            <section class="fr-mb-4w" aria-labelledby="titre-projet">
                <h2 id="titre-projet" class="fr-h4">"Le projet"</h2>
                {reponses.into_iter().map(|(question, reponse)| view! {
                    <h3 class="fr-h6 fr-mb-1w">{question}</h3>
                    <p class="maillage-texte">{if reponse.is_empty() { "—".to_owned() } else { reponse }}</p>
                }).collect_view()}
            </section>
            <section class="fr-mb-4w" aria-labelledby="titre-consultations-lues">
                <h2 id="titre-consultations-lues" class="fr-h4">"Consultations"</h2>
                {if c.consultations.is_empty() {
                    view! { <p>"Aucune structure à consulter sur ce territoire."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {c.consultations.iter().map(|consultation| view! {
                                <li>
                                    <span class="fr-text--bold">{consultation.structure.nom.clone()}</span>
                                    {format!(
                                        ", consultée le {} : {}",
                                        date(consultation.consultee_le),
                                        consultation.reponse.libelle().to_lowercase()
                                    )}
                                    {(!consultation.commentaire.is_empty()).then(|| format!(" — « {} »", consultation.commentaire))}
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        }
    }
}

/// The structure's place in the gouvernance, as declared and as the register says.
fn gouvernance(c: &Candidature) -> String {
    let place = &c.gouvernance_locale;
    let Some(declaree) = place.declaree else {
        return "—".to_owned();
    };
    let verdict = if place.confirmee {
        "confirmé par le registre de la préfecture"
    } else {
        "non confirmé par le registre de la préfecture"
    };
    format!(
        "Déclarée : {} ; {verdict} (registre : {})",
        declaree.libelle().to_lowercase(),
        place.registre.libelle().to_lowercase()
    )
}

/// An avis as the State's agents read it: favorable or not, when, and its comment.
fn avis_lu(
    id: &'static str,
    titre: &'static str,
    favorable: bool,
    le: Option<&chrono::DateTime<chrono::Utc>>,
    commentaire: String,
) -> impl IntoView + use<> {
    let quand = le.map(|le| format!(", le {}", horodatage(le)));
    view! {
        <section class="fr-mb-4w" aria-labelledby=id>
            <h2 id=id class="fr-h4">{titre}</h2>
            <p class="fr-text--bold">
                {if favorable { "Favorable" } else { "Défavorable" }}
                {quand}
            </p>
            <p class="maillage-texte">{commentaire}</p>
        </section>
    }
}

/// Proposes to the two structures to gather their overlapping candidatures; says it is done, or why not.
#[component]
fn ProposerDeReunir(id: String, autre: String, structure: String) -> impl IntoView {
    let etat = RwSignal::new(None::<Result<(), String>>);
    let en_cours = RwSignal::new(false);
    let proposer = move |_| {
        let (id, autre) = (id.clone(), autre.clone());
        en_cours.set(true);
        leptos::task::spawn_local(async move {
            etat.set(Some(
                crate::api::candidatures::proposer_de_reunir(&id, &autre)
                    .await
                    .map_err(|refus| refus.message()),
            ));
            en_cours.set(false);
        });
    };
    view! {
        <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary" on:click=proposer
            disabled=move || en_cours.get() || matches!(etat.get(), Some(Ok(())))>
            "Proposer de les réunir"
            <span class="fr-sr-only">{format!(" : cette candidature et celle de {structure}")}</span>
        </button>
        <span role="status" class="fr-text--sm">
            {move || match etat.get() {
                Some(Ok(())) => " Proposition envoyée aux deux structures.".to_owned(),
                Some(Err(refus)) => format!(" {refus}"),
                None => String::new(),
            }}
        </span>
    }
}

//! The structure's search in the candidate pool, from a validated candidature, and a "Contacter" button on
//! each person found.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::contexte::{Suivi, recharger};
use crate::api::postes::{FiltreCandidats, ProfilCandidat, Proximite, contacter, rechercher_candidats};
use crate::components::chargement::afficher;
use crate::components::formulaire::{AlerteErreur, Case, ChampTexte, Liste};
use crate::format::date;

/// The search in the candidate pool, and a "Contacter" button on each person found.
#[component]
pub(super) fn RechercheVivier() -> impl IntoView {
    let Suivi { donnees, annonce } = Suivi::du_contexte();
    let proximite = RwSignal::new(Proximite::Perimetre.as_str().to_owned());
    let pix = RwSignal::new(false);
    let ccp1 = RwSignal::new(false);
    let disponible_avant = RwSignal::new(String::new());
    let erreur_recherche = RwSignal::new(None::<String>);
    // Nothing is asked before the first search: the form comes first.
    let critere = RwSignal::new(None::<FiltreCandidats>);
    let candidature_id = donnees.with_untracked(|c| c.id.clone());
    let resultats = {
        let candidature_id = candidature_id.clone();
        LocalResource::new(move || {
            let critere = critere.get();
            let candidature_id = candidature_id.clone();
            async move {
                match critere {
                    Some(filtre) => rechercher_candidats(&candidature_id, &filtre).await.map(Some),
                    None => Ok(None),
                }
            }
        })
    };
    let contactes = Memo::new(move |_| {
        donnees.with(|c| {
            c.recrutements
                .iter()
                .map(|r| r.candidat.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let erreur_contact = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);

    let chercher = move |ev: SubmitEvent| {
        ev.prevent_default();
        let saisie = disponible_avant.get_untracked();
        let disponible_avant = if saisie.trim().is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(saisie.trim(), "%Y-%m-%d") {
                Ok(jour) => Some(jour),
                Err(_) => {
                    erreur_recherche.set(Some("Indiquez une date de disponibilité valide.".to_owned()));
                    return;
                }
            }
        };
        erreur_recherche.set(None);
        critere.set(Some(FiltreCandidats {
            proximite: Proximite::parse(&proximite.get_untracked()).unwrap_or(Proximite::Perimetre),
            pix: pix.get_untracked(),
            ccp1: ccp1.get_untracked(),
            disponible_avant,
        }));
    };

    let contacter_profil = Callback::new(move |(profil_id, nom): (String, String)| {
        if en_cours.get_untracked() {
            return;
        }
        erreur_contact.set(None);
        en_cours.set(true);
        let candidature_id = candidature_id.clone();
        spawn_local(async move {
            let resultat = async {
                contacter(&candidature_id, &profil_id).await?;
                en_cours.set(false);
                recharger(
                    donnees,
                    annonce,
                    format!(
                        "Prise de contact avec {nom} enregistrée : la personne en est informée, et son adresse \
                         électronique figure dans « Personnes contactées »."
                    ),
                )
                .await
            };
            if let Err(refus) = resultat.await {
                erreur_contact.set(Some(refus.message()));
                en_cours.set(false);
            }
        });
    });

    let proximites = Proximite::ALL
        .into_iter()
        .map(|p| (p.as_str().to_owned(), p.libelle().to_owned()))
        .collect::<Vec<_>>();
    view! {
        <h3 class="fr-h5 fr-mt-4w">"Chercher dans le vivier"</h3>
        <p>
            "Les personnes du vivier qui acceptent d’être vues des structures dont la candidature est validée. "
            "Leur adresse électronique vous est donnée quand vous les contactez."
        </p>
        <form on:submit=chercher novalidate>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-6">
                    <Liste id="vivier-proximite" libelle="Proximité" options=proximites valeur=proximite/>
                </div>
                <div class="fr-col-12 fr-col-md-6">
                    <ChampTexte
                        id="vivier-disponible-avant"
                        libelle="Disponible au plus tard le (facultatif)"
                        type_="date"
                        valeur=disponible_avant
                    />
                </div>
            </div>
            <fieldset class="fr-fieldset" aria-labelledby="vivier-certifications-legende">
                <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="vivier-certifications-legende">
                    "Certifications exigées (facultatif)"
                </legend>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <Case id="vivier-pix" libelle="PIX" cochee=pix/>
                </div>
                <div class="fr-fieldset__element fr-fieldset__element--inline">
                    <Case id="vivier-ccp1" libelle="CCP1 du titre REMN" cochee=ccp1/>
                </div>
            </fieldset>
            <AlerteErreur message=erreur_recherche/>
            <button class="fr-btn fr-btn--secondary" type="submit">"Rechercher dans le vivier"</button>
        </form>
        <AlerteErreur message=erreur_contact/>
        {afficher(resultats, move |trouves| {
            trouves.map(|trouves| view! { <Resultats trouves contactes contacter=contacter_profil en_cours/> })
        })}
    }
}

/// The people found, each with the button to contact them.
#[component]
fn Resultats(
    trouves: Vec<ProfilCandidat>,
    contactes: Memo<Vec<String>>,
    contacter: Callback<(String, String)>,
    en_cours: RwSignal<bool>,
) -> impl IntoView {
    if trouves.is_empty() {
        return view! {
            <p class="fr-mt-2w" role="status">"Aucune personne du vivier ne correspond à ces critères."</p>
        }
        .into_any();
    }
    let nombre = trouves.len();
    // One card per person, the button to contact them under their name: a table of seven columns put it
    // off-screen, on a phone and even at 1 280 px.
    view! {
        <section class="fr-mt-3w" aria-labelledby="titre-resultats-vivier">
            <h4 id="titre-resultats-vivier" class="fr-h6">
                {format!("{nombre} personne{} du vivier", if nombre > 1 { "s" } else { "" })}
            </h4>
            <ul class="fr-raw-list">
                {trouves
                    .into_iter()
                    .map(|profil| {
                        let nom = profil.nom_complet();
                        let id = profil.id.clone();
                        let deja = move || contactes.with(|ids| ids.contains(&id));
                        let profil_id = profil.id.clone();
                        let nom_bouton = nom.clone();
                        let parcours = [profil.experience.clone(), profil.diplomes.clone()]
                            .into_iter()
                            .filter(|texte| !texte.is_empty())
                            .collect::<Vec<_>>()
                            .join("\n");
                        view! {
                            <li class="maillage-encadre fr-mb-2w">
                                <h5 class="fr-h6 fr-mb-1w">{nom.clone()}</h5>
                                <ul class="fr-mb-1w">
                                    <li>{format!("{}, mobilité {} km", profil.lieu(), profil.rayon_km)}</li>
                                    <li>
                                        {profil
                                            .disponible_le
                                            .map(|jour| format!("Disponible à partir du {}", date(jour)))
                                            .unwrap_or_else(|| "Disponible dès maintenant".to_owned())}
                                    </li>
                                    <li>{format!("Certifications : {}", profil.certifications())}</li>
                                </ul>
                                {(!parcours.is_empty()).then(|| view! { <p class="maillage-texte fr-text--sm">{parcours}</p> })}
                                {move || {
                                    if deja() {
                                        view! { <p class="fr-badge fr-badge--sm fr-badge--info">"Contact pris"</p> }
                                            .into_any()
                                    } else {
                                        let profil_id = profil_id.clone();
                                        let nom = nom_bouton.clone();
                                        view! {
                                            <button
                                                class="fr-btn fr-btn--sm"
                                                type="button"
                                                disabled=move || en_cours.get()
                                                on:click=move |_| contacter.run((profil_id.clone(), nom.clone()))
                                            >
                                                "Contacter"
                                                <span class="fr-sr-only">{format!(" {nom_bouton}")}</span>
                                            </button>
                                        }
                                        .into_any()
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

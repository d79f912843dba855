//! The structure's draft: the whole form, saved as a draft at will; the subsidy and what is still missing,
//! computed in the browser with the server's own rules; the consultations; and filing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::candidature::CasDeFigure;
use maillage_shared::gouvernance::PlaceDansLaGouvernance;
use maillage_shared::subvention::{Bareme, TypeContrat, contrats_finances};
use maillage_shared::territoire::{CodeDepartement, NatureTerritoire};

use super::consultations::Consultations;
use super::formulaire_recapitulatif::{ChampsManquants, Subvention};
use super::saisie::Saisie;
use crate::api::ErreurApi;
use crate::api::candidatures::{Candidature, deposer, modifier};
use crate::api::territoires::{Lien, Suggestion};
use crate::components::formulaire::{
    AlerteErreur, AlerteSucces, ChampTexte, Liste, Message, Radios, ZoneTexte,
};
use crate::components::recherche::RechercheTerritoire;

/// Longest answer the server accepts to each question.
const REPONSE_MAX: usize = 5000;

/// The six questions of the motivation questionnaire: field id, label, hint.
const QUESTIONS: [(&str, &str, &str); 6] = [
    (
        "diagnostic",
        "Diagnostic des besoins du territoire",
        "Les besoins d’inclusion numérique du territoire à coordonner et l’offre de médiation existante.",
    ),
    (
        "partenaires",
        "Partenaires",
        "Les acteurs avec lesquels le coordinateur travaillera : collectivités, réseaux, associations…",
    ),
    (
        "articulation-gouvernance",
        "Articulation avec la gouvernance locale",
        "Comment le poste s’inscrit dans la gouvernance France Numérique Ensemble du territoire.",
    ),
    (
        "missions-maillage",
        "Axe 1 — Maillage territorial",
        "L’animation du réseau des conseillers numériques et des lieux de médiation du territoire.",
    ),
    (
        "missions-relais",
        "Axe 2 — Relais",
        "Le relais des politiques publiques, des outils et des ressources auprès des conseillers.",
    ),
    (
        "missions-collaborations",
        "Axe 3 — Collaborations",
        "La collaboration avec les autres coordinateurs, l’ANCT, la préfecture et les partenaires.",
    ),
];

/// The editable draft.
#[component]
pub fn FormulaireCandidature(
    donnees: RwSignal<Candidature>,
    annonce: RwSignal<Option<String>>,
) -> impl IntoView {
    let saisie = Saisie::depuis(&donnees.get_untracked());
    let erreur = RwSignal::new(None::<String>);
    // Shown by the button that files, where the eye is when it is refused.
    let erreur_depot = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let id = donnees.with_untracked(|c| c.id.clone());

    let enregistrer = {
        let id = id.clone();
        move |_| {
            let formulaire = match saisie.a_envoyer() {
                Ok(formulaire) => formulaire,
                Err(refus) => {
                    erreur.set(Some(refus));
                    return;
                }
            };
            erreur.set(None);
            succes.set(None);
            en_cours.set(true);
            let id = id.clone();
            spawn_local(async move {
                match modifier(&id, &formulaire).await {
                    Ok(candidature) => {
                        donnees.set(candidature);
                        succes.set(Some("Brouillon enregistré.".to_owned()));
                    }
                    Err(refus) => erreur.set(Some(refus.message())),
                }
                en_cours.set(false);
            });
        }
    };

    let deposer_candidature = move |_| {
        let formulaire = match saisie.a_envoyer() {
            Ok(formulaire) => formulaire,
            Err(refus) => {
                erreur_depot.set(Some(refus));
                return;
            }
        };
        erreur.set(None);
        erreur_depot.set(None);
        succes.set(None);
        en_cours.set(true);
        let id = id.clone();
        spawn_local(async move {
            // What is on screen is what gets filed: save it first.
            let resultat = async {
                modifier(&id, &formulaire).await?;
                deposer(&id).await
            };
            match resultat.await {
                Ok(candidature) => {
                    annonce.set(Some(
                        "Votre candidature est déposée. La préfecture de votre département va donner son avis, \
                         puis l’ANCT décidera."
                            .to_owned(),
                    ));
                    donnees.set(candidature);
                }
                Err::<_, ErreurApi>(refus) => {
                    erreur_depot.set(Some(refus.message()));
                    en_cours.set(false);
                }
            }
        });
    };

    let cas = CasDeFigure::ALL
        .into_iter()
        .map(|cas| {
            (
                cas.as_str().to_owned(),
                format!("{} — {}", cas.as_str(), cas.libelle()),
            )
        })
        .collect::<Vec<_>>();
    // Only the contracts the structure is funded for (the rule of the subsidy), and the one saved if the
    // structure changed since, so nothing is dropped without the person seeing it.
    let structure = donnees.with_untracked(|c| c.structure.clone());
    let mut offerts = match (
        structure.categorie,
        CodeDepartement::parse(&structure.departement_code),
    ) {
        (Some(categorie), Ok(departement)) => contrats_finances(
            &Bareme::APPEL_2023,
            categorie,
            structure.statut_public,
            &departement,
        ),
        _ => TypeContrat::ALL.to_vec(),
    };
    if let Some(enregistre) = TypeContrat::parse(&saisie.contrat.get_untracked())
        && !offerts.contains(&enregistre)
    {
        offerts.push(enregistre);
    }
    let contrats = offerts
        .into_iter()
        .map(|contrat| (contrat.as_str().to_owned(), contrat.libelle().to_owned()))
        .collect::<Vec<_>>();

    view! {
        <form on:submit=|ev| ev.prevent_default() novalidate aria-labelledby="titre-formulaire">
            <h2 id="titre-formulaire" class="fr-h4">"Votre candidature (brouillon)"</h2>
            <p class="fr-text--sm">
                "Enregistrez le brouillon à tout moment ; déposez la candidature quand elle est complète "
                "et que les structures de votre territoire ont été consultées."
            </p>

            <h3 class="fr-h5">"Le poste"</h3>
            <Radios
                nom="cas"
                legende="Cas de figure"
                indice="A : votre structure emploie déjà des conseillers numériques ; B : elle entre dans le programme."
                options=cas
                choix=saisie.cas
            />
            <Liste id="contrat" libelle="Type de contrat du coordinateur" options=contrats valeur=saisie.contrat/>
            <Subvention donnees saisie/>
            <Radios
                nom="candidat"
                legende="Un candidat est-il déjà identifié pour le poste ?"
                options=vec![("oui".to_owned(), "Oui".to_owned()), ("non".to_owned(), "Non".to_owned())]
                choix=saisie.candidat
                en_ligne=true
            />
            <ChampTexte
                id="date-prise-poste"
                libelle="Date de prise de poste envisagée"
                indice="Format attendu : JJ/MM/AAAA"
                type_="date"
                valeur=saisie.date_prise_poste
            />

            <PlaceDansLaGouvernanceLocale donnees saisie/>

            <h3 class="fr-h5 fr-mt-4w">"Le territoire à coordonner"</h3>
            <Perimetre saisie/>

            <h3 class="fr-h5 fr-mt-4w">"Le projet"</h3>
            {QUESTIONS
                .into_iter()
                .zip(saisie.reponses)
                .map(|((id, libelle, indice), valeur)| {
                    let message = Signal::derive(move || {
                        let longueur = valeur.with(|v| v.trim().chars().count());
                        (longueur < maillage_shared::candidature::REPONSE_MIN).then(|| {
                            Message::Info(format!(
                                "{longueur} caractère{} : {} au moins.",
                                if longueur > 1 { "s" } else { "" },
                                maillage_shared::candidature::REPONSE_MIN
                            ))
                        })
                    });
                    view! {
                        <ZoneTexte id libelle indice valeur message longueur_max=REPONSE_MAX/>
                    }
                })
                .collect_view()}

            <ChampsManquants donnees saisie/>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li>
                    <button class="fr-btn fr-btn--secondary" type="button" on:click=enregistrer
                        disabled=move || en_cours.get()>
                        "Enregistrer le brouillon"
                    </button>
                </li>
            </ul>
        </form>

        <Consultations donnees/>

        <section class="fr-my-4w" aria-labelledby="titre-depot">
            <h2 id="titre-depot" class="fr-h4">"Déposer la candidature"</h2>
            <p>
                "Le brouillon est enregistré puis déposé. Une fois déposée, la candidature ne peut plus être "
                "modifiée."
            </p>
            <AlerteErreur message=erreur_depot/>
            <button class="fr-btn" type="button" on:click=deposer_candidature disabled=move || en_cours.get()>
                "Déposer la candidature"
            </button>
        </section>
    }
}

/// The intercommunalités to coordinate (picked with the territory search), or a whole département.
#[component]
fn Perimetre(saisie: Saisie) -> impl IntoView {
    let ajouter = Callback::new(move |suggestion: Suggestion| {
        saisie.epcis.update(|epcis| {
            if !epcis.iter().any(|epci| epci.code == suggestion.code) {
                epcis.push(Lien {
                    code: suggestion.code,
                    nom: suggestion.nom,
                });
            }
        });
    });
    view! {
        <Radios
            nom="perimetre"
            legende="Nature du territoire"
            options=vec![
                ("epcis".to_owned(), "Une ou plusieurs intercommunalités".to_owned()),
                ("departement".to_owned(), "Un département entier".to_owned()),
            ]
            choix=saisie.perimetre
        />
        {move || {
            if saisie.perimetre.get().as_deref() == Some("departement") {
                view! {
                    <ChampTexte
                        id="perimetre-departement-code"
                        libelle="Code du département"
                        indice="Ex. 29 pour le Finistère, 2A pour la Corse-du-Sud."
                        autocomplete="off"
                        valeur=saisie.departement
                    />
                }
                .into_any()
            } else {
                view! {
                    <RechercheTerritoire
                        id="recherche-epci"
                        nature=NatureTerritoire::Epci
                        choisir=ajouter
                        libelle=("Ajouter une intercommunalité", "Recherche d’intercommunalité")
                    />
                    <p class="fr-text--sm fr-mt-1w">"Cherchez par nom ou par SIREN, puis choisissez dans la liste."</p>
                    <div aria-live="polite">
                        {move || {
                            let epcis = saisie.epcis.get();
                            if epcis.is_empty() {
                                return view! { <p>"Aucune intercommunalité choisie."</p> }.into_any();
                            }
                            view! {
                                <ul class="maillage-perimetre" aria-label="Intercommunalités choisies">
                                    {epcis
                                        .into_iter()
                                        .map(|epci| {
                                            let code = epci.code.clone();
                                            view! {
                                                <li>
                                                    {format!("{} (SIREN {})", epci.nom, epci.code)}
                                                    " "
                                                    <button
                                                        class="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-close-line fr-btn--icon-left"
                                                        type="button"
                                                        on:click=move |_| saisie.epcis.update(|epcis| epcis.retain(|e| e.code != code))
                                                    >
                                                        {format!("Retirer {}", epci.nom)}
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                    </div>
                }
                .into_any()
            }
        }}
    }
}

/// The structure's place in the gouvernance of its département, as it declares it, and what the
/// préfecture's register says of it (as of the last save).
#[component]
fn PlaceDansLaGouvernanceLocale(donnees: RwSignal<Candidature>, saisie: Saisie) -> impl IntoView {
    let departement = donnees.with_untracked(|c| c.structure.departement_code.clone());
    let options = PlaceDansLaGouvernance::ALL
        .into_iter()
        .map(|place| {
            let libelle = match place {
                PlaceDansLaGouvernance::NonMembre => "Elle n’en est pas membre",
                PlaceDansLaGouvernance::Membre => "Elle en est membre",
                PlaceDansLaGouvernance::CoPorteur => "Elle en est co-porteuse",
            };
            (place.as_str().to_owned(), libelle.to_owned())
        })
        .collect::<Vec<_>>();
    let message = Signal::derive(move || {
        let declaree = saisie
            .gouvernance
            .get()
            .and_then(|p| PlaceDansLaGouvernance::parse(&p))?;
        let registre = donnees.with(|c| c.gouvernance_locale.registre);
        Some(if declaree.confirmee_par(registre) {
            Message::Valide(format!(
                "Le registre de la préfecture indique : {}.",
                registre.libelle().to_lowercase()
            ))
        } else {
            Message::Info(format!(
                "Le registre de la préfecture indique : {}. L’ANCT verra l’écart ; au besoin, demandez à la \
                 préfecture de mettre à jour la gouvernance.",
                registre.libelle().to_lowercase()
            ))
        })
    });
    view! {
        <Radios
            nom="gouvernance"
            legende="Votre structure dans la gouvernance locale France Numérique Ensemble"
            indice="La gouvernance de votre département, telle que la préfecture l’enregistre."
            options
            choix=saisie.gouvernance
            message
        />
        <p class="fr-text--sm">
            <a class="fr-link" href=format!("/gouvernances/{departement}")>
                {format!("Voir la gouvernance du département {departement}")}
            </a>
        </p>
    }
}

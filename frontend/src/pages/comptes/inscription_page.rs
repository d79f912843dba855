//! `/inscription`: a structure creates its account. Its SIRET fills the form from the company register
//! (name, commune, category and status its legal form implies: the person checks and may change them);
//! the SIRET, the commune and the eligibility are checked as the person types, with the same rules as the
//! server.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use maillage_shared::compte::MOT_DE_PASSE_MIN;
use maillage_shared::structure::{
    CategorieStructure, LONGUEUR_MOTIF_CATEGORIE, Siret, categorie_a_justifier, verifier_eligibilite,
};
use maillage_shared::territoire::CodeCommune;

use crate::api::comptes::{
    EtatRegistre, FicheRegistre, NouvelleStructure, consulter_registre, inscrire_structure,
};
use crate::components::chargement::titre;
use crate::components::commune::ChampCommune;
use crate::components::formulaire::{
    AlerteErreur, Case, ChampTexte, ChampsCompte, Liste, Message, Radios, ZoneTexte,
};
use crate::session::session;

/// The value of the category list for a structure that fits none of the ten.
const AUCUNE_CATEGORIE: &str = "AUCUNE";

/// What the category list says: `None` while nothing is chosen, `Some(None)` for "none of these".
fn categorie_choisie(valeur: &str) -> Option<Option<CategorieStructure>> {
    match valeur {
        "" => None,
        AUCUNE_CATEGORIE => Some(None),
        autre => CategorieStructure::parse(autre).map(Some),
    }
}

/// The registration form of a structure.
#[component]
pub fn InscriptionPage() -> impl IntoView {
    titre("Inscrire ma structure");
    let session = session();
    let navigate = use_navigate();

    let prenom = RwSignal::new(String::new());
    let nom = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let mot_de_passe = RwSignal::new(String::new());
    let siret = RwSignal::new(String::new());
    let siret_quitte = RwSignal::new(false);
    let nom_structure = RwSignal::new(String::new());
    let categorie = RwSignal::new(String::new());
    let statut = RwSignal::new(None::<String>);
    let mission = RwSignal::new(false);
    let code_commune = RwSignal::new(String::new());
    let conseillers = RwSignal::new("0".to_owned());
    let motif_categorie = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);

    // A category that decides the legal status chooses it for the person (they can still change it).
    Effect::new(move |_| {
        if let Some(Some(choisie)) = categorie_choisie(&categorie.get())
            && let Some(public) = choisie.statut_impose()
        {
            statut.set(Some(if public { "public" } else { "prive" }.to_owned()));
        }
    });

    // What the company register said of the SIRET typed, and which SIRET it was asked about.
    let fiche = RwSignal::new(None::<FicheRegistre>);
    let consulte = StoredValue::new(String::new());
    Effect::new(move |_| {
        let Ok(valide) = Siret::parse(&siret.get()) else {
            return;
        };
        let numero = valide.as_str().to_owned();
        if consulte.with_value(|deja| *deja == numero) {
            return;
        }
        consulte.set_value(numero.clone());
        spawn_local(async move {
            let Ok(lue) = consulter_registre(&numero).await else {
                return;
            };
            // The person may have typed another SIRET meanwhile.
            if consulte.with_value(|deja| *deja != numero) {
                return;
            }
            // Only what the person has not filled: the register proposes, the person decides.
            let vide = |champ: RwSignal<String>| champ.with_untracked(|v| v.trim().is_empty());
            if let Some(nom) = lue.nom.clone().filter(|_| vide(nom_structure)) {
                nom_structure.set(nom);
            }
            if let Some(code) = lue.commune_code.clone().filter(|_| vide(code_commune)) {
                code_commune.set(code);
            }
            if let Some(proposee) = lue.categorie_proposee.filter(|_| vide(categorie)) {
                categorie.set(proposee.as_str().to_owned());
            }
            if let Some(public) = lue
                .statut_public
                .filter(|_| statut.with_untracked(Option::is_none))
            {
                statut.set(Some(if public { "public" } else { "prive" }.to_owned()));
            }
            fiche.set(Some(lue));
        });
    });

    // The category the register's legal form implies, when the person chose another one: say why.
    let autre_que_proposee = move || {
        let proposee = fiche.with(|lue| lue.as_ref().and_then(|l| l.categorie_proposee));
        categorie_a_justifier(proposee, categorie_choisie(&categorie.get())?)
    };

    let message_siret = Signal::derive(move || {
        let saisi = siret.get();
        let chiffres = saisi.chars().filter(|c| !c.is_whitespace()).count();
        // Say nothing while the person is still typing the 14 digits.
        if saisi.trim().is_empty() || (chiffres < 14 && !siret_quitte.get()) {
            return None;
        }
        Some(match Siret::parse(&saisi) {
            Ok(valide) => Message::Valide(format!("SIRET valide (SIREN {}).", valide.siren())),
            Err(refus) => Message::Erreur(refus.to_string()),
        })
    });

    let eligibilite = move || {
        let choisie = categorie_choisie(&categorie.get())?;
        let public = statut.get()? == "public";
        Some(verifier_eligibilite(choisie, public, mission.get()))
    };

    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        if en_cours.get_untracked() {
            return;
        }
        siret_quitte.set(true);
        let mut manquants = Vec::new();
        for (valeur, libelle) in [
            (prenom, "votre prénom"),
            (nom, "votre nom"),
            (nom_structure, "le nom de la structure"),
        ] {
            if valeur.with_untracked(|v| v.trim().is_empty()) {
                manquants.push(libelle.to_owned());
            }
        }
        if !email.with_untracked(|e| e.contains('@')) {
            manquants.push("une adresse électronique valide".to_owned());
        }
        if mot_de_passe.with_untracked(|m| m.chars().count()) < MOT_DE_PASSE_MIN {
            manquants.push(format!(
                "un mot de passe d’au moins {MOT_DE_PASSE_MIN} caractères"
            ));
        }
        if Siret::parse(&siret.get_untracked()).is_err() {
            manquants.push("un numéro SIRET valide".to_owned());
        }
        let choisie = categorie_choisie(&categorie.get_untracked());
        if choisie.is_none() {
            manquants.push("la catégorie de la structure".to_owned());
        }
        let public = statut.get_untracked().map(|s| s == "public");
        if public.is_none() {
            manquants.push("le statut public ou privé".to_owned());
        }
        if CodeCommune::parse(&code_commune.get_untracked()).is_err() {
            manquants.push("le code INSEE de la commune du siège".to_owned());
        }
        let motif = autre_que_proposee().map(|_| motif_categorie.get_untracked().trim().to_owned());
        if motif
            .as_ref()
            .is_some_and(|m| !LONGUEUR_MOTIF_CATEGORIE.contains(&m.chars().count()))
        {
            manquants.push(
                "pourquoi vous choisissez une autre catégorie que celle de votre forme juridique (10 à 1000 caractères)"
                    .to_owned(),
            );
        }
        let postes = conseillers.get_untracked().trim().parse::<i64>().ok();
        if !postes.is_some_and(|n| (0..=500).contains(&n)) {
            manquants.push("le nombre de postes de conseiller numérique (de 0 à 500)".to_owned());
        }
        let (Some(categorie), Some(statut_public), Some(postes), true) =
            (choisie, public, postes, manquants.is_empty())
        else {
            erreur.set(Some(format!(
                "Pour vous inscrire, indiquez {}.",
                manquants.join(", ")
            )));
            return;
        };
        let inscription = NouvelleStructure {
            email: email.get_untracked().trim().to_owned(),
            mot_de_passe: mot_de_passe.get_untracked(),
            prenom: prenom.get_untracked().trim().to_owned(),
            nom: nom.get_untracked().trim().to_owned(),
            siret: siret.get_untracked(),
            nom_structure: nom_structure.get_untracked().trim().to_owned(),
            categorie,
            statut_public,
            mission_interet_general: mission.get_untracked(),
            commune_code: code_commune.get_untracked().trim().to_owned(),
            conseillers_numeriques: postes,
            motif_categorie: motif,
        };
        erreur.set(None);
        en_cours.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match inscrire_structure(&inscription).await {
                Ok(personne) => {
                    session.ouvrir(personne);
                    navigate("/espace", Default::default());
                }
                Err(refus) => {
                    erreur.set(Some(refus.message()));
                    en_cours.set(false);
                }
            }
        });
    };

    let categories = CategorieStructure::ALL
        .into_iter()
        .map(|c| (c.as_str().to_owned(), c.libelle().to_owned()))
        .chain([(AUCUNE_CATEGORIE.to_owned(), "Aucune de ces catégories".to_owned())])
        .collect::<Vec<_>>();

    view! {
        <div class="fr-grid-row fr-grid-row--center fr-my-6w">
            <div class="fr-col-12 fr-col-lg-8">
                <h1>"Inscrire ma structure"</h1>
                <p class="fr-text--lead">
                    "Votre structure souhaite porter un poste de conseiller numérique coordinateur : "
                    "créez son compte, puis préparez sa candidature."
                </p>
                <p class="fr-text--sm">"Tous les champs sont obligatoires, sauf mention contraire."</p>
                <form on:submit=envoyer novalidate>
                    <h2 class="fr-h4">"Vous"</h2>
                    <ChampsCompte prenom nom email mot_de_passe/>

                    <h2 class="fr-h4 fr-mt-4w">"Votre structure"</h2>
                    <ChampTexte
                        id="siret"
                        libelle="Numéro SIRET"
                        indice="14 chiffres, espaces permis, ex. 130 026 032 00016"
                        autocomplete="off"
                        valeur=siret
                        message=message_siret
                        requis=true
                        on_blur=Callback::new(move |()| siret_quitte.set(true))
                    />
                    <div aria-live="polite" class="fr-mb-3w">
                        {move || fiche.get().filter(|lue| Siret::parse(&siret.get()).is_ok_and(|s| s.as_str() == lue.siret)).map(|lue| {
                            let classe = match (lue.deja_inscrite, &lue.etat) {
                                (true, _) => "fr-alert fr-alert--warning fr-alert--sm",
                                (false, EtatRegistre::OUVERT) => "fr-alert fr-alert--success fr-alert--sm",
                                (false, EtatRegistre::FERME) => "fr-alert fr-alert--error fr-alert--sm",
                                _ => "fr-alert fr-alert--info fr-alert--sm",
                            };
                            view! {
                                <div class=classe id="registre-entreprises">
                                    <p>{lue.message.clone()}</p>
                                    {lue.deja_inscrite.then(|| view! { <p><a href="/connexion">"Se connecter"</a></p> })}
                                </div>
                            }
                        })}
                    </div>
                    <ChampTexte
                        id="nom-structure"
                        libelle="Nom de la structure"
                        autocomplete="organization"
                        valeur=nom_structure
                        requis=true
                    />
                    <Liste
                        id="categorie"
                        libelle="Catégorie de la structure"
                        indice="Les dix catégories de structures de l’appel à candidatures (II.a)."
                        options=categories
                        valeur=categorie
                    />
                    {move || autre_que_proposee().map(|proposee| view! {
                        <ZoneTexte
                            id="motif-categorie"
                            libelle="Pourquoi une autre catégorie ?"
                            indice=format!(
                                "D’après le répertoire des entreprises, votre forme juridique correspond à « {} ». Dites pourquoi vous en choisissez une autre (10 à 1000 caractères) : l’ANCT et la préfecture le liront.",
                                proposee.libelle()
                            )
                            valeur=motif_categorie
                            lignes=3
                            longueur_max=1000
                            requis=true
                        />
                    })}
                    <Radios
                        nom="statut"
                        legende="Statut juridique"
                        options=vec![
                            ("public".to_owned(), "Personne morale de droit public".to_owned()),
                            ("prive".to_owned(), "Personne morale de droit privé".to_owned()),
                        ]
                        choix=statut
                    />
                    {move || {
                        (categorie.get() == CategorieStructure::PersonneMoraleInteretGeneral.as_str()).then(|| view! {
                            <Case
                                id="mission-interet-general"
                                libelle="Notre structure est chargée d’une mission d’intérêt général et n’a pas un but exclusivement lucratif"
                                cochee=mission
                            />
                        })
                    }}
                    <ChampCommune id="commune" libelle="Commune du siège" valeur=code_commune/>
                    <ChampTexte
                        id="conseillers-numeriques"
                        libelle="Nombre de postes de conseiller numérique déjà employés"
                        indice="0 si votre structure n’en emploie pas."
                        type_="number"
                        min="0".to_owned()
                        max="500".to_owned()
                        valeur=conseillers
                        requis=true
                    />

                    <div aria-live="polite" class="fr-my-3w">
                        {move || {
                            eligibilite().map(|resultat| match resultat {
                                Ok(()) => view! {
                                    <div class="fr-alert fr-alert--success fr-alert--sm">
                                        <p>
                                            "Éligibilité : d’après ces réponses, votre structure peut porter un "
                                            "poste de conseiller numérique coordinateur."
                                        </p>
                                    </div>
                                }
                                .into_any(),
                                Err(motif) => view! {
                                    <div class="fr-alert fr-alert--warning fr-alert--sm">
                                        <p>
                                            "Éligibilité : votre structure pourra s’inscrire mais pas candidater. "
                                            {motif.to_string()}
                                        </p>
                                    </div>
                                }
                                .into_any(),
                            })
                        }}
                    </div>

                    <AlerteErreur message=erreur/>
                    <ul class="fr-btns-group fr-btns-group--inline-md">
                        <li>
                            <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                                "Créer le compte de ma structure"
                            </button>
                        </li>
                    </ul>
                </form>
                <p class="fr-mt-2w">
                    "Déjà inscrite ? " <a href="/connexion">"Se connecter"</a>
                </p>
            </div>
        </div>
    }
}

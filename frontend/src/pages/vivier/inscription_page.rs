//! `/vivier/inscription`: a person joins the national pool of candidates for coordinator posts with
//! their account and their profile; structures whose candidature is validated may then find them.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use maillage_shared::compte::MOT_DE_PASSE_MIN;

use super::profil::{ChampsProfil, SaisieProfil};
use crate::api::comptes::inscrire_candidat;
use crate::components::chargement::titre;
use crate::components::formulaire::{AlerteErreur, ChampsCompte};
use crate::session::session;

/// The registration form of a candidate; on success, their profile page.
#[component]
pub fn InscriptionCandidatPage() -> impl IntoView {
    titre("Rejoindre le vivier");
    let session = session();
    let navigate = use_navigate();

    let prenom = RwSignal::new(String::new());
    let nom = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let mot_de_passe = RwSignal::new(String::new());
    let saisie = SaisieProfil::vide();
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);

    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        if en_cours.get_untracked() {
            return;
        }
        let mut manquants = Vec::new();
        for (valeur, libelle) in [(prenom, "votre prénom"), (nom, "votre nom")] {
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
        let profil = saisie.a_envoyer(&mut manquants);
        let (Some(profil), true) = (profil, manquants.is_empty()) else {
            erreur.set(Some(format!(
                "Pour vous inscrire, indiquez {}.",
                manquants.join(", ")
            )));
            return;
        };
        let adresse = email.get_untracked().trim().to_owned();
        let secret = mot_de_passe.get_untracked();
        let prenom = prenom.get_untracked().trim().to_owned();
        let nom = nom.get_untracked().trim().to_owned();
        erreur.set(None);
        en_cours.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match inscrire_candidat(&adresse, &secret, &prenom, &nom, &profil).await {
                Ok(personne) => {
                    session.ouvrir(personne);
                    navigate("/candidat", Default::default());
                }
                Err(refus) => {
                    erreur.set(Some(refus.message()));
                    en_cours.set(false);
                }
            }
        });
    };

    view! {
        <div class="fr-grid-row fr-grid-row--center fr-my-6w">
            <div class="fr-col-12 fr-col-lg-8">
                <h1>"Rejoindre le vivier"</h1>
                <p class="fr-text--lead">
                    "Vous souhaitez devenir conseiller ou conseillère numérique coordinateur : inscrivez-vous "
                    "dans le vivier national. Les structures dont la candidature est validée par l’ANCT y "
                    "cherchent leur coordinateur."
                </p>
                <p class="fr-text--sm">"Tous les champs sont obligatoires, sauf mention contraire."</p>
                <form on:submit=envoyer novalidate>
                    <h2 class="fr-h4">"Vous"</h2>
                    <ChampsCompte prenom nom email mot_de_passe/>

                    <h2 class="fr-h4 fr-mt-4w">"Votre profil"</h2>
                    <ChampsProfil saisie/>

                    <AlerteErreur message=erreur/>
                    <ul class="fr-btns-group fr-btns-group--inline-md">
                        <li>
                            <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                                "Rejoindre le vivier"
                            </button>
                        </li>
                    </ul>
                </form>
                <p class="fr-mt-2w">
                    "Déjà inscrit ou inscrite ? " <a href="/connexion">"Se connecter"</a>
                </p>
            </div>
        </div>
    }
}

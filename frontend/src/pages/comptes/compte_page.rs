//! `/compte`: the person's own account: their address and whether it is confirmed, a new password, a new
//! address (taken once the link sent there is opened), their data to download, the erasure of the account.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::compte::MOT_DE_PASSE_MIN;

use crate::api::comptes::{Moi, changer_adresse, changer_mot_de_passe, choisir_accord};
use crate::components::acces::reserve;
use crate::components::chargement::titre;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ChampTexte, Radios};
use crate::pages::comptes::mes_donnees::{Effacement, MesDonnees};

/// The account page, for anyone logged in.
#[component]
pub fn ComptePage() -> impl IntoView {
    titre("Mon compte");
    reserve("Mon compte", |personne| {
        view! {
            <h1 class="fr-mt-4w">"Mon compte"</h1>
            <p>
                {format!("{} — {}", personne.nom_complet(), personne.email)}
                {if personne.adresse_verifiee {
                    view! { <span class="fr-badge fr-badge--success fr-badge--sm fr-ml-1w">"Adresse confirmée"</span> }.into_any()
                } else {
                    view! { <span class="fr-badge fr-badge--warning fr-badge--sm fr-ml-1w">"Adresse à confirmer"</span> }.into_any()
                }}
            </p>
            <Accord personne=personne.clone()/>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-6"><NouveauMotDePasse/></div>
                <div class="fr-col-12 fr-col-md-6"><NouvelleAdresse/></div>
            </div>
            <MesDonnees/>
            <Effacement/>
        }
    })
}

/// How the person's roles are named: « Conseillère numérique » or « Conseiller numérique ».
#[component]
fn Accord(personne: Moi) -> impl IntoView {
    let session = crate::session::session();
    let choix = RwSignal::new(Some(
        if personne.au_feminin {
            "feminin"
        } else {
            "masculin"
        }
        .to_owned(),
    ));
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let au_feminin = choix.get_untracked().as_deref() == Some("feminin");
        erreur.set(None);
        spawn_local(async move {
            match choisir_accord(au_feminin).await {
                Ok(moi) => {
                    session.ouvrir(moi);
                    succes.set(Some(
                        "C’est noté : vos rôles sont nommés ainsi partout.".to_owned(),
                    ));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-accord">
            <h2 id="titre-accord" class="fr-h4">"Comment nommer vos rôles"</h2>
            <form on:submit=envoyer novalidate>
                <Radios
                    nom="accord"
                    legende="Vos rôles s’écrivent"
                    options=vec![
                        ("feminin".to_owned(), "Au féminin : conseillère numérique, coordinatrice, médiatrice".to_owned()),
                        ("masculin".to_owned(), "Au masculin : conseiller numérique, coordinateur, médiateur".to_owned()),
                    ]
                    choix
                />
                <AlerteErreur message=erreur/>
                <AlerteSucces message=succes/>
                <button class="fr-btn fr-btn--secondary" type="submit">"Enregistrer"</button>
            </form>
        </section>
    }
}

#[component]
fn NouveauMotDePasse() -> impl IntoView {
    let actuel = RwSignal::new(String::new());
    let nouveau = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (ancien, choisi) = (actuel.get_untracked(), nouveau.get_untracked());
        if choisi.chars().count() < MOT_DE_PASSE_MIN {
            erreur.set(Some(format!(
                "Le nouveau mot de passe doit compter au moins {MOT_DE_PASSE_MIN} caractères."
            )));
            return;
        }
        erreur.set(None);
        spawn_local(async move {
            match changer_mot_de_passe(&ancien, &choisi).await {
                Ok(()) => {
                    actuel.set(String::new());
                    nouveau.set(String::new());
                    succes.set(Some(
                        "Mot de passe changé. Vos sessions sur d’autres appareils sont fermées.".to_owned(),
                    ));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <form on:submit=envoyer novalidate aria-labelledby="titre-mot-de-passe">
            <h2 id="titre-mot-de-passe" class="fr-h4">"Changer de mot de passe"</h2>
            <ChampTexte id="mot-de-passe-actuel" libelle="Mot de passe actuel" type_="password"
                autocomplete="current-password" valeur=actuel requis=true/>
            <ChampTexte id="mot-de-passe-nouveau" libelle="Nouveau mot de passe"
                indice=format!("Au moins {MOT_DE_PASSE_MIN} caractères.") type_="password"
                autocomplete="new-password" valeur=nouveau requis=true/>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            <button class="fr-btn" type="submit">"Changer de mot de passe"</button>
        </form>
    }
}

#[component]
fn NouvelleAdresse() -> impl IntoView {
    let adresse = RwSignal::new(String::new());
    let mot_de_passe = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (nouvelle, secret) = (
            adresse.get_untracked().trim().to_owned(),
            mot_de_passe.get_untracked(),
        );
        if nouvelle.is_empty() || secret.is_empty() {
            erreur.set(Some(
                "Saisissez la nouvelle adresse et votre mot de passe.".to_owned(),
            ));
            return;
        }
        erreur.set(None);
        spawn_local(async move {
            match changer_adresse(&nouvelle, &secret).await {
                Ok(()) => {
                    mot_de_passe.set(String::new());
                    succes.set(Some(format!(
                        "Un lien vient d’être envoyé à {nouvelle} : votre compte prendra cette adresse quand vous \
                         l’ouvrirez (dans les 24 heures). D’ici là, il garde l’actuelle."
                    )));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <form on:submit=envoyer novalidate aria-labelledby="titre-adresse">
            <h2 id="titre-adresse" class="fr-h4">"Changer d’adresse électronique"</h2>
            <ChampTexte id="nouvelle-adresse" libelle="Nouvelle adresse électronique"
                indice="Format attendu : nom@domaine.fr" type_="email" autocomplete="email"
                valeur=adresse requis=true/>
            <ChampTexte id="mot-de-passe-adresse" libelle="Votre mot de passe" type_="password"
                autocomplete="current-password" valeur=mot_de_passe requis=true/>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            <button class="fr-btn" type="submit">"Recevoir le lien de confirmation"</button>
        </form>
    }
}

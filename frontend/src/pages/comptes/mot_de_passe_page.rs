//! A forgotten password: `/mot-de-passe/oublie` asks for a link by email, `/mot-de-passe/nouveau?jeton=…`
//! (the link) sets the new password and logs in, every other session of the account ended.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use maillage_shared::compte::MOT_DE_PASSE_MIN;

use crate::api::comptes::{demander_reinitialisation, reinitialiser_mot_de_passe};
use crate::components::chargement::titre;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ChampTexte};
use crate::session::session;

/// Asks for a link to choose a new password. The answer is the same whether the address has an account.
#[component]
pub fn MotDePasseOubliePage() -> impl IntoView {
    titre("Mot de passe oublié");
    let email = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let adresse = email.get_untracked().trim().to_owned();
        if adresse.is_empty() {
            erreur.set(Some(
                "Saisissez l’adresse électronique de votre compte.".to_owned(),
            ));
            return;
        }
        erreur.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match demander_reinitialisation(&adresse).await {
                Ok(()) => succes.set(Some(format!(
                    "Si un compte Maillage utilise l’adresse {adresse}, un lien vient de lui être envoyé. Il est \
                     valable une heure. Pensez à regarder dans les courriels indésirables."
                ))),
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    view! {
        <div class="fr-grid-row fr-grid-row--center fr-my-6w">
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
                <h1>"Mot de passe oublié"</h1>
                <p>"Saisissez l’adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe."</p>
                <form on:submit=envoyer novalidate>
                    <ChampTexte
                        id="email"
                        libelle="Adresse électronique"
                        indice="Format attendu : nom@domaine.fr"
                        type_="email"
                        autocomplete="username"
                        valeur=email
                        requis=true
                    />
                    <AlerteErreur message=erreur/>
                    <AlerteSucces message=succes/>
                    <ul class="fr-btns-group">
                        <li>
                            <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                                "Recevoir un lien"
                            </button>
                        </li>
                    </ul>
                </form>
                <p><a href="/connexion">"Revenir à la connexion"</a></p>
            </div>
        </div>
    }
}

/// Sets the new password with the link's secret, then goes to the person's space.
#[component]
pub fn NouveauMotDePassePage() -> impl IntoView {
    titre("Choisir un nouveau mot de passe");
    let session = session();
    let navigate = use_navigate();
    let jeton = use_query_map().with_untracked(|query| query.get("jeton").unwrap_or_default());
    let mot_de_passe = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (nouveau, repete) = (mot_de_passe.get_untracked(), confirmation.get_untracked());
        if nouveau.chars().count() < MOT_DE_PASSE_MIN {
            erreur.set(Some(format!(
                "Le mot de passe doit compter au moins {MOT_DE_PASSE_MIN} caractères."
            )));
            return;
        }
        if nouveau != repete {
            erreur.set(Some("Les deux mots de passe saisis sont différents.".to_owned()));
            return;
        }
        erreur.set(None);
        en_cours.set(true);
        let (jeton, navigate) = (jeton.clone(), navigate.clone());
        spawn_local(async move {
            match reinitialiser_mot_de_passe(&jeton, &nouveau).await {
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
    view! {
        <div class="fr-grid-row fr-grid-row--center fr-my-6w">
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
                <h1>"Choisir un nouveau mot de passe"</h1>
                <p>"Vos autres sessions seront fermées : sur un autre appareil, il faudra vous reconnecter."</p>
                <form on:submit=envoyer novalidate>
                    <ChampTexte
                        id="mot-de-passe"
                        libelle="Nouveau mot de passe"
                        indice=format!("Au moins {MOT_DE_PASSE_MIN} caractères ; une phrase facile à retenir convient.")
                        type_="password"
                        autocomplete="new-password"
                        valeur=mot_de_passe
                        requis=true
                    />
                    <ChampTexte
                        id="confirmation"
                        libelle="Le même mot de passe, une seconde fois"
                        type_="password"
                        autocomplete="new-password"
                        valeur=confirmation
                        requis=true
                    />
                    <AlerteErreur message=erreur/>
                    <ul class="fr-btns-group">
                        <li>
                            <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                                "Enregistrer et me connecter"
                            </button>
                        </li>
                    </ul>
                </form>
                <p><a href="/mot-de-passe/oublie">"Demander un nouveau lien"</a></p>
            </div>
        </div>
    }
}

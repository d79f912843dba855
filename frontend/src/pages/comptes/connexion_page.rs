//! `/connexion`: log in with ProConnect (the State's agents, structures' staff) when the service offers it,
//! or with an email and a password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::comptes::{connexion, pro_connect_offert, refus_pro_connect};
use crate::components::chargement::titre;
use crate::components::formulaire::{AlerteErreur, ChampTexte};
use crate::session::session;

/// The login page; on success, the person's space.
#[component]
pub fn ConnexionPage() -> impl IntoView {
    titre("Se connecter");
    let session = session();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let mot_de_passe = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    // Back from ProConnect without a session: say why, where the eye is (at the button).
    let code = use_query_map().with_untracked(|query| query.get("proconnect"));
    // The page that asked the person to log in, if it is one of ours; else their space.
    let retour = use_query_map()
        .with_untracked(|query| query.get("retour"))
        .and_then(|retour| maillage_shared::compte::page_de_retour(&retour).map(str::to_owned))
        .unwrap_or_else(|| "/espace".to_owned());
    // ProConnect brings the person back to that page too (the server checks it again).
    let depart_pro_connect = match retour.as_str() {
        "/espace" => "/auth/proconnect".to_owned(),
        page => format!(
            "/auth/proconnect?retour={}",
            js_sys::encode_uri_component(page).as_string().unwrap_or_default()
        ),
    };
    // A request to join one's structure is on its way: news, not a failure.
    let demande_envoyee = code.as_deref() == Some("demande-envoyee");
    let refus = code.map(|code| refus_pro_connect(&code));
    let pro_connect = LocalResource::new(|| async { pro_connect_offert().await.unwrap_or(false) });

    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        if en_cours.get_untracked() {
            return;
        }
        let adresse = email.get_untracked().trim().to_owned();
        let secret = mot_de_passe.get_untracked();
        if adresse.is_empty() || secret.is_empty() {
            erreur.set(Some(
                "Saisissez votre adresse électronique et votre mot de passe.".to_owned(),
            ));
            return;
        }
        erreur.set(None);
        en_cours.set(true);
        let navigate = navigate.clone();
        let retour = retour.clone();
        spawn_local(async move {
            match connexion(&adresse, &secret).await {
                Ok(personne) => {
                    session.ouvrir(personne);
                    navigate(&retour, Default::default());
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
                <h1>"Se connecter à Maillage"</h1>
                {move || {
                    session.moi.get().map(|personne| view! {
                        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
                            <p>
                                {format!("Vous êtes connecté en tant que {}. ", personne.nom_complet())}
                                <a href="/espace">"Aller à mon espace"</a>
                            </p>
                        </div>
                    })
                }}
                {move || {
                    let offert = pro_connect.get().unwrap_or(false);
                    let refus = refus.clone();
                    let depart_pro_connect = depart_pro_connect.clone();
                    (offert || refus.is_some()).then(move || view! {
                        <section class="fr-mb-4w" aria-labelledby="proconnect-titre">
                            <h2 class="fr-h5" id="proconnect-titre">"Agents de l’État et des collectivités, structures"</h2>
                            {if demande_envoyee {
                                view! {
                                    <div role="status">
                                        <div class="fr-alert fr-alert--info fr-alert--sm fr-my-2w">
                                            <p>{refus.clone()}</p>
                                        </div>
                                    </div>
                                }
                                .into_any()
                            } else {
                                let refus = refus.clone();
                                view! { <AlerteErreur message=Signal::derive(move || refus.clone())/> }.into_any()
                            }}
                            {offert.then(|| view! {
                                <div class="fr-connect-group">
                                    <a class="fr-connect fr-connect--proconnect" href=depart_pro_connect rel="external">
                                        <span class="fr-connect__login">"S’identifier avec"</span>
                                        " "
                                        <span class="fr-connect__brand">"ProConnect"</span>
                                    </a>
                                    <p>
                                        <a
                                            href="https://www.proconnect.gouv.fr/"
                                            target="_blank"
                                            rel="noopener"
                                            title="Qu’est-ce que ProConnect ? - nouvelle fenêtre"
                                        >
                                            "Qu’est-ce que ProConnect ?"
                                        </a>
                                    </p>
                                </div>
                            })}
                            <p class="fr-hint-text">"Ou, sans ProConnect :"</p>
                        </section>
                    })
                }}
                <form on:submit=envoyer novalidate>
                    <fieldset class="fr-fieldset" aria-labelledby="connexion-legende">
                        <legend class="fr-fieldset__legend" id="connexion-legende">
                            "Avec votre compte"
                        </legend>
                        <div class="fr-fieldset__element">
                            <ChampTexte
                                id="email"
                                libelle="Adresse électronique"
                                indice="Format attendu : nom@domaine.fr"
                                type_="email"
                                autocomplete="username"
                                valeur=email
                                requis=true
                            />
                        </div>
                        <div class="fr-fieldset__element">
                            <ChampTexte
                                id="mot-de-passe"
                                libelle="Mot de passe"
                                type_="password"
                                autocomplete="current-password"
                                valeur=mot_de_passe
                                requis=true
                            />
                        </div>
                    </fieldset>
                    <p class="fr-mb-2w"><a href="/mot-de-passe/oublie">"Mot de passe oublié ?"</a></p>
                    <AlerteErreur message=erreur/>
                    <ul class="fr-btns-group">
                        <li>
                            <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                                "Se connecter"
                            </button>
                        </li>
                    </ul>
                </form>
                <hr class="fr-mt-4w"/>
                <h2 class="fr-h5">"Vous n’avez pas de compte ?"</h2>
                <p>
                    "Une structure qui souhaite porter un poste de conseiller numérique coordinateur "
                    "s’inscrit en quelques minutes avec son numéro SIRET."
                </p>
                <a class="fr-btn fr-btn--secondary" href="/inscription">"Inscrire ma structure"</a>
                <p class="fr-mt-3w">
                    "Vous souhaitez devenir coordinateur ou coordinatrice ? "
                    <a href="/vivier/inscription">"Rejoignez le vivier des candidats"</a> "."
                </p>
            </div>
        </div>
    }
}

//! `/invitation-agent?jeton=…`: the link of an invitation to hold a role. Logged in with the invited
//! address, the person accepts at once; otherwise she creates the account of that address, or logs in with
//! the one it has.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use maillage_shared::compte::MOT_DE_PASSE_MIN;

use crate::api::agents::{InvitationLue, lire};
use crate::api::comptes::accepter_invitation_agent;
use crate::components::chargement::{afficher, titre};
use crate::components::formulaire::{AlerteErreur, ChampTexte};
use crate::session::session;

const TITRE: &str = "Invitation à rejoindre Maillage";

#[component]
pub fn InvitationAgentPage() -> impl IntoView {
    titre(TITRE);
    let jeton = use_query_map().with_untracked(|query| query.get("jeton").unwrap_or_default());
    let lecture = {
        let jeton = jeton.clone();
        LocalResource::new(move || {
            let jeton = jeton.clone();
            async move { lire(&jeton).await }
        })
    };
    view! {
        <div class="fr-grid-row fr-grid-row--center fr-my-6w">
            <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
                <h1>{TITRE}</h1>
                {afficher(lecture, move |invitation| view! { <Acceptation invitation jeton=jeton.clone()/> })}
            </div>
        </div>
    }
}

#[component]
fn Acceptation(invitation: InvitationLue, jeton: String) -> impl IntoView {
    let session = session();
    let navigate = use_navigate();
    let jeton = StoredValue::new(jeton);
    let prenom = RwSignal::new(String::new());
    let nom = RwSignal::new(String::new());
    let mot_de_passe = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let accepter = move |compte: Option<(String, String, String)>| {
        en_cours.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match accepter_invitation_agent(&jeton.get_value(), compte).await {
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
    let accepter_connecte = {
        let accepter = accepter.clone();
        move |_| accepter(None)
    };
    let creer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (p, n, m) = (
            prenom.get_untracked(),
            nom.get_untracked(),
            mot_de_passe.get_untracked(),
        );
        if p.trim().is_empty() || n.trim().is_empty() {
            erreur.set(Some("Saisissez votre prénom et votre nom.".to_owned()));
            return;
        }
        if m.chars().count() < MOT_DE_PASSE_MIN {
            erreur.set(Some(format!(
                "Le mot de passe doit compter au moins {MOT_DE_PASSE_MIN} caractères."
            )));
            return;
        }
        accepter(Some((p, n, m)));
    };
    let email = invitation.email.clone();
    view! {
        <p class="fr-text--lead">
            {format!("Vous êtes invité à utiliser Maillage avec le rôle « {} », à l’adresse {}.", invitation.libelle, invitation.email)}
        </p>
        <AlerteErreur message=erreur/>
        {move || {
            let connecte = session.moi.get();
            match (connecte, invitation.compte_existant) {
                (Some(moi), _) if moi.email == email => view! {
                    <button class="fr-btn" type="button" disabled=move || en_cours.get() on:click=accepter_connecte.clone()>
                        "Accepter l’invitation"
                    </button>
                }.into_any(),
                (Some(moi), _) => view! {
                    <p>{format!("Vous êtes connecté avec {} : déconnectez-vous, puis connectez-vous avec {} pour accepter.", moi.email, email)}</p>
                }.into_any(),
                (None, true) => view! {
                    <p>"Un compte existe à cette adresse : connectez-vous, puis rouvrez le lien de l’invitation."</p>
                    <a class="fr-btn" href="/connexion">"Se connecter"</a>
                }.into_any(),
                (None, false) => view! {
                    <form on:submit=creer.clone() novalidate>
                        <fieldset class="fr-fieldset" aria-labelledby="legende-compte">
                            <legend class="fr-fieldset__legend" id="legende-compte">"Créer votre compte"</legend>
                            <div class="fr-fieldset__element">
                                <ChampTexte id="prenom" libelle="Prénom" autocomplete="given-name" valeur=prenom requis=true/>
                            </div>
                            <div class="fr-fieldset__element">
                                <ChampTexte id="nom" libelle="Nom" autocomplete="family-name" valeur=nom requis=true/>
                            </div>
                            <div class="fr-fieldset__element">
                                <ChampTexte id="mot-de-passe" libelle="Mot de passe"
                                    indice=format!("Au moins {MOT_DE_PASSE_MIN} caractères.") type_="password"
                                    autocomplete="new-password" valeur=mot_de_passe requis=true/>
                            </div>
                        </fieldset>
                        <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                            "Créer mon compte et accepter"
                        </button>
                    </form>
                }.into_any(),
            }
        }}
    }
}

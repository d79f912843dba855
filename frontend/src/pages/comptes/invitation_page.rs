//! `/invitation/:jeton`: the page of the link a coordinator's invitation emails to a médiateur numérique.
//! It says who invites, for which territory; the person accepts (creating the account of the invited
//! address, or logging in with the one it has) or declines, which needs no account.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use maillage_shared::compte::MOT_DE_PASSE_MIN;
use maillage_shared::equipe::{StatutInvitation, VALIDITE_INVITATION_JOURS};

use crate::api::comptes::{accepter_invitation, connexion};
use crate::api::equipe::{InvitationRecue, lire, refuser};
use crate::components::chargement::{afficher, titre};
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ChampTexte};
use crate::session::session;

/// The page's title.
const TITRE: &str = "Invitation à rejoindre une équipe de médiation numérique";

#[component]
pub fn InvitationPage() -> impl IntoView {
    titre(TITRE);
    let params = use_params_map();
    let jeton = params.read_untracked().get("jeton").unwrap_or_default();
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
                {afficher(lecture, move |invitation| view! { <Reponse invitation jeton=jeton.clone()/> })}
            </div>
        </div>
    }
}

/// What the person can do with a readable invitation.
#[component]
fn Reponse(invitation: InvitationRecue, jeton: String) -> impl IntoView {
    let session = session();
    let navigate = use_navigate();
    let jeton = StoredValue::new(jeton);
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let repondue = RwSignal::new(false);
    let presentation = format!(
        "{}, conseiller numérique coordinateur porté par {} (département {}), invite {} {} ({}) à rejoindre son \
         équipe de médiateurs numériques : vous serez convié à ses temps d’animation et d’échange.",
        invitation.coordinateur,
        invitation.porteuse,
        invitation.departement_code,
        invitation.prenom,
        invitation.nom,
        invitation.email
    );
    let ouverte = invitation.statut == StatutInvitation::Envoyee && !invitation.expiree;
    let etat = match invitation.statut {
        StatutInvitation::Envoyee if invitation.expiree => Some(format!(
            "Ce lien a expiré : il vaut {VALIDITE_INVITATION_JOURS} jours. Demandez à {} de vous renvoyer l’invitation.",
            invitation.coordinateur
        )),
        StatutInvitation::Envoyee => None,
        _ => Some("Cette invitation a déjà reçu une réponse.".to_owned()),
    };

    let decliner = move |_| {
        erreur.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match refuser(&jeton.get_value()).await {
                Ok(()) => {
                    repondue.set(true);
                    succes.set(Some(
                        "Vous avez décliné l’invitation. Le coordinateur en est informé.".to_owned(),
                    ));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    let accepter = {
        let navigate = navigate.clone();
        move |compte: Option<(String, String, String)>| {
            let navigate = navigate.clone();
            erreur.set(None);
            en_cours.set(true);
            spawn_local(async move {
                match accepter_invitation(&jeton.get_value(), compte).await {
                    Ok(personne) => {
                        session.ouvrir(personne);
                        navigate("/mes-equipes", Default::default());
                    }
                    Err(refus) => {
                        erreur.set(Some(refus.message()));
                        en_cours.set(false);
                    }
                }
            });
        }
    };
    let email = invitation.email.clone();
    let compte_existant = invitation.compte_existant;
    let prenom = RwSignal::new(invitation.prenom.clone());
    let nom = RwSignal::new(invitation.nom.clone());
    let mot_de_passe = RwSignal::new(String::new());
    let choix = move || {
        if !ouverte || repondue.get() {
            return None;
        }
        let connecte = session.moi.get();
        let accepter = accepter.clone();
        let vue = match connecte {
            Some(moi) if moi.email == email => view! {
                <button class="fr-btn" type="button" disabled=move || en_cours.get()
                    on:click=move |_| accepter(None)>
                    "Accepter et rejoindre l’équipe"
                </button>
            }
            .into_any(),
            Some(moi) => view! {
                <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
                    <p>
                        {format!(
                            "Vous êtes connecté avec {} : cette invitation est adressée à {}. Déconnectez-vous puis \
                             rouvrez ce lien pour l’accepter.",
                            moi.email, email
                        )}
                    </p>
                </div>
            }
            .into_any(),
            None if compte_existant => view! { <ConnexionInvite email=email.clone()/> }.into_any(),
            None => {
                let creer = move |ev: SubmitEvent| {
                    ev.prevent_default();
                    if mot_de_passe.with_untracked(|m| m.chars().count()) < MOT_DE_PASSE_MIN {
                        erreur.set(Some(format!(
                            "Le mot de passe doit compter au moins {MOT_DE_PASSE_MIN} caractères."
                        )));
                        return;
                    }
                    accepter(Some((prenom.get_untracked(), nom.get_untracked(), mot_de_passe.get_untracked())));
                };
                view! {
                    <form on:submit=creer novalidate>
                        <h2 class="fr-h5">"Accepter en créant votre compte"</h2>
                        <p>{format!("Votre compte Maillage utilisera l’adresse {email}.")}</p>
                        <div class="fr-grid-row fr-grid-row--gutters">
                            <div class="fr-col-12 fr-col-md-6">
                                <ChampTexte id="prenom" libelle="Prénom" autocomplete="given-name" valeur=prenom requis=true/>
                            </div>
                            <div class="fr-col-12 fr-col-md-6">
                                <ChampTexte id="nom" libelle="Nom" autocomplete="family-name" valeur=nom requis=true/>
                            </div>
                        </div>
                        <ChampTexte id="mot-de-passe" libelle="Mot de passe" type_="password" autocomplete="new-password"
                            indice=format!("{MOT_DE_PASSE_MIN} caractères au minimum.") valeur=mot_de_passe requis=true/>
                        <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                            "Accepter et créer mon compte"
                        </button>
                    </form>
                }
                .into_any()
            }
        };
        Some(vue)
    };
    view! {
        <div class="fr-callout fr-mb-4w">
            <p class="fr-callout__text">{presentation}</p>
        </div>
        {etat.map(|texte| view! {
            <div class="fr-alert fr-alert--info fr-mb-3w"><p>{texte}</p></div>
        })}
        <AlerteErreur message=erreur/>
        <AlerteSucces message=succes/>
        {choix}
        {move || (ouverte && !repondue.get()).then(|| view! {
            <p class="fr-mt-4w">
                <button class="fr-btn fr-btn--tertiary" type="button" disabled=move || en_cours.get()
                    on:click=decliner>
                    "Décliner l’invitation"
                </button>
            </p>
        })}
    }
}

/// Logging in on the page itself, for an address that already has an account; the choice to accept then
/// shows in place.
#[component]
fn ConnexionInvite(email: String) -> impl IntoView {
    let session = session();
    let adresse = RwSignal::new(email);
    let mot_de_passe = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (adresse, secret) = (adresse.get_untracked(), mot_de_passe.get_untracked());
        erreur.set(None);
        spawn_local(async move {
            match connexion(&adresse, &secret).await {
                Ok(personne) => session.ouvrir(personne),
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <form on:submit=envoyer novalidate>
            <h2 class="fr-h5">"Connectez-vous pour accepter"</h2>
            <p>"Un compte Maillage existe déjà avec cette adresse."</p>
            <ChampTexte id="connexion-email" libelle="Adresse électronique" type_="email" autocomplete="email"
                valeur=adresse requis=true/>
            <ChampTexte id="connexion-mot-de-passe" libelle="Mot de passe" type_="password"
                autocomplete="current-password" valeur=mot_de_passe requis=true/>
            <AlerteErreur message=erreur/>
            <button class="fr-btn" type="submit">"Se connecter"</button>
        </form>
    }
}

//! `/coordination/equipe`: the coordinator invites médiateurs numériques from outside the programme into
//! its team, follows the invitations (sent, resent, accepted, declined, expired), takes a médiateur off the
//! team, and reads the team's history as a timeline of arrivals and departures.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::equipe::{OrigineMembre, StatutInvitation};
use maillage_shared::role::Role;

use crate::api::equipe::{
    EmployeurDuTerritoire, InvitationMediateur, MouvementEquipe, NouvelleInvitation, SuiviEquipe, inviter,
    renvoyer, retirer, suivi,
};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::commune::ChampCommune;
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ChampTexte};
use crate::components::tableau::Tableau;
use crate::format::date;

/// The page's title.
const TITRE: &str = "Médiateurs, employeurs et historique de mon équipe";

#[component]
pub fn EquipePage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Coordinateur], |_| {
        let version = RwSignal::new(0_u32);
        let donnees = LocalResource::new(move || {
            version.track();
            suivi()
        });
        let recharger = move || version.update(|v| *v += 1);
        let en_poste = Memo::new(move |_| matches!(donnees.get(), Some(Ok(_))));
        view! {
            <FilAriane
                parents=super::fil_coordination()
                actuel=TITRE/>
            <h1>{TITRE}</h1>
            <p class="fr-text--lead">
                "Votre équipe réunit les conseillers numériques de votre périmètre et les médiateurs numériques "
                "hors dispositif que vous invitez. Chacun reçoit un lien par courriel, valable 30 jours, pour "
                "accepter ou refuser."
            </p>
            // The form once the team is read: without a post there is nobody to invite to. Drawn once, so
            // its confirmation stays while the list reloads.
            {move || en_poste.get().then(|| view! { <Formulaire apres=recharger/> })}
            {afficher(donnees, move |SuiviEquipe { mes_invitations, historique_equipe, employeurs_de_mon_territoire }| view! {
                <Invitations invitations=mes_invitations apres=recharger/>
                <Employeurs employeurs=employeurs_de_mon_territoire/>
                <Historique mouvements=historique_equipe/>
            })}
        }
    })
}

/// The invitation form.
#[component]
fn Formulaire(apres: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let prenom = RwSignal::new(String::new());
    let nom = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let structure = RwSignal::new(String::new());
    let commune = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        if en_cours.get_untracked() {
            return;
        }
        let nouvelle = NouvelleInvitation {
            email: email.get_untracked().trim().to_owned(),
            prenom: prenom.get_untracked(),
            nom: nom.get_untracked(),
            structure: structure.get_untracked(),
            commune_code: Some(commune.get_untracked().trim().to_owned()).filter(|c| !c.is_empty()),
        };
        erreur.set(None);
        succes.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match inviter(&nouvelle).await {
                Ok(()) => {
                    succes.set(Some(format!(
                        "Invitation envoyée à {} {} ({}).",
                        nouvelle.prenom.trim(),
                        nouvelle.nom.trim(),
                        nouvelle.email
                    )));
                    for champ in [prenom, nom, email, structure, commune] {
                        champ.set(String::new());
                    }
                    apres();
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-inviter">
            <h2 id="titre-inviter" class="fr-h4">"Inviter un médiateur numérique"</h2>
            <form on:submit=envoyer novalidate>
                <div class="fr-grid-row fr-grid-row--gutters">
                    <div class="fr-col-12 fr-col-md-6">
                        <ChampTexte id="invite-prenom" libelle="Prénom" valeur=prenom requis=true/>
                    </div>
                    <div class="fr-col-12 fr-col-md-6">
                        <ChampTexte id="invite-nom" libelle="Nom" valeur=nom requis=true/>
                    </div>
                    <div class="fr-col-12 fr-col-md-6">
                        <ChampTexte id="invite-email" libelle="Adresse électronique" type_="email"
                            indice="Le lien d’invitation y sera envoyé." valeur=email requis=true/>
                    </div>
                    <div class="fr-col-12 fr-col-md-6">
                        <ChampTexte id="invite-structure" libelle="Structure"
                            indice="Où la personne exerce : médiathèque, centre social, association…"
                            valeur=structure requis=true/>
                    </div>
                    <div class="fr-col-12 fr-col-md-6">
                        <ChampCommune id="invite-commune" libelle="Commune d’exercice (facultatif)" valeur=commune
                            requis=false/>
                    </div>
                </div>
                <AlerteErreur message=erreur/>
                <AlerteSucces message=succes/>
                <button class="fr-btn" type="submit" disabled=move || en_cours.get()>"Envoyer l’invitation"</button>
            </form>
        </section>
    }
}

/// How an invitation stands, as a badge.
fn badge(invitation: &InvitationMediateur) -> (&'static str, String) {
    match invitation.statut {
        StatutInvitation::Envoyee if invitation.expiree => ("fr-badge--warning", "Lien expiré".to_owned()),
        StatutInvitation::Envoyee => (
            "fr-badge--info",
            format!("Envoyée le {}", date(invitation.envoyee_le.date_naive())),
        ),
        StatutInvitation::Acceptee => ("fr-badge--success", "Dans l’équipe".to_owned()),
        StatutInvitation::Refusee => ("fr-badge--error", "Refusée".to_owned()),
        StatutInvitation::Partie => (
            "",
            invitation.parti_le.map_or_else(
                || "A quitté l’équipe".to_owned(),
                |jour| format!("Partie le {}", date(jour)),
            ),
        ),
    }
}

/// The invitations, with their actions.
#[component]
fn Invitations(
    invitations: Vec<InvitationMediateur>,
    apres: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    if invitations.is_empty() {
        return view! {
            <section class="fr-my-4w" aria-labelledby="titre-invitations">
                <h2 id="titre-invitations" class="fr-h4">"Invitations"</h2>
                <p>"Vous n’avez invité personne pour l’instant."</p>
            </section>
        }
        .into_any();
    }
    let lignes = invitations
        .into_iter()
        .map(|invitation| {
            let (classe, texte) = badge(&invitation);
            let personne = format!("{} {}", invitation.prenom, invitation.nom);
            let id = invitation.id.clone();
            // A member is taken off the team; anyone else is sent the invitation again.
            let membre = invitation.statut == StatutInvitation::Acceptee;
            let (classe_bouton, bouton, libelle, reussite) = if membre {
                (
                    "fr-btn--tertiary",
                    "Retirer",
                    format!("Retirer {personne} de l’équipe"),
                    format!("{personne} ne fait plus partie de l’équipe."),
                )
            } else {
                (
                    "fr-btn--secondary",
                    "Renvoyer",
                    format!("Renvoyer l’invitation à {personne}"),
                    format!("Invitation renvoyée à {}.", invitation.email),
                )
            };
            let agir = move |_| {
                let id = id.clone();
                let reussite = reussite.clone();
                erreur.set(None);
                spawn_local(async move {
                    let resultat = if membre {
                        retirer(&id, "").await
                    } else {
                        renvoyer(&id).await
                    };
                    match resultat {
                        Ok(()) => {
                            succes.set(Some(reussite));
                            apres();
                        }
                        Err(refus) => erreur.set(Some(refus.message())),
                    }
                });
            };
            let action = view! {
                <button class=format!("fr-btn fr-btn--sm {classe_bouton}") type="button" title=libelle.clone()
                    aria-label=libelle on:click=agir>
                    {bouton}
                </button>
            };
            view! {
                <tr>
                    <td>{personne}</td>
                    <td>{invitation.email.clone()}</td>
                    <td>{invitation.structure.clone()}</td>
                    <td>
                        <p class=format!("fr-badge fr-badge--sm {classe}")>{texte}</p>
                        {(invitation.envois > 1).then(|| view! {
                            <span class="fr-text--xs">{format!(" ({} envois)", invitation.envois)}</span>
                        })}
                    </td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-invitations">
            <h2 id="titre-invitations" class="fr-h4">"Invitations"</h2>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            <Tableau legende="Médiateurs numériques invités"
                colonnes=vec![("Nom", false), ("Adresse", false), ("Structure", false), ("Statut", false), ("Action", false)]>
                {lignes}
            </Tableau>
        </section>
    }
    .into_any()
}

/// Arrivals and departures, latest first, as a timeline.
#[component]
fn Historique(mouvements: Vec<MouvementEquipe>) -> impl IntoView {
    let contenu = if mouvements.is_empty() {
        view! { <p>"Aucune arrivée ni aucun départ pour l’instant."</p> }.into_any()
    } else {
        let elements = mouvements
            .into_iter()
            .map(|m| {
                let qui = match m.origine {
                    OrigineMembre::Conseiller => "conseiller numérique",
                    OrigineMembre::Mediateur => "médiateur numérique",
                };
                let quoi = if m.arrivee { "Arrivée" } else { "Départ" };
                view! {
                    <li class="maillage-frise__action">
                        <p class="fr-text--sm fr-mb-1v"><time datetime=m.date.to_string()>{date(m.date)}</time></p>
                        <p class="fr-badge fr-badge--sm fr-mb-1v" class:fr-badge--success=m.arrivee>{quoi}</p>
                        <p class="fr-mb-1v"><span class="fr-text--bold">{m.personne}</span>{format!(", {qui}")}</p>
                        {(!m.motif.is_empty()).then(|| view! {
                            <p class="fr-text--sm fr-mb-1v">{format!("Motif : {}", m.motif)}</p>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="maillage-frise__mois">{elements}</ol> }.into_any()
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-historique">
            <h2 id="titre-historique" class="fr-h4">"Historique de l’équipe"</h2>
            {contenu}
        </section>
    }
}

/// The employers of the territory, each with its conseillers under contract and whom to reach.
#[component]
fn Employeurs(employeurs: Vec<EmployeurDuTerritoire>) -> impl IntoView {
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-employeurs">
            <h2 id="titre-employeurs" class="fr-h4">"Employeurs du territoire"</h2>
            {if employeurs.is_empty() {
                view! { <p>"Aucun conseiller numérique sous contrat dans votre périmètre."</p> }.into_any()
            } else {
                view! {
                    <Tableau legende="Structures employant les conseillers numériques de votre périmètre"
                        colonnes=vec![("Structure", false), ("Conseillers numériques", false), ("Contacts", false)]>
                        {employeurs.into_iter().map(|e| view! {
                            <tr>
                                <td>
                                    <span class="fr-text--bold">{e.nom}</span><br/>
                                    {format!("{} — SIRET {}", e.commune, e.siret)}
                                </td>
                                <td>
                                    <ul class="fr-raw-list">
                                        {e.conseillers.into_iter().map(|c| view! {
                                            <li>
                                                {format!("{} {}", c.prenom, c.nom)}
                                                {c.contrat_fin.map(|fin| format!(" (contrat jusqu’au {})", date(fin)))}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </td>
                                <td>
                                    <ul class="fr-raw-list">
                                        {e.contacts.into_iter().map(|p| view! {
                                            <li>
                                                {format!("{} {} ", p.prenom, p.nom)}
                                                <a href=format!("mailto:{}", p.email)>{p.email.clone()}</a>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </td>
                            </tr>
                        }).collect_view()}
                    </Tableau>
                }.into_any()
            }}
        </section>
    }
}

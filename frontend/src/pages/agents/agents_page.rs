//! `/agents`: for ANCT, a préfecture, a hub or a structure: the roles of its scope and who holds them, the
//! invitations waiting for an answer, a form to invite someone, and the withdrawal of a role (confirmed); for
//! ANCT, the deactivation of an account (confirmed) and its reactivation; for a structure, the requests of
//! people who logged in with ProConnect with its SIRET to join it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::role::{Portee, Role};

use crate::api::agents::{
    demandes_de_rattachement, desactiver, en_attente, inviter, reactiver, repondre_a_une_demande, retirer,
    roles_administres,
};
use crate::api::comptes::Moi;
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::confirmation::Confirmation;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ChampTexte};
use crate::format::horodatage;

const TITRE: &str = "Agents et collègues";

/// The page, for the roles that administer others.
#[component]
pub fn AgentsPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(
        TITRE,
        &[Role::Anct, Role::Prefecture, Role::Hub, Role::Structure],
        |moi| {
            view! { <Administration moi/> }
        },
    )
}

#[component]
fn Administration(moi: Moi) -> impl IntoView {
    let role = moi.role().unwrap_or(Role::Structure);
    let version = RwSignal::new(0_u32);
    let recharger = move || version.update(|v| *v += 1);
    let roles = LocalResource::new(move || {
        version.track();
        roles_administres()
    });
    let attente = LocalResource::new(move || {
        version.track();
        en_attente()
    });
    let erreur = RwSignal::new(None::<String>);
    let a_confirmer = RwSignal::new(None::<(String, String)>);
    let confirmer = move |()| {
        let Some((id, _)) = a_confirmer.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match retirer(&id).await {
                Ok(()) => {
                    a_confirmer.set(None);
                    recharger();
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    // ANCT deactivates an account (confirmed) and reactivates it (at once: it gives access back).
    let anct = role == Role::Anct;
    let a_desactiver = RwSignal::new(None::<(String, String)>);
    let confirmer_desactivation = move |()| {
        let Some((compte, _)) = a_desactiver.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match desactiver(&compte).await {
                Ok(()) => {
                    a_desactiver.set(None);
                    recharger();
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    let reactiver_compte = move |compte: String| {
        spawn_local(async move {
            match reactiver(&compte).await {
                Ok(()) => recharger(),
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <h1 class="fr-mt-4w">{TITRE}</h1>
        <p class="fr-text--lead">
            {if role == Role::Structure {
                "Les personnes qui agissent pour votre structure. Invitez un collègue : il recevra un lien valable 7 jours."
            } else {
                "Les agents de votre périmètre et leur rôle. Invitez une personne : elle recevra un lien valable 7 jours, et se connectera avec son compte ou en créera un."
            }}
        </p>
        <section class="fr-my-4w" aria-labelledby="titre-roles">
            <h2 id="titre-roles" class="fr-h4">"Rôles attribués"</h2>
            <AlerteErreur message=erreur/>
            {move || a_confirmer.get().map(|(_, qui)| view! {
                <Confirmation id="titre-retrait" titre=format!("Retirer ce rôle à {qui} ?")
                    explication="La personne garde son compte ; ses sessions perdent ce rôle aussitôt."
                    oui="Oui, retirer le rôle" confirmer=Callback::new(confirmer)
                    annuler=Callback::new(move |()| a_confirmer.set(None))/>
            })}
            {move || a_desactiver.get().map(|(_, qui)| view! {
                <Confirmation id="titre-desactivation" titre=format!("Désactiver le compte de {qui} ?")
                    explication="Ses sessions prennent fin aussitôt et personne ne pourra plus se connecter avec ce compte, ni par mot de passe ni avec ProConnect, jusqu’à sa réactivation. Son historique est conservé."
                    oui="Oui, désactiver le compte" confirmer=Callback::new(confirmer_desactivation)
                    annuler=Callback::new(move |()| a_desactiver.set(None))/>
            })}
            {afficher(roles, move |roles| view! {
                <div class="fr-table fr-table--bordered">
                  <div class="fr-table__wrapper">
                   <div class="fr-table__container" tabindex="0">
                    <div class="fr-table__content">
                    <table>
                        <caption>"Rôles attribués"</caption>
                        <thead><tr><th scope="col">"Personne"</th><th scope="col">"Adresse"</th><th scope="col">"Rôle"</th><th scope="col">"Action"</th></tr></thead>
                        <tbody>
                            {roles.into_iter().map(|tenu| {
                                let qui = format!("{} {}", tenu.prenom, tenu.nom);
                                let id = tenu.id.clone();
                                let etiquette = format!("Retirer le rôle de {qui}");
                                let compte = tenu.compte_id.clone();
                                let desactive = tenu.compte_desactive;
                                let qui_compte = qui.clone();
                                let gestion_du_compte = anct.then(move || if desactive {
                                    let compte = compte.clone();
                                    view! {
                                        <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button"
                                            aria-label=format!("Réactiver le compte de {qui_compte}")
                                            on:click=move |_| reactiver_compte(compte.clone())>
                                            "Réactiver le compte"
                                        </button>
                                    }.into_any()
                                } else {
                                    let compte = compte.clone();
                                    let qui = qui_compte.clone();
                                    view! {
                                        <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button"
                                            aria-label=format!("Désactiver le compte de {qui}")
                                            on:click=move |_| a_desactiver.set(Some((compte.clone(), qui.clone())))>
                                            "Désactiver le compte"
                                        </button>
                                    }.into_any()
                                });
                                view! {
                                    <tr>
                                        <td>
                                            {qui.clone()}
                                            {desactive.then(|| view! { " " <p class="fr-badge fr-badge--sm fr-badge--warning">"Compte désactivé"</p> })}
                                        </td>
                                        <td>{tenu.email}</td>
                                        <td>{tenu.libelle}</td>
                                        <td>
                                            <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button"
                                                aria-label=etiquette
                                                on:click=move |_| a_confirmer.set(Some((id.clone(), qui.clone())))>
                                                "Retirer"
                                            </button>
                                            {gestion_du_compte}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                   </div>
                  </div>
                </div>
            })}
        </section>
        {(role == Role::Structure).then(|| view! { <Demandes recharger=Callback::new(move |()| recharger())/> })}
        <section class="fr-my-4w" aria-labelledby="titre-attente">
            <h2 id="titre-attente" class="fr-h4">"Invitations en attente"</h2>
            {afficher(attente, |attente| if attente.is_empty() {
                view! { <p>"Aucune invitation n’attend de réponse."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {attente.into_iter().map(|invitation| view! {
                            <li>{format!("{} — {} (expire le {})", invitation.email, invitation.libelle, horodatage(&invitation.expire_le))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
        <Invitation role apres=recharger/>
    }
}

/// The invitation form: the roles the caller may invite to, and for ANCT the territory.
#[component]
fn Invitation(role: Role, apres: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let invitables = role.roles_invitables();
    let choisi = RwSignal::new(invitables.first().copied().unwrap_or(Role::Structure));
    let email = RwSignal::new(String::new());
    let territoire = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let par_anct = role == Role::Anct;
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        let adresse = email.get_untracked().trim().to_owned();
        if adresse.is_empty() {
            erreur.set(Some(
                "Saisissez l’adresse électronique de la personne à inviter.".to_owned(),
            ));
            return;
        }
        let invite = choisi.get_untracked();
        let code = territoire.get_untracked().trim().to_owned();
        if par_anct && code.is_empty() {
            match invite.portee() {
                Portee::Departement => {
                    erreur.set(Some(
                        "Choisissez le département de la personne invitée.".to_owned(),
                    ));
                    return;
                }
                Portee::Region => {
                    erreur.set(Some("Choisissez la région de la personne invitée.".to_owned()));
                    return;
                }
                _ => {}
            }
        }
        let (departement, region) = match (par_anct, invite.portee()) {
            (true, Portee::Departement) => (Some(code), None),
            (true, Portee::Region) => (None, Some(code)),
            _ => (None, None),
        };
        erreur.set(None);
        spawn_local(async move {
            match inviter(&adresse, invite, departement, region).await {
                Ok(()) => {
                    succes.set(Some(format!("Invitation envoyée à {adresse}.")));
                    email.set(String::new());
                    apres();
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-inviter">
            <h2 id="titre-inviter" class="fr-h4">"Inviter une personne"</h2>
            <form on:submit=envoyer novalidate>
                <ChampTexte id="email-invite" libelle="Adresse électronique" indice="Format attendu : nom@domaine.fr"
                    type_="email" autocomplete="off" valeur=email requis=true/>
                {(invitables.len() > 1).then(|| view! {
                    <div class="fr-select-group">
                        <label class="fr-label" for="role-invite">"Rôle"</label>
                        <select class="fr-select" id="role-invite"
                            on:change=move |ev| if let Some(role) = Role::parse(&event_target_value(&ev)) {
                                // Another role asks for another kind of territory.
                                territoire.set(String::new());
                                choisi.set(role);
                            }>
                            {invitables.iter().map(|role| view! {
                                <option value=role.as_str() prop:selected=move || choisi.get() == *role>{role.libelle()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                {move || match (par_anct, choisi.get().portee()) {
                    (true, portee @ (Portee::Departement | Portee::Region)) => {
                        Some(view! { <ChoixTerritoire portee valeur=territoire/> })
                    }
                    _ => None,
                }}
                <AlerteErreur message=erreur/>
                <AlerteSucces message=succes/>
                <button class="fr-btn" type="submit">"Envoyer l’invitation"</button>
            </form>
        </section>
    }
}

/// The département or the région of an invited agent, chosen by name in the referential's list.
#[component]
fn ChoixTerritoire(portee: Portee, valeur: RwSignal<String>) -> impl IntoView {
    let regions = LocalResource::new(crate::api::territoires::regions);
    let libelle = if portee == Portee::Region {
        "Région"
    } else {
        "Département"
    };
    afficher(regions, move |regions| {
        let options = if portee == Portee::Region {
            regions
                .iter()
                .map(|region| view! { <option value=region.code.clone()>{region.nom.clone()}</option> })
                .collect_view()
                .into_any()
        } else {
            regions
                .iter()
                .map(|region| {
                    view! {
                        <optgroup label=region.nom.clone()>
                            {region.departements.iter().map(|departement| view! {
                                <option value=departement.code.clone()>
                                    {format!("{} — {}", departement.code, departement.nom)}
                                </option>
                            }).collect_view()}
                        </optgroup>
                    }
                })
                .collect_view()
                .into_any()
        };
        view! {
            <div class="fr-select-group">
                <label class="fr-label" for="territoire-invite">{libelle}</label>
                <select class="fr-select" id="territoire-invite" required
                    on:change=move |ev| valeur.set(event_target_value(&ev))>
                    <option value="" selected disabled hidden>"Choisissez dans la liste"</option>
                    {options}
                </select>
            </div>
        }
    })
}

/// The requests to join the structure (people who logged in with ProConnect with its SIRET): accepted,
/// the person is invited; refused (confirmed), the request does not come back.
#[component]
fn Demandes(recharger: Callback<()>) -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let demandes = LocalResource::new(move || {
        version.track();
        demandes_de_rattachement()
    });
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let a_refuser = RwSignal::new(None::<(String, String)>);
    let repondre = move |id: String, qui: String, accepter: bool| {
        erreur.set(None);
        succes.set(None);
        spawn_local(async move {
            match repondre_a_une_demande(&id, accepter).await {
                Ok(()) => {
                    a_refuser.set(None);
                    succes.set(Some(if accepter {
                        format!("{qui} est invité·e à rejoindre la structure : sa prochaine connexion avec ProConnect ouvre son compte.")
                    } else {
                        format!("La demande de {qui} est refusée.")
                    }));
                    version.update(|v| *v += 1);
                    recharger.run(());
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-demandes">
            <h2 id="titre-demandes" class="fr-h4">"Demandes pour rejoindre la structure"</h2>
            <p>"Des personnes qui se sont connectées avec ProConnect au nom de votre structure (son SIRET)."</p>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            {move || a_refuser.get().map(|(id, qui)| {
                let refuser = {
                    let (id, qui) = (id.clone(), qui.clone());
                    move |()| repondre(id.clone(), qui.clone(), false)
                };
                view! {
                    <Confirmation id="titre-refus-demande" titre=format!("Refuser la demande de {qui} ?")
                        explication="Sa demande ne pourra pas être renouvelée ; vous pourrez toujours l’inviter plus tard."
                        oui="Oui, refuser la demande" confirmer=Callback::new(refuser)
                        annuler=Callback::new(move |()| a_refuser.set(None))/>
                }
            })}
            {afficher(demandes, move |demandes| if demandes.is_empty() {
                view! { <p>"Aucune demande n’attend de réponse."</p> }.into_any()
            } else {
                view! {
                    <ul class="fr-raw-list">
                        {demandes.into_iter().map(|demande| {
                            let qui = format!("{} {}", demande.prenom, demande.nom);
                            let (id, id_refus, qui_refus) = (demande.id.clone(), demande.id.clone(), qui.clone());
                            let qui_accepte = qui.clone();
                            view! {
                                <li class="fr-mb-2w">
                                    <p class="fr-mb-1w">
                                        {format!("{qui} — {} (le {})", demande.email, horodatage(&demande.demandee_le))}
                                    </p>
                                    <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                                        <li>
                                            <button class="fr-btn" type="button" aria-label=format!("Accepter la demande de {qui}")
                                                on:click=move |_| repondre(id.clone(), qui_accepte.clone(), true)>
                                                "Accepter"
                                            </button>
                                        </li>
                                        <li>
                                            <button class="fr-btn fr-btn--secondary" type="button"
                                                aria-label=format!("Refuser la demande de {qui}")
                                                on:click=move |_| a_refuser.set(Some((id_refus.clone(), qui_refus.clone())))>
                                                "Refuser"
                                            </button>
                                        </li>
                                    </ul>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

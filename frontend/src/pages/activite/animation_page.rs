//! `/coordination/animation`: the coordinator animates its team — it logs its bilateral meetings with each
//! conseiller and médiateur (notes only it reads, the next step) and writes to the whole team or to some of
//! its members, each told in the app and by email.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::role::Role;

use crate::api::coordination::{
    Animation, Entretien, MembreAnime, MessageEquipe, animation, ecrire_a_l_equipe, enregistrer_entretien,
};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, Case, ChampTexte, Liste, ZoneTexte};
use crate::format::{date, horodatage};

/// The page's title.
const TITRE: &str = "Entretiens et messages à l’équipe";

#[component]
pub fn AnimationPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Coordinateur], |_| {
        let donnees = LocalResource::new(animation);
        view! {
            <FilAriane parents=super::fil_coordination() actuel=TITRE/>
            <h1>{TITRE}</h1>
            <p class="fr-text--lead">
                "Suivez chaque conseiller et médiateur de votre équipe par des entretiens individuels, et "
                "écrivez-leur : à toute l’équipe ou à quelques-uns."
            </p>
            {afficher(donnees, |Animation { mon_equipe, mes_entretiens, mes_messages_al_equipe }| {
                let equipe = StoredValue::new(mon_equipe);
                let entretiens = RwSignal::new(mes_entretiens);
                let messages = RwSignal::new(mes_messages_al_equipe);
                view! {
                    <Entretiens equipe entretiens/>
                    <Messages equipe messages/>
                }
            })}
        }
    })
}

fn nom(membre: &MembreAnime) -> String {
    format!("{} {}", membre.prenom, membre.nom)
}

/// The bilateral meetings: the form, then the list, newest first.
#[component]
fn Entretiens(equipe: StoredValue<Vec<MembreAnime>>, entretiens: RwSignal<Vec<Entretien>>) -> impl IntoView {
    let personne = RwSignal::new(String::new());
    let jour = RwSignal::new(
        crate::format::aujourd_hui()
            .map(|j| j.to_string())
            .unwrap_or_default(),
    );
    let notes = RwSignal::new(String::new());
    let suite = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let enregistrer = move |ev: SubmitEvent| {
        ev.prevent_default();
        succes.set(None);
        let qui = personne.get_untracked();
        if qui.is_empty() {
            erreur.set(Some("Choisissez la personne rencontrée.".to_owned()));
            return;
        }
        let Ok(le) = NaiveDate::parse_from_str(&jour.get_untracked(), "%Y-%m-%d") else {
            erreur.set(Some("Indiquez la date de l’entretien.".to_owned()));
            return;
        };
        erreur.set(None);
        let (n, s) = (notes.get_untracked(), suite.get_untracked());
        spawn_local(async move {
            match enregistrer_entretien(&qui, le, &n, &s).await {
                Ok(entretien) => {
                    succes.set(Some(format!("Entretien avec {} enregistré.", entretien.personne)));
                    entretiens.update(|liste| liste.insert(0, entretien));
                    notes.set(String::new());
                    suite.set(String::new());
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    let options = equipe.with_value(|membres| {
        membres
            .iter()
            .map(|m| (m.personne_id.clone(), nom(m)))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-entretiens">
            <h2 id="titre-entretiens" class="fr-h4">"Entretiens individuels"</h2>
            {if options.is_empty() {
                view! { <p>"Votre équipe ne compte encore personne."</p> }.into_any()
            } else {
                view! {
                    <form on:submit=enregistrer novalidate>
                        <Liste id="entretien-personne" libelle="Personne rencontrée" options valeur=personne/>
                        <ChampTexte id="entretien-date" libelle="Date" type_="date" valeur=jour/>
                        <ZoneTexte id="entretien-notes" libelle="Notes"
                            indice="Vous seul les lisez. 5 000 caractères au plus." valeur=notes longueur_max=5000/>
                        <ZoneTexte id="entretien-suite" libelle="Prochaine étape" valeur=suite longueur_max=5000/>
                        <AlerteErreur message=erreur/>
                        <AlerteSucces message=succes/>
                        <button class="fr-btn" type="submit">"Enregistrer l’entretien"</button>
                    </form>
                }
                .into_any()
            }}
            {move || {
                let liste = entretiens.get();
                (!liste.is_empty()).then(|| view! {
                    <ul class="fr-mt-3w">
                        {liste.into_iter().map(|e| view! {
                            <li class="fr-mb-2w">
                                <p class="fr-text--bold fr-mb-0">{format!("{} — {}", date(e.date), e.personne)}</p>
                                {(!e.notes.is_empty()).then(|| view! { <p class="fr-mb-0 maillage-texte">{e.notes.clone()}</p> })}
                                {(!e.prochaine_etape.is_empty()).then(|| view! {
                                    <p class="fr-text--sm fr-mb-0">{format!("Prochaine étape : {}", e.prochaine_etape)}</p>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// Writing to the team: to everyone, or to the members ticked.
#[component]
fn Messages(equipe: StoredValue<Vec<MembreAnime>>, messages: RwSignal<Vec<MessageEquipe>>) -> impl IntoView {
    let objet = RwSignal::new(String::new());
    let texte = RwSignal::new(String::new());
    let a_tous = RwSignal::new(true);
    let choix: Vec<(String, String, RwSignal<bool>)> = equipe.with_value(|membres| {
        membres
            .iter()
            .map(|m| (m.personne_id.clone(), nom(m), RwSignal::new(false)))
            .collect()
    });
    let choix = StoredValue::new(choix);
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        succes.set(None);
        let destinataires: Vec<String> = if a_tous.get_untracked() {
            Vec::new()
        } else {
            choix.with_value(|c| {
                c.iter()
                    .filter(|(_, _, coche)| coche.get_untracked())
                    .map(|(id, _, _)| id.clone())
                    .collect()
            })
        };
        if !a_tous.get_untracked() && destinataires.is_empty() {
            erreur.set(Some(
                "Cochez au moins une personne, ou écrivez à toute l’équipe.".to_owned(),
            ));
            return;
        }
        let (o, t) = (objet.get_untracked(), texte.get_untracked());
        if o.trim().is_empty() || t.trim().is_empty() {
            erreur.set(Some("Le message a un objet et un texte.".to_owned()));
            return;
        }
        erreur.set(None);
        spawn_local(async move {
            match ecrire_a_l_equipe(&o, &t, destinataires).await {
                Ok(message) => {
                    succes.set(Some(format!(
                        "Message envoyé à {} personne{}.",
                        message.destinataires,
                        if message.destinataires > 1 { "s" } else { "" }
                    )));
                    messages.update(|liste| liste.insert(0, message));
                    objet.set(String::new());
                    texte.set(String::new());
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-messages-equipe">
            <h2 id="titre-messages-equipe" class="fr-h4">"Écrire à l’équipe"</h2>
            <form on:submit=envoyer novalidate>
                <ChampTexte id="message-objet" libelle="Objet" valeur=objet/>
                <ZoneTexte id="message-texte" libelle="Message"
                    indice="Chacun le reçoit dans Maillage et par courriel ; dix messages par jour au plus."
                    valeur=texte longueur_max=5000/>
                <Case id="message-a-tous" libelle="À toute l’équipe" cochee=a_tous/>
                {move || (!a_tous.get()).then(|| view! {
                    <fieldset class="fr-fieldset">
                        <legend class="fr-fieldset__legend">"Destinataires"</legend>
                        {choix.with_value(|c| c.iter().map(|(id, libelle, coche)| view! {
                            <div class="fr-fieldset__element">
                                <Case id=format!("message-pour-{id}") libelle=libelle.clone() cochee=*coche/>
                            </div>
                        }).collect_view())}
                    </fieldset>
                })}
                <AlerteErreur message=erreur/>
                <AlerteSucces message=succes/>
                <button class="fr-btn" type="submit">"Envoyer le message"</button>
            </form>
            {move || {
                let liste = messages.get();
                (!liste.is_empty()).then(|| view! {
                    <h3 class="fr-h5 fr-mt-3w">"Messages envoyés"</h3>
                    <ul>
                        {liste.into_iter().map(|m| view! {
                            <li>
                                <span class="fr-text--bold">{m.objet.clone()}</span>
                                {format!(" — {} à {} personne{}", horodatage(&m.envoye_le), m.destinataires,
                                    if m.destinataires > 1 { "s" } else { "" })}
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

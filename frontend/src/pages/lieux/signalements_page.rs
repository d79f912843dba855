//! `/signalements-de-lieux`: the errors people reported on the lieux the caller keeps current (a
//! coordinator's perimeter, a structure's own lieux, ANCT's everywhere) — each with its lieu, to correct it,
//! and resolved with an answer the reporter receives when they left an address — then the lieux of the
//! caller whose record lacks something.

use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::format::pluriel;
use maillage_shared::role::Role;

use crate::api::lieux::{self as api, LieuACompleter, Signalement};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ZoneTexte};
use crate::format::horodatage;

const TITRE: &str = "Signalements sur les lieux";

#[component]
pub fn SignalementsPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Coordinateur, Role::Structure, Role::Anct], |_| {
        let version = RwSignal::new(0_u32);
        let attente = LocalResource::new(move || {
            version.track();
            api::signalements(false)
        });
        let resolus = LocalResource::new(move || {
            version.track();
            api::signalements(true)
        });
        let a_completer = LocalResource::new(api::a_completer);
        let apres = Callback::new(move |()| version.update(|v| *v += 1));
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
            <h1>{TITRE}</h1>
            <p class="fr-text--lead">
                "Les erreurs signalées sur les pages des lieux que vous tenez à jour. Corrigez le lieu, puis marquez \
                 le signalement comme traité : son auteur en est prévenu s’il a laissé son adresse."
            </p>
            <p><a class="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left" href="/lieux/nouveau">"Ajouter un lieu"</a></p>
            <h2 class="fr-h4">"En attente"</h2>
            {afficher(attente, move |liste| view! { <EnAttente liste apres/> })}
            <h2 class="fr-h4 fr-mt-6w">"Lieux à compléter"</h2>
            {afficher(a_completer, |liste| view! { <ListeACompleter liste/> })}
            <h2 class="fr-h4 fr-mt-6w">"Traités"</h2>
            {afficher(resolus, |liste: Vec<Signalement>| {
                if liste.is_empty() {
                    return view! { <p>"Aucun signalement traité."</p> }.into_any();
                }
                view! {
                    <ul>
                        {liste.into_iter().map(|s| view! {
                            <li class="fr-mb-2w">
                                <a href=format!("/lieux/{}", s.lieu_id)>{s.lieu_nom.clone()}</a>
                                " — « " {s.message.clone()} " », traité le "
                                {s.resolu_le.as_ref().map(horodatage).unwrap_or_default()}
                                {s.reponse.clone().map(|r| format!(" : {r}"))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        }
    })
}

#[component]
fn EnAttente(liste: Vec<Signalement>, apres: Callback<()>) -> impl IntoView {
    if liste.is_empty() {
        return view! { <p>"Aucun signalement en attente."</p> }.into_any();
    }
    view! {
        <p>{pluriel(liste.len() as i64, "signalement en attente", "signalements en attente")}</p>
        {liste.into_iter().map(|signalement| view! { <Carte signalement apres/> }).collect_view()}
    }
    .into_any()
}

/// One report: what was said, on which lieu, and its resolution.
#[component]
fn Carte(signalement: Signalement, apres: Callback<()>) -> impl IntoView {
    let reponse = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let id = signalement.id.clone();
    let champ = format!("reponse-{}", signalement.id);
    let resoudre = move |_| {
        let id = id.clone();
        let texte = Some(reponse.get_untracked()).filter(|r| !r.trim().is_empty());
        spawn_local(async move {
            match api::resoudre(&id, texte).await {
                Ok(()) => {
                    succes.set(Some("Signalement traité.".to_owned()));
                    apres.run(());
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <div class="fr-card fr-card--no-arrow fr-mb-3w">
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h3 class="fr-card__title fr-h6">
                        <a href=format!("/lieux/{}", signalement.lieu_id)>{signalement.lieu_nom.clone()}</a>
                    </h3>
                    <p class="fr-card__desc">"« " {signalement.message.clone()} " »"</p>
                    <p class="fr-card__detail">
                        "Signalé le " {horodatage(&signalement.le)}
                        {signalement.courriel.clone().map(|c| format!(" par {c}"))}
                    </p>
                    <p>
                        <a class="fr-link" href=format!("/lieux/{}/modifier", signalement.lieu_id)>"Corriger ce lieu"</a>
                    </p>
                    <ZoneTexte id=champ libelle="Réponse à son auteur (facultatif)" valeur=reponse lignes=2 longueur_max=1000/>
                    <AlerteErreur message=erreur/>
                    <AlerteSucces message=succes/>
                    <button type="button" class="fr-btn fr-btn--secondary" on:click=resoudre>"Marquer comme traité"</button>
                </div>
            </div>
        </div>
    }
}

/// The caller's lieux whose record lacks something against the standard, each with what it lacks and a link
/// to its form (also on the coordinator's diagnosis).
#[component]
pub fn ListeACompleter(liste: Vec<LieuACompleter>) -> impl IntoView {
    if liste.is_empty() {
        return view! { <p>"Les fiches de vos lieux sont complètes."</p> }.into_any();
    }
    view! {
        <ul>
            {liste.into_iter().map(|lieu| view! {
                <li>
                    <a href=format!("/lieux/{}/modifier", lieu.id)>{format!("{} ({})", lieu.nom, lieu.commune)}</a>
                    " — il manque " {lieu.manquants.join(", ")}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

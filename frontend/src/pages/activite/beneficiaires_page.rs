//! `/mes-beneficiaires`: the people a conseiller follows by name (with their consent): their accompaniments
//! one after the other, two records of one person merged, a person's name erased at their request (the
//! accompaniments stay in the figures, anonymous). Merging and erasing are confirmed first.

use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::activite::{Autonomie, Orientation};
use maillage_shared::format::{duree, pluriel};
use maillage_shared::role::Role;

use crate::api::activite::{
    Beneficiaire, Passage, accompagnements_du_beneficiaire, effacer, fusionner, mes_beneficiaires,
};
use crate::api::comptes::Moi;
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::confirmation::Confirmation;
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces};
use crate::components::tableau::Tableau;
use crate::format::date;

const TITRE: &str = "Personnes suivies";

/// What a confirmation is about.
#[derive(Debug, Clone, PartialEq)]
enum AConfirmer {
    /// Merge the second record (id, name) into the first.
    Fusion((String, String), (String, String)),
    /// Erase a record (id, name).
    Effacement(String, String),
}

/// The page, for conseillers.
#[component]
pub fn BeneficiairesPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Conseiller], |_: Moi| {
        let version = RwSignal::new(0_u32);
        let liste = LocalResource::new(move || {
            version.track();
            mes_beneficiaires()
        });
        let ouverte = RwSignal::new(None::<String>);
        let a_confirmer = RwSignal::new(None::<AConfirmer>);
        let erreur = RwSignal::new(None::<String>);
        let succes = RwSignal::new(None::<String>);
        let confirmer = move |()| {
            let Some(action) = a_confirmer.get_untracked() else {
                return;
            };
            a_confirmer.set(None);
            erreur.set(None);
            succes.set(None);
            spawn_local(async move {
                let resultat = match &action {
                    AConfirmer::Fusion((garde, nom), (doublon, _)) => {
                        fusionner(garde.clone(), doublon.clone())
                            .await
                            .map(|()| format!("Les deux fiches de {nom} n’en font plus qu’une."))
                    }
                    AConfirmer::Effacement(id, nom) => effacer(id.clone()).await.map(|()| {
                        format!("Le nom de {nom} est effacé ; ses accompagnements restent comptés, anonymes.")
                    }),
                };
                match resultat {
                    Ok(message) => {
                        succes.set(Some(message));
                        ouverte.set(None);
                        version.update(|v| *v += 1);
                    }
                    Err(refus) => erreur.set(Some(refus.message())),
                }
            });
        };
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
            <h1>{TITRE}</h1>
            <p class="fr-text--lead">
                "Les personnes qui ont accepté d’être nommées pour suivre leurs accompagnements. Vous seul voyez leur nom."
            </p>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            {move || a_confirmer.get().map(|action| {
                let (titre, explication, oui) = match &action {
                    AConfirmer::Fusion((_, nom), _) => (
                        format!("Fusionner les deux fiches de {nom} ?"),
                        "Les accompagnements de la seconde fiche rejoignent la première, qui reste seule.".to_owned(),
                        "Oui, fusionner",
                    ),
                    AConfirmer::Effacement(_, nom) => (
                        format!("Effacer le nom de {nom} ?"),
                        "C’est définitif : son nom disparaît, ses accompagnements restent comptés sans lui.".to_owned(),
                        "Oui, effacer",
                    ),
                };
                view! {
                    <Confirmation id="titre-beneficiaire" titre explication oui confirmer=Callback::new(confirmer)
                        annuler=Callback::new(move |()| a_confirmer.set(None))/>
                }
            })}
            {afficher(liste, move |liste: Vec<Beneficiaire>| if liste.is_empty() {
                view! {
                    <p>
                        "Vous ne suivez encore personne par son nom. Dans la saisie d’un accompagnement individuel, "
                        "cochez « Suivre cette personne » avec son accord."
                    </p>
                }
                .into_any()
            } else {
                let noms: Vec<(String, String)> = liste
                    .iter()
                    .map(|b| (b.id.clone(), format!("{} {}", b.prenom, b.nom)))
                    .collect();
                view! {
                    <Tableau legende=pluriel(liste.len() as i64, "personne suivie", "personnes suivies")
                        colonnes=vec![("Personne", false), ("Accompagnements", true), ("Dernier", false), ("Actions", false)]>
                        {liste.into_iter().map(|b| {
                            let nom = format!("{} {}", b.prenom, b.nom);
                            let id = b.id.clone();
                            let doublon = b.doublons.iter().find(|d| **d > b.id).and_then(|d| noms.iter().find(|(i, _)| i == d)).cloned();
                            let (id_effacer, nom_effacer) = (id.clone(), nom.clone());
                            let (id_voir, nom_voir) = (id.clone(), nom.clone());
                            let garde = (id.clone(), nom.clone());
                            view! {
                                <tr>
                                    <td>{nom.clone()}{b.annee_naissance.map(|a| format!(" (née ou né en {a})"))}</td>
                                    <td class="maillage-chiffres">{b.accompagnements}</td>
                                    <td>{b.dernier_accompagnement.map(date).unwrap_or_default()}</td>
                                    <td>
                                        <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                                            <li>
                                                <button type="button" class="fr-btn fr-btn--tertiary"
                                                    aria-label=format!("Accompagnements de {nom_voir}")
                                                    aria-expanded=move || (ouverte.get().as_deref() == Some(id_voir.as_str())).to_string()
                                                    on:click={
                                                        let id = id.clone();
                                                        move |_| ouverte.update(|o| *o = if o.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) })
                                                    }>
                                                    "Accompagnements"
                                                </button>
                                            </li>
                                            {doublon.map(|doublon| {
                                                let libelle = format!("Fusionner avec l’autre fiche de {}", nom.clone());
                                                let garde = garde.clone();
                                                view! {
                                                    <li>
                                                        <button type="button" class="fr-btn fr-btn--secondary" aria-label=libelle
                                                            on:click=move |_| a_confirmer.set(Some(AConfirmer::Fusion(garde.clone(), doublon.clone())))>
                                                            "Fusionner le doublon"
                                                        </button>
                                                    </li>
                                                }
                                            })}
                                            <li>
                                                <button type="button" class="fr-btn fr-btn--tertiary"
                                                    aria-label=format!("Effacer {nom_effacer}")
                                                    on:click=move |_| a_confirmer.set(Some(AConfirmer::Effacement(id_effacer.clone(), nom_effacer.clone())))>
                                                    "Effacer"
                                                </button>
                                            </li>
                                        </ul>
                                    </td>
                                </tr>
                                {move || (ouverte.get().as_deref() == Some(id.as_str())).then(|| {
                                    let id = id.clone();
                                    view! {
                                        <tr>
                                            <td colspan="4"><Passages id/></td>
                                        </tr>
                                    }
                                })}
                            }
                        }).collect_view()}
                    </Tableau>
                }
                .into_any()
            })}
        }
    })
}

/// The accompaniments of one person, latest first.
#[component]
fn Passages(id: String) -> impl IntoView {
    let passages = LocalResource::new(move || accompagnements_du_beneficiaire(id.clone()));
    view! {
        {afficher(passages, |passages: Vec<Passage>| view! {
            <ul>
                {passages.into_iter().map(|p| {
                    let autonomie = p.autonomie.map(Autonomie::libelle);
                    let orientation = p.orientation.map(|o| format!("orientée vers : {}", Orientation::libelle(o)));
                    let details: Vec<String> = [Some(p.themes.join(", ")), Some(duree(p.duree_minutes)), autonomie.map(str::to_owned), orientation]
                        .into_iter()
                        .flatten()
                        .collect();
                    view! { <li>{format!("{} — {}", date(p.date), details.join(" ; "))}</li> }
                }).collect_view()}
            </ul>
        })}
    }
}

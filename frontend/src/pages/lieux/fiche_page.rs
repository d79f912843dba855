//! `/lieux/:id`: a lieu de médiation numérique as a person going there needs it — whether it is open now,
//! its week of opening hours, its address on the département's map, its services, publics, access and
//! accompaniment, accessibility and contact, the conseillers present — then what its record lacks, the
//! open-data record, and a form to report an error to the people who keep it current (who also find here
//! the way to correct it). Public, on the light entry point of the map; printable.

use std::sync::Arc;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use maillage_shared::format::pluriel;

use crate::api::lieux::{self as api, Fiche, Lieu};
use crate::components::chargement::{afficher, afficher_page, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ChampTexte, ZoneTexte};
use crate::format::date;
use crate::pages::carte::departement_carte_page::Plan;

/// The page of a lieu.
#[component]
pub fn FicheLieuPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let fiche = LocalResource::new(move || {
        let id = id();
        async move { api::fiche(&id).await }
    });
    afficher_page(fiche, move |trouvee| match trouvee {
        None => {
            titre("Lieu introuvable");
            view! {
                <h1>"Lieu introuvable"</h1>
                <p class="fr-text--lead">"Aucun lieu de médiation numérique n’a cet identifiant."</p>
                <p><a href="/lieux">"Chercher un lieu près de chez vous"</a></p>
            }
            .into_any()
        }
        Some(fiche) => {
            titre(&fiche.lieu.nom);
            view! { <FicheDuLieu fiche/> }.into_any()
        }
    })
}

/// A list of the standard's values, or nothing when empty.
fn rubrique(titre: &'static str, valeurs: Vec<String>) -> Option<impl IntoView> {
    (!valeurs.is_empty()).then(|| {
        view! {
            <h3 class="fr-h6 fr-mb-1w">{titre}</h3>
            <ul class="fr-mb-3w">{valeurs.into_iter().map(|v| view! { <li>{v}</li> }).collect_view()}</ul>
        }
    })
}

#[component]
fn FicheDuLieu(fiche: Fiche) -> impl IntoView {
    let Fiche {
        conseillers_presents,
        peut_modifier,
        signalements_en_attente,
        lieu,
    } = fiche;
    let formes = LocalResource::new(crate::api::carte::formes);
    let ouvert = match (&lieu.ferme_le, lieu.ouvert_maintenant) {
        (Some(_), _) => None,
        (None, Some(true)) => Some(view! { <p class="fr-badge fr-badge--success">"Ouvert en ce moment"</p> }),
        (None, Some(false)) => Some(view! { <p class="fr-badge fr-badge--info">"Fermé en ce moment"</p> }),
        (None, None) => None,
    };
    let adresse = format!(
        "{}{}, {} {}",
        lieu.adresse,
        lieu.complement_adresse
            .as_ref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default(),
        lieu.code_postal,
        lieu.commune
    );
    let plan = match (&lieu.departement_code, lieu.latitude, lieu.longitude) {
        (Some(code), Some(latitude), Some(longitude)) => {
            let code = code.clone();
            let nom = lieu.nom.clone();
            Some(afficher(
                formes,
                move |formes: Arc<maillage_shared::carte::Formes>| {
                    view! {
                        <Plan formes code=code.clone() nom=nom.clone() lieux=vec![(latitude, longitude, true)]
                            entier_couvert=false dans="à l’adresse de ce lieu" entier=""/>
                    }
                },
            ))
        }
        _ => None,
    };
    let id = lieu.id.clone();
    let telecharger = lieu
        .departement_code
        .as_ref()
        .map(|code| format!("/donnees/lieux.csv?departement={code}"));
    view! {
        <FilAriane parents=vec![("Trouver un lieu".to_owned(), "/lieux".to_owned())] actuel=lieu.nom.clone()/>
        <h1>{lieu.nom.clone()}</h1>
        {lieu.ferme_le.map(|le| view! {
            <div class="fr-alert fr-alert--warning fr-mb-3w">
                <h2 class="fr-alert__title">"Ce lieu est fermé"</h2>
                <p>"Il a été fermé le " {date(le.date_naive())} " par les personnes qui le tiennent à jour."</p>
            </div>
        })}
        {ouvert}
        <p class="fr-text--lead">{adresse}</p>
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
            <div class="fr-col-12 fr-col-md-7">
                <Horaires lieu=lieu.clone()/>
                <h2 class="fr-h4">"Ce qu’on y trouve"</h2>
                {rubrique("Services", lieu.services.clone())}
                {rubrique("Publics accueillis en particulier", lieu.publics_specifiquement_adresses.clone())}
                {rubrique("Accompagnement", lieu.modalites_accompagnement.clone())}
                {rubrique("Pour y accéder", lieu.modalites_acces.clone())}
                {rubrique("Frais", lieu.frais_a_charge.clone())}
                {rubrique("Accompagnement adapté", lieu.prise_en_charge_specifique.clone())}
                {rubrique("Dispositifs", lieu.dispositif_programmes_nationaux.clone())}
                {rubrique(
                    "Formations et labels",
                    lieu.formations_labels.iter().chain(&lieu.autres_formations_labels).cloned().collect(),
                )}
                {lieu.presentation_resume.clone().map(|resume| view! {
                    <h3 class="fr-h6 fr-mb-1w">"Présentation"</h3>
                    <p>{resume}</p>
                    {lieu.presentation_detail.clone().map(|detail| view! { <p>{detail}</p> })}
                })}
                <p>
                    {if conseillers_presents > 0 {
                        format!(
                            "{} y {} accompagné du public ces trois derniers mois.",
                            pluriel(conseillers_presents, "conseiller numérique", "conseillers numériques"),
                            if conseillers_presents > 1 { "ont" } else { "a" }
                        )
                    } else {
                        "Aucun conseiller numérique n’y a enregistré d’accompagnement ces trois derniers mois."
                            .to_owned()
                    }}
                </p>
            </div>
            <div class="fr-col-12 fr-col-md-5">
                <Contact lieu=lieu.clone()/>
                {plan}
            </div>
        </div>
        <Completude lieu=lieu.clone()/>
        {peut_modifier.then(|| {
            let id = id.clone();
            view! {
                <section class="fr-my-4w" aria-labelledby="titre-tenir-a-jour">
                    <h2 id="titre-tenir-a-jour" class="fr-h4">"Tenir ce lieu à jour"</h2>
                    <ul class="fr-btns-group fr-btns-group--inline-md">
                        <li><a class="fr-btn" href=format!("/lieux/{id}/modifier")>"Modifier ce lieu"</a></li>
                        <li>
                            <a class="fr-btn fr-btn--secondary" href="/signalements-de-lieux">
                                {pluriel(signalements_en_attente, "signalement en attente", "signalements en attente")}
                            </a>
                        </li>
                    </ul>
                </section>
            }
        })}
        <Signaler id=id.clone()/>
        <p class="fr-text--sm">
            "Mis à jour le " {lieu.date_maj.clone()}
            {lieu.source.clone().map(|source| format!(" (source : {source})"))} ". "
            {telecharger.map(|lien| view! {
                <a class="fr-link fr-text--sm" download href=lien>
                    "Les lieux du département au format du standard national (CSV)"
                </a>
            })}
        </p>
        <button type="button" class="fr-btn fr-btn--tertiary fr-icon-printer-line fr-btn--icon-left maillage-sans-impression"
            on:click=|_| {
                if let Some(fenetre) = web_sys::window() {
                    let _ = fenetre.print();
                }
            }>
            "Imprimer cette fiche"
        </button>
    }
}

/// The week of opening hours as a table, and what differs on holidays, months or dates; the text as written
/// when it cannot be read.
#[component]
fn Horaires(lieu: Lieu) -> impl IntoView {
    let contenu = match (lieu.semaine, lieu.horaires) {
        (Some(semaine), _) => view! {
            <div class="fr-table fr-table--no-caption fr-mb-2w">
                <div class="fr-table__wrapper">
                    <div class="fr-table__container">
                        <div class="fr-table__content">
                            <table>
                                <caption>"Horaires d’ouverture"</caption>
                                <thead><tr><th scope="col">"Jour"</th><th scope="col">"Horaires"</th></tr></thead>
                                <tbody>
                                    {semaine.jours.into_iter().map(|jour| view! {
                                        <tr><th scope="row">{jour.jour}</th><td>{jour.horaires}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </div>
                </div>
            </div>
            {(!semaine.particularites.is_empty()).then(|| view! {
                <ul>{semaine.particularites.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            })}
        }
        .into_any(),
        (None, Some(texte)) => view! { <p>"Horaires (tels que saisis) : " {texte}</p> }.into_any(),
        (None, None) => view! { <p>"Les horaires de ce lieu ne sont pas renseignés."</p> }.into_any(),
    };
    view! {
        <h2 class="fr-h4">"Horaires d’ouverture"</h2>
        {contenu}
    }
}

/// How to reach the lieu.
#[component]
fn Contact(lieu: Lieu) -> impl IntoView {
    view! {
        <h2 class="fr-h4">"Contact"</h2>
        <ul class="fr-mb-3w">
            {lieu.telephone.map(|tel| view! { <li>"Téléphone : " <a href=format!("tel:{tel}")>{tel.clone()}</a></li> })}
            {lieu.courriels.into_iter().map(|c| view! { <li>"Courriel : " <a href=format!("mailto:{c}")>{c.clone()}</a></li> }).collect_view()}
            {lieu.site_web.into_iter().map(|s| view! { <li><a href=s.clone() rel="noopener">"Site web : " {s.clone()}</a></li> }).collect_view()}
            {lieu.prise_rdv.map(|r| view! { <li><a href=r rel="noopener">"Prendre rendez-vous en ligne"</a></li> })}
            {lieu.fiche_acces_libre.map(|f| view! { <li><a href=f rel="noopener">"Accessibilité du lieu (fiche Acceslibre)"</a></li> })}
        </ul>
    }
}

/// What the record lacks against the standard.
#[component]
fn Completude(lieu: Lieu) -> impl IntoView {
    (!lieu.manquants.is_empty()).then(|| {
        view! {
            <div class="fr-callout fr-mb-4w">
                <h2 class="fr-callout__title fr-h6">"Fiche incomplète"</h2>
                <p class="fr-callout__text">
                    "Il manque à cette fiche : " {lieu.manquants.join(", ")} "."
                </p>
            </div>
        }
    })
}

/// Anyone reports an error; an address, if given, is told of the resolution.
#[component]
fn Signaler(id: String) -> impl IntoView {
    let message = RwSignal::new(String::new());
    let courriel = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        erreur.set(None);
        succes.set(None);
        let texte = message.get_untracked();
        if texte.trim().chars().count() < 10 {
            erreur.set(Some("Décrivez l’erreur en 10 caractères au moins.".to_owned()));
            return;
        }
        let adresse = Some(courriel.get_untracked()).filter(|c| !c.trim().is_empty());
        let id = id.clone();
        en_cours.set(true);
        spawn_local(async move {
            match api::signaler(&id, &texte, adresse).await {
                Ok(()) => {
                    succes.set(Some(
                        "Merci : votre signalement a été transmis aux personnes qui tiennent ce lieu à jour."
                            .to_owned(),
                    ));
                    message.set(String::new());
                    courriel.set(String::new());
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    view! {
        <section class="fr-my-4w maillage-sans-impression" aria-labelledby="titre-signaler">
            <h2 id="titre-signaler" class="fr-h4">"Signaler une erreur"</h2>
            <p>"Horaires, adresse, services… Dites ce qui ne va pas : les personnes qui tiennent ce lieu à jour en sont prévenues."</p>
            <form on:submit=envoyer novalidate>
                <ZoneTexte id="signalement-message" libelle="Ce qui est faux" indice="De 10 à 1 000 caractères."
                    valeur=message longueur_max=1000 requis=true lignes=3/>
                <ChampTexte id="signalement-courriel" libelle="Votre adresse électronique (facultatif)"
                    indice="Pour être prévenu quand l’erreur est corrigée ; elle est effacée ensuite."
                    type_="email" autocomplete="email" valeur=courriel/>
                <AlerteErreur message=erreur/>
                <AlerteSucces message=succes/>
                <button type="submit" class="fr-btn fr-btn--secondary" disabled=move || en_cours.get()>
                    "Envoyer le signalement"
                </button>
            </form>
        </section>
    }
}

//! `/rencontres`: the rencontres of the network — those a hub organises for the coordinators of its région,
//! the meeting days a préfecture organises with those of its département. The organiser announces them,
//! reads who registered, writes the minutes once they took place or cancels them before; a coordinator
//! registers and relays a training session to its team; a member of a team says its interest in a session
//! relayed to them; SGAR and ANCT read.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::coordination::{COMPTE_RENDU_MAX, DESCRIPTION_MAX, NatureRencontre, TITRE_MAX};
use maillage_shared::format::pluriel;
use maillage_shared::role::Role;

use crate::api::rencontre::{self as api, NouvelleRencontre, RencontreRegionale};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::confirmation::Confirmation;
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, ChampTexte, Liste, ZoneTexte};
use crate::components::tableau::Tableau;
use crate::format::{aujourd_hui, date, horodatage};

/// The page's title.
const TITRE: &str = "Rencontres du réseau";

/// Who reads the page.
const LECTEURS: [Role; 7] = [
    Role::Hub,
    Role::Prefecture,
    Role::Sgar,
    Role::Coordinateur,
    Role::Conseiller,
    Role::Mediateur,
    Role::Anct,
];

#[component]
pub fn RencontresPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &LECTEURS, |moi| {
        let role = moi.role();
        let version = RwSignal::new(0_u32);
        let liste = LocalResource::new(move || {
            version.track();
            api::lister()
        });
        let recharger = Callback::new(move |()| version.update(|v| *v += 1));
        let chapeau = match role {
            Some(Role::Hub) => {
                "Les groupes de travail, événements et sessions de formation continue que vous organisez pour les \
                 coordinateurs de votre région : ils sont invités dans Maillage et par courriel."
            }
            Some(Role::Coordinateur) => {
                "Les rencontres que le hub organise pour les coordinateurs de votre région. Relayez les sessions \
                 de formation continue à votre équipe : ses membres disent leur intérêt."
            }
            Some(Role::Prefecture) => {
                "Les journées de rencontre que vous organisez avec les coordinateurs de votre département : ils \
                 sont invités dans Maillage et par courriel, et le hub de la région en est prévenu."
            }
            Some(Role::Conseiller | Role::Mediateur) => {
                "Les sessions de formation continue que votre coordinateur vous a relayées : dites votre intérêt."
            }
            _ => "Les rencontres que les hubs organisent pour les coordinateurs de leur région.",
        };
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
            <h1>{TITRE}</h1>
            <p class="fr-text--lead">{chapeau}</p>
            {matches!(role, Some(Role::Hub | Role::Prefecture)).then(|| view! { <Annonce role apres=recharger/> })}
            {afficher(liste, move |rencontres| view! { <Rencontres rencontres role recharger/> })}
        }
    })
}

/// The form of the organiser announcing a rencontre: the hub chooses its kind, the préfecture announces a
/// meeting day.
#[component]
fn Annonce(role: Option<Role>, apres: Callback<()>) -> impl IntoView {
    let prefecture = role == Some(Role::Prefecture);
    let natures = NatureRencontre::ALL
        .iter()
        .filter(|n| n.par_la_prefecture() == prefecture)
        .map(|n| (n.as_str().to_owned(), n.libelle().to_owned()))
        .collect::<Vec<_>>();
    let nature = RwSignal::new(natures.first().map(|(code, _)| code.clone()).unwrap_or_default());
    let titre_saisi = RwSignal::new(String::new());
    let jour = RwSignal::new(String::new());
    let lieu = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        erreur.set(None);
        succes.set(None);
        let Ok(date_choisie) = NaiveDate::parse_from_str(&jour.get_untracked(), "%Y-%m-%d") else {
            erreur.set(Some("Indiquez la date de la rencontre.".to_owned()));
            return;
        };
        let Some(nature_choisie) = NatureRencontre::parse(&nature.get_untracked()) else {
            erreur.set(Some("Choisissez le type de rencontre.".to_owned()));
            return;
        };
        let rencontre = NouvelleRencontre {
            nature: nature_choisie,
            titre: titre_saisi.get_untracked(),
            date: date_choisie,
            lieu: lieu.get_untracked(),
            description: description.get_untracked(),
        };
        en_cours.set(true);
        spawn_local(async move {
            match api::annoncer(&rencontre).await {
                Ok(annoncee) => {
                    succes.set(Some(format!(
                        "« {} » du {} annoncée : les coordinateurs {} sont invités.",
                        annoncee.titre,
                        date(annoncee.date),
                        if prefecture {
                            "du département"
                        } else {
                            "de la région"
                        }
                    )));
                    titre_saisi.set(String::new());
                    description.set(String::new());
                    apres.run(());
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    let demain = aujourd_hui().map(|j| j.to_string());
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-annonce">
            <h2 id="titre-annonce" class="fr-h4">
                {if prefecture { "Organiser une journée de rencontre" } else { "Annoncer une rencontre" }}
            </h2>
            <form on:submit=envoyer novalidate>
                <div class="fr-grid-row fr-grid-row--gutters">
                    {(!prefecture).then(|| view! {
                        <div class="fr-col-12 fr-col-md-6">
                            <Liste id="rencontre-nature" libelle="Type de rencontre" options=natures valeur=nature/>
                        </div>
                    })}
                    <div class="fr-col-12 fr-col-md-6">
                        <ChampTexte id="rencontre-date" libelle="Date" type_="date" valeur=jour requis=true
                            min=demain.unwrap_or_default()/>
                    </div>
                </div>
                <ChampTexte id="rencontre-titre" libelle="Titre" indice=format!("{TITRE_MAX} caractères au plus.")
                    valeur=titre_saisi requis=true/>
                <ChampTexte id="rencontre-lieu" libelle="Lieu (facultatif)" indice="Ville, adresse ou « en ligne »."
                    valeur=lieu/>
                <ZoneTexte id="rencontre-description" libelle="Programme (facultatif)" valeur=description lignes=3
                    longueur_max=DESCRIPTION_MAX/>
                <AlerteErreur message=erreur/>
                <AlerteSucces message=succes/>
                <button class="fr-btn" type="submit" disabled=move || en_cours.get()>"Annoncer la rencontre"</button>
            </form>
        </section>
    }
}

/// The rencontres to come, then those past, most recent first.
#[component]
fn Rencontres(
    rencontres: Vec<RencontreRegionale>,
    role: Option<Role>,
    recharger: Callback<()>,
) -> impl IntoView {
    let aujourd_hui = aujourd_hui().unwrap_or_default();
    let (a_venir, mut passees): (Vec<_>, Vec<_>) =
        rencontres.into_iter().partition(|r| r.date >= aujourd_hui);
    passees.reverse();
    let rubrique = move |id: &'static str,
                         intitule: &'static str,
                         vide: &'static str,
                         liste: Vec<RencontreRegionale>| {
        let contenu = if liste.is_empty() {
            view! { <p>{vide}</p> }.into_any()
        } else {
            liste
                .into_iter()
                .map(|rencontre| {
                    let passee = rencontre.date < aujourd_hui;
                    view! { <Rencontre rencontre role passee recharger/> }
                })
                .collect_view()
                .into_any()
        };
        view! {
            <section class="fr-my-4w" aria-labelledby=id>
                <h2 id=id class="fr-h4">{intitule}</h2>
                {contenu}
            </section>
        }
    };
    view! {
        {rubrique("titre-a-venir", "À venir", "Aucune rencontre à venir.", a_venir)}
        {rubrique("titre-passees", "Passées", "Aucune rencontre dans l’année écoulée.", passees)}
    }
}

#[component]
fn Rencontre(
    rencontre: RencontreRegionale,
    role: Option<Role>,
    /// Its day is past: registering is closed, the minutes may be written.
    passee: bool,
    recharger: Callback<()>,
) -> impl IntoView {
    let id = rencontre.id.clone();
    let nature = rencontre.nature;
    let lue = RwSignal::new(rencontre);
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    // Each action answers with the rencontre as the caller now reads it.
    let agir = move |action: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<RencontreRegionale, crate::api::ErreurApi>>>,
    >,
                     fait: Option<&'static str>| {
        erreur.set(None);
        succes.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match action.await {
                Ok(relue) => {
                    lue.set(relue);
                    succes.set(fait.map(str::to_owned));
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };
    let basculer = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            let demande = !lue.with_untracked(|r| r.inscrit);
            agir(Box::pin(async move { api::s_inscrire(&id, demande).await }), None);
        }
    };
    let relayer = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            agir(
                Box::pin(async move { api::relayer(&id).await }),
                Some("Session relayée à votre équipe : chacun est prévenu dans Maillage et par courriel."),
            );
        }
    };
    let membre = matches!(role, Some(Role::Conseiller | Role::Mediateur));
    // The hub organises the regional ones, a préfecture its meeting days (the server says which it reads).
    let organise = match role {
        Some(Role::Hub) => !nature.par_la_prefecture(),
        Some(Role::Prefecture) => nature.par_la_prefecture(),
        _ => false,
    };
    let titre_id = format!("rencontre-{id}");
    let etiquette = titre_id.clone();
    view! {
        <article class="fr-callout fr-mb-3w" aria-labelledby=etiquette>
            <p class="fr-badge fr-badge--sm fr-mb-1w" class:fr-badge--info=nature.se_relaie()>{nature.libelle()}</p>
            <h3 id=titre_id class="fr-callout__title fr-h5">{move || lue.with(|r| r.titre.clone())}</h3>
            {move || lue.with(|r| view! {
                <p class="fr-callout__text fr-text--md">
                    <time datetime=r.date.to_string()>{date(r.date)}</time>
                    {(!r.lieu.is_empty()).then(|| format!(", {}", r.lieu))}
                    {(!r.organisateur.is_empty()).then(|| format!(" — organisée par {}", r.organisateur))}
                </p>
                {(!r.description.is_empty()).then(|| view! { <p class="maillage-texte">{r.description.clone()}</p> })}
            })}
            <p aria-live="polite">
                {move || lue.with(|r| {
                    let mut texte = if nature.se_relaie() {
                        pluriel(r.inscrits, "personne inscrite ou intéressée", "personnes inscrites ou intéressées")
                    } else {
                        pluriel(r.inscrits, "personne inscrite", "personnes inscrites")
                    };
                    if r.inscrit {
                        texte.push_str(", dont vous");
                    }
                    if role == Some(Role::Coordinateur) && r.relayee_a > 0 {
                        texte.push_str(&format!(
                            ". Relayée à {} de votre équipe, dont {}",
                            pluriel(r.relayee_a, "membre", "membres"),
                            pluriel(r.interesses, "intéressé", "intéressés")
                        ));
                    }
                    texte
                })}
            </p>
            {move || lue.with(|r| r.compte_rendu.clone()).map(|texte| view! {
                <h4 class="fr-h6 fr-mb-1w">"Compte rendu"</h4>
                <p class="maillage-texte">{texte}</p>
            })}
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            {(!passee && (role == Some(Role::Coordinateur) || membre)).then(|| view! {
                <ul class="fr-btns-group fr-btns-group--inline-md">
                    <li>
                        <button class="fr-btn fr-btn--secondary" type="button" on:click=basculer
                            disabled=move || en_cours.get()>
                            {move || match (lue.with(|r| r.inscrit), membre) {
                                (false, false) => "M’inscrire",
                                (true, false) => "Me désinscrire",
                                (false, true) => "Dire mon intérêt",
                                (true, true) => "Retirer mon intérêt",
                            }}
                        </button>
                    </li>
                    {(role == Some(Role::Coordinateur) && nature.se_relaie()).then(|| view! {
                        <li>
                            <button class="fr-btn fr-btn--tertiary" type="button" on:click=relayer.clone()
                                disabled=move || en_cours.get()>
                                "Relayer à mon équipe"
                            </button>
                        </li>
                    })}
                </ul>
            })}
            {organise.then(|| view! {
                <Organisation id=id.clone() passee lue agir_erreur=erreur recharger/>
            })}
        </article>
    }
}

/// What the organising hub does with a rencontre: read who registered, write the minutes once it took
/// place, cancel it before.
#[component]
fn Organisation(
    id: String,
    passee: bool,
    lue: RwSignal<RencontreRegionale>,
    agir_erreur: RwSignal<Option<String>>,
    recharger: Callback<()>,
) -> impl IntoView {
    let ouvert = RwSignal::new(false);
    let participants = LocalResource::new({
        let id = id.clone();
        move || {
            let id = id.clone();
            let voir = ouvert.get();
            async move {
                if voir {
                    api::participants(&id).await.map(Some)
                } else {
                    Ok(None)
                }
            }
        }
    });
    let compte_rendu = RwSignal::new(lue.with_untracked(|r| r.compte_rendu.clone().unwrap_or_default()));
    let publie = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let confirmer_annulation = RwSignal::new(false);
    let publier = {
        let id = id.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let id = id.clone();
            let texte = compte_rendu.get_untracked();
            agir_erreur.set(None);
            publie.set(None);
            en_cours.set(true);
            spawn_local(async move {
                match api::ecrire_compte_rendu(&id, &texte).await {
                    Ok(relue) => {
                        lue.set(relue);
                        publie.set(Some(
                            "Compte rendu publié : les inscrits sont prévenus.".to_owned(),
                        ));
                    }
                    Err(refus) => agir_erreur.set(Some(refus.message())),
                }
                en_cours.set(false);
            });
        }
    };
    let annuler = {
        let id = id.clone();
        move |()| {
            let id = id.clone();
            confirmer_annulation.set(false);
            en_cours.set(true);
            spawn_local(async move {
                match api::annuler(&id).await {
                    Ok(()) => recharger.run(()),
                    Err(refus) => agir_erreur.set(Some(refus.message())),
                }
                en_cours.set(false);
            });
        }
    };
    let tableau_id = format!("inscrits-{id}");
    let zone_id = format!("compte-rendu-{id}");
    view! {
        <button class="fr-btn fr-btn--tertiary fr-btn--sm fr-mb-2w" type="button"
            aria-expanded=move || ouvert.get().to_string() aria-controls=tableau_id.clone()
            on:click=move |_| ouvert.update(|o| *o = !*o)>
            {move || if ouvert.get() { "Masquer les inscrits" } else { "Voir les inscrits" }}
        </button>
        <div id=tableau_id>
            {move || ouvert.get().then(|| afficher(participants, |liste| match liste {
                None => ().into_any(),
                Some(liste) if liste.is_empty() => view! { <p>"Personne ne s’est encore inscrit."</p> }.into_any(),
                Some(liste) => view! {
                    <Tableau legende="Personnes inscrites" colonnes=vec![
                        ("Nom", false), ("Adresse électronique", false), ("Au titre de", false), ("Inscription", false),
                    ]>
                        {liste.into_iter().map(|p| view! {
                            <tr>
                                <td>{format!("{} {}", p.prenom, p.nom)}</td>
                                <td>{p.email}</td>
                                <td>{if p.par_relais { "Équipe d’un coordinateur (intérêt)" } else { "Coordinateur de la région" }}</td>
                                <td>{horodatage(&p.inscrit_le)}</td>
                            </tr>
                        }).collect_view()}
                    </Tableau>
                }.into_any(),
            }))}
        </div>
        {if passee {
            view! {
                <form on:submit=publier novalidate>
                    <ZoneTexte id=zone_id libelle="Compte rendu" indice="Présents, échanges, décisions et suites."
                        valeur=compte_rendu lignes=4 longueur_max=COMPTE_RENDU_MAX/>
                    <AlerteSucces message=publie/>
                    <button class="fr-btn fr-btn--secondary" type="submit" disabled=move || en_cours.get()>
                        "Publier le compte rendu"
                    </button>
                </form>
            }.into_any()
        } else {
            view! {
                <button class="fr-btn fr-btn--tertiary fr-icon-close-line fr-btn--icon-left" type="button"
                    disabled=move || en_cours.get() on:click=move |_| confirmer_annulation.set(true)>
                    "Annuler la rencontre"
                </button>
            }.into_any()
        }}
        {move || confirmer_annulation.get().then(|| view! {
            <Confirmation
                id=format!("confirmation-annulation-{id}")
                titre=lue.with_untracked(|r| format!("Annuler « {} » ?", r.titre))
                explication="La rencontre disparaît de Maillage ; les inscrits et les personnes à qui elle a été relayée sont prévenus. Cela ne s’annule pas."
                oui="Oui, annuler la rencontre"
                confirmer=Callback::new(annuler.clone())
                annuler=Callback::new(move |()| confirmer_annulation.set(false))
            />
        })}
    }
}

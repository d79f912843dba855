//! `/activites`: a conseiller numérique records an accompaniment in a few clicks. The form keeps the
//! date, type, canal and duration after sending, so a series of similar sessions is quick to enter; a
//! file of accompaniments kept elsewhere can be imported at once.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::activite::{
    self, Autonomie, BeneficiaireNomme, Canal, Materiel, Orientation, THEMES, TypeAccompagnement,
};
use maillage_shared::format::{duree, pluriel};
use maillage_shared::role::Role;
use maillage_shared::territoire::CodeCommune;

use crate::api::activite::{
    Accompagnement, Beneficiaire, LieuProche, LigneRefusee, PersonneSuivie, enregistrer, importer,
    mes_beneficiaires, mes_lieux,
};
use crate::api::comptes::Moi;
use crate::components::acces::reserve;
use crate::components::chargement::titre;
use crate::components::commune::ChampCommune;
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{
    AlerteErreur, AlerteSucces, Case, ChampTexte, Liste, Radios, fichier_choisi, texte_du_fichier,
};
use crate::format::{aujourd_hui, date};

/// The page's title.
const TITRE: &str = "Saisir un accompagnement";

/// Durations offered, in minutes.
const DUREES: [i32; 8] = [15, 30, 45, 60, 90, 120, 180, 240];

/// The recording page, for conseillers.
#[component]
pub fn ActivitesPage() -> impl IntoView {
    titre(TITRE);
    reserve(TITRE, |moi: Moi| {
        let vue = if moi.role() == Some(Role::Conseiller) {
            view! { <FormulaireAccompagnement/> <ImportAccompagnements/> }.into_any()
        } else {
            view! {
                <p>
                    "La saisie des accompagnements est réservée aux conseillers numériques. Choisissez ce rôle "
                    "dans l’en-tête si vous l’avez."
                </p>
            }
            .into_any()
        };
        view! {
            <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
            <h1>{TITRE}</h1>
            {vue}
        }
    })
}

/// The form of one accompaniment, checked with the server's rule before it is sent.
#[component]
fn FormulaireAccompagnement() -> impl IntoView {
    let jour = aujourd_hui().map(|jour| jour.to_string()).unwrap_or_default();
    let date_saisie = RwSignal::new(jour.clone());
    let type_choisi = RwSignal::new(Some(TypeAccompagnement::Individuel.as_str().to_owned()));
    let canal = RwSignal::new(Canal::LieuDePermanence.as_str().to_owned());
    let themes = THEMES.map(|_| RwSignal::new(false));
    let duree_choisie = RwSignal::new("30".to_owned());
    let participants = RwSignal::new("2".to_owned());
    let commune = RwSignal::new(String::new());
    let materiels = Materiel::ALL.map(|_| RwSignal::new(false));
    let lieu = RwSignal::new(String::new());
    let lieux = LocalResource::new(mes_lieux);
    let autonomie = RwSignal::new(String::new());
    let orientation = RwSignal::new(String::new());
    let nommer = RwSignal::new(false);
    // The person chosen among those followed; empty for a new one.
    let personne = RwSignal::new(String::new());
    let suivis = LocalResource::new(mes_beneficiaires);
    let prenom = RwSignal::new(String::new());
    let nom = RwSignal::new(String::new());
    let naissance = RwSignal::new(String::new());
    let consentement = RwSignal::new(false);
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let collectif =
        move || type_choisi.with(|t| t.as_deref() == Some(TypeAccompagnement::Collectif.as_str()));

    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        succes.set(None);
        let type_accompagnement = type_choisi
            .get_untracked()
            .and_then(|t| TypeAccompagnement::parse(&t))
            .unwrap_or(TypeAccompagnement::Individuel);
        let choisis: Vec<&str> = THEMES
            .iter()
            .zip(themes)
            .filter(|(_, coche)| coche.get_untracked())
            .map(|(theme, _)| *theme)
            .collect();
        let duree_minutes = duree_choisie.get_untracked().parse::<i32>().unwrap_or(0);
        let nombre = match type_accompagnement {
            TypeAccompagnement::Individuel => 1,
            TypeAccompagnement::Collectif => participants.get_untracked().trim().parse::<i32>().unwrap_or(0),
        };
        let mut problemes = activite::verifier(type_accompagnement, &choisis, duree_minutes, nombre);
        let materiel: Vec<Materiel> = Materiel::ALL
            .iter()
            .zip(materiels)
            .filter(|(_, coche)| coche.get_untracked())
            .map(|(m, _)| *m)
            .collect();
        let individuel = type_accompagnement == TypeAccompagnement::Individuel;
        let autonomie_choisie = Autonomie::parse(&autonomie.get_untracked()).filter(|_| individuel);
        let orientation_choisie = Orientation::parse(&orientation.get_untracked()).filter(|_| individuel);
        let naissance_saisie = naissance.get_untracked();
        let annee_naissance = naissance_saisie.trim().parse::<i32>().ok();
        if !naissance_saisie.trim().is_empty() && annee_naissance.is_none() {
            problemes.push("l’année de naissance s’écrit en chiffres (1950)".to_owned());
        }
        let choisie = personne.get_untracked();
        let beneficiaire = (individuel && nommer.get_untracked()).then(|| {
            if choisie.is_empty() {
                PersonneSuivie::Nouvelle {
                    prenom: prenom.get_untracked(),
                    nom: nom.get_untracked(),
                    annee_naissance,
                    consentement: consentement.get_untracked(),
                }
            } else {
                PersonneSuivie::Existante(choisie)
            }
        });
        problemes.extend(activite::verifier_suivi_individuel(
            type_accompagnement,
            autonomie_choisie,
            orientation_choisie,
            beneficiaire.is_some(),
            &materiel,
        ));
        if let Some(PersonneSuivie::Nouvelle {
            prenom,
            nom,
            annee_naissance,
            consentement,
        }) = &beneficiaire
        {
            use chrono::Datelike;
            let annee = aujourd_hui().map_or(2026, |jour| jour.year());
            problemes.extend(activite::verifier_beneficiaire(
                &BeneficiaireNomme {
                    prenom,
                    nom,
                    annee_naissance: *annee_naissance,
                    consentement: *consentement,
                },
                annee,
            ));
        }
        let jour = NaiveDate::parse_from_str(&date_saisie.get_untracked(), "%Y-%m-%d").ok();
        if jour.is_none() {
            problemes.insert(0, "la date est attendue".to_owned());
        }
        let code = commune.get_untracked();
        let commune_code = if code.trim().is_empty() {
            None
        } else {
            match CodeCommune::parse(&code) {
                Ok(code) => Some(code.as_str().to_owned()),
                Err(refus) => {
                    problemes.push(refus.to_string());
                    None
                }
            }
        };
        let (Some(jour), true) = (jour, problemes.is_empty()) else {
            erreur.set(Some(format!(
                "L’accompagnement n’est pas enregistré : {}.",
                problemes.join(" ; ")
            )));
            return;
        };
        let accompagnement = Accompagnement {
            date: jour,
            type_accompagnement,
            canal: Canal::parse(&canal.get_untracked()).unwrap_or(Canal::LieuDePermanence),
            themes: choisis.into_iter().map(str::to_owned).collect(),
            duree_minutes,
            participants: nombre,
            commune_code,
            lieu_id: Some(lieu.get_untracked())
                .filter(|id| !id.is_empty() && canal.get_untracked() == Canal::LieuDePermanence.as_str()),
            materiel,
            autonomie: autonomie_choisie,
            orientation: orientation_choisie,
            beneficiaire,
        };
        erreur.set(None);
        en_cours.set(true);
        spawn_local(async move {
            match enregistrer(&accompagnement).await {
                Ok(()) => {
                    succes.set(Some(format!(
                        "Accompagnement du {} enregistré ({}, {}).",
                        date(accompagnement.date),
                        duree(i64::from(accompagnement.duree_minutes)),
                        accompagnement.themes.join(", ")
                    )));
                    // The next session rarely has the same themes: the rest is kept for a quick series.
                    for coche in themes {
                        coche.set(false);
                    }
                    // Nor the same person; the one just named is now among those followed.
                    nommer.set(false);
                    personne.set(String::new());
                    suivis.refetch();
                    prenom.set(String::new());
                    nom.set(String::new());
                    naissance.set(String::new());
                    consentement.set(false);
                    autonomie.set(String::new());
                    orientation.set(String::new());
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            en_cours.set(false);
        });
    };

    let types = vec![
        (
            TypeAccompagnement::Individuel.as_str().to_owned(),
            "Individuel".to_owned(),
        ),
        (
            TypeAccompagnement::Collectif.as_str().to_owned(),
            "Collectif (atelier)".to_owned(),
        ),
    ];
    let canaux = Canal::ALL
        .into_iter()
        .map(|c| (c.as_str().to_owned(), Canal::libelle(c).to_owned()))
        .collect::<Vec<_>>();
    let non_renseigne = || vec![(String::new(), "Non renseigné".to_owned())];
    let autonomies: Vec<(String, String)> = non_renseigne()
        .into_iter()
        .chain(
            Autonomie::ALL
                .iter()
                .map(|a| (a.as_str().to_owned(), a.libelle().to_owned())),
        )
        .collect();
    let orientations: Vec<(String, String)> = vec![(String::new(), "Pas d’orientation".to_owned())]
        .into_iter()
        .chain(
            Orientation::ALL
                .iter()
                .map(|o| (o.as_str().to_owned(), o.libelle().to_owned())),
        )
        .collect();
    let durees = DUREES
        .into_iter()
        .map(|minutes| (minutes.to_string(), duree(i64::from(minutes))))
        .collect::<Vec<_>>();
    view! {
        <p class="fr-text--lead">"Un accompagnement par saisie : une personne ou un atelier collectif."</p>
        <form on:submit=envoyer novalidate class="fr-mb-6w">
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-4">
                    <ChampTexte id="activite-date" libelle="Date" type_="date" valeur=date_saisie requis=true
                        max=jour/>
                </div>
                <div class="fr-col-12 fr-col-md-4">
                    <Liste id="activite-canal" libelle="Lieu" options=canaux valeur=canal/>
                </div>
                <div class="fr-col-12 fr-col-md-4">
                    <Liste id="activite-duree" libelle="Durée" options=durees valeur=duree_choisie/>
                </div>
            </div>
            <Radios nom="activite-type" legende="Type d’accompagnement" options=types choix=type_choisi
                en_ligne=true/>
            {move || collectif().then(|| view! {
                <ChampTexte id="activite-participants" libelle="Nombre de participants"
                    indice=format!("De 2 à {}", activite::PARTICIPANTS_MAX) type_="number"
                    valeur=participants requis=true min="2".to_owned()
                    max=activite::PARTICIPANTS_MAX.to_string()/>
            })}
            <fieldset class="fr-fieldset" id="activite-themes" aria-labelledby="activite-themes-legende">
                <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="activite-themes-legende">
                    "Thèmes abordés"
                    <span class="fr-hint-text">"Au moins un."</span>
                </legend>
                {THEMES
                    .iter()
                    .zip(themes)
                    .enumerate()
                    .map(|(rang, (theme, cochee))| view! {
                        <div class="fr-fieldset__element">
                            <Case id=format!("activite-theme-{rang}") libelle=*theme cochee/>
                        </div>
                    })
                    .collect_view()}
            </fieldset>
            {move || {
                let proches: Vec<LieuProche> = lieux.get().and_then(Result::ok).unwrap_or_default();
                (canal.get() == Canal::LieuDePermanence.as_str() && !proches.is_empty()).then(|| {
                    let options: Vec<(String, String)> = std::iter::once((String::new(), "Non précisé".to_owned()))
                        .chain(proches.into_iter().map(|l| (l.id, format!("{} ({})", l.nom, l.commune))))
                        .collect();
                    view! {
                        <Liste id="activite-lieu" libelle="Lieu de médiation numérique (facultatif)" options
                            valeur=lieu/>
                    }
                })
            }}
            <ChampCommune id="activite-commune" libelle="Commune (facultatif)" valeur=commune requis=false/>
            <fieldset class="fr-fieldset" id="activite-materiel" aria-labelledby="activite-materiel-legende">
                <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="activite-materiel-legende">
                    "Matériel utilisé"
                    <span class="fr-hint-text">"Facultatif."</span>
                </legend>
                {Materiel::ALL
                    .iter()
                    .zip(materiels)
                    .map(|(materiel, cochee)| view! {
                        <div class="fr-fieldset__element fr-fieldset__element--inline">
                            <Case id=format!("activite-materiel-{}", materiel.as_str()) libelle=materiel.libelle()
                                cochee/>
                        </div>
                    })
                    .collect_view()}
            </fieldset>
            {move || (!collectif()).then(|| view! {
                <div class="fr-grid-row fr-grid-row--gutters">
                    <div class="fr-col-12 fr-col-md-6">
                        <Liste id="activite-autonomie" libelle="Autonomie de la personne à la fin"
                            options=autonomies.clone() valeur=autonomie/>
                    </div>
                    <div class="fr-col-12 fr-col-md-6">
                        <Liste id="activite-orientation" libelle="Orientation vers une autre structure"
                            options=orientations.clone() valeur=orientation/>
                    </div>
                </div>
                <Case id="activite-nommer"
                    libelle="Suivre cette personne d’un accompagnement à l’autre (avec son accord)" cochee=nommer/>
                {move || nommer.get().then(|| {
                    let deja: Vec<(String, String)> = suivis
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|b: Beneficiaire| {
                            let naissance = b.annee_naissance.map(|a| format!(", née ou né en {a}")).unwrap_or_default();
                            (b.id, format!("{} {}{naissance}", b.prenom, b.nom))
                        })
                        .collect();
                    let options: Vec<(String, String)> = std::iter::once((String::new(), "Une nouvelle personne".to_owned()))
                        .chain(deja.clone())
                        .collect();
                    view! {
                    {(!deja.is_empty()).then(|| view! {
                        <Liste id="activite-personne" libelle="Personne suivie" options=options.clone() valeur=personne/>
                    })}
                    {move || personne.with(String::is_empty).then(|| view! {
                    <fieldset class="fr-fieldset" aria-labelledby="activite-personne-legende">
                        <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="activite-personne-legende">
                            "Personne accompagnée"
                            <span class="fr-hint-text">
                                "Son nom n’est visible que de vous ; elle peut demander à tout moment qu’il soit effacé."
                            </span>
                        </legend>
                        <div class="fr-fieldset__element">
                            <ChampTexte id="activite-prenom" libelle="Prénom" valeur=prenom requis=true/>
                        </div>
                        <div class="fr-fieldset__element">
                            <ChampTexte id="activite-nom" libelle="Nom" valeur=nom requis=true/>
                        </div>
                        <div class="fr-fieldset__element">
                            <ChampTexte id="activite-naissance" libelle="Année de naissance (facultatif)"
                                type_="number" valeur=naissance requis=false/>
                        </div>
                        <div class="fr-fieldset__element">
                            <Case id="activite-consentement"
                                libelle="La personne accepte que son nom soit enregistré pour suivre ses accompagnements"
                                cochee=consentement/>
                        </div>
                    </fieldset>
                    })}
                    }
                })}
            })}
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            <button class="fr-btn" type="submit" disabled=move || en_cours.get()>
                "Enregistrer l’accompagnement"
            </button>
        </form>
    }
}

/// Largest file sent (the API takes requests up to 64 KiB): about 600 accompaniments.
const TAILLE_MAX: f64 = 60_000.0;

/// The header and an example line of the import file.
const MODELE: &str = "date;type;canal;themes;duree_minutes;participants;code_insee\n\
    2026-11-02;INDIVIDUEL;LIEU_DE_PERMANENCE;Aide aux démarches administratives;45;1;29019\n";

/// Imports a CSV file of accompaniments; lists the refused lines with their number and reason.
#[component]
fn ImportAccompagnements() -> impl IntoView {
    let fichier = NodeRef::<leptos::html::Input>::new();
    let tout_ou_rien = RwSignal::new(false);
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let refusees = RwSignal::new(Vec::<LigneRefusee>::new());
    let en_cours = RwSignal::new(false);
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        erreur.set(None);
        succes.set(None);
        refusees.set(Vec::new());
        let choisi = match fichier_choisi(
            fichier,
            TAILLE_MAX,
            "Ce fichier dépasse 60 Ko (environ 600 accompagnements) : découpez-le en plusieurs fichiers.",
        ) {
            Ok(choisi) => choisi,
            Err(probleme) => {
                erreur.set(Some(probleme));
                return;
            }
        };
        let tout_ou_rien = tout_ou_rien.get_untracked();
        en_cours.set(true);
        spawn_local(async move {
            match texte_du_fichier(&choisi).await {
                None => erreur.set(Some(
                    "Ce fichier n’est pas un texte lisible : enregistrez-le depuis votre tableur en « CSV UTF-8 »."
                        .to_owned(),
                )),
                Some(texte) => match importer(&texte, tout_ou_rien).await {
                    Ok(bilan) => {
                        let refus = bilan.lignes_refusees.len() as i64;
                        let importes = pluriel(
                            bilan.importes,
                            "accompagnement importé",
                            "accompagnements importés",
                        );
                        succes.set(Some(if refus == 0 {
                            format!("{importes}.")
                        } else {
                            format!(
                                "{importes} ; {} à corriger.",
                                pluriel(refus, "ligne refusée", "lignes refusées")
                            )
                        }));
                        refusees.set(bilan.lignes_refusees);
                    }
                    Err(refus) => erreur.set(Some(refus.message())),
                },
            }
            en_cours.set(false);
        });
    };
    view! {
        <section class="fr-mb-6w" aria-labelledby="titre-import">
            <h2 id="titre-import" class="fr-h4">"Importer des accompagnements"</h2>
            <p>
                "Un fichier CSV (séparateur point-virgule ou virgule), une ligne par accompagnement, avec cet "
                "en-tête ; les thèmes sont séparés par une barre verticale, la date s’écrit AAAA-MM-JJ ou "
                "JJ/MM/AAAA, le code INSEE de la commune est facultatif :"
            </p>
            <pre class="maillage-modele" tabindex="0"><code>{MODELE}</code></pre>
            <form on:submit=envoyer novalidate>
                <div class="fr-upload-group fr-mb-2w">
                    <label class="fr-label" for="import-fichier">
                        "Fichier d’accompagnements"
                        <span class="fr-hint-text">"Format CSV, 60 Ko au plus."</span>
                    </label>
                    <input class="fr-upload" type="file" id="import-fichier" accept=".csv,text/csv" node_ref=fichier/>
                </div>
                <Case id="import-tout-ou-rien" libelle="Ne rien importer si une ligne est refusée" cochee=tout_ou_rien/>
                <AlerteErreur message=erreur/>
                <AlerteSucces message=succes/>
                <div role="alert">
                    {move || {
                        let lignes = refusees.get();
                        (!lignes.is_empty()).then(|| view! {
                            <div class="fr-alert fr-alert--warning fr-alert--sm fr-my-2w">
                                <p>"Lignes refusées :"</p>
                                <ul>
                                    {lignes.into_iter().map(|l| view! {
                                        <li>{format!("ligne {} : {}", l.ligne, l.motif)}</li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })
                    }}
                </div>
                <button class="fr-btn fr-btn--secondary" type="submit" disabled=move || en_cours.get()>
                    "Importer le fichier"
                </button>
            </form>
        </section>
    }
}

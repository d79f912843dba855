//! `/lieux/nouveau` and `/lieux/:id/modifier`: a lieu created or corrected by form — ANCT anywhere, a
//! coordinator in its perimeter, a structure its own lieux — every field of the national standard, checked
//! by the server as an import is; the opening hours read as the person types them (the same reading as the
//! lieu's page, `maillage_shared::horaires`); then closing or reopening the lieu, and its history.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use maillage_shared::horaires::Horaires;
use maillage_shared::lieu::{
    DISPOSITIFS, FORMATIONS_LABELS, FRAIS, ITINERANCES, MODALITES_ACCES, MODALITES_ACCOMPAGNEMENT,
    PRISES_EN_CHARGE, PUBLICS, SERVICES,
};
use maillage_shared::role::Role;

use crate::api::lieux::{self as api, Lieu, LieuSaisi, Modification};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, afficher_page, titre};
use crate::components::confirmation::Confirmation;
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, Cases, ChampTexte, ZoneTexte};
use crate::format::horodatage;

/// Who keeps lieux current.
const EDITEURS: [Role; 3] = [Role::Coordinateur, Role::Structure, Role::Anct];

/// `/lieux/nouveau`.
#[component]
pub fn NouveauLieuPage() -> impl IntoView {
    titre("Ajouter un lieu");
    reserve_au_role("Ajouter un lieu", &EDITEURS, |moi| {
        let structure = moi.role() == Some(Role::Structure);
        view! {
            <FilAriane parents=vec![("Trouver un lieu".to_owned(), "/lieux".to_owned())] actuel="Ajouter un lieu"/>
            <h1>"Ajouter un lieu de médiation numérique"</h1>
            <p class="fr-text--lead">
                "Ses informations suivent le standard national des lieux de médiation numérique : elles sont \
                 publiées en données ouvertes."
            </p>
            <Formulaire lieu=None structure/>
        }
    })
}

/// `/lieux/:id/modifier`.
#[component]
pub fn ModifierLieuPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    titre("Modifier un lieu");
    reserve_au_role("Modifier un lieu", &EDITEURS, move |moi| {
        let structure = moi.role() == Some(Role::Structure);
        let fiche = LocalResource::new(move || {
            let id = id();
            async move { api::fiche(&id).await }
        });
        afficher_page(fiche, move |trouvee| {
            match trouvee {
            None => view! { <h1>"Lieu introuvable"</h1><p>"Aucun lieu n’a cet identifiant."</p> }.into_any(),
            Some(fiche) if !fiche.peut_modifier => view! {
                <h1>"Modifier « " {fiche.lieu.nom.clone()} " »"</h1>
                <p>
                    "Ce lieu n’est ni dans votre périmètre ni à votre structure : seuls l’ANCT, les coordinateurs \
                     de son territoire et la structure qui le porte le modifient. "
                    <a href=format!("/lieux/{}", fiche.lieu.id)>"Signalez plutôt une erreur sur sa page."</a>
                </p>
            }
            .into_any(),
            Some(fiche) => {
                let lieu = fiche.lieu;
                view! {
                    <FilAriane
                        parents=vec![
                            ("Trouver un lieu".to_owned(), "/lieux".to_owned()),
                            (lieu.nom.clone(), format!("/lieux/{}", lieu.id)),
                        ]
                        actuel="Modifier"/>
                    <h1>"Modifier « " {lieu.nom.clone()} " »"</h1>
                    <Formulaire lieu=Some(lieu.clone()) structure/>
                    <Fermeture lieu=lieu.clone()/>
                    <Historique id=lieu.id.clone()/>
                }
                .into_any()
            }
        }
        })
    })
}

/// Values joined for a one-line field.
fn joindre(valeurs: &[String]) -> String {
    valeurs.join(", ")
}

/// A one-line field's values.
fn separer(texte: &str) -> Vec<String> {
    texte
        .split([',', '|'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
fn Formulaire(lieu: Option<Lieu>, structure: bool) -> impl IntoView {
    let texte = |valeur: Option<&String>| RwSignal::new(valeur.cloned().unwrap_or_default());
    let l = lieu.clone();
    let id = lieu.as_ref().map(|l| l.id.clone());
    let nom = texte(l.as_ref().map(|l| &l.nom));
    let pivot = texte(l.as_ref().map(|l| &l.pivot));
    let adresse = texte(l.as_ref().map(|l| &l.adresse));
    let complement = texte(l.as_ref().and_then(|l| l.complement_adresse.as_ref()));
    let code_postal = texte(l.as_ref().map(|l| &l.code_postal));
    let commune = texte(l.as_ref().map(|l| &l.commune));
    let code_insee = texte(l.as_ref().and_then(|l| l.code_insee.as_ref()));
    let latitude = RwSignal::new(
        l.as_ref()
            .and_then(|l| l.latitude)
            .map(|v| v.to_string())
            .unwrap_or_default(),
    );
    let longitude = RwSignal::new(
        l.as_ref()
            .and_then(|l| l.longitude)
            .map(|v| v.to_string())
            .unwrap_or_default(),
    );
    let horaires = texte(l.as_ref().and_then(|l| l.horaires.as_ref()));
    let telephone = texte(l.as_ref().and_then(|l| l.telephone.as_ref()));
    let courriels = RwSignal::new(l.as_ref().map(|l| joindre(&l.courriels)).unwrap_or_default());
    let sites = RwSignal::new(l.as_ref().map(|l| joindre(&l.site_web)).unwrap_or_default());
    let resume = texte(l.as_ref().and_then(|l| l.presentation_resume.as_ref()));
    let detail = texte(l.as_ref().and_then(|l| l.presentation_detail.as_ref()));
    let typologies = RwSignal::new(l.as_ref().map(|l| joindre(&l.typologies)).unwrap_or_default());
    let fiche_acces = texte(l.as_ref().and_then(|l| l.fiche_acces_libre.as_ref()));
    let prise_rdv = texte(l.as_ref().and_then(|l| l.prise_rdv.as_ref()));
    let structure_parente = texte(l.as_ref().and_then(|l| l.structure_parente.as_ref()));
    let autres_labels = RwSignal::new(
        l.as_ref()
            .map(|l| joindre(&l.autres_formations_labels))
            .unwrap_or_default(),
    );
    let liste = |valeurs: Option<&Vec<String>>| RwSignal::new(valeurs.cloned().unwrap_or_default());
    let services = liste(l.as_ref().map(|l| &l.services));
    let publics = liste(l.as_ref().map(|l| &l.publics_specifiquement_adresses));
    let prises = liste(l.as_ref().map(|l| &l.prise_en_charge_specifique));
    let frais = liste(l.as_ref().map(|l| &l.frais_a_charge));
    let itinerance = liste(l.as_ref().map(|l| &l.itinerance));
    let acces = liste(l.as_ref().map(|l| &l.modalites_acces));
    let accompagnement = liste(l.as_ref().map(|l| &l.modalites_accompagnement));
    let dispositifs = liste(l.as_ref().map(|l| &l.dispositif_programmes_nationaux));
    let labels = liste(l.as_ref().map(|l| &l.formations_labels));
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    // The hours as the lieu's page will show them, or where the syntax goes wrong.
    let lecture = move || {
        let texte = horaires.get();
        if texte.trim().is_empty() {
            return None;
        }
        Some(match Horaires::lire(texte.trim()) {
            Ok(lues) => {
                let semaine = lues.semaine();
                let jours = semaine
                    .jours
                    .iter()
                    .map(|j| format!("{} : {}", j.jour, j.horaires))
                    .chain(semaine.particularites)
                    .collect::<Vec<_>>();
                view! {
                    <div class="fr-callout fr-mb-3w" aria-live="polite">
                        <p class="fr-callout__text fr-text--sm">"Ce que la page du lieu affichera :"</p>
                        <ul class="fr-text--sm">{jours.into_iter().map(|j| view! { <li>{j}</li> }).collect_view()}</ul>
                    </div>
                }
                .into_any()
            }
            Err(e) => {
                view! { <p class="fr-error-text fr-mb-3w" aria-live="polite">{e.to_string()}</p> }.into_any()
            }
        })
    };
    let nombre = |texte: String| -> Result<Option<f64>, String> {
        let texte = texte.trim().replace(',', ".");
        if texte.is_empty() {
            return Ok(None);
        }
        texte
            .parse::<f64>()
            .map(Some)
            .map_err(|_| format!("« {texte} » n’est pas un nombre."))
    };
    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        erreur.set(None);
        let (lat, lon) = match (
            nombre(latitude.get_untracked()),
            nombre(longitude.get_untracked()),
        ) {
            (Ok(lat), Ok(lon)) => (lat, lon),
            (Err(e), _) | (_, Err(e)) => {
                erreur.set(Some(format!("Coordonnées : {e}")));
                return;
            }
        };
        let saisie = LieuSaisi {
            id: id.clone(),
            pivot: pivot.get_untracked(),
            nom: nom.get_untracked(),
            adresse: adresse.get_untracked(),
            complement_adresse: complement.get_untracked(),
            commune: commune.get_untracked(),
            code_postal: code_postal.get_untracked(),
            code_insee: code_insee.get_untracked(),
            latitude: lat,
            longitude: lon,
            typologies: separer(&typologies.get_untracked()),
            telephone: telephone.get_untracked().replace(' ', ""),
            courriels: separer(&courriels.get_untracked()),
            site_web: separer(&sites.get_untracked()),
            horaires: horaires.get_untracked(),
            presentation_resume: resume.get_untracked(),
            presentation_detail: detail.get_untracked(),
            structure_parente: structure_parente.get_untracked(),
            services: services.get_untracked(),
            publics_specifiquement_adresses: publics.get_untracked(),
            prise_en_charge_specifique: prises.get_untracked(),
            frais_a_charge: frais.get_untracked(),
            itinerance: itinerance.get_untracked(),
            modalites_acces: acces.get_untracked(),
            modalites_accompagnement: accompagnement.get_untracked(),
            fiche_acces_libre: fiche_acces.get_untracked(),
            prise_rdv: prise_rdv.get_untracked(),
            dispositif_programmes_nationaux: dispositifs.get_untracked(),
            formations_labels: labels.get_untracked(),
            autres_formations_labels: separer(&autres_labels.get_untracked()),
        };
        en_cours.set(true);
        spawn_local(async move {
            match api::enregistrer(saisie).await {
                // The lieu's page, as everyone reads it now.
                Ok(id) => {
                    if let Some(fenetre) = web_sys::window() {
                        let _ = fenetre.location().assign(&format!("/lieux/{id}"));
                    }
                }
                Err(refus) => {
                    erreur.set(Some(refus.message()));
                    en_cours.set(false);
                }
            }
        });
    };
    view! {
        <form on:submit=envoyer novalidate class="fr-mb-6w">
            <h2 class="fr-h4">"Le lieu"</h2>
            <ChampTexte id="lieu-nom" libelle="Nom" valeur=nom requis=true/>
            {(!structure).then(|| view! {
                <ChampTexte id="lieu-pivot" libelle="SIRET ou RNA de la structure qui le porte"
                    indice="14 chiffres, ou W suivi de 9 caractères" valeur=pivot requis=true/>
            })}
            <ChampTexte id="lieu-adresse" libelle="Adresse" autocomplete="street-address" valeur=adresse requis=true/>
            <ChampTexte id="lieu-complement" libelle="Complément d’adresse (facultatif)" valeur=complement/>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-4">
                    <ChampTexte id="lieu-code-postal" libelle="Code postal" autocomplete="postal-code" valeur=code_postal requis=true/>
                </div>
                <div class="fr-col-12 fr-col-md-8">
                    <ChampTexte id="lieu-commune" libelle="Commune" valeur=commune requis=true/>
                </div>
                <div class="fr-col-12 fr-col-md-4">
                    <ChampTexte id="lieu-insee" libelle="Code INSEE (facultatif)" valeur=code_insee/>
                </div>
                <div class="fr-col-12 fr-col-md-4">
                    <ChampTexte id="lieu-latitude" libelle="Latitude (facultatif)" indice="ex. 48.3853" valeur=latitude/>
                </div>
                <div class="fr-col-12 fr-col-md-4">
                    <ChampTexte id="lieu-longitude" libelle="Longitude (facultatif)" indice="ex. -4.5008" valeur=longitude/>
                </div>
            </div>
            <h2 class="fr-h4">"Horaires"</h2>
            <ChampTexte id="lieu-horaires" libelle="Horaires d’ouverture"
                indice="Syntaxe OpenStreetMap : Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off (jours : Mo Tu We Th Fr Sa Su, PH pour les jours fériés)"
                valeur=horaires/>
            {lecture}
            <h2 class="fr-h4">"Ce qu’on y trouve"</h2>
            <Cases nom="lieu-services" legende="Services proposés" valeurs=&SERVICES choisies=services/>
            <Cases nom="lieu-publics" legende="Publics accueillis en particulier" valeurs=&PUBLICS choisies=publics/>
            <Cases nom="lieu-accompagnement" legende="Modalités d’accompagnement" valeurs=&MODALITES_ACCOMPAGNEMENT choisies=accompagnement/>
            <Cases nom="lieu-acces" legende="Modalités d’accès" valeurs=&MODALITES_ACCES choisies=acces/>
            <Cases nom="lieu-frais" legende="Frais à charge" valeurs=&FRAIS choisies=frais/>
            <Cases nom="lieu-itinerance" legende="Itinérance" valeurs=&ITINERANCES choisies=itinerance/>
            <Cases nom="lieu-prises" legende="Accompagnement adapté" valeurs=&PRISES_EN_CHARGE choisies=prises/>
            <Cases nom="lieu-dispositifs" legende="Dispositifs" valeurs=&DISPOSITIFS choisies=dispositifs/>
            <Cases nom="lieu-labels" legende="Formations et labels" valeurs=&FORMATIONS_LABELS choisies=labels/>
            <ChampTexte id="lieu-autres-labels" libelle="Autres formations et labels (facultatif)" indice="Séparés par des virgules" valeur=autres_labels/>
            <ChampTexte id="lieu-typologies" libelle="Typologie (facultatif)" indice="Codes de la typologie data·inclusion séparés par des virgules, ex. BIB, MUNI" valeur=typologies/>
            <ZoneTexte id="lieu-resume" libelle="Présentation courte (facultatif)" valeur=resume lignes=2/>
            <ZoneTexte id="lieu-detail" libelle="Présentation détaillée (facultatif)" valeur=detail lignes=4/>
            <ChampTexte id="lieu-structure-parente" libelle="Structure parente (facultatif)" valeur=structure_parente/>
            <h2 class="fr-h4">"Contact et accessibilité"</h2>
            <ChampTexte id="lieu-telephone" libelle="Téléphone (facultatif)" indice="Au format international : +33298000000" type_="tel" valeur=telephone/>
            <ChampTexte id="lieu-courriels" libelle="Courriels (facultatif)" indice="Séparés par des virgules" valeur=courriels/>
            <ChampTexte id="lieu-sites" libelle="Sites web (facultatif)" indice="https://…, séparés par des virgules" valeur=sites/>
            <ChampTexte id="lieu-rdv" libelle="Prise de rendez-vous en ligne (facultatif)" indice="https://…" valeur=prise_rdv/>
            <ChampTexte id="lieu-acceslibre" libelle="Fiche Acceslibre (facultatif)" indice="https://acceslibre.beta.gouv.fr/…" valeur=fiche_acces/>
            <AlerteErreur message=erreur/>
            <button type="submit" class="fr-btn" disabled=move || en_cours.get()>"Enregistrer le lieu"</button>
        </form>
    }
}

/// Closing the lieu (confirmed: it leaves the search, the map and the open data), or reopening it.
#[component]
fn Fermeture(lieu: Lieu) -> impl IntoView {
    let motif = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let confirmer = RwSignal::new(false);
    let id = StoredValue::new(lieu.id.clone());
    let recharger = move || {
        if let Some(fenetre) = web_sys::window() {
            let _ = fenetre.location().assign(&format!("/lieux/{}", id.get_value()));
        }
    };
    let fermer = Callback::new(move |()| {
        confirmer.set(false);
        spawn_local(async move {
            match api::fermer(&id.get_value(), &motif.get_untracked()).await {
                Ok(()) => recharger(),
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    });
    let rouvrir = move |_| {
        spawn_local(async move {
            match api::rouvrir(&id.get_value()).await {
                Ok(()) => recharger(),
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    let nom = lieu.nom.clone();
    view! {
        <section class="fr-my-6w" aria-labelledby="titre-fermeture">
            <h2 id="titre-fermeture" class="fr-h4">{if lieu.ferme_le.is_some() { "Rouvrir ce lieu" } else { "Fermer ce lieu" }}</h2>
            {if lieu.ferme_le.is_some() {
                view! {
                    <p>"Ce lieu est fermé. Rouvert, il revient dans la recherche, sur la carte et dans les données ouvertes."</p>
                    <button type="button" class="fr-btn fr-btn--secondary" on:click=rouvrir>"Rouvrir ce lieu"</button>
                }.into_any()
            } else {
                view! {
                    <p>"Un lieu fermé quitte la recherche, la carte et les données ouvertes ; sa page le dit."</p>
                    <ZoneTexte id="fermeture-motif" libelle="Pourquoi ferme-t-il ?" valeur=motif lignes=2 longueur_max=500/>
                    <button type="button" class="fr-btn fr-btn--tertiary"
                        on:click=move |_| {
                            if motif.get_untracked().trim().chars().count() < 3 {
                                erreur.set(Some("Dites en 3 à 500 caractères pourquoi ce lieu ferme.".to_owned()));
                            } else {
                                erreur.set(None);
                                confirmer.set(true);
                            }
                        }>
                        "Fermer ce lieu"
                    </button>
                }.into_any()
            }}
            <AlerteErreur message=erreur/>
            {move || confirmer.get().then(|| view! {
                <Confirmation id="confirmer-fermeture" titre=format!("Fermer « {nom} » ?")
                    explication="Il quittera la recherche, la carte et les données ouvertes. Vous pourrez le rouvrir."
                    oui="Oui, fermer ce lieu" confirmer=fermer annuler=Callback::new(move |()| confirmer.set(false))/>
            })}
        </section>
    }
}

/// Who changed what, newest first.
#[component]
fn Historique(id: String) -> impl IntoView {
    let modifications = LocalResource::new(move || {
        let id = id.clone();
        async move { api::modifications(&id).await }
    });
    view! {
        <section class="fr-my-6w" aria-labelledby="titre-historique">
            <h2 id="titre-historique" class="fr-h4">"Historique des modifications"</h2>
            {afficher(modifications, |liste: Vec<Modification>| {
                if liste.is_empty() {
                    return view! { <p>"Ce lieu n’a pas encore été modifié par formulaire (il vient d’un import)."</p> }.into_any();
                }
                view! {
                    <ul>
                        {liste.into_iter().map(|m| {
                            let nature = match m.nature.as_str() {
                                "CREATION" => "Création",
                                "CORRECTION" => "Correction",
                                "FERMETURE" => "Fermeture",
                                _ => "Réouverture",
                            };
                            let changements = m.changements.into_iter().map(|c| {
                                if c.champ == "fermeture" {
                                    format!("motif : {}", c.apres)
                                } else {
                                    format!("{} : « {} » → « {} »", c.champ, c.avant, c.apres)
                                }
                            }).collect::<Vec<_>>();
                            view! {
                                <li class="fr-mb-2w">
                                    <strong>{nature}</strong> " le " {horodatage(&m.le)} " par " {m.auteur}
                                    {(!changements.is_empty()).then(|| view! {
                                        <ul class="fr-text--sm">{changements.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

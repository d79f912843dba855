//! `/coordination/diagnostic`: the territorial diagnosis of the coordinator's perimeter — its figures, its
//! lieux on the map of its département (those inside the perimeter drawn as squares), the services of the
//! standard no lieu offers, the lieux whose record lacks something, then the table of its EPCI (with their
//! communes without any lieu) and of its communes, each downloadable.

use std::sync::Arc;

use leptos::prelude::*;
use maillage_shared::carte::Formes;
use maillage_shared::format::nombre;
use maillage_shared::role::Role;

use crate::api::carte::{PointLieu, formes};
use crate::api::diagnostic::{Diagnostic, DiagnosticCommune, DiagnosticEpci, diagnostic};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, afficher_page, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::indicateur::Indicateur;
use crate::components::tableau::Tableau;
use crate::components::telechargements::Telechargements;
use crate::pages::carte::departement_carte_page::Plan;
use crate::pages::lieux::signalements_page::ListeACompleter;

/// The page's title.
const TITRE: &str = "Diagnostic de mon territoire";

/// How many communes without a lieu an EPCI row names before "and N others".
const COMMUNES_NOMMEES: usize = 5;

/// The diagnosis page, for coordinators.
#[component]
pub fn DiagnosticPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(TITRE, &[Role::Coordinateur], |_| view! { <DiagnosticCharge/> })
}

/// "12 345", or "aucun conseiller" where the ratio has no value.
fn habitants(valeur: Option<i64>) -> String {
    valeur.map_or_else(|| "aucun conseiller".to_owned(), nombre)
}

#[component]
fn DiagnosticCharge() -> impl IntoView {
    let donnees = LocalResource::new(diagnostic);
    let formes = LocalResource::new(formes);
    afficher_page(donnees, move |(diagnostic, points)| {
        view! { <Contenu diagnostic points formes/> }
    })
}

#[component]
fn Contenu(
    diagnostic: Diagnostic,
    points: Vec<(String, Vec<PointLieu>)>,
    formes: LocalResource<Result<Arc<Formes>, crate::api::ErreurApi>>,
) -> impl IntoView {
    let epcis_du_perimetre: Vec<String> = diagnostic.epcis.iter().map(|e| e.epci.code.clone()).collect();
    let plans = move |formes: Arc<Formes>| {
        points
            .iter()
            .map(|(code, lieux)| {
                let lieux: Vec<(f64, f64, bool)> = lieux
                    .iter()
                    .filter_map(|point| {
                        let dedans = point
                            .epci_code
                            .as_ref()
                            .is_some_and(|epci| epcis_du_perimetre.contains(epci));
                        Some((point.latitude?, point.longitude?, dedans))
                    })
                    .collect();
                let nom = format!("mon périmètre, département {code}");
                view! {
                    <Plan formes=formes.clone() code=code.clone() nom lieux entier_couvert=false
                        dans="dans mon périmètre" entier="Département entier dans mon périmètre"/>
                }
            })
            .collect_view()
    };
    let manquants = if diagnostic.services_manquants.is_empty() {
        view! { <p>"Chacun des services du standard est offert par au moins un lieu du périmètre."</p> }
            .into_any()
    } else {
        let services = diagnostic
            .services_manquants
            .iter()
            .map(|s| view! { <li>{s.clone()}</li> })
            .collect_view();
        view! {
            <p>"Aucun lieu du périmètre n’offre ces services du standard :"</p>
            <ul>{services}</ul>
        }
        .into_any()
    };
    view! {
        <FilAriane
            parents=super::fil_coordination()
            actuel=TITRE/>
        <h1>{TITRE}</h1>
        <p class="fr-text--lead">
            "L’offre de médiation numérique de mon périmètre : où sont les lieux et les conseillers, quelles "
            "communes n’ont aucun lieu, quels services manquent."
        </p>
        <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w">
            <Indicateur valeur=nombre(diagnostic.population) libelle="Habitants"/>
            <Indicateur valeur=nombre(diagnostic.nombre_communes) libelle="Communes"/>
            <Indicateur valeur=nombre(diagnostic.lieux) libelle="Lieux de médiation numérique"/>
            <Indicateur valeur=nombre(diagnostic.conseillers) libelle="Conseillers numériques en poste"/>
            <Indicateur valeur=habitants(diagnostic.habitants_par_conseiller) libelle="Habitants par conseiller"/>
            <Indicateur valeur=nombre(diagnostic.communes_sans_lieu) libelle="Communes sans aucun lieu"/>
        </ul>
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
            <div class="fr-col-12 fr-col-lg-8">{afficher(formes, plans)}</div>
            <section class="fr-col-12 fr-col-lg-4" aria-labelledby="titre-services">
                <h2 id="titre-services" class="fr-h4">"Services manquants"</h2>
                {manquants}
            </section>
        </div>
        <section class="fr-mb-4w" aria-labelledby="titre-a-completer">
            <h2 id="titre-a-completer" class="fr-h4">"Lieux à compléter"</h2>
            {afficher(LocalResource::new(crate::api::lieux::a_completer), |liste| view! { <ListeACompleter liste/> })}
        </section>
        <TableEpci epcis=diagnostic.epcis/>
        <TableCommunes communes=diagnostic.communes/>
    }
}

#[component]
fn TableEpci(epcis: Vec<DiagnosticEpci>) -> impl IntoView {
    let lignes = epcis
        .into_iter()
        .map(|ligne| {
            let sans_lieu = ligne.communes_sans_lieu.len();
            let mut noms: Vec<String> = ligne
                .communes_sans_lieu
                .iter()
                .take(COMMUNES_NOMMEES)
                .map(|c| c.nom.clone())
                .collect();
            if sans_lieu > COMMUNES_NOMMEES {
                noms.push(format!("et {} autres", sans_lieu - COMMUNES_NOMMEES));
            }
            let manquants = if ligne.services_manquants.is_empty() {
                "Aucun".to_owned()
            } else {
                ligne.services_manquants.join(", ")
            };
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/territoires/epci/{}", ligne.epci.code)>{ligne.epci.nom}</a>
                    </th>
                    <td class="maillage-chiffres">{nombre(ligne.population)}</td>
                    <td class="maillage-chiffres">{nombre(ligne.communes)}</td>
                    <td class="maillage-chiffres">{nombre(ligne.lieux)}</td>
                    <td class="maillage-chiffres">{nombre(ligne.conseillers)}</td>
                    <td class="maillage-chiffres">{habitants(ligne.habitants_par_conseiller)}</td>
                    <td>{format!("{} : {}", nombre(sans_lieu as i64), noms.join(", "))}</td>
                    <td>{manquants}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-diagnostic-epci">
            <h2 id="titre-diagnostic-epci" class="fr-h4">"Intercommunalités du périmètre"</h2>
            <Tableau legende="Intercommunalités du périmètre : offre, conseillers et manques"
                colonnes=vec![
                    ("Intercommunalité", false),
                    ("Habitants", true),
                    ("Communes", true),
                    ("Lieux", true),
                    ("Conseillers numériques", true),
                    ("Habitants par conseiller", true),
                    ("Communes sans lieu", false),
                    ("Services manquants", false),
                ]>
                {lignes}
            </Tableau>
            <Telechargements table="diagnostic-epci"/>
        </section>
    }
}

#[component]
fn TableCommunes(mut communes: Vec<DiagnosticCommune>) -> impl IntoView {
    // The most populated first: where a missing lieu or conseiller matters most.
    communes.sort_by(|a, b| b.population.cmp(&a.population).then_with(|| a.nom.cmp(&b.nom)));
    let lignes = communes
        .into_iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/territoires/communes/{}", c.code)>{format!("{} ({})", c.nom, c.code)}</a>
                        {(c.lieux == 0).then(|| view! {
                            " " <p class="fr-badge fr-badge--warning fr-badge--sm">"Sans lieu"</p>
                        })}
                    </th>
                    <td class="maillage-chiffres">{nombre(c.population)}</td>
                    <td class="maillage-chiffres">{nombre(c.lieux)}</td>
                    <td class="maillage-chiffres">{nombre(c.conseillers)}</td>
                    <td class="maillage-chiffres">{habitants(c.habitants_par_conseiller)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="fr-my-4w" aria-labelledby="titre-diagnostic-communes">
            <h2 id="titre-diagnostic-communes" class="fr-h4">"Communes du périmètre"</h2>
            <Tableau legende="Communes du périmètre, les plus peuplées d’abord"
                colonnes=vec![
                    ("Commune", false),
                    ("Habitants", true),
                    ("Lieux", true),
                    ("Conseillers numériques", true),
                    ("Habitants par conseiller", true),
                ]>
                {lignes}
            </Tableau>
            <Telechargements table="diagnostic-communes"/>
        </section>
    }
}

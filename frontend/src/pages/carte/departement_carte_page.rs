//! `/carte/:code`: one département's map — its shape, its lieux de médiation numérique as points (those in
//! an EPCI covered by a coordinator told apart by shape and colour), the whole shape highlighted when a
//! coordinator's perimeter is the département — then its EPCI with their figures, coverage and overlaps.
//! The data has no EPCI contours, so none is drawn.

use std::sync::Arc;

use leptos::prelude::*;
use maillage_shared::carte::Formes;
use maillage_shared::format::{nombre, pluriel};

use crate::api::carte::DepartementDeCarte;
use crate::api::carte::{CarteDepartement, IndicateursEpci, carte_departement, formes};
use crate::components::badge::libelle_court;
use crate::components::chargement::{Introuvable, afficher, afficher_page, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::tableau::Tableau;
use crate::components::telechargements::Telechargements;
use crate::format::decimal;
use crate::pages::territoires::code_de_la_route;
use maillage_shared::premier_rendu::{CARTE_DEPARTEMENT, titre_carte_departement};

/// The map of a département.
#[component]
pub fn DepartementCartePage() -> impl IntoView {
    let code = code_de_la_route();
    let donnees = LocalResource::new({
        let code = code.clone();
        move || {
            let code = code();
            async move { carte_departement(&code).await }
        }
    });
    let formes = LocalResource::new(formes);
    afficher_page(donnees, move |trouve| match trouve {
        None => {
            titre("Département introuvable");
            view! { <Introuvable quoi=format!("Le département {}", code())/> }.into_any()
        }
        Some((departement, carte)) => {
            titre(&format!("Carte : {}", departement.nom));
            view! { <CarteDuDepartement departement carte formes/> }.into_any()
        }
    })
}

/// "Prénom Nom (structure)" of the coordinators whose perimeter is the whole département, once each.
fn coordinateurs_du_departement(code: &str, epcis: &[IndicateursEpci]) -> Vec<String> {
    let mut noms: Vec<String> = Vec::new();
    // Listed on every EPCI of the département: keep the first of each.
    for c in epcis.iter().flat_map(|ligne| &ligne.coordinateurs) {
        let nom = format!("{} {} ({})", c.prenom, c.nom, c.structure);
        if c.perimetre_departement_code.as_deref() == Some(code) && !noms.contains(&nom) {
            noms.push(nom);
        }
    }
    noms
}

#[component]
fn CarteDuDepartement(
    departement: DepartementDeCarte,
    carte: CarteDepartement,
    formes: LocalResource<Result<Arc<Formes>, crate::api::ErreurApi>>,
) -> impl IntoView {
    let CarteDepartement {
        indicateurs_epci: epcis,
        points_lieux,
    } = carte;
    let code = departement.code.clone();
    let entier = coordinateurs_du_departement(&code, &epcis);
    let couverts = epcis.iter().filter(|ligne| ligne.couvert).count();
    let resume = format!(
        "Intercommunalités couvertes par un coordinateur en poste : {} sur {}.",
        nombre(couverts as i64),
        nombre(epcis.len() as i64)
    );
    // The lieux in projected coordinates: (latitude, longitude, inside a covered EPCI).
    let epcis_couverts: Vec<String> = epcis
        .iter()
        .filter(|ligne| ligne.couvert)
        .map(|ligne| ligne.epci.code.clone())
        .collect();
    let lieux: Vec<(f64, f64, bool)> = points_lieux
        .iter()
        .filter_map(|point| {
            let couvert = point
                .epci_code
                .as_ref()
                .is_some_and(|epci| epcis_couverts.contains(epci));
            Some((point.latitude?, point.longitude?, couvert))
        })
        .collect();
    let sans_coordonnees = points_lieux.len() - lieux.len();
    let entier_couvert = !entier.is_empty();
    let plan = {
        let code = code.clone();
        let nom = departement.nom.clone();
        move |formes: Arc<Formes>| {
            view! {
                <Plan formes code=code.clone() nom=nom.clone() lieux=lieux.clone() entier_couvert
                    dans="dans une intercommunalité couverte par un coordinateur"
                    entier="Département entier dans le périmètre d’un coordinateur"/>
            }
        }
    };
    view! {
        <FilAriane parents=vec![("Carte".to_owned(), "/carte".to_owned())] actuel=departement.nom.clone()/>
        // As the server's first paint shows them (`maillage_shared::premier_rendu`).
        <h1>{titre_carte_departement(&departement.nom, &departement.code)}</h1>
        <p class="fr-text--lead">
            {CARTE_DEPARTEMENT.0}
            <a href=format!("/territoires/regions/{}", departement.region.code)>{departement.region.nom.clone()}</a>
            {CARTE_DEPARTEMENT.1}
        </p>
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
            <div class="fr-col-12 fr-col-lg-8">{afficher(formes, plan)}</div>
            <div class="fr-col-12 fr-col-lg-4">
                <p>{resume}</p>
                <p>
                    <a class="fr-link fr-icon-download-line fr-link--icon-left" download
                        href=format!("/donnees/lieux.csv?departement={code}")>
                        "Lieux du département au format du standard national (CSV)"
                    </a>
                </p>
                {entier_couvert.then(|| view! {
                    <p>"Le département entier est le périmètre de : " {entier.join(", ")} "."</p>
                })}
                {(sans_coordonnees > 0).then(|| {
                    let verbe = if sans_coordonnees > 1 { "ne sont pas placés" } else { "n’est pas placé" };
                    view! {
                        <p>
                            {pluriel(sans_coordonnees as i64, "lieu sans coordonnées", "lieux sans coordonnées")}
                            " " {verbe} " sur la carte."
                        </p>
                    }
                })}
            </div>
        </div>
        <TableEpci code epcis/>
    }
}

/// The shape of a département and its lieux, those of a perimeter told apart (squares), with the legend.
/// Also drawn by the coordinator's diagnosis.
#[component]
pub fn Plan(
    formes: Arc<Formes>,
    code: String,
    nom: String,
    /// (latitude, longitude, inside the perimeter).
    lieux: Vec<(f64, f64, bool)>,
    /// The whole shape is inside the perimeter.
    entier_couvert: bool,
    /// Where the squares are, e.g. "dans mon périmètre".
    dans: &'static str,
    /// The legend of a whole shape inside the perimeter.
    entier: &'static str,
) -> impl IntoView {
    let Some((cadre, forme)) = formes.cadre_du_departement(&code) else {
        return view! { <p>"Ce territoire n’a pas de contour dans les données de la carte."</p> }.into_any();
    };
    let boite = forme.boite();
    let taille = (boite.x_max - boite.x_min).max(boite.y_max - boite.y_min);
    let marge = taille * 0.04;
    let (x, y) = (boite.x_min - marge, boite.y_min - marge);
    let (largeur, hauteur) = (
        boite.x_max - boite.x_min + 2.0 * marge,
        boite.y_max - boite.y_min + 2.0 * marge,
    );
    let rayon = taille / 90.0;
    let projection = cadre.projection_de(forme);
    let mut places = 0;
    let mut dans_couverts = 0;
    let points = lieux
        .iter()
        .filter_map(|&(latitude, longitude, couvert)| {
            let (px, py) = projection.projeter(latitude, longitude);
            let visible = (x..=x + largeur).contains(&px) && (y..=y + hauteur).contains(&py);
            if !visible {
                return None;
            }
            places += 1;
            Some(if couvert {
                dans_couverts += 1;
                view! {
                    <rect x=px - rayon y=py - rayon width=2.0 * rayon height=2.0 * rayon
                        class="maillage-lieu maillage-lieu--couvert"/>
                }
                .into_any()
            } else {
                view! { <circle cx=px cy=py r=rayon class="maillage-lieu"/> }.into_any()
            })
        })
        .collect::<Vec<_>>();
    let hors_cadre = lieux.len() - places;
    let description = format!(
        "{} sur la carte, dont {} {dans}.",
        pluriel(places as i64, "lieu placé", "lieux placés"),
        nombre(dans_couverts as i64)
    );
    view! {
        <svg class="maillage-carte maillage-carte--departement" role="img"
            viewBox=format!("{x} {y} {largeur} {hauteur}") aria-labelledby=format!("plan-titre-{code} plan-description-{code}")>
            <title id=format!("plan-titre-{code}")>{format!("Lieux de médiation numérique : {nom}")}</title>
            <desc id=format!("plan-description-{code}")>{description.clone()}</desc>
            <path d=forme.d().to_owned() class="maillage-plan" class:maillage-plan--couvert=entier_couvert/>
            {points}
        </svg>
        <div class="maillage-legende">
            <ul class="fr-raw-list">
                <li>
                    <svg class="maillage-legende__symbole" viewBox="0 0 16 16" aria-hidden="true">
                        <circle cx="8" cy="8" r="5" class="maillage-lieu"/>
                    </svg>
                    "Lieu de médiation numérique"
                </li>
                <li>
                    <svg class="maillage-legende__symbole" viewBox="0 0 16 16" aria-hidden="true">
                        <rect x="3" y="3" width="10" height="10" class="maillage-lieu maillage-lieu--couvert"/>
                    </svg>
                    {format!("Lieu {dans}")}
                </li>
                {entier_couvert.then(|| view! {
                    <li>
                        <svg class="maillage-legende__symbole" viewBox="0 0 16 16" aria-hidden="true">
                            <rect x="1" y="1" width="14" height="14" class="maillage-plan maillage-plan--couvert"/>
                        </svg>
                        {entier}
                    </li>
                })}
            </ul>
        </div>
        <p class="fr-text--sm">
            {description}
            {(hors_cadre > 0).then(|| format!(
                " {} hors du contour dessiné (île absente du dessin simplifié, ou coordonnées erronées).",
                pluriel(hors_cadre as i64, "lieu tombe", "lieux tombent")
            ))}
            " Les contours des intercommunalités ne sont pas dessinés. Contours : " {formes.source().to_owned()} "."
        </p>
    }
    .into_any()
}

/// The EPCI of the département with their figures, coverage and overlaps, and their downloads.
#[component]
fn TableEpci(code: String, epcis: Vec<IndicateursEpci>) -> impl IntoView {
    // Agents allowed to read the candidatures see them listed; nobody else gets any.
    let agent = epcis.iter().any(|ligne| !ligne.candidatures.is_empty());
    let mut colonnes = vec![
        ("Intercommunalité", false),
        ("Population", true),
        ("Communes", true),
        ("Lieux", true),
        ("Conseillers numériques", true),
        ("Conseillers pour 10 000 habitants", true),
        ("Candidatures", true),
        ("Coordinateurs", false),
        ("Couverte", false),
    ];
    if agent {
        colonnes.push(("Candidatures déposées", false));
    }
    let lignes = epcis
        .into_iter()
        .map(|ligne| {
            let caches = (ligne.nombre_coordinateurs as usize).saturating_sub(ligne.coordinateurs.len());
            let mut coordinateurs: Vec<String> = ligne
                .coordinateurs
                .iter()
                .map(|c| format!("{} {} ({})", c.prenom, c.nom, c.structure))
                .collect();
            if caches > 0 {
                coordinateurs.push(pluriel(caches as i64, "autre, non affiché", "autres, non affichés"));
            }
            let candidatures = agent.then(|| {
                let liens = ligne
                    .candidatures
                    .iter()
                    .map(|candidature| {
                        view! {
                            <li>
                                <a href=format!("/candidatures/{}", candidature.id)>
                                    {format!("{} ({})", candidature.structure.nom, libelle_court(candidature.statut))}
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <td><ul class="fr-raw-list">{liens}</ul></td> }
            });
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/territoires/epci/{}", ligne.epci.code)>{ligne.epci.nom}</a>
                        {ligne.chevauchement.then(|| view! {
                            <p class="fr-badge fr-badge--warning fr-badge--sm fr-mt-1v">"Chevauchement"</p>
                        })}
                    </th>
                    <td class="maillage-chiffres">{nombre(ligne.population)}</td>
                    <td class="maillage-chiffres">{nombre(ligne.communes)}</td>
                    <td class="maillage-chiffres">{nombre(ligne.lieux)}</td>
                    <td class="maillage-chiffres">{nombre(ligne.conseillers)}</td>
                    <td class="maillage-chiffres">{decimal(ligne.conseillers_pour_dix_mille, 2)}</td>
                    <td class="maillage-chiffres">{nombre(ligne.nombre_candidatures)}</td>
                    <td>{coordinateurs.join(", ")}</td>
                    <td>{if ligne.couvert { "Oui" } else { "Non" }}</td>
                    {candidatures}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="titre-epci">
            <h2 id="titre-epci" class="fr-h4">"Intercommunalités"</h2>
            <p>
                "Une intercommunalité visée par plusieurs candidatures, ou couverte par plusieurs coordinateurs, "
                "porte le badge « Chevauchement » : ces projets sont montrés ensemble pour que l’ANCT puisse "
                "privilégier les initiatives coordonnées."
            </p>
            <Tableau legende="Intercommunalités du département : population, offre et coordination" colonnes>
                {lignes}
            </Tableau>
            <Telechargements table="indicateurs-epci" filtres=vec![("departement", Some(code))]/>
        </section>
    }
}

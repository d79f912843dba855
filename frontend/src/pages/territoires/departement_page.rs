//! `/territoires/departements/:code`: a département, its figures and its intercommunalités.

use leptos::prelude::*;
use maillage_shared::format::{nombre, pluriel};

use super::code_de_la_route;
use crate::api::territoires::departement;
use crate::components::chargement::{Introuvable, afficher_page, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::indicateur::Indicateur;
use crate::components::tableau::Tableau;

/// A département page.
#[component]
pub fn DepartementPage() -> impl IntoView {
    let code = code_de_la_route();
    let ressource = LocalResource::new({
        let code = code.clone();
        move || {
            let code = code();
            async move { departement(&code).await }
        }
    });
    afficher_page(ressource, move |trouve| match trouve {
        None => {
            titre("Département introuvable");
            view! { <Introuvable quoi=format!("Le département {}", code())/> }.into_any()
        }
        Some(departement) => {
            titre(&departement.nom);
            let parents = vec![
                ("Territoires".to_owned(), "/territoires".to_owned()),
                (
                    departement.region.nom.clone(),
                    format!("/territoires/regions/{}", departement.region.code),
                ),
            ];
            view! {
                <FilAriane parents actuel=departement.nom.clone()/>
                <h1>{format!("{} ({})", departement.nom, departement.code)}</h1>
                {(!departement.dans_le_programme).then(|| view! {
                    <div class="fr-notice fr-notice--info fr-mb-3w">
                        <div class="fr-container">
                            <div class="fr-notice__body">
                                <p class="fr-notice__title">
                                    "Collectivité d’outre-mer : hors des 101 départements du programme."
                                </p>
                            </div>
                        </div>
                    </div>
                })}
                {departement.dans_le_programme.then(|| view! {
                    <p>
                        <a class="fr-link fr-icon-map-pin-2-line fr-link--icon-left"
                            href=format!("/carte/{}", departement.code)>
                            {format!("Voir la carte de la couverture : {}", departement.nom)}
                        </a>
                    </p>
                    <p>
                        <a class="fr-link" href=format!("/gouvernances/{}", departement.code)>
                            {format!("Gouvernance locale : {}", departement.nom)}
                        </a>
                    </p>
                })}
                <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w">
                    <Indicateur valeur=nombre(departement.population) libelle="habitants"/>
                    <Indicateur valeur=nombre(departement.nombre_communes) libelle="communes"/>
                    <Indicateur valeur=nombre(departement.nombre_epcis) libelle="intercommunalités"/>
                </ul>
                <Tableau
                    legende=format!(
                        "Intercommunalités du département : {}",
                        pluriel(departement.epcis.len() as i64, "EPCI", "EPCI"),
                    )
                    colonnes=vec![
                        ("Intercommunalité", false),
                        ("Nature", false),
                        ("SIREN", false),
                        ("Population", true),
                        ("Communes", true),
                    ]
                >
                    {departement
                        .epcis
                        .into_iter()
                        .map(|epci| {
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!("/territoires/epci/{}", epci.code)>{epci.nom}</a>
                                    </td>
                                    <td>{epci.libelle_nature}</td>
                                    <td>{epci.code}</td>
                                    <td class="maillage-chiffres">{nombre(epci.population)}</td>
                                    <td class="maillage-chiffres">{nombre(epci.nombre_communes)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </Tableau>
                <p class="fr-text--sm">
                    "Une intercommunalité à cheval sur plusieurs départements figure dans chacun ; "
                    "sa population et ses communes sont comptées en entier."
                </p>
            }
            .into_any()
        }
    })
}

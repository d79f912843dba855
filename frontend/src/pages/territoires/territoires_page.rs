//! `/territoires`: every région with its départements.

use leptos::prelude::*;
use maillage_shared::format::nombre;

use crate::api::territoires::regions;
use crate::components::chargement::{afficher, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::tableau::Tableau;

/// The régions and départements of the programme.
#[component]
pub fn TerritoiresPage() -> impl IntoView {
    titre("Territoires");
    let ressource = LocalResource::new(regions);
    view! {
        <FilAriane parents=vec![] actuel="Territoires"/>
        <h1>"Territoires"</h1>
        <p class="fr-text--lead">
            "Les 18 régions et 101 départements du programme, avec leurs intercommunalités et communes."
        </p>
        {afficher(ressource, |regions| {
            view! {
                <nav class="fr-mb-4w" aria-label="Régions">
                    <ul class="fr-tags-group">
                        {regions
                            .iter()
                            .map(|region| {
                                view! {
                                    <li>
                                        <a class="fr-tag" href=format!("/territoires/regions/{}", region.code)>
                                            {region.nom.clone()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                <Tableau
                    legende="Départements par région"
                    colonnes=vec![
                        ("Département", false),
                        ("Code", false),
                        ("Région", false),
                        ("Population", true),
                        ("Communes", true),
                        ("Intercommunalités", true),
                    ]
                >
                    {regions
                        .into_iter()
                        .flat_map(|region| {
                            let (code_region, nom_region) = (region.code, region.nom);
                            region.departements.into_iter().map(move |departement| (code_region.clone(), nom_region.clone(), departement))
                        })
                        .map(|(code_region, nom_region, departement)| {
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!("/territoires/departements/{}", departement.code)>
                                            {departement.nom}
                                        </a>
                                    </td>
                                    <td>{departement.code}</td>
                                    <td>
                                        <a href=format!("/territoires/regions/{code_region}")>{nom_region}</a>
                                    </td>
                                    <td class="maillage-chiffres">{nombre(departement.population)}</td>
                                    <td class="maillage-chiffres">{nombre(departement.nombre_communes)}</td>
                                    <td class="maillage-chiffres">{nombre(departement.nombre_epcis)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </Tableau>
            }
        })}
    }
}

//! `/territoires/regions/:code`: a région and its départements.

use leptos::prelude::*;
use maillage_shared::format::{nombre, pluriel};

use super::code_de_la_route;
use crate::api::territoires::region;
use crate::components::chargement::{Introuvable, afficher_page, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::tableau::Tableau;

/// A région page.
#[component]
pub fn RegionPage() -> impl IntoView {
    let code = code_de_la_route();
    let ressource = LocalResource::new({
        let code = code.clone();
        move || {
            let code = code();
            async move { region(&code).await }
        }
    });
    let territoires = ("Territoires".to_owned(), "/territoires".to_owned());
    afficher_page(ressource, move |trouvee| match trouvee {
        None => {
            titre("Région introuvable");
            view! { <Introuvable quoi=format!("La région {}", code())/> }.into_any()
        }
        Some(region) => {
            titre(&region.nom);
            view! {
                <FilAriane parents=vec![territoires.clone()] actuel=region.nom.clone()/>
                <h1>{region.nom.clone()}</h1>
                <p class="fr-text--lead">
                    {format!(
                        "Région {} · {} habitants · {} · {}",
                        region.code,
                        nombre(region.population),
                        pluriel(region.departements.len() as i64, "département", "départements"),
                        pluriel(region.nombre_communes, "commune", "communes"),
                    )}
                </p>
                <Tableau
                    legende=format!("Départements de la région {}", region.nom)
                    colonnes=vec![
                        ("Département", false),
                        ("Code", false),
                        ("Population", true),
                        ("Communes", true),
                        ("Intercommunalités", true),
                    ]
                >
                    {region
                        .departements
                        .into_iter()
                        .map(|departement| {
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!("/territoires/departements/{}", departement.code)>
                                            {departement.nom}
                                        </a>
                                    </td>
                                    <td>{departement.code}</td>
                                    <td class="maillage-chiffres">{nombre(departement.population)}</td>
                                    <td class="maillage-chiffres">{nombre(departement.nombre_communes)}</td>
                                    <td class="maillage-chiffres">{nombre(departement.nombre_epcis)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </Tableau>
            }
            .into_any()
        }
    })
}

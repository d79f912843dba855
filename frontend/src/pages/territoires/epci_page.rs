//! `/territoires/epci/:code`: an intercommunalité and its member communes.

use leptos::prelude::*;
use maillage_shared::format::nombre;

use super::code_de_la_route;
use crate::api::territoires::epci;
use crate::components::chargement::{Introuvable, afficher_page, titre};
use crate::components::fil_ariane::FilAriane;
use crate::components::indicateur::Indicateur;
use crate::components::tableau::Tableau;

/// An EPCI page.
#[component]
pub fn EpciPage() -> impl IntoView {
    let code = code_de_la_route();
    let ressource = LocalResource::new({
        let code = code.clone();
        move || {
            let code = code();
            async move { epci(&code).await }
        }
    });
    afficher_page(ressource, move |trouve| match trouve {
        None => {
            titre("Intercommunalité introuvable");
            view! { <Introuvable quoi=format!("L’intercommunalité de SIREN {}", code())/> }.into_any()
        }
        Some(epci) => {
            titre(&epci.nom);
            let mut parents = vec![("Territoires".to_owned(), "/territoires".to_owned())];
            // The breadcrumb follows the first département; the others are listed below the title.
            if let Some(premier) = epci.departements.first() {
                parents.push((
                    premier.region.nom.clone(),
                    format!("/territoires/regions/{}", premier.region.code),
                ));
                parents.push((
                    premier.nom.clone(),
                    format!("/territoires/departements/{}", premier.code),
                ));
            }
            let departements = epci
                .departements
                .iter()
                .map(|d| {
                    view! {
                        <li>
                            <a href=format!("/territoires/departements/{}", d.code)>
                                {format!("{} ({})", d.nom, d.code)}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <FilAriane parents actuel=epci.nom.clone()/>
                <h1>{epci.nom.clone()}</h1>
                <p class="fr-text--lead">{format!("{} · SIREN {}", epci.libelle_nature, epci.code)}</p>
                <p class="fr-mb-1w">"Département(s) :"</p>
                <ul class="fr-mb-3w">{departements}</ul>
                <ul class="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w">
                    <Indicateur valeur=nombre(epci.population) libelle="habitants"/>
                    <Indicateur valeur=nombre(epci.nombre_communes) libelle="communes membres"/>
                </ul>
                <Tableau
                    legende=format!("Communes membres de {}", epci.nom)
                    colonnes=vec![
                        ("Commune", false),
                        ("Code INSEE", false),
                        ("Codes postaux", false),
                        ("Population", true),
                    ]
                >
                    {epci
                        .communes
                        .into_iter()
                        .map(|commune| {
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!("/territoires/communes/{}", commune.code)>{commune.nom}</a>
                                    </td>
                                    <td>{commune.code}</td>
                                    <td>{commune.codes_postaux.join(", ")}</td>
                                    <td class="maillage-chiffres">{nombre(commune.population)}</td>
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

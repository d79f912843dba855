//! `/territoires/communes/:code`: a commune and the territories it belongs to.

use leptos::prelude::*;
use maillage_shared::format::nombre;

use super::code_de_la_route;
use crate::api::territoires::commune;
use crate::components::chargement::{Introuvable, afficher_page, titre};
use crate::components::fil_ariane::FilAriane;

/// A commune page.
#[component]
pub fn CommunePage() -> impl IntoView {
    let code = code_de_la_route();
    let ressource = LocalResource::new({
        let code = code.clone();
        move || {
            let code = code();
            async move { commune(&code).await }
        }
    });
    afficher_page(ressource, move |trouvee| match trouvee {
        None => {
            titre("Commune introuvable");
            view! { <Introuvable quoi=format!("La commune de code INSEE {}", code())/> }.into_any()
        }
        Some(commune) => {
            titre(&commune.nom);
            let mut parents = vec![
                ("Territoires".to_owned(), "/territoires".to_owned()),
                (
                    commune.region.nom.clone(),
                    format!("/territoires/regions/{}", commune.region.code),
                ),
                (
                    commune.departement.nom.clone(),
                    format!("/territoires/departements/{}", commune.departement.code),
                ),
            ];
            if let Some(epci) = &commune.epci {
                parents.push((epci.nom.clone(), format!("/territoires/epci/{}", epci.code)));
            }
            view! {
                <FilAriane parents actuel=commune.nom.clone()/>
                <h1>{commune.nom.clone()}</h1>
                <p>
                    <a class="fr-link fr-icon-map-pin-2-line fr-link--icon-left"
                        href=format!("/carte/{}", commune.departement.code)>
                        {format!("Voir la carte de la couverture : {}", commune.departement.nom)}
                    </a>
                </p>
                <dl class="fr-mb-4w">
                    <dt class="fr-text--bold">"Population"</dt>
                    <dd>{format!("{} habitants", nombre(commune.population))}</dd>
                    <dt class="fr-text--bold">"Code INSEE"</dt>
                    <dd>{commune.code.clone()}</dd>
                    <dt class="fr-text--bold">"Codes postaux"</dt>
                    <dd>{commune.codes_postaux.join(", ")}</dd>
                    <dt class="fr-text--bold">"SIREN"</dt>
                    <dd>{commune.siren.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                    <dt class="fr-text--bold">"Intercommunalité"</dt>
                    <dd>
                        {match commune.epci.clone() {
                            Some(epci) => view! {
                                <a href=format!("/territoires/epci/{}", epci.code)>{epci.nom}</a>
                                {format!(" ({})", epci.libelle_nature)}
                            }.into_any(),
                            None => view! { "Aucune (commune isolée)" }.into_any(),
                        }}
                    </dd>
                    <dt class="fr-text--bold">"Département"</dt>
                    <dd>
                        <a href=format!("/territoires/departements/{}", commune.departement.code)>
                            {format!("{} ({})", commune.departement.nom, commune.departement.code)}
                        </a>
                    </dd>
                    <dt class="fr-text--bold">"Région"</dt>
                    <dd>
                        <a href=format!("/territoires/regions/{}", commune.region.code)>{commune.region.nom.clone()}</a>
                    </dd>
                </dl>
            }
            .into_any()
        }
    })
}

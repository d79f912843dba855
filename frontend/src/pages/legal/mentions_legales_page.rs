//! `/mentions-legales`: who publishes Maillage, who hosts this instance (read from its settings), the
//! licence of the reused data and code.

use leptos::prelude::*;

use crate::api::informations_legales::informations_legales;
use crate::components::chargement::{afficher, titre};

/// The legal notice.
#[component]
pub fn MentionsLegalesPage() -> impl IntoView {
    titre("Mentions légales");
    let informations = LocalResource::new(informations_legales);
    view! {
        <div class="fr-grid-row fr-my-6w">
            <div class="fr-col-12 fr-col-lg-9">
                <h1>"Mentions légales"</h1>
                <h2>"Éditeur"</h2>
                <p>
                    "Agence nationale de la cohésion des territoires (ANCT), établissement public de l’État, "
                    "20 avenue de Ségur, TSA 10717, 75334 Paris CEDEX 07 — programme Conseiller numérique "
                    "coordinateur, dans le cadre de la feuille de route France Numérique Ensemble."
                </p>
                <h2>"Directeur de la publication"</h2>
                <p>"Le directeur général de l’Agence nationale de la cohésion des territoires."</p>
                <h2>"Hébergement"</h2>
                {afficher(informations, |informations| {
                    if informations.hebergeur.trim().is_empty() {
                        view! {
                            <p>
                                "L’hébergeur de cette instance n’est pas encore renseigné par son exploitant "
                                "(réglage " <code>"[mentions] hebergeur"</code> ")."
                            </p>
                        }
                        .into_any()
                    } else {
                        view! { <p>{informations.hebergeur}</p> }.into_any()
                    }
                })}
                <h2>"Données et code réutilisés"</h2>
                <p>
                    "Le référentiel des territoires provient de @etalab/decoupage-administratif (Licence Ouverte "
                    "2.0) ; les données ouvertes que Maillage publie (lieux, indicateurs) sont sous la même licence. "
                    "L’interface suit le système de design de l’État (DSFR)."
                </p>
                <h2>"Sécurité"</h2>
                <p>
                    "Pour signaler une faille, écrivez à "
                    <a href="mailto:securite@maillage.anct.gouv.fr">"securite@maillage.anct.gouv.fr"</a> "."
                </p>
            </div>
        </div>
    }
}

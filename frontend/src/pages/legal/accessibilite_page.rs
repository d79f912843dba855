//! `/accessibilite`: the accessibility statement (RGAA 4.1): the compliance status, what is checked and
//! how, what is not accessible yet, the contact and the recourse.

use leptos::prelude::*;

use crate::components::chargement::titre;

/// The accessibility statement.
#[component]
pub fn AccessibilitePage() -> impl IntoView {
    titre("Déclaration d’accessibilité");
    view! {
        <div class="fr-grid-row fr-my-6w">
            <div class="fr-col-12 fr-col-lg-9">
                <h1>"Déclaration d’accessibilité"</h1>
                <p>
                    "L’Agence nationale de la cohésion des territoires s’engage à rendre ses services numériques "
                    "accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette "
                    "déclaration s’applique à Maillage, la plateforme du programme Conseiller numérique coordinateur."
                </p>

                <h2>"État de conformité"</h2>
                <p>
                    "Maillage est " <strong>"partiellement conforme"</strong> " avec le référentiel général "
                    "d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités et des "
                    "vérifications manquantes énumérées ci-dessous."
                </p>

                <h2>"Ce qui est vérifié, et comment"</h2>
                <ul>
                    <li>
                        "À chaque modification du code, les parcours complets des usagers (inscription d’une "
                        "structure, candidature, avis, décision, recrutement, coordination, carte) sont joués dans "
                        "Chromium, et chaque état de chaque page visitée est analysé par axe-core, à 1 280 pixels de "
                        "large et à 390 pixels (un téléphone) : aucune violation n’est admise."
                    </li>
                    <li>
                        "Les pages suivent le système de design de l’État (DSFR) : structure des titres, liens "
                        "d’évitement, formulaires étiquetés, messages d’erreur reliés aux champs et annoncés, "
                        "confirmations avant les actions irréversibles."
                    </li>
                    <li>
                        "Chaque carte et chaque graphique est doublé d’un tableau qui dit la même chose."
                    </li>
                    <li>"Technologies utilisées : HTML5, CSS, WebAssembly et JavaScript."</li>
                </ul>

                <h2>"Contenus non accessibles ou non vérifiés"</h2>
                <ul>
                    <li>
                        "Aucun audit RGAA complet par un auditeur indépendant n’a encore été réalisé : les critères "
                        "qu’un outil automatique ne peut pas décider (pertinence des alternatives, ordre de lecture "
                        "avec un lecteur d’écran, contrastes sur les fonds de carte) n’ont été vérifiés que par "
                        "l’équipe."
                    </li>
                    <li>
                        "Les cartes se manipulent au clavier par leurs listes et leurs tableaux ; le survol de la "
                        "carte elle-même n’a pas d’équivalent au clavier."
                    </li>
                    <li>"Les fichiers téléchargés au format tableur n’ont pas été vérifiés avec un lecteur d’écran."</li>
                </ul>

                <h2>"Établissement de cette déclaration"</h2>
                <p>"Cette déclaration a été établie le 2 décembre 2026 par l’équipe de Maillage."</p>

                <h2>"Retour d’information et contact"</h2>
                <p>
                    "Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à "
                    <a href="mailto:accessibilite@maillage.anct.gouv.fr">"accessibilite@maillage.anct.gouv.fr"</a>
                    " : nous vous répondrons et vous proposerons une alternative accessible."
                </p>

                <h2>"Voies de recours"</h2>
                <p>
                    "Si, après nous avoir signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu "
                    "ou à un service, vous n’obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur "
                    "des droits :"
                </p>
                <ul>
                    <li>
                        <a href="https://formulaire.defenseurdesdroits.fr/" target="_blank" rel="noopener"
                            title="Formulaire du Défenseur des droits — nouvelle fenêtre">
                            "par le formulaire en ligne"
                        </a>
                    </li>
                    <li>
                        <a href="https://www.defenseurdesdroits.fr/saisir/delegues" target="_blank" rel="noopener"
                            title="Délégués du Défenseur des droits — nouvelle fenêtre">
                            "auprès du délégué de votre région"
                        </a>
                    </li>
                    <li>
                        "par courrier, gratuitement : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07"
                    </li>
                </ul>
            </div>
        </div>
    }
}

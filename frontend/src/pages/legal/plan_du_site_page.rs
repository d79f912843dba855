//! `/plan-du-site`: every page of Maillage, for whom it is.

use leptos::prelude::*;

use crate::components::chargement::titre;

/// The site map.
#[component]
pub fn PlanDuSitePage() -> impl IntoView {
    titre("Plan du site");
    let liens = |pages: &[(&'static str, &'static str)]| {
        pages
            .iter()
            .map(|(chemin, nom)| view! { <li><a href=*chemin>{*nom}</a></li> })
            .collect_view()
    };
    view! {
        <div class="fr-my-6w">
            <h1>"Plan du site"</h1>
            <h2>"Pour tout le monde"</h2>
            <ul>
                {liens(&[
                    ("/", "Accueil"),
                    ("/carte", "Carte des coordinateurs et des lieux"),
                    ("/territoires", "Territoires : régions, départements, intercommunalités, communes"),
                    ("/gouvernances/29", "Gouvernances locales, par département (ici le Finistère ; chaque page de département y mène)"),
                    ("/connexion", "Se connecter"),
                    ("/mot-de-passe/oublie", "Mot de passe oublié"),
                    ("/inscription", "Inscrire une structure"),
                    ("/vivier/inscription", "Rejoindre le vivier des candidats"),
                    ("/lieux", "Trouver un lieu de médiation numérique près de chez soi"),
                    ("/graphql", "API GraphQL des données ouvertes"),
                ])}
            </ul>
            <h2>"Avec un compte"</h2>
            <ul>
                {liens(&[
                    ("/espace", "Mon espace (candidatures, selon le rôle)"),
                    ("/compte", "Mon compte : adresse, mot de passe, mes données"),
                    ("/agents", "Agents et collègues : inviter, retirer un rôle (ANCT, préfectures, hubs, structures)"),
                    ("/notifications", "Notifications"),
                    ("/candidat", "Mon profil de candidat"),
                    ("/tableau-de-bord", "Tableau de bord du territoire (préfectures, SGAR, hubs, ANCT)"),
                    ("/conventions", "Conventions à signer (ANCT)"),
                    ("/rapports", "Rapports d’activité des coordinateurs"),
                    ("/coordination", "Coordination de mon équipe (coordinateurs)"),
                    ("/coordination/equipe", "Mon équipe, ses invitations et les employeurs du territoire"),
                    ("/coordination/animation", "Entretiens individuels et messages à l’équipe (coordinateurs)"),
                    ("/coordination/diagnostic", "Diagnostic territorial"),
                    ("/coordination/actions", "Mes actions de coordination"),
                    ("/coordination/rapport", "Mon rapport d’activité"),
                    ("/activites", "Mes accompagnements (conseillers)"),
                    ("/mes-beneficiaires", "Personnes suivies (conseillers)"),
                    ("/mes-statistiques", "Mes statistiques : les siennes, celles de son équipe ou des conseillers de sa structure, et leur lien de partage"),
                    ("/formation", "Ma formation"),
                    ("/journees", "Journées de rencontre"),
                    ("/rencontres", "Rencontres du réseau : groupes de travail, événements et formations continues des hubs, journées de rencontre des préfectures"),
                    ("/mes-equipes", "Mes équipes (médiateurs)"),
                    ("/lieux/import", "Import des lieux de médiation numérique"),
                    ("/lieux/nouveau", "Ajouter un lieu de médiation numérique (coordinateurs, structures, ANCT)"),
                    ("/signalements-de-lieux", "Signalements d’erreurs sur les lieux et lieux à compléter"),
                    ("/conseillers", "Conseillers numériques du programme : import et liste (ANCT, préfectures)"),
                ])}
            </ul>
            <h2>"Informations"</h2>
            <ul>
                {liens(&[
                    ("/accessibilite", "Accessibilité : partiellement conforme"),
                    ("/mentions-legales", "Mentions légales"),
                    ("/donnees-personnelles", "Données personnelles"),
                ])}
            </ul>
        </div>
    }
}

//! Journey: a préfecture agent invited by ANCT opens the agents' page, is asked to log in, clicks
//! « S’identifier avec ProConnect », signs in at the provider's page (a real OpenID provider configured like
//! ProConnect, on loopback), and comes back to the agents' page with her role, the dashboard in reach; she logs out through
//! ProConnect and is back, logged out. Maillage's pages pass axe-core (the provider's are not ours).

use serde_json::json;

use crate::navigateur::{Navigateur, Serveur};

const AGENTE: &str = "agnes.martin@ille-et-vilaine.gouv.fr";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_agent_logs_in_with_proconnect_from_the_page_she_asked_for_and_comes_back_to_it() {
    let comptes = json!({ "agnes": maillage_harness::proconnect::personne(AGENTE, "Agnès", "Martin", "17350001800014") });
    let (serveur, _fournisseur) = Serveur::demarrer_avec_proconnect(&comptes).await;
    serveur
        .connecte("anct@demo.maillage.fr")
        .await
        .data(
            "mutation($e: String!) { inviterAgent(email: $e, role: PREFECTURE, departementCode: \"35\") { id } }",
            json!({ "e": AGENTE }),
        )
        .await;

    // She follows a link to the agents' page: asked to log in, she comes back to it.
    let agente = Navigateur::sur(&serveur).await;
    agente.ouvrir("/agents").await;
    agente
        .attendre_element("main a[href^='/connexion?retour=']")
        .await
        .click()
        .await
        .unwrap();
    agente.attendre_titre("Se connecter à Maillage").await;
    agente.attendre_texte("main", "Qu’est-ce que ProConnect ?").await;
    agente
        .verifier_accessibilite("la connexion avec ProConnect")
        .await;
    agente.se_connecter_avec_proconnect("agnes").await;
    agente.attendre_titre("Agents et collègues").await;
    assert_eq!(agente.chemin().await, "/agents");
    agente
        .attendre_texte(".fr-header__tools-links", "Agnès Martin")
        .await;
    agente.attendre_texte(".fr-nav", "Tableau de bord").await;
    agente
        .verifier_accessibilite("l’espace d’une agente connectée avec ProConnect")
        .await;

    // Logging out goes through ProConnect, which asks to confirm, then comes back.
    agente.cliquer_bouton("Se déconnecter").await;
    agente
        .attendre_element("button[autofocus], form button")
        .await
        .click()
        .await
        .unwrap();
    agente
        .attendre_texte(".fr-header__tools-links", "Se connecter")
        .await;
    agente
        .verifier_accessibilite("l’accueil après la déconnexion")
        .await;
}

//! Journey: a préfecture agent invited by ANCT clicks « S’identifier avec ProConnect » on the login page,
//! signs in at the provider's page (a real OpenID provider configured like ProConnect, on loopback), and
//! lands in her space with her role, the dashboard of her département in reach; she logs out through
//! ProConnect and is back, logged out. Maillage's pages pass axe-core (the provider's are not ours).

use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;

use crate::navigateur::{Navigateur, Serveur};

const AGENTE: &str = "agnes.martin@ille-et-vilaine.gouv.fr";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_agent_logs_in_with_proconnect_and_lands_in_her_space_with_her_role() {
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

    let agente = Navigateur::sur(&serveur).await;
    agente.ouvrir("/connexion").await;
    agente.attendre_titre("Se connecter à Maillage").await;
    agente.attendre_texte("main", "Qu’est-ce que ProConnect ?").await;
    agente
        .verifier_accessibilite("la connexion avec ProConnect")
        .await;
    agente
        .client
        .find(Locator::Css("a.fr-connect"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    // The provider's login form.
    let debut = Instant::now();
    let identifiant = loop {
        if let Ok(champ) = agente.client.find(Locator::Css("input[name=login]")).await {
            break champ;
        }
        assert!(
            debut.elapsed() < Duration::from_secs(15),
            "le formulaire du fournisseur ne s’affiche pas"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    identifiant.send_keys("agnes").await.unwrap();
    agente
        .client
        .find(Locator::Css("input[name=password]"))
        .await
        .unwrap()
        .send_keys("x")
        .await
        .unwrap();
    agente
        .client
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    agente.attendre_titre("Mon espace").await;
    agente
        .attendre_texte(".fr-header__tools-links", "Agnès Martin")
        .await;
    agente.attendre_texte(".fr-nav", "Tableau de bord").await;
    agente
        .verifier_accessibilite("l’espace d’une agente connectée avec ProConnect")
        .await;

    // Logging out goes through ProConnect, which asks to confirm, then comes back.
    agente.cliquer_bouton("Se déconnecter").await;
    let debut = Instant::now();
    loop {
        if let Ok(bouton) = agente
            .client
            .find(Locator::Css("button[autofocus], form button"))
            .await
        {
            bouton.click().await.unwrap();
            break;
        }
        assert!(
            debut.elapsed() < Duration::from_secs(15),
            "la déconnexion du fournisseur ne s’affiche pas"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    agente
        .attendre_texte(".fr-header__tools-links", "Se connecter")
        .await;
    agente
        .verifier_accessibilite("l’accueil après la déconnexion")
        .await;
}

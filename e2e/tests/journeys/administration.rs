//! Journey: ANCT, logged out, opens the agents' page and is brought back to it once logged in, and invites a
//! préfecture agent; the agent opens the link from her email in her own browser, creates her account and
//! lands in her space with her role, the dashboard of her département in reach; ANCT sees her among the agents, then deactivates her account (confirmed), which
//! ends her session. Every page passes axe-core.

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur};

const AGENTE: &str = "agnes.le-roux@ille-et-vilaine.gouv.fr";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anct_invites_a_prefecture_agent_who_creates_her_account_from_the_link() {
    let serveur = Serveur::demarrer(true).await;
    // She opens the agents' page from a bookmark, logged out: logging in brings her back to it.
    let anct = Navigateur::sur(&serveur).await;
    anct.ouvrir("/agents").await;
    anct.attendre_texte("main .fr-alert--info", "Connexion requise")
        .await;
    anct.attendre_element("main a[href^='/connexion?retour=']")
        .await
        .click()
        .await
        .unwrap();
    anct.attendre_titre("Se connecter à Maillage").await;
    anct.saisir("email", "anct@demo.maillage.fr").await;
    anct.saisir("mot-de-passe", MOT_DE_PASSE_DEMO).await;
    anct.cliquer_bouton("Se connecter").await;
    anct.attendre_titre("Agents et collègues").await;
    assert_eq!(anct.chemin().await, "/agents");
    anct.attendre_texte("main table", "prefecture29@demo.maillage.fr")
        .await;
    anct.verifier_accessibilite("la page des agents").await;

    anct.saisir("email-invite", AGENTE).await;
    anct.choisir("role-invite", "PREFECTURE").await;
    anct.choisir("territoire-invite", "35").await;
    anct.cliquer_bouton("Envoyer l’invitation").await;
    anct.attendre_texte("main", &format!("Invitation envoyée à {AGENTE}"))
        .await;
    anct.attendre_texte("main ul", "Préfecture — département 35")
        .await;
    anct.verifier_accessibilite("la page des agents, une invitation en attente")
        .await;

    // Her own browser, from the link in her email.
    let agente = Navigateur::sur(&serveur).await;
    let lien = serveur.lien_du_dernier_courriel(AGENTE).await;
    assert!(lien.starts_with("/invitation-agent?jeton="), "{lien}");
    agente.ouvrir(&lien).await;
    agente.attendre_titre("Invitation à rejoindre Maillage").await;
    agente.attendre_texte("main", "Préfecture — département 35").await;
    agente.verifier_accessibilite("l’invitation d’une agente").await;
    agente.saisir("prenom", "Agnès").await;
    agente.saisir("nom", "Le Roux").await;
    agente
        .saisir("mot-de-passe", "une phrase de passe assez longue")
        .await;
    agente.cliquer_bouton("Créer mon compte et accepter").await;
    agente.attendre_titre("Mon espace").await;
    agente
        .attendre_texte(".fr-header__tools-links", "Agnès Le Roux")
        .await;
    agente.attendre_texte(".fr-nav", "Tableau de bord").await;
    agente
        .verifier_accessibilite("l’espace d’une agente de préfecture")
        .await;

    anct.ouvrir("/agents").await;
    anct.attendre_texte("main table", AGENTE).await;

    // She leaves the programme: ANCT deactivates her account, after confirming; her session ends.
    anct.client
        .find(fantoccini::Locator::Css(
            "button[aria-label='Désactiver le compte de Agnès Le Roux']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    anct.attendre_texte("main", "Désactiver le compte de Agnès Le Roux ?")
        .await;
    anct.verifier_accessibilite("la confirmation d’une désactivation")
        .await;
    anct.cliquer_bouton("Oui, désactiver le compte").await;
    anct.attendre_texte("main table", "Compte désactivé").await;
    anct.verifier_accessibilite("la page des agents, un compte désactivé")
        .await;
    agente.ouvrir("/espace").await;
    agente.attendre_texte("main", "Connexion requise").await;
}

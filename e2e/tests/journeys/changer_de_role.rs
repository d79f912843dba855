//! Journey: a person holding two roles logs in, switches role from the header, then logs out; the header
//! (and its copy in the mobile menu) follows each step, and every page passes axe-core.

use crate::navigateur::{Navigateur, Serveur, normaliser};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn person_with_two_roles_switches_role_then_logs_out() {
    let serveur = Serveur::demarrer(true).await;
    let nav = Navigateur::sur(&serveur).await;

    nav.ouvrir("/espace").await;
    nav.attendre_titre("Mon espace").await;
    nav.attendre_texte("main", "Connexion requise").await;
    nav.verifier_accessibilite("un espace demandé sans être connecté")
        .await;

    nav.ouvrir("/connexion").await;
    nav.attendre_titre("Se connecter à Maillage").await;
    nav.saisir("email", "conseiller@demo.maillage.fr").await;
    nav.saisir("mot-de-passe", "pas le bon mot de passe").await;
    nav.cliquer_bouton("Se connecter").await;
    nav.attendre_texte(
        "main [role=alert]",
        "Adresse électronique ou mot de passe incorrect.",
    )
    .await;
    nav.verifier_accessibilite("la connexion refusée").await;

    nav.se_connecter("conseiller@demo.maillage.fr", "maillage-demo-2026")
        .await;
    nav.attendre_texte("main", "Conseillère numérique").await;
    let choix = nav.client.find(Locator::Id("choix-role")).await.unwrap();
    assert_eq!(
        choix.prop("value").await.unwrap().as_deref(),
        nav.client
            .find(Locator::Css("#choix-role option:first-child"))
            .await
            .unwrap()
            .attr("value")
            .await
            .unwrap()
            .as_deref(),
        "the active role is selected"
    );
    nav.verifier_accessibilite("l’espace d’une personne à deux rôles")
        .await;

    nav.choisir_le_role("Coordinatrice").await;
    nav.attendre_texte("main", "Coordinatrice").await;
    assert_eq!(nav.chemin().await, "/espace");
    nav.verifier_accessibilite("l’espace après le changement de rôle")
        .await;

    nav.cliquer_bouton("Se déconnecter").await;
    nav.attendre_titre("Maillage").await;
    nav.attendre_texte(".fr-header__tools-links", "Se connecter")
        .await;
    // The mobile menu shows the same tools, kept live (not a stale copy made by the DSFR script).
    let menu = nav
        .client
        .execute(
            "return document.querySelector('.fr-header__menu-links').textContent;",
            vec![],
        )
        .await
        .unwrap();
    let menu = normaliser(menu.as_str().unwrap_or_default());
    assert!(
        menu.contains("Se connecter") && !menu.contains("Se déconnecter"),
        "mobile menu: {menu}"
    );
    nav.ouvrir("/espace").await;
    nav.attendre_texte("main", "Connexion requise").await;

    nav.fermer().await;
}

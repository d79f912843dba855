//! Journey: from the public map (its own entry point), a visitor reaches the four pages the law requires
//! through the footer: the accessibility statement, the legal notice, personal data (with the retention
//! periods this instance applies) and the site map; every page passes axe-core.

use crate::navigateur::{Navigateur, Serveur};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_footer_of_both_entry_points_leads_to_the_legal_pages() {
    let serveur = Serveur::demarrer(true).await;
    let visiteur = Navigateur::sur(&serveur).await;

    visiteur.ouvrir("/carte").await;
    visiteur
        .attendre_texte("#pied-de-page", "Accessibilité : partiellement conforme")
        .await;
    visiteur
        .cliquer_lien("Accessibilité : partiellement conforme")
        .await;
    visiteur.attendre_titre("Déclaration d’accessibilité").await;
    visiteur.attendre_texte("main", "partiellement conforme").await;
    visiteur.attendre_texte("main", "Défenseur des droits").await;
    visiteur
        .verifier_accessibilite("la déclaration d’accessibilité")
        .await;

    // From the app's own footer now.
    visiteur.cliquer_lien("Données personnelles").await;
    visiteur.attendre_titre("Données personnelles").await;
    visiteur
        .attendre_texte("main", "supprimées 30 jours après leur expiration")
        .await;
    visiteur
        .attendre_texte("main", "Copies des courriels envoyés : 90 jours")
        .await;
    visiteur
        .verifier_accessibilite("la page des données personnelles")
        .await;

    visiteur.cliquer_lien("Mentions légales").await;
    visiteur.attendre_titre("Mentions légales").await;
    visiteur
        .attendre_texte("main", "Agence nationale de la cohésion des territoires")
        .await;
    visiteur.attendre_texte("main", "[mentions] hebergeur").await;
    visiteur.verifier_accessibilite("les mentions légales").await;

    visiteur.cliquer_lien("Plan du site").await;
    visiteur.attendre_titre("Plan du site").await;
    visiteur.attendre_texte("main", "Mot de passe oublié").await;
    visiteur.verifier_accessibilite("le plan du site").await;
}

//! Journey: a newcomer searches "Brest" from the home page, opens the commune, then Finistère, sees its
//! intercommunalités and opens one; every page visited passes axe-core.

use crate::navigateur::Navigateur;
use fantoccini::Locator;
use fantoccini::key::Key;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_brest_then_open_finistere_and_one_of_its_epci() {
    let nav = Navigateur::demarrer().await;

    nav.ouvrir("/").await;
    nav.attendre_titre("Maillage").await;
    // The key figures come from the API: wait for them before checking the page.
    nav.client
        .wait()
        .for_element(Locator::Css(".fr-tile__title"))
        .await
        .unwrap();
    nav.verifier_accessibilite("l’accueil").await;

    let champ = nav.client.find(Locator::Id("recherche-accueil")).await.unwrap();
    champ.send_keys("Brest").await.unwrap();
    let premiere = nav
        .client
        .wait()
        .for_element(Locator::Css("#recherche-accueil-suggestions li[role=option]"))
        .await
        .unwrap();
    let texte = premiere.text().await.unwrap();
    assert!(
        texte.contains("Brest") && texte.contains("Finistère (29)"),
        "first suggestion: {texte}"
    );
    assert_eq!(
        champ.attr("aria-expanded").await.unwrap().as_deref(),
        Some("true")
    );
    nav.verifier_accessibilite("la recherche avec ses suggestions")
        .await;
    nav.capture("recherche-brest").await;

    // Keyboard only: first suggestion, then Enter.
    champ
        .send_keys(&format!("{}{}", char::from(Key::Down), char::from(Key::Enter)))
        .await
        .unwrap();
    nav.attendre_titre("Brest").await;
    assert_eq!(nav.chemin().await, "/territoires/communes/29019");
    let fiche = nav
        .client
        .find(Locator::Css("main dl"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(fiche.contains("29200"), "postal code shown: {fiche}");
    nav.verifier_accessibilite("la page de Brest").await;

    nav.client
        .find(Locator::LinkText("Finistère (29)"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    nav.attendre_titre("Finistère (29)").await;
    assert_eq!(nav.chemin().await, "/territoires/departements/29");
    let tableau = nav
        .client
        .find(Locator::Css("main table"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(tableau.contains("Brest Métropole"), "EPCI table: {tableau}");
    assert!(tableau.contains("CC du Pays d'Iroise"), "EPCI table: {tableau}");
    nav.verifier_accessibilite("la page du Finistère").await;
    nav.capture("finistere").await;

    nav.client
        .find(Locator::LinkText("CC du Pays d'Iroise"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    nav.attendre_titre("CC du Pays d'Iroise").await;
    assert_eq!(nav.chemin().await, "/territoires/epci/242900074");
    let communes = nav
        .client
        .find(Locator::Css("main table"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        communes.contains("Ouessant") || communes.contains("Le Conquet"),
        "member communes: {communes}"
    );
    nav.verifier_accessibilite("la page d’une intercommunalité").await;

    nav.fermer().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn territories_list_region_page_and_unknown_pages_are_accessible() {
    let nav = Navigateur::demarrer().await;

    nav.ouvrir("/territoires").await;
    nav.attendre_titre("Territoires").await;
    nav.client
        .wait()
        .for_element(Locator::Css("main table tbody tr"))
        .await
        .unwrap();
    let lignes = nav
        .client
        .find_all(Locator::Css("main table tbody tr"))
        .await
        .unwrap();
    assert_eq!(lignes.len(), 101, "the programme's 101 départements");
    nav.verifier_accessibilite("la liste des territoires").await;

    nav.client
        .find(Locator::LinkText("Bretagne"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    nav.attendre_titre("Bretagne").await;
    nav.verifier_accessibilite("la page d’une région").await;

    nav.ouvrir("/territoires/departements/20").await;
    nav.attendre_titre("Territoire introuvable").await;
    nav.verifier_accessibilite("un département inconnu").await;

    nav.ouvrir("/territoires/departements/XYZ").await;
    let alerte = nav
        .client
        .wait()
        .for_element(Locator::Css("main [role=alert]"))
        .await
        .unwrap();
    let texte = alerte.text().await.unwrap();
    assert!(
        texte.contains("code de département"),
        "a malformed code is explained: {texte}"
    );
    nav.verifier_accessibilite("un code de département mal formé")
        .await;

    nav.ouvrir("/une/page/inconnue").await;
    nav.attendre_titre("Page non trouvée").await;
    nav.verifier_accessibilite("la page 404").await;

    nav.fermer().await;
}

//! Journey: a person looks for a lieu near « 29200 », open now, with access to internet and a computer; the
//! search is the page's address, served by the lieux' own light entry point; they open the nearest lieu (the
//! demo's borne of Brest station) and report an error. Yann, coordinator on Brest Métropole (set up through
//! the API), finds the lieux to complete on his diagnosis, reads the report, corrects the
//! hours by form — read back as a French week while he types — and marks the report handled; the public
//! page shows the new hours. Every page state passes axe-core at 1280 and 390 px, and the search and the
//! page do not scroll sideways on a phone.

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur};
use fantoccini::Locator;
use maillage_harness::parcours::coordinateur_de_brest;

const BORNE: &str = "Borne numérique de la gare de Brest";
const SIGNALEMENT: &str = "La borne n’est plus accessible la nuit : le hall ferme à 22 h.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_finds_the_nearest_open_lieu_reports_an_error_and_the_coordinator_corrects_its_hours() {
    let serveur = Serveur::demarrer(true).await;
    coordinateur_de_brest(&serveur.app).await;

    // (a) The search near a postal code, open now, with a service.
    let visiteur = Navigateur::sur(&serveur).await;
    visiteur.ouvrir("/lieux").await;
    visiteur
        .attendre_titre("Trouver un lieu de médiation numérique")
        .await;
    // Loaded directly, the lieux' pages are their own light entry point, not the whole app.
    let scripts = visiteur
        .client
        .execute(
            "return [...document.querySelectorAll('script[type=module]')].map(e => e.src).join(' ');",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        scripts.as_str().unwrap_or_default().contains("/lieux-seuls/"),
        "{scripts}"
    );
    visiteur
        .verifier_accessibilite("la recherche de lieux, vide")
        .await;
    visiteur.saisir("pres", "29200").await;
    visiteur.cocher("ouvert").await;
    visiteur
        .client
        .find(Locator::Css("main details summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // « Accès internet et matériel informatique », the standard's ninth service.
    visiteur.cocher("service-8").await;
    visiteur.cliquer_bouton("Trouver les lieux").await;
    visiteur
        .attendre_texte("main [role=status] h2", "1 lieu trouvé près de « 29200 Brest »")
        .await;
    let adresse = visiteur.client.current_url().await.unwrap().to_string();
    assert!(
        adresse.contains("pres=29200") && adresse.contains("ouvert=1") && adresse.contains("service=Acc"),
        "the search is the page's address: {adresse}"
    );
    let premier = visiteur.attendre_texte("main ol li", BORNE).await;
    assert!(premier.contains("à 2,") || premier.contains("km"), "{premier}");
    visiteur
        .verifier_accessibilite("des lieux trouvés près de 29200, ouverts, avec un service")
        .await;
    visiteur.capture_aux_deux_largeurs("lieux-recherche").await;

    // (b) The nearest lieu's page: open now, its week.
    visiteur.cliquer_lien(BORNE).await;
    visiteur.attendre_titre(BORNE).await;
    visiteur
        .attendre_texte("main .fr-badge", "Ouvert en ce moment")
        .await;
    visiteur.attendre_texte("main table", "24 h sur 24").await;
    visiteur.verifier_accessibilite("la page d’un lieu").await;
    visiteur.capture_aux_deux_largeurs("lieu-page").await;

    // (c) The person reports an error, a wrong one first said.
    visiteur.saisir("signalement-message", "Faux").await;
    visiteur.cliquer_bouton("Envoyer le signalement").await;
    visiteur
        .attendre_texte(
            "main [role=alert]",
            "Décrivez l’erreur en 10 caractères au moins.",
        )
        .await;
    visiteur.saisir("signalement-message", SIGNALEMENT).await;
    visiteur.saisir("signalement-courriel", "usager@exemple.fr").await;
    visiteur.cliquer_bouton("Envoyer le signalement").await;
    visiteur
        .attendre_texte("main [role=status]", "Merci : votre signalement a été transmis")
        .await;
    visiteur.verifier_accessibilite("un signalement envoyé").await;

    // (d) Yann, as coordinator, reads the report and corrects the hours by form.
    let yann = Navigateur::sur(&serveur).await;
    yann.se_connecter("conseiller.iroise@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    yann.choisir_le_role("Coordinateur").await;
    yann.attendre_texte("main a", "Coordonner mon équipe").await;
    // His diagnosis lists the lieux of his perimeter whose record lacks something, each to its form.
    yann.ouvrir("/coordination/diagnostic").await;
    yann.attendre_titre("Diagnostic de mon territoire").await;
    yann.attendre_texte("main section[aria-labelledby=titre-a-completer] li", "il manque")
        .await;
    yann.ouvrir("/signalements-de-lieux").await;
    yann.attendre_titre("Signalements sur les lieux").await;
    yann.attendre_texte("main .fr-card", SIGNALEMENT).await;
    yann.verifier_accessibilite("les signalements d’un coordinateur")
        .await;
    yann.cliquer_lien("Corriger ce lieu").await;
    yann.attendre_titre(&format!("Modifier « {BORNE} »")).await;
    yann.saisir("lieu-horaires", "Mo-Su 06:00-22:00").await;
    yann.attendre_texte("main .fr-callout", "Lundi : 6 h – 22 h")
        .await;
    yann.verifier_accessibilite("le formulaire d’un lieu").await;
    yann.cliquer_bouton("Enregistrer le lieu").await;
    yann.attendre_titre(BORNE).await;
    yann.attendre_texte("main table", "6 h – 22 h").await;
    yann.ouvrir("/lieux/demo-brest-borne-gare/modifier").await;
    yann.attendre_texte("main", "Correction le").await;
    yann.ouvrir("/signalements-de-lieux").await;
    yann.attendre_texte("main .fr-card", SIGNALEMENT).await;
    let reponse = yann
        .client
        .find(Locator::Css("main textarea[id^=reponse-]"))
        .await
        .unwrap();
    reponse
        .send_keys("Merci, les horaires sont corrigés.")
        .await
        .unwrap();
    yann.cliquer_bouton("Marquer comme traité").await;
    yann.attendre_texte("main", "Aucun signalement en attente.").await;
    yann.verifier_accessibilite("un signalement traité").await;
    assert!(
        serveur
            .dernier_courriel("usager@exemple.fr")
            .await
            .contains("Merci, les horaires sont corrigés."),
        "the person who reported is told"
    );
    yann.fermer().await;

    // (e) The public page shows the new hours.
    visiteur.ouvrir("/lieux/demo-brest-borne-gare").await;
    visiteur.attendre_titre(BORNE).await;
    visiteur.attendre_texte("main table", "6 h – 22 h").await;
    visiteur.verifier_accessibilite("la page d’un lieu corrigé").await;
    visiteur.capture_aux_deux_largeurs("lieu-corrige").await;
    visiteur.fermer().await;
}

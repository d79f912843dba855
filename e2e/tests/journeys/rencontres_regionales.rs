//! Journey: the hub of Bretagne announces a working group to the coordinators of its région, a wrong form
//! first refused and said; Yann, coordinator on Brest Métropole (set up through the API), finds it from his
//! space and registers; the hub reads him among the registered; the préfecture of the Finistère organises a
//! meeting day of its département. Every page state passes axe-core at 1280 and 390 px.

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur};
use chrono::Utc;
use maillage_harness::parcours::{PREFECTURE_29, coordinateur_de_brest};

const HUB_53: &str = "hub53@demo.maillage.fr";
const GROUPE: &str = "Groupe de travail « aidants numériques »";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hub_of_bretagne_creates_a_working_group_and_a_coordinator_registers() {
    let serveur = Serveur::demarrer(true).await;
    coordinateur_de_brest(&serveur.app).await;
    let dans_quinze_jours = maillage_shared::jour::jour_en_metropole(Utc::now()) + chrono::Days::new(15);

    // (a) The hub announces the working group from its space.
    let hub = Navigateur::sur(&serveur).await;
    hub.se_connecter(HUB_53, MOT_DE_PASSE_DEMO).await;
    hub.cliquer_lien("Rencontres du réseau").await;
    hub.attendre_titre("Rencontres du réseau").await;
    hub.attendre_texte("main", "Aucune rencontre à venir.").await;
    hub.verifier_accessibilite("les rencontres de la région, vides, pour le hub")
        .await;
    hub.saisir("rencontre-titre", GROUPE).await;
    hub.cliquer_bouton("Annoncer la rencontre").await;
    hub.attendre_texte("main [role=alert]", "Indiquez la date de la rencontre.")
        .await;
    hub.verifier_accessibilite("une rencontre refusée, sans date")
        .await;
    hub.choisir("rencontre-nature", "GROUPE_DE_TRAVAIL").await;
    hub.definir("rencontre-date", &dans_quinze_jours.to_string())
        .await;
    hub.saisir("rencontre-lieu", "Rennes, maison de la région").await;
    hub.cliquer_bouton("Annoncer la rencontre").await;
    hub.attendre_texte(
        "main [role=status]",
        "annoncée : les coordinateurs de la région sont invités",
    )
    .await;
    let carte = hub.attendre_texte("main article", GROUPE).await;
    assert!(carte.contains("0 personne inscrite"), "{carte}");
    hub.verifier_accessibilite("une rencontre annoncée par le hub")
        .await;

    // (b) Yann, as coordinator, finds it from his space and registers.
    let yann = Navigateur::sur(&serveur).await;
    yann.se_connecter("conseiller.iroise@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    yann.choisir_le_role("Coordinateur").await;
    yann.attendre_texte("main a", "Coordonner mon équipe").await;
    yann.cliquer_lien("Formations continues et rencontres").await;
    yann.attendre_titre("Rencontres du réseau").await;
    yann.attendre_texte("main article", GROUPE).await;
    yann.verifier_accessibilite("les rencontres de la région, pour un coordinateur")
        .await;
    yann.cliquer_bouton("M’inscrire").await;
    yann.attendre_texte("main article", "1 personne inscrite, dont vous")
        .await;
    yann.attendre_texte("main article button", "Me désinscrire").await;
    yann.verifier_accessibilite("un coordinateur inscrit à un groupe de travail")
        .await;
    yann.capture_aux_deux_largeurs("rencontres-coordinateur").await;
    yann.fermer().await;

    // (c) The hub reads who registered.
    hub.ouvrir("/rencontres").await;
    hub.attendre_texte("main article", "1 personne inscrite").await;
    hub.cliquer_bouton("Voir les inscrits").await;
    let inscrits = hub.attendre_texte("main table", "Yann Conseiller-Iroise").await;
    assert!(inscrits.contains("Coordinateur de la région"), "{inscrits}");
    hub.verifier_accessibilite("les inscrits d’un groupe de travail")
        .await;
    hub.fermer().await;

    // (d) The préfecture organises a meeting day of its département from its space.
    let prefecture = Navigateur::sur(&serveur).await;
    prefecture.se_connecter(PREFECTURE_29, MOT_DE_PASSE_DEMO).await;
    prefecture.cliquer_lien("Rencontres du réseau").await;
    prefecture.attendre_titre("Rencontres du réseau").await;
    prefecture
        .attendre_texte("main h2", "Organiser une journée de rencontre")
        .await;
    prefecture
        .saisir(
            "rencontre-titre",
            "Journée finistérienne de l’inclusion numérique",
        )
        .await;
    prefecture
        .definir("rencontre-date", &dans_quinze_jours.to_string())
        .await;
    prefecture.cliquer_bouton("Annoncer la rencontre").await;
    prefecture
        .attendre_texte(
            "main [role=status]",
            "les coordinateurs du département sont invités",
        )
        .await;
    prefecture
        .attendre_texte("main article", "Journée de rencontre départementale")
        .await;
    prefecture
        .verifier_accessibilite("une journée de rencontre organisée par la préfecture")
        .await;
    prefecture.fermer().await;
}

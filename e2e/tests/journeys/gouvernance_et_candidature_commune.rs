//! Journey: the préfecture of the Finistère registers its gouvernance, Brest Métropole as co-porteur and the
//! demo structure as member; the demo structure invites a second structure onto its candidature, which
//! reads the invitation in its space and confirms; once filed, the SGAR of Bretagne gives its consultative
//! opinion; ANCT sees a coordinated candidature of a member of the gouvernance, which the préfecture
//! identified as able to host, with the SGAR's opinion.
//! Every page state passes axe-core at 1280 and 390 px.

use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur};
use maillage_harness::fixtures::{
    ANCT, BREST_METROPOLE, DEPOSER, PREFECTURE_29, SGAR_53, STRUCTURE, StructureBuilder, brouillon_complet,
    consulter_tout, joindre_pieces_requises,
};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prefecture_registers_its_gouvernance_structures_carry_a_candidature_together_sgar_and_anct_read_it()
{
    let serveur = Serveur::demarrer(true).await;

    // (a) The préfecture registers its gouvernance from its menu.
    let prefecture = Navigateur::sur(&serveur).await;
    prefecture.se_connecter(PREFECTURE_29, MOT_DE_PASSE_DEMO).await;
    prefecture.cliquer_lien("Gouvernance locale").await;
    prefecture
        .attendre_titre("Gouvernance locale — Finistère (29)")
        .await;
    prefecture
        .attendre_texte("main", "La préfecture n’a encore rien enregistré.")
        .await;
    prefecture
        .verifier_accessibilite("la gouvernance, vide, pour sa préfecture")
        .await;
    prefecture.cocher("membre-sorte-collectivite").await;
    prefecture.choisir("membre-nature", "EPCI").await;
    prefecture.saisir("membre-code", BREST_METROPOLE).await;
    prefecture.cocher("membre-co-porteur").await;
    prefecture.cliquer_bouton("Ajouter le membre").await;
    prefecture
        .attendre_texte("main [role=status]", "Membre ajouté.")
        .await;
    let membres = prefecture.attendre_texte("main table", "Brest Métropole").await;
    assert!(membres.contains("Co-porteur"), "{membres}");
    // A SIRET whose key is wrong is refused in the browser, by the shared rule.
    prefecture.cocher("membre-sorte-structure").await;
    prefecture.saisir("membre-siret", "90000000000018").await;
    prefecture.cliquer_bouton("Ajouter le membre").await;
    prefecture
        .attendre_texte("main", "clé de contrôle est fausse")
        .await;
    prefecture
        .verifier_accessibilite("la gouvernance, un SIRET refusé")
        .await;
    prefecture.saisir("membre-siret", "90000000000019").await;
    prefecture.cliquer_bouton("Ajouter le membre").await;
    prefecture
        .attendre_texte("main table", "Association Iroise Numérique (démo)")
        .await;
    prefecture.choisir("comite-type", "STRATEGIQUE").await;
    prefecture.choisir("comite-frequence", "TRIMESTRIELLE").await;
    prefecture.cliquer_bouton("Ajouter le comité").await;
    prefecture.attendre_texte("main", "Comité stratégique").await;
    let historique = prefecture
        .attendre_texte("main", "Brest Métropole ajouté comme co-porteur")
        .await;
    assert!(historique.contains("Paul Préfecture-Finistère"), "{historique}");
    prefecture
        .verifier_accessibilite("la gouvernance, ses membres et son comité")
        .await;
    // It identifies the demo structure as able to host a coordinator.
    prefecture.saisir("accueil-siret", "90000000000019").await;
    prefecture
        .saisir("accueil-commentaire", "Porte déjà l’équipe du Pays d’Iroise")
        .await;
    prefecture.cliquer_bouton("Identifier la structure").await;
    let accueil = prefecture
        .attendre_texte("main table", "Porte déjà l’équipe du Pays d’Iroise")
        .await;
    assert!(
        accueil.contains("Association Iroise Numérique (démo)"),
        "{accueil}"
    );
    prefecture
        .verifier_accessibilite("la gouvernance et ses structures pouvant accueillir")
        .await;
    prefecture.capture_aux_deux_largeurs("gouvernance-29").await;
    prefecture.fermer().await;

    // Anyone reads it, without its history.
    let public = Navigateur::sur(&serveur).await;
    public.ouvrir("/gouvernances/29").await;
    public.attendre_titre("Gouvernance locale — Finistère (29)").await;
    let page = public.attendre_texte("main table", "Brest Métropole").await;
    assert!(!page.contains("Paul Préfecture-Finistère"), "{page}");
    public.verifier_accessibilite("la gouvernance, anonyme").await;
    public.fermer().await;

    // (b) The demo structure's draft (the form, which declares it a member, is the candidature journey's).
    let api = serveur.connecte(STRUCTURE).await;
    let id = brouillon_complet(&api).await;
    StructureBuilder::new().inscrire(&serveur.app).await;
    let structure = Navigateur::sur(&serveur).await;
    structure.se_connecter(STRUCTURE, MOT_DE_PASSE_DEMO).await;
    structure.ouvrir(&format!("/candidatures/{id}")).await;
    structure
        .attendre_texte("#titre-co-porteurs", "Structures co-porteuses")
        .await;
    structure.saisir("co-porteur-siret", "13002603200016").await;
    structure
        .attendre_texte("#co-porteur-siret-messages", "SIRET valide")
        .await;
    structure.cliquer_bouton("Inviter").await;
    structure
        .attendre_texte("main [role=status]", "Tiers-lieu de l’Aber est invitée")
        .await;
    structure.attendre_texte("main", "en attente de sa réponse").await;
    structure
        .verifier_accessibilite("le brouillon, une structure invitée")
        .await;

    // The invited structure finds the invitation in its space, reads the dossier and confirms.
    let invitee = Navigateur::sur(&serveur).await;
    invitee
        .se_connecter("autre@exemple.fr", StructureBuilder::MOT_DE_PASSE)
        .await;
    invitee
        .attendre_texte("main", "Invitations à porter une candidature")
        .await;
    invitee
        .verifier_accessibilite("l’espace d’une structure invitée")
        .await;
    invitee
        .cliquer_lien("Candidature de « Association Iroise Numérique (démo) » : lire le dossier et répondre")
        .await;
    invitee
        .attendre_texte("main", "Votre structure est invitée à porter cette candidature")
        .await;
    invitee
        .verifier_accessibilite("une candidature à laquelle la structure est invitée")
        .await;
    invitee.cliquer_bouton("Confirmer le co-portage").await;
    invitee
        .attendre_texte(
            "main [role=status]",
            "Votre structure porte désormais cette candidature",
        )
        .await;
    invitee
        .attendre_texte("main", "Ne plus porter cette candidature")
        .await;
    invitee.verifier_accessibilite("une candidature co-portée").await;
    invitee.fermer().await;
    structure.fermer().await;

    // Filed (the filing has its own journey).
    consulter_tout(&api, &id).await;
    joindre_pieces_requises(&api, &id).await;
    api.data(DEPOSER, json!({ "id": id })).await;

    // (c) The SGAR gives its consultative opinion.
    let sgar = Navigateur::sur(&serveur).await;
    sgar.se_connecter(SGAR_53, MOT_DE_PASSE_DEMO).await;
    sgar.ouvrir(&format!("/candidatures/{id}")).await;
    sgar.attendre_texte("main", "Avis consultatif du SGAR").await;
    sgar.verifier_accessibilite("une candidature, l’avis du SGAR à donner")
        .await;
    sgar.cocher("avis-choix-oui").await;
    sgar.saisir(
        "avis-texte",
        "Projet cohérent avec la feuille de route régionale.",
    )
    .await;
    sgar.cliquer_bouton("Enregistrer l’avis").await;
    sgar.confirmer("L’ANCT lira votre avis", "Oui, enregistrer l’avis")
        .await;
    sgar.attendre_texte("main [role=status]", "Votre avis consultatif est enregistré")
        .await;
    sgar.fermer().await;

    // (d) ANCT sees a coordinated candidature of a member of the gouvernance, with the SGAR's opinion.
    let anct = Navigateur::sur(&serveur).await;
    anct.se_connecter(ANCT, MOT_DE_PASSE_DEMO).await;
    anct.ouvrir(&format!("/candidatures/{id}")).await;
    let entete = anct.attendre_texte("main", "Candidature coordonnée").await;
    // Badges read in capitals.
    assert!(entete.contains("MEMBRE DE LA GOUVERNANCE"), "{entete}");
    assert!(entete.contains("IDENTIFIÉE PAR LA PRÉFECTURE"), "{entete}");
    assert!(
        entete.contains("Projet cohérent avec la feuille de route régionale."),
        "{entete}"
    );
    assert!(
        entete.contains("Tiers-lieu de l’Aber (SIRET 13002603200016) — confirmée"),
        "{entete}"
    );
    anct.verifier_accessibilite("une candidature coordonnée, pour l’ANCT")
        .await;
    anct.capture_aux_deux_largeurs("candidature-coordonnee").await;
    anct.fermer().await;
}

//! Journey of a signed convention (set up through the API): ANCT suspends its instalment, resumes it,
//! records its payment and asks for its reimbursement, whose reason the structure reads with what was paid.
//! Every page state passes axe-core.

use chrono::Utc;
use maillage_harness::parcours::candidature_validee;
use serde_json::json;

use super::recrutement_et_convention::{STRUCTURE, montrer};
use crate::navigateur::{MOT_DE_PASSE_DEMO, Navigateur, Serveur};

/// A validated candidature whose post the demo candidate (Inès, in Guipavas, Brest Métropole) holds on a
/// signed contract, and whose convention ANCT signed today: all through the API.
async fn convention_signee(serveur: &Serveur) -> String {
    let (structure, candidature) = candidature_validee(&serveur.app).await;
    let aujourd_hui = maillage_shared::jour::jour_en_metropole(Utc::now()).to_string();
    let trouves = structure
        .data(
            "query($c: ID!) { rechercherCandidats(candidatureId: $c, filtre: { proximite: PERIMETRE }) { id prenom } }",
            json!({ "c": candidature }),
        )
        .await;
    let ines = trouves["rechercherCandidats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|profil| profil["prenom"] == "Inès")
        .expect("la candidate de démonstration est dans le périmètre")["id"]
        .clone();
    let recrutement = structure
        .data(
            "mutation($c: ID!, $p: ID!) { contacterCandidat(candidatureId: $c, profilId: $p) { id } }",
            json!({ "c": candidature, "p": ines }),
        )
        .await["contacterCandidat"]["id"]
        .clone();
    maillage_harness::parcours::accepter_le_contact(
        &serveur.connecte("candidat@demo.maillage.fr").await,
        &recrutement,
    )
    .await;
    for statut in ["RECRUTEE", "FINALISEE"] {
        structure
            .data(
                "mutation($r: ID!, $s: StatutRecrutement!, $d: NaiveDate) { changerStatutRecrutement(\
                 recrutementId: $r, statut: $s, contrat: \"CDI_DROIT_PRIVE\", debut: $d) { id } }",
                json!({ "r": recrutement, "s": statut, "d": aujourd_hui }),
            )
            .await;
    }
    let convention = structure
        .data(
            "mutation($c: ID!) { demanderConvention(candidatureId: $c) { id } }",
            json!({ "c": candidature }),
        )
        .await["demanderConvention"]["id"]
        .clone();
    serveur
        .connecte("anct@demo.maillage.fr")
        .await
        .data(
            "mutation($c: ID!, $d: NaiveDate!) { signerConvention(conventionId: $c, signeeLe: $d) { id } }",
            json!({ "c": convention, "d": aujourd_hui }),
        )
        .await;
    candidature
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anct_records_the_payment_then_asks_for_a_reimbursement_the_structure_reads_why() {
    let serveur = Serveur::demarrer(true).await;
    let candidature = convention_signee(&serveur).await;
    let chemin = format!("/candidatures/{candidature}");

    let anct = Navigateur::sur(&serveur).await;
    anct.se_connecter("anct@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    anct.ouvrir(&chemin).await;
    anct.attendre_titre(&format!("Candidature de « {STRUCTURE} »"))
        .await;
    anct.attendre_texte("main h3", "Enregistrer le paiement").await;
    // Suspended first (obligations not met), then resumed.
    anct.saisir(
        "suspension-motif",
        "La formation initiale du coordinateur n’est pas encore faite.",
    )
    .await;
    anct.cliquer_bouton("Suspendre le paiement").await;
    anct.attendre_texte(".maillage-annonce", "Le paiement est suspendu")
        .await;
    anct.attendre_texte("main .fr-alert--warning", "suspendu").await;
    anct.verifier_accessibilite("un versement suspendu, vu par l’ANCT")
        .await;
    anct.cliquer_bouton("Reprendre le versement").await;
    anct.attendre_texte(".maillage-annonce", "Le versement est repris")
        .await;
    anct.attendre_texte("main h3", "Enregistrer le paiement").await;
    anct.definir("paiement-date", "2000-01-01").await;
    anct.cliquer_bouton("Enregistrer le paiement").await;
    anct.attendre_texte("main [role=alert]", "La date doit être comprise entre le")
        .await;
    anct.verifier_accessibilite("un versement à une date refusée")
        .await;
    anct.definir(
        "paiement-date",
        &maillage_shared::jour::jour_en_metropole(Utc::now()).to_string(),
    )
    .await;
    anct.cliquer_bouton("Enregistrer le paiement").await;
    anct.attendre_texte(".maillage-annonce", "Le versement est enregistré")
        .await;
    anct.attendre_texte("main .fr-callout", "Versé : 40 000 € ; reste à verser : 0 €")
        .await;
    anct.attendre_texte("main h3", "Demander le remboursement").await;
    anct.verifier_accessibilite("la subvention versée, vue par l’ANCT")
        .await;
    anct.saisir(
        "remboursement-motif",
        "Le coordinateur est employé à l’accueil de la mairie, sans rapport avec ses missions.",
    )
    .await;
    anct.cliquer_bouton("Demander le remboursement").await;
    anct.attendre_texte(".maillage-annonce", "Le remboursement est demandé")
        .await;
    anct.verifier_accessibilite("le remboursement demandé, vu par l’ANCT")
        .await;
    anct.fermer().await;

    let structure = Navigateur::sur(&serveur).await;
    structure
        .se_connecter("structure@demo.maillage.fr", MOT_DE_PASSE_DEMO)
        .await;
    structure.ouvrir(&chemin).await;
    structure
        .attendre_titre(&format!("Candidature de « {STRUCTURE} »"))
        .await;
    let remboursement = structure
        .attendre_texte("main .fr-alert--error", "Remboursement demandé : versement de")
        .await;
    assert!(
        remboursement.contains("sans rapport avec ses missions"),
        "{remboursement}"
    );
    structure
        .attendre_texte("main .fr-callout", "à rembourser : 40 000 €")
        .await;
    structure
        .verifier_accessibilite("le remboursement demandé, vu par la structure")
        .await;
    montrer(&structure, "titre-convention").await;
    structure.capture("remboursement-demande").await;
    structure.fermer().await;
}

//! Journey: a new production brought from empty (no demo account nor data). The operator invites the first
//! ANCT agent from the command line; she creates her account from the link in her email and invites the
//! préfecture of the Finistère from the agents' page; that agent logs in with ProConnect (a real OpenID
//! provider on loopback) and lands in her space; a structure registered in the Finistère is joined by a
//! colleague who logs in with ProConnect with its SIRET, once a member accepts; the préfecture imports the programme's 50 conseillers of that structure from
//! its file and sees them listed. Every page of ours passes axe-core.

use fantoccini::Locator;
use maillage_harness::fixtures::StructureBuilder;
use serde_json::json;

use crate::navigateur::{Navigateur, Serveur};

const ANCT: &str = "anne.dupont@anct.gouv.fr";
const PREFECTURE: &str = "agnes.martin@finistere.gouv.fr";
const STRUCTURE: &str = "lea.martin@iroise-numerique.fr";
const COLLEGUE: &str = "tom.le-gall@iroise-numerique.fr";
const SIRET: &str = "13002603200016";
const MOT_DE_PASSE: &str = "une phrase de passe assez longue";

/// Opens the link of the latest email to `email` in `navigateur` and creates the account it invites to.
async fn creer_son_compte(serveur: &Serveur, navigateur: &Navigateur, email: &str, prenom: &str, nom: &str) {
    let lien = serveur.lien_du_dernier_courriel(email).await;
    assert!(lien.starts_with("/invitation-agent?jeton="), "{lien}");
    navigateur.ouvrir(&lien).await;
    navigateur.attendre_titre("Invitation à rejoindre Maillage").await;
    navigateur.saisir("prenom", prenom).await;
    navigateur.saisir("nom", nom).await;
    navigateur.saisir("mot-de-passe", MOT_DE_PASSE).await;
    navigateur.cliquer_bouton("Créer mon compte et accepter").await;
    navigateur.attendre_titre("Mon espace").await;
    navigateur
        .attendre_texte(".fr-header__tools-links", &format!("{prenom} {nom}"))
        .await;
}

/// The programme's file: 50 conseillers employed by the structure, in Brest and Quimper.
fn fichier_du_programme() -> String {
    let mut fichier =
        "email;prenom;nom;siret_employeur;type_contrat;debut_contrat;fin_contrat;commune_insee\n".to_owned();
    for n in 1..=50 {
        let (contrat, fin) = if n % 2 == 0 {
            ("CDD de droit privé", "31/08/2028")
        } else {
            ("CDI de droit privé", "")
        };
        let commune = if n % 3 == 0 { "29232" } else { "29019" };
        fichier.push_str(&format!(
            "conseiller{n}@iroise-numerique.fr;Prénom{n};Nom{n};{SIRET};{contrat};01/09/2026;{fin};{commune}\n"
        ));
    }
    fichier
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_production_gets_its_first_anct_agent_a_prefecture_a_structure_of_two_and_fifty_conseillers() {
    let comptes = json!({
        "agnes": maillage_harness::proconnect::personne(PREFECTURE, "Agnès", "Martin", "17290001800014"),
        "tom": maillage_harness::proconnect::personne(COLLEGUE, "Tom", "Le Gall", SIRET),
    });
    let (serveur, _fournisseur) = Serveur::demarrer_production_vide(&comptes).await;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let personnes = maillage::compte::entity::utilisateur::Entity::find()
        .count(&serveur.app.db)
        .await
        .unwrap();
    assert_eq!(personnes, 0, "nobody yet");

    // (1) The operator invites the first ANCT agent, as `maillage admin inviter-anct` does.
    let txn = maillage::database::ecriture(&serveur.app.db).await.unwrap();
    maillage::compte::invitations::inviter_le_premier_agent_anct(&txn, ANCT)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    let anct = Navigateur::sur(&serveur).await;
    creer_son_compte(&serveur, &anct, ANCT, "Anne", "Dupont").await;
    anct.verifier_accessibilite("l’espace de la première agente de l’ANCT")
        .await;

    // (2) She invites the préfecture of the Finistère.
    anct.cliquer_lien("Agents et collègues").await;
    anct.attendre_titre("Agents et collègues").await;
    anct.saisir("email-invite", PREFECTURE).await;
    anct.choisir("role-invite", "PREFECTURE").await;
    anct.choisir("territoire-invite", "29").await;
    anct.cliquer_bouton("Envoyer l’invitation").await;
    anct.attendre_texte("main", &format!("Invitation envoyée à {PREFECTURE}"))
        .await;
    anct.verifier_accessibilite("les agents d’une nouvelle production")
        .await;

    // (3) The préfecture agent logs in with ProConnect and holds her role at once.
    let prefecture = Navigateur::sur(&serveur).await;
    prefecture.ouvrir("/connexion").await;
    prefecture.attendre_titre("Se connecter à Maillage").await;
    prefecture.se_connecter_avec_proconnect("agnes").await;
    prefecture.attendre_titre("Mon espace").await;
    prefecture
        .attendre_texte(".fr-header__tools-links", "Agnès Martin")
        .await;
    prefecture
        .attendre_texte("main", "Conseillers numériques du programme")
        .await;
    prefecture
        .verifier_accessibilite("l’espace de la préfecture, connectée avec ProConnect")
        .await;

    // (4) A structure of the Finistère registers (its own journey shows the pages). A colleague logs in with
    // ProConnect, which gives the structure's SIRET: he asks to join it, and Léa accepts.
    StructureBuilder::new()
        .email(STRUCTURE)
        .siret(SIRET)
        .inscrire(&serveur.app)
        .await;
    let collegue = Navigateur::sur(&serveur).await;
    collegue.ouvrir("/connexion").await;
    collegue.attendre_titre("Se connecter à Maillage").await;
    collegue.se_connecter_avec_proconnect("tom").await;
    collegue
        .attendre_texte(
            "main .fr-alert--info",
            "Votre demande pour rejoindre la structure",
        )
        .await;
    collegue
        .verifier_accessibilite("la demande pour rejoindre sa structure, envoyée")
        .await;
    let structure = Navigateur::sur(&serveur).await;
    structure
        .se_connecter(STRUCTURE, StructureBuilder::MOT_DE_PASSE)
        .await;
    structure.cliquer_lien("Agents et collègues").await;
    structure.attendre_titre("Agents et collègues").await;
    structure
        .attendre_texte("main", &format!("Tom Le Gall — {COLLEGUE}"))
        .await;
    structure
        .verifier_accessibilite("une demande pour rejoindre la structure")
        .await;
    structure.cliquer_bouton("Accepter").await;
    structure
        .attendre_texte("main .fr-alert--success", "Tom Le Gall est invité·e")
        .await;
    // He logs in again (a browser without the provider's session, which would skip its form).
    collegue.fermer().await;
    let collegue = Navigateur::sur(&serveur).await;
    collegue.ouvrir("/connexion").await;
    collegue.attendre_titre("Se connecter à Maillage").await;
    collegue.se_connecter_avec_proconnect("tom").await;
    collegue.attendre_titre("Mon espace").await;
    collegue
        .attendre_texte(".fr-header__tools-links", "Tom Le Gall")
        .await;
    structure.ouvrir("/agents").await;
    structure.attendre_texte("main table", COLLEGUE).await;
    structure.attendre_texte("main table", STRUCTURE).await;
    structure
        .verifier_accessibilite("les deux membres d’une structure")
        .await;

    // (5) The préfecture imports the programme's 50 conseillers of that structure.
    prefecture
        .cliquer_lien("Conseillers numériques du programme")
        .await;
    prefecture
        .attendre_titre("Conseillers numériques du programme")
        .await;
    prefecture
        .attendre_texte("main", "Aucun conseiller numérique pour l’instant")
        .await;
    prefecture
        .verifier_accessibilite("les conseillers, avant l’import")
        .await;
    let dossier = tempfile::tempdir().unwrap();
    let chemin = dossier.path().join("conseillers.csv");
    std::fs::write(&chemin, fichier_du_programme()).unwrap();
    prefecture
        .client
        .find(Locator::Id("conseillers-fichier"))
        .await
        .unwrap()
        .send_keys(&chemin.display().to_string())
        .await
        .unwrap();
    prefecture.cliquer_bouton("Importer").await;
    prefecture
        .attendre_texte("main .fr-alert--success", "50 conseillers ajoutés.")
        .await;
    prefecture
        .attendre_texte("main table caption", "50 conseillers — page 1 sur 1")
        .await;
    prefecture
        .attendre_texte("main table", "conseiller50@iroise-numerique.fr")
        .await;
    prefecture
        .verifier_accessibilite("les 50 conseillers importés")
        .await;
    prefecture.capture("conseillers-importes").await;
    let courriel = serveur.dernier_courriel("conseiller7@iroise-numerique.fr").await;
    assert!(courriel.contains("/mot-de-passe/nouveau?jeton="), "{courriel}");
}

//! What the network adds to a candidature, on SQLite and PostgreSQL: the structure declares its place in
//! the gouvernance of its département and the préfecture's register confirms it or not; the SGAR gives its
//! consultative opinion, which ANCT reads beside the préfecture's avis; a structure invites another to carry
//! its candidature, which reads it, confirms or declines, and ANCT sees the candidature as coordinated.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::parcours::*;
use serde_json::{Value, json};

const LIRE: &str = "query($id: ID!) { candidature(id: $id) { statut coordonnee champsManquants
    gouvernanceLocale { declaree registre confirmee }
    avis { favorable } avisSgar { favorable commentaire }
    coPorteurs { confirmeeLe structure { id nom } } } }";
const AVIS_SGAR: &str = "mutation($id: ID!, $f: Boolean!, $c: String!) {
    donnerAvisSgar(candidatureId: $id, favorable: $f, commentaire: $c) { id } }";
const INVITER: &str = "mutation($id: ID!, $s: String!) { inviterCoPorteur(candidatureId: $id, siret: $s) {
    coPorteurs { confirmeeLe structure { nom } } } }";
const REPONDRE: &str =
    "mutation($id: ID!, $c: Boolean!) { repondreInvitationCoPorteur(candidatureId: $id, confirme: $c) }";
const RETIRER: &str = "mutation($id: ID!, $s: ID!) { retirerCoPorteur(candidatureId: $id, structureId: $s) }";
const INVITATIONS: &str = "{ mesInvitationsDeCoPortage { id structure { nom } } }";
const AJOUTER_MEMBRE: &str = "mutation($m: NouveauMembreEntree!, $c: Boolean!) {
    ajouterMembreDeGouvernance(departementCode: \"29\", membre: $m, coPorteur: $c) { departementCode } }";

const SIRET_IROISE: &str = "90000000000019";
const SIRET_ABER: &str = "13002603200016";

const TABLEAU: &str = "{ tableauDeBord { gouvernances { departementCode candidaturesCoordonnees } } }";

async fn lire(client: &common::Client, id: &str) -> Value {
    client.data(LIRE, json!({ "id": id })).await["candidature"].clone()
}

on_both_engines! {
    async fn the_register_confirms_the_place_the_structure_declares_in_the_gouvernance(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_complet(&structure).await;
        // Declaring is part of the form.
        let mut formulaire = formulaire_complet(&[BREST_METROPOLE]);
        formulaire["gouvernance"] = Value::Null;
        structure.data(FORMULAIRE, json!({ "id": id, "f": formulaire })).await;
        let brouillon = lire(&structure, &id).await;
        assert!(brouillon["champsManquants"].as_array().unwrap().contains(&json!("votre place dans la gouvernance locale")), "{brouillon}");

        structure.data(FORMULAIRE, json!({ "id": id, "f": formulaire_complet(&[BREST_METROPOLE]) })).await;
        let declaree = lire(&structure, &id).await["gouvernanceLocale"].clone();
        assert_eq!(declaree, json!({ "declaree": "MEMBRE", "registre": "NON_MEMBRE", "confirmee": false }));

        // The préfecture registers the structure as a member: the register confirms the declaration.
        let prefecture = app.connecte(PREFECTURE_29).await;
        prefecture.data(AJOUTER_MEMBRE, json!({ "m": { "siret": SIRET_IROISE }, "c": false })).await;
        let confirmee = lire(&structure, &id).await["gouvernanceLocale"].clone();
        assert_eq!(confirmee, json!({ "declaree": "MEMBRE", "registre": "MEMBRE", "confirmee": true }));

        // Declaring more than the register says is not confirmed.
        let mut co_porteur = formulaire_complet(&[BREST_METROPOLE]);
        co_porteur["gouvernance"] = json!("CO_PORTEUR");
        structure.data(FORMULAIRE, json!({ "id": id, "f": co_porteur })).await;
        let trop = lire(&structure, &id).await["gouvernanceLocale"].clone();
        assert_eq!(trop["confirmee"], false);
    }

    async fn the_sgar_gives_its_opinion_which_anct_reads_beside_the_avis(app) {
        let (structure, id) = candidature_deposee(&app).await;
        let sgar = app.connecte(SGAR_53).await;
        // Bad comment: refused, nothing written.
        assert_eq!(sgar.error_code(AVIS_SGAR, json!({ "id": id, "f": true, "c": "court" })).await, "INVALID_COMMENT");
        sgar.data(AVIS_SGAR, json!({ "id": id, "f": false, "c": "Doublon avec le projet du conseil départemental" })).await;
        // A second opinion replaces the first; the statut does not move.
        sgar.data(AVIS_SGAR, json!({ "id": id, "f": true, "c": "Projet complémentaire de celui du département" })).await;
        let anct = app.connecte(ANCT).await;
        let vue = lire(&anct, &id).await;
        assert_eq!(vue["statut"], "DEPOSEE");
        assert_eq!(vue["avisSgar"], json!({ "favorable": true, "commentaire": "Projet complémentaire de celui du département" }));
        assert_eq!(vue["avis"], Value::Null);
        // The structure does not read it.
        assert_eq!(lire(&structure, &id).await["avisSgar"], Value::Null);

        // Only the SGAR gives it.
        for email in [PREFECTURE_29, ANCT] {
            let autre = app.connecte(email).await;
            assert_eq!(autre.error_code(AVIS_SGAR, json!({ "id": id, "f": true, "c": "Un avis qui n’est pas le sien" })).await, "FORBIDDEN", "{email}");
        }
        // Not on a draft (the SGAR does not read drafts), not once decided.
        let aber = StructureBuilder::new().inscrire(&app).await;
        let brouillon = brouillon_complet_sur(&aber, &[BREST_METROPOLE]).await;
        assert_eq!(sgar.error_code(AVIS_SGAR, json!({ "id": brouillon, "f": true, "c": "Un avis trop tôt rendu" })).await, "FORBIDDEN");
        let tiers = StructureBuilder::new().email("tiers@exemple.fr").siret("22901900000012").inscrire(&app).await;
        let CandidatureValidee { id: validee, .. } = CandidatureValidee::sur(&app, tiers, &[BREST_METROPOLE]).await;
        assert_eq!(sgar.error_code(AVIS_SGAR, json!({ "id": validee, "f": true, "c": "Un avis trop tard rendu" })).await, "INVALID_TRANSITION");
    }

    async fn a_structure_invites_another_to_carry_its_candidature_which_confirms(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_complet(&structure).await;
        let aber = StructureBuilder::new().inscrire(&app).await;
        let tiers = StructureBuilder::new().email("tiers@exemple.fr").siret("22901900000012").nom("CCAS de Brest").inscrire(&app).await;

        // Not invited yet: the other structure does not read it.
        assert_eq!(aber.error_code(LIRE, json!({ "id": id })).await, "FORBIDDEN");
        let invitee = structure.data(INVITER, json!({ "id": id, "s": SIRET_ABER })).await;
        assert_eq!(invitee["inviterCoPorteur"]["coPorteurs"], json!([{ "confirmeeLe": null, "structure": { "nom": "Tiers-lieu de l’Aber" } }]));

        // The invited structure is told, sees the invitation and reads the draft, but does not change it.
        let notifications = aber.data("{ mesNotifications { titre lien } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Invitation à porter une candidature commune", "{notifications}");
        assert!(app.dernier_courriel("autre@exemple.fr").await.contains("Association Iroise Numérique"));
        let invitations = aber.data(INVITATIONS, json!({})).await["mesInvitationsDeCoPortage"].clone();
        assert_eq!(invitations, json!([{ "id": id, "structure": { "nom": "Association Iroise Numérique (démo)" } }]));
        assert_eq!(lire(&aber, &id).await["statut"], "BROUILLON");
        assert_eq!(aber.error_code(FORMULAIRE, json!({ "id": id, "f": formulaire_complet(&[BREST_METROPOLE]) })).await, "FORBIDDEN");
        assert_eq!(aber.error_code(DEPOSER, json!({ "id": id })).await, "FORBIDDEN");
        let liste = aber.data("{ candidatures { total elements { id } } }", json!({})).await;
        assert_eq!(liste["candidatures"]["total"], 1, "{liste}");

        // Bad invitations are refused.
        assert_eq!(structure.error_code(INVITER, json!({ "id": id, "s": SIRET_ABER })).await, "CONFLICT");
        assert_eq!(structure.error_code(INVITER, json!({ "id": id, "s": SIRET_IROISE })).await, "INVALID_INPUT");
        assert_eq!(structure.error_code(INVITER, json!({ "id": id, "s": "21290019500018" })).await, "NOT_FOUND");
        assert_eq!(structure.error_code(INVITER, json!({ "id": id, "s": "123" })).await, "INVALID_SIRET");
        assert_eq!(aber.error_code(INVITER, json!({ "id": id, "s": "22901900000012" })).await, "FORBIDDEN");
        assert_eq!(tiers.error_code(REPONDRE, json!({ "id": id, "c": true })).await, "NOT_FOUND");

        // It confirms; the structure is told; ANCT sees a coordinated candidature once filed.
        assert_eq!(aber.data(REPONDRE, json!({ "id": id, "c": true })).await["repondreInvitationCoPorteur"], true);
        assert_eq!(aber.data(INVITATIONS, json!({})).await["mesInvitationsDeCoPortage"], json!([]));
        let notifications = structure.data("{ mesNotifications { titre } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Co-porteur confirmé");
        consulter_tout(&structure, &id).await;
        joindre_pieces_requises(&structure, &id).await;
        structure.data(DEPOSER, json!({ "id": id })).await;
        let vue = lire(&app.connecte(ANCT).await, &id).await;
        assert_eq!(vue["coordonnee"], true);
        assert_eq!(vue["coPorteurs"][0]["structure"]["nom"], "Tiers-lieu de l’Aber");
        // The préfecture's dashboard counts it with its gouvernance.
        let prefecture = app.connecte(PREFECTURE_29).await;
        let tableau = prefecture.data(TABLEAU, json!({})).await;
        assert_eq!(tableau["tableauDeBord"]["gouvernances"], json!([{ "departementCode": "29", "candidaturesCoordonnees": 1 }]));

        // A second invited structure declines: it no longer reads the candidature.
        structure.data(INVITER, json!({ "id": id, "s": "22901900000012" })).await;
        assert_eq!(tiers.data(REPONDRE, json!({ "id": id, "c": false })).await["repondreInvitationCoPorteur"], false);
        assert_eq!(tiers.error_code(LIRE, json!({ "id": id })).await, "FORBIDDEN");

        // The co-porteur withdraws itself; then the candidature is no longer coordinated.
        let aber_id = vue["coPorteurs"][0]["structure"]["id"].clone();
        assert_eq!(tiers.error_code(RETIRER, json!({ "id": id, "s": aber_id })).await, "FORBIDDEN");
        aber.data(RETIRER, json!({ "id": id, "s": aber_id })).await;
        assert_eq!(lire(&structure, &id).await["coordonnee"], false);
        let tableau = prefecture.data(TABLEAU, json!({})).await;
        assert_eq!(tableau["tableauDeBord"]["gouvernances"][0]["candidaturesCoordonnees"], 0);
    }
}

on_both_engines! {
    async fn invitations_to_carry_a_candidature_are_limited_per_person_and_hour(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_complet(&structure).await;
        StructureBuilder::new().inscrire(&app).await;
        let aber_id = {
            let vue = structure.data(INVITER, json!({ "id": id, "s": SIRET_ABER })).await;
            assert_eq!(vue["inviterCoPorteur"]["coPorteurs"].as_array().unwrap().len(), 1);
            lire(&structure, &id).await["coPorteurs"][0]["structure"]["id"].clone()
        };
        // Each invitation emails the invited structure: twenty an hour, withdrawn or not.
        structure.data(RETIRER, json!({ "id": id, "s": aber_id })).await;
        for _ in 1..20 {
            structure.data(INVITER, json!({ "id": id, "s": SIRET_ABER })).await;
            structure.data(RETIRER, json!({ "id": id, "s": aber_id })).await;
        }
        assert_eq!(structure.error_code(INVITER, json!({ "id": id, "s": SIRET_ABER })).await, "RATE_LIMITED");
        assert_eq!(lire(&structure, &id).await["coPorteurs"], json!([]), "nothing was written");
    }
}

const PROPOSER: &str = "mutation($a: ID!, $b: ID!) {
    proposerDeReunirLesCandidatures(candidatureId: $a, autreCandidatureId: $b) { id } }";

on_both_engines! {
    async fn the_prefecture_proposes_to_gather_two_overlapping_candidatures_into_one(app) {
        let (structure, id) = candidature_deposee(&app).await;
        let aber = StructureBuilder::new().inscrire(&app).await;
        let brouillon = brouillon_complet(&aber).await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        // A draft is not the préfecture's to read, nor to gather.
        assert_eq!(prefecture.error_code(PROPOSER, json!({ "a": id, "b": brouillon })).await, "FORBIDDEN");
        consulter_tout(&aber, &brouillon).await;
        joindre_pieces_requises(&aber, &brouillon).await;
        aber.data(DEPOSER, json!({ "id": brouillon })).await;

        prefecture.data(PROPOSER, json!({ "a": id, "b": brouillon })).await;
        // Each structure is told of the other, with the link that prepares the invitation.
        let lues = structure.data("{ mesNotifications { titre message lien } }", json!({})).await;
        let proposition = lues["mesNotifications"].as_array().unwrap().iter()
            .find(|n| n["titre"] == "Proposition de candidature commune").expect("the structure is told").clone();
        assert!(proposition["message"].as_str().unwrap().contains(&format!("Tiers-lieu de l’Aber (SIRET {SIRET_ABER})")), "{proposition}");
        assert_eq!(proposition["lien"], format!("/candidatures/{}?co-porteur={SIRET_ABER}", id.as_str()));
        assert!(app.dernier_courriel("autre@exemple.fr").await.contains(&format!("SIRET {SIRET_IROISE}")));

        // Only the préfecture of the département or ANCT proposes; a candidature with itself is refused.
        assert_eq!(app.connecte(PREFECTURE_35).await.error_code(PROPOSER, json!({ "a": id, "b": brouillon })).await, "FORBIDDEN");
        assert_eq!(structure.error_code(PROPOSER, json!({ "a": id, "b": brouillon })).await, "FORBIDDEN");
        assert_eq!(app.connecte(SGAR_53).await.error_code(PROPOSER, json!({ "a": id, "b": brouillon })).await, "FORBIDDEN");
        assert_eq!(prefecture.error_code(PROPOSER, json!({ "a": id, "b": id })).await, "INVALID_INPUT");
        app.connecte(ANCT).await.data(PROPOSER, json!({ "a": brouillon, "b": id })).await;
    }
}

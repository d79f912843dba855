//! Who may call what is declared on each field of the schema (`@acces(regle: …)`) and enforced by one
//! extension for every field, whatever the path that reaches it. These tests walk the whole schema the
//! server prints: a field that returns a node, a list of nodes or personal data without a readable rule
//! fails them.

use maillage::graphql::regles::Regle;
use maillage_harness::schema::Schema;
use maillage_harness::{self as common, on_both_engines};
use serde_json::json;

/// Field names that always carry a person's data; `nom` too on a type that has a `prenom`.
const PERSONNELS: [&str; 7] = [
    "email",
    "prenom",
    "telephone",
    "experience",
    "diplomes",
    "commentaire",
    "motif",
];

/// Every field of `sdl` that must declare a rule and does not, or declares one that does not read, as
/// `Type.field`.
fn champs_sans_regle(sdl: &str) -> Vec<String> {
    let schema = Schema::lire(sdl);
    let mut manquants = Vec::new();
    for (parent, champs) in schema.objets() {
        let racine = matches!(parent, "Query" | "Mutation");
        let a_un_prenom = champs.iter().any(|champ| champ.nom == "prenom");
        for champ in champs {
            let noeud = schema.est_objet(&champ.rendu);
            let personnel = PERSONNELS.contains(&champ.nom.as_str()) || (champ.nom == "nom" && a_un_prenom);
            if !(racine || noeud || personnel) {
                continue;
            }
            if champ.regle.as_deref().and_then(Regle::lire).is_none() {
                manquants.push(format!("{parent}.{}", champ.nom));
            }
        }
    }
    manquants
}

#[test]
fn every_field_returning_a_node_or_personal_data_declares_who_may_call_it() {
    let manquants = champs_sans_regle(&maillage::graphql::sdl());
    assert!(
        manquants.is_empty(),
        "fields without @acces(regle: …): {}",
        manquants.join(", ")
    );
}

#[test]
fn a_field_whose_rule_is_removed_or_misspelt_is_caught() {
    let sdl = maillage::graphql::sdl();
    let declaration = "@acces(regle: \"PREFECTURE SGAR HUB ANCT\")";
    let ligne = sdl
        .lines()
        .find(|ligne| ligne.trim_start().starts_with("chevauchements:"))
        .expect("Candidature.chevauchements");
    assert!(ligne.contains(declaration), "{ligne}");
    let sans = sdl.replace(ligne, &ligne.replace(declaration, ""));
    assert_eq!(champs_sans_regle(&sans), ["Candidature.chevauchements"]);
    let mal_ecrite = sdl.replace(ligne, &ligne.replace("PREFECTURE SGAR", "PREFECTUR SGAR"));
    assert_eq!(champs_sans_regle(&mal_ecrite), ["Candidature.chevauchements"]);
}

#[test]
fn a_rule_reads_public_connected_or_active_roles_then_tokens_then_unverified_addresses_and_nothing_else() {
    use maillage::graphql::regles::Appelants;
    use maillage_shared::role::Role;
    let regle = |appelants, jetons| {
        Some(Regle {
            appelants,
            jetons,
            avant_verification: false,
        })
    };
    assert_eq!(Regle::lire("public"), regle(Appelants::Public, false));
    assert_eq!(Regle::lire("connecte jeton"), regle(Appelants::Connecte, true));
    assert_eq!(
        Regle::lire("PREFECTURE ANCT"),
        regle(Appelants::Roles(vec![Role::Prefecture, Role::Anct]), false)
    );
    assert_eq!(
        Regle::lire("CANDIDAT avant_verification"),
        Some(Regle {
            appelants: Appelants::Roles(vec![Role::Candidat]),
            jetons: false,
            avant_verification: true,
        })
    );
    assert_eq!(
        Regle::lire("avant_verification jeton"),
        None,
        "modifiers in their order only"
    );
    assert_eq!(Regle::lire(""), None);
    assert_eq!(Regle::lire("jeton"), None);
    assert_eq!(Regle::lire("ANCT admin"), None);
}

on_both_engines! {
    async fn a_refused_top_level_field_is_an_error_and_a_refused_nested_field_is_emptied(app) {
        // Top level: anonymous, then the wrong role.
        let tableau = "{ tableauDeBord { libelle } }";
        assert_eq!(app.error_code(tableau, json!({})).await, "UNAUTHENTICATED");
        let structure = app.connecte(common::parcours::STRUCTURE).await;
        assert_eq!(structure.error_code(tableau, json!({})).await, "FORBIDDEN");

        // Nested: the structure reads its own candidature without the préfecture's avis nor the overlaps; the
        // préfecture reads it without the structure's recruitments.
        let (structure, id) = common::parcours::candidature_validee(&app).await;
        let trouves = structure
            .data(
                "query($c: ID!) { rechercherCandidats(candidatureId: $c, filtre: { proximite: NATIONAL }) { id } }",
                json!({ "c": id }),
            )
            .await;
        let profil = trouves["rechercherCandidats"][0]["id"].clone();
        structure
            .data(
                "mutation($c: ID!, $p: ID!) { contacterCandidat(candidatureId: $c, profilId: $p) { id } }",
                json!({ "c": id, "p": profil }),
            )
            .await;
        let lecture = "query($id: ID!) { candidature(id: $id) { statut avis { favorable } chevauchements { candidatureId } recrutements { id } } }";
        let vue = structure.data(lecture, json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["statut"], "VALIDEE");
        assert_eq!(vue["candidature"]["avis"], serde_json::Value::Null);
        assert_eq!(vue["candidature"]["chevauchements"], json!([]));
        assert_eq!(vue["candidature"]["recrutements"].as_array().unwrap().len(), 1);
        let prefecture = app.connecte(common::parcours::PREFECTURE_29).await;
        let vue = prefecture.data(lecture, json!({ "id": id })).await;
        assert_eq!(vue["candidature"]["avis"]["favorable"], true);
        assert_eq!(vue["candidature"]["recrutements"], json!([]), "recruitments are the structure's and ANCT's");
    }
}

//! Property-based fuzzing of what the server reads from outside: lieux CSV files (bytes of any kind, and
//! well-formed files with arbitrary cells) and the text arguments of public GraphQL queries. Nothing may
//! panic or answer an internal error; a bad CSV line is reported with its line number.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use maillage::lieu::service::lire_csv;
use maillage_shared::lieu::COLONNES;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::json;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    #[test]
    fn csv_reader_never_panics_on_arbitrary_bytes(octets in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = lire_csv(&octets);
    }

    #[test]
    fn csv_lines_with_arbitrary_cells_are_checked_line_by_line(
        lignes in proptest::collection::vec(proptest::collection::vec("\\PC{0,12}", COLONNES.len() + 1), 1..6)
    ) {
        let mut ecrivain = csv::Writer::from_writer(Vec::new());
        let mut entete = vec!["id"];
        entete.extend(COLONNES);
        ecrivain.write_record(&entete).unwrap();
        for ligne in &lignes {
            ecrivain.write_record(ligne).unwrap();
        }
        let octets = ecrivain.into_inner().unwrap();
        if let Ok((lues, refusees)) = lire_csv(&octets) {
            prop_assert_eq!(lues.len() + refusees.len(), lignes.len(), "every line read or reported");
            for (numero, ligne) in &lues {
                prop_assert!((2..=lignes.len() + 1).contains(numero), "line numbers count the header");
                // A blank required column is always reported, by its name.
                let problemes = maillage_shared::lieu::verifier(ligne);
                for colonne in maillage_shared::lieu::COLONNES_REQUISES {
                    if ligne.get(colonne).is_empty() {
                        prop_assert!(
                            problemes.iter().any(|probleme| probleme.contains(&format!("« {colonne} »"))),
                            "{colonne} blank but not reported: {problemes:?}"
                        );
                    }
                }
            }
        }
    }
}

/// Random texts sent as the arguments of public queries: each answer is data or a coded client error.
async fn requetes_arbitraires(app: &common::TestApp, cas: u32) {
    let queries = [
        "query($t: String!) { commune(code: $t) { nom } }",
        "query($t: String!) { departement(code: $t) { nom } }",
        "query($t: String!) { epci(code: $t) { nom } }",
        "query($t: String!) { rechercheTerritoires(texte: $t) { code } }",
        "query($t: String!) { indicateursEpci(departement: $t) { couvert } }",
        "query($t: String!) { pointsLieux(departement: $t) { id } }",
        "query($t: String!) { indicateursDepartements(region: $t) { lieux } }",
        "query($t: String!) { lieux(departement: $t, premiers: 5) { id } }",
    ];
    // A fixed seed, printed with any failure and changed with MAILLAGE_FUZZ_GRAINE: a failure replays.
    let graine: u64 = std::env::var("MAILLAGE_FUZZ_GRAINE")
        .ok()
        .and_then(|texte| texte.parse().ok())
        .unwrap_or(20_261_202);
    let mut octets = [0u8; 32];
    octets[..8].copy_from_slice(&graine.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        proptest::test_runner::Config::default(),
        proptest::test_runner::TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &octets),
    );
    let textes = "\\PC{0,40}";
    for i in 0..cas {
        let texte = textes.new_tree(&mut runner).unwrap().current();
        let query = queries[i as usize % queries.len()];
        let reponse = app.graphql(query, json!({ "t": texte })).await;
        if let Some(erreurs) = reponse.get("errors") {
            let code = erreurs[0]["extensions"]["code"].as_str().unwrap_or("");
            assert!(
                !code.is_empty() && code != "INTERNAL",
                "{query} avec {texte:?} (MAILLAGE_FUZZ_GRAINE={graine}) : {reponse}"
            );
        } else {
            assert!(reponse.get("data").is_some());
        }
    }
}

on_both_engines! {
    async fn public_query_arguments_never_cause_an_internal_error(app) {
        requetes_arbitraires(&app, 400).await;
    }
}

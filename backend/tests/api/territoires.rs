//! The territorial referential through the public GraphQL API, checked against the npm package it comes
//! from, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::on_both_engines;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

/// The source package, as installed by `npm ci` (the README's test command does it).
fn package(name: &str) -> Vec<Value> {
    let path = format!(
        "{}/../node_modules/@etalab/decoupage-administratif/data/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{path} absent : lancez `npm ci` à la racine du dépôt"));
    serde_json::from_str(&text).unwrap()
}

fn current_communes() -> Vec<Value> {
    package("communes")
        .into_iter()
        .filter(|c| c["type"] == "commune-actuelle")
        .collect()
}

/// (population, communes) per key, summed from the package's current communes.
fn totals_by(key: impl Fn(&Value) -> Option<String>) -> BTreeMap<String, (i64, i64)> {
    let mut totals = BTreeMap::new();
    for commune in current_communes() {
        if let Some(k) = key(&commune) {
            let entry: &mut (i64, i64) = totals.entry(k).or_default();
            entry.0 += commune["population"].as_i64().unwrap_or(0);
            entry.1 += 1;
        }
    }
    totals
}

fn epci_of_commune() -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for epci in package("epci") {
        for membre in epci["membres"].as_array().unwrap() {
            map.insert(
                membre["code"].as_str().unwrap().to_owned(),
                epci["code"].as_str().unwrap().to_owned(),
            );
        }
    }
    map
}

on_both_engines! {
    async fn departements_lists_the_101_of_the_programme_with_package_populations(app) {
        let data = app
            .data("{ departements { code nom zone population nombreCommunes dansLeProgramme } }", json!({}))
            .await;
        let departements = data["departements"].as_array().unwrap();
        assert_eq!(departements.len(), 101);
        let codes: BTreeSet<&str> = departements.iter().map(|d| d["code"].as_str().unwrap()).collect();
        for overseas in ["971", "972", "973", "974", "976"] {
            assert!(codes.contains(overseas), "{overseas} missing");
        }
        assert!(!codes.contains("975"), "Saint-Pierre-et-Miquelon is a COM, not a département of the programme");
        assert!(departements.iter().all(|d| d["dansLeProgramme"] == true));

        let expected = totals_by(|c| c["departement"].as_str().map(str::to_owned));
        for departement in departements {
            let code = departement["code"].as_str().unwrap();
            let (population, communes) = expected[code];
            assert_eq!(departement["population"], population, "population of {code}");
            assert_eq!(departement["nombreCommunes"], communes, "communes of {code}");
        }
    }

    async fn overseas_collectivites_are_kept_and_marked_when_asked(app) {
        let data = app
            .data(
                "{ departements(inclureCollectivitesOutreMer: true) { code zone dansLeProgramme } }",
                json!({}),
            )
            .await;
        let departements = data["departements"].as_array().unwrap();
        assert_eq!(departements.len(), package("departements").len());
        let spm = departements.iter().find(|d| d["code"] == "975").unwrap();
        assert_eq!(spm["zone"], "COM");
        assert_eq!(spm["dansLeProgramme"], false);
    }

    async fn regions_have_the_package_populations_and_their_departements(app) {
        let data = app
            .data("{ regions { code nom population nombreCommunes departements { code } } }", json!({}))
            .await;
        let regions = data["regions"].as_array().unwrap();
        assert_eq!(regions.len(), 18, "13 metropolitan + 5 overseas régions");
        let expected = totals_by(|c| c["region"].as_str().map(str::to_owned));
        for region in regions {
            let code = region["code"].as_str().unwrap();
            assert_eq!(region["population"], expected[code].0, "population of région {code}");
            assert_eq!(region["nombreCommunes"], expected[code].1, "communes of région {code}");
        }
        let bretagne = regions.iter().find(|r| r["code"] == "53").unwrap();
        let codes: Vec<&str> =
            bretagne["departements"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["22", "29", "35", "56"]);
    }

    async fn every_epci_has_the_package_members_and_population_in_each_of_its_departements(app) {
        let epci_of = epci_of_commune();
        let by_epci = totals_by(|c| epci_of.get(c["code"].as_str().unwrap()).cloned());
        let mut departements_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for commune in current_communes() {
            if let Some(epci) = epci_of.get(commune["code"].as_str().unwrap()) {
                departements_of
                    .entry(commune["departement"].as_str().unwrap().to_owned())
                    .or_default()
                    .insert(epci.clone());
            }
        }
        let mut seen = BTreeSet::new();
        for (departement, expected_epcis) in &departements_of {
            let data = app
                .data(
                    "query($code: String!) { departement(code: $code) { nombreEpcis epcis { code population nombreCommunes } } }",
                    json!({ "code": departement }),
                )
                .await;
            let epcis = data["departement"]["epcis"].as_array().unwrap();
            let codes: BTreeSet<String> = epcis.iter().map(|e| e["code"].as_str().unwrap().to_owned()).collect();
            assert_eq!(&codes, expected_epcis, "EPCI of {departement}");
            assert_eq!(data["departement"]["nombreEpcis"], expected_epcis.len());
            for epci in epcis {
                let code = epci["code"].as_str().unwrap();
                assert_eq!(epci["population"], by_epci[code].0, "population of EPCI {code}");
                assert_eq!(epci["nombreCommunes"], by_epci[code].1, "communes of EPCI {code}");
                seen.insert(code.to_owned());
            }
        }
        assert_eq!(seen.len(), package("epci").len(), "every EPCI of the package is reachable");
    }

    async fn an_epci_spanning_two_departements_is_listed_in_each(app) {
        let epci_of = epci_of_commune();
        let mut departements_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for commune in current_communes() {
            if let Some(epci) = epci_of.get(commune["code"].as_str().unwrap()) {
                departements_of.entry(epci.clone()).or_default().insert(commune["departement"].as_str().unwrap().to_owned());
            }
        }
        let (epci, departements) = departements_of.iter().find(|(_, d)| d.len() > 1).expect("a cross-border EPCI");
        let data = app
            .data("query($code: String!) { epci(code: $code) { departements { code } } }", json!({ "code": epci }))
            .await;
        let listed: BTreeSet<String> = data["epci"]["departements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(&listed, departements);
        for departement in departements {
            let data = app
                .data("query($code: String!) { departement(code: $code) { epcis { code } } }", json!({ "code": departement }))
                .await;
            assert!(
                data["departement"]["epcis"].as_array().unwrap().iter().any(|e| e["code"] == epci.as_str()),
                "{epci} listed in {departement}"
            );
        }
    }

    async fn brest_has_its_postal_code_epci_departement_and_region(app) {
        let data = app
            .data(
                r#"{ commune(code: "29019") { nom population codesPostaux siren
                     epci { code nom nature libelleNature communes { code } }
                     departement { code nom region { code nom } } region { code } } }"#,
                json!({}),
            )
            .await;
        let brest = &data["commune"];
        let package_brest = current_communes().into_iter().find(|c| c["code"] == "29019").unwrap();
        assert_eq!(brest["nom"], "Brest");
        assert_eq!(brest["population"], package_brest["population"]);
        assert_eq!(brest["codesPostaux"], json!(["29200"]));
        assert_eq!(brest["epci"]["nom"], "Brest Métropole");
        assert_eq!(brest["epci"]["nature"], "METROPOLE");
        assert_eq!(brest["epci"]["libelleNature"], "Métropole");
        assert!(brest["epci"]["communes"].as_array().unwrap().iter().any(|c| c["code"] == "29019"));
        assert_eq!(brest["departement"]["nom"], "Finistère");
        assert_eq!(brest["departement"]["region"]["nom"], "Bretagne");
        assert_eq!(brest["region"]["code"], "53");
    }

    async fn unknown_codes_answer_null(app) {
        let data = app
            .data(
                r#"{ region(code: "99") { nom } departement(code: "20") { nom } epci(code: "999999999") { nom }
                     commune(code: "29999") { nom } }"#,
                json!({}),
            )
            .await;
        assert_eq!(data, json!({ "region": null, "departement": null, "epci": null, "commune": null }));
    }

    async fn malformed_codes_are_refused_with_invalid_territory_code(app) {
        for query in [
            r#"{ region(code: "x") { nom } }"#,
            r#"{ departement(code: "2C") { nom } }"#,
            r#"{ epci(code: "12345") { nom } }"#,
            r#"{ commune(code: "brest") { nom } }"#,
        ] {
            let answer = app.graphql(query, json!({})).await;
            assert_eq!(answer["errors"][0]["extensions"]["code"], "INVALID_TERRITORY_CODE", "{query}: {answer}");
            assert!(answer["errors"][0]["message"].as_str().unwrap().contains("n’est pas"), "{answer}");
        }
    }

    async fn lowercase_corsican_code_finds_the_departement(app) {
        let data = app.data(r#"{ departement(code: "2a") { code nom } }"#, json!({})).await;
        assert_eq!(data["departement"], json!({ "code": "2A", "nom": "Corse-du-Sud" }));
    }

    async fn search_finds_brest_first_by_name_without_accents_or_case(app) {
        let query = "query($t: String!) { rechercheTerritoires(texte: $t, premiers: 5) { nature code nom contexte } }";
        let data = app.data(query, json!({ "t": "brest" })).await;
        let results = data["rechercheTerritoires"].as_array().unwrap();
        assert_eq!(results[0]["code"], "29019");
        assert_eq!(results[0]["nature"], "COMMUNE");
        assert_eq!(results[0]["contexte"], "Finistère (29)");
        assert!(results.iter().any(|r| r["nom"] == "Brest Métropole" && r["nature"] == "EPCI"), "{results:?}");

        let data = app.data(query, json!({ "t": "finistere" })).await;
        assert_eq!(data["rechercheTerritoires"][0]["code"], "29");
        assert_eq!(data["rechercheTerritoires"][0]["nature"], "DEPARTEMENT");

        let data = app.data(query, json!({ "t": "Saint-Étienne" })).await;
        assert_eq!(data["rechercheTerritoires"][0]["nom"], "Saint-Étienne");
    }

    async fn search_finds_communes_by_postal_code_and_insee_code_and_epci_by_siren(app) {
        let query = "query($t: String!) { rechercheTerritoires(texte: $t, premiers: 50) { nature code nom contexte } }";
        let data = app.data(query, json!({ "t": "29200" })).await;
        let results = data["rechercheTerritoires"].as_array().unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!(results[0]["nom"], "Brest");
        assert_eq!(results[0]["contexte"], "29200 · Finistère (29)");

        let data = app.data(query, json!({ "t": "29019" })).await;
        assert_eq!(data["rechercheTerritoires"][0]["nom"], "Brest");

        let data = app.data(query, json!({ "t": "242900314" })).await;
        assert_eq!(data["rechercheTerritoires"][0]["nom"], "Brest Métropole");

        // Five digits shared by several communes as postal code (and one as INSEE code) list them all.
        let expected = current_communes()
            .iter()
            .filter(|c| {
                c["code"] == "29290"
                    || c["codesPostaux"].as_array().is_some_and(|codes| codes.iter().any(|code| code == "29290"))
            })
            .count();
        let data = app.data(query, json!({ "t": "29290" })).await;
        assert!(expected > 1);
        assert_eq!(data["rechercheTerritoires"].as_array().unwrap().len(), expected);
    }

    async fn search_refuses_a_page_size_out_of_range(app) {
        for premiers in [0, 51] {
            let code = app
                .error_code(
                    "query($p: Int!) { rechercheTerritoires(texte: \"Brest\", premiers: $p) { code } }",
                    json!({ "p": premiers }),
                )
                .await;
            assert_eq!(code, "INVALID_INPUT");
        }
    }

    async fn a_too_complex_query_is_refused_before_running(app) {
        let answer = app
            .graphql("{ departements { epcis { communes { codesPostaux epci { nom } } } } }", json!({}))
            .await;
        assert_eq!(answer["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED", "{answer}");
        assert!(answer.get("data").is_none_or(Value::is_null));
    }

    async fn a_too_deep_query_is_refused(app) {
        let answer = app
            .graphql(
                r#"{ commune(code: "29019") { epci { communes { epci { communes { epci { communes { epci { communes { epci { communes { nom } } } } } } } } } } } }"#,
                json!({}),
            )
            .await;
        assert_eq!(answer["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED", "{answer}");
    }

    async fn a_malformed_query_gets_invalid_query(app) {
        let code = app.error_code("{ departements { inexistant } }", json!({})).await;
        assert_eq!(code, "INVALID_QUERY");
        let code = app.error_code("{ departements ", json!({})).await;
        assert_eq!(code, "INVALID_QUERY");
    }

    async fn importing_the_referential_again_changes_nothing(app) {
        let before = app.data("{ departements { code population nombreCommunes nombreEpcis } }", json!({})).await;
        let referentiel = maillage::territoire::referentiel::Referentiel::embarque().unwrap();
        let bilan = maillage::territoire::referentiel::importer(&app.db, &referentiel, |_, _, _| {}).await.unwrap();
        assert_eq!(bilan.communes, 34_969);
        assert_eq!(bilan.epcis, 1_255);
        let after = app.data("{ departements { code population nombreCommunes nombreEpcis } }", json!({})).await;
        assert_eq!(before, after);
    }
}

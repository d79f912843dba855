//! Coverage indicators, the département view and the agents' dashboards, on SQLite and PostgreSQL, against
//! figures computed by hand on a small fixture in the Finistère (29):
//! - the demo structure's candidature on Brest Métropole, validated, with Yann (conseiller in Brest) made
//!   its coordinator;
//! - a second structure's candidature on Brest Métropole, filed (an overlap);
//! - Yann's running contract plus a conseiller in Quimper whose contract has ended (not counted);
//! - the two lieux of the standard's fixture, in Brest and Quimper.
//!
//! Populations come from the referential (`backend/data/territoires.json`): Finistère 933 455, Brest
//! Métropole 215 278 in 8 communes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use chrono::{NaiveDate, Utc};
use common::parcours::*;
use common::{Client, TestApp};
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};
use serde_json::{Value, json};

const POPULATION_29: i64 = 933_455;
const POPULATION_BREST_METROPOLE: i64 = 215_278;
const QUIMPER_BRETAGNE_OCCIDENTALE: &str = "200068120";

/// The fixture above; returns the validated candidature's id and Yann logged in as coordinator.
async fn finistere(app: &TestApp) -> (String, Client) {
    let (coordinateur, id) = coordinateur_de_brest(app).await;

    let autre = StructureBuilder::new().inscrire(app).await;
    CandidatureDeposee::sur(autre, &[BREST_METROPOLE]).await;

    let ancien = maillage::compte::service::creer_utilisateur(
        &app.db,
        "ancien@exemple.fr",
        "mot de passe long",
        "Ancien",
        "Conseiller",
    )
    .await
    .unwrap();
    let structure_id: i64 = {
        use sea_orm::EntityTrait;
        maillage::poste::entity::conseiller::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .structure_id
    };
    maillage::poste::entity::conseiller::ActiveModel {
        id: NotSet,
        utilisateur_id: Set(ancien.id),
        structure_id: Set(structure_id),
        commune_code: Set("29232".to_owned()),
        contrat_debut: Set(NaiveDate::from_ymd_opt(2021, 1, 1)),
        contrat_fin: Set(NaiveDate::from_ymd_opt(2023, 1, 1)),
        fin_financement_initial: Set(None),
        cree_le: Set(Utc::now()),
        type_contrat: Set(None),
        importe_le: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();

    let txn = maillage::database::ecriture(&app.db).await.unwrap();
    let bilan = maillage::lieu::service::importer(
        &txn,
        include_str!("fixtures/lieux.csv").as_bytes(),
        true,
        |_, _| {},
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    assert_eq!(bilan.importes, 2);
    (id, coordinateur)
}

const NATIONAL: &str = "{ indicateursDepartements { departement { code } population coordinateurs conseillers
    lieux candidatures candidaturesParStatut { statut nombre } populationCouverte partPopulationCouverte
    conseillersPourDixMille lieuxPourDixMille } }";

fn entree<'a>(data: &'a Value, code: &str) -> &'a Value {
    data["indicateursDepartements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["departement"]["code"] == code)
        .unwrap_or_else(|| panic!("département {code} absent"))
}

const EPCI: &str =
    "query($d: String!) { indicateursEpci(departement: $d) { epci { code nom } population communes
    lieux conseillers nombreCandidatures nombreCoordinateurs couvert chevauchement
    candidatures { id statut } coordinateurs { prenom nom structure epcis } } }";

fn epci<'a>(data: &'a Value, code: &str) -> &'a Value {
    data["indicateursEpci"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["epci"]["code"] == code)
        .unwrap_or_else(|| panic!("EPCI {code} absent"))
}

const TABLEAU: &str = "query($r: String, $d: String) { tableauDeBord(region: $r, departement: $d) { libelle
    total { candidatures coordinateurs conseillers lieux populationCouverte }
    parDepartement { departement { code } } candidaturesParCas { cas nombre }
    avisAttendus decisionsEnRetard recrutementsEnRetard budgetEngage budgetVerse } }";

on_both_engines! {
    async fn departement_indicators_match_the_figures_computed_by_hand(app) {
        finistere(&app).await;
        let data = app.data(NATIONAL, json!({})).await;
        assert_eq!(data["indicateursDepartements"].as_array().unwrap().len(), 101, "the programme's 101 départements");
        let finistere = entree(&data, "29");
        assert_eq!(finistere["population"], POPULATION_29);
        assert_eq!(finistere["coordinateurs"], 1);
        assert_eq!(finistere["conseillers"], 1, "the conseiller whose contract ended is not counted");
        assert_eq!(finistere["lieux"], 2);
        assert_eq!(finistere["candidatures"], 2);
        assert_eq!(
            finistere["candidaturesParStatut"],
            json!([{ "statut": "DEPOSEE", "nombre": 1 }, { "statut": "VALIDEE", "nombre": 1 }])
        );
        assert_eq!(finistere["populationCouverte"], POPULATION_BREST_METROPOLE);
        let part = finistere["partPopulationCouverte"].as_f64().unwrap();
        assert!((part - 215_278.0 / 933_455.0).abs() < 1e-9, "{part}");
        let ratio = finistere["conseillersPourDixMille"].as_f64().unwrap();
        assert!((ratio - 10_000.0 / 933_455.0).abs() < 1e-9, "{ratio}");
        let ille_et_vilaine = entree(&data, "35");
        assert_eq!(
            [&ille_et_vilaine["coordinateurs"], &ille_et_vilaine["lieux"], &ille_et_vilaine["candidatures"], &ille_et_vilaine["populationCouverte"]],
            [0, 0, 0, 0]
        );
        let bretagne = app.data("{ indicateursDepartements(region: \"53\") { departement { code } } }", json!({})).await;
        let codes: Vec<&str> = bretagne["indicateursDepartements"].as_array().unwrap().iter()
            .map(|d| d["departement"]["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["22", "29", "35", "56"]);
    }

    async fn departement_view_shows_epci_figures_and_overlaps(app) {
        finistere(&app).await;
        let data = app.data(EPCI, json!({ "d": "29" })).await;
        assert_eq!(data["indicateursEpci"].as_array().unwrap().len(), 21, "every EPCI with a commune in the 29 (Ouessant and Sein belong to none)");
        let brest = epci(&data, BREST_METROPOLE);
        assert_eq!(brest["population"], POPULATION_BREST_METROPOLE);
        assert_eq!(brest["communes"], 8);
        assert_eq!(brest["lieux"], 1);
        assert_eq!(brest["conseillers"], 1);
        assert_eq!(brest["nombreCandidatures"], 2);
        assert_eq!(brest["nombreCoordinateurs"], 1);
        assert_eq!(brest["couvert"], true);
        assert_eq!(brest["chevauchement"], true, "two candidatures on Brest Métropole");
        assert_eq!(brest["candidatures"], json!([]), "anonymous callers get counts, not candidatures");
        assert_eq!(brest["coordinateurs"][0]["prenom"], "Yann");
        assert_eq!(brest["coordinateurs"][0]["epcis"], json!([BREST_METROPOLE]));
        let quimper = epci(&data, QUIMPER_BRETAGNE_OCCIDENTALE);
        assert_eq!([&quimper["lieux"], &quimper["conseillers"], &quimper["nombreCandidatures"]], [1, 0, 0]);
        assert_eq!([&quimper["couvert"], &quimper["chevauchement"]], [false, false]);

        let prefecture = app.connecte(PREFECTURE_29).await.data(EPCI, json!({ "d": "29" })).await;
        assert_eq!(epci(&prefecture, BREST_METROPOLE)["candidatures"].as_array().unwrap().len(), 2);
        let voisine = app.connecte(PREFECTURE_35).await.data(EPCI, json!({ "d": "29" })).await;
        assert_eq!(epci(&voisine, BREST_METROPOLE)["candidatures"], json!([]), "another département's préfecture");

        let points = app.data("{ pointsLieux(departement: \"29\") { id latitude longitude communeCode epciCode } }", json!({})).await;
        let brest_lieu = points["pointsLieux"].as_array().unwrap().iter().find(|p| p["id"] == "demo-lieu-brest-1").unwrap();
        assert_eq!(brest_lieu["latitude"], 48.3853);
        assert_eq!(brest_lieu["communeCode"], "29019");
        assert_eq!(brest_lieu["epciCode"], BREST_METROPOLE);
    }

    async fn a_coordinator_can_hide_from_the_public_map(app) {
        let (_, yann) = finistere(&app).await;
        let carte = "{ coordinateursCarte(departement: \"29\") { prenom nom structure epcis } }";
        let avant = app.data(carte, json!({})).await;
        assert_eq!(avant["coordinateursCarte"].as_array().unwrap().len(), 1);
        assert_eq!(avant["coordinateursCarte"][0]["prenom"], "Yann");
        let cacher = "mutation { afficherSurLaCarte(visible: false) }";
        assert_eq!(app.connecte(PREFECTURE_29).await.error_code(cacher, json!({})).await, "FORBIDDEN");
        assert_eq!(yann.data("{ visibleSurLaCarte }", json!({})).await["visibleSurLaCarte"], true);
        assert_eq!(yann.data(cacher, json!({})).await["afficherSurLaCarte"], false);
        assert_eq!(yann.data("{ visibleSurLaCarte }", json!({})).await["visibleSurLaCarte"], false);
        assert_eq!(app.data(carte, json!({})).await["coordinateursCarte"], json!([]));
        let vue = app.data(EPCI, json!({ "d": "29" })).await;
        let brest = epci(&vue, BREST_METROPOLE);
        assert_eq!(brest["coordinateurs"], json!([]), "hidden from the EPCI view too");
        assert_eq!(brest["nombreCoordinateurs"], 1, "still counted: a count is not personal data");
    }

    async fn dashboards_are_scoped_to_the_agents_territory(app) {
        let (id, _) = finistere(&app).await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let tableau = prefecture.data(TABLEAU, json!({})).await["tableauDeBord"].clone();
        assert_eq!(tableau["libelle"], "Finistère");
        assert_eq!(tableau["parDepartement"], json!([{ "departement": { "code": "29" } }]));
        assert_eq!(tableau["total"]["candidatures"], 2);
        assert_eq!(tableau["total"]["coordinateurs"], 1);
        assert_eq!(tableau["total"]["populationCouverte"], POPULATION_BREST_METROPOLE);
        assert_eq!(tableau["candidaturesParCas"], json!([{ "cas": "B1", "nombre": 2 }]));
        assert_eq!(tableau["avisAttendus"], 1);
        assert_eq!([&tableau["decisionsEnRetard"], &tableau["recrutementsEnRetard"]], [0, 0]);
        let montant = app.connecte(ANCT).await
            .data("query($id: ID!) { candidature(id: $id) { montantSubventionEuros } }", json!({ "id": id }))
            .await["candidature"]["montantSubventionEuros"].clone();
        assert_eq!(tableau["budgetEngage"], montant);
        assert_eq!(tableau["budgetVerse"], 0);

        let convention = maillage::poste::entity::convention::ActiveModel {
            id: NotSet,
            candidature_id: Set(id.parse().unwrap()),
            r#type: Set("CONVENTION".to_owned()),
            montant: Set(12_345),
            demandee_le: Set(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()),
            signee_le: Set(NaiveDate::from_ymd_opt(2026, 1, 3)),
            debut_financement: Set(None),
            fin_financement: Set(None),
        }
        .insert(&app.db)
        .await
        .unwrap();
        // Its one instalment paid, and one of another amount still scheduled, which is not counted.
        for (montant, statut) in [(12_345, "PAYE"), (999, "PREVU")] {
            maillage::poste::entity::versement::ActiveModel {
                id: NotSet,
                convention_id: Set(convention.id),
                financement: Set("PREMIER".to_owned()),
                rang: Set(1),
                montant: Set(montant),
                prevu_le: Set(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()),
                statut: Set(statut.to_owned()),
                paye_le: Set((statut == "PAYE").then(|| NaiveDate::from_ymd_opt(2026, 2, 1).unwrap())),
                motif: Set(None),
                modifie_le: Set(chrono::Utc::now()),
            }
            .insert(&app.db)
            .await
            .unwrap();
        }
        assert_eq!(prefecture.data(TABLEAU, json!({})).await["tableauDeBord"]["budgetVerse"], 12_345);

        assert_eq!(prefecture.error_code(TABLEAU, json!({ "d": "35" })).await, "FORBIDDEN");
        assert_eq!(prefecture.error_code(TABLEAU, json!({ "r": "53" })).await, "FORBIDDEN");
        let sgar = app.connecte(SGAR_53).await;
        let region = sgar.data(TABLEAU, json!({})).await["tableauDeBord"].clone();
        assert_eq!(region["libelle"], "Bretagne");
        assert_eq!(region["parDepartement"].as_array().unwrap().len(), 4);
        assert_eq!(region["total"]["candidatures"], 2);
        assert_eq!(sgar.data(TABLEAU, json!({ "d": "29" })).await["tableauDeBord"]["libelle"], "Finistère");
        assert_eq!(sgar.error_code(TABLEAU, json!({ "d": "75" })).await, "FORBIDDEN");
        assert_eq!(sgar.error_code(TABLEAU, json!({ "r": "11" })).await, "FORBIDDEN");
        let national = app.connecte(ANCT).await.data(TABLEAU, json!({})).await["tableauDeBord"].clone();
        assert_eq!(national["libelle"], "France entière");
        assert_eq!(national["parDepartement"].as_array().unwrap().len(), 101);
        assert_eq!(app.error_code(TABLEAU, json!({})).await, "UNAUTHENTICATED");
        assert_eq!(app.connecte(STRUCTURE).await.error_code(TABLEAU, json!({})).await, "FORBIDDEN");
    }

    async fn indicator_queries_refuse_malformed_territory_codes(app) {
        assert_eq!(app.error_code("{ indicateursEpci(departement: \"2C\") { couvert } }", json!({})).await, "INVALID_TERRITORY_CODE");
        assert_eq!(app.error_code("{ indicateursDepartements(region: \"abc\") { lieux } }", json!({})).await, "INVALID_TERRITORY_CODE");
        assert_eq!(app.error_code("{ pointsLieux(departement: \"\") { id } }", json!({})).await, "INVALID_TERRITORY_CODE");
    }
}

/// Downloads a file: status, `x-error-code` and body.
async fn telecharger(client: &Client, chemin: &str) -> (u16, String, Vec<u8>) {
    let reponse = client
        .http
        .get(format!("{}{chemin}", client.address))
        .send()
        .await
        .unwrap();
    let statut = reponse.status().as_u16();
    let code = reponse
        .headers()
        .get("x-error-code")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (statut, code, reponse.bytes().await.unwrap().to_vec())
}

/// The rows of the first sheet of an .xlsx, as text.
fn feuille(octets: Vec<u8>) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut classeur: Xlsx<_> = Xlsx::new(std::io::Cursor::new(octets)).unwrap();
    let plage = classeur.worksheet_range_at(0).unwrap().unwrap();
    plage
        .rows()
        .map(|ligne| ligne.iter().map(|c| c.to_string()).collect())
        .collect()
}

on_both_engines! {
    async fn indicator_tables_download_as_csv_and_xlsx_with_french_headers(app) {
        finistere(&app).await;
        let anonyme = app.navigateur();
        let (statut, _, csv) = telecharger(&anonyme, "/exports/indicateurs-departements.csv?region=53").await;
        assert_eq!(statut, 200);
        let texte = String::from_utf8(csv).unwrap();
        let mut lignes = texte.strip_prefix('\u{feff}').expect("a byte-order mark for spreadsheets").lines();
        assert_eq!(
            lignes.next().unwrap(),
            "Code;Département;Population;Coordinateurs en poste;Conseillers numériques;Conseillers pour 10 000 habitants;\
             Lieux de médiation numérique;Lieux pour 10 000 habitants;Candidatures déposées;Population couverte;\
             Part de la population couverte"
        );
        let lignes: Vec<&str> = lignes.collect();
        assert_eq!(lignes.len(), 4, "the région's départements, as filtered on screen");
        assert_eq!(lignes[1], "29;Finistère;933455;1;1;0,0107;2;0,0214;2;215278;0,2306");

        let (statut, _, xlsx) = telecharger(&anonyme, "/exports/indicateurs-epci.xlsx?departement=29").await;
        assert_eq!(statut, 200);
        let rangs = feuille(xlsx);
        assert_eq!(rangs[0][..3], ["SIREN", "EPCI", "Population dans le département"]);
        let brest = rangs.iter().find(|r| r[0] == BREST_METROPOLE).unwrap();
        assert_eq!(brest[2..], ["215278", "8", "1", "1", "2", "1", "oui"]);
        assert_eq!(rangs.len(), 22, "header and the 21 EPCI");
    }

    async fn candidature_exports_follow_the_callers_rights_and_filters(app) {
        let (_, yann) = finistere(&app).await;
        let (statut, code, _) = telecharger(&app.navigateur(), "/exports/candidatures.csv").await;
        assert_eq!((statut, code.as_str()), (401, "UNAUTHENTICATED"));

        let prefecture = app.connecte(PREFECTURE_29).await;
        let (statut, _, csv) = telecharger(&prefecture, "/exports/candidatures.csv").await;
        assert_eq!(statut, 200);
        assert_eq!(String::from_utf8(csv).unwrap().lines().count(), 3, "header and two candidatures");
        let (_, _, xlsx) = telecharger(&prefecture, "/exports/candidatures.xlsx?statut=DEPOSEE").await;
        let rangs = feuille(xlsx);
        assert_eq!(rangs.len(), 2);
        assert_eq!(rangs[1][1], "Tiers-lieu de l’Aber");
        assert_eq!(rangs[1][5], "Déposée, en attente de l’avis de la préfecture");

        let voisine = app.connecte(PREFECTURE_35).await;
        let (_, _, csv) = telecharger(&voisine, "/exports/candidatures.csv").await;
        assert_eq!(String::from_utf8(csv).unwrap().lines().count(), 1, "another département's préfecture gets none");

        let (statut, code, _) = telecharger(&prefecture, "/exports/candidatures.csv?statut=PERDUE").await;
        assert_eq!((statut, code.as_str()), (400, "INVALID_INPUT"));
        let (statut, code, _) = telecharger(&prefecture, "/exports/candidatures.pdf").await;
        assert_eq!((statut, code.as_str()), (404, "NOT_FOUND"));
        let (statut, code, _) = telecharger(&prefecture, "/exports/equipe.csv").await;
        assert_eq!((statut, code.as_str()), (403, "FORBIDDEN"));

        let (statut, _, xlsx) = telecharger(&yann, "/exports/equipe.xlsx").await;
        assert_eq!(statut, 200);
        let rangs = feuille(xlsx);
        assert_eq!(rangs[0][..5], ["Prénom", "Nom", "Membre", "Structure", "Commune"]);
        assert!(
            rangs.iter().any(|r| r[0] == "Yann" && r[2] == "Conseiller numérique" && r[3] == "Association Iroise Numérique (démo)" && r[4] == "Brest"),
            "{rangs:?}"
        );
    }
}

on_both_engines! {
    async fn demo_lieux_are_imported_once_and_drawn_inside_their_departement(app) {
        assert_eq!(maillage::demo::semer_lieux(&app.db).await.unwrap(), 13);
        assert_eq!(maillage::demo::semer_lieux(&app.db).await.unwrap(), 0, "run again, it changes nothing");
        let formes = maillage_shared::carte::Formes::depuis_json(maillage::demo::FORMES).unwrap();
        for departement in ["22", "29", "35", "56"] {
            let points = app
                .data("query($d: String!) { pointsLieux(departement: $d) { nom latitude longitude } }", json!({ "d": departement }))
                .await;
            for point in points["pointsLieux"].as_array().unwrap() {
                let (lat, lon) = (point["latitude"].as_f64().unwrap(), point["longitude"].as_f64().unwrap());
                let (cadre, forme) = formes.cadre_du_departement(departement).unwrap();
                let (x, y) = cadre.projection_de(forme).projeter(lat, lon);
                assert!(forme.contient(x, y), "{} hors de son département sur la carte", point["nom"]);
            }
        }
    }
}

on_both_engines! {
    // The rollup itself, read as it is (the day passing is simulated in the database, which the ready
    // answers of anonymous reads, keyed by the real day, would not see).
    async fn the_departement_rollup_equals_a_recount_and_expires_with_the_day(app) with |settings| {
        settings.application.reponses_pretes = false;
    } {
        use maillage::indicateur::{cumul, service::compter_par_departement};
        use maillage::territoire::etendue::Etendue;
        // Filing, avis, validation, a coordinator installed and lieux imported: each dropped the rollup, which
        // the next read counted again.
        finistere(&app).await;
        let aujourd_hui = maillage_shared::jour::jour_en_metropole(Utc::now());
        assert_eq!(
            cumul::par_departement(&app.db, &Etendue::Nationale, aujourd_hui).await.unwrap(),
            compter_par_departement(&app.db, &Etendue::Nationale, aujourd_hui).await.unwrap(),
        );
        assert_eq!(entree(&app.data(NATIONAL, json!({})).await, "29")["conseillers"], 1);

        // Yann's contract ends: no write touches the rollup, but a day later its figures are counted again.
        use sea_orm::ConnectionTrait;
        let hier = aujourd_hui - chrono::Days::new(1);
        app.db.execute_unprepared(&format!("UPDATE conseiller SET contrat_fin = '{}' WHERE commune_code = '29019'", hier - chrono::Days::new(1))).await.unwrap();
        assert_eq!(entree(&app.data(NATIONAL, json!({})).await, "29")["conseillers"], 1, "figures of the day are kept");
        app.db.execute_unprepared(&format!("UPDATE cumul_departement SET calcule_le = '{hier}'")).await.unwrap();
        assert_eq!(entree(&app.data(NATIONAL, json!({})).await, "29")["conseillers"], 0, "yesterday's figures are counted again");
        assert_eq!(
            cumul::par_departement(&app.db, &Etendue::Region("53".to_owned()), aujourd_hui).await.unwrap(),
            compter_par_departement(&app.db, &Etendue::Region("53".to_owned()), aujourd_hui).await.unwrap(),
        );
    }
}

//! Lieux de médiation numérique in the national standard's flat CSV, on SQLite and PostgreSQL: a file of
//! the standard round-trips without loss, bad lines are reported with their number and reason, and files
//! sent from the browser are imported by ANCT anywhere and by a coordinator in its perimeter.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use std::collections::BTreeMap;

use maillage::lieu::service::{exporter, importer};
use maillage_shared::lieu::COLONNES;
use serde_json::json;

const FIXTURE: &str = include_str!("fixtures/lieux.csv");

/// A CSV as `id → (column → value)`, empty values dropped, so files with fewer columns compare.
fn lignes(csv: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut lecteur = csv::Reader::from_reader(csv.as_bytes());
    let entetes = lecteur.headers().unwrap().clone();
    lecteur
        .records()
        .map(|r| {
            let r = r.unwrap();
            let champs: BTreeMap<String, String> = entetes
                .iter()
                .zip(r.iter())
                .filter(|(_, v)| !v.is_empty())
                .map(|(c, v)| (c.to_owned(), v.to_owned()))
                .collect();
            (champs["id"].clone(), champs)
        })
        .collect()
}

async fn importer_texte(
    app: &common::TestApp,
    csv: &str,
    tout_ou_rien: bool,
) -> maillage::lieu::service::BilanImport {
    let txn = maillage::database::ecriture(&app.db).await.unwrap();
    let bilan = importer(&txn, csv.as_bytes(), tout_ou_rien, |_, _| {})
        .await
        .unwrap();
    txn.commit().await.unwrap();
    bilan
}

/// The fixture as a spreadsheet saves it with another separator.
fn avec_separateur(csv: &str, separateur: u8) -> String {
    let mut lecteur = csv::Reader::from_reader(csv.as_bytes());
    let mut ecrivain = csv::WriterBuilder::new()
        .delimiter(separateur)
        .from_writer(Vec::new());
    ecrivain.write_record(lecteur.headers().unwrap()).unwrap();
    for enregistrement in lecteur.records() {
        ecrivain.write_record(&enregistrement.unwrap()).unwrap();
    }
    String::from_utf8(ecrivain.into_inner().unwrap()).unwrap()
}

async fn exporter_texte(app: &common::TestApp) -> String {
    let mut sortie = Vec::new();
    exporter(&app.db, None, &mut sortie).await.unwrap();
    String::from_utf8(sortie).unwrap()
}

on_both_engines! {
    async fn lieux_csv_of_the_standard_round_trips_without_loss(app) {
        let bilan = importer_texte(&app, FIXTURE, true).await;
        assert_eq!(bilan.erreurs, vec![]);
        assert_eq!(bilan.importes, 2);
        let export = exporter_texte(&app).await;
        assert_eq!(export.lines().next().unwrap(), COLONNES.join(","), "the standard's columns, in order");
        assert_eq!(lignes(&export), lignes(FIXTURE));
        // Importing our own export again changes nothing.
        importer_texte(&app, &export, true).await;
        assert_eq!(exporter_texte(&app).await, export);
    }

    async fn lieux_bad_lines_are_reported_with_their_number_and_reason_and_good_ones_kept(app) {
        let mut csv = FIXTURE.to_owned();
        csv.push_str("mauvais-1,123,Sans pivot valide,1 rue,Brest,29200,,,,,,,,,,,,,,2024-01-01,Aide aux demarches,,,,,,,,,,,\n");
        csv.push_str("mauvais-2,13002603200016,,1 rue,Brest,29200,,,,,,,,,,,,,,hier,,,,,,,,,,,,\n");
        let bilan = importer_texte(&app, &csv, false).await;
        assert_eq!(bilan.importes, 2);
        assert_eq!(bilan.erreurs.len(), 2);
        assert_eq!(bilan.erreurs[0].ligne, 4);
        assert!(bilan.erreurs[0].motif.contains("pivot") && bilan.erreurs[0].motif.contains("n’est pas une valeur du standard"), "{:?}", bilan.erreurs);
        assert_eq!(bilan.erreurs[1].ligne, 5);
        assert!(bilan.erreurs[1].motif.contains("« nom » est obligatoire") && bilan.erreurs[1].motif.contains("date_maj"));
        assert_eq!(lignes(&exporter_texte(&app).await).len(), 2);
    }

    async fn lieux_all_or_nothing_imports_nothing_when_a_line_is_bad(app) {
        let mut csv = FIXTURE.to_owned();
        csv.push_str("mauvais,13002603200016,Lieu,1 rue,Brest,2920,,,,,,,,,,,,,,2024-01-01,,,,,,,,,,,,\n");
        let bilan = importer_texte(&app, &csv, true).await;
        assert_eq!(bilan.importes, 0);
        assert_eq!(bilan.erreurs.len(), 1);
        assert_eq!(lignes(&exporter_texte(&app).await).len(), 0);
    }

    async fn lieux_saved_by_excel_in_windows_1252_or_as_unicode_text_import_with_their_accents(app) {
        // « CSV (séparateur : point-virgule) » of Excel on a French Windows: 8-bit, `é` is one byte.
        let point_virgule = avec_separateur(FIXTURE, b';');
        let (windows_1252, _, pertes) = encoding_rs::WINDOWS_1252.encode(&point_virgule);
        assert!(!pertes);
        let txn = maillage::database::ecriture(&app.db).await.unwrap();
        let bilan = importer(&txn, &windows_1252, true, |_, _| {}).await.unwrap();
        txn.commit().await.unwrap();
        assert_eq!((bilan.importes, bilan.erreurs), (2, vec![]));
        assert_eq!(lignes(&exporter_texte(&app).await), lignes(FIXTURE), "accents read as written");

        // « Texte Unicode »: UTF-16 little-endian after its byte order mark, tab-separated.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(avec_separateur(FIXTURE, b'\t').encode_utf16().flat_map(u16::to_le_bytes));
        let txn = maillage::database::ecriture(&app.db).await.unwrap();
        let bilan = importer(&txn, &utf16, true, |_, _| {}).await.unwrap();
        txn.commit().await.unwrap();
        assert_eq!((bilan.importes, bilan.erreurs), (2, vec![]));
        assert_eq!(lignes(&exporter_texte(&app).await), lignes(FIXTURE));

        // A UTF-16 file cut in the middle of a character is refused as a whole, saying how to save it.
        let txn = maillage::database::ecriture(&app.db).await.unwrap();
        let erreur = importer(&txn, &utf16[..utf16.len() - 1], false, |_, _| {}).await.unwrap_err();
        assert_eq!(erreur.code(), maillage_shared::ErrorCode::InvalidInput);
        assert!(erreur.to_string().contains("CSV UTF-8"), "{erreur}");
    }

    async fn lieux_without_the_standards_columns_are_refused_as_a_whole(app) {
        let txn = maillage::database::ecriture(&app.db).await.unwrap();
        let erreur = importer(&txn, b"nom,ville\nA,B\n", false, |_, _| {}).await.unwrap_err();
        assert_eq!(erreur.code(), maillage_shared::ErrorCode::InvalidInput);
        assert!(erreur.to_string().contains("colonnes manquantes"));
    }

    async fn lieux_are_matched_to_their_departement_and_served_as_open_data(app) {
        importer_texte(&app, FIXTURE, true).await;
        let data = app
            .data(
                "{ lieux(departement: \"29\") { id nom commune latitude services dispositifProgrammesNationaux } }",
                json!({}),
            )
            .await;
        let lieux = data["lieux"].as_array().unwrap();
        assert_eq!(lieux.len(), 2, "Quimper has no INSEE code: matched through its postal code");
        assert_eq!(lieux[0]["id"], "demo-lieu-brest-1");
        assert_eq!(lieux[0]["latitude"], 48.3853);
        assert_eq!(lieux[0]["dispositifProgrammesNationaux"], json!(["Conseillers numériques", "France Services"]));
        let aucun = app.data("{ lieux(departement: \"35\") { id } }", json!({})).await;
        assert_eq!(aucun["lieux"], json!([]));
        let page = app.data("{ lieux(premiers: 1, apres: \"demo-lieu-brest-1\") { id } }", json!({})).await;
        assert_eq!(page["lieux"], json!([{ "id": "demo-lieu-quimper-1" }]));
    }

    async fn lieux_download_as_the_standards_csv_without_login(app) {
        importer_texte(&app, FIXTURE, true).await;
        let anonyme = app.navigateur();
        let (statut, type_contenu, corps) = anonyme.telecharger("/donnees/lieux.csv?departement=29").await;
        assert_eq!(statut, 200);
        assert!(type_contenu.starts_with("text/csv"), "{type_contenu}");
        let fichier = String::from_utf8(corps).unwrap();
        assert_eq!(fichier, exporter_texte(&app).await, "the file `maillage lieux export` writes, for the 29");
        assert_eq!(lignes(&fichier), lignes(FIXTURE));
        let (_, _, vide) = anonyme.telecharger("/donnees/lieux.csv?departement=35").await;
        assert_eq!(String::from_utf8(vide).unwrap().lines().count(), 1, "the header only");
        let (statut, _, _) = anonyme.telecharger("/donnees/lieux.csv?departement=2C").await;
        assert_eq!(statut, 400);
    }

    async fn lieux_are_imported_from_the_browser_by_anct_anywhere_and_by_a_coordinator_in_its_perimeter(app) {
        use common::parcours::{ANCT, STRUCTURE, coordinateur_de_brest};
        let mut avec_une_faute = FIXTURE.to_owned();
        avec_une_faute.push_str("mauvais,13002603200016,Lieu,1 rue,Brest,2920,,,,,,,,,,,,,,2024-01-01,,,,,,,,,,,,\n");

        // Refused before reading: no session, a role that does not import, a body that is not a CSV.
        let (statut, code, _) = app.navigateur().televerser("/imports/lieux", "text/csv", FIXTURE).await;
        assert_eq!((statut, code.as_str()), (401, "UNAUTHENTICATED"));
        let structure = app.connecte(STRUCTURE).await;
        let (statut, code, _) = structure.televerser("/imports/lieux", "text/csv", FIXTURE).await;
        assert_eq!((statut, code.as_str()), (403, "FORBIDDEN"));
        let anct = app.connecte(ANCT).await;
        let (statut, code, _) = anct.televerser("/imports/lieux", "text/plain", FIXTURE).await;
        assert_eq!((statut, code.as_str()), (400, "INVALID_INPUT"));

        // All or nothing: the bad line is reported, nothing is written.
        let (statut, _, corps) = anct.televerser("/imports/lieux?toutOuRien=true", "text/csv", &avec_une_faute).await;
        assert_eq!(statut, 200, "{corps}");
        let bilan: serde_json::Value = serde_json::from_str(&corps).unwrap();
        assert_eq!(bilan["importes"], 0);
        assert_eq!(bilan["erreurs"][0]["ligne"], 4, "{bilan}");
        assert_eq!(lignes(&exporter_texte(&app).await).len(), 0);

        // A coordinator on Brest Métropole: Quimper is refused with its line number, Brest is imported.
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let (statut, _, corps) = coordinateur.televerser("/imports/lieux", "text/csv", FIXTURE).await;
        assert_eq!(statut, 200, "{corps}");
        let bilan: serde_json::Value = serde_json::from_str(&corps).unwrap();
        assert_eq!(bilan["importes"], 1);
        assert_eq!(bilan["erreurs"], json!([{ "ligne": 3, "motif": "la commune 29232 n’est pas dans votre périmètre" }]));
        assert_eq!(lignes(&exporter_texte(&app).await).keys().collect::<Vec<_>>(), ["demo-lieu-brest-1"]);

        // ANCT imports anywhere, good lines kept; the file round-trips as open data.
        let (_, _, corps) = anct.televerser("/imports/lieux", "text/csv", &avec_une_faute).await;
        let bilan: serde_json::Value = serde_json::from_str(&corps).unwrap();
        assert_eq!([&bilan["importes"], &bilan["erreurs"][0]["ligne"]], [&json!(2), &json!(4)]);
        let (_, _, fichier) = app.navigateur().telecharger("/donnees/lieux.csv?departement=29").await;
        assert_eq!(lignes(&String::from_utf8(fichier).unwrap()), lignes(FIXTURE));
    }

    async fn a_coordinator_cannot_overwrite_a_lieu_of_another_territory_by_its_id(app) {
        use common::parcours::{ANCT, coordinateur_de_brest};
        let anct = app.connecte(ANCT).await;
        let (statut, _, corps) = anct.televerser("/imports/lieux", "text/csv", FIXTURE).await;
        assert_eq!(statut, 200, "{corps}");
        let avant = lignes(&exporter_texte(&app).await);
        assert_eq!(avant["demo-lieu-quimper-1"]["commune"], "Quimper");

        // The Quimper lieu's id, moved into Brest under another name.
        let entete = FIXTURE.lines().next().unwrap();
        let quimper = FIXTURE.lines().find(|ligne| ligne.starts_with("demo-lieu-quimper-1,")).unwrap();
        let detourne = quimper
            .replace("France services Quimper", "Lieu détourné")
            .replace("Quimper,29000,,", "Brest,29200,29019,");
        let (coordinateur, _) = coordinateur_de_brest(&app).await;
        let (statut, _, corps) = coordinateur.televerser("/imports/lieux", "text/csv", &format!("{entete}\n{detourne}\n")).await;
        assert_eq!(statut, 200, "{corps}");
        let bilan: serde_json::Value = serde_json::from_str(&corps).unwrap();
        assert_eq!(bilan["importes"], 0, "{bilan}");
        assert_eq!(bilan["erreurs"][0]["ligne"], 2, "{bilan}");
        assert!(bilan["erreurs"][0]["motif"].as_str().unwrap().contains("hors de votre périmètre (commune 29232)"), "{bilan}");
        assert_eq!(lignes(&exporter_texte(&app).await), avant, "the Quimper lieu is unchanged");
    }

    async fn an_upload_is_refused_before_its_file_is_received(app) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        // Announces 30 MB, sends a few bytes and keeps the connection open: answered without waiting for the
        // rest, an anonymous upload cannot make the server hold its file.
        let adresse = app.address.trim_start_matches("http://").to_owned();
        let mut flux = tokio::net::TcpStream::connect(&adresse).await.unwrap();
        let request = format!(
            "POST /imports/lieux HTTP/1.1\r\nHost: {adresse}\r\nContent-Type: text/csv\r\nContent-Length: 30000000\r\n\r\nid,nom\n"
        );
        flux.write_all(request.as_bytes()).await.unwrap();
        let mut reponse = vec![0u8; 256];
        let lus = tokio::time::timeout(std::time::Duration::from_secs(10), flux.read(&mut reponse))
            .await
            .expect("answered before the file was sent")
            .unwrap();
        let reponse = String::from_utf8_lossy(&reponse[..lus]).into_owned();
        assert!(reponse.starts_with("HTTP/1.1 401"), "{reponse}");
    }
}

//! The dossier of a candidature as a conversation with documents, on both engines: the documents the call
//! requires before filing, the formats and sizes accepted (read from the content), who attaches, reads and
//! removes a document, the messages between the structure, the préfecture and ANCT with their
//! notifications and limits, and both storages (a folder, an S3-compatible bucket).

use maillage_harness::documents;
use maillage_harness::{self as common, on_both_engines};

use common::parcours::*;
use common::{Client, TestApp};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

const MESSAGE: &str = "mutation($c: ID!, $t: String!, $p: [ID!]) {
    envoyerMessage(candidatureId: $c, texte: $t, pieces: $p) { id role auteur texte pieces { id nom } } }";
const DOSSIER: &str = "query($id: ID!) { candidature(id: $id) {
    statut piecesManquantes
    pieces { id nature libelleNature nom format taille empreinte roleDeposant messageId url }
    messages { id role auteur texte pieces { id nom url } } } }";

/// Sends `contenu` as a document of `nature` named `nom`: status, error code, body.
async fn joindre(
    client: &Client,
    id: &str,
    nature: &str,
    nom: &str,
    contenu: Vec<u8>,
) -> (u16, String, String) {
    client
        .televerser(
            &format!("/candidatures/{id}/pieces?nature={nature}&nom={}", encoder(nom)),
            "application/octet-stream",
            contenu,
        )
        .await
}

/// `texte` percent-encoded for a query string.
fn encoder(texte: &str) -> String {
    texte
        .bytes()
        .map(|octet| match octet {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'_' => char::from(octet).to_string(),
            _ => format!("%{octet:02X}"),
        })
        .collect()
}

/// Attaches a document that must be accepted; its id.
async fn joindre_ok(client: &Client, id: &str, nature: &str, nom: &str, contenu: Vec<u8>) -> String {
    let (statut, code, corps) = joindre(client, id, nature, nom, contenu).await;
    assert_eq!(statut, 200, "{code} {corps}");
    serde_json::from_str::<Value>(&corps).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The rows that a refused upload or message must leave untouched, and the files of the storage folder.
async fn etat(app: &TestApp) -> (u64, u64, u64, u64, Vec<String>) {
    use maillage::candidature::entity::{message_candidature, piece_jointe};
    use maillage::notification::entity::email_sortant;
    (
        piece_jointe::Entity::find().count(&app.db).await.unwrap(),
        message_candidature::Entity::find().count(&app.db).await.unwrap(),
        email_sortant::Entity::find().count(&app.db).await.unwrap(),
        app.db
            .query_one_raw(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM candidature WHERE statut = 'DEPOSEE'".to_owned(),
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap() as u64,
        fichiers(app),
    )
}

/// The files under the app's storage folder, relative to it.
fn fichiers(app: &TestApp) -> Vec<String> {
    fn parcourir(dossier: &std::path::Path, racine: &std::path::Path, sortie: &mut Vec<String>) {
        let Ok(entrees) = std::fs::read_dir(dossier) else {
            return;
        };
        for entree in entrees.flatten() {
            let chemin = entree.path();
            if chemin.is_dir() {
                parcourir(&chemin, racine, sortie);
            } else {
                sortie.push(chemin.strip_prefix(racine).unwrap().display().to_string());
            }
        }
    }
    let mut sortie = Vec::new();
    parcourir(&app.stockage.dossier, &app.stockage.dossier, &mut sortie);
    sortie.sort();
    sortie
}

/// Sends, as `email` logged in, the headers of a document of `octets` bytes and only its first bytes, over a
/// raw connection kept open: the server's answer, which must come without the rest of the file.
async fn annoncer_un_fichier(app: &TestApp, email: &str, candidature: &str, octets: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let connexion = reqwest::Client::new()
        .post(format!("{}/graphql", app.address))
        .json(&json!({
            "query": "mutation($e: String!, $m: String!) { connexion(email: $e, motDePasse: $m) { email } }",
            "variables": { "e": email, "m": maillage::demo::MOT_DE_PASSE },
        }))
        .send()
        .await
        .unwrap();
    let cookie = connexion
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("maillage_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let adresse = app.address.trim_start_matches("http://").to_owned();
    let mut flux = tokio::net::TcpStream::connect(&adresse).await.unwrap();
    let requete = format!(
        "POST /candidatures/{candidature}/pieces?nature=BUDGET_PREVISIONNEL&nom=budget.pdf HTTP/1.1\r\nHost: {adresse}\r\n\
         Cookie: {cookie}\r\nContent-Type: application/octet-stream\r\nContent-Length: {octets}\r\n\r\n%PDF-1.7\n"
    );
    flux.write_all(requete.as_bytes()).await.unwrap();
    let mut reponse = vec![0u8; 2048];
    let lus = tokio::time::timeout(std::time::Duration::from_secs(10), flux.read(&mut reponse))
        .await
        .expect("answered before the file was sent")
        .unwrap();
    String::from_utf8_lossy(&reponse[..lus]).into_owned()
}

async fn brouillon_consulte(structure: &Client) -> String {
    let id = brouillon_complet(structure).await;
    consulter_tout(structure, &id).await;
    id
}

on_both_engines! {
    async fn filing_waits_for_the_documents_the_call_requires_of_the_case_and_the_category(app) {
        // The demo structure is an association: the provisional budget and its statutes.
        let association = app.connecte(STRUCTURE).await;
        let id = brouillon_consulte(&association).await;
        let dossier = association.data(DOSSIER, json!({ "id": id })).await;
        assert_eq!(dossier["candidature"]["piecesManquantes"], json!(["BUDGET_PREVISIONNEL", "STATUTS"]));
        let avant = etat(&app).await;
        let refus = association.graphql(DEPOSER, json!({ "id": id })).await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "DOCUMENTS_MISSING");
        assert_eq!(
            refus["errors"][0]["message"],
            "Avant de déposer, joignez : budget prévisionnel du poste, statuts de la structure."
        );
        assert_eq!(etat(&app).await, avant);
        // A letter of support is welcome but required of no one: it does not stand in for the statutes.
        joindre_ok(&association, &id, "BUDGET_PREVISIONNEL", "budget.pdf", documents::pdf("Budget")).await;
        joindre_ok(&association, &id, "LETTRE_DE_SOUTIEN", "soutien.pdf", documents::pdf("Soutien")).await;
        assert_eq!(association.error_code(DEPOSER, json!({ "id": id })).await, "DOCUMENTS_MISSING");
        joindre_ok(&association, &id, "STATUTS", "statuts.odt", documents::odt()).await;
        assert_eq!(association.data(DEPOSER, json!({ "id": id })).await["deposerCandidature"]["statut"], "DEPOSEE");

        // A collectivité gives the deliberation of its assembly, not statutes; bringing a coordination post
        // into the programme (B2) adds the employment contract of the coordinator in post.
        let mairie = StructureBuilder::new()
            .email("mairie@exemple.fr")
            .categorie(Some("COLLECTIVITE"))
            .statut_public(true)
            .inscrire(&app)
            .await;
        let brouillon = brouillon_complet(&mairie).await;
        let dossier = mairie.data(DOSSIER, json!({ "id": brouillon })).await;
        assert_eq!(dossier["candidature"]["piecesManquantes"], json!(["BUDGET_PREVISIONNEL", "DELIBERATION"]));
        let mut formulaire = formulaire_complet(&[BREST_METROPOLE]);
        formulaire["cas"] = json!("B2");
        mairie.data(FORMULAIRE, json!({ "id": brouillon, "f": formulaire })).await;
        let dossier = mairie.data(DOSSIER, json!({ "id": brouillon })).await;
        assert_eq!(
            dossier["candidature"]["piecesManquantes"],
            json!(["BUDGET_PREVISIONNEL", "DELIBERATION", "CONTRAT_DE_TRAVAIL"])
        );
    }

    async fn a_document_is_accepted_by_its_content_up_to_ten_megabytes_and_downloaded_as_attached(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_consulte(&structure).await;
        let avant = etat(&app).await;
        // An executable named like a PDF, a web page, an empty file, a file over 10 Mo: refused, nothing kept.
        for (nom, contenu) in [
            ("statuts.pdf", documents::executable()),
            ("budget.docx", documents::html()),
            ("vide.pdf", Vec::new()),
        ] {
            let (statut, code, corps) = joindre(&structure, &id, "STATUTS", nom, contenu).await;
            assert_eq!((statut, code.as_str()), (400, "FILE_REJECTED"), "{nom}: {corps}");
        }
        // A file announced over 10 Mo is answered at once, without receiving it.
        let reponse = annoncer_un_fichier(&app, STRUCTURE, &id, 10 * 1024 * 1024 + 1).await;
        assert!(reponse.starts_with("HTTP/1.1 400"), "{reponse}");
        assert!(reponse.contains("x-error-code: FILE_REJECTED"), "{reponse}");
        assert!(reponse.contains("Le fichier pèse 10,1 Mo : 10 Mo au plus."), "{reponse}");
        let (statut, code, _) = joindre(&structure, &id, "INCONNUE", "x.pdf", documents::pdf("x")).await;
        assert_eq!((statut, code.as_str()), (400, "INVALID_INPUT"));
        // The body must be declared as a raw file (a cross-site form cannot send this type unasked).
        let (statut, code, _) = structure
            .televerser(&format!("/candidatures/{id}/pieces?nature=STATUTS&nom=s.pdf"), "text/plain", documents::pdf("s"))
            .await;
        assert_eq!((statut, code.as_str()), (400, "INVALID_INPUT"));
        assert_eq!(etat(&app).await, avant);

        // The five formats, whatever their names say; each downloaded byte for byte, with its real type.
        let cas = [
            ("BUDGET_PREVISIONNEL", "Budget 2027.PDF", documents::pdf("Budget"), "PDF", "application/pdf", "Budget 2027.pdf"),
            ("STATUTS", "statuts", documents::odt(), "ODT", "application/vnd.oasis.opendocument.text", "statuts.odt"),
            ("LETTRE_DE_SOUTIEN", "soutien.docx", documents::docx(), "DOCX",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "soutien.docx"),
            ("AUTRE", "C:\\Photos\\plan.png", documents::png(), "PNG", "image/png", "plan.png"),
            ("AUTRE", "scan.pdf", documents::jpeg(), "JPEG", "image/jpeg", "scan.pdf.jpg"),
        ];
        for (nature, nom, contenu, format, type_mime, nom_garde) in cas {
            joindre_ok(&structure, &id, nature, nom, contenu.clone()).await;
            let dossier = structure.data(DOSSIER, json!({ "id": id })).await;
            let piece = dossier["candidature"]["pieces"].as_array().unwrap().last().unwrap().clone();
            assert_eq!(piece["format"], format);
            assert_eq!(piece["nom"], nom_garde);
            assert_eq!(piece["taille"], contenu.len());
            assert_eq!(piece["roleDeposant"], "STRUCTURE");
            let (statut, type_recu, octets) = structure.telecharger(piece["url"].as_str().unwrap()).await;
            assert_eq!((statut, type_recu.as_str()), (200, type_mime));
            assert_eq!(octets, contenu);
        }
        assert_eq!(fichiers(&app).len(), 5, "one file per document kept: {:?}", fichiers(&app));
        assert_eq!(structure.data(DOSSIER, json!({ "id": id })).await["candidature"]["piecesManquantes"], json!([]));
    }

    async fn only_those_who_read_the_candidature_attach_and_download_its_documents(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_consulte(&structure).await;
        let piece = joindre_ok(&structure, &id, "STATUTS", "statuts.pdf", documents::pdf("Statuts")).await;
        let url = format!("/candidatures/{id}/pieces/{piece}");
        // A draft is the structure's alone.
        let prefecture = app.connecte(PREFECTURE_29).await;
        assert_eq!(prefecture.telecharger(&url).await.0, 403);
        let (statut, code, _) = joindre(&prefecture, &id, "COURRIER", "lettre.pdf", documents::pdf("Lettre")).await;
        assert_eq!((statut, code.as_str()), (403, "FORBIDDEN"));
        joindre_pieces_requises(&structure, &id).await;
        structure.data(DEPOSER, json!({ "id": id })).await;

        // Filed: anonymous is asked to log in; another département's préfecture is refused; the SGAR of the
        // région reads without writing; the préfecture of the 29 and ANCT read and write.
        let avant = etat(&app).await;
        let anonyme = app.navigateur();
        assert_eq!(anonyme.telecharger(&url).await.0, 401);
        let (statut, code, _) = joindre(&anonyme, &id, "AUTRE", "x.pdf", documents::pdf("x")).await;
        assert_eq!((statut, code.as_str()), (401, "UNAUTHENTICATED"));
        let autre = app.connecte(PREFECTURE_35).await;
        assert_eq!(autre.telecharger(&url).await.0, 403);
        let (statut, _, _) = joindre(&autre, &id, "COURRIER", "x.pdf", documents::pdf("x")).await;
        assert_eq!(statut, 403);
        let sgar = app.connecte(SGAR_53).await;
        assert_eq!(sgar.telecharger(&url).await.0, 200);
        let (statut, code, _) = joindre(&sgar, &id, "COURRIER", "x.pdf", documents::pdf("x")).await;
        assert_eq!((statut, code.as_str()), (403, "FORBIDDEN"));
        // A document is reached through its own candidature only.
        assert_eq!(structure.telecharger(&format!("/candidatures/{id}/pieces/{}", piece.parse::<i64>().unwrap() + 1000)).await.0, 404);
        assert_eq!(etat(&app).await, avant);
        assert_eq!(prefecture.telecharger(&url).await.0, 200);
        joindre_ok(&prefecture, &id, "COURRIER", "demande.pdf", documents::pdf("Demande")).await;
        joindre_ok(&app.connecte(ANCT).await, &id, "COURRIER", "note.pdf", documents::pdf("Note")).await;
    }

    async fn the_structure_removes_its_documents_while_preparing_and_the_filed_dossier_stays_whole(app) {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_consulte(&structure).await;
        let piece = joindre_ok(&structure, &id, "STATUTS", "ancien.pdf", documents::pdf("Ancien")).await;
        assert_eq!(fichiers(&app).len(), 1);
        let retirer = "mutation($id: ID!) { retirerPiece(id: $id) }";
        assert_eq!(structure.data(retirer, json!({ "id": piece })).await["retirerPiece"], true);
        assert!(fichiers(&app).is_empty(), "the file is gone with its record");
        joindre_pieces_requises(&structure, &id).await;
        structure.data(DEPOSER, json!({ "id": id })).await;
        let pieces = structure.data(DOSSIER, json!({ "id": id })).await["candidature"]["pieces"].clone();
        let avant = etat(&app).await;
        assert_eq!(structure.error_code(retirer, json!({ "id": pieces[0]["id"] })).await, "INVALID_TRANSITION");
        assert_eq!(app.connecte(ANCT).await.error_code(retirer, json!({ "id": pieces[0]["id"] })).await, "FORBIDDEN");
        assert_eq!(etat(&app).await, avant);
    }

    async fn the_prefecture_asks_the_structure_answers_with_a_document_and_each_is_notified(app) {
        let CandidatureDeposee { structure, id } =
            CandidatureDeposee::sur(app.connecte(STRUCTURE).await, &[BREST_METROPOLE]).await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let question = prefecture
            .data(MESSAGE, json!({ "c": id, "t": "  Pouvez-vous joindre le budget signé par le président ?  " }))
            .await;
        assert_eq!(question["envoyerMessage"]["role"], "PREFECTURE");
        assert_eq!(question["envoyerMessage"]["texte"], "Pouvez-vous joindre le budget signé par le président ?");
        let courriel = app.dernier_courriel(STRUCTURE).await;
        assert!(courriel.contains("La préfecture a écrit sur la candidature"), "{courriel}");
        assert!(courriel.contains("budget signé par le président"), "{courriel}");
        assert!(courriel.contains(&format!("/candidatures/{id}#messages")), "{courriel}");

        // The structure attaches its answer, then sends it with its message.
        let piece = joindre_ok(&structure, &id, "BUDGET_PREVISIONNEL", "budget signé.pdf", documents::pdf("Signé")).await;
        let reponse = structure
            .data(MESSAGE, json!({ "c": id, "t": "Voici le budget signé.", "p": [piece] }))
            .await;
        assert_eq!(reponse["envoyerMessage"]["pieces"][0]["nom"], "budget signé.pdf");
        assert_eq!(reponse["envoyerMessage"]["auteur"], "Sarah Porteuse");
        assert!(app.dernier_courriel(PREFECTURE_29).await.contains("Voici le budget signé."));

        // Both read the conversation; the préfecture downloads the answer.
        let dossier = prefecture.data(DOSSIER, json!({ "id": id })).await;
        let messages = dossier["candidature"]["messages"].as_array().unwrap();
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[1]["pieces"][0]["id"], json!(piece));
        let (statut, _, octets) = prefecture.telecharger(messages[1]["pieces"][0]["url"].as_str().unwrap()).await;
        assert_eq!((statut, octets), (200, documents::pdf("Signé")));
        assert_eq!(structure.data(DOSSIER, json!({ "id": id })).await["candidature"]["messages"], dossier["candidature"]["messages"]);

        // ANCT, once it wrote, hears of the next messages; a document cannot be sent twice, nor someone
        // else's.
        let anct = app.connecte(ANCT).await;
        anct.data(MESSAGE, json!({ "c": id, "t": "L’ANCT suit ce dossier." })).await;
        structure.data(MESSAGE, json!({ "c": id, "t": "Merci à vous deux." })).await;
        assert!(app.dernier_courriel(ANCT).await.contains("Merci à vous deux."));
        let avant = etat(&app).await;
        let deja = structure.graphql(MESSAGE, json!({ "c": id, "t": "Encore", "p": [piece] })).await;
        assert_eq!(deja["errors"][0]["extensions"]["code"], "INVALID_INPUT");
        let lettre = joindre_ok(&prefecture, &id, "COURRIER", "lettre.pdf", documents::pdf("Lettre")).await;
        let avant_lettre = etat(&app).await;
        assert_ne!(avant, avant_lettre);
        let vol = structure.graphql(MESSAGE, json!({ "c": id, "t": "Je prends", "p": [lettre] })).await;
        assert_eq!(vol["errors"][0]["extensions"]["code"], "INVALID_INPUT");
        assert_eq!(etat(&app).await, avant_lettre);
    }

    async fn messages_wait_for_the_filing_stop_at_the_decision_and_are_limited(app) {
        let structure = app.connecte(STRUCTURE).await;
        let brouillon = brouillon_consulte(&structure).await;
        let avant = etat(&app).await;
        assert_eq!(structure.error_code(MESSAGE, json!({ "c": brouillon, "t": "Bonjour" })).await, "INVALID_TRANSITION");
        assert_eq!(etat(&app).await, avant);

        joindre_pieces_requises(&structure, &brouillon).await;
        structure.data(DEPOSER, json!({ "id": brouillon })).await;
        let id = brouillon;
        let avant = etat(&app).await;
        assert_eq!(structure.error_code(MESSAGE, json!({ "c": id, "t": "   " })).await, "INVALID_INPUT");
        let long = "a".repeat(5001);
        assert_eq!(structure.error_code(MESSAGE, json!({ "c": id, "t": long })).await, "INVALID_INPUT");
        assert_eq!(app.connecte(SGAR_53).await.error_code(MESSAGE, json!({ "c": id, "t": "Bonjour" })).await, "FORBIDDEN");
        assert_eq!(app.connecte(PREFECTURE_35).await.error_code(MESSAGE, json!({ "c": id, "t": "Bonjour" })).await, "FORBIDDEN");
        assert_eq!(etat(&app).await, avant);

        // Each message emails the other parties: thirty an hour.
        for n in 0..30 {
            structure.data(MESSAGE, json!({ "c": id, "t": format!("Précision n° {n}") })).await;
        }
        let avant = etat(&app).await;
        let refus = structure.graphql(MESSAGE, json!({ "c": id, "t": "Une de trop" })).await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "RATE_LIMITED");
        assert_eq!(etat(&app).await, avant);

        // Decided: the dossier is closed to messages and documents.
        app.connecte(PREFECTURE_29).await
            .data(AVIS, json!({ "id": id, "f": true, "c": "Projet articulé avec la gouvernance" })).await;
        let anct = app.connecte(ANCT).await;
        anct.data(DECIDER, json!({ "id": id, "d": "VALIDEE", "m": "Territoire prioritaire et projet coordonné" })).await;
        let avant = etat(&app).await;
        let refus = anct.graphql(MESSAGE, json!({ "c": id, "t": "Bonjour" })).await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "INVALID_TRANSITION");
        assert_eq!(refus["errors"][0]["message"], "La candidature est au statut « Validée » : son dossier est clos.");
        let (statut, code, _) = joindre(&structure, &id, "AUTRE", "x.pdf", documents::pdf("x")).await;
        assert_eq!((statut, code.as_str()), (400, "INVALID_TRANSITION"));
        assert_eq!(etat(&app).await, avant);
    }

    async fn the_dossier_and_the_decision_letter_are_accessible_pdfs_for_those_who_read_the_candidature(app) {
        let CandidatureValidee { structure, id } =
            CandidatureValidee::sur(&app, app.connecte(STRUCTURE).await, &[BREST_METROPOLE]).await;
        let dossier = format!("/candidatures/{id}/dossier.pdf");
        let decision = format!("/candidatures/{id}/decision.pdf");
        let lecteurs = [structure, app.connecte(PREFECTURE_29).await, app.connecte(SGAR_53).await, app.connecte(ANCT).await];
        for lecteur in &lecteurs {
            for (chemin, titre) in [(&dossier, "Dossier de candidature de"), (&decision, "Décision sur la candidature de")] {
                let (statut, type_recu, octets) = lecteur.telecharger(chemin).await;
                assert_eq!((statut, type_recu.as_str()), (200, "application/pdf"), "{chemin}");
                assert!(octets.starts_with(b"%PDF-"));
                let texte = String::from_utf8_lossy(&octets);
                // Declared PDF/UA-1 in its metadata, with its title and language.
                assert!(texte.contains("pdfuaid:part"), "{chemin}: no PDF/UA identification");
                assert!(texte.contains(titre), "{chemin}: title");
                assert!(texte.contains("Association Iroise Numérique (démo)"), "{chemin}: structure");
                assert!(texte.contains("/Lang"), "{chemin}: language");
            }
        }
        let anonyme = app.navigateur();
        assert_eq!(anonyme.telecharger(&dossier).await.0, 401);
        assert_eq!(app.connecte(PREFECTURE_35).await.telecharger(&dossier).await.0, 403);
        // Not decided yet: no letter.
        let deposee = CandidatureDeposee::sur(StructureBuilder::new().email("autre@exemple.fr").inscrire(&app).await, &[BREST_METROPOLE]).await;
        assert_eq!(deposee.structure.telecharger(&format!("/candidatures/{}/decision.pdf", deposee.id)).await.0, 404);
        assert_eq!(deposee.structure.telecharger(&format!("/candidatures/{}/dossier.pdf", deposee.id)).await.0, 200);
    }

    async fn what_a_structure_writes_stays_text_in_its_pdf(app) {
        // Typst markup in a name and an answer: laid out as written, never interpreted.
        let nom = "Asso #set page(width: 1cm) ]*_ #panic(\"x\")";
        let structure = StructureBuilder::new().email("piege@exemple.fr").nom(nom).inscrire(&app).await;
        let id = brouillon_complet(&structure).await;
        let (statut, _, octets) = structure.telecharger(&format!("/candidatures/{id}/dossier.pdf")).await;
        assert_eq!(statut, 200);
        let texte = String::from_utf8_lossy(&octets);
        assert!(texte.contains("#set page(width: 1cm)"), "the name as written, in the title");
    }
}

on_both_engines! {
    async fn documents_are_kept_in_an_s3_bucket_when_one_is_set(app) with |settings| {
        maillage_harness::s3::regler(settings);
    } {
        let structure = app.connecte(STRUCTURE).await;
        let id = brouillon_consulte(&structure).await;
        let contenu = documents::docx();
        let piece = joindre_ok(&structure, &id, "STATUTS", "statuts.docx", contenu.clone()).await;
        let objets = maillage_harness::s3::objets(&app.stockage.s3_bucket);
        assert_eq!(objets.len(), 1, "{objets:?}");
        assert!(objets[0].starts_with(&format!("candidatures/{id}/")), "{objets:?}");
        assert!(fichiers(&app).is_empty(), "nothing in the folder");
        let (statut, _, octets) = structure.telecharger(&format!("/candidatures/{id}/pieces/{piece}")).await;
        assert_eq!((statut, octets), (200, contenu));
        structure.data("mutation($id: ID!) { retirerPiece(id: $id) }", json!({ "id": piece })).await;
        assert!(maillage_harness::s3::objets(&app.stockage.s3_bucket).is_empty());
    }
}

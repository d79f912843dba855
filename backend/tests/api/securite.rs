//! Protections of the public API (SECURITY.md), each with a test that fails if the protection is removed:
//! query cost (aliases, directives, nested fragments, batches, page sizes), database statement timeout.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use common::TestApp;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

/// Sends a raw body to `/graphql`: status and JSON answer (null when not JSON).
async fn envoyer(app: &TestApp, corps: Value) -> (u16, Value) {
    let reponse = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&corps)
        .send()
        .await
        .unwrap();
    let statut = reponse.status().as_u16();
    (statut, reponse.json().await.unwrap_or(Value::Null))
}

/// The answer must be a refusal with `code`, obtained quickly and with no data.
fn refusee(reponse: &Value, code: &str) {
    assert_eq!(reponse["errors"][0]["extensions"]["code"], code, "{reponse}");
    // No `data` at all: the request was refused before any resolver ran (a refusal during execution would
    // leave a `data` object), so whatever it asked cost nothing.
    assert!(reponse.get("data").is_none_or(Value::is_null), "{reponse}");
}

on_both_engines! {
    async fn an_alias_flood_is_refused_before_running(app) {
        let champs: String = (0..31).map(|i| format!("a{i}: indicateursDepartements {{ lieux }} ")).collect();
        let reponse = app.graphql(&format!("{{ {champs} }}"), json!({})).await;
        refusee(&reponse, "LIMIT_EXCEEDED");
        assert!(reponse["errors"][0]["message"].as_str().unwrap().contains("31 alias"), "{reponse}");
        let permis: String = (0..3).map(|i| format!("a{i}: regions {{ code }} ")).collect();
        assert!(app.graphql(&format!("{{ {permis} }}"), json!({})).await.get("errors").is_none());
    }

    async fn aliases_hidden_in_fragments_are_counted(app) {
        let champs: String = (0..31).map(|i| format!("a{i}: code ")).collect();
        let query = format!("query {{ regions {{ ...F }} }} fragment F on Region {{ {champs} }}");
        refusee(&app.graphql(&query, json!({})).await, "LIMIT_EXCEEDED");
    }

    async fn aliases_multiplied_by_nested_fragment_spreads_are_counted_as_they_run(app) {
        // 9 aliases, each spreading a fragment of 10, each spreading a fragment of 10: 29 aliases as written,
        // 999 once expanded, which is what would run.
        let a: String = (0..9).map(|i| format!("a{i}: regions {{ ...A }} ")).collect();
        let b: String = (0..10).map(|i| format!("b{i}: departements {{ ...B }} ")).collect();
        let c: String = (0..10).map(|i| format!("c{i}: code ")).collect();
        let query = format!("query {{ {a} }} fragment A on Region {{ {b} }} fragment B on Departement {{ {c} }}");
        let reponse = app.graphql(&query, json!({})).await;
        refusee(&reponse, "LIMIT_EXCEEDED");
        assert!(reponse["errors"][0]["message"].as_str().unwrap().contains("999 alias"), "{reponse}");
        // A fragment spread once counts once.
        let permis = "query { regions { ...P } } fragment P on Region { x: code y: nom }";
        assert!(app.graphql(permis, json!({})).await.get("errors").is_none());
    }

    async fn a_directive_flood_is_refused(app) {
        let directives = "@include(if: true) ".repeat(40);
        let reponse = app.graphql(&format!("{{ regions {directives} {{ code }} }}"), json!({})).await;
        refusee(&reponse, "LIMIT_EXCEEDED");
    }

    async fn deeply_nested_fragments_are_refused(app) {
        // Each fragment spreads the next through a relation: depth grows without any field repeated in text.
        let mut query = String::from("query { commune(code: \"29019\") { ...F0 } }");
        for i in 0..20 {
            query.push_str(&format!(
                " fragment F{i} on Commune {{ epci {{ communes {{ ...F{} }} }} }}",
                i + 1
            ));
        }
        query.push_str(" fragment F20 on Commune { nom }");
        refusee(&app.graphql(&query, json!({})).await, "LIMIT_EXCEEDED");
    }

    async fn batched_requests_are_refused(app) {
        let lot: Vec<Value> = (0..50).map(|_| json!({ "query": "{ regions { code } }" })).collect();
        let (statut, reponse) = envoyer(&app, Value::Array(lot)).await;
        assert!(statut == 400 || statut == 422 || reponse.get("errors").is_some(), "{statut} {reponse}");
        assert!(reponse.get("data").is_none_or(Value::is_null), "no batch answered: {reponse}");
    }

    async fn page_sizes_outside_1_to_100_are_refused(app) {
        for premiers in [0, 101, -1] {
            let reponse = app
                .graphql("query($p: Int!) { lieux(premiers: $p) { id } }", json!({ "p": premiers }))
                .await;
            assert_eq!(reponse["errors"][0]["extensions"]["code"], "INVALID_INPUT", "{premiers}: {reponse}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_cancels_statements_running_past_the_timeout() {
    let app = TestApp::spawn_with(common::Engine::Postgres, |settings| {
        settings.database.statement_timeout_seconds = 1
    })
    .await;
    let erreur = app.db.execute_unprepared("SELECT pg_sleep(5)").await.unwrap_err();
    // The server's own message for a cancelled statement: the sleep did not run to its end.
    assert!(erreur.to_string().contains("statement timeout"), "{erreur}");
}

async fn journal(app: &TestApp) -> Vec<(i64, String, String, Option<i64>, String)> {
    use sea_orm::sea_query::{Alias, Order, Query};
    let mut select = Query::select();
    select
        .from(Alias::new("journal"))
        .columns(["id", "action", "role", "acteur_id", "requete_id"].map(Alias::new))
        .order_by(Alias::new("id"), Order::Asc);
    app.db
        .query_all(&select)
        .await
        .unwrap()
        .into_iter()
        .map(|l| {
            (
                l.try_get("", "id").unwrap(),
                l.try_get("", "action").unwrap(),
                l.try_get("", "role").unwrap(),
                l.try_get("", "acteur_id").unwrap(),
                l.try_get("", "requete_id").unwrap(),
            )
        })
        .collect()
}

on_both_engines! {
    async fn every_state_change_is_in_the_chained_audit_log(app) {
        use common::parcours::*;
        let (_, id) = candidature_validee(&app).await;
        let entrees = journal(&app).await;
        let actions: Vec<(&str, &str)> = entrees.iter().map(|(_, a, r, _, _)| (a.as_str(), r.as_str())).collect();
        for attendu in [
            ("connexion", "STRUCTURE"),
            ("creerCandidature", "STRUCTURE"),
            ("modifierCandidature", "STRUCTURE"),
            ("enregistrerConsultation", "STRUCTURE"),
            ("deposerCandidature", "STRUCTURE"),
            ("donnerAvis", "PREFECTURE"),
            ("deciderCandidature", "ANCT"),
        ] {
            assert!(actions.contains(&attendu), "{attendu:?} absent de {actions:?}");
        }
        assert!(entrees.iter().all(|(_, _, _, acteur, query)| acteur.is_some() && query.len() > 10), "{entrees:?}");
        // Identifiers only: none of the free text typed in the workflow (form answers, the avis, the
        // decision's reason) is in any column of any entry.
        let lignes = app
            .db
            .query_all_raw(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                "SELECT role, objet, action, requete_id FROM journal",
            ))
            .await
            .unwrap();
        let texte: String = lignes
            .iter()
            .flat_map(|ligne| {
                ["role", "objet", "action", "requete_id"].map(|colonne| ligne.try_get::<String>("", colonne).unwrap())
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(texte.contains("deciderCandidature"), "the columns were read");
        for libre in ["Une réponse détaillée", "Projet articulé avec la gouvernance", "Territoire prioritaire"] {
            assert!(!texte.contains(libre), "« {libre} » is in the audit log");
        }

        // A refused change leaves no entry.
        let avant = journal(&app).await.len();
        let refus = app.connecte(PREFECTURE_35).await
            .error_code(AVIS, json!({ "id": id, "f": true, "c": "Un avis hors de mon département" }))
            .await;
        assert_eq!(refus, "FORBIDDEN");
        assert_eq!(journal(&app).await.len(), avant + 1, "only the préfecture 35's login");

        assert!(matches!(maillage::journal::verifier(&app.db).await.unwrap(), maillage::journal::Verification::Intacte { .. }));
        let troisieme = entrees[2].0;
        app.db.execute_unprepared(&format!("UPDATE journal SET role = 'ANCT' WHERE id = {troisieme}")).await.unwrap();
        assert_eq!(
            maillage::journal::verifier(&app.db).await.unwrap(),
            maillage::journal::Verification::Alteree { id: troisieme, raison: "son contenu ne correspond plus à son empreinte".to_owned() }
        );
    }

    async fn the_audit_log_records_the_servers_request_id_never_the_clients(app) {
        let structure = app.connecte(common::parcours::STRUCTURE).await;
        let reponse = structure
            .http
            .post(format!("{}/graphql", structure.address))
            .header("x-request-id", "forge-par-le-client")
            .json(&json!({ "query": "mutation { creerCandidature { id } }" }))
            .send()
            .await
            .unwrap();
        let renvoye = reponse.headers()["x-request-id"].to_str().unwrap().to_owned();
        assert!(reponse.json::<Value>().await.unwrap().get("errors").is_none());
        assert_ne!(renvoye, "forge-par-le-client");
        assert!(uuid::Uuid::parse_str(&renvoye).is_ok(), "{renvoye}");
        let (_, action, _, _, query) = journal(&app).await.pop().unwrap();
        assert_eq!((action.as_str(), query.as_str()), ("creerCandidature", renvoye.as_str()));
    }

    async fn a_deleted_audit_entry_breaks_the_chain_at_the_next_one(app) {
        for i in 0..5 {
            let entree = maillage::journal::Entree::new(None, &format!("objet={i}"), "essai", "-");
            maillage::journal::consigner_seul(&app.db, &entree).await.unwrap();
        }
        let ids: Vec<i64> = journal(&app).await.iter().map(|e| e.0).collect();
        app.db.execute_unprepared(&format!("DELETE FROM journal WHERE id = {}", ids[1])).await.unwrap();
        match maillage::journal::verifier(&app.db).await.unwrap() {
            maillage::journal::Verification::Alteree { id, raison } => {
                assert_eq!(id, ids[2]);
                assert!(raison.contains("lien"), "{raison}");
            }
            autre => panic!("{autre:?}"),
        }
    }

    async fn concurrent_appends_keep_one_chain(app) {
        let taches: Vec<_> = (0..12)
            .map(|i| {
                let db = app.db.clone();
                tokio::spawn(async move {
                    let entree = maillage::journal::Entree::new(None, &format!("objet={i}"), "concurrence", "-");
                    maillage::journal::consigner_seul(&db, &entree).await.unwrap();
                })
            })
            .collect();
        for tache in taches {
            tache.await.unwrap();
        }
        assert_eq!(
            maillage::journal::verifier(&app.db).await.unwrap(),
            maillage::journal::Verification::Intacte { entrees: 12, derniere: match maillage::journal::verifier(&app.db).await.unwrap() {
                maillage::journal::Verification::Intacte { derniere, .. } => derniere,
                autre => panic!("{autre:?}"),
            } }
        );
    }

    async fn agent_reads_of_personal_data_are_logged(app) {
        use common::parcours::*;
        let (structure, id) = candidature_validee(&app).await;
        structure.data("query($c: ID!) { rechercherCandidats(candidatureId: $c, filtre: { proximite: NATIONAL }) { id } }", json!({ "c": id })).await;
        let entrees = journal(&app).await;
        assert!(entrees.iter().any(|(_, action, role, _, _)| action == "rechercherCandidats" && role == "STRUCTURE"), "{entrees:?}");
    }
}

on_both_engines! {
    async fn a_create_mutation_retried_with_its_idempotency_key_creates_once(app) {
        let structure = app.connecte(common::parcours::STRUCTURE).await;
        let creer = "mutation($k: String) { creerCandidature(cleIdempotence: $k) { id } }";
        let lignes = || async {
            use sea_orm::{EntityTrait, PaginatorTrait};
            maillage::candidature::entity::candidature::Entity::find().count(&app.db).await.unwrap()
        };
        let avant = lignes().await;
        let premiere = structure.data(creer, json!({ "k": "7f1c-essai" })).await["creerCandidature"]["id"].clone();
        let seconde = structure.data(creer, json!({ "k": "7f1c-essai" })).await["creerCandidature"]["id"].clone();
        assert_eq!(premiere, seconde, "the retry answers the draft created the first time");
        assert_eq!(lignes().await, avant + 1, "one draft in the database");
        let sans_cle = structure.graphql(creer, json!({ "k": null })).await;
        assert!(sans_cle.get("errors").is_some(), "without a key, a second draft is refused: {sans_cle}");
        assert_eq!(structure.error_code(creer, json!({ "k": "" })).await, "INVALID_INPUT");
        assert_eq!(structure.error_code(creer, json!({ "k": "é".repeat(10) })).await, "INVALID_INPUT");
    }
}

on_both_engines! {
    async fn logout_everywhere_ends_every_session_of_the_person(app) {
        let portable = app.connecte(common::parcours::ANCT).await;
        let bureau = app.connecte(common::parcours::ANCT).await;
        let autre = app.connecte(common::parcours::PREFECTURE_29).await;
        assert_eq!(portable.data("mutation { deconnexionPartout }", json!({})).await["deconnexionPartout"], 2);
        assert_eq!(bureau.data("{ moi { email } }", json!({})).await["moi"], Value::Null);
        assert_eq!(portable.data("{ moi { email } }", json!({})).await["moi"], Value::Null);
        assert_eq!(autre.data("{ moi { email } }", json!({})).await["moi"]["email"], common::parcours::PREFECTURE_29, "others stay logged in");
    }

    async fn internal_errors_are_masked_with_an_error_id(app) {
        // The lieux and the tables that refer to them.
        for table in ["signalement_lieu", "modification_lieu", "lieu"] {
            app.db.execute_unprepared(&format!("DROP TABLE {table}")).await.unwrap();
        }
        let reponse = app.graphql("{ lieux { id } }", json!({})).await;
        let erreur = &reponse["errors"][0];
        assert_eq!(erreur["extensions"]["code"], "INTERNAL");
        let message = erreur["message"].as_str().unwrap();
        assert!(message.contains("référence"), "{message}");
        assert!(!message.to_lowercase().contains("lieu") && !message.contains("SELECT"), "no SQL detail: {message}");
        assert_eq!(erreur["extensions"]["errorId"].as_str().unwrap().len(), 36, "an id the logs hold");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_journal_command_names_the_first_altered_entry() {
    let dossier = tempfile::tempdir().unwrap();
    let (url, _) = common::base_neuve(common::Engine::Sqlite, dossier.path()).await;
    let db = sea_orm::Database::connect(url.clone()).await.unwrap();
    for i in 0..3 {
        let entree = maillage::journal::Entree::new(None, &format!("objet={i}"), "essai", "-");
        maillage::journal::consigner_seul(&db, &entree).await.unwrap();
    }
    let verifier = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_maillage"))
            .args(["journal", "verifier"])
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    };
    let sortie = verifier();
    assert!(sortie.status.success());
    assert!(String::from_utf8_lossy(&sortie.stdout).contains("journal intact : 3 entrées"));
    db.execute_unprepared("UPDATE journal SET action = 'autre' WHERE objet = 'objet=1'")
        .await
        .unwrap();
    let sortie = verifier();
    assert_eq!(sortie.status.code(), Some(1));
    let texte = String::from_utf8_lossy(&sortie.stdout);
    assert!(texte.contains("journal altéré : entrée n° 2"), "{texte}");
}

#[test]
fn a_cell_a_spreadsheet_would_run_is_written_as_text() {
    use maillage::cellule::neutraliser;
    for dangereuse in [
        "=HYPERLINK(\"http://x\",\"clic\")",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\tcmd",
        "\r=1",
    ] {
        assert_eq!(neutraliser(dangereuse), format!("'{dangereuse}"));
    }
    for sure in [
        "Brest",
        "-4.5008",
        "+33298000000",
        "48.3853",
        "",
        "Mairie - annexe",
    ] {
        assert_eq!(neutraliser(sure), sure);
    }
}

on_both_engines! {
    async fn downloaded_csv_files_write_formulas_as_text(app) {
        use common::parcours::*;
        candidature_deposee(&app).await;
        app.db
            .execute_unprepared("UPDATE structure SET nom = '=HYPERLINK(\"http://attaquant.example\",\"Voir\")' WHERE nom LIKE 'Association Iroise%'")
            .await
            .unwrap();
        let (statut, _, corps) = app.connecte(ANCT).await.telecharger("/exports/candidatures.csv").await;
        assert_eq!(statut, 200);
        let texte = String::from_utf8(corps).unwrap();
        assert!(texte.contains("'=HYPERLINK"), "{texte}");
        assert!(!texte.contains(";=HYPERLINK") && !texte.contains(";\"=HYPERLINK"), "{texte}");

        let txn = maillage::database::ecriture(&app.db).await.unwrap();
        maillage::lieu::service::importer(&txn, include_str!("fixtures/lieux.csv").as_bytes(), true, |_, _| {})
            .await
            .unwrap();
        txn.commit().await.unwrap();
        app.db.execute_unprepared("UPDATE lieu SET nom = '@SUM(A1:A9)' WHERE id = 'demo-lieu-brest-1'").await.unwrap();
        let (statut, _, corps) = app.navigateur().telecharger("/donnees/lieux.csv?departement=29").await;
        assert_eq!(statut, 200);
        let texte = String::from_utf8(corps).unwrap();
        let brest = texte.lines().find(|ligne| ligne.starts_with("demo-lieu-brest-1,")).unwrap();
        assert!(brest.contains(",'@SUM(A1:A9),"), "{brest}");
        assert!(brest.contains(",48.3853,-4.5008,") && brest.contains(",+33298000000,"), "numbers stay numbers: {brest}");
    }
}

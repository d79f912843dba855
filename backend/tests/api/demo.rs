//! The demo as a newcomer plays it, on SQLite and PostgreSQL: every account of the README leads somewhere
//! real. Camille, conseillère and coordinatrice, holds a post at Rennes Métropole (through the whole
//! instruction of its candidature) with her own accompaniments and an action planned, records an
//! accompaniment as conseillère; each role names its territory; a coordinator without a post is told so
//! with its own code, not refused as an intruder.

use maillage_harness::{self as common, on_both_engines};

use common::parcours::{ANCT, PREFECTURE_29, PREFECTURE_35, SGAR_53, STRUCTURE};
use maillage::demo::coordination::{CAMILLE, STRUCTURE as STRUCTURE_35};
use sea_orm::ConnectionTrait;
use serde_json::json;

const COORDINATION: &str = "{ monEquipe { prenom nom structure } activiteEquipe { parMois { accompagnements } } \
    diagnosticTerritorial { departements population } mesActionsDeCoordination { titre } \
    monRapportAnnuel { perimetre structure accompagnements } }";

on_both_engines! {
    async fn camille_coordinates_rennes_metropole_and_records_accompaniments(app) with |settings| {
        settings.application.demo = true;
    } {
        let camille = app.connecte(CAMILLE).await;
        camille.choisir_role("COORDINATEUR").await;
        let moi = camille.data("{ moi { roleActif { libelle } roles { role } } }", json!({})).await;
        assert_eq!(moi["moi"]["roleActif"]["libelle"], "Coordinatrice — Ille-et-Vilaine (35)");
        let coordinatrices = moi["moi"]["roles"].as_array().unwrap().iter().filter(|r| r["role"] == "COORDINATEUR").count();
        assert_eq!(coordinatrices, 1, "the role of her post only: {moi}");

        let espace = camille.data(COORDINATION, json!({})).await;
        let equipe = espace["monEquipe"].as_array().unwrap();
        assert!(equipe.iter().any(|c| c["prenom"] == "Camille" && c["structure"] == "Rennes Solidarité Numérique (démo)"), "{espace}");
        // Her months of accompaniments (the figures of the year depend on the day the demo starts: counted
        // where they are kept).
        assert!(espace["activiteEquipe"]["parMois"].is_array(), "{espace}");
        let enregistres = app.db.query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM activite",
        )).await.unwrap().unwrap().try_get::<i64>("", "n").unwrap();
        assert_eq!(enregistres, 10);
        assert_eq!(espace["diagnosticTerritorial"]["departements"], json!(["35"]));
        assert_eq!(espace["mesActionsDeCoordination"][0]["titre"], "Réunion d’équipe mensuelle");
        assert_eq!(espace["monRapportAnnuel"]["perimetre"], json!(["Rennes Métropole"]));

        // As conseillère she records an accompaniment in Rennes.
        camille.choisir_role("CONSEILLER").await;
        let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
        let enregistre = camille.data(
            "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }",
            json!({ "a": { "date": aujourd_hui.to_string(), "typeAccompagnement": "INDIVIDUEL", "canal": "A_DISTANCE",
                "themes": ["Aide aux démarches administratives"], "dureeMinutes": 30, "participants": 1, "communeCode": "35238" } }),
        ).await;
        assert_eq!(enregistre["enregistrerActivite"], true);

        // Her structure sees its validated candidature; the préfecture of 35 and ANCT find it.
        let structure = app.connecte(STRUCTURE_35).await;
        let siennes = structure.data("{ candidatures(premiers: 10) { elements { statut structure { nom } } } }", json!({})).await;
        assert_eq!(siennes["candidatures"]["elements"][0]["statut"], "VALIDEE", "{siennes}");
        for agent in [PREFECTURE_35, ANCT] {
            let vues = app.connecte(agent).await.data("{ candidatures(premiers: 100) { elements { statut structure { nom } } } }", json!({})).await;
            assert!(vues["candidatures"]["elements"].as_array().unwrap().iter().any(|c| c["structure"]["nom"] == "Rennes Solidarité Numérique (démo)" && c["statut"] == "VALIDEE"), "{agent}: {vues}");
        }

        // Started again on the same data, the demo adds nothing.
        assert!(!maillage::demo::coordination::semer_le_poste_de_camille(&app.db, &maillage::stockage::Stockage::new(&app.stockage).unwrap(), aujourd_hui).await.unwrap());
    }
}

on_both_engines! {
    async fn each_role_is_named_with_its_territory(app) {
        for (email, libelle) in [
            (PREFECTURE_29, "Préfecture — Finistère (29)"),
            (SGAR_53, "SGAR — Bretagne"),
            ("hub53@demo.maillage.fr", "Hub territorial — Bretagne"),
            (STRUCTURE, "Structure porteuse"),
            (ANCT, "ANCT"),
        ] {
            let moi = app.connecte(email).await.data("{ moi { roleActif { libelle } } }", json!({})).await;
            assert_eq!(moi["moi"]["roleActif"]["libelle"], libelle, "{email}");
        }
    }

    async fn a_person_names_her_roles_in_the_feminine_and_it_holds_in_her_next_sessions(app) {
        let yann = app.connecte("conseiller.iroise@demo.maillage.fr").await;
        let moi = yann.data("{ moi { auFeminin roleActif { libelle } } }", json!({})).await;
        assert_eq!(moi["moi"], json!({ "auFeminin": false, "roleActif": { "libelle": "Conseiller numérique" } }));
        let choisi = yann.data("mutation { choisirAccord(auFeminin: true) { auFeminin roleActif { libelle } } }", json!({})).await;
        assert_eq!(choisi["choisirAccord"]["roleActif"]["libelle"], "Conseillère numérique");
        let ailleurs = app.connecte("conseiller.iroise@demo.maillage.fr").await;
        assert_eq!(ailleurs.data("{ moi { roleActif { libelle } } }", json!({})).await["moi"]["roleActif"]["libelle"], "Conseillère numérique");
        assert_eq!(app.navigateur().error_code("mutation { choisirAccord(auFeminin: true) { auFeminin } }", json!({})).await, "UNAUTHENTICATED");
    }

    async fn a_coordinator_without_a_post_is_told_so_not_refused(app) {
        // The tests' data leave Camille without a post (demo mode gives her one).
        let camille = app.connecte(CAMILLE).await;
        camille.choisir_role("COORDINATEUR").await;
        assert_eq!(camille.error_code("{ monEquipe { prenom } }", json!({})).await, "NO_POST");
        camille.choisir_role("CONSEILLER").await;
        let aujourd_hui = maillage_shared::jour::jour_en_metropole(chrono::Utc::now());
        assert_eq!(camille.error_code(
            "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }",
            json!({ "a": { "date": aujourd_hui.to_string(), "typeAccompagnement": "INDIVIDUEL", "canal": "A_DISTANCE",
                "themes": ["Aide aux démarches administratives"], "dureeMinutes": 30, "participants": 1 } }),
        ).await, "NO_POST");
    }
}

/// What `scripts/app.sh` does on a fresh machine: the binary creates the SQLite database, applies every
/// migration through its own pool of connections, and loads the demo. (Migrations replacing triggers once
/// failed there, on a pool, and nowhere in the tests' single-connection templates.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_sets_up_an_empty_sqlite_database_with_every_migration_and_the_demo() {
    let dossier = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dossier.path().join("maillage.sqlite").display()
    );
    let sortie = std::process::Command::new(env!("CARGO_BIN_EXE_maillage"))
        .arg("demo")
        .env("DATABASE_URL", &url)
        .env("MAILLAGE_STOCKAGE__DOSSIER", dossier.path().join("documents"))
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(
        sortie.status.success(),
        "{}",
        String::from_utf8_lossy(&sortie.stderr)
    );
    let db = sea_orm::Database::connect(&url).await.unwrap();
    let declencheurs = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'version_donnees_relance_%'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(declencheurs.try_get::<i64>("", "n").unwrap(), 3);
}

//! Activity reports, on SQLite and PostgreSQL: a conseiller records an accompaniment, which then shows in
//! the coordinator's team, aggregates and completion rate; reminders go to those who have not reported.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

use chrono::Utc;
use common::parcours::*;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

const ENREGISTRER: &str = "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }";

fn accompagnement(themes: &[&str]) -> Value {
    json!({ "a": {
        "date": maillage_shared::jour::jour_en_metropole(Utc::now()).to_string(), "typeAccompagnement": "COLLECTIF", "canal": "LIEU_DE_PERMANENCE",
        "themes": themes, "dureeMinutes": 90, "participants": 6, "communeCode": "29019"
    } })
}

on_both_engines! {
    async fn an_accompaniment_recorded_by_a_conseiller_shows_in_the_coordinators_figures(app) {
        let (coordinateur, conseillere) = equipe_de_brest(&app).await;
        let themes = ["Aide aux démarches administratives", "Utilisation sécurisée du numérique"];
        assert_eq!(conseillere.data(ENREGISTRER, accompagnement(&themes)).await["enregistrerActivite"], true);

        let equipe = coordinateur.data("{ monEquipe { prenom structure contratDebut contratFin derniereActivite } }", json!({})).await;
        let equipe = equipe["monEquipe"].as_array().unwrap();
        assert_eq!(equipe.len(), 2, "Yann and Lou, both in Brest: {equipe:?}");
        let lou = equipe.iter().find(|m| m["prenom"] == "Lou").unwrap();
        assert_eq!(lou["derniereActivite"], maillage_shared::jour::jour_en_metropole(Utc::now()).to_string());
        assert_eq!(lou["structure"], "Association Iroise Numérique (démo)");
        assert_eq!([&lou["contratDebut"], &lou["contratFin"]], [&Value::Null, &Value::Null]);
        let yann = equipe.iter().find(|m| m["prenom"] == "Yann").unwrap();
        assert!(yann["contratDebut"].is_string(), "the demo contract of Yann: {yann}");

        let agregats = coordinateur
            .data("{ activiteEquipe { parMois { cle accompagnements participants minutes } parTheme { cle accompagnements } tauxCompletionMois } }", json!({}))
            .await;
        let agregats = &agregats["activiteEquipe"];
        use chrono::Datelike;
        assert_eq!(agregats["parMois"], json!([{ "cle": maillage_shared::jour::jour_en_metropole(Utc::now()).month().to_string(), "accompagnements": 1, "participants": 6, "minutes": 90 }]));
        assert_eq!(agregats["parTheme"].as_array().unwrap().len(), 2);
        assert_eq!(agregats["tauxCompletionMois"], 0.5, "one of two has reported this month");

        let relances = coordinateur.data("mutation { relancerEquipe }", json!({})).await;
        assert_eq!(relances["relancerEquipe"], 1, "only the one who has not reported");
        let lou_notifiee = conseillere.data("{ mesNotifications { titre } }", json!({})).await;
        assert_eq!(lou_notifiee["mesNotifications"], json!([]));
    }

    async fn the_monthly_rollup_always_equals_a_recount_of_the_accompaniments(app) {
        use maillage::activite::cumul;
        let (coordinateur, conseillere) = equipe_de_brest(&app).await;
        let aujourd_hui = maillage_shared::jour::jour_en_metropole(Utc::now());
        let il_y_a_40_jours = aujourd_hui - chrono::Days::new(40);
        let envois = [
            (aujourd_hui, vec!["Aide aux démarches administratives", "Utilisation sécurisée du numérique"], Some("29019")),
            (aujourd_hui, vec!["Aide aux démarches administratives"], None),
            (il_y_a_40_jours, vec!["Utilisation sécurisée du numérique"], Some("29019")),
        ];
        for (date, themes, commune) in &envois {
            let mut a = accompagnement(themes);
            a["a"]["date"] = json!(date.to_string());
            a["a"]["communeCode"] = json!(commune);
            assert_eq!(conseillere.data(ENREGISTRER, a).await["enregistrerActivite"], true);
        }
        // A refused accompaniment leaves the rollup as it was.
        let avant = cumul::stocke(&app.db).await.unwrap();
        assert_eq!(conseillere.error_code(ENREGISTRER, accompagnement(&["Cuisine"])).await, "INVALID_INPUT");
        assert_eq!(cumul::stocke(&app.db).await.unwrap(), avant);
        assert_eq!(avant, cumul::calculer(&app.db).await.unwrap(), "rollup kept in step with the accompaniments");
        let totaux: i64 = avant.par_conseiller.iter().filter(|((_, _, axe, _), _)| *axe == cumul::Axe::Total).map(|(_, t)| t.accompagnements).sum();
        assert_eq!(totaux, 3);

        // The coordinator's figures come from the rollup: the same as counting the accompaniments by hand.
        use chrono::Datelike;
        let annee = aujourd_hui.year();
        let agregats = coordinateur
            .data("query($a: Int) { activiteEquipe(annee: $a) { parMois { cle accompagnements } parTheme { cle accompagnements minutes } parCommune { cle accompagnements } } }", json!({ "a": annee }))
            .await;
        let agregats = &agregats["activiteEquipe"];
        let par_mois: i64 = agregats["parMois"].as_array().unwrap().iter().map(|m| m["accompagnements"].as_i64().unwrap()).sum();
        let attendus = envois.iter().filter(|(d, _, _)| d.year() == annee).count() as i64;
        assert_eq!(par_mois, attendus);
        let demarches = agregats["parTheme"].as_array().unwrap().iter().find(|t| t["cle"] == "Aide aux démarches administratives").unwrap().clone();
        assert_eq!(demarches["accompagnements"], 2);
        assert_eq!(demarches["minutes"], 180);
        let brest = &agregats["parCommune"].as_array().unwrap().iter().find(|c| c["cle"] == "29019").unwrap()["accompagnements"];
        assert_eq!(brest.as_i64().unwrap(), envois.iter().filter(|(d, _, c)| d.year() == annee && c.is_some()).count() as i64);

        // A database upgraded from a version without the rollup gets it built at start-up.
        app.db.execute_unprepared("DELETE FROM activite_mensuelle").await.unwrap();
        maillage::startup::prepare_database(&app.db).await.unwrap();
        assert_eq!(cumul::stocke(&app.db).await.unwrap(), avant);
    }

    async fn a_conseiller_imports_accompaniments_from_a_csv_file_line_by_line_or_all_or_nothing(app) {
        use maillage::activite::cumul;
        let (coordinateur, conseillere) = equipe_de_brest(&app).await;
        let aujourd_hui = maillage_shared::jour::jour_en_metropole(Utc::now());
        let hier = aujourd_hui - chrono::Days::new(1);
        let demain = aujourd_hui + chrono::Days::new(1);
        let fichier = format!(
            "\u{feff}date;type;canal;themes;duree_minutes;participants;code_insee\n\
             {aujourd_hui};INDIVIDUEL;LIEU_DE_PERMANENCE;Aide aux démarches administratives;45;1;29019\n\
             {hier};collectif;a_distance;Cuisine;60;5;\n\
             {};COLLECTIF;AUTRE_LIEU;Utilisation sécurisée du numérique|Loisirs et créations numériques;120;8;29019\n\
             {demain};INDIVIDUEL;DOMICILE;Aide aux démarches administratives;30;1;\n\
             \n\
             {hier};INDIVIDUEL;DOMICILE;Aide aux démarches administratives;trente;1;\n",
            hier.format("%d/%m/%Y")
        );
        const IMPORTER: &str = "mutation($c: String!, $t: Boolean) { importerActivites(contenu: $c, toutOuRien: $t) {
            importes lignesRefusees { ligne motif } } }";
        let avant = cumul::stocke(&app.db).await.unwrap();

        // All or nothing: three bad lines, nothing recorded.
        let bilan = conseillere.data(IMPORTER, json!({ "c": fichier, "t": true })).await["importerActivites"].clone();
        assert_eq!(bilan["importes"], 0);
        let lignes: Vec<i64> = bilan["lignesRefusees"].as_array().unwrap().iter().map(|l| l["ligne"].as_i64().unwrap()).collect();
        assert_eq!(lignes, [3, 5, 7], "{bilan}");
        let motifs = bilan["lignesRefusees"].to_string();
        assert!(motifs.contains("thème inconnu : « Cuisine »"), "{motifs}");
        assert!(motifs.contains("pas dans le futur"), "{motifs}");
        assert!(motifs.contains("duree_minutes n’est pas un nombre entier"), "{motifs}");
        assert_eq!(cumul::stocke(&app.db).await.unwrap(), avant, "nothing recorded");

        // Line by line: the two good lines are recorded, the bad ones reported.
        let bilan = conseillere.data(IMPORTER, json!({ "c": fichier })).await["importerActivites"].clone();
        assert_eq!(bilan["importes"], 2);
        assert_eq!(bilan["lignesRefusees"].as_array().unwrap().len(), 3);
        assert_eq!(cumul::stocke(&app.db).await.unwrap(), cumul::calculer(&app.db).await.unwrap());
        let equipe = coordinateur.data("{ monEquipe { prenom derniereActivite } }", json!({})).await;
        let lou = equipe["monEquipe"].as_array().unwrap().iter().find(|m| m["prenom"] == "Lou").unwrap().clone();
        assert_eq!(lou["derniereActivite"], aujourd_hui.to_string());

        // A file without the expected header is refused as a whole; only a conseiller imports.
        let erreur = conseillere.error_code(IMPORTER, json!({ "c": "jour;nombre\n2026-01-01;3\n" })).await;
        assert_eq!(erreur, "INVALID_INPUT");
        assert_eq!(coordinateur.error_code(IMPORTER, json!({ "c": fichier })).await, "FORBIDDEN");
    }

    async fn activity_reports_refuse_bad_input_and_other_roles(app) {
        let (coordinateur, conseillere) = equipe_de_brest(&app).await;
        let code = conseillere.error_code(ENREGISTRER, accompagnement(&["Cuisine"])).await;
        assert_eq!(code, "INVALID_INPUT");
        assert_eq!(conseillere.error_code("{ monEquipe { prenom } }", json!({})).await, "FORBIDDEN");
        assert_eq!(coordinateur.error_code(ENREGISTRER, accompagnement(&["Aide aux démarches administratives"])).await, "FORBIDDEN", "acting as coordinator");
        let anonyme = app.navigateur();
        assert_eq!(anonyme.error_code("{ activiteEquipe { tauxCompletionMois } }", json!({})).await, "UNAUTHENTICATED");
    }
}

const INDIVIDUEL_NOMME: &str =
    "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }";
const MES_BENEFICIAIRES: &str =
    "{ mesBeneficiaires { id prenom nom anneeNaissance accompagnements dernierAccompagnement doublons } }";

/// An individual accompaniment of today, with `plus` merged into it.
fn individuel(plus: Value) -> Value {
    let mut a = json!({
        "date": maillage_shared::jour::jour_en_metropole(Utc::now()).to_string(), "typeAccompagnement": "INDIVIDUEL",
        "canal": "LIEU_DE_PERMANENCE", "themes": ["Aide aux démarches administratives"], "dureeMinutes": 45,
        "participants": 1
    });
    for (cle, valeur) in plus.as_object().unwrap() {
        a[cle] = valeur.clone();
    }
    json!({ "a": a })
}

on_both_engines! {
    async fn activity_a_named_beneficiary_is_followed_across_accompaniments_merged_and_erased_on_request(app) {
        let (coordinateur, lou) = equipe_de_brest(&app).await;
        maillage::lieu::service::importer(&app.db, include_bytes!("fixtures/lieux.csv"), true, |_, _| {}).await.unwrap();
        // The form offers the lieux of her EPCI (Brest Métropole), not Quimper's.
        let proches = lou.data("{ mesLieux { id nom commune } }", json!({})).await["mesLieux"].clone();
        assert_eq!(proches, json!([{ "id": "demo-lieu-brest-1", "nom": "Médiathèque des Capucins", "commune": "Brest" }]));
        let lieu = proches[0]["id"].as_str().unwrap().to_owned();
        // Named without consent: refused, nothing written.
        let sans_accord = individuel(json!({ "beneficiaire": { "prenom": "Rose", "nom": "Le Goff" } }));
        assert_eq!(lou.error_code(INDIVIDUEL_NOMME, sans_accord).await, "INVALID_INPUT");
        assert_eq!(lou.data(MES_BENEFICIAIRES, json!({})).await["mesBeneficiaires"], json!([]));

        let premiere = individuel(json!({
            "lieuId": lieu, "materiel": ["TELEPHONE"], "autonomie": "PARTIELLEMENT_AUTONOME", "orientation": "AIDE_SOCIALE",
            "beneficiaire": { "prenom": "Rose", "nom": "Le Goff", "anneeNaissance": 1950, "consentement": true }
        }));
        assert_eq!(lou.data(INDIVIDUEL_NOMME, premiere).await["enregistrerActivite"], true);
        let rose = lou.data(MES_BENEFICIAIRES, json!({})).await["mesBeneficiaires"][0].clone();
        assert_eq!([&rose["prenom"], &rose["accompagnements"]], [&json!("Rose"), &json!(1)]);
        let rose_id = rose["id"].as_str().unwrap().to_owned();
        // Followed: the next accompaniment names the same record.
        lou.data(INDIVIDUEL_NOMME, individuel(json!({ "autonomie": "AUTONOME", "beneficiaire": { "id": rose_id } }))).await;
        let passages = lou.data("query($id: ID!) { accompagnementsDuBeneficiaire(id: $id) { date autonomie orientation } }", json!({ "id": rose_id })).await;
        let passages = passages["accompagnementsDuBeneficiaire"].as_array().unwrap().clone();
        assert_eq!(passages.len(), 2);
        assert!(passages.iter().any(|p| p["autonomie"] == "AUTONOME") && passages.iter().any(|p| p["orientation"] == "AIDE_SOCIALE"), "{passages:?}");

        // The same person recorded again under a differently written name is proposed for merging.
        lou.data(INDIVIDUEL_NOMME, individuel(json!({ "beneficiaire": { "prenom": "ROSE", "nom": "le goff", "consentement": true } }))).await;
        let liste = lou.data(MES_BENEFICIAIRES, json!({})).await["mesBeneficiaires"].clone();
        let doublon = liste.as_array().unwrap().iter().find(|b| b["id"] != rose_id.as_str()).unwrap().clone();
        assert_eq!(doublon["doublons"], json!([rose_id]));
        let doublon_id = doublon["id"].as_str().unwrap().to_owned();

        // Another conseiller neither reads nor merges nor erases Lou's people; a coordinator does not either.
        let yann = app.connecte("conseiller.iroise@demo.maillage.fr").await;
        let fusion = "mutation($g: ID!, $d: ID!) { fusionnerBeneficiaires(garde: $g, doublon: $d) }";
        assert_eq!(yann.error_code(fusion, json!({ "g": rose_id, "d": doublon_id })).await, "NOT_FOUND");
        assert_eq!(yann.error_code(INDIVIDUEL_NOMME, individuel(json!({ "beneficiaire": { "id": rose_id } }))).await, "NOT_FOUND");
        assert_eq!(coordinateur.error_code(MES_BENEFICIAIRES, json!({})).await, "FORBIDDEN");

        assert_eq!(lou.data(fusion, json!({ "g": rose_id, "d": doublon_id })).await["fusionnerBeneficiaires"], true);
        let liste = lou.data(MES_BENEFICIAIRES, json!({})).await["mesBeneficiaires"].clone();
        assert_eq!(liste.as_array().unwrap().len(), 1);
        assert_eq!([&liste[0]["accompagnements"], &liste[0]["doublons"]], [&json!(3), &json!([])]);

        // Erased at her request: the name is gone, the three accompaniments stay in the figures.
        let effacer = "mutation($id: ID!) { effacerBeneficiaire(id: $id) }";
        assert_eq!(lou.data(effacer, json!({ "id": rose_id })).await["effacerBeneficiaire"], true);
        assert_eq!(lou.data(MES_BENEFICIAIRES, json!({})).await["mesBeneficiaires"], json!([]));
        let restants = app.db.query_one_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), "SELECT COUNT(*) AS n, COUNT(beneficiaire_id) AS nommes FROM activite WHERE materiel <> '' OR autonomie IS NOT NULL OR orientation IS NOT NULL")).await.unwrap().unwrap();
        assert_eq!(restants.try_get::<i64>("", "nommes").unwrap(), 0);
        assert!(restants.try_get::<i64>("", "n").unwrap() >= 2);
        let roses = app.db.query_one_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), "SELECT COUNT(*) AS n FROM beneficiaire WHERE LOWER(prenom) = 'rose'")).await.unwrap().unwrap();
        assert_eq!(roses.try_get::<i64>("", "n").unwrap(), 0, "no trace of her name");
        assert_eq!(lou.error_code(effacer, json!({ "id": rose_id })).await, "NOT_FOUND", "erased once");
    }

    async fn activity_richer_fields_follow_the_rules_and_an_unknown_lieu_is_refused(app) {
        let (_, lou) = equipe_de_brest(&app).await;
        let refuses = [
            json!({ "lieuId": "pas-un-lieu" }),
            json!({ "materiel": ["AUCUN", "TABLETTE"] }),
            json!({ "typeAccompagnement": "COLLECTIF", "participants": 6, "autonomie": "AUTONOME" }),
            json!({ "typeAccompagnement": "COLLECTIF", "participants": 6, "beneficiaire": { "prenom": "A", "nom": "B", "consentement": true } }),
            json!({ "beneficiaire": { "prenom": "", "nom": "B", "consentement": true } }),
        ];
        for plus in refuses {
            assert_eq!(lou.error_code(INDIVIDUEL_NOMME, individuel(plus.clone())).await, "INVALID_INPUT", "{plus}");
        }
        let ecrits = app.db.query_one_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), "SELECT COUNT(*) AS n FROM activite a JOIN conseiller c ON c.id = a.conseiller_id JOIN utilisateur u ON u.id = c.utilisateur_id WHERE u.prenom = 'Lou'")).await.unwrap().unwrap();
        assert_eq!(ecrits.try_get::<i64>("", "n").unwrap(), 0, "nothing written, no beneficiary either");
        assert_eq!(lou.data(MES_BENEFICIAIRES, json!({})).await["mesBeneficiaires"], json!([]));

        // The CSV import takes the new columns, and refuses a line with an unknown lieu.
        let fichier = format!(
            "date;type;canal;themes;duree_minutes;participants;code_insee;lieu_id;materiel;autonomie;orientation\n\
             {jour};INDIVIDUEL;DOMICILE;Aide aux démarches administratives;45;1;;;tablette;autonome;administration\n\
             {jour};INDIVIDUEL;DOMICILE;Aide aux démarches administratives;45;1;;inconnu;;;\n",
            jour = maillage_shared::jour::jour_en_metropole(Utc::now())
        );
        let bilan = lou.data("mutation($c: String!) { importerActivites(contenu: $c) { importes lignesRefusees { ligne motif } } }", json!({ "c": fichier })).await;
        assert_eq!(bilan["importerActivites"]["importes"], 1, "{bilan}");
        assert_eq!(bilan["importerActivites"]["lignesRefusees"][0]["ligne"], 3);
        let importe = app.db.query_one_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), "SELECT materiel, autonomie, orientation FROM activite WHERE materiel = 'tablette'")).await.unwrap().unwrap();
        assert_eq!(importe.try_get::<String>("", "orientation").unwrap(), "administration");
        assert_eq!(maillage::activite::cumul::stocke(&app.db).await.unwrap(), maillage::activite::cumul::calculer(&app.db).await.unwrap());
    }
}

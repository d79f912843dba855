//! The activity statistics of a territory on the agents' dashboards: a préfecture sees its département's,
//! a hub or a SGAR its région's, ANCT the nation's, read from the rollup by département that recording an
//! accompaniment keeps in its transaction; figures about fewer than five people are withheld.

use maillage_harness::{self as common, on_both_engines};

use chrono::Utc;
use common::Client;
use common::fixtures::{ANCT, PREFECTURE_29, SGAR_53};
use maillage::activite::cumul;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

const YANN: &str = "conseiller.iroise@demo.maillage.fr";
const HUB_53: &str = "hub53@demo.maillage.fr";
const ENREGISTRER: &str = "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }";
const STATISTIQUES: &str =
    "query($r: String, $d: String) { tableauDeBord(region: $r, departement: $d) { activite {
    de a total { accompagnements participants minutes moinsDeCinq }
    parMois { cle libelle accompagnements }
    parDepartement { cle libelle accompagnements participants moinsDeCinq }
    parTheme { cle accompagnements } parType { cle libelle accompagnements participants moinsDeCinq }
    parCanal { cle accompagnements } parDuree { cle libelle accompagnements }
} } }";

fn aujourd_hui() -> chrono::NaiveDate {
    maillage_shared::jour::jour_en_metropole(Utc::now())
}

/// Yann (Brest, 29) records: a collective workshop of `participants`, or an individual accompaniment.
async fn enregistrer(yann: &Client, participants: i32, minutes: i32, canal: &str) {
    let type_accompagnement = if participants > 1 {
        "COLLECTIF"
    } else {
        "INDIVIDUEL"
    };
    let accompagnement = json!({ "a": {
        "date": aujourd_hui().to_string(), "typeAccompagnement": type_accompagnement, "canal": canal,
        "themes": ["Aide aux démarches administratives"], "dureeMinutes": minutes,
        "participants": participants, "communeCode": "29019"
    } });
    assert_eq!(
        yann.data(ENREGISTRER, accompagnement).await["enregistrerActivite"],
        true
    );
}

async fn statistiques(agent: &Client, region: Option<&str>, departement: Option<&str>) -> Value {
    agent
        .data(STATISTIQUES, json!({ "r": region, "d": departement }))
        .await["tableauDeBord"]["activite"]
        .clone()
}

fn ligne_nommee<'a>(liste: &'a Value, nom: &str) -> &'a Value {
    liste
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["nom"] == nom)
        .unwrap_or_else(|| panic!("no {nom} in {liste}"))
}

fn ligne<'a>(liste: &'a Value, cle: &str) -> &'a Value {
    liste
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["cle"] == cle)
        .unwrap_or_else(|| panic!("no {cle} in {liste}"))
}

on_both_engines! {
    async fn activity_statistics_of_a_departement_count_its_conseillers_accompaniments_by_month_type_canal_and_duration(app) {
        let yann = app.connecte(YANN).await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let avant = statistiques(&prefecture, None, None).await;
        assert_eq!(avant["total"]["accompagnements"], 0, "{avant}");
        assert_eq!(avant["parMois"].as_array().unwrap().len(), 12, "the twelve months up to this one");
        enregistrer(&yann, 6, 90, "LIEU_DE_PERMANENCE").await;
        enregistrer(&yann, 8, 150, "AUTRE_LIEU").await;

        let vue = statistiques(&prefecture, None, None).await;
        let ce_mois = format!("{}", aujourd_hui().format("%Y-%m"));
        assert_eq!(vue["a"], ce_mois.as_str());
        assert_eq!(vue["total"], json!({ "accompagnements": 2, "participants": 14, "minutes": 240, "moinsDeCinq": false }));
        assert_eq!(ligne(&vue["parMois"], &ce_mois)["accompagnements"], 2);
        assert_eq!(ligne(&vue["parDepartement"], "29")["libelle"], "Finistère");
        assert_eq!(ligne(&vue["parType"], "COLLECTIF")["participants"], 14);
        assert_eq!(ligne(&vue["parType"], "COLLECTIF")["libelle"], "Atelier collectif");
        assert_eq!(ligne(&vue["parCanal"], "AUTRE_LIEU")["accompagnements"], 1);
        assert_eq!(ligne(&vue["parDuree"], "60-119")["accompagnements"], 1);
        assert_eq!(ligne(&vue["parDuree"], "120+")["accompagnements"], 1);
        assert_eq!(ligne(&vue["parTheme"], "Aide aux démarches administratives")["accompagnements"], 2);

        // The rollup by département is what the accompaniments give, recounted from scratch.
        assert_eq!(cumul::stocke(&app.db).await.unwrap(), cumul::calculer(&app.db).await.unwrap());

        // Another région's and another département's agents see none of it.
        let ailleurs = statistiques(&app.connecte(ANCT).await, None, Some("35")).await;
        assert_eq!(ailleurs["total"]["accompagnements"], 0);
        assert_eq!(
            prefecture.error_code(STATISTIQUES, json!({ "d": "35" })).await,
            "FORBIDDEN",
            "a préfecture reads its own département only"
        );
    }

    async fn a_hub_a_sgar_and_anct_see_the_same_accompaniments_in_their_region_and_the_nation(app) {
        let yann = app.connecte(YANN).await;
        enregistrer(&yann, 6, 45, "A_DISTANCE").await;
        for (email, region) in [(HUB_53, None), (SGAR_53, None), (ANCT, Some("53")), (ANCT, None)] {
            let vue = statistiques(&app.connecte(email).await, region, None).await;
            assert_eq!(vue["total"]["participants"], 6, "{email} {region:?}: {vue}");
            assert_eq!(ligne(&vue["parDepartement"], "29")["accompagnements"], 1, "{email}");
        }
        let bretagne = statistiques(&app.connecte(HUB_53).await, None, None).await;
        assert_eq!(bretagne["parDepartement"].as_array().unwrap().len(), 4, "the four départements of Bretagne");
    }

    async fn activity_figures_about_fewer_than_five_people_are_withheld_from_the_territorys_agents(app) {
        let yann = app.connecte(YANN).await;
        enregistrer(&yann, 1, 30, "DOMICILE").await;
        enregistrer(&yann, 1, 30, "DOMICILE").await;
        enregistrer(&yann, 12, 60, "LIEU_DE_PERMANENCE").await;
        let vue = statistiques(&app.connecte(PREFECTURE_29).await, None, None).await;
        let individuel = ligne(&vue["parType"], "INDIVIDUEL");
        assert_eq!(individuel["moinsDeCinq"], true, "two people: {individuel}");
        assert_eq!([&individuel["accompagnements"], &individuel["participants"]], [&Value::Null, &Value::Null]);
        assert_eq!(ligne(&vue["parType"], "COLLECTIF")["participants"], 12);
        assert_eq!(ligne(&vue["parCanal"], "DOMICILE")["accompagnements"], Value::Null);
        assert_eq!(vue["total"]["participants"], 14, "the total concerns fourteen people");
        // No accompaniment at all is not a small group.
        assert_eq!(ligne(&vue["parCanal"], "AUTRE_LIEU")["accompagnements"], 0);
    }

    async fn the_prefecture_follows_which_conseillers_under_contract_reported_this_month(app) {
        let prefecture = app.connecte(PREFECTURE_29).await;
        let suivi = "{ tableauDeBord { suiviDesComptesRendus { cle libelle sousContrat actifsCeMois sansCompteRendu tauxCompletion } } }";
        let avant = prefecture.data(suivi, json!({})).await["tableauDeBord"]["suiviDesComptesRendus"].clone();
        let total = ligne(&avant, "total").clone();
        assert_eq!(ligne(&avant, "29")["libelle"], "Finistère");
        assert_eq!(ligne(&avant, "29")["sousContrat"], total["sousContrat"]);
        let sous_contrat = total["sousContrat"].as_i64().unwrap();
        assert!(sous_contrat >= 1, "Yann's contract runs: {avant}");
        assert_eq!(total["actifsCeMois"], 0);
        assert_eq!(total["sansCompteRendu"], sous_contrat);

        enregistrer(&app.connecte(YANN).await, 6, 60, "LIEU_DE_PERMANENCE").await;
        let apres = prefecture.data(suivi, json!({})).await["tableauDeBord"]["suiviDesComptesRendus"].clone();
        let total = ligne(&apres, "total");
        assert_eq!(total["actifsCeMois"], 1);
        assert_eq!(total["sansCompteRendu"], sous_contrat - 1);
        assert!((total["tauxCompletion"].as_f64().unwrap() - 1.0 / sous_contrat as f64).abs() < 1e-9);

        // A conseiller whose contract ended is no longer expected to report.
        app.db.execute_unprepared("UPDATE conseiller SET contrat_fin = '2020-01-31'").await.unwrap();
        let fini = prefecture.data(suivi, json!({})).await["tableauDeBord"]["suiviDesComptesRendus"].clone();
        assert_eq!(ligne(&fini, "total")["sousContrat"], 0);
        assert_eq!(ligne(&fini, "total")["tauxCompletion"], 0.0);
    }

    async fn the_prefecture_relaunches_the_conseillers_of_its_departement_who_recorded_nothing_this_month(app) {
        let prefecture = app.connecte(PREFECTURE_29).await;
        let liste = "{ tableauDeBord { structuresSansCompteRendu { id nom sousContrat conseillers { prenom nom communeCode } } } }";
        let structures = |vue: Value| vue["tableauDeBord"]["structuresSansCompteRendu"].clone();
        let avant = structures(prefecture.data(liste, json!({})).await);
        let iroise = ligne_nommee(&avant, "Association Iroise Numérique (démo)");
        assert!(iroise["conseillers"].as_array().unwrap().iter().any(|c| c["prenom"] == "Yann"), "{avant}");
        let sans: i64 = avant.as_array().unwrap().iter().map(|s| s["conseillers"].as_array().unwrap().len() as i64).sum();

        let relancer = "mutation($s: ID) { relancerSansCompteRendu(structure: $s) }";
        let relances = prefecture.data(relancer, json!({})).await["relancerSansCompteRendu"].as_i64().unwrap();
        assert_eq!(relances, sans, "the whole département");
        let notifications = app.connecte(YANN).await.data("{ mesNotifications { titre lien } }", json!({})).await;
        assert_eq!(notifications["mesNotifications"][0]["titre"], "Pensez à vos comptes rendus d’activité");
        assert!(app.dernier_courriel(YANN).await.contains("préfecture"));

        // One structure: only its conseillers; twice a day for the same target, the third refused and silent.
        let iroise_id = iroise["id"].clone();
        let une = prefecture.data(relancer, json!({ "s": iroise_id })).await["relancerSansCompteRendu"].as_i64().unwrap();
        assert_eq!(une, iroise["conseillers"].as_array().unwrap().len() as i64);
        prefecture.data(relancer, json!({ "s": iroise_id })).await;
        let courriels = maillage::notification::entity::email_sortant::Entity::find().count(&app.db).await.unwrap();
        assert_eq!(prefecture.error_code(relancer, json!({ "s": iroise_id })).await, "RATE_LIMITED");
        assert_eq!(maillage::notification::entity::email_sortant::Entity::find().count(&app.db).await.unwrap(), courriels);
        assert_eq!(prefecture.error_code(relancer, json!({ "s": "999999" })).await, "NOT_FOUND", "not a structure of the list");

        // The history: newest first, by whom, which structure, how many.
        let historique = prefecture.data("{ tableauDeBord { relances { le auteur structure personnes } } }", json!({})).await;
        let historique = historique["tableauDeBord"]["relances"].as_array().unwrap().clone();
        assert_eq!(historique.len(), 3, "{historique:?}");
        assert_eq!(historique[0]["structure"], "Association Iroise Numérique (démo)");
        assert_eq!(historique[2]["structure"], Value::Null, "the first was the whole département");
        assert_eq!(historique[2]["personnes"], sans);
        assert!(historique[0]["auteur"].as_str().unwrap().contains(' '), "the agent's name");

        // Once Yann has recorded this month, he is no longer on the list.
        enregistrer(&app.connecte(YANN).await, 6, 60, "LIEU_DE_PERMANENCE").await;
        let apres = structures(prefecture.data(liste, json!({})).await);
        assert!(apres.as_array().unwrap().iter().flat_map(|s| s["conseillers"].as_array().unwrap()).all(|c| c["prenom"] != "Yann"), "{apres}");

        // Only the préfecture relaunches; names are for the préfecture and ANCT, a département at a time.
        let hub = app.connecte(HUB_53).await;
        assert_eq!(hub.error_code(relancer, json!({})).await, "FORBIDDEN");
        // A nested field refused is emptied: the hub's dashboard reads without the names or the history.
        assert_eq!(structures(hub.data(liste, json!({})).await), json!([]));
        assert_eq!(hub.data("{ tableauDeBord { relances { le } } }", json!({})).await["tableauDeBord"]["relances"], json!([]));
        let anct = app.connecte(ANCT).await;
        assert_eq!(anct.error_code(liste, json!({})).await, "INVALID_INPUT", "the whole country: choose a département");
        let finistere = anct.data("{ tableauDeBord(departement: \"29\") { structuresSansCompteRendu { nom } relances { personnes } } }", json!({})).await;
        assert_eq!(finistere["tableauDeBord"]["relances"].as_array().unwrap().len(), 3);
    }

    async fn a_conseiller_and_a_coordinator_read_their_statistics_and_share_them_by_a_revocable_link(app) {
        let (coordinateur, lou) = maillage_harness::parcours::equipe_de_brest(&app).await;
        let mes = "{ mesStatistiques { total { accompagnements participants moinsDeCinq } parType { cle participants moinsDeCinq } } }";
        enregistrer(&lou, 1, 30, "DOMICILE").await;
        enregistrer(&lou, 6, 90, "LIEU_DE_PERMANENCE").await;
        // Their own figures, every one shown to them.
        let vue = lou.data(mes, json!({})).await["mesStatistiques"].clone();
        assert_eq!(vue["total"], json!({ "accompagnements": 2, "participants": 7, "moinsDeCinq": false }));
        assert_eq!(ligne(&vue["parType"], "INDIVIDUEL")["participants"], 1);
        let equipe = coordinateur.data(mes, json!({})).await["mesStatistiques"].clone();
        assert_eq!(equipe["total"]["accompagnements"], 2, "the team's: {equipe}");
        assert_eq!(app.connecte(PREFECTURE_29).await.error_code(mes, json!({})).await, "FORBIDDEN");

        // A link, shown once; the page shows the aggregate without login, small figures withheld.
        let jeton = lou.data("mutation { partagerMesStatistiques }", json!({})).await["partagerMesStatistiques"].as_str().unwrap().to_owned();
        let partagees = "query($j: String!) { statistiquesPartagees(jeton: $j) { titre statistiques { total { accompagnements } parType { cle participants moinsDeCinq } } } }";
        let publique = app.data(partagees, json!({ "j": jeton })).await["statistiquesPartagees"].clone();
        assert!(publique["titre"].as_str().unwrap().contains("Lou"), "{publique}");
        assert_eq!(publique["statistiques"]["total"]["accompagnements"], 2);
        assert_eq!(ligne(&publique["statistiques"]["parType"], "INDIVIDUEL")["moinsDeCinq"], true);
        assert_eq!(ligne(&publique["statistiques"]["parType"], "INDIVIDUEL")["participants"], Value::Null);
        assert!(lou.data("{ monPartageDeStatistiques { creeLe } }", json!({})).await["monPartageDeStatistiques"]["creeLe"].is_string());
        // Only its hash is kept.
        let garde = app.db.query_one_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), "SELECT jeton_hash FROM partage_statistiques")).await.unwrap().unwrap();
        assert_ne!(garde.try_get::<String>("", "jeton_hash").unwrap(), jeton);

        // A new link revokes the old; revoking leaves nothing to see.
        let nouveau = lou.data("mutation { partagerMesStatistiques }", json!({})).await["partagerMesStatistiques"].as_str().unwrap().to_owned();
        assert_eq!(app.error_code(partagees, json!({ "j": jeton })).await, "NOT_FOUND");
        assert_eq!(app.data(partagees, json!({ "j": nouveau })).await["statistiquesPartagees"]["statistiques"]["total"]["accompagnements"], 2);
        assert_eq!(lou.data("mutation { revoquerPartageDeStatistiques }", json!({})).await["revoquerPartageDeStatistiques"], true);
        assert_eq!(app.error_code(partagees, json!({ "j": nouveau })).await, "NOT_FOUND");
        assert_eq!(lou.data("{ monPartageDeStatistiques { creeLe } }", json!({})).await["monPartageDeStatistiques"], Value::Null);

        // The coordinator shares its team's.
        let equipe_jeton = coordinateur.data("mutation { partagerMesStatistiques }", json!({})).await["partagerMesStatistiques"].as_str().unwrap().to_owned();
        let titre = app.data(partagees, json!({ "j": equipe_jeton })).await["statistiquesPartagees"]["titre"].clone();
        assert!(titre.as_str().unwrap().contains("équipe"), "{titre}");
        assert_eq!(app.connecte(PREFECTURE_29).await.error_code("mutation { partagerMesStatistiques }", json!({})).await, "FORBIDDEN");
    }

    async fn an_employer_reads_its_conseillers_statistics_in_full_and_every_one_downloads_its_own(app) {
        let (coordinateur, lou) = maillage_harness::parcours::equipe_de_brest(&app).await;
        enregistrer(&lou, 1, 30, "DOMICILE").await;
        enregistrer(&app.connecte(YANN).await, 6, 90, "LIEU_DE_PERMANENCE").await;
        let mes = "{ mesStatistiques { total { accompagnements participants moinsDeCinq } parType { cle participants moinsDeCinq } } }";
        // The structure that employs Yann and Lou sees both, the person accompanied alone included: the
        // small-figure rule hides nothing from a conseiller's employer…
        let structure = app.connecte(common::fixtures::STRUCTURE).await;
        let vue = structure.data(mes, json!({})).await["mesStatistiques"].clone();
        assert_eq!(vue["total"], json!({ "accompagnements": 2, "participants": 7, "moinsDeCinq": false }));
        assert_eq!(ligne(&vue["parType"], "INDIVIDUEL")["participants"], 1);
        assert_eq!(ligne(&vue["parType"], "INDIVIDUEL")["moinsDeCinq"], false);
        // …while the préfecture sees it withheld.
        let prefecture = app.connecte(PREFECTURE_29).await;
        let territoire = statistiques(&prefecture, None, None).await;
        assert_eq!(ligne(&territoire["parType"], "INDIVIDUEL")["moinsDeCinq"], true, "{territoire}");
        // An employer has no public link: the link is a conseiller's or a coordinator's.
        assert_eq!(structure.error_code("mutation { partagerMesStatistiques }", json!({})).await, "FORBIDDEN");

        // A structure that employs no conseiller is told so.
        let autre = maillage::structure::entity::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.siret != "90000000000019")
            .unwrap();
        let sarah = maillage::compte::service::creer_utilisateur(&app.db, "directrice@exemple.fr", "mot de passe long", "Anne", "Directrice").await.unwrap();
        maillage::compte::liens::marquer_verifiee(&app.db, sarah.id).await.unwrap();
        maillage::compte::service::attribuer_role(&app.db, sarah.id, maillage_shared::role::Role::Structure, Some(autre.id), None, None).await.unwrap();
        let directrice = app.connecte_avec("directrice@exemple.fr", "mot de passe long").await;
        assert_eq!(directrice.error_code(mes, json!({})).await, "NO_POST");

        // Each downloads what its page shows, every figure given.
        let (statut, type_, csv) = structure.telecharger("/exports/mes-statistiques.csv").await;
        assert_eq!(statut, 200);
        assert!(type_.starts_with("text/csv"), "{type_}");
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("Total;total;Total;2;7;120;non"), "{csv}");
        assert!(csv.contains("Type;INDIVIDUEL;Accompagnement individuel;1;1;30;non"), "{csv}");
        let (_, _, equipe) = coordinateur.telecharger("/exports/mes-statistiques.csv").await;
        assert!(String::from_utf8(equipe).unwrap().contains("Total;total;Total;2;7;120;non"));
        let (_, _, siennes) = lou.telecharger("/exports/mes-statistiques.csv?de=2025-01&a=2025-03").await;
        let siennes = String::from_utf8(siennes).unwrap();
        assert!(siennes.contains("Total;total;Total;0;0;0;non"), "another period: {siennes}");
        assert_eq!(lou.telecharger("/exports/mes-statistiques.xlsx").await.0, 200);
        // Nobody else's: an agent has no « Mes statistiques », an anonymous caller no file.
        assert_eq!(prefecture.telecharger("/exports/mes-statistiques.csv").await.0, 403);
        assert_eq!(app.navigateur().telecharger("/exports/mes-statistiques.csv").await.0, 401);
        assert_eq!(lou.telecharger("/exports/mes-statistiques.csv?de=mars").await.0, 400);
    }

    async fn open_data_gives_the_activity_of_each_departement_and_month_without_login(app) {
        let yann = app.connecte(YANN).await;
        enregistrer(&yann, 12, 60, "LIEU_DE_PERMANENCE").await;
        enregistrer(&yann, 1, 30, "DOMICILE").await;
        let ouverte = "query($r: String, $d: String) { activiteOuverte(region: $r, departement: $d) { departementCode departementNom mois chiffres { accompagnements participants moinsDeCinq } } }";
        let bretagne = app.data(ouverte, json!({ "r": "53" })).await["activiteOuverte"].as_array().unwrap().clone();
        assert_eq!(bretagne.len(), 4 * 12, "four départements, twelve months");
        let ce_mois = aujourd_hui().format("%Y-%m").to_string();
        let finistere = bretagne.iter().find(|l| l["departementCode"] == "29" && l["mois"] == ce_mois.as_str()).unwrap();
        assert_eq!(finistere["chiffres"], json!({ "accompagnements": 2, "participants": 13, "moinsDeCinq": false }));
        assert_eq!(finistere["departementNom"], "Finistère");

        // One person alone in a département and month is withheld, in the API and in the file.
        use chrono::Datelike;
        let mois_dernier = aujourd_hui().with_day(1).unwrap() - chrono::Days::new(1);
        let seul = json!({ "a": {
            "date": mois_dernier.to_string(), "typeAccompagnement": "INDIVIDUEL", "canal": "DOMICILE",
            "themes": ["Aide aux démarches administratives"], "dureeMinutes": 30, "participants": 1
        } });
        yann.data(ENREGISTRER, seul).await;
        let mois_dernier = mois_dernier.format("%Y-%m").to_string();
        let finistere = app.data(ouverte, json!({ "d": "29" })).await["activiteOuverte"].as_array().unwrap().iter().find(|l| l["mois"] == mois_dernier.as_str()).unwrap().clone();
        assert_eq!(finistere["chiffres"], json!({ "accompagnements": null, "participants": null, "moinsDeCinq": true }));
        let (statut, type_, fichier) = app.navigateur().telecharger("/donnees/activite.csv?departement=29").await;
        assert_eq!(statut, 200);
        assert!(type_.starts_with("text/csv"));
        let texte = String::from_utf8(fichier).unwrap();
        assert!(texte.contains(&format!("29;Finistère;{ce_mois};2;13;")), "{texte}");
        assert!(texte.contains(&format!("29;Finistère;{mois_dernier};;;;oui")), "{texte}");
        assert_eq!(texte.lines().count(), 13, "the header and twelve months");
        assert_eq!(app.error_code(ouverte, json!({ "d": "2A9" })).await, "INVALID_TERRITORY_CODE");
    }

    async fn a_period_of_statistics_is_checked(app) {
        let prefecture = app.connecte(PREFECTURE_29).await;
        let periode = "query($de: String, $a: String) { tableauDeBord { activite(de: $de, a: $a) { de a parMois { cle } } } }";
        let vue = prefecture.data(periode, json!({ "de": "2026-01", "a": "2026-03" })).await;
        let mois: Vec<&str> = vue["tableauDeBord"]["activite"]["parMois"].as_array().unwrap().iter().map(|m| m["cle"].as_str().unwrap()).collect();
        assert_eq!(mois, ["2026-01", "2026-02", "2026-03"]);
        for (de, a) in [("2026-04", "2026-03"), ("2020-01", "2026-03"), ("2026-13", "2026-12"), ("mars", "2026-03")] {
            assert_eq!(prefecture.error_code(periode, json!({ "de": de, "a": a })).await, "INVALID_INPUT", "{de} → {a}");
        }
    }
}

on_both_engines! {
    async fn a_territorys_activity_and_reporting_read_by_employer_and_epci_and_filtered_on_one_employer(app) {
        let yann = app.connecte(YANN).await;
        enregistrer(&yann, 6, 60, "LIEU_DE_PERMANENCE").await;
        enregistrer(&yann, 7, 60, "AUTRE_LIEU").await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let vue = prefecture
            .data("{ tableauDeBord { activite { parStructure { cle libelle accompagnements participants } parEpci { cle libelle accompagnements } } } }", json!({}))
            .await["tableauDeBord"]["activite"].clone();
        let iroise = ligne_nommee_libelle(&vue["parStructure"], "Association Iroise Numérique (démo)");
        assert_eq!([&iroise["accompagnements"], &iroise["participants"]], [&json!(2), &json!(13)]);
        let brest = ligne(&vue["parEpci"], common::fixtures::BREST_METROPOLE);
        assert_eq!(brest["accompagnements"], 2, "{vue}");
        assert_eq!(brest["libelle"], "Brest Métropole");
        assert_eq!(cumul::stocke(&app.db).await.unwrap(), cumul::calculer(&app.db).await.unwrap());
        // A région's or the nation's dashboard sums them by département instead of listing thousands.
        let national = app.connecte(ANCT).await.data("{ tableauDeBord { activite { parStructure { cle } parEpci { cle } parDepartement { cle accompagnements } } } }", json!({})).await;
        assert_eq!(national["tableauDeBord"]["activite"]["parStructure"], json!([]));
        assert_eq!(national["tableauDeBord"]["activite"]["parEpci"], json!([]));
        assert_eq!(ligne(&national["tableauDeBord"]["activite"]["parDepartement"], "29")["accompagnements"], 2);

        // Filtered on the employer: its conseillers' figures; another employer's are none.
        let filtre = "query($s: ID) { tableauDeBord { activite(structure: $s) { total { accompagnements } parStructure { cle } } } }";
        let seule = prefecture.data(filtre, json!({ "s": iroise["cle"] })).await["tableauDeBord"]["activite"].clone();
        assert_eq!(seule["total"]["accompagnements"], 2);
        let autre = prefecture.data(filtre, json!({ "s": "999999" })).await["tableauDeBord"]["activite"].clone();
        assert_eq!(autre["total"]["accompagnements"], 0);
        // Another département's préfecture filtering on it sees nothing of Finistère.
        let ailleurs = app.connecte(common::fixtures::PREFECTURE_35).await.data(filtre, json!({ "s": iroise["cle"] })).await;
        assert_eq!(ailleurs["tableauDeBord"]["activite"]["total"]["accompagnements"], 0);

        // This month's reporting by employer and by EPCI.
        let suivi = "query($p: GroupeSuivi) { tableauDeBord { suiviDesComptesRendus(par: $p) { cle libelle sousContrat actifsCeMois } } }";
        let par_structure = prefecture.data(suivi, json!({ "p": "STRUCTURE" })).await["tableauDeBord"]["suiviDesComptesRendus"].clone();
        let ligne_iroise = ligne_nommee_libelle(&par_structure, "Association Iroise Numérique (démo)");
        assert_eq!(ligne_iroise["actifsCeMois"], 1);
        assert_eq!(ligne(&par_structure, "total")["actifsCeMois"], 1);
        let par_epci = prefecture.data(suivi, json!({ "p": "EPCI" })).await["tableauDeBord"]["suiviDesComptesRendus"].clone();
        assert_eq!(ligne(&par_epci, common::fixtures::BREST_METROPOLE)["actifsCeMois"], 1);

        // What the page shows, downloaded: every group, with the same withheld figures, in CSV and xlsx.
        let (statut, _, csv) = prefecture.telecharger("/exports/activite.csv").await;
        assert_eq!(statut, 200);
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("Total;total;Total;2;13;120;non"), "{csv}");
        assert!(csv.contains("Structure employeuse;"), "{csv}");
        assert!(csv.contains(";Brest Métropole;2;13;120;non"), "{csv}");
        let filtre = format!("/exports/activite.csv?structure={}", iroise["cle"].as_str().unwrap());
        assert!(String::from_utf8(prefecture.telecharger(&filtre).await.2).unwrap().contains("Total;total;Total;2;"));
        assert_eq!(prefecture.telecharger("/exports/activite.xlsx").await.0, 200);
        // Another département's préfecture and an anonymous caller get no Finistère figures.
        assert_eq!(app.connecte(common::fixtures::PREFECTURE_35).await.telecharger("/exports/activite.csv?departement=29").await.0, 403);
        assert_eq!(app.navigateur().telecharger("/exports/activite.csv").await.0, 401);
    }
}

on_both_engines! {
    async fn a_territorys_activity_filtered_on_a_coordinators_team(app) {
        let (_, lou) = maillage_harness::parcours::equipe_de_brest(&app).await;
        enregistrer(&lou, 6, 60, "LIEU_DE_PERMANENCE").await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let equipes = prefecture.data("{ tableauDeBord { equipes { id libelle } } }", json!({})).await["tableauDeBord"]["equipes"].clone();
        let brest = equipes.as_array().unwrap().iter().find(|e| e["libelle"] == "Équipe de Yann Conseiller-Iroise").unwrap_or_else(|| panic!("{equipes}")).clone();
        let filtre = "query($e: ID, $s: ID) { tableauDeBord { activite(equipe: $e, structure: $s) { total { accompagnements participants } } } }";
        let vue = prefecture.data(filtre, json!({ "e": brest["id"] })).await["tableauDeBord"]["activite"].clone();
        assert_eq!(vue["total"], json!({ "accompagnements": 1, "participants": 6 }));
        // The same team from another département's préfecture: nothing; both filters at once: refused.
        let ailleurs = app.connecte(common::fixtures::PREFECTURE_35).await.data(filtre, json!({ "e": brest["id"] })).await;
        assert_eq!(ailleurs["tableauDeBord"]["activite"]["total"]["accompagnements"], 0);
        assert_eq!(prefecture.error_code(filtre, json!({ "e": brest["id"], "s": "1" })).await, "INVALID_INPUT");
        let (statut, _, csv) = prefecture.telecharger(&format!("/exports/activite.csv?equipe={}", brest["id"].as_str().unwrap())).await;
        assert_eq!(statut, 200);
        assert!(String::from_utf8(csv).unwrap().contains("Total;total;Total;1;6;60;non"));
    }
}

on_both_engines! {
    async fn a_territorys_activity_is_broken_down_by_coordinators_team(app) {
        let (_, lou) = maillage_harness::parcours::equipe_de_brest(&app).await;
        enregistrer(&lou, 6, 60, "LIEU_DE_PERMANENCE").await;
        let prefecture = app.connecte(PREFECTURE_29).await;
        let par_equipe = "query($de: String, $a: String) { tableauDeBord { activiteParEquipe(de: $de, a: $a) { chiffres { cle libelle accompagnements participants minutes moinsDeCinq } suivi { sousContrat actifsCeMois sansCompteRendu tauxCompletion } } } }";
        let lignes = prefecture.data(par_equipe, json!({})).await["tableauDeBord"]["activiteParEquipe"].clone();
        let brest = lignes.as_array().unwrap().iter().find(|l| l["chiffres"]["libelle"] == "Équipe de Yann Conseiller-Iroise").unwrap_or_else(|| panic!("{lignes}")).clone();
        assert_eq!(brest["chiffres"]["accompagnements"], 1);
        assert_eq!(brest["chiffres"]["participants"], 6);
        // This month, Lou recorded and Yann did not: the team's reporting is half done.
        assert_eq!(brest["suivi"], json!({ "sousContrat": 2, "actifsCeMois": 1, "sansCompteRendu": 1, "tauxCompletion": 0.5 }), "Yann and Lou");
        // The same figures as the dashboard filtered on that team.
        let filtre = "query($e: ID) { tableauDeBord { activite(equipe: $e) { total { accompagnements participants } } } }";
        let id = brest["chiffres"]["cle"].as_str().unwrap().to_owned();
        let filtree = prefecture.data(filtre, json!({ "e": id })).await["tableauDeBord"]["activite"]["total"].clone();
        assert_eq!(filtree, json!({ "accompagnements": 1, "participants": 6 }));
        // The région's and the nation's dashboards list it too; another département's does not.
        for agent in [SGAR_53, ANCT] {
            let lignes = app.connecte(agent).await.data(par_equipe, json!({})).await["tableauDeBord"]["activiteParEquipe"].clone();
            assert!(lignes.as_array().unwrap().iter().any(|l| l["chiffres"]["cle"] == id.as_str()), "{agent}: {lignes}");
        }
        let ailleurs = app.connecte(common::fixtures::PREFECTURE_35).await.data(par_equipe, json!({})).await["tableauDeBord"]["activiteParEquipe"].clone();
        assert!(ailleurs.as_array().unwrap().iter().all(|l| l["chiffres"]["cle"] != id.as_str()), "{ailleurs}");

        // A team's month with one person accompanied: withheld from the préfecture.
        use chrono::Datelike;
        let mois_dernier = aujourd_hui().with_day(1).unwrap() - chrono::Days::new(1);
        let seul = json!({ "a": {
            "date": mois_dernier.to_string(), "typeAccompagnement": "INDIVIDUEL", "canal": "DOMICILE",
            "themes": ["Aide aux démarches administratives"], "dureeMinutes": 30, "participants": 1
        } });
        lou.data(ENREGISTRER, seul).await;
        let mois = mois_dernier.format("%Y-%m").to_string();
        let lignes = prefecture.data(par_equipe, json!({ "de": mois, "a": mois })).await["tableauDeBord"]["activiteParEquipe"].clone();
        let brest = lignes.as_array().unwrap().iter().find(|l| l["chiffres"]["cle"] == id.as_str()).unwrap();
        assert_eq!(brest["chiffres"]["moinsDeCinq"], true, "{brest}");
        assert_eq!(brest["chiffres"]["participants"], Value::Null);

        // Downloaded with the territory's figures, and refused to whoever has no dashboard.
        let (_, _, csv) = prefecture.telecharger("/exports/activite.csv").await;
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains(&format!("Équipe de coordinateur;{id};Équipe de Yann Conseiller-Iroise;2;7;90;non")), "{csv}");
        assert_eq!(lou.error_code(par_equipe, json!({})).await, "FORBIDDEN");
    }
}

fn ligne_nommee_libelle<'a>(liste: &'a Value, libelle: &str) -> &'a Value {
    liste
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["libelle"] == libelle)
        .unwrap_or_else(|| panic!("no {libelle} in {liste}"))
}

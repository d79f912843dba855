//! Request quotas per address and per verified API token, and what API tokens are: shown once, stored
//! hashed, scoped, read only, refused once revoked or expired or used from elsewhere.

use common::TestApp;
use common::fixtures::creer_jeton_api;
use maillage_harness::{self as common, on_both_engines};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

on_both_engines! {
async fn api_requests_beyond_the_quota_get_429_with_retry_after(app) with |settings| {
    settings.application.requetes_par_minute = 5;
} {
    // A minute's quota at once, then one request per twelve seconds: the sixth waits about twelve.
    let mut statuts = Vec::new();
    let mut derniere = None;
    for _ in 0..6 {
        let reponse = app
            .client
            .post(format!("{}/graphql", app.address))
            .json(&json!({ "query": "{ regions { code } }" }))
            .send()
            .await
            .unwrap();
        statuts.push(reponse.status().as_u16());
        derniere = Some(reponse);
    }
    assert_eq!(statuts, [200, 200, 200, 200, 200, 429]);
    let derniere = derniere.unwrap();
    let attendre: u64 = derniere.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=12).contains(&attendre), "{attendre}");
    assert_eq!(derniere.headers()["x-error-code"], "RATE_LIMITED");
    let sante = app
        .client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(sante.status(), 200, "health checks are not counted");
}

async fn a_client_cannot_take_a_new_quota_by_sending_x_forwarded_for(app) with |settings| {
    settings.application.requetes_par_minute = 5;
} {
    // Not behind our own proxy (the default), the header is the client's word: the connection counts.
    let mut statuts = Vec::new();
    for n in 0..6 {
        let reponse = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("x-forwarded-for", format!("198.51.100.{n}"))
            .json(&json!({ "query": "{ regions { code } }" }))
            .send()
            .await
            .unwrap();
        statuts.push(reponse.status().as_u16());
    }
    assert_eq!(statuts, [200, 200, 200, 200, 200, 429]);
}
}

const CREER_JETON: &str = common::fixtures::CREER_JETON;

on_both_engines! {
    async fn api_tokens_are_shown_once_stored_hashed_scoped_and_read_only(app) {
        use common::parcours::*;
        candidature_deposee(&app).await;
        let anct = app.connecte(ANCT).await;
        let expire = (maillage_shared::jour::jour_en_metropole(chrono::Utc::now()) + chrono::Days::new(30)).to_string();
        assert_eq!(
            app.connecte(PREFECTURE_29).await.error_code(CREER_JETON, json!({ "e": { "nom": "x", "expireLe": expire } })).await,
            "FORBIDDEN",
            "only ANCT creates tokens"
        );
        let (ouvert, _) = creer_jeton_api(&anct, None, &[]).await;
        assert!(ouvert.starts_with("mlg_") && ouvert.len() > 60);
        let stocke = app.db.query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(), "SELECT empreinte FROM jeton_api".to_owned())).await.unwrap().unwrap();
        let empreinte: String = stocke.try_get("", "empreinte").unwrap();
        assert_ne!(empreinte, ouvert, "only a fingerprint is stored");
        let liste = anct.data("{ jetonsApi { nom portee derniereUtilisation } }", json!({})).await;
        assert!(!liste.to_string().contains(&ouvert), "never shown again");

        let donnees = app.avec_jeton(&ouvert, "{ indicateursDepartements { lieux } }").await;
        assert_eq!(donnees["data"]["indicateursDepartements"].as_array().unwrap().len(), 101);
        let refus = app.avec_jeton(&ouvert, "{ candidatures { total } }").await;
        assert_eq!(refus["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "open data only: {refus}");
        let liste = anct.data("{ jetonsApi { derniereUtilisation } }", json!({})).await;
        assert!(liste["jetonsApi"][0]["derniereUtilisation"].is_string(), "last use recorded: {liste}");

        let (finistere, id_finistere) = creer_jeton_api(&anct, Some("29"), &[]).await;
        let lues = app.avec_jeton(&finistere, "{ candidatures { total } }").await;
        assert_eq!(lues["data"]["candidatures"]["total"], 1, "{lues}");
        let (ille_et_vilaine, _) = creer_jeton_api(&anct, Some("35"), &[]).await;
        assert_eq!(app.avec_jeton(&ille_et_vilaine, "{ candidatures { total } }").await["data"]["candidatures"]["total"], 0);

        let ecriture = app.avec_jeton(&finistere, "mutation { creerCandidature { id } }").await;
        assert_eq!(ecriture["errors"][0]["extensions"]["code"], "FORBIDDEN", "tokens never write: {ecriture}");

        anct.data("mutation($id: ID!) { revoquerJetonApi(id: $id) { revoqueLe } }", json!({ "id": id_finistere })).await;
        let revoque = app.avec_jeton(&finistere, "{ candidatures { total } }").await;
        assert_eq!(revoque["errors"][0]["extensions"]["code"], "FORBIDDEN", "{revoque}");
        let inconnu = app.avec_jeton("mlg_inconnu", "{ regions { code } }").await;
        assert_eq!(inconnu["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");

        let (ailleurs, _) = creer_jeton_api(&anct, None, &["192.0.2.1"]).await;
        let hors_liste = app.avec_jeton(&ailleurs, "{ regions { code } }").await;
        assert_eq!(hors_liste["errors"][0]["extensions"]["code"], "FORBIDDEN", "address not allowed: {hors_liste}");
        let (ici, _) = creer_jeton_api(&anct, None, &["127.0.0.1"]).await;
        assert!(app.avec_jeton(&ici, "{ regions { code } }").await.get("errors").is_none());

        app.db.execute_unprepared("UPDATE jeton_api SET expire_le = '2020-01-01T00:00:00Z'").await.unwrap();
        let expire = app.avec_jeton(&ici, "{ regions { code } }").await;
        assert_eq!(expire["errors"][0]["extensions"]["code"], "FORBIDDEN", "expired: {expire}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_made_up_token_or_a_new_ipv6_address_gets_no_quota_of_its_own() {
    for engine in [common::Engine::Sqlite, common::Engine::Postgres] {
        let app = TestApp::spawn_with(engine, |settings| {
            settings.application.requetes_par_minute = 5;
            settings.application.derriere_un_proxy = true;
        })
        .await;
        // Six requests from one /64, each from another address of it and with another made-up token.
        let mut statuts = Vec::new();
        for n in 0..6 {
            let reponse = app
                .client
                .post(format!("{}/graphql", app.address))
                .header("x-forwarded-for", format!("2001:db8:5:6::{n}"))
                .bearer_auth(format!("mlg_invente_{n}"))
                .json(&json!({ "query": "{ regions { code } }" }))
                .send()
                .await
                .unwrap();
            statuts.push(reponse.status().as_u16());
        }
        assert_eq!(statuts, [200, 200, 200, 200, 200, 429], "{engine:?}");
        let ailleurs = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("x-forwarded-for", "2001:db8:5:7::1")
            .json(&json!({ "query": "{ regions { code } }" }))
            .send()
            .await
            .unwrap();
        assert_eq!(ailleurs.status(), 200, "another /64 is another client");
    }
}

on_both_engines! {
async fn each_api_token_has_its_own_quota(app) with |settings| {
    settings.application.requetes_par_minute_jeton = 3;
} {
    let anct = app.connecte(common::parcours::ANCT).await;
    let (jeton, _) = creer_jeton_api(&anct, None, &[]).await;
    let mut statuts = Vec::new();
    for _ in 0..4 {
        let reponse = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&jeton)
            .json(&json!({ "query": "{ regions { code } }" }))
            .send()
            .await
            .unwrap();
        statuts.push(reponse.status().as_u16());
    }
    assert_eq!(statuts, [200, 200, 200, 429]);
    let anonyme = app.graphql("{ regions { code } }", json!({})).await;
    assert!(
        anonyme.get("errors").is_none(),
        "the address's own quota is separate"
    );
}
}

on_both_engines! {
    async fn a_departement_token_reads_its_candidatures_and_dashboard_and_nothing_only_agents_read(app) {
        use common::parcours::*;
        let (_, id) = candidature_validee(&app).await;
        let anct = app.connecte(ANCT).await;
        let (jeton, _) = creer_jeton_api(&anct, Some("29"), &[]).await;
        let lues = app.avec_jeton(&jeton,
            "{ candidatures { elements { statut structure { nom } departement { code } } } tableauDeBord { libelle } }",
        )
        .await;
        assert!(lues.get("errors").is_none(), "{lues}");
        assert_eq!(lues["data"]["candidatures"]["elements"][0]["departement"]["code"], "29");
        let fiche = app.avec_jeton(&jeton,
            &format!("{{ candidature(id: \"{id}\") {{ statut avis {{ commentaire }} historique {{ commentaire }} consultations {{ commentaire }} chevauchements {{ structure }} }} }}"),
        )
        .await;
        assert!(fiche.get("errors").is_none(), "{fiche}");
        let fiche = &fiche["data"]["candidature"];
        assert_eq!(fiche["statut"], "VALIDEE");
        assert_eq!(fiche["avis"], Value::Null, "the préfecture's avis is the agents'");
        assert_eq!([&fiche["historique"], &fiche["consultations"], &fiche["chevauchements"]], [&json!([]), &json!([]), &json!([])]);
        let annee = chrono::Datelike::year(&maillage_shared::jour::jour_en_metropole(chrono::Utc::now()));
        for reserve in [
            format!("{{ rapportsAnnuels(annee: {annee}) {{ coordinateur }} }}"),
            "{ journeesDeRencontre { id } }".to_owned(),
            "{ mesNotifications { id } }".to_owned(),
        ] {
            let refus = app.avec_jeton(&jeton, &reserve).await;
            assert_eq!(refus["errors"][0]["extensions"]["code"], "FORBIDDEN", "{reserve}: {refus}");
        }
    }
}

//! `/metrics`, on SQLite and PostgreSQL: GraphQL requests counted by operation name and outcome with their
//! latency, HTTP answers by status, the database pool and the outbox's backlog, in Prometheus's text format;
//! refused to addresses outside `application.metriques_depuis`, behind the proxy as well.

use maillage_harness::on_both_engines;

use maillage::notification::entity::email_sortant;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

async fn metriques(app: &maillage_harness::TestApp, transmis_pour: Option<&str>) -> (u16, String) {
    let mut requete = app.client.get(format!("{}/metrics", app.address));
    if let Some(adresse) = transmis_pour {
        requete = requete.header("x-forwarded-for", adresse);
    }
    let reponse = requete.send().await.unwrap();
    let statut = reponse.status().as_u16();
    if statut == 200 {
        assert_eq!(
            reponse.headers()["content-type"],
            "text/plain; version=0.0.4; charset=utf-8"
        );
    }
    (statut, reponse.text().await.unwrap())
}

async fn operation(app: &maillage_harness::TestApp, nom: &str, query: &str) {
    app.client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": query, "operationName": nom }))
        .send()
        .await
        .unwrap();
}

on_both_engines! {
    async fn metrics_count_operations_by_name_and_outcome_and_show_the_pool_and_the_outbox(app) {
        operation(&app, "Regions", "query Regions { regions { code } }").await;
        operation(&app, "Regions", "query Regions { regions { code } }").await;
        operation(&app, "Faute", "query Faute { champInconnu }").await;

        let (statut, texte) = metriques(&app, None).await;
        assert_eq!(statut, 200, "{texte}");
        assert!(texte.contains("maillage_graphql_requetes_total{operation=\"Regions\",issue=\"ok\"} 2"), "{texte}");
        assert!(texte.contains("maillage_graphql_duree_secondes_count{operation=\"Regions\"} 2"), "{texte}");
        assert!(texte.contains("maillage_graphql_duree_secondes_bucket{operation=\"Regions\",le=\"+Inf\"} 2"), "{texte}");
        assert!(texte.contains("maillage_graphql_requetes_total{operation=\"Faute\",issue=\"INVALID_QUERY\"} 1"), "{texte}");
        assert!(texte.contains("maillage_http_reponses_total{statut=\"200\"}"), "{texte}");
        assert!(texte.contains("maillage_base_connexions{etat=\"maximum\"}"), "{texte}");
        let en_attente = email_sortant::Entity::find()
            .filter(email_sortant::Column::EnvoyeLe.is_null())
            .count(&app.db)
            .await
            .unwrap();
        assert!(texte.contains(&format!("maillage_courriels_en_attente {en_attente}\n")), "{texte}");
        assert!(texte.contains("# TYPE maillage_graphql_duree_secondes histogram"));
    }
}

on_both_engines! {
    async fn metrics_are_refused_to_addresses_outside_the_setting(app) with |settings| {
        settings.application.metriques_depuis = vec!["10.0.0.0/8".to_owned()];
    } {
        let (statut, _) = metriques(&app, None).await;
        assert_eq!(statut, 403, "loopback is not in 10.0.0.0/8");
    }

    async fn behind_the_proxy_metrics_are_refused_to_an_outside_client(app) with |settings| {
        settings.application.derriere_un_proxy = true;
    } {
        // The proxy connects from loopback; the client it forwards for is outside.
        let (statut, _) = metriques(&app, Some("203.0.113.9")).await;
        assert_eq!(statut, 403);
        let (statut, _) = metriques(&app, Some("127.0.0.1")).await;
        assert_eq!(statut, 200);
    }
}

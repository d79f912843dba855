//! HTTP surface: health endpoints, the SPA's history fallback, request ids, GraphiQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

sur_les_deux_moteurs! {
    async fn health_endpoints_answer_ok_when_the_database_answers(app) {
        for path in ["/healthz", "/readyz"] {
            let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            assert_eq!(response.text().await.unwrap(), "ok");
        }
    }

    async fn client_side_routes_are_served_the_single_page_app(app) {
        for path in ["/", "/territoires/departements/29", "/nimporte/quoi"] {
            let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            assert!(response.text().await.unwrap().contains("<title>SPA</title>"), "{path}");
        }
    }

    async fn every_response_carries_a_request_id(app) {
        let response = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
        let id = response.headers().get("x-request-id").expect("x-request-id").to_str().unwrap();
        assert_eq!(id.len(), 36, "a UUID: {id}");
        let response = app
            .client
            .get(format!("{}/healthz", app.address))
            .header("x-request-id", "abc-123")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["x-request-id"], "abc-123", "a caller's id is kept for tracing");
    }

    async fn graphiql_is_served_on_get(app) {
        let response = app.client.get(format!("{}/graphql", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.text().await.unwrap().to_lowercase().contains("graphiql"));
    }

    async fn an_oversized_graphql_body_is_refused(app) {
        let query = format!("{{ regions {{ code }} }} #{}", "x".repeat(100 * 1024));
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .json(&serde_json::json!({ "query": query }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 413);
    }
}

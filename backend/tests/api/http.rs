//! HTTP surface: health endpoints, the SPA's history fallback, request ids.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use maillage_harness::{self as common, on_both_engines};

on_both_engines! {
    async fn responses_carry_security_headers_and_a_csp_allowing_no_inline_script(app) {
        let page = app.client.get(format!("{}/territoires", app.address)).send().await.unwrap();
        let entetes = page.headers();
        assert_eq!(entetes["x-content-type-options"], "nosniff");
        assert_eq!(entetes["x-frame-options"], "DENY");
        assert_eq!(entetes["referrer-policy"], "same-origin", "no path of ours in another site's logs");
        assert!(entetes.get("strict-transport-security").is_none(), "HSTS only when the site is served over TLS");
        let csp = entetes["content-security-policy"].to_str().unwrap();
        // Scripts are files of the site: the test page's inline `boot();` (an injected script) would not run.
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"), "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'") && !csp.contains("'unsafe-eval'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        let api = app
            .client
            .post(format!("{}/graphql", app.address))
            .json(&serde_json::json!({ "query": "{ regions { code } }" }))
            .send()
            .await
            .unwrap();
        assert_eq!(api.headers()["cache-control"], "no-cache", "public data: kept by a browser, asked again each time");
        let connecte = app.connecte(maillage_harness::parcours::STRUCTURE).await;
        let sien = connecte.http.post(format!("{}/graphql", app.address)).json(&serde_json::json!({ "query": "{ moi { email } }" })).send().await.unwrap();
        assert_eq!(sien.headers()["cache-control"], "no-store", "a logged-in caller's answers may hold personal data");
    }


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

    async fn a_page_arrives_with_its_first_words_before_the_app_loads(app) {
        use maillage_shared::premier_rendu::{ACCUEIL, CARTE};
        std::fs::write(
            app.static_dir.join("index.html"),
            "<!doctype html><html><head><title>SPA</title></head><body class=\"x\"><noscript>JS</noscript></body></html>",
        )
        .unwrap();
        let page = async |chemin: &str| {
            let reponse = app.client.get(format!("{}{chemin}", app.address)).send().await.unwrap();
            assert_eq!(reponse.status(), 200, "{chemin}");
            assert_eq!(reponse.headers()["content-type"], "text/html; charset=utf-8");
            reponse.text().await.unwrap()
        };
        // The header with the service's name, then the page's own title and lead, as the app draws them.
        let accueil = page("/").await;
        assert!(accueil.contains(r#"<body class="x"><div id="premier-rendu"><header role="banner""#), "{accueil}");
        assert!(accueil.contains(&format!("<h1>{}</h1><p class=\"fr-text--lead\">{}</p>", ACCUEIL.titre, ACCUEIL.texte)), "{accueil}");
        assert!(page("/carte").await.contains(CARTE.texte));
        let finistere = page("/carte/29").await;
        assert!(finistere.contains("<h1>Finistère (29)</h1>"), "{finistere}");
        assert!(finistere.contains(r#"<a href="/territoires/regions/53">Bretagne</a>"#), "{finistere}");
        // The space of the person the session cookie names, in her role; nothing of anyone's to a visitor.
        let prefecture = app.connecte(maillage_harness::parcours::PREFECTURE_29).await;
        let espace = prefecture.http.get(format!("{}/espace", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(espace.contains(r#"<h1 class="fr-mt-4w">Mon espace</h1><p class="fr-text--lead">Candidatures à instruire — Préfecture — Finistère (29)</p>"#), "{espace}");
        // Where the first words depend on data the app loads or on who asks: the frame alone.
        for chemin in ["/espace", "/carte/2X", "/connexion", "/candidatures/1"] {
            let cadre = page(chemin).await;
            assert!(cadre.contains("premier-rendu") && !cadre.contains("<h1>"), "{chemin}: {cadre}");
        }
    }

    async fn built_files_are_sent_as_compressed_at_build_time(app) {
        let nom = "frontend-0123456789abcdef.wasm";
        std::fs::write(app.static_dir.join(nom), b"the module").unwrap();
        std::fs::write(app.static_dir.join(format!("{nom}.br")), b"brotli bytes").unwrap();
        std::fs::write(app.static_dir.join(format!("{nom}.gz")), b"gzip bytes").unwrap();
        for (accepte, codage, octets) in [
            (Some("gzip, deflate, br"), Some("br"), "brotli bytes"),
            (Some("gzip"), Some("gzip"), "gzip bytes"),
            (None, None, "the module"),
        ] {
            let mut requete = app.client.get(format!("{}/{nom}", app.address));
            if let Some(accepte) = accepte {
                requete = requete.header("accept-encoding", accepte);
            }
            let reponse = requete.send().await.unwrap();
            let recu = reponse.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_owned());
            assert_eq!(recu.as_deref(), codage, "{accepte:?}");
            assert_eq!(reponse.headers()["cache-control"], "public, max-age=31536000, immutable");
            assert_eq!(reponse.text().await.unwrap(), octets, "{accepte:?}");
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
        let id = response.headers()["x-request-id"].to_str().unwrap();
        assert!(id != "abc-123" && id.len() == 36, "the server makes its own id, whatever the caller sends: {id}");
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

on_both_engines! {
    async fn behind_tls_every_answer_asks_browsers_to_use_https_for_two_years(app) with |settings| {
        settings.application.hsts = true;
    } {
        for chemin in ["/", "/graphql", "/healthz"] {
            let reponse = app.client.get(format!("{}{chemin}", app.address)).send().await.unwrap();
            assert_eq!(
                reponse.headers()["strict-transport-security"],
                "max-age=63072000; includeSubDomains",
                "{chemin}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_hides_the_schema_from_anonymous_callers() {
    let app = common::TestApp::spawn_with(common::Engine::Sqlite, |settings| {
        settings.application.production = true
    })
    .await;
    let reponse = app
        .graphql("{ __schema { queryType { name } } }", serde_json::json!({}))
        .await;
    assert_eq!(
        reponse["data"]["__schema"],
        serde_json::Value::Null,
        "introspection answers nothing: {reponse}"
    );
    let reponse = app
        .graphql(
            "{ __type(name: \"Candidature\") { fields { name } } }",
            serde_json::json!({}),
        )
        .await;
    assert_eq!(reponse["data"]["__type"], serde_json::Value::Null, "{reponse}");
    let reponse = app.graphql("{ regionz { code } }", serde_json::json!({})).await;
    let message = reponse["errors"][0]["message"].as_str().unwrap();
    assert!(
        !message.contains("Did you mean"),
        "no suggestions in production: {message}"
    );
    let ouvert = app
        .graphql("{ departement(code: \"29\") { nom } }", serde_json::json!({}))
        .await;
    assert_eq!(
        ouvert["data"]["departement"]["nom"], "Finistère",
        "open data still answers"
    );
}

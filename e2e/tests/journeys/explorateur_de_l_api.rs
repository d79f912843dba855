//! Journey: a developer follows « API ouverte » from the home page to the API explorer (GET /graphql), runs
//! the example query and reads the régions; GraphiQL comes from Maillage's own files, under the site's
//! policy, and the browser fetched nothing from any other address.

use crate::navigateur::{Navigateur, Serveur};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_explorer_runs_a_query_from_the_site_s_own_files() {
    let serveur = Serveur::demarrer(false).await;
    let developpeur = Navigateur::sur(&serveur).await;

    developpeur.ouvrir("/").await;
    developpeur.attendre_element("main#contenu h1").await;
    developpeur.cliquer_lien("API ouverte").await;
    developpeur.attendre_element(".graphiql-container").await;
    developpeur
        .attendre_texte(
            ".graphiql-query-editor",
            "Explorateur de l’API GraphQL de Maillage",
        )
        .await;
    developpeur
        .attendre_element(".graphiql-execute-button")
        .await
        .click()
        .await
        .unwrap();
    developpeur.attendre_texte(".result-window", "Bretagne").await;

    let ailleurs = developpeur
        .client
        .execute(
            "return performance.getEntriesByType('resource').map((e) => e.name)
                .filter((nom) => !nom.startsWith(location.origin) && !nom.startsWith('data:'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        ailleurs,
        serde_json::json!([]),
        "everything from the site itself (or inline data)"
    );
    developpeur.verifier_accessibilite("l’explorateur de l’API").await;
}

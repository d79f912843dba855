//! First contentful paint of the home page and of the national map, measured in Chromium with an empty
//! cache (a new browser profile for each page), with what the page downloaded before it was usable. The
//! figures are printed for docs/benchmarks.md, never asserted against a duration: the test asserts that the
//! page painted, rendered its content, and fetched its WASM compressed.

use crate::navigateur::{Navigateur, Serveur};
use serde_json::Value;

/// Opens `chemin` in a new browser, waits for the app's title, and prints its first paint and downloads.
async fn mesurer(serveur: &Serveur, chemin: &str, titre: &str) -> Value {
    let nav = Navigateur::sur(serveur).await;
    nav.ouvrir(chemin).await;
    // The server's first paint already has the title: wait for the app's (`main#contenu`), which replaces
    // that paint once the browser has shown it.
    nav.attendre_texte("main#contenu h1", titre).await;
    let mesure = nav
        .client
        .execute(
            "const fcp = performance.getEntriesByName('first-contentful-paint')[0];
             const nav = performance.getEntriesByType('navigation')[0];
             const ressources = performance.getEntriesByType('resource');
             const octets = (filtre) => ressources.filter(filtre)
                 .reduce((total, r) => total + r.transferSize, 0);
             return {
               fcp: fcp ? fcp.startTime : null,
               domContentLoaded: nav.domContentLoadedEventEnd,
               transfere: nav.transferSize + octets(() => true),
               wasm: octets(r => r.name.endsWith('.wasm')),
               wasmDecode: ressources.filter(r => r.name.endsWith('.wasm'))
                   .reduce((total, r) => total + r.decodedBodySize, 0),
               css: octets(r => r.name.endsWith('.css')),
               js: octets(r => r.name.endsWith('.js')),
               json: octets(r => r.name.endsWith('.json')),
             };",
            vec![],
        )
        .await
        .unwrap();
    let kio = |cle: &str| mesure[cle].as_f64().unwrap_or(0.0) / 1024.0;
    eprintln!(
        "premier affichage {chemin} : FCP {:.0} ms (DOMContentLoaded {:.0} ms) ; transféré {:.0} Kio dont WASM {:.0}, CSS {:.0}, JS {:.0}, JSON {:.0}",
        mesure["fcp"].as_f64().unwrap_or(f64::NAN),
        mesure["domContentLoaded"].as_f64().unwrap_or(f64::NAN),
        kio("transfere"),
        kio("wasm"),
        kio("css"),
        kio("js"),
        kio("json"),
    );
    nav.fermer().await;
    mesure
}

#[tokio::test]
async fn first_paint_of_the_home_page_and_the_map_is_measured() {
    let serveur = Serveur::demarrer(true).await;
    for (chemin, titre) in [("/", "Maillage"), ("/carte", "Carte des départements")] {
        let mesure = mesurer(&serveur, chemin, titre).await;
        let fcp = mesure["fcp"]
            .as_f64()
            .expect("Chromium reports a first contentful paint");
        assert!(fcp > 0.0, "{chemin}: {mesure}");
        // Sent compressed: fewer bytes on the wire than the module itself.
        assert!(mesure["wasm"].as_f64().unwrap() > 0.0, "{chemin}: {mesure}");
        assert!(
            mesure["wasm"].as_f64().unwrap() < mesure["wasmDecode"].as_f64().unwrap() / 2.0,
            "the WASM is served compressed: {mesure}"
        );
    }
}

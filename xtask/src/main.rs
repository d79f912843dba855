//! `cargo xtask web`: builds Maillage's web app into `dist/`, which `maillage serve` serves.
//!
//! Each entry point of `frontend/` (the whole app, the public map alone, the lieux' public pages alone) is compiled to WebAssembly in one
//! cargo invocation, bound by wasm-bindgen — this crate's own dependency, at the version of Cargo.lock, so
//! no tool is installed apart from the workspace — shrunk by npm's `wasm-opt`, and written under names that
//! carry a fingerprint of their content (cached for a year by browsers). The page starts the app once the
//! server's first paint is on screen (`amorce.js`): on a slow link the megabyte of WebAssembly would
//! otherwise compete with the stylesheet and fonts of that paint.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail, ensure};
use sha2::{Digest, Sha256};

/// An entry point: a page of `frontend/`, the binary it starts and the folder of `dist/` it is served from.
struct PointEntree {
    page: &'static str,
    binaire: &'static str,
    dossier: &'static str,
}

const POINTS_ENTREE: [PointEntree; 3] = [
    PointEntree {
        page: "index.html",
        binaire: "frontend",
        dossier: "",
    },
    // Served for /carte and /carte/:code (backend settings::DOSSIER_CARTE): its first load has a budget.
    PointEntree {
        page: "carte.html",
        binaire: "carte",
        dossier: "carte-seule",
    },
    // Served for /lieux and /lieux/:id (backend settings::DOSSIER_LIEUX): the same budget as the map.
    PointEntree {
        page: "lieux.html",
        binaire: "lieux",
        dossier: "lieux-seuls",
    },
];

/// Folders and files served at the root, shared by the entry points: the DSFR's fonts, icons, favicon and
/// script, the départements' shapes (fetched by the map pages only, not part of a first load); and the API
/// explorer served on GET /graphql, GraphiQL's and React's browser builds beside its page.
const COPIES: [(&str, &str); 10] = [
    ("node_modules/@gouvfr/dsfr/dist/fonts", "fonts"),
    ("node_modules/@gouvfr/dsfr/dist/icons", "icons"),
    ("node_modules/@gouvfr/dsfr/dist/favicon", "favicon"),
    (
        "node_modules/@gouvfr/dsfr/dist/dsfr.module.min.js",
        "dsfr.module.min.js",
    ),
    ("shared/data/formes-departements.json", "formes-departements.json"),
    ("frontend/explorateur", "explorateur"),
    (
        "node_modules/graphiql/graphiql.min.js",
        "explorateur/graphiql.min.js",
    ),
    (
        "node_modules/graphiql/graphiql.min.css",
        "explorateur/graphiql.min.css",
    ),
    (
        "node_modules/react/umd/react.production.min.js",
        "explorateur/react.production.min.js",
    ),
    (
        "node_modules/react-dom/umd/react-dom.production.min.js",
        "explorateur/react-dom.production.min.js",
    ),
];

/// Small over fast (Cargo.toml): the WebAssembly is downloaded by every visitor.
const PROFIL: &str = "wasm-release";
const CIBLE: &str = "wasm32-unknown-unknown";

fn main() -> Result<()> {
    let commande = std::env::args().nth(1);
    match commande.as_deref() {
        Some("web") => web(&racine()),
        _ => bail!("usage : cargo xtask web   (construit l’application web dans dist/)"),
    }
}

fn racine() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn web(racine: &Path) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let statut = Command::new(cargo)
        .current_dir(racine)
        .args([
            "build",
            "--package",
            "frontend",
            "--bins",
            "--target",
            CIBLE,
            "--profile",
            PROFIL,
        ])
        .status()
        .context("cargo build du WASM")?;
    ensure!(statut.success(), "la compilation du WASM a échoué");

    let cible = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| racine.join("target"), PathBuf::from);
    let wasm_opt = racine.join("node_modules/.bin/wasm-opt");
    ensure!(
        wasm_opt.exists(),
        "{} absent : lancez `npm ci` (binaryen de npm ; celui de Debian produit un WASM cassé)",
        wasm_opt.display()
    );

    let dist = racine.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).with_context(|| format!("vider {}", dist.display()))?;
    }
    fs::create_dir_all(&dist)?;
    for (source, destination) in COPIES {
        copier(&racine.join(source), &dist.join(destination))?;
    }
    for point in &POINTS_ENTREE {
        construire(racine, &cible, &wasm_opt, &dist, point)?;
    }
    Ok(())
}

fn construire(racine: &Path, cible: &Path, wasm_opt: &Path, dist: &Path, point: &PointEntree) -> Result<()> {
    let sortie = dist.join(point.dossier);
    fs::create_dir_all(&sortie)?;
    let public = if point.dossier.is_empty() {
        "/".to_owned()
    } else {
        format!("/{}/", point.dossier)
    };

    // Bindings: `{binaire}.js` and `{binaire}_bg.wasm`, and the `snippets/` of inline JS some crates declare.
    let compile = cible
        .join(CIBLE)
        .join(PROFIL)
        .join(format!("{}.wasm", point.binaire));
    let liaisons = cible.join("web").join(point.binaire);
    if liaisons.exists() {
        fs::remove_dir_all(&liaisons)?;
    }
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&compile)
        .web(true)?
        .typescript(false)
        .generate(&liaisons)
        .with_context(|| format!("wasm-bindgen sur {}", compile.display()))?;

    let reduit = liaisons.join(format!("{}_opt.wasm", point.binaire));
    let statut = Command::new(wasm_opt)
        .arg("-Oz")
        .arg(liaisons.join(format!("{}_bg.wasm", point.binaire)))
        .arg("-o")
        .arg(&reduit)
        .status()
        .context("wasm-opt")?;
    ensure!(statut.success(), "wasm-opt a échoué sur {}", point.binaire);

    let wasm = fs::read(&reduit)?;
    let nom_wasm = format!("{}-{}_bg.wasm", point.binaire, empreinte(&wasm));
    fs::write(sortie.join(&nom_wasm), &wasm)?;
    let js = fs::read(liaisons.join(format!("{}.js", point.binaire)))?;
    let nom_js = format!("{}-{}.js", point.binaire, empreinte(&js));
    fs::write(sortie.join(&nom_js), &js)?;
    let snippets = liaisons.join("snippets");
    if snippets.exists() {
        copier(&snippets, &sortie.join("snippets"))?;
    }
    fs::write(
        sortie.join("amorce.js"),
        amorce(&format!("{public}{nom_js}"), &format!("{public}{nom_wasm}")),
    )?;

    let page = racine.join("frontend").join(point.page);
    let html = fs::read_to_string(&page).with_context(|| format!("lire {}", page.display()))?;
    let html = feuilles_de_style(&html, &racine.join("frontend"), &sortie, &public)?;
    let Some(fin_entete) = html.find("</head>") else {
        bail!("{} : pas de </head>", page.display());
    };
    let html = format!(
        "{}  <script type=\"module\" src=\"{public}amorce.js\"></script>\n  {}",
        &html[..fin_entete],
        &html[fin_entete..]
    );
    fs::write(sortie.join("index.html"), html)?;
    println!(
        "    {} : {} ({} Kio), {} ({} Kio)",
        point.page,
        nom_wasm,
        wasm.len() / 1024,
        nom_js,
        js.len() / 1024
    );
    Ok(())
}

/// Copies each stylesheet the page links with a relative address under a fingerprinted name, and points
/// the link at it.
fn feuilles_de_style(html: &str, frontend: &Path, sortie: &Path, public: &str) -> Result<String> {
    const LIEN: &str = "<link rel=\"stylesheet\" href=\"";
    let mut resultat = String::with_capacity(html.len());
    let mut reste = html;
    while let Some(debut) = reste.find(LIEN) {
        let apres = &reste[debut + LIEN.len()..];
        let Some(fin) = apres.find('"') else {
            bail!("lien de feuille de style sans fin");
        };
        let adresse = &apres[..fin];
        resultat.push_str(&reste[..debut + LIEN.len()]);
        if adresse.starts_with('/') {
            resultat.push_str(adresse);
        } else {
            let source = frontend.join(adresse);
            let contenu = fs::read(&source).with_context(|| format!("lire {}", source.display()))?;
            let nom = source
                .file_stem()
                .and_then(|nom| nom.to_str())
                .context("nom de feuille de style")?;
            let fichier = format!("{nom}-{}.css", empreinte(&contenu));
            fs::write(sortie.join(&fichier), &contenu)?;
            resultat.push_str(&format!("{public}{fichier}"));
        }
        reste = &apres[fin..];
    }
    resultat.push_str(reste);
    Ok(resultat)
}

/// Sixteen hexadecimal digits of the content's SHA-256: the server caches `-` + these digits for a year
/// (backend security_headers).
fn empreinte(contenu: &[u8]) -> String {
    Sha256::digest(contenu)[..8]
        .iter()
        .map(|octet| format!("{octet:02x}"))
        .collect()
}

/// The start-up: imports the app once the first paint is on screen (the browser's first-contentful-paint
/// entry), after 3 s whatever happens. An external file, so the CSP allows no inline script.
fn amorce(js: &str, wasm: &str) -> String {
    format!(
        r#"// Written by cargo xtask web: starts the app once the first paint is on screen.
let parti = false;
const demarrer = () => {{
  if (parti) return;
  parti = true;
  import("{js}").then((module) => module.default({{ module_or_path: "{wasm}" }}));
}};
if (performance.getEntriesByName("first-contentful-paint").length > 0) demarrer();
else if (PerformanceObserver.supportedEntryTypes?.includes("paint")) {{
  new PerformanceObserver((liste) => {{
    if (liste.getEntriesByName("first-contentful-paint").length > 0) demarrer();
  }}).observe({{ type: "paint", buffered: true }});
}}
setTimeout(demarrer, 3000);
"#
    )
}

fn copier(source: &Path, destination: &Path) -> Result<()> {
    if source.is_dir() {
        fs::create_dir_all(destination)?;
        for entree in fs::read_dir(source).with_context(|| format!("lire {}", source.display()))? {
            let entree = entree?;
            copier(&entree.path(), &destination.join(entree.file_name()))?;
        }
    } else {
        fs::copy(source, destination).with_context(|| format!("copier {}", source.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_sixteen_hexadecimal_digits_of_the_content() {
        let a = empreinte(b"a");
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, empreinte(b"b"));
    }
}

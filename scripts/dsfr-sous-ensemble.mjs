// Builds frontend/generated/dsfr.css: the DSFR's core, the components the app uses and the icons it names,
// instead of the whole dsfr.min.css (94 KB gzip, of which most components the app never shows); and
// frontend/generated/dsfr-carte.css, the same for the public map's own entry point (frontend/carte.html),
// whose first load has a budget. Run by build_web_app in scripts/setup.sh before `cargo xtask web`; reads only
// node_modules/@gouvfr/dsfr.
//   node scripts/dsfr-sous-ensemble.mjs
import { readFileSync, readdirSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";

const dsfr = "node_modules/@gouvfr/dsfr/dist";
const sources = "frontend/src";

// In the order of the DSFR's own dsfr.css, so the cascade is the same. A component used by a new screen
// must be added here (the e2e axe-core checks catch a missing one through contrast and visibility).
const COMPOSANTS = [
  "logo", "button", "breadcrumb", "form", "link", "callout", "pagination", "tag", "alert", "badge",
  "notice", "checkbox", "radio", "input", "toggle", "skiplink", "select", "modal", "navigation",
  "footer", "tile", "search", "upload", "table", "header",
];

// What the map pages and their frame show (src/carte_seule.rs, pages/carte, the components they use).
const COMPOSANTS_CARTE = [
  "logo", "button", "breadcrumb", "form", "link", "badge", "checkbox", "radio", "input", "skiplink",
  "select", "navigation", "footer", "search", "table", "header",
];

function fichiers(dossier) {
  return readdirSync(dossier).flatMap((nom) => {
    const chemin = join(dossier, nom);
    return statSync(chemin).isDirectory() ? fichiers(chemin) : [chemin];
  });
}

// The icons the sources name, e.g. "fr-icon-download-line".
const icones = new Set();
for (const chemin of fichiers(sources).filter((c) => c.endsWith(".rs"))) {
  for (const m of readFileSync(chemin, "utf8").matchAll(/fr-icon-[a-z0-9-]+/g)) icones.add(m[0]);
}

// Top-level rules of the minified icons sheet whose selectors name one of these icons; the IE-only media
// block is left out.
function reglesDesIcones(css) {
  const gardees = [];
  let i = 0;
  while (i < css.length) {
    if (css.startsWith("/*", i)) {
      i = css.indexOf("*/", i) + 2;
      continue;
    }
    const ouverture = css.indexOf("{", i);
    if (ouverture < 0) break;
    const selecteurs = css.slice(i, ouverture);
    if (selecteurs.trim().startsWith("@")) {
      let profondeur = 1;
      let j = ouverture + 1;
      while (profondeur > 0 && j < css.length) {
        if (css[j] === "{") profondeur++;
        if (css[j] === "}") profondeur--;
        j++;
      }
      i = j;
      continue;
    }
    const fermeture = css.indexOf("}", ouverture);
    const nomme = selecteurs.split(",").some((s) => icones.has(s.trim().replace(/^\./, "").replace(/:(after|before)$/, "")));
    if (nomme) gardees.push(css.slice(i, fermeture + 1).trim());
    i = fermeture + 1;
  }
  return gardees.join("");
}

const regles = reglesDesIcones(readFileSync(join(dsfr, "utility/icons/icons.min.css"), "utf8"));
// Marianne is drawn only if it is there for the first paint (the pages preload its regular and bold faces),
// otherwise the fallback font stays for the visit instead of swapping: the server's first paint and the
// app that replaces it then write their words in the same font, the same size, and nothing moves or
// counts as a later, larger paint. A visit with the fonts in the browser's cache always has Marianne.
const core = readFileSync(join(dsfr, "core/core.min.css"), "utf8").replaceAll("font-display:swap", "font-display:optional");
function feuille(composants) {
  const parties = [core];
  for (const composant of composants) {
    parties.push(readFileSync(join(dsfr, `component/${composant}/${composant}.min.css`), "utf8"));
  }
  parties.push(regles);
  return parties.join("\n");
}
// The sheets sit in dist/<folder>/ and point at ../fonts and ../../icons: from the root of dist/ (or of
// dist/carte-seule/), where the build puts this file, both resolve to /fonts and /icons, where index.html
// copies them.
mkdirSync("frontend/generated", { recursive: true });
writeFileSync("frontend/generated/dsfr.css", feuille(COMPOSANTS));
writeFileSync("frontend/generated/dsfr-carte.css", feuille(COMPOSANTS_CARTE));
const manquantes = [...icones].filter((icone) => !regles.includes(`.${icone}:before`));
console.log(
  `    DSFR : cœur, ${COMPOSANTS.length} composants, ${icones.size - manquantes.length} icônes` +
    (manquantes.length ? ` (introuvables : ${manquantes.join(", ")})` : ""),
);
if (manquantes.length) process.exit(1);

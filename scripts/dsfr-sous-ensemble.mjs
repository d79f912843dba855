// Builds frontend/generated/dsfr.css: the DSFR's core, the components the app uses and the icons it names,
// instead of the whole dsfr.min.css (94 KB gzip, of which most components the app never shows); and, for the
// two light public entry points whose first load has a budget (frontend/carte.html, frontend/lieux.html),
// frontend/generated/dsfr-carte.css and dsfr-lieux.css: their components, and only the rules whose classes
// the sources name. Run by build_web_app in scripts/setup.sh before `cargo xtask web`; reads only
// node_modules/@gouvfr/dsfr and the sources.
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

// What the lieux pages and their frame show (src/lieux_seuls.rs, pages/lieux/recherche_page.rs and
// fiche_page.rs): the same frame, a search form with filters, a lieu's callouts and report form.
const COMPOSANTS_LIEUX = [
  "logo", "button", "breadcrumb", "form", "link", "callout", "alert", "badge", "checkbox", "input",
  "skiplink", "navigation", "footer", "search", "table", "header",
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

// Every DSFR class the sources may put on a page: the app's views, the pages' shells and the server's first
// paint (backend/src/http/premier_rendu.rs). A class built at run time is always a whole literal somewhere
// (`couleur = "fr-badge--success"`), so it is found too.
const classesNommees = new Set();
for (const chemin of [
  ...fichiers(sources).filter((c) => c.endsWith(".rs")),
  ...readdirSync("frontend").filter((n) => n.endsWith(".html")).map((n) => join("frontend", n)),
  "backend/src/http/premier_rendu.rs",
]) {
  for (const m of readFileSync(chemin, "utf8").matchAll(/fr-[a-zA-Z0-9_-]+/g)) classesNommees.add(m[0]);
}

// The index of the brace closing the block opened at `ouverture`, skipping quoted strings.
function fermeture(css, ouverture) {
  let profondeur = 0;
  for (let j = ouverture; j < css.length; j++) {
    const c = css[j];
    if (c === '"' || c === "'") {
      j = css.indexOf(c, j + 1);
      continue;
    }
    if (c === "{") profondeur++;
    if (c === "}" && --profondeur === 0) return j;
  }
  return css.length;
}

// Splits `texte` at each `separateur` outside quotes and parentheses: a selector list at its commas (not
// those of `:not(…)`), a block at its semicolons (not those of a data URI).
function decouper(texte, separateur) {
  const parties = [];
  let profondeur = 0;
  let debut = 0;
  for (let j = 0; j < texte.length; j++) {
    const c = texte[j];
    if (c === '"' || c === "'") j = texte.indexOf(c, j + 1);
    else if (c === "(") profondeur++;
    else if (c === ")") profondeur--;
    else if (c === separateur && profondeur === 0) {
      parties.push(texte.slice(debut, j));
      debut = j + 1;
    }
  }
  parties.push(texte.slice(debut));
  return parties;
}

// A selector can match a page of ours when every DSFR class it requires is named in the sources; classes
// inside parentheses (`:not(.fr-btn--tertiary)`) require nothing, so they are not counted.
function peutServir(selecteur) {
  let sansParentheses = selecteur;
  while (/\([^()]*\)/.test(sansParentheses)) sansParentheses = sansParentheses.replace(/\([^()]*\)/g, "");
  return [...sansParentheses.matchAll(/\.((?:[a-zA-Z0-9_-]|\\.)+)/g)]
    .map((m) => m[1].replaceAll("\\", ""))
    .every((classe) => !classe.startsWith("fr-") || classesNommees.has(classe));
}

// The sheet without the rules no page of ours can match: @media and @supports blocks are pruned inside
// (those of Internet Explorer's high-contrast mode, which no supported browser reads, dropped), other
// at-rules (@font-face…) kept whole. The cascade is unchanged: kept rules stay in their order.
function elaguerLesRegles(css) {
  let sortie = "";
  let i = 0;
  while (i < css.length) {
    if (css.startsWith("/*", i)) {
      // The licence's banner (`/*!`) stays.
      const finCommentaire = css.indexOf("*/", i) + 2;
      if (css.startsWith("/*!", i)) sortie += `${css.slice(i, finCommentaire)}\n`;
      i = finCommentaire;
      continue;
    }
    const ouverture = css.indexOf("{", i);
    if (ouverture < 0) break;
    const entete = css.slice(i, ouverture).trim();
    const fin = fermeture(css, ouverture);
    const corps = css.slice(ouverture + 1, fin);
    if (entete.includes("-ms-high-contrast")) {
      // Internet Explorer only.
    } else if (/^@(media|supports)/.test(entete)) {
      const dedans = elaguerLesRegles(corps);
      if (dedans) sortie += `${entete}{${dedans}}`;
    } else if (entete.startsWith("@")) {
      sortie += `${entete}{${corps}}`;
    } else {
      const gardes = decouper(entete, ",").filter(peutServir);
      if (gardes.length > 0) sortie += `${gardes.join(",")}{${corps}}`;
    }
    i = fin + 1;
  }
  return sortie;
}

// A block's declarations.
const declarations = (corps) => decouper(corps, ";").filter((d) => d.trim());

// The custom properties a text refers to (`var(--x…`).
const references = (texte) => [...texte.matchAll(/var\((--[a-zA-Z0-9_-]+)/g)].map((m) => m[1]);

// The sheet without the custom properties nothing reads: the DSFR's core defines a thousand colour tokens
// for every component; those the kept rules, our own sheet and the sources use are kept, with the ones
// they refer to in turn.
function elaguerLesVariables(css) {
  const blocs = [...css.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  const valeurs = new Map();
  const lues = new Set();
  for (const bloc of blocs) {
    for (const declaration of declarations(bloc)) {
      const deux = declaration.indexOf(":");
      const nom = declaration.slice(0, deux).trim();
      const valeur = declaration.slice(deux + 1);
      if (nom.startsWith("--")) valeurs.set(nom, [...(valeurs.get(nom) ?? []), valeur]);
      else references(valeur).forEach((v) => lues.add(v));
    }
  }
  for (const chemin of [...fichiers(sources).filter((c) => c.endsWith(".rs")), "frontend/style.css"]) {
    references(readFileSync(chemin, "utf8")).forEach((v) => lues.add(v));
  }
  const aLire = [...lues];
  while (aLire.length > 0) {
    for (const valeur of valeurs.get(aLire.pop()) ?? []) {
      for (const v of references(valeur)) {
        if (!lues.has(v)) {
          lues.add(v);
          aLire.push(v);
        }
      }
    }
  }
  return css.replace(/\{([^{}]*)\}/g, (_, bloc) => {
    const gardees = declarations(bloc).filter((d) => {
      const nom = d.slice(0, d.indexOf(":")).trim();
      return !nom.startsWith("--") || lues.has(nom);
    });
    return `{${gardees.join(";")}}`;
  }).replace(/(^|[{}])[^{}@]+\{\}/g, "$1");
}

const elaguer = (css) => elaguerLesVariables(elaguerLesRegles(css));

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
// dist/carte-seule/ and dist/lieux-seuls/), where the build puts this file, both resolve to /fonts and /icons, where index.html
// copies them.
mkdirSync("frontend/generated", { recursive: true });
writeFileSync("frontend/generated/dsfr.css", feuille(COMPOSANTS));
writeFileSync("frontend/generated/dsfr-carte.css", elaguer(feuille(COMPOSANTS_CARTE)));
writeFileSync("frontend/generated/dsfr-lieux.css", elaguer(feuille(COMPOSANTS_LIEUX)));
const manquantes = [...icones].filter((icone) => !regles.includes(`.${icone}:before`));
console.log(
  `    DSFR : cœur, ${COMPOSANTS.length} composants, ${icones.size - manquantes.length} icônes` +
    (manquantes.length ? ` (introuvables : ${manquantes.join(", ")})` : ""),
);
if (manquantes.length) process.exit(1);

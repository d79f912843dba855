// Replaces Trunk's start-up in a built page (dist/index.html, dist/carte-seule/index.html) by our own,
// amorce.js beside it: Trunk's preloads the WebAssembly and imports it as soon as the <head> is read, so
// on a slow link the app's megabyte competes with the stylesheet and fonts of the first paint the server
// sends (backend http::premier_rendu). Ours loads the app once that paint is on screen (the browser's
// first-contentful-paint entry; after 3 s whatever happens): the first words come first, and the app, which
// replaces them, follows at the same total time. Run by build_web_app in scripts/setup.sh after Trunk.
//   node scripts/amorce.mjs dist/index.html [dist/carte-seule/index.html …]
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

for (const page of process.argv.slice(2)) {
  let html = readFileSync(page, "utf8");
  const demarrage = html.match(/<script type="module">\s*import init, \* as bindings from '([^']+)';\s*const wasm = await init\(\{ module_or_path: '([^']+)' \}\);[\s\S]*?<\/script>/);
  if (!demarrage) throw new Error(`${page} : pas d’amorce de Trunk à remplacer`);
  const [bloc, js, wasm] = demarrage;
  const dossier = js.slice(0, js.lastIndexOf("/") + 1);
  html = html
    .replace(bloc, `<script type="module" src="${dossier}amorce.js"></script>`)
    .replace(/<link rel="modulepreload"[^>]*>/g, "")
    .replace(/<link rel="preload"[^>]*type="application\/wasm"[^>]*>/g, "");
  writeFileSync(page, html);
  writeFileSync(
    join(dirname(page), "amorce.js"),
    `// Written by scripts/amorce.mjs: loads the app once the first paint is on screen.
let parti = false;
const demarrer = () => {
  if (parti) return;
  parti = true;
  import("${js}").then((module) => module.default({ module_or_path: "${wasm}" }));
};
if (performance.getEntriesByName("first-contentful-paint").length > 0) demarrer();
else if (PerformanceObserver.supportedEntryTypes?.includes("paint")) {
  new PerformanceObserver((liste) => {
    if (liste.getEntriesByName("first-contentful-paint").length > 0) demarrer();
  }).observe({ type: "paint", buffered: true });
}
setTimeout(demarrer, 3000);
`,
  );
  console.log(`  amorce : ${page} charge ${wasm} après le premier affichage`);
}

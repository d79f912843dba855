// Regenerates shared/data/formes-departements.json: the shapes of the 101 départements as SVG paths, from
// npm @gouvfr/dsfr-chart 2.0.4 (MIT, Service d'Information du Gouvernement), file dist/MapChart/MapChart.js,
// together with the projection that places a point given in latitude/longitude on those shapes.
// Run after `npm ci`:  node shared/data/generer-formes.mjs
//
// The source draws metropolitan France (Corsica included, moved west) in one SVG and each overseas
// département in its own small SVG; each becomes a "cadre" with its viewBox. The path data is kept exactly as
// published. The source says nothing of its projection, so it is fitted here: the extreme coordinates of a
// département's path (its bounding box) are matched with the same extreme point of the real territory,
// whose latitude/longitude is written below, and the map from projected coordinates to SVG units is fitted
// by least squares. See FORMES.md for the result. Only path vertices count for the bounding boxes (Bézier
// control points are ignored: the data has four curves, all tiny).
// The output keeps one département per line so that a change of source reads as a diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', '..', 'node_modules', '@gouvfr', 'dsfr-chart');
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const js = readFileSync(join(pkg, 'dist', 'MapChart', 'MapChart.js'), 'utf8');

const fail = (message) => {
  console.error(`generer-formes: ${message}`);
  process.exit(1);
};

// ---------------------------------------------------------------------------------------------------------
// Extraction. MapChart registers its maps as `{ France: Cv, FranceReg: Fv, Guadeloupe: Lv, … }`; each is
// a Vue component built by `X = tn(options, [["render", R]])` whose render function R draws
// `w("path", { class: "FR-29", …, d: "M…" })`. The overseas insets are identified twice: by the name under
// which the component is registered and by the class of their path, which must agree.

const id = '([\\w$]+)'; // minified identifiers may contain `$`
const escape = (identifier) => identifier.replace(/\$/g, '\\$');
const registry = js.match(new RegExp(
  `\\{\\s*France: ${id},\\s*FranceReg: [\\w$]+,[^}]*?Guadeloupe: ${id},\\s*Martinique: ${id},\\s*Guyane: ${id},`
    + `\\s*Reunion: ${id},\\s*Mayotte: ${id}\\s*\\}`,
));
if (!registry) fail('registre des cartes introuvable (France, Guadeloupe, … Mayotte)');
const [, franceVar, ...dromVars] = registry;
const dromCodes = ['971', '972', '973', '974', '976']; // Guadeloupe, Martinique, Guyane, La Réunion, Mayotte

const renderOf = (componentVar) => {
  const m = js.match(
    new RegExp(`(?<![\\w$])${escape(componentVar)} = /\\* @__PURE__ \\*/ tn\\(${id}, \\[\\["render", ${id}\\]\\]\\)`),
  );
  if (!m) fail(`composant ${componentVar} introuvable`);
  const start = js.indexOf(`function ${m[2]}(`);
  const end = js.indexOf('\n}', start);
  if (start < 0 || end < 0) fail(`fonction de rendu ${m[2]} introuvable`);
  return js.slice(start, end);
};

const pathsOf = (render) => [...render.matchAll(/class: "FR-(\w+)",\s*(?:style: [^\n]*\n\s*)?d: "([^"]*)"/g)]
  .map(([, code, d]) => ({ code, d }));

const viewBoxOf = (text) => {
  const values = text.split(/\s+/).map(Number);
  if (values.length !== 4 || values.some(Number.isNaN)) fail(`viewBox illisible : ${text}`);
  return values;
};

// The metropolitan SVG takes its viewBox from its props; the default (no zoom) is in `FranceProps`.
const franceViewBox = js.match(/FranceProps: \{\s*viewBox: "([^"]+)"/);
if (!franceViewBox) fail('viewBox par défaut de la métropole introuvable');
const metropole = {
  nom: 'metropole',
  viewBox: viewBoxOf(franceViewBox[1]),
  departements: pathsOf(renderOf(franceVar)),
};

const inverseInsee = (code) => (code === '2A' ? '20a' : code === '2B' ? '20b' : code); // 19 < 2A < 2B < 21
metropole.departements.sort((a, b) => (inverseInsee(a.code) < inverseInsee(b.code) ? -1 : 1));

const outreMer = dromVars.map((componentVar, i) => {
  const render = renderOf(componentVar);
  // Each inset's <svg> takes a hoisted attribute object: `rt("svg", Pv, …)` with `Pv = { …, viewBox: "…" }`.
  const attrs = render.match(/rt\("svg", ([\w$]+),/);
  const box = attrs
    && js.match(new RegExp(`(?<![\\w$])${escape(attrs[1])} = \\{\\s*xmlns: "[^"]*",\\s*viewBox: "([^"]+)"`));
  if (!box) fail(`viewBox de ${dromCodes[i]} introuvable`);
  const departements = pathsOf(render);
  if (departements.length !== 1 || departements[0].code !== dromCodes[i]) {
    fail(`le composant de ${dromCodes[i]} dessine ${departements.map((d) => d.code).join(', ')}`);
  }
  return { nom: dromCodes[i], viewBox: viewBoxOf(box[1]), departements };
});

const cadres = [metropole, ...outreMer];
const codes = cadres.flatMap((c) => c.departements.map((d) => d.code));
const attendus = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '20'),
  '2A', '2B', ...dromCodes,
];
if (codes.length !== 101 || new Set(codes).size !== 101 || attendus.some((c) => !codes.includes(c))) {
  fail(`codes inattendus : ${codes.join(' ')}`);
}

// ---------------------------------------------------------------------------------------------------------
// Path vertices, one array per subpath (what shared/src/carte.rs parses too).

const subpaths = (d) => {
  const tokens = d.match(/[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g);
  const arity = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, Z: 0 };
  const out = [];
  let i = 0, command = null, x = 0, y = 0, startX = 0, startY = 0, current = null;
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i])) {
      command = tokens[i++];
      if (!(command.toUpperCase() in arity)) fail(`commande de chemin non prise en charge : ${command}`);
      if (command === 'Z' || command === 'z') {
        x = startX; y = startY; current = null;
        continue;
      }
    }
    const upper = command.toUpperCase(), relative = command !== upper;
    const args = tokens.slice(i, i + arity[upper]).map(Number);
    i += arity[upper];
    if (upper === 'H') x = relative ? x + args[0] : args[0];
    else if (upper === 'V') y = relative ? y + args[0] : args[0];
    else {
      x = relative ? x + args.at(-2) : args.at(-2);
      y = relative ? y + args.at(-1) : args.at(-1);
    }
    if (upper === 'M') {
      startX = x; startY = y;
      current = [[x, y]];
      out.push(current);
      command = relative ? 'l' : 'L'; // pairs after a moveto are linetos
    } else {
      if (!current) { current = [[startX, startY]]; out.push(current); } // drawing on after a closepath
      current.push([x, y]);
    }
  }
  return out;
};

const formeDe = (code) => cadres.flatMap((c) => c.departements).find((d) => d.code === code);
const extreme = (code, which, polygon) => {
  const all = subpaths(formeDe(code).d);
  const points = polygon === undefined ? all.flat() : all[polygon];
  const axis = which.endsWith('X') ? 0 : 1;
  const values = points.map((p) => p[axis]);
  return which.startsWith('min') ? Math.min(...values) : Math.max(...values);
};

// ---------------------------------------------------------------------------------------------------------
// Projections. Lambert-93 (EPSG:2154) as published by IGN (notes NTG_71, ALG0054 and ALG0003): GRS80
// ellipsoid, secant cone at 44° and 49°, origin 46.5° N 3° E at (700 000, 6 600 000) m.

const rad = (degrees) => (degrees * Math.PI) / 180;
const GRS80_A = 6378137;
const GRS80_F = 1 / 298.257222101;
const E = Math.sqrt(2 * GRS80_F - GRS80_F * GRS80_F);
const latitudeIsometrique = (phi) =>
  Math.log(Math.tan(Math.PI / 4 + phi / 2) * ((1 - E * Math.sin(phi)) / (1 + E * Math.sin(phi))) ** (E / 2));
const grandeNormaleCos = (phi) => Math.cos(phi) / Math.sqrt(1 - E * E * Math.sin(phi) ** 2);
const [PHI1, PHI2, PHI0, LAMBDA0] = [rad(44), rad(49), rad(46.5), rad(3)];
const N = Math.log(grandeNormaleCos(PHI2) / grandeNormaleCos(PHI1))
  / (latitudeIsometrique(PHI1) - latitudeIsometrique(PHI2));
const C = ((GRS80_A * grandeNormaleCos(PHI1)) / N) * Math.exp(N * latitudeIsometrique(PHI1));
const YS = 6600000 + C * Math.exp(-N * latitudeIsometrique(PHI0));
const lambert93 = (lat, lon) => {
  const r = C * Math.exp(-N * latitudeIsometrique(rad(lat)));
  const gamma = N * (rad(lon) - LAMBDA0);
  return [700000 + r * Math.sin(gamma), YS - r * Math.cos(gamma)];
};
// Guard against a slip in the formula: IGN publishes n = 0.7256077650, C = 11 754 255.426 m, Ys = 12 655 612.050 m.
if (Math.abs(N - 0.725607765) > 1e-9 || Math.abs(C - 11754255.426) > 1e-3 || Math.abs(YS - 12655612.05) > 1e-3) {
  fail(`constantes de Lambert-93 erronées : n=${N} C=${C} Ys=${YS}`);
}

// Alternatives tried for the metropole, to keep the one that fits best (printed below).
const equirectangulaire = (latRef) => (lat, lon) => [lon * Math.cos(rad(latRef)), lat];
const webMercator = (lat, lon) => [GRS80_A * rad(lon), GRS80_A * Math.log(Math.tan(Math.PI / 4 + rad(lat) / 2))];

// ---------------------------------------------------------------------------------------------------------
// Reference points: [département, extreme of its path, latitude, longitude, place, (subpath index)]. The
// place is the point of the real territory where that extreme lies, to about 0.01°; only places whose
// position is well known are used. The path is simplified to whole units (about 1 km in the metropole), so
// a few units of residual are expected.

const metropoleRefs = [
  ['29', 'minX', 48.413, -4.795, 'Pointe de Corsen (ouest du continent)'],
  ['50', 'minX', 49.7, -1.945, 'Nez de Jobourg'],
  ['50', 'minY', 49.725, -1.94, 'Cap de la Hague'],
  ['76', 'minX', 49.511, 0.067, 'Cap de la Hève'],
  ['76', 'minY', 50.064, 1.375, 'Le Tréport (Bresle)'],
  ['59', 'minY', 51.089, 2.546, 'Bray-Dunes (nord de la France)'],
  ['08', 'minY', 50.169, 4.83, 'Pointe de Givet'],
  ['67', 'maxX', 48.967, 8.233, 'Lauterbourg (est de la France)'],
  ['74', 'maxX', 45.923, 7.046, 'Mont Dolent'],
  ['06', 'maxX', 44.06, 7.71, 'Mont Saccarel'],
  ['66', 'maxX', 42.432, 3.174, 'Cap Cerbère'],
  ['66', 'maxY', 42.333, 2.532, 'Lamanère (sud du continent)'],
  ['64', 'minX', 43.372, -1.785, 'Hendaye (Bidassoa)'],
  ['40', 'minX', 43.528, -1.52, 'Embouchure de l’Adour'],
];
const corseRefs = [
  ['2B', 'minY', 43.007, 9.42, 'Cap Corse'],
  ['2B', 'maxX', 42.2, 9.56, 'Côte orientale (plaine d’Aléria)'],
  ['2A', 'minX', 42.238, 8.54, 'Capo Rosso'],
  ['2A', 'maxY', 41.368, 9.18, 'Capo Pertusato (Bonifacio)'],
];
const outreMerRefs = {
  // Subpaths: 0 Grande-Terre, 1 Basse-Terre, 3 La Désirade, 6 Marie-Galante, 7 to 11 Les Saintes.
  971: [16.2, [
    ['971', 'minY', 16.513, -61.464, 'Pointe de la Grande Vigie', 0],
    ['971', 'maxX', 16.25, -61.175, 'Pointe des Châteaux', 0],
    ['971', 'minX', 16.3, -61.8, 'Côte sous le vent (Deshaies)', 1],
    ['971', 'maxY', 15.948, -61.705, 'Pointe du Vieux-Fort', 1],
    ['971', 'maxX', 16.33, -61.0, 'Pointe Doublé (La Désirade)', 3],
    ['971', 'minY', 16.01, -61.3, 'Nord de Marie-Galante', 6],
    ['971', 'maxY', 15.87, -61.28, 'Sud de Marie-Galante', 6],
  ]],
  972: [14.64, [
    ['972', 'minY', 14.88, -61.15, 'Macouba (nord)'],
    ['972', 'maxY', 14.394, -60.87, 'Pointe des Salines'],
    ['972', 'minX', 14.82, -61.23, 'Le Prêcheur (ouest)'],
    ['972', 'maxX', 14.45, -60.815, 'Cap Chevalier (est)'],
  ]],
  973: [3.93, [
    ['973', 'minY', 5.75, -53.93, 'Awala-Yalimapo (nord)'],
    ['973', 'maxY', 2.11, -54.5, 'Sud (frontière brésilienne)'],
    ['973', 'minX', 2.35, -54.6, 'Sources du Litani (ouest)'],
    ['973', 'maxX', 4.23, -51.62, 'Embouchure de l’Oyapock (est)'],
  ]],
  974: [-21.13, [
    ['974', 'minY', -20.871, 55.45, 'Saint-Denis (nord)'],
    ['974', 'maxY', -21.389, 55.65, 'Saint-Joseph (sud)'],
    ['974', 'minX', -21.04, 55.216, 'Boucan Canot (ouest)'],
    ['974', 'maxX', -21.18, 55.837, 'Anse des Cascades (est)'],
  ]],
  // Whole path: the north-west islet (Mtsamboro), Grande-Terre's southern tip, Petite-Terre's east coast.
  976: [-12.82, [
    ['976', 'minY', -12.64, 45.03, 'Îlot Mtsamboro (nord-ouest)'],
    ['976', 'minX', -12.65, 45.02, 'Îlot Mtsamboro (nord-ouest)'],
    ['976', 'maxY', -13.0, 45.15, 'Sud de Grande-Terre'],
    ['976', 'maxX', -12.79, 45.3, 'Petite-Terre (est)'],
  ]],
};

// ---------------------------------------------------------------------------------------------------------
// Least squares: rows · p ≈ values, solved by the normal equations (columns are centred and in km or
// degrees, so they stay well conditioned).

const leastSquares = (rows, values) => {
  const n = rows[0].length;
  const m = Array.from({ length: n }, () => new Array(n + 1).fill(0));
  rows.forEach((row, k) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) m[i][j] += row[i] * row[j];
      m[i][n] += row[i] * values[k];
    }
  });
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    if (Math.abs(m[col][col]) < 1e-12) fail('moindres carrés dégénérés');
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let j = col; j <= n; j++) m[r][j] -= f * m[col][j];
    }
  }
  return m.map((r, i) => r[n] / r[i]);
};

// An affine map {x: [ax, bx, cx], y: [ay, by, cy]}: x_svg = ax·X + bx·Y + cx, y_svg = ay·X + by·Y + cy.
const appliquer = (affine, [X, Y]) => [
  affine.x[0] * X + affine.x[1] * Y + affine.x[2],
  affine.y[0] * X + affine.y[1] * Y + affine.y[2],
];

const observations = (refs, project) =>
  refs.map(([code, which, lat, lon, lieu, polygon]) => ({
    lieu: `${code} ${which} ${lieu}`,
    axis: which.endsWith('X') ? 'x' : 'y',
    projected: project(lat, lon),
    svg: extreme(code, which, polygon),
  }));

// Each observation fixes one SVG coordinate; `model` gives, for one axis, the unknowns' row.
const fitAffine = (obs, model) => {
  const meanX = obs.reduce((s, o) => s + o.projected[0], 0) / obs.length;
  const meanY = obs.reduce((s, o) => s + o.projected[1], 0) / obs.length;
  const centred = obs.map((o) => ({ ...o, c: [o.projected[0] - meanX, o.projected[1] - meanY] }));
  const p = leastSquares(centred.map((o) => model.row(o.axis, o.c)), centred.map((o) => o.svg));
  const affine = model.affine(p);
  // Undo the centring: the constant terms absorb it.
  affine.x[2] -= affine.x[0] * meanX + affine.x[1] * meanY;
  affine.y[2] -= affine.y[0] * meanX + affine.y[1] * meanY;
  return affine;
};

// x_svg = a·X + c, y_svg = −b·Y + d
const quatreParametres = {
  row: (axis, [X, Y]) => (axis === 'x' ? [X, 1, 0, 0] : [0, 0, -Y, 1]),
  affine: ([a, c, b, d]) => ({ x: [a, 0, c], y: [0, -b, d] }),
};
// General affine: the x observations fix (ax, bx, cx), the y observations (ay, by, cy).
const sixParametres = {
  row: (axis, [X, Y]) => (axis === 'x' ? [X, Y, 1, 0, 0, 0] : [0, 0, 0, X, Y, 1]),
  affine: ([ax, bx, cx, ay, by, cy]) => ({ x: [ax, bx, cx], y: [ay, by, cy] }),
};
// Same scale on both axes (the insets are small: any conformal projection is a plain scale there), which
// leaves a residual to judge the fit even with one point per side.
const echelleUnique = {
  row: (axis, [X, Y]) => (axis === 'x' ? [X, 1, 0] : [-Y, 0, 1]),
  affine: ([s, c, d]) => ({ x: [s, 0, c], y: [0, -s, d] }),
};

const residuals = (obs, affine) => obs.map((o) => appliquer(affine, o.projected)[o.axis === 'x' ? 0 : 1] - o.svg);
const maxAbs = (values) => Math.max(...values.map(Math.abs));
const rms = (values) => Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);

const round = (value, digits = 10) => Number(value.toPrecision(digits));
const projectionJson = (type, extra, affine, residuMax) => ({
  type,
  ...extra,
  x: affine.x.map((v) => round(v)),
  y: affine.y.map((v) => round(v)),
  residu_max: Number(residuMax.toFixed(2)),
});

const report = (title, obs, affine, kmPerUnit) => {
  const res = residuals(obs, affine);
  console.log(`${title}: résidu max ${maxAbs(res).toFixed(2)} u (≈ ${(maxAbs(res) * kmPerUnit).toFixed(1)} km), `
    + `quadratique moyen ${rms(res).toFixed(2)} u (≈ ${(rms(res) * kmPerUnit).toFixed(1)} km)`);
  obs.forEach((o, i) => console.log(`    ${res[i] >= 0 ? '+' : ''}${res[i].toFixed(2)} u  ${o.lieu}`));
  return maxAbs(res);
};

// ---------------------------------------------------------------------------------------------------------
// Fit the metropole on the mainland; Corsica is drawn moved, so it gets the same linear part and its own
// offset.

// The fits run in km (metropole) or degrees (insets); the JSON gives Lambert-93 in metres.
const lambert93Km = (lat, lon) => lambert93(lat, lon).map((v) => v / 1000);
const enMetres = (affine) => ({
  x: [affine.x[0] / 1000, affine.x[1] / 1000, affine.x[2]],
  y: [affine.y[0] / 1000, affine.y[1] / 1000, affine.y[2]],
});

const candidates = [
  ['Lambert-93, 6 paramètres', lambert93Km, sixParametres],
  ['Lambert-93, 4 paramètres', lambert93Km, quatreParametres],
  ['équirectangulaire à 46,5°, 4 paramètres', equirectangulaire(46.5), quatreParametres],
  ['Web Mercator, 4 paramètres', (lat, lon) => webMercator(lat, lon).map((v) => v / 1000), quatreParametres],
];
console.log('Métropole (continent) :');
for (const [name, project, model] of candidates) {
  const obs = observations(metropoleRefs, project);
  const res = residuals(obs, fitAffine(obs, model));
  console.log(`  ${name} : résidu max ${maxAbs(res).toFixed(2)} u, quadratique moyen ${rms(res).toFixed(2)} u`);
}

// Kept: Lambert-93 with the general affine map. The 4-parameter fit leaves a rotation of about 0.45° (the
// source was evidently drawn in a Lambert projection centred on the Paris meridian, such as Lambert II
// étendu: n·(3° − 2.337°) ≈ 0.48°), which the general affine absorbs.
const continentObs = observations(metropoleRefs, lambert93Km);
const continent = fitAffine(continentObs, sixParametres);
const kmMetropole = 1 / Math.sqrt(Math.abs(continent.x[0] * continent.y[1] - continent.x[1] * continent.y[0]));
const residuContinent = report('  Lambert-93, 6 paramètres, retenu', continentObs, continent, kmMetropole);

const corseObs = observations(corseRefs, lambert93Km);
const decalage = (axis) => {
  const own = corseObs.filter((o) => o.axis === axis);
  return own.reduce((s, o) => s + o.svg - appliquer(continent, o.projected)[axis === 'x' ? 0 : 1], 0) / own.length;
};
const corse = { x: [...continent.x], y: [...continent.y] };
corse.x[2] += decalage('x');
corse.y[2] += decalage('y');
console.log(`Corse : dessinée décalée de (${decalage('x').toFixed(1)}, ${decalage('y').toFixed(1)}) u`);
const residuCorse = report('  même échelle, décalage propre', corseObs, corse, kmMetropole);

metropole.projection = projectionJson('lambert93', {}, enMetres(continent), residuContinent);
const projectionCorse = projectionJson('lambert93', {}, enMetres(corse), residuCorse);
for (const forme of metropole.departements) {
  if (forme.code === '2A' || forme.code === '2B') forme.projection = projectionCorse;
}

for (const cadre of outreMer) {
  const [latRef, refs] = outreMerRefs[cadre.nom];
  const obs = observations(refs, equirectangulaire(latRef));
  const affine = fitAffine(obs, echelleUnique);
  const residuLibre = maxAbs(residuals(obs, fitAffine(obs, quatreParametres)));
  // One degree of latitude is about 111.2 km.
  const residu = report(`${cadre.nom} : équirectangulaire à ${latRef}°, échelle unique`, obs, affine, 111.2 / affine.x[0]);
  console.log(`    (échelles libres en x et y : résidu max ${residuLibre.toFixed(2)} u)`);
  cadre.projection = projectionJson('equirectangulaire', { lat_ref: latRef }, affine, residu);
}

// ---------------------------------------------------------------------------------------------------------
// Output.

const line = (value) => JSON.stringify(value);
const cadreJson = (cadre) => {
  const departements = cadre.departements
    .map(({ code, projection, d }) => line(projection ? { code, projection, d } : { code, d }));
  const entete = `"nom":${line(cadre.nom)},"viewBox":${line(cadre.viewBox)},"projection":${line(cadre.projection)}`;
  return `{${entete},"departements":[\n${departements.join(',\n')}\n]}`;
};
const out = `{"source":${line(`@gouvfr/dsfr-chart ${version} (MIT)`)},\n"cadres":[\n${cadres.map(cadreJson).join(',\n')}\n]}\n`;

const target = join(here, 'formes-departements.json');
writeFileSync(target, out);
console.log(`${target}: ${codes.length} départements, ${cadres.length} cadres (from ${version}), ${out.length} octets`);

//! Shapes of the départements for drawing maps, and the projection that places a point given in latitude and
//! longitude (a lieu de médiation numérique) on them. The data is `shared/data/formes-departements.json`,
//! made by `shared/data/generer-formes.mjs` (see `shared/data/FORMES.md` for its source and how the
//! projections were fitted); [`Formes::depuis_json`] parses and checks it once, so drawing and hit-testing
//! never meet a malformed path.

use serde::Deserialize;

use crate::territoire::CodeDepartement;

/// The shapes of all départements, grouped by the frame they are drawn in. Deserialising it, with any
/// serde format, goes through the same checks as [`Formes::depuis_json`].
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "FormesJson")]
pub struct Formes {
    source: String,
    cadres: Vec<Cadre>,
}

/// One drawing with its own SVG coordinates: metropolitan France, or one overseas département.
#[derive(Debug, Clone)]
pub struct Cadre {
    nom: String,
    view_box: [f64; 4],
    projection: Projection,
    departements: Vec<Forme>,
}

/// The shape of one département, in the SVG units of its frame.
#[derive(Debug, Clone)]
pub struct Forme {
    code: CodeDepartement,
    d: String,
    projection: Option<Projection>,
    polygones: Vec<Vec<(f64, f64)>>,
    boite: Boite,
}

/// An axis-aligned bounding box in SVG units (y grows downwards, as in SVG).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Boite {
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

impl Boite {
    /// Whether the point lies in the box, edges included.
    pub fn contient(&self, x: f64, y: f64) -> bool {
        self.x_min <= x && x <= self.x_max && self.y_min <= y && y <= self.y_max
    }
}

/// From latitude/longitude (degrees, WGS84) to the SVG units of a frame: a map projection followed by the
/// affine map fitted to the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Projection {
    /// Lambert-93 (EPSG:2154) in metres, the official projection of metropolitan France.
    Lambert93 {
        #[serde(flatten)]
        affine: Affine,
        /// Largest gap, in SVG units, between the fitted map and the reference points it was fitted on.
        residu_max: f64,
    },
    /// x = longitude · cos(`lat_ref`), y = latitude, in degrees: enough for one island or Guyane.
    Equirectangulaire {
        lat_ref: f64,
        #[serde(flatten)]
        affine: Affine,
        /// Largest gap, in SVG units, between the fitted map and the reference points it was fitted on.
        residu_max: f64,
    },
}

/// `x_svg = x[0]·X + x[1]·Y + x[2]` and `y_svg = y[0]·X + y[1]·Y + y[2]`, from projected (X, Y).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Affine {
    pub x: [f64; 3],
    pub y: [f64; 3],
}

impl Affine {
    fn appliquer(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.x[0] * x + self.x[1] * y + self.x[2],
            self.y[0] * x + self.y[1] * y + self.y[2],
        )
    }

    fn determinant(&self) -> f64 {
        self.x[0] * self.y[1] - self.x[1] * self.y[0]
    }

    /// Undoes [`Affine::appliquer`]; the loaded data is checked to be invertible.
    fn inverser(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let det = self.determinant();
        let (dx, dy) = (x - self.x[2], y - self.y[2]);
        (
            (self.y[1] * dx - self.x[1] * dy) / det,
            (self.x[0] * dy - self.y[0] * dx) / det,
        )
    }
}

impl Projection {
    /// SVG coordinates (x, y) of the point at `lat`, `lon` (degrees).
    pub fn projeter(&self, lat: f64, lon: f64) -> (f64, f64) {
        match self {
            Self::Lambert93 { affine, .. } => affine.appliquer(vers_lambert93(lat, lon)),
            Self::Equirectangulaire { lat_ref, affine, .. } => {
                affine.appliquer((lon * lat_ref.to_radians().cos(), lat))
            }
        }
    }

    /// Latitude and longitude (degrees) of the SVG point (x, y): the inverse of [`Projection::projeter`].
    pub fn inverser(&self, x: f64, y: f64) -> (f64, f64) {
        match self {
            Self::Lambert93 { affine, .. } => {
                let (x, y) = affine.inverser((x, y));
                depuis_lambert93(x, y)
            }
            Self::Equirectangulaire { lat_ref, affine, .. } => {
                let (x, y) = affine.inverser((x, y));
                (y, x / lat_ref.to_radians().cos())
            }
        }
    }

    /// Largest gap, in SVG units, left by the fit on its reference points: how far to trust a drawn point.
    pub fn residu_max(&self) -> f64 {
        match self {
            Self::Lambert93 { residu_max, .. } | Self::Equirectangulaire { residu_max, .. } => *residu_max,
        }
    }

    fn verifier(&self) -> Result<(), String> {
        let (affine, lat_ref) = match self {
            Self::Lambert93 { affine, .. } => (affine, 0.0),
            Self::Equirectangulaire { lat_ref, affine, .. } => (affine, *lat_ref),
        };
        let finie = affine.x.iter().chain(&affine.y).all(|v| v.is_finite());
        if !finie || affine.determinant() == 0.0 || !affine.determinant().is_finite() {
            return Err("projection non inversible".to_owned());
        }
        // Also refuses NaN, for which every comparison is false.
        let lat_ref_valide = lat_ref.abs() < 89.0;
        if !lat_ref_valide {
            return Err(format!("latitude de référence invalide : {lat_ref}"));
        }
        Ok(())
    }
}

impl Formes {
    /// Reads `formes-departements.json`, parsing every path; refuses unknown codes, duplicate codes,
    /// malformed paths and non-invertible projections.
    pub fn depuis_json(json: &str) -> Result<Formes, String> {
        serde_json::from_str(json).map_err(|erreur| format!("formes des départements illisibles : {erreur}"))
    }

    /// Where the shapes come from, for the attribution under a map.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The frames, metropole first.
    pub fn cadres(&self) -> &[Cadre] {
        &self.cadres
    }

    /// The frame a département is drawn in, and its shape.
    pub fn cadre_du_departement(&self, code: &str) -> Option<(&Cadre, &Forme)> {
        let code = CodeDepartement::parse(code).ok()?;
        self.cadres.iter().find_map(|cadre| {
            cadre
                .departements
                .iter()
                .find(|forme| forme.code == code)
                .map(|forme| (cadre, forme))
        })
    }

    /// Where to draw a point of a département (a lieu, given in degrees): its frame and SVG coordinates.
    pub fn placer(&self, code_departement: &str, lat: f64, lon: f64) -> Option<(&Cadre, (f64, f64))> {
        let (cadre, forme) = self.cadre_du_departement(code_departement)?;
        Some((cadre, cadre.projection_de(forme).projeter(lat, lon)))
    }
}

impl Cadre {
    /// "metropole", or the code of the overseas département.
    pub fn nom(&self) -> &str {
        &self.nom
    }

    /// The SVG viewBox: min-x, min-y, width, height.
    pub fn view_box(&self) -> [f64; 4] {
        self.view_box
    }

    /// The projection of the frame; a département drawn moved (Corsica) has its own, see
    /// [`Cadre::projection_de`].
    pub fn projection(&self) -> &Projection {
        &self.projection
    }

    /// The départements drawn in this frame, in INSEE order.
    pub fn departements(&self) -> &[Forme] {
        &self.departements
    }

    /// The projection that places points on this département's shape.
    pub fn projection_de<'a>(&'a self, forme: &'a Forme) -> &'a Projection {
        forme.projection.as_ref().unwrap_or(&self.projection)
    }

    /// The département whose shape contains the SVG point, for hit-testing a click or a hover.
    pub fn departement_en(&self, x: f64, y: f64) -> Option<&Forme> {
        self.departements.iter().find(|forme| forme.contient(x, y))
    }
}

impl Forme {
    /// The INSEE code of the département.
    pub fn code(&self) -> &CodeDepartement {
        &self.code
    }

    /// The SVG path data, as published by the source.
    pub fn d(&self) -> &str {
        &self.d
    }

    /// Its own projection when it is drawn away from its true place (Corsica), otherwise none.
    pub fn projection(&self) -> Option<&Projection> {
        self.projection.as_ref()
    }

    /// The closed polygons of the path (mainland and islands), from the endpoints of its segments.
    pub fn polygones(&self) -> &[Vec<(f64, f64)>] {
        &self.polygones
    }

    /// The bounding box of the path's vertices.
    pub fn boite(&self) -> Boite {
        self.boite
    }

    /// Whether the SVG point lies inside the shape, by the even-odd rule over all its polygons (as SVG's
    /// `fill-rule: evenodd`), so that a lake or an enclave drawn as a hole is outside.
    pub fn contient(&self, x: f64, y: f64) -> bool {
        if !self.boite.contient(x, y) {
            return false;
        }
        let mut dedans = false;
        for polygone in &self.polygones {
            let mut precedent = polygone.len() - 1;
            for (i, &(xi, yi)) in polygone.iter().enumerate() {
                let (xj, yj) = polygone[precedent];
                if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                    dedans = !dedans;
                }
                precedent = i;
            }
        }
        dedans
    }
}

// ---------------------------------------------------------------------------------------------------------
// Loading.

#[derive(Deserialize)]
struct FormesJson {
    source: String,
    cadres: Vec<CadreJson>,
}

#[derive(Deserialize)]
struct CadreJson {
    nom: String,
    #[serde(rename = "viewBox")]
    view_box: [f64; 4],
    projection: Projection,
    departements: Vec<FormeJson>,
}

#[derive(Deserialize)]
struct FormeJson {
    code: CodeDepartement,
    #[serde(default)]
    projection: Option<Projection>,
    d: String,
}

impl TryFrom<FormesJson> for Formes {
    type Error = String;

    fn try_from(json: FormesJson) -> Result<Self, String> {
        let mut vus = std::collections::HashSet::new();
        let mut cadres = Vec::with_capacity(json.cadres.len());
        for cadre in json.cadres {
            cadre
                .projection
                .verifier()
                .map_err(|erreur| format!("cadre {} : {erreur}", cadre.nom))?;
            let view_box_valide = cadre.view_box[2] > 0.0 && cadre.view_box[3] > 0.0;
            if !view_box_valide {
                return Err(format!("cadre {} : viewBox vide", cadre.nom));
            }
            let mut departements = Vec::with_capacity(cadre.departements.len());
            for forme in cadre.departements {
                let code = forme.code;
                if !vus.insert(code.clone()) {
                    return Err(format!("département {code} en double"));
                }
                if let Some(projection) = &forme.projection {
                    projection
                        .verifier()
                        .map_err(|erreur| format!("département {code} : {erreur}"))?;
                }
                let polygones = polygones_du_chemin(&forme.d)
                    .map_err(|erreur| format!("département {code} : {erreur}"))?;
                let boite = boite_des_polygones(&polygones)
                    .ok_or_else(|| format!("département {code} : chemin sans surface"))?;
                departements.push(Forme {
                    code,
                    d: forme.d,
                    projection: forme.projection,
                    polygones,
                    boite,
                });
            }
            cadres.push(Cadre {
                nom: cadre.nom,
                view_box: cadre.view_box,
                projection: cadre.projection,
                departements,
            });
        }
        Ok(Formes {
            source: json.source,
            cadres,
        })
    }
}

fn boite_des_polygones(polygones: &[Vec<(f64, f64)>]) -> Option<Boite> {
    let mut sommets = polygones.iter().flatten();
    let &(x, y) = sommets.next()?;
    let depart = Boite {
        x_min: x,
        y_min: y,
        x_max: x,
        y_max: y,
    };
    Some(sommets.fold(depart, |b, &(x, y)| Boite {
        x_min: b.x_min.min(x),
        y_min: b.y_min.min(y),
        x_max: b.x_max.max(x),
        y_max: b.y_max.max(y),
    }))
}

// ---------------------------------------------------------------------------------------------------------
// SVG path data (https://www.w3.org/TR/SVG11/paths.html#PathDataBNF), reduced to polygons: each segment
// contributes its endpoint and the control points of curves are dropped, which at the source's precision (a
// unit is about 1 km in the metropole) changes nothing. Arcs are refused rather than guessed: the source has
// none.

/// The polygons of a path, one per subpath; subpaths of fewer than three vertices (no area) are dropped.
fn polygones_du_chemin(d: &str) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let mut lecteur = LecteurDeChemin {
        octets: d.as_bytes(),
        position: 0,
    };
    let mut polygones: Vec<Vec<(f64, f64)>> = Vec::new();
    // Whether the last polygon is still being drawn (false after a closepath).
    let mut ouvert = false;
    let (mut x, mut y) = (0.0, 0.0);
    let mut debut = (0.0, 0.0);
    let mut commande: Option<u8> = None;

    while let Some(suivant) = lecteur.prochain() {
        if suivant.is_ascii_alphabetic() {
            lecteur.position += 1;
            commande = Some(suivant);
            if suivant.eq_ignore_ascii_case(&b'z') {
                (x, y) = debut;
                ouvert = false;
                continue;
            }
        }
        // A number here repeats the previous command (`l1 2 3 4` is two linetos).
        let c = match commande {
            Some(c) if !c.eq_ignore_ascii_case(&b'z') => c,
            _ => return Err(format!("nombre inattendu à la position {}", lecteur.position)),
        };
        if polygones.is_empty() && !c.eq_ignore_ascii_case(&b'm') {
            return Err("le chemin ne commence pas par M".to_owned());
        }
        let relatif = c.is_ascii_lowercase();
        let nombre_d_arguments = match c.to_ascii_uppercase() {
            b'M' | b'L' | b'T' => 2,
            b'H' | b'V' => 1,
            b'S' | b'Q' => 4,
            b'C' => 6,
            b'A' => return Err("arc (commande A) non pris en charge".to_owned()),
            _ => return Err(format!("commande de chemin inconnue : {}", char::from(c))),
        };
        let mut arguments = [0.0; 6];
        for argument in arguments.iter_mut().take(nombre_d_arguments) {
            *argument = lecteur.nombre()?;
        }
        let (dx, dy) = if relatif { (x, y) } else { (0.0, 0.0) };
        match c.to_ascii_uppercase() {
            b'H' => x = arguments[0] + dx,
            b'V' => y = arguments[0] + dy,
            _ => {
                x = arguments[nombre_d_arguments - 2] + dx;
                y = arguments[nombre_d_arguments - 1] + dy;
            }
        }
        if c.eq_ignore_ascii_case(&b'm') {
            debut = (x, y);
            polygones.push(vec![(x, y)]);
            ouvert = true;
            // Pairs following a moveto are implicit linetos.
            commande = Some(if relatif { b'l' } else { b'L' });
        } else {
            if !ouvert {
                // Drawing on after a closepath starts a new subpath at the closed one's start.
                polygones.push(vec![debut]);
                ouvert = true;
            }
            if let Some(polygone) = polygones.last_mut() {
                polygone.push((x, y));
            }
        }
    }
    polygones.retain(|polygone| polygone.len() >= 3);
    Ok(polygones)
}

struct LecteurDeChemin<'a> {
    octets: &'a [u8],
    position: usize,
}

impl LecteurDeChemin<'_> {
    /// The next significant byte, after whitespace and commas, without consuming it.
    fn prochain(&mut self) -> Option<u8> {
        while let Some(&octet) = self.octets.get(self.position) {
            if octet.is_ascii_whitespace() || octet == b',' {
                self.position += 1;
            } else {
                return Some(octet);
            }
        }
        None
    }

    /// A number in the path grammar, where separators may be omitted: `-4.5-3` is -4.5 then -3 and `.5.5` is
    /// 0.5 then 0.5.
    fn nombre(&mut self) -> Result<f64, String> {
        self.prochain();
        let debut = self.position;
        let octet = |position: usize| self.octets.get(position).copied();
        let mut fin = debut;
        if matches!(octet(fin), Some(b'+' | b'-')) {
            fin += 1;
        }
        let chiffres = |mut position: usize| {
            while octet(position).is_some_and(|o| o.is_ascii_digit()) {
                position += 1;
            }
            position
        };
        let apres_entier = chiffres(fin);
        let mut apres_mantisse = apres_entier;
        if octet(apres_entier) == Some(b'.') {
            apres_mantisse = chiffres(apres_entier + 1);
        }
        let a_des_chiffres = apres_entier > fin || apres_mantisse > apres_entier + 1;
        if !a_des_chiffres {
            return Err(format!("nombre attendu à la position {debut}"));
        }
        fin = apres_mantisse;
        // An exponent only when digits follow, so that no letter command is swallowed.
        if matches!(octet(fin), Some(b'e' | b'E')) {
            let signe = usize::from(matches!(octet(fin + 1), Some(b'+' | b'-')));
            let apres_exposant = chiffres(fin + 1 + signe);
            if apres_exposant > fin + 1 + signe {
                fin = apres_exposant;
            }
        }
        self.position = fin;
        std::str::from_utf8(&self.octets[debut..fin])
            .ok()
            .and_then(|texte| texte.parse().ok())
            .ok_or_else(|| format!("nombre illisible à la position {debut}"))
    }
}

// ---------------------------------------------------------------------------------------------------------
// Lambert-93, by IGN's algorithms (notes NTG_71: ALG0001 isometric latitude, ALG0002 its inverse, ALG0003
// conic conformal projection, ALG0004 its inverse) with the constants IGN publishes for Lambert-93 (GRS80
// ellipsoid, standard parallels 44° and 49°, origin 46.5° N 3° E at 700 000 m, 6 600 000 m). The difference
// between RGF93 and WGS84 (a few centimetres) is ignored.

/// A conic conformal projection in IGN's parametrisation (ALG0003).
struct ConiqueConforme {
    /// First eccentricity of the ellipsoid.
    e: f64,
    /// Exponent of the projection.
    n: f64,
    /// Constant of the projection, in metres.
    c: f64,
    /// Longitude of the central meridian, in radians.
    lambda_c: f64,
    /// Coordinates of the pole, in metres.
    xs: f64,
    ys: f64,
}

const LAMBERT_93: ConiqueConforme = ConiqueConforme {
    e: 0.081_819_191_042_815_79,
    n: 0.725_607_765_0,
    c: 11_754_255.426,
    lambda_c: 3.0 * std::f64::consts::PI / 180.0,
    xs: 700_000.0,
    ys: 12_655_612.050,
};

/// Lambert-93 coordinates (x, y) in metres of the point at `lat`, `lon` (degrees).
pub fn vers_lambert93(lat: f64, lon: f64) -> (f64, f64) {
    LAMBERT_93.projeter(lat.to_radians(), lon.to_radians())
}

/// Latitude and longitude (degrees) of the Lambert-93 point (x, y) in metres.
pub fn depuis_lambert93(x: f64, y: f64) -> (f64, f64) {
    let (lat, lon) = LAMBERT_93.inverser(x, y);
    (lat.to_degrees(), lon.to_degrees())
}

/// ALG0001: isometric latitude of `phi` (radians) on the ellipsoid of eccentricity `e`.
fn latitude_isometrique(phi: f64, e: f64) -> f64 {
    let e_sin = e * phi.sin();
    ((std::f64::consts::FRAC_PI_4 + phi / 2.0).tan() * ((1.0 - e_sin) / (1.0 + e_sin)).powf(e / 2.0)).ln()
}

/// ALG0002: latitude (radians) from the isometric latitude, by fixed-point iteration; it converges in a
/// handful of steps for any Earth eccentricity, and the cap only guards against a non-finite input.
fn latitude_depuis_isometrique(l: f64, e: f64) -> f64 {
    let exp_l = l.exp();
    let mut phi = 2.0 * exp_l.atan() - std::f64::consts::FRAC_PI_2;
    for _ in 0..50 {
        let e_sin = e * phi.sin();
        let suivant = 2.0 * (((1.0 + e_sin) / (1.0 - e_sin)).powf(e / 2.0) * exp_l).atan()
            - std::f64::consts::FRAC_PI_2;
        let ecart = (suivant - phi).abs();
        phi = suivant;
        if ecart < 1e-12 {
            break;
        }
    }
    phi
}

impl ConiqueConforme {
    /// ALG0003: (x, y) in metres from latitude `phi` and longitude `lambda` in radians.
    fn projeter(&self, phi: f64, lambda: f64) -> (f64, f64) {
        let rayon = self.c * (-self.n * latitude_isometrique(phi, self.e)).exp();
        let gamma = self.n * (lambda - self.lambda_c);
        (self.xs + rayon * gamma.sin(), self.ys - rayon * gamma.cos())
    }

    /// ALG0004: (latitude, longitude) in radians from (x, y) in metres.
    fn inverser(&self, x: f64, y: f64) -> (f64, f64) {
        let (dx, dy) = (x - self.xs, self.ys - y);
        let rayon = dx.hypot(dy);
        let gamma = dx.atan2(dy);
        let l = -(rayon / self.c).abs().ln() / self.n;
        (
            latitude_depuis_isometrique(l, self.e),
            self.lambda_c + gamma / self.n,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = include_str!("../data/formes-departements.json");

    fn formes() -> Formes {
        Formes::depuis_json(JSON).unwrap()
    }

    /// One frame holding the given départements (JSON objects), with a plain projection unless given.
    fn json_de_test(departements: &str, projection: Option<&str>) -> String {
        let projection = projection
            .unwrap_or(r#"{"type":"equirectangulaire","lat_ref":0,"x":[1,0,0],"y":[0,-1,0],"residu_max":0}"#);
        format!(
            r#"{{"source":"test","cadres":[{{"nom":"test","viewBox":[0,0,10,10],"projection":{projection},
            "departements":[{departements}]}}]}}"#
        )
    }

    fn forme_de(d: &str) -> Forme {
        let formes =
            Formes::depuis_json(&json_de_test(&format!(r#"{{"code":"01","d":"{d}"}}"#), None)).unwrap();
        formes.cadres[0].departements[0].clone()
    }

    fn erreur_pour(d: &str) -> String {
        Formes::depuis_json(&json_de_test(&format!(r#"{{"code":"01","d":"{d}"}}"#), None)).unwrap_err()
    }

    #[test]
    fn shapes_cover_the_101_departements_with_their_insee_codes() {
        let formes = formes();
        let codes: Vec<&str> = formes
            .cadres()
            .iter()
            .flat_map(|c| c.departements())
            .map(|f| f.code().as_str())
            .collect();
        let mut attendus: Vec<String> = (1..=95).filter(|n| *n != 20).map(|n| format!("{n:02}")).collect();
        attendus.splice(19..19, ["2A".to_owned(), "2B".to_owned()]);
        attendus.extend(["971", "972", "973", "974", "976"].map(String::from));
        assert_eq!(codes, attendus);
        let noms: Vec<&str> = formes.cadres().iter().map(Cadre::nom).collect();
        assert_eq!(noms, ["metropole", "971", "972", "973", "974", "976"]);
        assert_eq!(formes.source(), "@gouvfr/dsfr-chart 2.0.4 (MIT)");
    }

    #[test]
    fn every_shape_lies_within_its_frame() {
        for cadre in formes().cadres() {
            let [x0, y0, largeur, hauteur] = cadre.view_box();
            for forme in cadre.departements() {
                let b = forme.boite();
                assert!(b.x_min >= x0 && b.y_min >= y0, "{}", forme.code());
                assert!(
                    b.x_max <= x0 + largeur && b.y_max <= y0 + hauteur,
                    "{}",
                    forme.code()
                );
                assert!(!forme.polygones().is_empty());
            }
        }
    }

    #[test]
    fn lambert93_constants_follow_from_ign_parameters() {
        // ALG0054 from GRS80 (a = 6 378 137 m, f = 1/298.257222101) and the parallels 44°, 46.5°, 49°.
        let (a, f): (f64, f64) = (6_378_137.0, 1.0 / 298.257_222_101);
        let e = (2.0 * f - f * f).sqrt();
        let m = |phi: f64| phi.cos() / (1.0 - e * e * phi.sin().powi(2)).sqrt();
        let (phi1, phi2, phi0) = (44f64.to_radians(), 49f64.to_radians(), 46.5f64.to_radians());
        let n = (m(phi2) / m(phi1)).ln() / (latitude_isometrique(phi1, e) - latitude_isometrique(phi2, e));
        let c = a * m(phi1) / n * (n * latitude_isometrique(phi1, e)).exp();
        let ys = 6_600_000.0 + c * (-n * latitude_isometrique(phi0, e)).exp();
        assert!((e - LAMBERT_93.e).abs() < 1e-15);
        assert!((n - LAMBERT_93.n).abs() < 1e-10);
        assert!((c - LAMBERT_93.c).abs() < 1e-3);
        assert!((ys - LAMBERT_93.ys).abs() < 1e-3);
    }

    #[test]
    fn isometric_latitude_matches_ign_test_values_alg0001_alg0002() {
        let e = 0.081_991_889_98;
        for (phi, l) in [
            (0.872_664_626, 1.005_526_536_49),
            (-0.3, -0.302_616_900_63),
            (0.199_989_033_70, 0.2),
        ] {
            assert!((latitude_isometrique(phi, e) - l).abs() < 1e-10, "{phi}");
            assert!((latitude_depuis_isometrique(l, e) - phi).abs() < 1e-10, "{l}");
        }
    }

    #[test]
    fn conic_projection_matches_ign_test_values_alg0003_alg0004() {
        // IGN's test set: Lambert I (NTF, Clarke 1880 ellipsoid, Paris meridian).
        let lambert_1 = ConiqueConforme {
            e: 0.082_483_256_8,
            n: 0.760_405_966,
            c: 11_603_796.976_7,
            lambda_c: 0.040_792_344_33,
            xs: 600_000.0,
            ys: 5_657_616.674,
        };
        let (x, y) = lambert_1.projeter(0.872_664_626, 0.145_512_099);
        assert!(
            (x - 1_029_705.081_8).abs() < 1e-3 && (y - 272_723.851_0).abs() < 1e-3,
            "{x} {y}"
        );
        let (phi, lambda) = lambert_1.inverser(1_029_705.083, 272_723.849);
        assert!((phi - 0.872_664_626).abs() < 1e-9 && (lambda - 0.145_512_099).abs() < 1e-9);
    }

    #[test]
    fn lambert93_puts_its_origin_at_700000_6600000() {
        let (x, y) = vers_lambert93(46.5, 3.0);
        assert!(
            (x - 700_000.0).abs() < 1e-3 && (y - 6_600_000.0).abs() < 1e-3,
            "{x} {y}"
        );
    }

    #[test]
    fn lambert93_places_the_pantheon_within_1_km_of_its_known_coordinates() {
        let (x, y) = vers_lambert93(48.8462, 2.3464);
        assert!(
            (x - 652_000.0).abs() < 1000.0 && (y - 6_861_000.0).abs() < 1000.0,
            "{x} {y}"
        );
    }

    #[test]
    fn lambert93_inverse_returns_the_point_to_1e7_degree() {
        for lat in [41.3, 43.0, 46.5, 48.85, 51.1] {
            for lon in [-5.2, -1.0, 3.0, 6.5, 9.6] {
                let (x, y) = vers_lambert93(lat, lon);
                let (lat2, lon2) = depuis_lambert93(x, y);
                assert!(
                    (lat2 - lat).abs() < 1e-7 && (lon2 - lon).abs() < 1e-7,
                    "{lat} {lon}"
                );
            }
        }
    }

    #[test]
    fn every_projection_inverts_back_to_the_point() {
        let formes = formes();
        for (code, lat, lon) in [
            ("29", 48.39, -4.49),
            ("2A", 41.92, 8.74),
            ("973", 4.94, -52.33),
            ("976", -12.78, 45.23),
        ] {
            let (cadre, forme) = formes.cadre_du_departement(code).unwrap();
            let projection = cadre.projection_de(forme);
            let (x, y) = projection.projeter(lat, lon);
            let (lat2, lon2) = projection.inverser(x, y);
            assert!((lat2 - lat).abs() < 1e-7 && (lon2 - lon).abs() < 1e-7, "{code}");
        }
    }

    /// Each préfecture, or a point of the same town when the préfecture sits on a border that the
    /// simplified shapes (a unit is about 1 km) cannot place: the Rhône for Valence and Avignon, the shore
    /// for Basse-Terre.
    const PREFECTURES: [(&str, &str, f64, f64); 102] = [
        ("01", "Bourg-en-Bresse", 46.205, 5.225),
        ("02", "Laon", 49.564, 3.620),
        ("03", "Moulins", 46.566, 3.333),
        ("04", "Digne-les-Bains", 44.092, 6.236),
        ("05", "Gap", 44.559, 6.079),
        ("06", "Nice", 43.703, 7.266),
        ("07", "Privas", 44.735, 4.599),
        ("08", "Charleville-Mézières", 49.773, 4.720),
        ("09", "Foix", 42.965, 1.607),
        ("10", "Troyes", 48.297, 4.074),
        ("11", "Carcassonne", 43.213, 2.351),
        ("12", "Rodez", 44.350, 2.575),
        ("13", "Marseille", 43.296, 5.370),
        ("14", "Caen", 49.183, -0.370),
        ("15", "Aurillac", 44.926, 2.440),
        ("16", "Angoulême", 45.649, 0.156),
        ("17", "La Rochelle", 46.160, -1.151),
        ("18", "Bourges", 47.081, 2.399),
        ("19", "Tulle", 45.267, 1.770),
        ("2A", "Ajaccio", 41.919, 8.739),
        ("2B", "Bastia", 42.697, 9.451),
        ("21", "Dijon", 47.322, 5.041),
        ("22", "Saint-Brieuc", 48.514, -2.765),
        ("23", "Guéret", 46.171, 1.872),
        ("24", "Périgueux", 45.184, 0.722),
        ("25", "Besançon", 47.238, 6.024),
        ("26", "Valence (est de la ville)", 44.930, 4.920),
        ("27", "Évreux", 49.024, 1.151),
        ("28", "Chartres", 48.446, 1.489),
        ("29", "Quimper", 47.996, -4.102),
        ("29", "Brest", 48.390, -4.486),
        ("30", "Nîmes", 43.837, 4.360),
        ("31", "Toulouse", 43.605, 1.444),
        ("32", "Auch", 43.646, 0.586),
        ("33", "Bordeaux", 44.838, -0.579),
        ("34", "Montpellier", 43.611, 3.877),
        ("35", "Rennes", 48.117, -1.678),
        ("36", "Châteauroux", 46.811, 1.687),
        ("37", "Tours", 47.394, 0.685),
        ("38", "Grenoble", 45.188, 5.725),
        ("39", "Lons-le-Saunier", 46.675, 5.555),
        ("40", "Mont-de-Marsan", 43.894, -0.500),
        ("41", "Blois", 47.586, 1.336),
        ("42", "Saint-Étienne", 45.440, 4.387),
        ("43", "Le Puy-en-Velay", 45.043, 3.885),
        ("44", "Nantes", 47.218, -1.554),
        ("45", "Orléans", 47.903, 1.909),
        ("46", "Cahors", 44.448, 1.441),
        ("47", "Agen", 44.203, 0.616),
        ("48", "Mende", 44.518, 3.500),
        ("49", "Angers", 47.478, -0.563),
        ("50", "Saint-Lô", 49.116, -1.091),
        ("51", "Châlons-en-Champagne", 48.957, 4.365),
        ("52", "Chaumont", 48.111, 5.139),
        ("53", "Laval", 48.073, -0.770),
        ("54", "Nancy", 48.692, 6.184),
        ("55", "Bar-le-Duc", 48.772, 5.160),
        ("56", "Vannes", 47.658, -2.760),
        ("57", "Metz", 49.119, 6.176),
        ("58", "Nevers", 46.990, 3.159),
        ("59", "Lille", 50.629, 3.057),
        ("60", "Beauvais", 49.430, 2.081),
        ("61", "Alençon", 48.432, 0.091),
        ("62", "Arras", 50.291, 2.777),
        ("63", "Clermont-Ferrand", 45.778, 3.087),
        ("64", "Pau", 43.295, -0.371),
        ("65", "Tarbes", 43.233, 0.078),
        ("66", "Perpignan", 42.699, 2.895),
        ("67", "Strasbourg", 48.573, 7.752),
        ("68", "Colmar", 48.079, 7.358),
        ("69", "Lyon", 45.764, 4.836),
        ("70", "Vesoul", 47.622, 6.155),
        ("71", "Mâcon", 46.307, 4.829),
        ("72", "Le Mans", 48.006, 0.199),
        ("73", "Chambéry", 45.564, 5.918),
        ("74", "Annecy", 45.899, 6.129),
        ("75", "Paris", 48.857, 2.352),
        ("76", "Rouen", 49.443, 1.100),
        ("77", "Melun", 48.540, 2.661),
        ("78", "Versailles", 48.801, 2.130),
        ("79", "Niort", 46.323, -0.459),
        ("80", "Amiens", 49.894, 2.296),
        ("81", "Albi", 43.929, 2.148),
        ("82", "Montauban", 44.018, 1.355),
        ("83", "Toulon", 43.124, 5.928),
        ("84", "Avignon (est de la ville)", 43.940, 4.840),
        ("85", "La Roche-sur-Yon", 46.670, -1.426),
        ("86", "Poitiers", 46.580, 0.340),
        ("87", "Limoges", 45.834, 1.261),
        ("88", "Épinal", 48.172, 6.449),
        ("89", "Auxerre", 47.798, 3.567),
        ("90", "Belfort", 47.640, 6.863),
        ("91", "Évry", 48.629, 2.441),
        ("92", "Nanterre", 48.892, 2.207),
        ("93", "Bobigny", 48.908, 2.440),
        ("94", "Créteil", 48.790, 2.455),
        ("95", "Cergy", 49.036, 2.076),
        ("971", "La Soufrière, au-dessus de Basse-Terre", 16.044, -61.664),
        ("972", "Fort-de-France", 14.616, -61.059),
        ("973", "Cayenne", 4.937, -52.326),
        ("974", "Saint-Denis", -20.882, 55.450),
        ("976", "Mamoudzou", -12.781, 45.228),
    ];

    #[test]
    fn prefectures_fall_inside_their_own_departement_and_no_other() {
        let formes = formes();
        for (code, ville, lat, lon) in PREFECTURES {
            let (cadre, (x, y)) = formes.placer(code, lat, lon).unwrap();
            let dedans: Vec<&str> = cadre
                .departements()
                .iter()
                .filter(|forme| forme.contient(x, y))
                .map(|forme| forme.code().as_str())
                .collect();
            assert_eq!(
                dedans,
                [code],
                "{ville} ({lat}, {lon}) projetée en ({x:.1}, {y:.1})"
            );
        }
    }

    #[test]
    fn paris_is_small_and_its_suburbs_are_outside_it() {
        let formes = formes();
        let (metropole, paris) = formes.cadre_du_departement("75").unwrap();
        let boite = paris.boite();
        assert!(
            boite.x_max - boite.x_min < 20.0 && boite.y_max - boite.y_min < 12.0,
            "{boite:?}"
        );
        for (lat, lon, code) in [
            (48.857, 2.352, "75"),
            (48.800, 2.266, "92"), // Clamart
            (48.936, 2.358, "93"), // Saint-Denis
            (48.787, 2.392, "94"), // Vitry-sur-Seine
        ] {
            let (x, y) = metropole.projection().projeter(lat, lon);
            assert_eq!(
                metropole.departement_en(x, y).map(|f| f.code().as_str()),
                Some(code),
                "{lat} {lon}"
            );
        }
    }

    #[test]
    fn corsica_is_drawn_moved_so_it_has_its_own_projection() {
        let formes = formes();
        let (metropole, corse_du_sud) = formes.cadre_du_departement("2A").unwrap();
        let ajaccio = (41.919, 8.739);
        let (x, y) = metropole.projection().projeter(ajaccio.0, ajaccio.1);
        assert!(!corse_du_sud.contient(x, y));
        let (x, y) = metropole
            .projection_de(corse_du_sud)
            .projeter(ajaccio.0, ajaccio.1);
        assert!(corse_du_sud.contient(x, y));
    }

    #[test]
    fn placer_gives_the_frame_of_an_overseas_departement() {
        let formes = formes();
        let (cadre, (x, y)) = formes.placer("973", 4.937, -52.326).unwrap();
        assert_eq!(cadre.nom(), "973");
        assert!(x > 0.0 && x < cadre.view_box()[2] && y > 0.0 && y < cadre.view_box()[3]);
        assert!(formes.placer("2a", 41.919, 8.739).is_some());
        assert!(formes.placer("975", 46.78, -56.17).is_none());
    }

    #[test]
    fn path_parser_reads_packed_numbers_and_implicit_commands() {
        // `M0 0` then implicit absolute linetos; `-4.5-3` and `.5.5` are two numbers each.
        let forme = forme_de("M0 0 10 0 10 10zm1 1h-.5.5V-4.5-3l1e1 0");
        assert_eq!(forme.polygones()[0], [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]);
        assert_eq!(
            forme.polygones()[1],
            [
                (1.0, 1.0),
                (0.5, 1.0),
                (1.0, 1.0),
                (1.0, -4.5),
                (1.0, -3.0),
                (11.0, -3.0)
            ]
        );
    }

    #[test]
    fn path_parser_follows_relative_moves_and_drawing_after_closepath() {
        // After `z` the pen is back at (5, 5); `l` then starts a new polygon there, as in Mayotte's path.
        let forme = forme_de("m5 5 2 0 0 2zl-2 0 0-2zm10 0h1v1z");
        assert_eq!(
            forme.polygones(),
            [
                vec![(5.0, 5.0), (7.0, 5.0), (7.0, 7.0)],
                vec![(5.0, 5.0), (3.0, 5.0), (3.0, 3.0)],
                vec![(15.0, 5.0), (16.0, 5.0), (16.0, 6.0)],
            ]
        );
    }

    #[test]
    fn path_parser_keeps_only_curve_endpoints() {
        let forme = forme_de("M0 0C1 1 2 2 3 0s4 4 5 0Q9 9 10 0T12 1c1 1 1 1 0 5S9 9 0 9q1 1 2 2t1 1L0 0");
        let sommets: Vec<(f64, f64)> = forme.polygones()[0].clone();
        assert_eq!(
            sommets,
            [
                (0.0, 0.0),
                (3.0, 0.0),
                (8.0, 0.0),
                (10.0, 0.0),
                (12.0, 1.0),
                (12.0, 6.0),
                (0.0, 9.0),
                (2.0, 11.0),
                (3.0, 12.0),
                (0.0, 0.0)
            ]
        );
    }

    #[test]
    fn malformed_data_is_refused_with_a_reason() {
        assert!(erreur_pour("M0 0A1 1 0 0 1 5 5").contains("arc"));
        assert!(erreur_pour("M0 0L1").contains("nombre attendu"));
        assert!(erreur_pour("L1 1 2 2").contains("ne commence pas par M"));
        assert!(erreur_pour("M0 0z 1 1").contains("nombre inattendu"));
        assert!(erreur_pour("M0 0 1 1").contains("sans surface"));
        let carre = r#"{"code":"01","d":"M0 0h1v1z"}"#;
        let double = Formes::depuis_json(&json_de_test(&format!("{carre},{carre}"), None)).unwrap_err();
        assert!(double.contains("en double"), "{double}");
        let code_invalide = json_de_test(r#"{"code":"Z9","d":"M0 0h1v1z"}"#, None);
        assert!(Formes::depuis_json(&code_invalide).is_err());
        let plate = r#"{"type":"lambert93","x":[1,2,0],"y":[2,4,0],"residu_max":0}"#;
        let non_inversible = Formes::depuis_json(&json_de_test(carre, Some(plate))).unwrap_err();
        assert!(non_inversible.contains("non inversible"), "{non_inversible}");
    }

    #[test]
    fn contains_uses_the_even_odd_rule_so_a_hole_is_outside() {
        let forme = forme_de("M0 0h10v10H0zM3 3h4v4H3z");
        assert!(forme.contient(1.0, 1.0));
        assert!(!forme.contient(5.0, 5.0));
        assert!(!forme.contient(11.0, 5.0));
        assert_eq!(
            forme.boite(),
            Boite {
                x_min: 0.0,
                y_min: 0.0,
                x_max: 10.0,
                y_max: 10.0
            }
        );
    }
}

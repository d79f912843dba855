//! Shapes of the départements for drawing maps, and the projection that places a point given in latitude and
//! longitude (a lieu de médiation numérique) on them. The data is `shared/data/formes-departements.json`,
//! made by `shared/data/generer-formes.mjs` (see `shared/data/FORMES.md` for its source and how the
//! projections were fitted); [`Formes::depuis_json`] parses and checks it once, so drawing and hit-testing
//! never meet a malformed path.

mod chemin;
pub mod projection;
#[cfg(test)]
mod tests;

use serde::Deserialize;

use self::chemin::polygones_du_chemin;
use self::projection::Projection;
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

// ---------------------------------------------------------------------------------------------------------
// Lambert-93, by IGN's algorithms (notes NTG_71: ALG0001 isometric latitude, ALG0002 its inverse, ALG0003
// conic conformal projection, ALG0004 its inverse) with the constants IGN publishes for Lambert-93 (GRS80
// ellipsoid, standard parallels 44° and 49°, origin 46.5° N 3° E at 700 000 m, 6 600 000 m). The difference
// between RGF93 and WGS84 (a few centimetres) is ignored.

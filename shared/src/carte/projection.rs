//! From latitude and longitude to the SVG units of a map frame, and back: Lambert-93 (EPSG:2154) or an
//! equirectangular projection, then the affine map fitted to the drawing.

use serde::Deserialize;

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

    pub(super) fn verifier(&self) -> Result<(), String> {
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

/// A conic conformal projection in IGN's parametrisation (ALG0003).
pub(super) struct ConiqueConforme {
    /// First eccentricity of the ellipsoid.
    pub(super) e: f64,
    /// Exponent of the projection.
    pub(super) n: f64,
    /// Constant of the projection, in metres.
    pub(super) c: f64,
    /// Longitude of the central meridian, in radians.
    pub(super) lambda_c: f64,
    /// Coordinates of the pole, in metres.
    pub(super) xs: f64,
    pub(super) ys: f64,
}

pub(super) const LAMBERT_93: ConiqueConforme = ConiqueConforme {
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
pub(super) fn latitude_isometrique(phi: f64, e: f64) -> f64 {
    let e_sin = e * phi.sin();
    ((std::f64::consts::FRAC_PI_4 + phi / 2.0).tan() * ((1.0 - e_sin) / (1.0 + e_sin)).powf(e / 2.0)).ln()
}

/// ALG0002: latitude (radians) from the isometric latitude, by fixed-point iteration; it converges in a
/// handful of steps for any Earth eccentricity, and the cap only guards against a non-finite input.
pub(super) fn latitude_depuis_isometrique(l: f64, e: f64) -> f64 {
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
    pub(super) fn projeter(&self, phi: f64, lambda: f64) -> (f64, f64) {
        let rayon = self.c * (-self.n * latitude_isometrique(phi, self.e)).exp();
        let gamma = self.n * (lambda - self.lambda_c);
        (self.xs + rayon * gamma.sin(), self.ys - rayon * gamma.cos())
    }

    /// ALG0004: (latitude, longitude) in radians from (x, y) in metres.
    pub(super) fn inverser(&self, x: f64, y: f64) -> (f64, f64) {
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

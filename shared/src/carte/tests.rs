use super::projection::{
    ConiqueConforme, LAMBERT_93, depuis_lambert93, latitude_depuis_isometrique, latitude_isometrique,
    vers_lambert93,
};
use super::*;

const JSON: &str = include_str!("../../data/formes-departements.json");

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
    let formes = Formes::depuis_json(&json_de_test(&format!(r#"{{"code":"01","d":"{d}"}}"#), None)).unwrap();
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

//! Lieux de médiation numérique in the national data standard, as typed by npm
//! `@gouvfr-anct/lieux-de-mediation-numerique` 2.3: field names and enum strings are the standard's, to the
//! letter, so real open data loads and our exports load elsewhere.

use serde::{Deserialize, Serialize};

/// The columns of the standard's flat CSV, in the order Maillage writes them.
pub const COLONNES: [&str; 32] = [
    "id",
    "pivot",
    "nom",
    "adresse",
    "commune",
    "code_postal",
    "code_insee",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "itinerance",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
];

/// Columns a line cannot do without.
pub const COLONNES_REQUISES: [&str; 7] = [
    "id",
    "pivot",
    "nom",
    "adresse",
    "commune",
    "code_postal",
    "date_maj",
];

/// Separator of multi-valued fields in the flat format.
pub const SEPARATEUR: char = '|';

/// `Service` of the standard.
pub const SERVICES: [&str; 9] = [
    "Acquisition de matériel informatique à prix solidaire",
    "Aide aux démarches administratives",
    "Maîtrise des outils numériques du quotidien",
    "Insertion professionnelle via le numérique",
    "Utilisation sécurisée du numérique",
    "Parentalité et éducation avec le numérique",
    "Loisirs et créations numériques",
    "Compréhension du monde numérique",
    "Accès internet et matériel informatique",
];

/// The services of the standard that none of `offerts` provides, in the standard's order: what a
/// territory lacks (the territorial diagnosis). `offerts` are the `services` cells of its lieux, each
/// holding several services separated by `|`.
pub fn services_manquants<'a>(offerts: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let presents: std::collections::BTreeSet<&str> = offerts
        .into_iter()
        .flat_map(|cellule| cellule.split(SEPARATEUR))
        .map(str::trim)
        .collect();
    SERVICES
        .into_iter()
        .filter(|service| !presents.contains(service))
        .collect()
}

/// `PublicsSpecifiquementAdresses`.
pub const PUBLICS: [&str; 5] = [
    "Jeunes",
    "Étudiants",
    "Familles et/ou enfants",
    "Seniors",
    "Femmes",
];

/// `PriseEnChargeSpecifique`.
pub const PRISES_EN_CHARGE: [&str; 7] = [
    "Surdité",
    "Handicaps moteurs",
    "Handicaps mentaux",
    "Illettrisme",
    "Langues étrangères (anglais)",
    "Langues étrangères (autres)",
    "Déficience visuelle",
];

/// `FraisACharge`.
pub const FRAIS: [&str; 3] = ["Gratuit", "Gratuit sous condition", "Payant"];

/// `ModaliteAcces`.
pub const MODALITES_ACCES: [&str; 6] = [
    "Se présenter",
    "Téléphoner",
    "Contacter par mail",
    "Envoyer un mail avec une fiche de prescription",
    "Prendre un RDV en ligne",
    "Ce lieu n'accueille pas de public",
];

/// `ModaliteAccompagnement`.
pub const MODALITES_ACCOMPAGNEMENT: [&str; 4] = [
    "En autonomie",
    "Accompagnement individuel",
    "Dans un atelier collectif",
    "À distance",
];

/// `Itinerance`.
pub const ITINERANCES: [&str; 2] = ["Itinérant", "Fixe"];

/// `DispositifProgrammeNational`.
pub const DISPOSITIFS: [&str; 11] = [
    "Aidants Connect",
    "Bibliothèques numérique de référence",
    "Certification PIX",
    "Conseillers numériques",
    "Emmaüs Connect",
    "France Services",
    "Grande école du numérique",
    "La Croix Rouge",
    "Point d'accès numérique CAF",
    "Promeneurs du net",
    "Relais numérique (Emmaüs Connect)",
];

/// `FormationLabel`.
pub const FORMATIONS_LABELS: [&str; 10] = [
    "Formé à « Mon Espace Santé »",
    "Formé à « DUPLEX » (illettrisme)",
    "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
    "Collectif ressources et acteurs réemploi (Normandie)",
    "Étapes numériques (La Poste)",
    "Fabriques de Territoire",
    "Les Éclaireurs du numérique (Drôme)",
    "Mes Papiers (Métropole de Lyon)",
    "ORDI 3.0",
    "SUD LABS (PACA)",
];

/// `Typologie` (codes of the data·inclusion typology).
pub const TYPOLOGIES: [&str; 92] = [
    "ACI",
    "ACIPHC",
    "AFPA",
    "AI",
    "ASE",
    "ASSO",
    "ASSO_CHOMEUR",
    "Autre",
    "AVIP",
    "BIB",
    "CAARUD",
    "CADA",
    "CAF",
    "CAP_EMPLOI",
    "CAVA",
    "CC",
    "CCAS",
    "CCONS",
    "CD",
    "CDAS",
    "CFP",
    "CHRS",
    "CHU",
    "CIAS",
    "CIDFF",
    "CITMET",
    "CMP",
    "CMS",
    "CPAM",
    "CPH",
    "CS",
    "CSAPA",
    "CSC",
    "DEETS",
    "DEPT",
    "DIPLP",
    "E2C",
    "EA",
    "EATT",
    "EI",
    "EITI",
    "ENM",
    "EPCI",
    "EPI",
    "EPIDE",
    "EPN",
    "ES",
    "ESAT",
    "ESS",
    "ETTI",
    "EVS",
    "FABLAB",
    "FABRIQUE",
    "FAIS",
    "FT",
    "GEIQ",
    "HUDA",
    "LA_POSTE",
    "MDE",
    "MDH",
    "MDEF",
    "MDPH",
    "MDS",
    "MJC",
    "ML",
    "MQ",
    "MSA",
    "MSAP",
    "MUNI",
    "OACAS",
    "ODC",
    "OF",
    "OIL",
    "OPCS",
    "PAD",
    "PENSION",
    "PI",
    "PIJ_BIJ",
    "PIMMS",
    "PJJ",
    "PLIE",
    "PREF",
    "PREVENTION",
    "REG",
    "RELAIS_LECTURE",
    "RESSOURCERIE",
    "RFS",
    "RS_FJT",
    "SCP",
    "SPIP",
    "TIERS_LIEUX",
    "UDAF",
];

/// The multi-valued columns whose values must come from a list of the standard.
pub const COLONNES_ENUMEREES: [(&str, &[&str]); 10] = [
    ("services", &SERVICES),
    ("publics_specifiquement_adresses", &PUBLICS),
    ("prise_en_charge_specifique", &PRISES_EN_CHARGE),
    ("frais_a_charge", &FRAIS),
    ("modalites_acces", &MODALITES_ACCES),
    ("modalites_accompagnement", &MODALITES_ACCOMPAGNEMENT),
    ("itinerance", &ITINERANCES),
    ("dispositif_programmes_nationaux", &DISPOSITIFS),
    ("formations_labels", &FORMATIONS_LABELS),
    ("typologie", &TYPOLOGIES),
];

/// One line of the flat format: every column as text, as read (trimmed) or as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LigneLieu {
    /// Values in the order of [`COLONNES`]; empty string for an absent value.
    pub valeurs: Vec<String>,
}

impl LigneLieu {
    /// The value of a column ("" when absent or unknown).
    pub fn get(&self, colonne: &str) -> &str {
        COLONNES
            .iter()
            .position(|c| *c == colonne)
            .and_then(|i| self.valeurs.get(i))
            .map_or("", String::as_str)
    }

    /// The values of a multi-valued column.
    pub fn liste(&self, colonne: &str) -> Vec<&str> {
        self.get(colonne)
            .split(SEPARATEUR)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }
}

/// Why a line of a file is refused, in French.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ErreurLigne {
    /// Line number in the file (the header is line 1).
    pub ligne: usize,
    pub motif: String,
}

fn chiffres(texte: &str, n: usize) -> bool {
    texte.len() == n && texte.bytes().all(|b| b.is_ascii_digit())
}

/// Checks a line against the standard; returns every problem found, in French.
pub fn verifier(ligne: &LigneLieu) -> Vec<String> {
    let mut problemes = Vec::new();
    for colonne in COLONNES_REQUISES {
        if ligne.get(colonne).is_empty() {
            problemes.push(format!("« {colonne} » est obligatoire"));
        }
    }
    let pivot = ligne.get("pivot");
    // The pivot is a SIRET, an RNA number (W + 9 digits), or fourteen zeros when unknown.
    let pivot_valide = chiffres(pivot, 14)
        || (pivot.len() == 10
            && pivot.starts_with('W')
            && pivot[1..].bytes().all(|b| b.is_ascii_alphanumeric()));
    if !pivot.is_empty() && !pivot_valide {
        problemes.push(format!(
            "pivot « {pivot} » : SIRET (14 chiffres) ou RNA (W suivi de 9 caractères) attendu"
        ));
    }
    let code_postal = ligne.get("code_postal");
    if !code_postal.is_empty() && !chiffres(code_postal, 5) {
        problemes.push(format!("code_postal « {code_postal} » : cinq chiffres attendus"));
    }
    let code_insee = ligne.get("code_insee");
    if !code_insee.is_empty() && crate::territoire::CodeCommune::parse(code_insee).is_err() {
        problemes.push(format!(
            "code_insee « {code_insee} » : code INSEE de commune attendu"
        ));
    }
    for (colonne, borne) in [("latitude", 90.0), ("longitude", 180.0)] {
        let valeur = ligne.get(colonne);
        if !valeur.is_empty()
            && !valeur
                .parse::<f64>()
                .is_ok_and(|v| v.is_finite() && v.abs() <= borne)
        {
            problemes.push(format!(
                "{colonne} « {valeur} » : nombre entre -{borne} et {borne} attendu"
            ));
        }
    }
    let date = ligne.get("date_maj");
    if !date.is_empty() && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
        problemes.push(format!("date_maj « {date} » : date AAAA-MM-JJ attendue"));
    }
    for (colonne, valeurs) in COLONNES_ENUMEREES {
        for valeur in ligne.liste(colonne) {
            if !valeurs.contains(&valeur) {
                problemes.push(format!(
                    "{colonne} : « {valeur} » n’est pas une valeur du standard"
                ));
            }
        }
    }
    let horaires = ligne.get("horaires");
    if !horaires.is_empty()
        && let Err(erreur) = crate::horaires::Horaires::lire(horaires)
    {
        problemes.push(format!("horaires « {horaires} » : {erreur}"));
    }
    let telephone = ligne.get("telephone");
    if !telephone.is_empty() && !telephone_valide(telephone) {
        problemes.push(format!(
            "telephone « {telephone} » : numéro international sans espace attendu (+33 puis 9 chiffres)"
        ));
    }
    for courriel in ligne.liste("courriels") {
        if !courriel.contains('@') {
            problemes.push(format!("courriels : « {courriel} » n’est pas une adresse"));
        }
    }
    for url in ligne
        .liste("site_web")
        .into_iter()
        .chain([ligne.get("fiche_acces_libre"), ligne.get("prise_rdv")])
    {
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
            problemes.push(format!("« {url} » : adresse web en http(s) attendue"));
        }
    }
    problemes
}

/// The standard's telephone: an international number without spaces, with one of the French prefixes
/// (`^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$`).
pub fn telephone_valide(telephone: &str) -> bool {
    [
        "+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681",
    ]
    .iter()
    .any(|prefixe| {
        telephone
            .strip_prefix(prefixe)
            .is_some_and(|reste| (6..=9).contains(&reste.len()) && reste.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// What a lieu's record lacks for a person to find it and go there, against the standard's fields, in
/// French: its position on the map, its hours, its services, a way to reach it, how to get in and how one
/// is helped there, what it costs, who runs it, its accessibility record. Empty: nothing is missing.
pub fn manquants(ligne: &LigneLieu) -> Vec<&'static str> {
    let vide = |colonne: &str| ligne.get(colonne).is_empty();
    [
        (
            vide("latitude") || vide("longitude"),
            "la position (latitude et longitude)",
        ),
        (vide("horaires"), "les horaires d’ouverture"),
        (vide("services"), "les services proposés"),
        (
            vide("telephone") && vide("courriels") && vide("site_web"),
            "un moyen de contact (téléphone, courriel ou site web)",
        ),
        (vide("modalites_acces"), "les modalités d’accès"),
        (vide("modalites_accompagnement"), "les modalités d’accompagnement"),
        (vide("frais_a_charge"), "les frais à charge"),
        (vide("presentation_resume"), "une présentation"),
        (vide("typologie"), "la typologie de la structure"),
        (vide("fiche_acces_libre"), "la fiche d’accessibilité (Acceslibre)"),
    ]
    .into_iter()
    .filter_map(|(manque, libelle)| manque.then_some(libelle))
    .collect()
}

/// The distance in kilometres between two points given in degrees (haversine, on a sphere of the Earth's
/// mean radius: a few metres off at the scale of a search).
pub fn distance_km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    const RAYON_KM: f64 = 6371.0;
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let dphi = (lat2 - lat1).to_radians();
    let dlambda = (lon2 - lon1).to_radians();
    let a = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * RAYON_KM * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_manquants_d_un_territoire_sont_ceux_qu_aucun_lieu_n_offre() {
        let offerts = [
            "Aide aux démarches administratives|Utilisation sécurisée du numérique",
            "Aide aux démarches administratives",
        ];
        let manquants = services_manquants(offerts);
        assert_eq!(manquants.len(), SERVICES.len() - 2);
        assert!(!manquants.contains(&"Aide aux démarches administratives"));
        assert_eq!(
            manquants[0], "Acquisition de matériel informatique à prix solidaire",
            "in the standard's order"
        );
        assert_eq!(
            services_manquants([]),
            SERVICES.to_vec(),
            "a territory without lieu lacks everything"
        );
    }

    fn ligne(paires: &[(&str, &str)]) -> LigneLieu {
        let mut valeurs = vec![String::new(); COLONNES.len()];
        for (colonne, valeur) in paires {
            let i = COLONNES.iter().position(|c| c == colonne).unwrap();
            valeurs[i] = (*valeur).to_owned();
        }
        LigneLieu { valeurs }
    }

    fn valide() -> Vec<(&'static str, &'static str)> {
        vec![
            ("id", "lieu-1"),
            ("pivot", "13002603200016"),
            ("nom", "Médiathèque"),
            ("adresse", "1 rue de Siam"),
            ("commune", "Brest"),
            ("code_postal", "29200"),
            ("code_insee", "29019"),
            ("date_maj", "2024-05-02"),
            (
                "services",
                "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
            ),
            (
                "dispositif_programmes_nationaux",
                "Conseillers numériques|France Services",
            ),
            ("latitude", "48.39"),
            ("longitude", "-4.49"),
        ]
    }

    #[test]
    fn lieu_a_line_of_the_standard_is_accepted() {
        assert_eq!(verifier(&ligne(&valide())), Vec::<String>::new());
    }

    #[test]
    fn lieu_missing_required_fields_are_named() {
        let problemes = verifier(&ligne(&[("id", "x")]));
        assert!(
            problemes.iter().any(|p| p.contains("« nom » est obligatoire")),
            "{problemes:?}"
        );
        assert_eq!(problemes.len(), 6);
    }

    #[test]
    fn lieu_enum_values_must_be_the_standards_strings_exactly() {
        let mut paires = valide();
        paires.push(("services", "Aide aux demarches administratives"));
        paires.retain(|(c, v)| *c != "services" || !v.contains("Maîtrise"));
        let problemes = verifier(&ligne(&paires));
        assert_eq!(problemes.len(), 1, "{problemes:?}");
        assert!(problemes[0].contains("n’est pas une valeur du standard"));
    }

    #[test]
    fn lieu_coordinates_codes_dates_and_urls_are_checked() {
        let mut paires = valide();
        paires.retain(|(c, _)| !["latitude", "code_postal", "date_maj"].contains(c));
        paires.extend([
            ("latitude", "123"),
            ("code_postal", "2920"),
            ("date_maj", "02/05/2024"),
            ("site_web", "www.exemple.fr"),
        ]);
        assert_eq!(verifier(&ligne(&paires)).len(), 4);
    }

    #[test]
    fn lieu_hours_and_telephone_are_checked_as_the_standard_writes_them() {
        let mut paires = valide();
        paires.extend([("horaires", "Lu-Ve 9h-12h"), ("telephone", "02 98 00 00 00")]);
        let problemes = verifier(&ligne(&paires));
        assert_eq!(problemes.len(), 2, "{problemes:?}");
        assert!(problemes[0].starts_with("horaires « Lu-Ve 9h-12h » : horaires illisibles au caractère 1"));
        let mut paires = valide();
        paires.extend([
            ("horaires", "Mo-Fr 09:00-12:00; PH off"),
            ("telephone", "+33298000000"),
        ]);
        assert_eq!(verifier(&ligne(&paires)), Vec::<String>::new());
        assert!(telephone_valide("+262262000000") && !telephone_valide("+4930000000"));
    }

    #[test]
    fn lieu_completeness_names_what_is_missing_in_french() {
        let incomplet = ligne(&valide());
        let manque = manquants(&incomplet);
        assert!(manque.contains(&"les horaires d’ouverture"), "{manque:?}");
        assert!(!manque.contains(&"les services proposés"));
        assert!(!manque.contains(&"la position (latitude et longitude)"));
        let mut paires = valide();
        paires.extend([
            ("horaires", "Mo-Fr 09:00-12:00"),
            ("telephone", "+33298000000"),
            ("modalites_acces", "Se présenter"),
            ("modalites_accompagnement", "Accompagnement individuel"),
            ("frais_a_charge", "Gratuit"),
            ("presentation_resume", "Une médiathèque"),
            ("typologie", "BIB"),
            ("fiche_acces_libre", "https://acceslibre.beta.gouv.fr/app/erp/x/"),
        ]);
        assert_eq!(manquants(&ligne(&paires)), Vec::<&str>::new());
    }

    #[test]
    fn lieu_distance_from_brest_to_quimper_is_about_fifty_kilometres() {
        let brest = (48.3905, -4.4860);
        let quimper = (47.9960, -4.1024);
        let d = distance_km(brest, quimper);
        assert!((50.0..56.0).contains(&d), "{d}");
        assert_eq!(distance_km(brest, brest), 0.0);
    }

    #[test]
    fn lieu_enumerations_hold_the_standards_values() {
        assert!(DISPOSITIFS.contains(&"Conseillers numériques") && DISPOSITIFS.contains(&"France Services"));
        assert_eq!(COLONNES.len(), 32);
        assert!(COLONNES_ENUMEREES.iter().all(|(c, _)| COLONNES.contains(c)));
    }
}

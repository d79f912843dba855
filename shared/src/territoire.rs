//! Territorial codes and search keys: parsed once at the edge, so the rest of the code only sees valid codes.

use serde::{Deserialize, Serialize};

/// The level of a territory in the French administrative division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NatureTerritoire {
    Region,
    Departement,
    Epci,
    Commune,
}

impl NatureTerritoire {
    /// The French label shown next to a search suggestion.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Region => "Région",
            Self::Departement => "Département",
            Self::Epci => "Intercommunalité",
            Self::Commune => "Commune",
        }
    }
}

/// Where a territory lies: the programme covers metropolitan France and the five DROM; the overseas
/// collectivités (COM) are kept in the referential but are not départements of the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Zone {
    /// France métropolitaine.
    Metropole,
    /// Département et région d'outre-mer (971, 972, 973, 974, 976).
    Drom,
    /// Collectivité d'outre-mer, outside the programme's 101 départements.
    Com,
}

impl Zone {
    /// The value used by `@etalab/decoupage-administratif` and stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Metropole => "metro",
            Self::Drom => "drom",
            Self::Com => "com",
        }
    }

    /// Reads the stored value back.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "metro" => Some(Self::Metropole),
            "drom" => Some(Self::Drom),
            "com" => Some(Self::Com),
            _ => None,
        }
    }

    /// Whether territories of this zone belong to the programme's 101 départements.
    pub fn dans_le_programme(self) -> bool {
        !matches!(self, Self::Com)
    }
}

/// The legal form of an EPCI à fiscalité propre, as coded by the referential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NatureEpci {
    CommunauteDeCommunes,
    CommunauteDAgglomeration,
    CommunauteUrbaine,
    Metropole,
    MetropoleDeLyon,
}

impl NatureEpci {
    /// Every nature, in the referential's order of size.
    pub const ALL: [NatureEpci; 5] = [
        Self::CommunauteDeCommunes,
        Self::CommunauteDAgglomeration,
        Self::CommunauteUrbaine,
        Self::Metropole,
        Self::MetropoleDeLyon,
    ];

    /// The code used by `@etalab/decoupage-administratif` and stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CommunauteDeCommunes => "CC",
            Self::CommunauteDAgglomeration => "CA",
            Self::CommunauteUrbaine => "CU",
            Self::Metropole => "METRO",
            Self::MetropoleDeLyon => "MET69",
        }
    }

    /// Reads the stored code back.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|nature| nature.as_str() == code)
    }

    /// The French name of the legal form.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::CommunauteDeCommunes => "Communauté de communes",
            Self::CommunauteDAgglomeration => "Communauté d’agglomération",
            Self::CommunauteUrbaine => "Communauté urbaine",
            Self::Metropole => "Métropole",
            Self::MetropoleDeLyon => "Métropole de Lyon",
        }
    }
}

/// A malformed territorial code, with the French explanation shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("« {valeur} » n’est pas {attendu}")]
pub struct CodeInvalide {
    /// What was received, trimmed.
    pub valeur: String,
    /// What a valid code looks like, in French.
    pub attendu: &'static str,
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn invalide(valeur: &str, attendu: &'static str) -> CodeInvalide {
    CodeInvalide {
        valeur: valeur.to_owned(),
        attendu,
    }
}

macro_rules! code_type {
    ($(#[$doc:meta])* $name:ident, $attendu:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates the shape of the code (not its existence), accepting surrounding spaces and
            /// lowercase Corsican letters.
            pub fn parse(input: &str) -> Result<Self, CodeInvalide> {
                let code = input.trim().to_ascii_uppercase();
                let check: fn(&str) -> bool = $check;
                if check(&code) { Ok(Self(code)) } else { Err(invalide(input.trim(), $attendu)) }
            }

            /// The code as stored and displayed.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = CodeInvalide;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

code_type!(
    /// INSEE code of a région: two digits, or three for an overseas collectivité.
    CodeRegion,
    "un code de région valide (deux ou trois chiffres)",
    |c| all_digits(c) && (c.len() == 2 || c.len() == 3)
);

code_type!(
    /// INSEE code of a département: two digits, 2A or 2B (Corse), or three digits starting with 97 or 98.
    CodeDepartement,
    "un code de département valide (deux chiffres, 2A, 2B, ou trois chiffres pour l’outre-mer)",
    |c| {
        (c.len() == 2 && (all_digits(c) || c == "2A" || c == "2B"))
            || (c.len() == 3 && all_digits(c) && (c.starts_with("97") || c.starts_with("98")))
    }
);

code_type!(
    /// INSEE code of a commune: five characters, digits except 2A/2B for Corsica.
    CodeCommune,
    "un code INSEE de commune valide (cinq caractères, par exemple 29019)",
    |c| c.len() == 5 && (all_digits(c) || ((c.starts_with("2A") || c.starts_with("2B")) && all_digits(&c[2..])))
);

code_type!(
    /// SIREN of an EPCI (établissement public de coopération intercommunale): nine digits.
    SirenEpci,
    "un numéro SIREN d’intercommunalité valide (neuf chiffres)",
    |c| c.len() == 9 && all_digits(c)
);

code_type!(
    /// A French postal code: five digits.
    CodePostal,
    "un code postal valide (cinq chiffres)",
    |c| c.len() == 5 && all_digits(c)
);

/// Folds a name for accent-, case- and punctuation-insensitive search: "Saint-Étienne" → "saint etienne".
/// The backend stores this key for every territory and the search text goes through the same function.
pub fn cle_recherche(texte: &str) -> String {
    let mut cle = String::with_capacity(texte.len());
    let mut espace = true; // drop leading spaces and collapse runs
    // Lowercase first: some capitals lowercase to an accented letter (the ångström sign Å to å), which must
    // then fold like any other, or the key of a key would differ from the key (found by fuzzing).
    for c in texte.chars().flat_map(char::to_lowercase) {
        let plie: &str = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => "a",
            'ç' | 'Ç' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
            'ñ' | 'Ñ' => "n",
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
            'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            c if c.is_alphanumeric() => {
                for lower in c.to_lowercase() {
                    cle.push(lower);
                }
                espace = false;
                continue;
            }
            _ => {
                if !espace {
                    cle.push(' ');
                    espace = true;
                }
                continue;
            }
        };
        cle.push_str(plie);
        espace = false;
    }
    if cle.ends_with(' ') {
        cle.pop();
    }
    cle
}

/// What a search text looks like, so the server picks the matching lookups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchQuery {
    /// Five digits: a postal code or an INSEE commune code.
    CinqChiffres(String),
    /// Nine digits: a SIREN (EPCI or commune).
    Siren(String),
    /// A département code such as 29, 2A or 974.
    Departement(CodeDepartement),
    /// Anything else: a name, folded by [`cle_recherche`].
    Nom(String),
}

impl SearchQuery {
    /// Classifies what a person typed. Returns `None` when nothing searchable remains.
    pub fn analyser(texte: &str) -> Option<Self> {
        let compact: String = texte.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() == 5 && all_digits(&compact) {
            return Some(Self::CinqChiffres(compact));
        }
        if compact.len() == 9 && all_digits(&compact) {
            return Some(Self::Siren(compact));
        }
        if compact.len() <= 3
            && let Ok(code) = CodeDepartement::parse(&compact)
        {
            return Some(Self::Departement(code));
        }
        let cle = cle_recherche(texte);
        if cle.is_empty() {
            None
        } else {
            Some(Self::Nom(cle))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departement_codes_accept_metropole_corse_and_outre_mer() {
        for ok in ["01", "29", "2A", "2b", " 75 ", "971", "976", "988"] {
            assert!(CodeDepartement::parse(ok).is_ok(), "{ok} should be accepted");
        }
        assert_eq!(CodeDepartement::parse("2b").unwrap().as_str(), "2B");
        for bad in ["", "1", "2C", "123", "9710", "AB", "29 1"] {
            assert!(CodeDepartement::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn commune_codes_are_five_characters_with_corsican_letters() {
        for ok in ["29019", "2A004", "2b033", "97411"] {
            assert!(CodeCommune::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["2901", "290190", "2C004", "A2004", "29O19"] {
            assert!(CodeCommune::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn siren_postal_and_region_codes_are_digits_of_the_right_length() {
        assert!(SirenEpci::parse("242900314").is_ok());
        assert!(SirenEpci::parse("24290031").is_err());
        assert!(SirenEpci::parse("24290031X").is_err());
        assert!(CodePostal::parse("29200").is_ok());
        assert!(CodePostal::parse("2920").is_err());
        assert!(CodeRegion::parse("53").is_ok());
        assert!(CodeRegion::parse("975").is_ok());
        assert!(CodeRegion::parse("5").is_err());
    }

    #[test]
    fn invalid_code_explains_what_is_expected_in_french() {
        let err = CodeDepartement::parse("XYZ").unwrap_err();
        assert_eq!(err.valeur, "XYZ");
        assert!(err.to_string().contains("code de département"), "{err}");
    }

    #[test]
    fn codes_deserialize_only_when_valid() {
        let ok: CodeCommune = serde_json::from_str("\"29019\"").unwrap();
        assert_eq!(ok.as_str(), "29019");
        assert!(serde_json::from_str::<CodeCommune>("\"nope\"").is_err());
    }

    #[test]
    fn search_key_ignores_case_accents_and_punctuation() {
        assert_eq!(cle_recherche("Saint-Étienne"), "saint etienne");
        assert_eq!(cle_recherche("  L'Haÿ-les-Roses "), "l hay les roses");
        assert_eq!(cle_recherche("Œuilly"), "oeuilly");
        assert_eq!(cle_recherche("Brest Métropole"), "brest metropole");
        assert_eq!(cle_recherche("---"), "");
    }

    #[test]
    fn search_text_is_classified_by_shape() {
        assert_eq!(
            SearchQuery::analyser("29200"),
            Some(SearchQuery::CinqChiffres("29200".into()))
        );
        assert_eq!(
            SearchQuery::analyser("242 900 314"),
            Some(SearchQuery::Siren("242900314".into()))
        );
        assert_eq!(
            SearchQuery::analyser("2a"),
            Some(SearchQuery::Departement(CodeDepartement::parse("2A").unwrap()))
        );
        assert_eq!(
            SearchQuery::analyser("Brest"),
            Some(SearchQuery::Nom("brest".into()))
        );
        assert_eq!(SearchQuery::analyser("  - "), None);
    }

    #[test]
    fn epci_natures_round_trip_through_their_referential_codes() {
        for nature in NatureEpci::ALL {
            assert_eq!(NatureEpci::parse(nature.as_str()), Some(nature));
        }
        assert_eq!(NatureEpci::parse("SIVU"), None);
    }

    #[test]
    fn only_com_zone_is_outside_the_programme() {
        assert!(Zone::Metropole.dans_le_programme());
        assert!(Zone::Drom.dans_le_programme());
        assert!(!Zone::Com.dans_le_programme());
        for zone in [Zone::Metropole, Zone::Drom, Zone::Com] {
            assert_eq!(Zone::parse(zone.as_str()), Some(zone));
        }
    }
}

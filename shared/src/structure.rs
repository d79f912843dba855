//! Structures porteuses: SIRET, legal category and eligibility (call for applications, II.a).

use serde::{Deserialize, Serialize};

/// The ten categories of structures eligible to host a coordinator post (II.a). A structure that fits none
/// of them is not eligible: the registration form says so with [`Ineligibilite::HorsCategories`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CategorieStructure {
    /// Collectivité territoriale or groupement (CGCT L.5111-1), Métropole du Grand Paris, EPT, Métropole de
    /// Lyon, overseas territories and collectivités.
    Collectivite,
    /// Établissement public rattaché (CCAS, CIAS, office public de l'habitat…).
    EtablissementPublicRattache,
    /// Hub territorial pour un numérique inclusif.
    Hub,
    /// Groupement d'intérêt public of public-law legal persons.
    Gip,
    /// Chambre consulaire, or établissement public administratif under State supervision.
    ChambreConsulaireEpa,
    /// EPIC previously identified by the State.
    Epic,
    /// ARS, or GRADeS (public GIP or private groupement de coopération sanitaire).
    ArsGrades,
    /// Association déclarée (loi 1901; loi 1908 in Alsace-Moselle).
    Association,
    /// Entreprise de l'économie sociale et solidaire (loi 2014-856).
    EntrepriseEss,
    /// Other private-law legal person with a general-interest mission, not exclusively for profit.
    PersonneMoraleInteretGeneral,
}

impl CategorieStructure {
    /// Every category, in the order of the call.
    pub const ALL: [CategorieStructure; 10] = [
        Self::Collectivite,
        Self::EtablissementPublicRattache,
        Self::Hub,
        Self::Gip,
        Self::ChambreConsulaireEpa,
        Self::Epic,
        Self::ArsGrades,
        Self::Association,
        Self::EntrepriseEss,
        Self::PersonneMoraleInteretGeneral,
    ];

    /// The French label of the registration form.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Collectivite => "Collectivité territoriale ou groupement de collectivités",
            Self::EtablissementPublicRattache => {
                "Établissement public rattaché (CCAS, CIAS, office public de l’habitat…)"
            }
            Self::Hub => "Hub territorial pour un numérique inclusif",
            Self::Gip => "Groupement d’intérêt public (personnes morales de droit public)",
            Self::ChambreConsulaireEpa => {
                "Chambre consulaire ou établissement public administratif sous tutelle de l’État"
            }
            Self::Epic => "Établissement public industriel et commercial identifié par l’État",
            Self::ArsGrades => "Agence régionale de santé ou GRADeS",
            Self::Association => "Association déclarée (loi 1901, ou loi 1908 en Alsace-Moselle)",
            Self::EntrepriseEss => "Entreprise de l’économie sociale et solidaire",
            Self::PersonneMoraleInteretGeneral => {
                "Autre personne morale de droit privé chargée d’une mission d’intérêt général"
            }
        }
    }

    /// The stored and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Collectivite => "COLLECTIVITE",
            Self::EtablissementPublicRattache => "ETABLISSEMENT_PUBLIC_RATTACHE",
            Self::Hub => "HUB",
            Self::Gip => "GIP",
            Self::ChambreConsulaireEpa => "CHAMBRE_CONSULAIRE_EPA",
            Self::Epic => "EPIC",
            Self::ArsGrades => "ARS_GRADES",
            Self::Association => "ASSOCIATION",
            Self::EntrepriseEss => "ENTREPRISE_ESS",
            Self::PersonneMoraleInteretGeneral => "PERSONNE_MORALE_INTERET_GENERAL",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|categorie| categorie.as_str() == value)
    }

    /// Whether the category decides the legal status: `Some(true)` public, `Some(false)` private, `None`
    /// when it can be either (hubs, ARS/GRADeS).
    pub fn statut_impose(self) -> Option<bool> {
        match self {
            Self::Collectivite
            | Self::EtablissementPublicRattache
            | Self::Gip
            | Self::ChambreConsulaireEpa
            | Self::Epic => Some(true),
            Self::Association | Self::EntrepriseEss | Self::PersonneMoraleInteretGeneral => Some(false),
            Self::Hub | Self::ArsGrades => None,
        }
    }
}

/// What the company register (« Recherche d’entreprises ») says of a legal unit that decides its category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NatureDuRegistre<'a> {
    /// The INSEE legal category, 4 digits (`nature_juridique`: "7344" for a métropole).
    pub nature_juridique: &'a str,
    pub est_association: bool,
    /// `complements.est_ess`: an enterprise of the social and solidarity economy (loi 2014-856).
    pub est_ess: bool,
}

impl NatureDuRegistre<'_> {
    /// The category of the call the legal form implies, when the code alone (or with its ESS mark) decides
    /// it; `None` when it takes a person's review (an EPIC identified by the State, a hospital, a GRADeS, a
    /// hub, a foundation…) or when the form is outside the call (an individual entrepreneur, a company).
    /// The person registering may correct it, saying why.
    pub fn categorie_proposee(self) -> Option<CategorieStructure> {
        use CategorieStructure::*;
        let categorie = match self.nature_juridique {
            // Collectivités, their groupings (EPCI à fiscalité propre, syndicats, pôles, PETR).
            "7210" | "7220" | "7230" | "7225" | "7229" | "7340" | "7343" | "7344" | "7345" | "7346"
            | "7347" | "7348" | "7349" | "7351" | "7352" | "7353" | "7354" | "7355" | "7357" => {
                Some(Collectivite)
            }
            // CCAS, CIAS, OPH, caisses des écoles, local EP (social, cultural), régies, EPLE, SDIS.
            "7361" | "7367" | "7371" | "7362" | "7366" | "7373" | "7378" | "7379" | "7331" | "7372" => {
                Some(EtablissementPublicRattache)
            }
            "7410" => Some(Gip),
            // Chambres consulaires; national EPA under State supervision.
            "7381" | "7382" | "7383" | "7384" | "7385" | "7389" => Some(ChambreConsulaireEpa),
            // Declared associations (and those of Alsace-Moselle's local law); never an undeclared one.
            "9220" | "9230" | "9221" | "9222" | "9260" => Some(Association),
            "9210" | "9240" => None,
            _ if self.est_ess => Some(EntrepriseEss),
            _ => None,
        };
        categorie.or_else(|| {
            (self.est_association && !matches!(self.nature_juridique, "9210" | "9240")).then_some(Association)
        })
    }

    /// Whether the legal unit is a public-law legal person: the INSEE categories 4 (public bodies with an
    /// industrial or commercial activity) and 7 (administrative public-law legal persons).
    pub fn statut_public(self) -> bool {
        matches!(self.nature_juridique.as_bytes().first(), Some(b'4' | b'7'))
    }
}

/// How long the reason for another category than the proposed one is, in characters.
pub const LONGUEUR_MOTIF_CATEGORIE: std::ops::RangeInclusive<usize> = 10..=1000;

/// The category the register proposed, when the structure chose another one (`None` for none of the ten):
/// the structure must then say why, in [`LONGUEUR_MOTIF_CATEGORIE`] characters.
pub fn categorie_a_justifier(
    proposee: Option<CategorieStructure>,
    choisie: Option<CategorieStructure>,
) -> Option<CategorieStructure> {
    proposee.filter(|p| choisie != Some(*p))
}

/// Why a structure cannot host a coordinator post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Ineligibilite {
    /// The structure fits none of the ten categories of the call.
    #[error(
        "Seules les dix catégories de structures de l’appel à candidatures (II.a) peuvent porter un poste de \
         conseiller numérique coordinateur : une entreprise à but exclusivement lucratif ou une personne \
         physique ne le peut pas."
    )]
    HorsCategories,
    /// The declared public/private status contradicts the category.
    #[error("Le statut déclaré ne correspond pas à la catégorie : {0}")]
    StatutIncoherent(&'static str),
    /// A private legal person without a general-interest mission.
    #[error(
        "Une personne morale de droit privé n’est éligible que si elle est chargée d’une mission d’intérêt \
         général et n’a pas un but exclusivement lucratif."
    )]
    SansMissionInteretGeneral,
}

/// Eligibility rule of II.a. `categorie` is `None` when the structure declared it fits none of the ten.
pub fn verifier_eligibilite(
    categorie: Option<CategorieStructure>,
    statut_public: bool,
    mission_interet_general: bool,
) -> Result<(), Ineligibilite> {
    let Some(categorie) = categorie else {
        return Err(Ineligibilite::HorsCategories);
    };
    match categorie.statut_impose() {
        Some(true) if !statut_public => {
            return Err(Ineligibilite::StatutIncoherent(
                "cette catégorie regroupe des personnes morales de droit public.",
            ));
        }
        Some(false) if statut_public => {
            return Err(Ineligibilite::StatutIncoherent(
                "cette catégorie regroupe des personnes morales de droit privé.",
            ));
        }
        _ => {}
    }
    if categorie == CategorieStructure::PersonneMoraleInteretGeneral && !mission_interet_general {
        return Err(Ineligibilite::SansMissionInteretGeneral);
    }
    Ok(())
}

/// SIREN of La Poste, whose establishments' SIRET do not follow the Luhn key but a digit sum multiple of 5.
const SIREN_LA_POSTE: &str = "356000000";

/// A SIRET: 14 digits whose Luhn key is valid (La Poste's establishments excepted, see INSEE).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Siret(String);

/// Why a SIRET is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiretInvalide {
    #[error("Un SIRET compte 14 chiffres (« {0} »).")]
    Format(String),
    #[error(
        "Le SIRET « {0} » n’existe pas : sa clé de contrôle est fausse. Vérifiez-le sur l’avis de situation INSEE."
    )]
    CheckDigit(String),
}

impl Siret {
    /// Accepts spaces between groups ("130 025 265 00013").
    pub fn parse(input: &str) -> Result<Self, SiretInvalide> {
        let chiffres: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if chiffres.len() != 14 || !chiffres.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SiretInvalide::Format(input.trim().to_owned()));
        }
        let valide = if chiffres.starts_with(SIREN_LA_POSTE) {
            chiffres
                .bytes()
                .map(|b| u32::from(b - b'0'))
                .sum::<u32>()
                .is_multiple_of(5)
        } else {
            luhn(&chiffres)
        };
        if valide {
            Ok(Self(chiffres))
        } else {
            Err(SiretInvalide::CheckDigit(chiffres))
        }
    }

    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The SIREN: the first nine digits.
    pub fn siren(&self) -> &str {
        &self.0[..9]
    }
}

impl TryFrom<String> for Siret {
    type Error = SiretInvalide;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Siret> for String {
    fn from(value: Siret) -> String {
        value.0
    }
}

fn luhn(chiffres: &str) -> bool {
    let somme: u32 = chiffres
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let double = d * 2;
                if double > 9 { double - 9 } else { double }
            } else {
                d
            }
        })
        .sum();
    somme.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_category_than_the_one_proposed_is_to_be_justified() {
        use CategorieStructure::*;
        assert_eq!(
            categorie_a_justifier(Some(Collectivite), Some(Association)),
            Some(Collectivite)
        );
        assert_eq!(
            categorie_a_justifier(Some(Collectivite), None),
            Some(Collectivite),
            "none of the ten"
        );
        assert_eq!(
            categorie_a_justifier(Some(Collectivite), Some(Collectivite)),
            None
        );
        assert_eq!(
            categorie_a_justifier(None, Some(Association)),
            None,
            "nothing proposed"
        );
    }

    #[test]
    fn the_register_proposes_the_category_the_legal_form_implies() {
        let nature = |code, est_association, est_ess| NatureDuRegistre {
            nature_juridique: code,
            est_association,
            est_ess,
        };
        assert_eq!(
            nature("7344", false, false).categorie_proposee(),
            Some(CategorieStructure::Collectivite),
            "a métropole"
        );
        assert_eq!(
            nature("7361", false, false).categorie_proposee(),
            Some(CategorieStructure::EtablissementPublicRattache),
            "a CCAS"
        );
        assert_eq!(
            nature("7410", false, false).categorie_proposee(),
            Some(CategorieStructure::Gip)
        );
        assert_eq!(
            nature("7381", false, false).categorie_proposee(),
            Some(CategorieStructure::ChambreConsulaireEpa)
        );
        assert_eq!(
            nature("9220", true, false).categorie_proposee(),
            Some(CategorieStructure::Association)
        );
        assert_eq!(
            nature("9210", true, false).categorie_proposee(),
            None,
            "an undeclared association"
        );
        assert_eq!(
            nature("5458", false, true).categorie_proposee(),
            Some(CategorieStructure::EntrepriseEss),
            "a SCOP"
        );
        // What takes a review, and what is outside the call.
        assert_eq!(nature("4110", false, false).categorie_proposee(), None, "an EPIC");
        assert_eq!(
            nature("7364", false, false).categorie_proposee(),
            None,
            "a hospital"
        );
        assert_eq!(
            nature("5710", false, false).categorie_proposee(),
            None,
            "a company"
        );
        assert_eq!(
            nature("1000", false, false).categorie_proposee(),
            None,
            "an individual entrepreneur"
        );
        assert!(nature("7344", false, false).statut_public());
        assert!(nature("4110", false, false).statut_public());
        assert!(!nature("9220", true, false).statut_public());
    }

    #[test]
    fn siret_with_a_valid_luhn_key_is_accepted_with_or_without_spaces() {
        let siret = Siret::parse("130 026 032 00016").unwrap();
        assert_eq!(siret.as_str(), "13002603200016");
        assert_eq!(siret.siren(), "130026032");
    }

    #[test]
    fn siret_with_a_wrong_key_is_refused_with_the_reason() {
        assert!(matches!(
            Siret::parse("13002603200019"),
            Err(SiretInvalide::CheckDigit(_))
        ));
    }

    #[test]
    fn siret_must_have_fourteen_digits() {
        assert!(matches!(
            Siret::parse("1300260320001"),
            Err(SiretInvalide::Format(_))
        ));
        assert!(matches!(
            Siret::parse("1300260320001A"),
            Err(SiretInvalide::Format(_))
        ));
    }

    #[test]
    fn siret_of_la_poste_follows_the_digit_sum_exception() {
        // 3+5+6 + 0… + digits of the NIC: La Poste's rule is a digit sum multiple of 5, not Luhn.
        let la_poste = "35600000000048"; // sum = 3+5+6+4+8 = 26 → refused
        assert!(Siret::parse(la_poste).is_err());
        let la_poste = "35600000049837"; // sum = 3+5+6+4+9+8+3+7 = 45 → accepted though Luhn fails
        assert!(!luhn(la_poste));
        assert!(Siret::parse(la_poste).is_ok());
    }

    #[test]
    fn eligibility_each_of_the_ten_categories_is_eligible_with_a_coherent_status() {
        for categorie in CategorieStructure::ALL {
            let statut_public = categorie.statut_impose().unwrap_or(true);
            assert_eq!(
                verifier_eligibilite(Some(categorie), statut_public, true),
                Ok(()),
                "{categorie:?}"
            );
        }
    }

    #[test]
    fn eligibility_a_structure_outside_the_ten_categories_is_refused_with_the_reason() {
        let refus = verifier_eligibilite(None, false, false).unwrap_err();
        assert_eq!(refus, Ineligibilite::HorsCategories);
        assert!(refus.to_string().contains("dix catégories"));
    }

    #[test]
    fn eligibility_status_must_agree_with_the_category() {
        assert!(matches!(
            verifier_eligibilite(Some(CategorieStructure::Collectivite), false, true),
            Err(Ineligibilite::StatutIncoherent(_))
        ));
        assert!(matches!(
            verifier_eligibilite(Some(CategorieStructure::Association), true, true),
            Err(Ineligibilite::StatutIncoherent(_))
        ));
        // Hubs and ARS/GRADeS can be either.
        for statut in [true, false] {
            assert_eq!(
                verifier_eligibilite(Some(CategorieStructure::Hub), statut, true),
                Ok(())
            );
            assert_eq!(
                verifier_eligibilite(Some(CategorieStructure::ArsGrades), statut, true),
                Ok(())
            );
        }
    }

    #[test]
    fn eligibility_other_private_person_needs_a_general_interest_mission() {
        assert_eq!(
            verifier_eligibilite(
                Some(CategorieStructure::PersonneMoraleInteretGeneral),
                false,
                false
            ),
            Err(Ineligibilite::SansMissionInteretGeneral)
        );
    }

    #[test]
    fn categories_round_trip_through_their_names() {
        for categorie in CategorieStructure::ALL {
            assert_eq!(CategorieStructure::parse(categorie.as_str()), Some(categorie));
        }
    }
}

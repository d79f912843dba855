//! The subsidy of a coordinator post (II.b): one pure, table-driven function, used by the server, the
//! public simulator and the live preview of the candidature form.

use serde::{Deserialize, Serialize};

use crate::structure::CategorieStructure;
use crate::territoire::CodeDepartement;

/// The employment contract of the coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TypeContrat {
    Titulaire,
    CdiDroitPublic,
    CddDroitPublic,
    ContratProjetDroitPublic,
    CdiDroitPrive,
    CddDroitPrive,
    ContratProjetDroitPrive,
}

impl TypeContrat {
    /// Every contract type.
    pub const ALL: [TypeContrat; 7] = [
        Self::Titulaire,
        Self::CdiDroitPublic,
        Self::CddDroitPublic,
        Self::ContratProjetDroitPublic,
        Self::CdiDroitPrive,
        Self::CddDroitPrive,
        Self::ContratProjetDroitPrive,
    ];

    /// The French label of the form.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Titulaire => "Fonctionnaire titulaire",
            Self::CdiDroitPublic => "CDI de droit public",
            Self::CddDroitPublic => "CDD de droit public",
            Self::ContratProjetDroitPublic => "Contrat de projet de droit public",
            Self::CdiDroitPrive => "CDI de droit privé",
            Self::CddDroitPrive => "CDD de droit privé",
            Self::ContratProjetDroitPrive => "Contrat de projet de droit privé",
        }
    }

    /// The stored and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Titulaire => "TITULAIRE",
            Self::CdiDroitPublic => "CDI_DROIT_PUBLIC",
            Self::CddDroitPublic => "CDD_DROIT_PUBLIC",
            Self::ContratProjetDroitPublic => "CONTRAT_PROJET_DROIT_PUBLIC",
            Self::CdiDroitPrive => "CDI_DROIT_PRIVE",
            Self::CddDroitPrive => "CDD_DROIT_PRIVE",
            Self::ContratProjetDroitPrive => "CONTRAT_PROJET_DROIT_PRIVE",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|contrat| contrat.as_str() == value)
    }

    /// Public-law contracts (the four a collectivité may use).
    pub fn droit_public(self) -> bool {
        matches!(
            self,
            Self::Titulaire | Self::CdiDroitPublic | Self::CddDroitPublic | Self::ContratProjetDroitPublic
        )
    }
}

/// The amounts of the call, kept as data so a later call or a decision on the overseas uplift changes
/// numbers, not code.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bareme {
    /// Collectivité or groupement, public-law contract, 24 months.
    pub collectivite_euros: u32,
    /// Other public structure, 18-month CDD.
    pub autre_public_euros: u32,
    /// Private structure, CDI or contrat de projet, 24 months.
    pub prive_cdi_euros: u32,
    /// Private structure, CDD, 18 months.
    pub prive_cdd_euros: u32,
    /// Overseas uplift at La Réunion (974) and Mayotte (976), in percent (135 = ×1.35).
    pub majoration_reunion_mayotte_pourcent: u32,
    /// Overseas uplift in Guadeloupe (971), Martinique (972) and Guyane (973), in percent.
    pub majoration_antilles_guyane_pourcent: u32,
}

impl Bareme {
    /// The call for applications of 2023 (II.b). The uplift of "other public structures" on a public-law
    /// CDD uses the same ratios as collectivités: a documented decision (docs/decisions.md).
    pub const APPEL_2023: Bareme = Bareme {
        collectivite_euros: 50_000,
        autre_public_euros: 37_500,
        prive_cdi_euros: 40_000,
        prive_cdd_euros: 32_000,
        majoration_reunion_mayotte_pourcent: 135,
        majoration_antilles_guyane_pourcent: 140,
    };

    fn majoration(&self, departement: &CodeDepartement) -> u32 {
        match departement.as_str() {
            "974" | "976" => self.majoration_reunion_mayotte_pourcent,
            "971" | "972" | "973" => self.majoration_antilles_guyane_pourcent,
            _ => 100,
        }
    }
}

/// The answer of the simulator: the subsidy, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Simulation {
    pub eligible: bool,
    pub montant_euros: Option<u32>,
    pub duree_mois: Option<u32>,
    /// Why the combination is not funded, in French.
    pub motif: Option<String>,
    /// What to check although it is funded, in French.
    pub avertissements: Vec<String>,
}

impl Simulation {
    fn refus(motif: impl Into<String>) -> Self {
        Self {
            eligible: false,
            montant_euros: None,
            duree_mois: None,
            motif: Some(motif.into()),
            avertissements: vec![],
        }
    }

    fn accord(montant_euros: u32, duree_mois: u32) -> Self {
        Self {
            eligible: true,
            montant_euros: Some(montant_euros),
            duree_mois: Some(duree_mois),
            motif: None,
            avertissements: vec![],
        }
    }
}

/// The contracts under which a structure of `categorie` (public or not) in `departement` is funded, in the
/// form's order: the only ones its candidature form offers.
pub fn contrats_finances(
    bareme: &Bareme,
    categorie: CategorieStructure,
    statut_public: bool,
    departement: &CodeDepartement,
) -> Vec<TypeContrat> {
    TypeContrat::ALL
        .into_iter()
        .filter(|&contrat| {
            simuler(bareme, categorie, statut_public, contrat, departement)
                .montant_euros
                .is_some()
        })
        .collect()
}

/// The subsidy of one coordinator post for a structure of `categorie` (public or not), hiring under
/// `contrat` in `departement`. Every refusal says why.
pub fn simuler(
    bareme: &Bareme,
    categorie: CategorieStructure,
    statut_public: bool,
    contrat: TypeContrat,
    departement: &CodeDepartement,
) -> Simulation {
    if let Err(ineligibilite) = crate::structure::verifier_eligibilite(Some(categorie), statut_public, true) {
        return Simulation::refus(ineligibilite.to_string());
    }
    let majoration = bareme.majoration(departement);
    let majore = |euros: u32| euros * majoration / 100;
    if categorie == CategorieStructure::Collectivite {
        return if contrat.droit_public() {
            Simulation::accord(majore(bareme.collectivite_euros), 24)
        } else {
            Simulation::refus(
                "Une collectivité ou un groupement est financé pour un coordinateur recruté sous contrat de droit \
                 public (titulaire, CDI, CDD ou contrat de projet de droit public).",
            )
        };
    }
    if statut_public {
        return match contrat {
            TypeContrat::CddDroitPublic => Simulation::accord(majore(bareme.autre_public_euros), 18),
            TypeContrat::CddDroitPrive => Simulation::accord(bareme.autre_public_euros, 18),
            _ => Simulation::refus(
                "Une structure publique autre qu’une collectivité est financée pour un CDD de 18 mois au plus, \
                 de droit public ou de droit privé.",
            ),
        };
    }
    match contrat {
        TypeContrat::CdiDroitPrive => Simulation::accord(bareme.prive_cdi_euros, 24),
        TypeContrat::CddDroitPrive => Simulation::accord(bareme.prive_cdd_euros, 18),
        TypeContrat::ContratProjetDroitPrive => {
            let mut simulation = Simulation::accord(bareme.prive_cdi_euros, 24);
            simulation.avertissements.push(
                "Le contrat de projet n’est possible que si un accord de branche étendu le prévoit : vérifiez \
                 celui de votre structure."
                    .to_owned(),
            );
            simulation
        }
        _ => Simulation::refus(
            "Une structure privée est financée pour un coordinateur recruté sous contrat de droit privé (CDI, CDD \
             ou contrat de projet).",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CategorieStructure::*;
    use TypeContrat::*;

    fn dep(code: &str) -> CodeDepartement {
        CodeDepartement::parse(code).unwrap()
    }

    fn montant(
        categorie: CategorieStructure,
        public: bool,
        contrat: TypeContrat,
        departement: &str,
    ) -> Option<(u32, u32)> {
        let simulation = simuler(&Bareme::APPEL_2023, categorie, public, contrat, &dep(departement));
        simulation.montant_euros.zip(simulation.duree_mois)
    }

    #[test]
    fn subsidy_row_collectivite_public_law_contract_50000_for_24_months() {
        for contrat in [
            Titulaire,
            CdiDroitPublic,
            CddDroitPublic,
            ContratProjetDroitPublic,
        ] {
            assert_eq!(
                montant(Collectivite, true, contrat, "29"),
                Some((50_000, 24)),
                "{contrat:?}"
            );
        }
    }

    #[test]
    fn subsidy_row_collectivite_overseas_67500_reunion_mayotte_70000_antilles_guyane() {
        for departement in ["974", "976"] {
            assert_eq!(
                montant(Collectivite, true, CdiDroitPublic, departement),
                Some((67_500, 24))
            );
        }
        for departement in ["971", "972", "973"] {
            assert_eq!(
                montant(Collectivite, true, Titulaire, departement),
                Some((70_000, 24))
            );
        }
    }

    #[test]
    fn subsidy_row_collectivite_private_law_contract_is_refused_with_the_reason() {
        for contrat in [CdiDroitPrive, CddDroitPrive, ContratProjetDroitPrive] {
            let simulation = simuler(&Bareme::APPEL_2023, Collectivite, true, contrat, &dep("29"));
            assert!(!simulation.eligible);
            assert!(simulation.motif.unwrap().contains("droit public"));
        }
    }

    #[test]
    fn subsidy_row_other_public_structure_cdd_37500_for_18_months() {
        for categorie in [
            EtablissementPublicRattache,
            Gip,
            ChambreConsulaireEpa,
            Epic,
            Hub,
            ArsGrades,
        ] {
            assert_eq!(
                montant(categorie, true, CddDroitPublic, "35"),
                Some((37_500, 18)),
                "{categorie:?}"
            );
            assert_eq!(
                montant(categorie, true, CddDroitPrive, "35"),
                Some((37_500, 18)),
                "{categorie:?}"
            );
        }
    }

    #[test]
    fn subsidy_row_other_public_structure_overseas_uplift_only_on_public_law_cdd() {
        assert_eq!(montant(Gip, true, CddDroitPublic, "974"), Some((50_625, 18)));
        assert_eq!(montant(Gip, true, CddDroitPublic, "972"), Some((52_500, 18)));
        assert_eq!(montant(Gip, true, CddDroitPrive, "972"), Some((37_500, 18)));
    }

    #[test]
    fn subsidy_row_other_public_structure_other_contracts_are_refused() {
        for contrat in [
            Titulaire,
            CdiDroitPublic,
            ContratProjetDroitPublic,
            CdiDroitPrive,
            ContratProjetDroitPrive,
        ] {
            let simulation = simuler(
                &Bareme::APPEL_2023,
                EtablissementPublicRattache,
                true,
                contrat,
                &dep("35"),
            );
            assert!(!simulation.eligible, "{contrat:?}");
            assert!(simulation.motif.unwrap().contains("CDD de 18 mois"));
        }
    }

    #[test]
    fn subsidy_row_private_cdi_40000_for_24_months_cdd_32000_for_18_months() {
        for categorie in [
            Association,
            EntrepriseEss,
            PersonneMoraleInteretGeneral,
            Hub,
            ArsGrades,
        ] {
            assert_eq!(
                montant(categorie, false, CdiDroitPrive, "13"),
                Some((40_000, 24)),
                "{categorie:?}"
            );
            assert_eq!(
                montant(categorie, false, CddDroitPrive, "13"),
                Some((32_000, 18)),
                "{categorie:?}"
            );
        }
    }

    #[test]
    fn subsidy_row_private_contrat_de_projet_40000_with_a_branch_agreement_warning() {
        let simulation = simuler(
            &Bareme::APPEL_2023,
            Association,
            false,
            ContratProjetDroitPrive,
            &dep("13"),
        );
        assert_eq!(
            (simulation.montant_euros, simulation.duree_mois),
            (Some(40_000), Some(24))
        );
        assert!(simulation.avertissements[0].contains("accord de branche"));
    }

    #[test]
    fn subsidy_row_private_no_overseas_uplift() {
        assert_eq!(
            montant(Association, false, CdiDroitPrive, "974"),
            Some((40_000, 24))
        );
    }

    #[test]
    fn subsidy_row_private_public_law_contract_is_refused() {
        for contrat in [
            Titulaire,
            CdiDroitPublic,
            CddDroitPublic,
            ContratProjetDroitPublic,
        ] {
            let simulation = simuler(&Bareme::APPEL_2023, Association, false, contrat, &dep("13"));
            assert!(!simulation.eligible);
            assert!(simulation.motif.unwrap().contains("droit privé"));
        }
    }

    #[test]
    fn subsidy_status_contradicting_the_category_is_not_eligible_with_the_reason() {
        let simulation = simuler(&Bareme::APPEL_2023, Association, true, CddDroitPublic, &dep("13"));
        assert!(!simulation.eligible);
        assert!(simulation.motif.unwrap().contains("statut"));
        let simulation = simuler(
            &Bareme::APPEL_2023,
            Collectivite,
            false,
            CdiDroitPublic,
            &dep("13"),
        );
        assert!(!simulation.eligible);
    }

    #[test]
    fn contract_types_round_trip_through_their_names() {
        for contrat in TypeContrat::ALL {
            assert_eq!(TypeContrat::parse(contrat.as_str()), Some(contrat));
        }
    }

    #[test]
    fn each_category_is_offered_only_the_contracts_it_is_funded_for() {
        let departement = CodeDepartement::parse("29").unwrap();
        let offerts =
            |categorie, public| contrats_finances(&Bareme::APPEL_2023, categorie, public, &departement);
        assert_eq!(
            offerts(Collectivite, true),
            vec![
                Titulaire,
                CdiDroitPublic,
                CddDroitPublic,
                ContratProjetDroitPublic
            ]
        );
        assert_eq!(offerts(Gip, true), vec![CddDroitPublic, CddDroitPrive]);
        assert!(
            offerts(Association, false)
                .iter()
                .all(|contrat| !contrat.droit_public())
        );
        assert!(offerts(Association, false).contains(&CdiDroitPrive));
    }
}

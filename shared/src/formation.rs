//! The training of conseillers numériques (call for applications, "Formation"): the initial training that
//! prepares the CCP1 of the titre professionnel Responsable d'espace de médiation numérique, the PIX
//! certification, and continuing training, of which the programme funds one module a year. The conseiller
//! declares where they stand; their coordinator reads it in the team table.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where a conseiller stands with the CCP1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EtapeCcp1 {
    NonCommencee,
    EnFormation,
    Certifie,
}

impl EtapeCcp1 {
    pub const ALL: [EtapeCcp1; 3] = [Self::NonCommencee, Self::EnFormation, Self::Certifie];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NonCommencee => "NON_COMMENCEE",
            Self::EnFormation => "EN_FORMATION",
            Self::Certifie => "CERTIFIE",
        }
    }

    /// Reads the stored name back.
    pub fn parse(texte: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == texte)
    }

    /// How it reads in French.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::NonCommencee => "Formation initiale non commencée",
            Self::EnFormation => "En formation initiale (CCP1)",
            Self::Certifie => "Certifié CCP1",
        }
    }
}

/// What a conseiller declares of its training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formation {
    pub ccp1: EtapeCcp1,
    /// Date of the CCP1 certification, if known (only when certified).
    pub ccp1_le: Option<NaiveDate>,
    pub pix: bool,
    /// Date of the PIX certification, if known (only when certified).
    pub pix_le: Option<NaiveDate>,
    /// Title of the latest continuing-training module followed (empty: none).
    pub module_continu: String,
    /// When it was followed.
    pub module_continu_le: Option<NaiveDate>,
}

impl Default for Formation {
    fn default() -> Self {
        Self {
            ccp1: EtapeCcp1::NonCommencee,
            ccp1_le: None,
            pix: false,
            pix_le: None,
            module_continu: String::new(),
            module_continu_le: None,
        }
    }
}

/// Longest module title.
pub const MODULE_MAX: usize = 200;

/// Checks a declaration; returns what is wrong, in French.
pub fn verifier_formation(formation: &Formation, aujourd_hui: NaiveDate) -> Vec<String> {
    let mut problemes = Vec::new();
    let futur = |date: Option<NaiveDate>| date.is_some_and(|d| d > aujourd_hui);
    if formation.ccp1_le.is_some() && formation.ccp1 != EtapeCcp1::Certifie {
        problemes.push("une date de certification CCP1 suppose d’être certifié".to_owned());
    }
    if futur(formation.ccp1_le) {
        problemes.push("la certification CCP1 ne peut pas être datée dans le futur".to_owned());
    }
    if formation.pix_le.is_some() && !formation.pix {
        problemes.push("une date de certification PIX suppose d’être certifié".to_owned());
    }
    if futur(formation.pix_le) {
        problemes.push("la certification PIX ne peut pas être datée dans le futur".to_owned());
    }
    let intitule = formation.module_continu.trim();
    match (intitule.is_empty(), formation.module_continu_le) {
        (true, Some(_)) => {
            problemes.push("le module de formation continue suivi n’a pas d’intitulé".to_owned())
        }
        (false, None) => problemes.push("la date du module de formation continue manque".to_owned()),
        _ => {}
    }
    if intitule.chars().count() > MODULE_MAX {
        problemes.push(format!("l’intitulé du module dépasse {MODULE_MAX} caractères"));
    }
    if futur(formation.module_continu_le) {
        problemes.push("le module de formation continue ne peut pas être daté dans le futur".to_owned());
    }
    problemes
}

/// Whether the module of continuing training funded for this calendar year was followed.
pub fn module_de_l_annee(formation: &Formation, aujourd_hui: NaiveDate) -> bool {
    formation
        .module_continu_le
        .is_some_and(|d| d.year() == aujourd_hui.year())
}

/// One line for the team table: "Certifié CCP1 · PIX · module 2026 suivi".
pub fn resume(formation: &Formation, aujourd_hui: NaiveDate) -> String {
    let annee = aujourd_hui.year();
    let mut parties = vec![formation.ccp1.libelle().to_owned()];
    if formation.pix {
        parties.push("PIX".to_owned());
    }
    parties.push(if module_de_l_annee(formation, aujourd_hui) {
        format!("module {annee} suivi")
    } else {
        format!("pas de module en {annee}")
    });
    parties.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jour(texte: &str) -> NaiveDate {
        NaiveDate::parse_from_str(texte, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn formation_declaree_sans_date_future_ni_date_sans_certification() {
        let aujourd_hui = jour("2026-11-26");
        let certifie = Formation {
            ccp1: EtapeCcp1::Certifie,
            ccp1_le: Some(jour("2025-06-30")),
            pix: true,
            pix_le: None,
            module_continu: "Accompagner les démarches en ligne".to_owned(),
            module_continu_le: Some(jour("2026-03-12")),
        };
        assert!(verifier_formation(&certifie, aujourd_hui).is_empty());
        let incoherent = Formation {
            ccp1: EtapeCcp1::EnFormation,
            ccp1_le: Some(jour("2025-06-30")),
            pix: false,
            pix_le: Some(jour("2027-01-01")),
            module_continu: String::new(),
            module_continu_le: Some(jour("2026-03-12")),
        };
        assert_eq!(verifier_formation(&incoherent, aujourd_hui).len(), 4);
        assert!(verifier_formation(&Formation::default(), aujourd_hui).is_empty());
    }

    #[test]
    fn formation_continue_un_module_par_an() {
        let mut formation = Formation {
            module_continu: "Cybersécurité".to_owned(),
            module_continu_le: Some(jour("2025-12-01")),
            ..Formation::default()
        };
        assert!(!module_de_l_annee(&formation, jour("2026-11-26")));
        assert_eq!(
            resume(&formation, jour("2026-11-26")),
            "Formation initiale non commencée · pas de module en 2026"
        );
        formation.module_continu_le = Some(jour("2026-01-05"));
        formation.ccp1 = EtapeCcp1::Certifie;
        formation.pix = true;
        assert_eq!(
            resume(&formation, jour("2026-11-26")),
            "Certifié CCP1 · PIX · module 2026 suivi"
        );
    }
}

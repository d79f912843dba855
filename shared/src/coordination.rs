//! The coordinator's own actions along the three axes of its missions (DOMAIN.md, "Coordinator missions"):
//! animations, events, partnerships, meetings, and the meeting days it organises with the préfecture and the
//! hub, to which they are invited and register.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NatureAction {
    /// A session led for the team or for partners.
    Animation,
    /// An event open to the public or to the network.
    Evenement,
    /// A partnership agreed (France Travail, mission locale, France services…).
    Partenariat,
    /// A bilateral or team meeting.
    Reunion,
    /// A meeting day with the préfecture and the hub: they are invited and register.
    JourneeRencontre,
}

impl NatureAction {
    pub const ALL: [NatureAction; 5] = [
        Self::Animation,
        Self::Evenement,
        Self::Partenariat,
        Self::Reunion,
        Self::JourneeRencontre,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Animation => "ANIMATION",
            Self::Evenement => "EVENEMENT",
            Self::Partenariat => "PARTENARIAT",
            Self::Reunion => "REUNION",
            Self::JourneeRencontre => "JOURNEE_RENCONTRE",
        }
    }

    /// Reads the stored name back.
    pub fn parse(texte: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.as_str() == texte)
    }

    /// How it reads in French.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Animation => "Animation",
            Self::Evenement => "Événement",
            Self::Partenariat => "Partenariat",
            Self::Reunion => "Réunion",
            Self::JourneeRencontre => "Journée de rencontre",
        }
    }
}

/// The axis of the coordinator's missions an action serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AxeMission {
    /// 1. Territorial mesh: diagnosis, organisation of the conseillers, partnerships, meeting days.
    Maillage,
    /// 2. Relay between employers, conseillers, hubs and national animation.
    Relais,
    /// 3. Anchoring the programme in the territorial inclusion strategy.
    Collaborations,
}

impl AxeMission {
    pub const ALL: [AxeMission; 3] = [Self::Maillage, Self::Relais, Self::Collaborations];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Maillage => "MAILLAGE",
            Self::Relais => "RELAIS",
            Self::Collaborations => "COLLABORATIONS",
        }
    }

    pub fn parse(texte: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == texte)
    }

    pub fn libelle(self) -> &'static str {
        match self {
            Self::Maillage => "Maillage territorial",
            Self::Relais => "Relais entre les acteurs",
            Self::Collaborations => "Collaborations et ancrage territorial",
        }
    }
}

/// Longest title, place and description.
pub const TITRE_MAX: usize = 200;
pub const LIEU_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 4_000;

/// Checks an action; returns what is wrong, in French. Actions are recorded for the past year and planned
/// for the year to come.
pub fn verifier_action(
    titre: &str,
    lieu: &str,
    description: &str,
    date: NaiveDate,
    aujourd_hui: NaiveDate,
) -> Vec<String> {
    let mut problemes = Vec::new();
    let longueur = titre.trim().chars().count();
    if longueur < 3 {
        problemes.push("le titre est attendu (3 caractères au moins)".to_owned());
    }
    if longueur > TITRE_MAX {
        problemes.push(format!("le titre dépasse {TITRE_MAX} caractères"));
    }
    if lieu.trim().chars().count() > LIEU_MAX {
        problemes.push(format!("le lieu dépasse {LIEU_MAX} caractères"));
    }
    if description.trim().chars().count() > DESCRIPTION_MAX {
        problemes.push(format!("la description dépasse {DESCRIPTION_MAX} caractères"));
    }
    let ecart = (date - aujourd_hui).num_days().abs();
    if ecart > 366 {
        problemes.push("la date doit être dans l’année écoulée ou dans l’année à venir".to_owned());
    }
    problemes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jour(texte: &str) -> NaiveDate {
        NaiveDate::parse_from_str(texte, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn action_de_coordination_titre_et_date_dans_l_annee() {
        let aujourd_hui = jour("2026-11-26");
        assert!(
            verifier_action("Journée du réseau", "Brest", "", jour("2027-03-12"), aujourd_hui).is_empty()
        );
        assert!(verifier_action("Atelier", "", "", jour("2026-01-10"), aujourd_hui).is_empty());
        assert_eq!(verifier_action("  ", "", "", aujourd_hui, aujourd_hui).len(), 1);
        assert_eq!(
            verifier_action("Réunion", "", "", jour("2028-01-01"), aujourd_hui).len(),
            1
        );
        let long = "x".repeat(TITRE_MAX + 1);
        assert_eq!(verifier_action(&long, "", "", aujourd_hui, aujourd_hui).len(), 1);
    }

    #[test]
    fn natures_et_axes_se_relisent() {
        for nature in NatureAction::ALL {
            assert_eq!(NatureAction::parse(nature.as_str()), Some(nature));
        }
        for axe in AxeMission::ALL {
            assert_eq!(AxeMission::parse(axe.as_str()), Some(axe));
        }
    }
}

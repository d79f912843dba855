//! Activity reports (CRA: compte rendu d'activité) of conseillers numériques: what one accompaniment is.

use serde::{Deserialize, Serialize};

/// Individual or collective accompaniment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TypeAccompagnement {
    Individuel,
    Collectif,
}

impl TypeAccompagnement {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Individuel => "INDIVIDUEL",
            Self::Collectif => "COLLECTIF",
        }
    }

    /// How it reads in the forms and the statistics.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Individuel => "Accompagnement individuel",
            Self::Collectif => "Atelier collectif",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Individuel, Self::Collectif]
            .into_iter()
            .find(|t| t.as_str() == value)
    }
}

/// Where the accompaniment took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Canal {
    /// In a lieu de permanence of the conseiller.
    LieuDePermanence,
    /// At the person's home.
    Domicile,
    /// By phone or video.
    ADistance,
    /// Elsewhere (partner's premises, event…).
    AutreLieu,
}

impl Canal {
    /// Every canal.
    pub const ALL: [Canal; 4] = [
        Self::LieuDePermanence,
        Self::Domicile,
        Self::ADistance,
        Self::AutreLieu,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LieuDePermanence => "LIEU_DE_PERMANENCE",
            Self::Domicile => "DOMICILE",
            Self::ADistance => "A_DISTANCE",
            Self::AutreLieu => "AUTRE_LIEU",
        }
    }

    /// How it reads in the forms and the statistics.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::LieuDePermanence => "Dans un lieu de permanence",
            Self::Domicile => "Au domicile de la personne",
            Self::ADistance => "À distance (téléphone, visio)",
            Self::AutreLieu => "Dans un autre lieu",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|canal| canal.as_str() == value)
    }
}

/// Themes of an accompaniment: the services of the lieux standard, which conseillers already use to
/// describe what they offer, so a lieu's offer and its activity read in the same words.
pub const THEMES: [&str; 9] = crate::lieu::SERVICES;

/// The duration bands the statistics count accompaniments in: (stored key, French label, first minute).
pub const TRANCHES_DE_DUREE: [(&str, &str, i32); 4] = [
    ("0-29", "Moins de 30 min", 0),
    ("30-59", "De 30 min à 1 h", 30),
    ("60-119", "De 1 h à 2 h", 60),
    ("120+", "2 h et plus", 120),
];

/// The key of the duration band of an accompaniment of `minutes`.
pub fn tranche_de_duree(minutes: i32) -> &'static str {
    TRANCHES_DE_DUREE
        .iter()
        .rev()
        .find(|(_, _, debut)| minutes >= *debut)
        .map_or(TRANCHES_DE_DUREE[0].0, |(cle, _, _)| cle)
}

/// A figure about fewer people than this is shown as "< 5" to anyone but their coordinator and employer:
/// so small a group could be recognised.
pub const SEUIL_DE_DIFFUSION: i64 = 5;

/// Longest accompaniment recorded, in minutes (a full day).
pub const DUREE_MAX_MINUTES: i32 = 8 * 60;
/// Most participants of a collective session.
pub const PARTICIPANTS_MAX: i32 = 200;

/// Checks an accompaniment; returns what is wrong, in French.
pub fn verifier(
    type_accompagnement: TypeAccompagnement,
    themes: &[&str],
    duree_minutes: i32,
    participants: i32,
) -> Vec<String> {
    let mut problemes = Vec::new();
    if themes.is_empty() {
        problemes.push("au moins un thème est attendu".to_owned());
    }
    for theme in themes {
        if !THEMES.contains(theme) {
            problemes.push(format!("thème inconnu : « {theme} »"));
        }
    }
    if !(1..=DUREE_MAX_MINUTES).contains(&duree_minutes) {
        problemes.push(format!(
            "la durée doit être comprise entre 1 et {DUREE_MAX_MINUTES} minutes"
        ));
    }
    let participants_valides = match type_accompagnement {
        TypeAccompagnement::Individuel => participants == 1,
        TypeAccompagnement::Collectif => (2..=PARTICIPANTS_MAX).contains(&participants),
    };
    if !participants_valides {
        problemes.push(match type_accompagnement {
            TypeAccompagnement::Individuel => "un accompagnement individuel compte un participant".to_owned(),
            TypeAccompagnement::Collectif => {
                format!("un atelier collectif compte de 2 à {PARTICIPANTS_MAX} participants")
            }
        });
    }
    problemes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_individual_has_one_participant_collective_two_or_more() {
        assert!(verifier(TypeAccompagnement::Individuel, &[THEMES[1]], 45, 1).is_empty());
        assert!(verifier(TypeAccompagnement::Collectif, &[THEMES[2]], 90, 8).is_empty());
        assert_eq!(
            verifier(TypeAccompagnement::Individuel, &[THEMES[1]], 45, 3).len(),
            1
        );
        assert_eq!(
            verifier(TypeAccompagnement::Collectif, &[THEMES[1]], 45, 1).len(),
            1
        );
    }

    #[test]
    fn activity_durations_fall_in_one_band_each() {
        assert_eq!(tranche_de_duree(1), "0-29");
        assert_eq!(tranche_de_duree(29), "0-29");
        assert_eq!(tranche_de_duree(30), "30-59");
        assert_eq!(tranche_de_duree(90), "60-119");
        assert_eq!(tranche_de_duree(120), "120+");
        assert_eq!(tranche_de_duree(DUREE_MAX_MINUTES), "120+");
    }

    #[test]
    fn activity_needs_known_themes_and_a_sensible_duration() {
        assert_eq!(verifier(TypeAccompagnement::Individuel, &[], 45, 1).len(), 1);
        assert_eq!(
            verifier(TypeAccompagnement::Individuel, &["Cuisine"], 45, 1).len(),
            1
        );
        assert_eq!(
            verifier(TypeAccompagnement::Individuel, &[THEMES[0]], 0, 1).len(),
            1
        );
        assert_eq!(
            verifier(TypeAccompagnement::Individuel, &[THEMES[0]], 9 * 60, 1).len(),
            1
        );
        for canal in Canal::ALL {
            assert_eq!(Canal::parse(canal.as_str()), Some(canal));
        }
    }
}

//! The coordinator's own actions along the three axes of its missions (DOMAIN.md, "Coordinator missions"):
//! animations, events, partnerships, meetings, and the meeting days it organises with the préfecture and the
//! hub, to which they are invited and register.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::activite::liste_fermee;

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

liste_fermee! {
    /// What a hub organises for the coordinators of its région (DOMAIN.md, "Hubs"), or a préfecture for
    /// those of its département.
    NatureRencontre {
        /// A working group: coordinators register, the hub writes its minutes.
        GroupeDeTravail => ("GROUPE_DE_TRAVAIL", "Groupe de travail"),
        /// A regional event of the network.
        Evenement => ("EVENEMENT", "Événement régional"),
        /// A continuing-training session: coordinators relay it to their conseillers, who register their
        /// interest.
        FormationContinue => ("FORMATION_CONTINUE", "Session de formation continue"),
        /// A meeting day the préfecture organises with the coordinators of its département (the hub is told).
        JourneeDepartementale => ("JOURNEE_DEPARTEMENTALE", "Journée de rencontre départementale"),
    }
}

impl NatureRencontre {
    /// Whether coordinators relay it to their team, whose members then register their interest.
    pub fn se_relaie(self) -> bool {
        self == Self::FormationContinue
    }

    /// Who organises it: the préfecture of a département, or the hub of a région.
    pub fn par_la_prefecture(self) -> bool {
        self == Self::JourneeDepartementale
    }
}

/// Longest minutes of a rencontre.
pub const COMPTE_RENDU_MAX: usize = 20_000;

/// Checks a rencontre the hub announces; returns what is wrong, in French. A rencontre is announced ahead,
/// within the year to come: its invitations go out at once.
pub fn verifier_rencontre(
    titre: &str,
    lieu: &str,
    description: &str,
    date: NaiveDate,
    aujourd_hui: NaiveDate,
) -> Vec<String> {
    let mut problemes = verifier_action(titre, lieu, description, date, aujourd_hui);
    problemes.retain(|p| !p.starts_with("la date"));
    if date < aujourd_hui || (date - aujourd_hui).num_days() > 366 {
        problemes.push("la date est à venir, dans l’année".to_owned());
    }
    problemes
}

/// Checks the minutes of a rencontre: written once it has taken place, not empty, not too long.
pub fn verifier_compte_rendu(texte: &str, date: NaiveDate, aujourd_hui: NaiveDate) -> Vec<String> {
    let mut problemes = Vec::new();
    if date > aujourd_hui {
        problemes.push("le compte rendu s’écrit une fois la rencontre tenue".to_owned());
    }
    let longueur = texte.trim().chars().count();
    if longueur == 0 {
        problemes.push("le compte rendu est vide".to_owned());
    }
    if longueur > COMPTE_RENDU_MAX {
        problemes.push(format!("le compte rendu dépasse {COMPTE_RENDU_MAX} caractères"));
    }
    problemes
}

/// Whether one still registers to a rencontre of this date: until its day.
pub fn inscriptions_ouvertes(date: NaiveDate, aujourd_hui: NaiveDate) -> bool {
    date >= aujourd_hui
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

    #[test]
    fn rencontre_du_hub_annoncee_a_l_avance_dans_l_annee() {
        let aujourd_hui = jour("2026-12-05");
        assert!(
            verifier_rencontre(
                "Groupe de travail inclusion",
                "Rennes",
                "",
                jour("2027-01-15"),
                aujourd_hui
            )
            .is_empty()
        );
        assert!(verifier_rencontre("Groupe", "", "", aujourd_hui, aujourd_hui).is_empty());
        assert_eq!(
            verifier_rencontre("Groupe", "", "", jour("2026-12-04"), aujourd_hui),
            vec!["la date est à venir, dans l’année".to_owned()]
        );
        assert_eq!(
            verifier_rencontre("Groupe", "", "", jour("2028-01-04"), aujourd_hui).len(),
            1
        );
        assert_eq!(
            verifier_rencontre("", "", "", jour("2027-01-04"), aujourd_hui).len(),
            1
        );
    }

    #[test]
    fn compte_rendu_une_fois_la_rencontre_tenue() {
        let aujourd_hui = jour("2026-12-05");
        assert!(verifier_compte_rendu("Décisions : …", aujourd_hui, aujourd_hui).is_empty());
        assert_eq!(
            verifier_compte_rendu("Décisions", jour("2026-12-06"), aujourd_hui).len(),
            1
        );
        assert_eq!(
            verifier_compte_rendu("   ", jour("2026-12-01"), aujourd_hui).len(),
            1
        );
        let long = "x".repeat(COMPTE_RENDU_MAX + 1);
        assert_eq!(
            verifier_compte_rendu(&long, jour("2026-12-01"), aujourd_hui).len(),
            1
        );
        assert!(inscriptions_ouvertes(aujourd_hui, aujourd_hui));
        assert!(!inscriptions_ouvertes(jour("2026-12-04"), aujourd_hui));
    }

    #[test]
    fn seule_la_formation_continue_se_relaie_aux_conseillers() {
        assert!(NatureRencontre::FormationContinue.se_relaie());
        assert!(!NatureRencontre::GroupeDeTravail.se_relaie());
        assert!(!NatureRencontre::Evenement.se_relaie());
        assert!(!NatureRencontre::JourneeDepartementale.se_relaie());
        assert!(NatureRencontre::JourneeDepartementale.par_la_prefecture());
        assert!(!NatureRencontre::GroupeDeTravail.par_la_prefecture());
    }
}

//! The roles a person can hold; a person may hold several and switch between them.

use serde::{Deserialize, Serialize};

/// A role, always held within a scope (a structure, a département, a région, or the nation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Acts for one structure porteuse.
    Structure,
    /// Registered in the national candidate pool.
    Candidat,
    /// A conseiller numérique in post.
    Conseiller,
    /// A conseiller numérique coordinateur, over its perimeter.
    Coordinateur,
    /// A médiateur numérique from outside the programme, in the team of the coordinators who invited it.
    Mediateur,
    /// An agent of the préfecture of one département.
    Prefecture,
    /// An agent of the SGAR of one région (read-only).
    Sgar,
    /// A hub territorial pour un numérique inclusif, over one région (read-only here).
    Hub,
    /// An agent of ANCT, national.
    Anct,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 9] = [
        Self::Structure,
        Self::Candidat,
        Self::Conseiller,
        Self::Coordinateur,
        Self::Mediateur,
        Self::Prefecture,
        Self::Sgar,
        Self::Hub,
        Self::Anct,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Structure => "STRUCTURE",
            Self::Candidat => "CANDIDAT",
            Self::Conseiller => "CONSEILLER",
            Self::Coordinateur => "COORDINATEUR",
            Self::Mediateur => "MEDIATEUR",
            Self::Prefecture => "PREFECTURE",
            Self::Sgar => "SGAR",
            Self::Hub => "HUB",
            Self::Anct => "ANCT",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == value)
    }

    /// The French name shown in the role switcher.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Structure => "Structure porteuse",
            Self::Candidat => "Candidat",
            Self::Conseiller => "Conseiller numérique",
            Self::Coordinateur => "Coordinateur",
            Self::Mediateur => "Médiateur numérique",
            Self::Prefecture => "Préfecture",
            Self::Sgar => "SGAR",
            Self::Hub => "Hub territorial",
            Self::Anct => "ANCT",
        }
    }

    /// The role's name for a person who asked for the feminine (« Conseillère numérique »); the roles
    /// named after an institution do not change.
    pub fn libelle_pour(self, au_feminin: bool) -> &'static str {
        match (self, au_feminin) {
            (Self::Candidat, true) => "Candidate",
            (Self::Conseiller, true) => "Conseillère numérique",
            (Self::Coordinateur, true) => "Coordinatrice",
            (Self::Mediateur, true) => "Médiatrice numérique",
            _ => self.libelle(),
        }
    }

    /// The roles a person acting as `self` may invite someone to hold: ANCT its agents and those of the
    /// State in the territories; a préfecture, a hub or a structure its own colleagues, in its own scope.
    pub fn roles_invitables(self) -> &'static [Role] {
        match self {
            Self::Anct => &[Self::Prefecture, Self::Sgar, Self::Hub, Self::Anct],
            Self::Prefecture => &[Self::Prefecture],
            Self::Hub => &[Self::Hub],
            Self::Structure => &[Self::Structure],
            _ => &[],
        }
    }

    /// What scope a role holds: a département for a préfecture, a région for a SGAR or a hub, a structure
    /// for a structure, the whole country otherwise.
    pub fn portee(self) -> Portee {
        match self {
            Self::Prefecture => Portee::Departement,
            Self::Sgar | Self::Hub => Portee::Region,
            Self::Structure => Portee::Structure,
            _ => Portee::Nationale,
        }
    }
}

/// The kind of scope a role holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Portee {
    Nationale,
    Departement,
    Region,
    Structure,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_reads_in_the_feminine_when_the_person_asks_and_institutions_do_not_change() {
        assert_eq!(Role::Conseiller.libelle_pour(true), "Conseillère numérique");
        assert_eq!(Role::Coordinateur.libelle_pour(true), "Coordinatrice");
        assert_eq!(Role::Coordinateur.libelle_pour(false), "Coordinateur");
        assert_eq!(Role::Prefecture.libelle_pour(true), "Préfecture");
        for role in Role::ALL {
            assert_eq!(role.libelle_pour(false), role.libelle(), "{role:?}");
        }
    }

    #[test]
    fn anct_invites_the_states_agents_and_the_others_only_their_colleagues() {
        assert_eq!(
            Role::Anct.roles_invitables(),
            [Role::Prefecture, Role::Sgar, Role::Hub, Role::Anct]
        );
        assert_eq!(Role::Prefecture.roles_invitables(), [Role::Prefecture]);
        assert_eq!(Role::Hub.roles_invitables(), [Role::Hub]);
        assert_eq!(Role::Structure.roles_invitables(), [Role::Structure]);
        for sans in [
            Role::Sgar,
            Role::Candidat,
            Role::Conseiller,
            Role::Coordinateur,
            Role::Mediateur,
        ] {
            assert!(sans.roles_invitables().is_empty(), "{sans:?}");
        }
        assert_eq!(Role::Prefecture.portee(), Portee::Departement);
        assert_eq!(Role::Sgar.portee(), Portee::Region);
        assert_eq!(Role::Structure.portee(), Portee::Structure);
        assert_eq!(Role::Anct.portee(), Portee::Nationale);
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }
}

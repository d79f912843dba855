//! The coordinator's team beyond the programme's conseillers: the médiateurs numériques it invites
//! (DOMAIN.md: a coordinator animates the médiateurs "inside or outside the programme"). An invitation is
//! sent, answered once by the person, resent by the coordinator, and ends when the person leaves the team;
//! its row stays as the team's history.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How a person belongs to the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrigineMembre {
    /// A conseiller numérique whose post is in the perimeter: in the team while under contract.
    Conseiller,
    /// A médiateur numérique from outside the programme who accepted the coordinator's invitation.
    Mediateur,
}

impl OrigineMembre {
    /// How it reads in French.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Conseiller => "Conseiller numérique",
            Self::Mediateur => "Médiateur numérique (hors dispositif)",
        }
    }
}

/// A conseiller numérique belongs to the team of its post's perimeter while its contract runs (the same
/// rule as the indicators' "conseillers sous contrat"); once it ends, the person is a former member whose
/// accompaniments still count in the figures of the years they worked.
pub fn sous_contrat(contrat_fin: Option<NaiveDate>, aujourd_hui: NaiveDate) -> bool {
    contrat_fin.is_none_or(|fin| fin >= aujourd_hui)
}

/// How long before a conseiller's contract ends its coordinator is warned, to help it prepare what comes
/// next (the call's « faciliter la transition professionnelle »).
pub const ALERTE_FIN_CONTRAT_MOIS: u32 = 2;

/// Whether a contract ending on `fin` is to be warned about today: it has not ended, and ends within
/// [`ALERTE_FIN_CONTRAT_MOIS`] months.
pub fn fin_de_contrat_a_signaler(fin: NaiveDate, aujourd_hui: NaiveDate) -> bool {
    let limite = aujourd_hui
        .checked_add_months(chrono::Months::new(ALERTE_FIN_CONTRAT_MOIS))
        .unwrap_or(NaiveDate::MAX);
    aujourd_hui <= fin && fin <= limite
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatutInvitation {
    /// Sent (or resent), awaiting the person's answer.
    Envoyee,
    /// The person joined the team.
    Acceptee,
    /// The person declined.
    Refusee,
    /// The person was in the team and left it (or was taken off it by the coordinator).
    Partie,
}

impl StatutInvitation {
    pub const ALL: [StatutInvitation; 4] = [Self::Envoyee, Self::Acceptee, Self::Refusee, Self::Partie];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Envoyee => "ENVOYEE",
            Self::Acceptee => "ACCEPTEE",
            Self::Refusee => "REFUSEE",
            Self::Partie => "PARTIE",
        }
    }

    /// Reads the stored name back.
    pub fn parse(texte: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == texte)
    }

    /// How it reads in French.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Envoyee => "Envoyée",
            Self::Acceptee => "Acceptée",
            Self::Refusee => "Refusée",
            Self::Partie => "A quitté l’équipe",
        }
    }
}

/// An invitation link works this many days after it was (re)sent.
pub const VALIDITE_INVITATION_JOURS: i64 = 30;

/// A coordinator resends an invitation at most once in this many hours (the person is not flooded).
pub const DELAI_ENTRE_ENVOIS_HEURES: i64 = 24;

/// Whether the link of an invitation sent at `envoyee_le` has expired.
pub fn invitation_expiree(envoyee_le: DateTime<Utc>, maintenant: DateTime<Utc>) -> bool {
    maintenant - envoyee_le > Duration::days(VALIDITE_INVITATION_JOURS)
}

/// Why an invitation cannot move: the French sentence shown to the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvitationRefusee {
    #[error("Cette invitation a déjà reçu une réponse.")]
    DejaRepondue,
    #[error(
        "Ce lien d’invitation a expiré (il vaut {VALIDITE_INVITATION_JOURS} jours) : demandez au coordinateur de vous l’envoyer à nouveau."
    )]
    Expiree,
    #[error("Cette personne fait partie de l’équipe : il n’y a rien à renvoyer.")]
    DejaMembre,
    #[error("Invitation déjà envoyée il y a moins de {DELAI_ENTRE_ENVOIS_HEURES} heures.")]
    TropTot { secondes: i64 },
    #[error("Seul un membre de l’équipe peut la quitter.")]
    PasMembre,
}

/// The person answers (accepts or declines) an invitation.
pub fn repondre(
    statut: StatutInvitation,
    envoyee_le: DateTime<Utc>,
    maintenant: DateTime<Utc>,
) -> Result<(), InvitationRefusee> {
    match statut {
        StatutInvitation::Envoyee if invitation_expiree(envoyee_le, maintenant) => {
            Err(InvitationRefusee::Expiree)
        }
        StatutInvitation::Envoyee => Ok(()),
        _ => Err(InvitationRefusee::DejaRepondue),
    }
}

/// The coordinator sends an invitation again: awaiting, declined or former members, not more than once a
/// day.
pub fn renvoyer(
    statut: StatutInvitation,
    envoyee_le: DateTime<Utc>,
    maintenant: DateTime<Utc>,
) -> Result<(), InvitationRefusee> {
    if statut == StatutInvitation::Acceptee {
        return Err(InvitationRefusee::DejaMembre);
    }
    let attente = envoyee_le + Duration::hours(DELAI_ENTRE_ENVOIS_HEURES) - maintenant;
    if attente > Duration::zero() {
        return Err(InvitationRefusee::TropTot {
            secondes: attente.num_seconds().max(1),
        });
    }
    Ok(())
}

/// A member leaves the team (on their own or taken off by the coordinator).
pub fn quitter(statut: StatutInvitation) -> Result<(), InvitationRefusee> {
    if statut == StatutInvitation::Acceptee {
        Ok(())
    } else {
        Err(InvitationRefusee::PasMembre)
    }
}

/// Longest structure name and reason for leaving.
pub const STRUCTURE_MAX: usize = 200;
pub const MOTIF_MAX: usize = 500;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contract_end_is_warned_about_within_two_months_and_not_once_past() {
        let jour = |texte: &str| NaiveDate::parse_from_str(texte, "%Y-%m-%d").unwrap();
        let aujourd_hui = jour("2026-12-05");
        assert!(fin_de_contrat_a_signaler(jour("2026-12-05"), aujourd_hui));
        assert!(fin_de_contrat_a_signaler(jour("2027-02-05"), aujourd_hui));
        assert!(!fin_de_contrat_a_signaler(jour("2027-02-06"), aujourd_hui));
        assert!(!fin_de_contrat_a_signaler(jour("2026-12-04"), aujourd_hui));
    }

    fn a(texte: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(texte).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn invitation_de_mediateur_repondue_une_fois_dans_les_trente_jours() {
        let envoyee = a("2026-11-01T10:00:00Z");
        assert_eq!(
            repondre(StatutInvitation::Envoyee, envoyee, a("2026-12-01T09:00:00Z")),
            Ok(())
        );
        assert_eq!(
            repondre(StatutInvitation::Envoyee, envoyee, a("2026-12-01T10:00:01Z")),
            Err(InvitationRefusee::Expiree)
        );
        for statut in [
            StatutInvitation::Acceptee,
            StatutInvitation::Refusee,
            StatutInvitation::Partie,
        ] {
            assert_eq!(
                repondre(statut, envoyee, envoyee),
                Err(InvitationRefusee::DejaRepondue)
            );
        }
    }

    #[test]
    fn invitation_de_mediateur_renvoyee_au_plus_une_fois_par_jour_sauf_aux_membres() {
        let envoyee = a("2026-11-26T10:00:00Z");
        assert_eq!(
            renvoyer(StatutInvitation::Envoyee, envoyee, a("2026-11-26T16:00:00Z")),
            Err(InvitationRefusee::TropTot { secondes: 18 * 3600 })
        );
        for statut in [
            StatutInvitation::Envoyee,
            StatutInvitation::Refusee,
            StatutInvitation::Partie,
        ] {
            assert_eq!(renvoyer(statut, envoyee, a("2026-11-27T10:00:00Z")), Ok(()));
        }
        assert_eq!(
            renvoyer(StatutInvitation::Acceptee, envoyee, a("2027-01-01T00:00:00Z")),
            Err(InvitationRefusee::DejaMembre)
        );
    }

    #[test]
    fn un_conseiller_quitte_l_equipe_a_la_fin_de_son_contrat() {
        let jour = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        assert!(sous_contrat(None, jour("2026-11-26")));
        assert!(sous_contrat(Some(jour("2026-11-26")), jour("2026-11-26")));
        assert!(!sous_contrat(Some(jour("2026-11-25")), jour("2026-11-26")));
    }

    #[test]
    fn seul_un_membre_quitte_l_equipe() {
        assert_eq!(quitter(StatutInvitation::Acceptee), Ok(()));
        assert_eq!(
            quitter(StatutInvitation::Envoyee),
            Err(InvitationRefusee::PasMembre)
        );
        for statut in StatutInvitation::ALL {
            assert_eq!(StatutInvitation::parse(statut.as_str()), Some(statut));
        }
    }
}

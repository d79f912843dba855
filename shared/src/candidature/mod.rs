//! The candidature of a structure for a coordinator post: its cases, its form, its state machine and its
//! deadlines (call for applications, I and IV).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub mod pieces;

use crate::role::Role;
use crate::subvention::TypeContrat;

/// The five cases ("cas de figure") of a candidature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
pub enum CasDeFigure {
    /// Already in the programme: extend a coordination post of the first call (AMI).
    A1,
    /// Already in the programme: give the coordinator role to one of its conseiller numérique posts.
    A2,
    /// Already in the programme: ask for an additional post for coordination.
    A3,
    /// Not yet in the programme: create a coordinator post.
    B1,
    /// Not yet in the programme: bring an existing coordination post into the programme.
    B2,
}

impl CasDeFigure {
    /// Every case.
    pub const ALL: [CasDeFigure; 5] = [Self::A1, Self::A2, Self::A3, Self::B1, Self::B2];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::A1 => "A1",
            Self::A2 => "A2",
            Self::A3 => "A3",
            Self::B1 => "B1",
            Self::B2 => "B2",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|cas| cas.as_str() == value)
    }

    /// The French description of the form.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::A1 => "Prolonger un poste de coordination issu du premier appel (AMI)",
            Self::A2 => "Attribuer le rôle de coordinateur à l’un de nos postes de conseiller numérique",
            Self::A3 => "Demander un poste supplémentaire dédié à la coordination",
            Self::B1 => "Créer un poste de conseiller numérique coordinateur",
            Self::B2 => "Intégrer au programme un poste de coordination existant",
        }
    }

    /// Whether the case is for a structure already in the programme (employing conseillers numériques).
    pub fn deja_dans_le_programme(self) -> bool {
        matches!(self, Self::A1 | Self::A2 | Self::A3)
    }
}

/// Where a candidature stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatutCandidature {
    /// Being prepared by the structure; saved as a draft.
    Brouillon,
    /// Filed; awaiting the préfecture's avis.
    Deposee,
    /// The préfecture gave its avis; awaiting ANCT's decision.
    AvisRendu,
    /// ANCT validated it: the structure may recruit.
    Validee,
    /// ANCT refused it.
    Refusee,
    /// ANCT closed it without deciding (« classée sans suite »), with its reason.
    ClasseeSansSuite,
    /// The structure withdrew it before the decision, with its reason.
    Retiree,
}

impl StatutCandidature {
    /// Every state.
    pub const ALL: [StatutCandidature; 7] = [
        Self::Brouillon,
        Self::Deposee,
        Self::AvisRendu,
        Self::Validee,
        Self::Refusee,
        Self::ClasseeSansSuite,
        Self::Retiree,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Brouillon => "BROUILLON",
            Self::Deposee => "DEPOSEE",
            Self::AvisRendu => "AVIS_RENDU",
            Self::Validee => "VALIDEE",
            Self::Refusee => "REFUSEE",
            Self::ClasseeSansSuite => "CLASSEE_SANS_SUITE",
            Self::Retiree => "RETIREE",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|statut| statut.as_str() == value)
    }

    /// The French label of badges and timelines.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Brouillon => "Brouillon",
            Self::Deposee => "Déposée, en attente de l’avis de la préfecture",
            Self::AvisRendu => "Avis rendu, en attente de la décision de l’ANCT",
            Self::Validee => "Validée",
            Self::Refusee => "Refusée",
            Self::ClasseeSansSuite => "Classée sans suite",
            Self::Retiree => "Retirée par la structure",
        }
    }

    /// Whether ANCT still has to decide (the two-month deadline runs).
    pub fn en_instruction(self) -> bool {
        matches!(self, Self::Deposee | Self::AvisRendu)
    }

    /// Whether the candidature claims its territory: filed and neither refused, closed nor withdrawn (what
    /// overlaps and the territory's figures count).
    pub fn revendique_le_territoire(self) -> bool {
        matches!(self, Self::Deposee | Self::AvisRendu | Self::Validee)
    }
}

/// A move of the state machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The structure edits its draft (form, perimeter, consultations).
    Modifier,
    /// The structure files its candidature.
    Deposer,
    /// The préfecture gives its avis (favorable or not).
    DonnerAvis,
    /// The préfecture changes its avis, until ANCT decides.
    ModifierAvis,
    /// ANCT validates or refuses.
    Decider { validee: bool },
    /// ANCT decides without the préfecture's avis, once the préfecture has had its time
    /// ([`decision_sans_avis_possible`]).
    DeciderSansAvis { validee: bool },
    /// ANCT closes it without deciding (« classée sans suite »).
    ClasserSansSuite,
    /// The structure withdraws it before the decision.
    Retirer,
}

impl Action {
    fn libelle(self) -> &'static str {
        match self {
            Self::Modifier => "modifier la candidature",
            Self::Deposer => "déposer la candidature",
            Self::DonnerAvis => "donner l’avis de la préfecture",
            Self::ModifierAvis => "modifier l’avis de la préfecture",
            Self::Decider { .. } => "décider",
            Self::DeciderSansAvis { .. } => "décider sans l’avis de la préfecture",
            Self::ClasserSansSuite => "classer la candidature sans suite",
            Self::Retirer => "retirer la candidature",
        }
    }

    /// The only role allowed to make this move.
    pub fn role_requis(self) -> Role {
        match self {
            Self::Modifier | Self::Deposer | Self::Retirer => Role::Structure,
            Self::DonnerAvis | Self::ModifierAvis => Role::Prefecture,
            Self::Decider { .. } | Self::DeciderSansAvis { .. } | Self::ClasserSansSuite => Role::Anct,
        }
    }
}

/// Why a move is refused; nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionRefusee {
    #[error("Seul le rôle « {requis} » peut {action}.", requis = .requis.libelle(), action = .action.libelle())]
    Role { action: Action, requis: Role },
    #[error("Impossible de {action} : la candidature est au statut « {statut} ».", action = .action.libelle(), statut = .statut.libelle())]
    Etat {
        action: Action,
        statut: StatutCandidature,
    },
    /// ANCT decides without avis only once the préfecture has had its time.
    #[error(
        "La préfecture n’a pas encore rendu son avis : elle a jusqu’au {} pour le faire ; l’ANCT peut décider \
         sans son avis à partir de ce jour.",
        crate::format::jour_en_toutes_lettres(*.jusqu_au)
    )]
    AvisAttendu { jusqu_au: NaiveDate },
}

/// The state machine of a candidature: brouillon → déposée (structure) → avis rendu (préfecture, who may
/// change it until the decision) → validée or refusée (ANCT); ANCT may also decide on a filed candidature
/// without avis once the préfecture has had its time. Until the decision, ANCT may close it without follow-up
/// and the structure may withdraw it. Anything else is refused and changes nothing.
pub fn transition(
    statut: StatutCandidature,
    action: Action,
    role: Role,
) -> Result<StatutCandidature, TransitionRefusee> {
    let requis = action.role_requis();
    if role != requis {
        return Err(TransitionRefusee::Role { action, requis });
    }
    match (statut, action) {
        (StatutCandidature::Brouillon, Action::Modifier) => Ok(StatutCandidature::Brouillon),
        (StatutCandidature::Brouillon, Action::Deposer) => Ok(StatutCandidature::Deposee),
        (StatutCandidature::Deposee, Action::DonnerAvis) => Ok(StatutCandidature::AvisRendu),
        (StatutCandidature::AvisRendu, Action::ModifierAvis) => Ok(StatutCandidature::AvisRendu),
        (StatutCandidature::Deposee, Action::DeciderSansAvis { validee: true }) => {
            Ok(StatutCandidature::Validee)
        }
        (StatutCandidature::Deposee, Action::DeciderSansAvis { validee: false }) => {
            Ok(StatutCandidature::Refusee)
        }
        (StatutCandidature::Deposee | StatutCandidature::AvisRendu, Action::ClasserSansSuite) => {
            Ok(StatutCandidature::ClasseeSansSuite)
        }
        (StatutCandidature::Deposee | StatutCandidature::AvisRendu, Action::Retirer) => {
            Ok(StatutCandidature::Retiree)
        }
        (StatutCandidature::AvisRendu, Action::Decider { validee: true }) => Ok(StatutCandidature::Validee),
        (StatutCandidature::AvisRendu, Action::Decider { validee: false }) => Ok(StatutCandidature::Refusee),
        _ => Err(TransitionRefusee::Etat { action, statut }),
    }
}

/// Shortest and longest comment of an avis or a decision (characters, spaces trimmed).
pub const COMMENTAIRE_MIN: usize = 10;
pub const COMMENTAIRE_MAX: usize = 1000;

/// A comment of 10 to 1000 characters, mandatory with an avis and a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commentaire(String);

/// A comment out of bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "Le commentaire doit compter entre {COMMENTAIRE_MIN} et {COMMENTAIRE_MAX} caractères (il en compte {longueur})."
)]
pub struct CommentaireInvalide {
    pub longueur: usize,
}

impl Commentaire {
    /// Trims and checks the length.
    pub fn parse(texte: &str) -> Result<Self, CommentaireInvalide> {
        let texte = texte.trim();
        let longueur = texte.chars().count();
        if (COMMENTAIRE_MIN..=COMMENTAIRE_MAX).contains(&longueur) {
            Ok(Self(texte.to_owned()))
        } else {
            Err(CommentaireInvalide { longueur })
        }
    }

    /// The trimmed text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// ANCT decides within two months of filing.
pub const DELAI_DECISION_MOIS: u32 = 2;
/// The structure recruits within six months of the notification of the decision.
pub const DELAI_RECRUTEMENT_MOIS: u32 = 6;

fn plus_mois(date: NaiveDate, mois: u32) -> NaiveDate {
    date.checked_add_months(Months::new(mois))
        .unwrap_or(NaiveDate::MAX)
}

/// The date by which ANCT must decide on a candidature filed on `depose_le`.
pub fn echeance_decision(depose_le: NaiveDate) -> NaiveDate {
    plus_mois(depose_le, DELAI_DECISION_MOIS)
}

/// The date by which a structure notified on `notifiee_le` must have recruited.
pub fn echeance_recrutement(notifiee_le: NaiveDate) -> NaiveDate {
    plus_mois(notifiee_le, DELAI_RECRUTEMENT_MOIS)
}

/// The day from which ANCT may decide on a candidature filed on `depose_le` without the préfecture's avis:
/// `delai_mois` months later (a setting; one by default).
pub fn decision_sans_avis_des_le(depose_le: NaiveDate, delai_mois: u32) -> NaiveDate {
    plus_mois(depose_le, delai_mois)
}

/// Whether ANCT may decide without the préfecture's avis on `aujourd_hui`.
pub fn decision_sans_avis_possible(depose_le: NaiveDate, delai_mois: u32, aujourd_hui: NaiveDate) -> bool {
    aujourd_hui >= decision_sans_avis_des_le(depose_le, delai_mois)
}

/// Overdue when the deadline has passed: flagged, never hidden.
pub fn en_retard(echeance: NaiveDate, aujourd_hui: NaiveDate) -> bool {
    aujourd_hui > echeance
}

/// Days left before a deadline (negative when overdue).
pub fn jours_restants(echeance: NaiveDate, aujourd_hui: NaiveDate) -> i64 {
    (echeance - aujourd_hui).num_days()
}

/// A call for applications: filing is possible from its opening to its closing day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodeAppel {
    pub ouverture: NaiveDate,
    pub cloture: NaiveDate,
}

impl PeriodeAppel {
    /// Whether a candidature can be filed on `jour`.
    pub fn est_ouvert(&self, jour: NaiveDate) -> bool {
        self.ouverture <= jour && jour <= self.cloture
    }
}

/// What a consulted employer of conseillers numériques answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReponseConsultation {
    Favorable,
    Reserves,
    SansReponse,
}

impl ReponseConsultation {
    /// Every answer.
    pub const ALL: [ReponseConsultation; 3] = [Self::Favorable, Self::Reserves, Self::SansReponse];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Favorable => "FAVORABLE",
            Self::Reserves => "RESERVES",
            Self::SansReponse => "SANS_REPONSE",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reponse| reponse.as_str() == value)
    }

    /// The French label.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Favorable => "Favorable",
            Self::Reserves => "Favorable avec réserves",
            Self::SansReponse => "Sans réponse",
        }
    }
}

/// Shortest answer accepted to each question of the motivation questionnaire.
pub const REPONSE_MIN: usize = 20;

/// The filled-in form of a candidature, as far as the structure went. The same rule says, in the form and
/// on the server, what is still missing before filing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formulaire {
    pub cas: Option<CasDeFigure>,
    pub contrat: Option<TypeContrat>,
    /// EPCI (SIREN) of the perimeter, or empty when it is a whole département.
    pub perimetre_epcis: Vec<String>,
    /// The département, when the perimeter is a whole département.
    pub perimetre_departement: Option<String>,
    pub diagnostic: String,
    pub partenaires: String,
    pub articulation_gouvernance: String,
    /// The structure's place in the gouvernance of its département, as it declares it (the préfecture's
    /// register confirms it or not).
    pub gouvernance: Option<crate::gouvernance::PlaceDansLaGouvernance>,
    pub missions_maillage: String,
    pub missions_relais: String,
    pub missions_collaborations: String,
    pub candidat_identifie: Option<bool>,
    pub date_prise_poste: Option<NaiveDate>,
}

impl Formulaire {
    /// The French names of what is missing or too short; empty when the form can be filed.
    pub fn champs_manquants(&self) -> Vec<&'static str> {
        let court = |texte: &str| texte.trim().chars().count() < REPONSE_MIN;
        let mut manquants = Vec::new();
        if self.cas.is_none() {
            manquants.push("le cas de figure");
        }
        if self.contrat.is_none() {
            manquants.push("le type de contrat");
        }
        if self.perimetre_epcis.is_empty() && self.perimetre_departement.is_none() {
            manquants.push("le territoire à coordonner");
        }
        for (texte, nom) in [
            (&self.diagnostic, "le diagnostic des besoins"),
            (&self.partenaires, "les partenaires"),
            (
                &self.articulation_gouvernance,
                "l’articulation avec la gouvernance locale",
            ),
            (
                &self.missions_maillage,
                "les missions de maillage territorial (axe 1)",
            ),
            (&self.missions_relais, "les missions de relais (axe 2)"),
            (
                &self.missions_collaborations,
                "les missions de collaboration (axe 3)",
            ),
        ] {
            if court(texte) {
                manquants.push(nom);
            }
        }
        if self.gouvernance.is_none() {
            manquants.push("votre place dans la gouvernance locale");
        }
        if self.candidat_identifie.is_none() {
            manquants.push("si un candidat est déjà identifié");
        }
        if self.date_prise_poste.is_none() {
            manquants.push("la date de prise de poste envisagée");
        }
        manquants
    }
}

#[cfg(test)]
mod tests;

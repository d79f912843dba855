//! After the decision: recruitment of the coordinator, convention or avenant, payment, second funding and
//! obligations (call for applications, "Workflow and deadlines" and "Obligations").

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::candidature::CasDeFigure;

/// Where a person of the candidate pool stands with one structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatutRecrutement {
    /// The structure contacted the candidate.
    Nouvelle,
    /// Both are interested: interviews.
    Interessee,
    /// The structure recruits the candidate (contract being signed).
    Recrutee,
    /// The contract is signed: the coordinator is in post.
    Finalisee,
    /// The candidate or the structure declined.
    NonInteressee,
    /// The contract ended early.
    Rupture,
}

impl StatutRecrutement {
    /// Every state.
    pub const ALL: [StatutRecrutement; 6] = [
        Self::Nouvelle,
        Self::Interessee,
        Self::Recrutee,
        Self::Finalisee,
        Self::NonInteressee,
        Self::Rupture,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Nouvelle => "NOUVELLE",
            Self::Interessee => "INTERESSEE",
            Self::Recrutee => "RECRUTEE",
            Self::Finalisee => "FINALISEE",
            Self::NonInteressee => "NON_INTERESSEE",
            Self::Rupture => "RUPTURE",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|statut| statut.as_str() == value)
    }

    /// The French label.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Nouvelle => "Prise de contact",
            Self::Interessee => "Intéressée",
            Self::Recrutee => "Recrutée",
            Self::Finalisee => "Contrat signé",
            Self::NonInteressee => "Non intéressée",
            Self::Rupture => "Rupture",
        }
    }

    /// Whether the recruitment may move from `self` to `vers`: forward along nouvelle → intéressée →
    /// recrutée → finalisée, to "non intéressée" before the recruitment, to "rupture" after it.
    pub fn peut_passer_a(self, vers: StatutRecrutement) -> bool {
        use StatutRecrutement::*;
        matches!(
            (self, vers),
            (Nouvelle, Interessee)
                | (Interessee, Recrutee)
                | (Recrutee, Finalisee)
                | (Nouvelle | Interessee, NonInteressee)
                | (Recrutee | Finalisee, Rupture)
        )
    }

    /// The person occupies the post (counts against the quota).
    pub fn occupe_le_poste(self) -> bool {
        matches!(self, Self::Recrutee | Self::Finalisee)
    }
}

/// The legal act funding the coordinator post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TypeActe {
    /// A new convention for the coordinator post (also when the structure has one for its conseillers).
    Convention,
    /// An avenant to the first convention: substitution of an existing post.
    Avenant,
}

impl TypeActe {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Convention => "CONVENTION",
            Self::Avenant => "AVENANT",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Convention, Self::Avenant]
            .into_iter()
            .find(|acte| acte.as_str() == value)
    }
}

/// Substitution cases (the role goes to an existing post, or the coordinator is already in post through the
/// first call) get an avenant; the others a new convention.
pub fn type_d_acte(cas: CasDeFigure) -> TypeActe {
    match cas {
        CasDeFigure::A1 | CasDeFigure::A2 => TypeActe::Avenant,
        CasDeFigure::A3 | CasDeFigure::B1 | CasDeFigure::B2 => TypeActe::Convention,
    }
}

/// The subsidy is paid in full the month after signature: the first day of that month.
pub fn mois_de_paiement(signee_le: NaiveDate) -> NaiveDate {
    let premier = signee_le.with_day(1).unwrap_or(signee_le);
    premier
        .checked_add_months(Months::new(1))
        .unwrap_or(NaiveDate::MAX)
}

/// When the coordinator funding starts: for an avenant, the day after the initial funding period ends (if
/// known and later than the signature); otherwise at signature.
pub fn debut_financement(
    acte: TypeActe,
    signee_le: NaiveDate,
    fin_financement_initial: Option<NaiveDate>,
) -> NaiveDate {
    match (acte, fin_financement_initial.and_then(|fin| fin.succ_opt())) {
        (TypeActe::Avenant, Some(lendemain)) if lendemain > signee_le => lendemain,
        _ => signee_le,
    }
}

/// The last day of a funding period of `mois` months starting on `debut`: the day before the same date
/// `mois` months later, or the end of that month when it has no such date (a period starting on 29
/// February or on a 31st).
pub fn fin_financement(debut: NaiveDate, mois: u32) -> NaiveDate {
    match debut.checked_add_months(Months::new(mois)) {
        Some(meme_date) if meme_date.day() < debut.day() => meme_date,
        Some(meme_date) => meme_date.pred_opt().unwrap_or(meme_date),
        None => NaiveDate::MAX,
    }
}

/// The recruitment reminder goes out one month before the six-month deadline.
pub fn rappel_recrutement(notifiee_le: NaiveDate) -> NaiveDate {
    notifiee_le
        .checked_add_months(Months::new(5))
        .unwrap_or(NaiveDate::MAX)
}

/// The second, three-year, decreasing funding that follows the first one: amounts per year are data
/// (the same conditions as non-coordinator conseiller posts), set by ANCT in the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcheancierPerenne {
    /// Amount of each of the three years, in euros, decreasing.
    pub montants_annuels_euros: Vec<u32>,
}

/// Years of the second funding.
pub const ANNEES_SECOND_FINANCEMENT: u32 = 3;

impl EcheancierPerenne {
    /// The three yearly periods (start, end, amount when set) of the second funding once the first ends on
    /// `fin_premier`.
    pub fn periodes(&self, fin_premier: NaiveDate) -> Vec<(NaiveDate, NaiveDate, Option<u32>)> {
        let Some(debut) = fin_premier.succ_opt() else {
            return Vec::new();
        };
        (0..ANNEES_SECOND_FINANCEMENT)
            .filter_map(|annee| {
                let debut_annee = debut.checked_add_months(Months::new(12 * annee))?;
                let montant = self.montants_annuels_euros.get(annee as usize).copied();
                Some((debut_annee, fin_financement(debut_annee, 12), montant))
            })
            .collect()
    }

    /// Whether the schedule is well formed: three years, each amount not above the previous one.
    pub fn est_valide(&self) -> bool {
        self.montants_annuels_euros.len() == 3 && self.montants_annuels_euros.windows(2).all(|w| w[1] <= w[0])
    }
}

/// What a coordinator must have done, and what is missing, in French.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligations {
    pub temps_plein: bool,
    pub formation_initiale_le: Option<NaiveDate>,
    /// Years with a continuing-training module done.
    pub formations_continues: Vec<i32>,
    pub pix_demande: bool,
    pub pix_obtenu: bool,
    pub ccp1_demande: bool,
    pub ccp1_obtenu: bool,
}

impl Obligations {
    /// What is missing on `aujourd_hui` for a coordinator in post since `en_poste_depuis`: full time,
    /// initial training, one continuing module a year after the first, certifications requested.
    pub fn manquements(&self, en_poste_depuis: NaiveDate, aujourd_hui: NaiveDate) -> Vec<String> {
        let mut manquements = Vec::new();
        if !self.temps_plein {
            manquements.push("le poste n’est pas à temps plein (35 h par semaine)".to_owned());
        }
        if self.formation_initiale_le.is_none() {
            manquements.push("la formation initiale n’est pas suivie".to_owned());
        }
        for annee in (en_poste_depuis.year() + 1)..aujourd_hui.year() {
            if !self.formations_continues.contains(&annee) {
                manquements.push(format!("aucun module de formation continue en {annee}"));
            }
        }
        if self.pix_demande && !self.pix_obtenu {
            manquements.push("la certification PIX demandée n’est pas obtenue".to_owned());
        }
        if self.ccp1_demande && !self.ccp1_obtenu {
            manquements.push("le CCP1 demandé n’est pas obtenu".to_owned());
        }
        manquements
    }
}

/// Which funding an instalment belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Financement {
    /// The first funding, of the call (II.b).
    Premier,
    /// The second, three-year, decreasing funding.
    Second,
}

impl Financement {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Premier => "PREMIER",
            Self::Second => "SECOND",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Premier, Self::Second]
            .into_iter()
            .find(|f| f.as_str() == value)
    }

    pub fn libelle(self) -> &'static str {
        match self {
            Self::Premier => "Premier financement",
            Self::Second => "Second financement",
        }
    }
}

/// Where an instalment of a post's subsidy stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatutVersement {
    /// Scheduled for its month.
    Prevu,
    /// Paid to the structure.
    Paye,
    /// Held back (obligations not met) until ANCT resumes it.
    Suspendu,
    /// Paid, and reclaimed from the structure (coordinator used for other missions).
    ARembourser,
    /// Never to be paid: the post ended before its month.
    Annule,
}

impl StatutVersement {
    pub const ALL: [StatutVersement; 5] = [
        Self::Prevu,
        Self::Paye,
        Self::Suspendu,
        Self::ARembourser,
        Self::Annule,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prevu => "PREVU",
            Self::Paye => "PAYE",
            Self::Suspendu => "SUSPENDU",
            Self::ARembourser => "A_REMBOURSER",
            Self::Annule => "ANNULE",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn libelle(self) -> &'static str {
        match self {
            Self::Prevu => "Prévu",
            Self::Paye => "Versé",
            Self::Suspendu => "Suspendu",
            Self::ARembourser => "Remboursement demandé",
            Self::Annule => "Annulé",
        }
    }

    /// Whether the money went to the structure (what the dashboards count as paid).
    pub fn verse(self) -> bool {
        matches!(self, Self::Paye | Self::ARembourser)
    }

    /// Whether it may still be paid.
    pub fn a_venir(self) -> bool {
        matches!(self, Self::Prevu | Self::Suspendu)
    }
}

/// What ANCT does to an instalment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionVersement {
    Payer,
    Suspendre,
    Reprendre,
    Reclamer,
}

impl ActionVersement {
    fn libelle(self) -> &'static str {
        match self {
            Self::Payer => "payer",
            Self::Suspendre => "suspendre",
            Self::Reprendre => "reprendre",
            Self::Reclamer => "réclamer",
        }
    }
}

/// A move refused by [`transition_versement`]; nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Impossible de {} un versement au statut « {} ».", .action.libelle(), .statut.libelle())]
pub struct VersementRefuse {
    pub action: ActionVersement,
    pub statut: StatutVersement,
}

/// The life of an instalment: a scheduled one is paid or suspended; a suspended one resumes; a paid one
/// may be reclaimed. Anything else is refused.
pub fn transition_versement(
    statut: StatutVersement,
    action: ActionVersement,
) -> Result<StatutVersement, VersementRefuse> {
    match (statut, action) {
        (StatutVersement::Prevu, ActionVersement::Payer) => Ok(StatutVersement::Paye),
        (StatutVersement::Prevu, ActionVersement::Suspendre) => Ok(StatutVersement::Suspendu),
        (StatutVersement::Suspendu, ActionVersement::Reprendre) => Ok(StatutVersement::Prevu),
        (StatutVersement::Paye, ActionVersement::Reclamer) => Ok(StatutVersement::ARembourser),
        _ => Err(VersementRefuse { action, statut }),
    }
}

/// One instalment of a schedule: its funding, its rank in it, its amount and its month (first day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Echeance {
    pub financement: Financement,
    pub rang: u32,
    pub montant_euros: u32,
    pub prevu_le: NaiveDate,
}

/// The schedule of a convention signed on `signee_le`: the first funding in one payment the month after
/// signature (the call); the second funding, each year whose amount ANCT set, at the start of that year
/// (`[financement_perenne]`; without amounts, nothing of it is scheduled yet).
pub fn echeancier(
    montant_premier: u32,
    signee_le: NaiveDate,
    fin_premier: NaiveDate,
    perenne: &EcheancierPerenne,
) -> Vec<Echeance> {
    let mut echeances = vec![Echeance {
        financement: Financement::Premier,
        rang: 1,
        montant_euros: montant_premier,
        prevu_le: mois_de_paiement(signee_le),
    }];
    for (rang, (debut, _, montant)) in (1..).zip(perenne.periodes(fin_premier)) {
        if let Some(montant) = montant {
            echeances.push(Echeance {
                financement: Financement::Second,
                rang,
                montant_euros: montant,
                prevu_le: debut.with_day(1).unwrap_or(debut),
            });
        }
    }
    echeances
}

/// What was paid, what remains to pay and what is reclaimed, in euros, of a post's instalments.
pub fn bilan_des_versements(versements: &[(StatutVersement, u32)]) -> (u64, u64, u64) {
    let somme = |garder: fn(StatutVersement) -> bool| -> u64 {
        versements
            .iter()
            .filter(|(statut, _)| garder(*statut))
            .map(|(_, montant)| u64::from(*montant))
            .sum()
    };
    (
        somme(StatutVersement::verse),
        somme(StatutVersement::a_venir),
        somme(|s| s == StatutVersement::ARembourser),
    )
}

/// How far ahead a structure may date the return of its post (it announces a departure to come).
pub const RENDU_AU_PLUS_TARD_MOIS: u32 = 3;

/// Why a post cannot end as asked; nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FinRefusee {
    #[error("Ce poste est déjà clos depuis le {}.", crate::format::jour_en_toutes_lettres(*.0))]
    DejaClos(NaiveDate),
    #[error(
        "La date doit être entre la décision de l’ANCT ({}) et le {} au plus tard.",
        crate::format::jour_en_toutes_lettres(*.decide_le),
        crate::format::jour_en_toutes_lettres(*.au_plus_tard)
    )]
    DateHorsBornes {
        decide_le: NaiveDate,
        au_plus_tard: NaiveDate,
    },
    #[error("Le poste est pourvu : il ne peut pas être retiré pour défaut de recrutement.")]
    Pourvu,
    #[error(
        "Le délai de recrutement court jusqu’au {} : le poste ne peut pas être retiré avant.",
        crate::format::jour_en_toutes_lettres(*.0)
    )]
    RecrutementEnCours(NaiveDate),
    #[error("Un préavis de retrait a déjà été notifié le {}.", crate::format::jour_en_toutes_lettres(*.0))]
    PreavisDejaNotifie(NaiveDate),
    #[error("Notifiez d’abord un préavis de retrait à la structure.")]
    SansPreavis,
    #[error(
        "Le préavis court jusqu’au {} : la structure peut encore recruter.",
        crate::format::jour_en_toutes_lettres(*.0)
    )]
    PreavisEnCours(NaiveDate),
}

/// The structure gives its post back on `le`: from the decision's day to [`RENDU_AU_PLUS_TARD_MOIS`] ahead.
pub fn rendu_possible(
    clos_le: Option<NaiveDate>,
    decide_le: NaiveDate,
    le: NaiveDate,
    aujourd_hui: NaiveDate,
) -> Result<(), FinRefusee> {
    if let Some(clos) = clos_le {
        return Err(FinRefusee::DejaClos(clos));
    }
    let au_plus_tard = aujourd_hui
        .checked_add_months(Months::new(RENDU_AU_PLUS_TARD_MOIS))
        .unwrap_or(NaiveDate::MAX);
    if le < decide_le || le > au_plus_tard {
        return Err(FinRefusee::DateHorsBornes {
            decide_le,
            au_plus_tard,
        });
    }
    Ok(())
}

/// ANCT notifies the structure that its post will be withdrawn: once the recruitment deadline (six months
/// after the decision) has passed without anyone recruited, once.
pub fn preavis_possible(
    clos_le: Option<NaiveDate>,
    decide_le: NaiveDate,
    pourvu: bool,
    preavis_le: Option<NaiveDate>,
    aujourd_hui: NaiveDate,
) -> Result<(), FinRefusee> {
    if let Some(clos) = clos_le {
        return Err(FinRefusee::DejaClos(clos));
    }
    if pourvu {
        return Err(FinRefusee::Pourvu);
    }
    let echeance = crate::candidature::echeance_recrutement(decide_le);
    if !crate::candidature::en_retard(echeance, aujourd_hui) {
        return Err(FinRefusee::RecrutementEnCours(echeance));
    }
    if let Some(preavis) = preavis_le {
        return Err(FinRefusee::PreavisDejaNotifie(preavis));
    }
    Ok(())
}

/// The day from which ANCT may withdraw a post after notifying its notice.
pub fn retrait_possible_le(preavis_le: NaiveDate, preavis_mois: u32) -> NaiveDate {
    preavis_le
        .checked_add_months(Months::new(preavis_mois))
        .unwrap_or(NaiveDate::MAX)
}

/// ANCT withdraws the post: still without anyone recruited, once the notice has run its course.
pub fn retrait_possible(
    clos_le: Option<NaiveDate>,
    pourvu: bool,
    preavis_le: Option<NaiveDate>,
    preavis_mois: u32,
    aujourd_hui: NaiveDate,
) -> Result<(), FinRefusee> {
    if let Some(clos) = clos_le {
        return Err(FinRefusee::DejaClos(clos));
    }
    if pourvu {
        return Err(FinRefusee::Pourvu);
    }
    let preavis = preavis_le.ok_or(FinRefusee::SansPreavis)?;
    let des_le = retrait_possible_le(preavis, preavis_mois);
    if aujourd_hui < des_le {
        return Err(FinRefusee::PreavisEnCours(des_le));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatutRecrutement::*;

    fn date(texte: &str) -> NaiveDate {
        NaiveDate::parse_from_str(texte, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn recruitment_moves_forward_or_ends() {
        for (de, vers) in [
            (Nouvelle, Interessee),
            (Interessee, Recrutee),
            (Recrutee, Finalisee),
            (Nouvelle, NonInteressee),
            (Interessee, NonInteressee),
            (Recrutee, Rupture),
            (Finalisee, Rupture),
        ] {
            assert!(de.peut_passer_a(vers), "{de:?} → {vers:?}");
        }
        for (de, vers) in [
            (Nouvelle, Recrutee),
            (Finalisee, Nouvelle),
            (NonInteressee, Interessee),
            (Rupture, Finalisee),
            (Recrutee, NonInteressee),
            (Nouvelle, Rupture),
        ] {
            assert!(!de.peut_passer_a(vers), "{de:?} → {vers:?}");
        }
        assert!(Recrutee.occupe_le_poste() && Finalisee.occupe_le_poste() && !Interessee.occupe_le_poste());
        for statut in StatutRecrutement::ALL {
            assert_eq!(StatutRecrutement::parse(statut.as_str()), Some(statut));
        }
    }

    #[test]
    fn convention_substitution_cases_get_an_avenant_the_others_a_convention() {
        assert_eq!(type_d_acte(CasDeFigure::A1), TypeActe::Avenant);
        assert_eq!(type_d_acte(CasDeFigure::A2), TypeActe::Avenant);
        for cas in [CasDeFigure::A3, CasDeFigure::B1, CasDeFigure::B2] {
            assert_eq!(type_d_acte(cas), TypeActe::Convention);
        }
    }

    #[test]
    fn payment_is_the_month_after_signature_including_year_and_month_ends() {
        assert_eq!(mois_de_paiement(date("2024-01-31")), date("2024-02-01"));
        assert_eq!(
            mois_de_paiement(date("2024-02-29")),
            date("2024-03-01"),
            "leap day"
        );
        assert_eq!(
            mois_de_paiement(date("2023-12-31")),
            date("2024-01-01"),
            "year end"
        );
        assert_eq!(mois_de_paiement(date("2024-03-01")), date("2024-04-01"));
    }

    #[test]
    fn substitution_funding_starts_the_day_after_the_initial_funding_ends() {
        assert_eq!(
            debut_financement(TypeActe::Avenant, date("2024-01-15"), Some(date("2024-02-29"))),
            date("2024-03-01")
        );
        assert_eq!(
            debut_financement(TypeActe::Avenant, date("2024-01-15"), Some(date("2023-12-31"))),
            date("2024-01-15"),
            "already ended: at signature"
        );
        assert_eq!(
            debut_financement(TypeActe::Convention, date("2024-01-15"), Some(date("2024-06-30"))),
            date("2024-01-15")
        );
        assert_eq!(
            debut_financement(TypeActe::Avenant, date("2024-01-15"), None),
            date("2024-01-15")
        );
    }

    #[test]
    fn funding_periods_end_the_day_before_the_same_date_months_later() {
        assert_eq!(fin_financement(date("2024-03-01"), 24), date("2026-02-28"));
        assert_eq!(fin_financement(date("2024-01-31"), 18), date("2025-07-30"));
        assert_eq!(
            fin_financement(date("2024-02-29"), 12),
            date("2025-02-28"),
            "from a leap day"
        );
        assert_eq!(
            fin_financement(date("2024-01-31"), 1),
            date("2024-02-29"),
            "into a leap February"
        );
        assert_eq!(fin_financement(date("2024-03-01"), 1), date("2024-03-31"));
    }

    #[test]
    fn recruitment_reminder_is_at_five_months_and_the_deadline_at_six() {
        assert_eq!(rappel_recrutement(date("2024-08-31")), date("2025-01-31"));
        assert_eq!(
            crate::candidature::echeance_recrutement(date("2024-08-31")),
            date("2025-02-28"),
            "month end clamped"
        );
        assert_eq!(
            crate::candidature::echeance_recrutement(date("2023-08-31")),
            date("2024-02-29"),
            "leap year"
        );
    }

    #[test]
    fn second_funding_follows_the_first_for_three_decreasing_years() {
        let echeancier = EcheancierPerenne {
            montants_annuels_euros: vec![17_000, 13_000, 9_000],
        };
        assert!(echeancier.est_valide());
        let periodes = echeancier.periodes(date("2026-02-28"));
        assert_eq!(periodes.len(), 3);
        assert_eq!(
            periodes[0],
            (date("2026-03-01"), date("2027-02-28"), Some(17_000))
        );
        assert_eq!(periodes[2], (date("2028-03-01"), date("2029-02-28"), Some(9_000)));
        let sans_montants = EcheancierPerenne {
            montants_annuels_euros: vec![],
        }
        .periodes(date("2026-02-28"));
        assert_eq!(
            sans_montants.len(),
            3,
            "the periods are known before ANCT sets the amounts"
        );
        assert_eq!(sans_montants[1].2, None);
        assert!(
            !EcheancierPerenne {
                montants_annuels_euros: vec![1, 2, 3]
            }
            .est_valide(),
            "must decrease"
        );
        assert!(
            !EcheancierPerenne {
                montants_annuels_euros: vec![3, 2]
            }
            .est_valide(),
            "three years"
        );
    }

    #[test]
    fn obligations_list_what_is_missing() {
        let complet = Obligations {
            temps_plein: true,
            formation_initiale_le: Some(date("2024-03-10")),
            formations_continues: vec![2025],
            pix_demande: true,
            pix_obtenu: true,
            ccp1_demande: false,
            ccp1_obtenu: false,
        };
        assert!(
            complet
                .manquements(date("2024-02-01"), date("2026-01-15"))
                .is_empty()
        );
        let manque = Obligations {
            temps_plein: false,
            formations_continues: vec![],
            ..complet
        };
        let manquements = manque.manquements(date("2024-02-01"), date("2026-01-15"));
        assert_eq!(manquements.len(), 2, "{manquements:?}");
        assert!(manquements[1].contains("2025"));
    }

    #[test]
    fn a_structure_gives_its_post_back_from_the_decision_to_three_months_ahead_once() {
        let decide = date("2026-03-02");
        let aujourd_hui = date("2026-09-10");
        assert_eq!(
            rendu_possible(None, decide, date("2026-09-30"), aujourd_hui),
            Ok(())
        );
        assert_eq!(rendu_possible(None, decide, decide, aujourd_hui), Ok(()));
        assert!(matches!(
            rendu_possible(None, decide, date("2026-03-01"), aujourd_hui),
            Err(FinRefusee::DateHorsBornes { .. })
        ));
        assert_eq!(
            rendu_possible(None, decide, date("2026-12-11"), aujourd_hui),
            Err(FinRefusee::DateHorsBornes {
                decide_le: decide,
                au_plus_tard: date("2026-12-10")
            })
        );
        assert_eq!(
            rendu_possible(Some(date("2026-08-01")), decide, aujourd_hui, aujourd_hui),
            Err(FinRefusee::DejaClos(date("2026-08-01")))
        );
    }

    #[test]
    fn anct_withdraws_an_unfilled_post_after_the_recruitment_deadline_and_a_notice() {
        let decide = date("2026-01-15");
        // The recruitment deadline is six months after the decision.
        assert_eq!(
            preavis_possible(None, decide, false, None, date("2026-07-15")),
            Err(FinRefusee::RecrutementEnCours(date("2026-07-15")))
        );
        assert_eq!(
            preavis_possible(None, decide, false, None, date("2026-07-16")),
            Ok(())
        );
        assert_eq!(
            preavis_possible(None, decide, true, None, date("2026-08-01")),
            Err(FinRefusee::Pourvu)
        );
        assert_eq!(
            preavis_possible(None, decide, false, Some(date("2026-07-20")), date("2026-08-01")),
            Err(FinRefusee::PreavisDejaNotifie(date("2026-07-20")))
        );
        assert_eq!(
            retrait_possible(None, false, None, 1, date("2026-09-01")),
            Err(FinRefusee::SansPreavis)
        );
        assert_eq!(
            retrait_possible(None, false, Some(date("2026-07-20")), 1, date("2026-08-19")),
            Err(FinRefusee::PreavisEnCours(date("2026-08-20")))
        );
        assert_eq!(
            retrait_possible(None, false, Some(date("2026-07-20")), 1, date("2026-08-20")),
            Ok(())
        );
        // Recruited during the notice: the post stays.
        assert_eq!(
            retrait_possible(None, true, Some(date("2026-07-20")), 1, date("2026-09-01")),
            Err(FinRefusee::Pourvu)
        );
    }

    #[test]
    fn an_instalment_is_paid_or_suspended_resumed_and_reclaimed_once_paid() {
        use ActionVersement as A;
        use StatutVersement as S;
        assert_eq!(transition_versement(S::Prevu, A::Payer), Ok(S::Paye));
        assert_eq!(transition_versement(S::Prevu, A::Suspendre), Ok(S::Suspendu));
        assert_eq!(transition_versement(S::Suspendu, A::Reprendre), Ok(S::Prevu));
        assert_eq!(transition_versement(S::Paye, A::Reclamer), Ok(S::ARembourser));
        for (statut, action) in [
            (S::Suspendu, A::Payer),
            (S::Paye, A::Payer),
            (S::Paye, A::Suspendre),
            (S::Prevu, A::Reclamer),
            (S::ARembourser, A::Reclamer),
            (S::Annule, A::Payer),
            (S::Prevu, A::Reprendre),
        ] {
            assert_eq!(
                transition_versement(statut, action),
                Err(VersementRefuse { action, statut })
            );
        }
        assert_eq!(
            VersementRefuse {
                action: A::Payer,
                statut: S::Suspendu
            }
            .to_string(),
            "Impossible de payer un versement au statut « Suspendu »."
        );
    }

    #[test]
    fn the_first_funding_is_paid_at_once_the_month_after_signature_and_the_second_year_by_year() {
        let perenne = EcheancierPerenne {
            montants_annuels_euros: vec![17_000, 13_000, 9_000],
        };
        let echeances = echeancier(40_000, date("2026-03-18"), date("2028-03-31"), &perenne);
        assert_eq!(
            echeances[0],
            Echeance {
                financement: Financement::Premier,
                rang: 1,
                montant_euros: 40_000,
                prevu_le: date("2026-04-01")
            }
        );
        assert_eq!(echeances.len(), 4);
        assert_eq!(
            (echeances[1].montant_euros, echeances[1].prevu_le),
            (17_000, date("2028-04-01"))
        );
        assert_eq!(
            (
                echeances[3].rang,
                echeances[3].montant_euros,
                echeances[3].prevu_le
            ),
            (3, 9_000, date("2030-04-01"))
        );
        // Amounts not set yet: only the first funding is scheduled.
        let sans = EcheancierPerenne {
            montants_annuels_euros: vec![],
        };
        assert_eq!(
            echeancier(40_000, date("2026-03-18"), date("2028-03-31"), &sans).len(),
            1
        );
        let bilan = bilan_des_versements(&[
            (StatutVersement::Paye, 40_000),
            (StatutVersement::Prevu, 17_000),
            (StatutVersement::Suspendu, 13_000),
            (StatutVersement::Annule, 9_000),
        ]);
        assert_eq!(bilan, (40_000, 30_000, 0));
        assert_eq!(
            bilan_des_versements(&[(StatutVersement::ARembourser, 40_000)]),
            (40_000, 0, 40_000)
        );
    }
}

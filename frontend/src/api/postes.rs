//! After the decision: the candidate pool (a candidate's own profile, the structures' search), the
//! recruitment of the coordinator, the coordinator role given to a conseiller, the coordinators'
//! obligations, and the convention with its payment. The operations are in
//! `graphql/candidature.graphql`, whose fragments the candidature page shares.

use chrono::NaiveDate;
use maillage_shared::poste::{Obligations, StatutRecrutement};

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

pub use super::candidatures::{Convention, Coordinateur, ProfilCandidat, Recrutement};

operation!(
    MonProfilCandidat,
    "graphql/candidature.graphql",
    response_type = "super::ProfilCandidat"
);
operation!(ModifierProfilCandidat, "graphql/candidature.graphql");
operation!(SupprimerProfilCandidat, "graphql/candidature.graphql");
operation!(
    RechercherCandidats,
    "graphql/candidature.graphql",
    response_type = "super::ProfilCandidat"
);
operation!(ContacterCandidat, "graphql/candidature.graphql");
operation!(ChangerStatutRecrutement, "graphql/candidature.graphql");
operation!(MesConseillers, "graphql/candidature.graphql");
operation!(AttribuerRoleCoordinateur, "graphql/candidature.graphql");
operation!(EnregistrerObligations, "graphql/candidature.graphql");
operation!(DemanderConvention, "graphql/candidature.graphql");
operation!(SignerConvention, "graphql/candidature.graphql");
operation!(PayerVersement, "graphql/candidature.graphql");
operation!(SuspendreVersement, "graphql/candidature.graphql");
operation!(ReprendreVersement, "graphql/candidature.graphql");
operation!(ReclamerVersement, "graphql/candidature.graphql");
operation!(
    ConventionsASigner,
    "graphql/candidature.graphql",
    response_type = "super::Convention"
);

/// A conseiller numérique of the caller's structure.
pub type ConseillerDeStructure = mes_conseillers::MesConseillersMesConseillers;

impl ProfilCandidat {
    /// "Inès Le Gall".
    pub fn nom_complet(&self) -> String {
        format!("{} {}", self.prenom, self.nom)
    }

    /// "Brest (29)", or a dash when the commune is unknown.
    pub fn lieu(&self) -> String {
        self.commune
            .as_ref()
            .map(|commune| format!("{} ({})", commune.nom, commune.departement.code))
            .unwrap_or_else(|| "—".to_owned())
    }

    /// "PIX, CCP1", or a dash.
    pub fn certifications(&self) -> String {
        let certifications = [(self.pix, "PIX"), (self.ccp1, "CCP1")]
            .into_iter()
            .filter_map(|(obtenue, nom)| obtenue.then_some(nom))
            .collect::<Vec<_>>();
        if certifications.is_empty() {
            "—".to_owned()
        } else {
            certifications.join(", ")
        }
    }

    /// What the person would send to keep this profile as it is.
    pub fn saisie(&self) -> Profil {
        Profil {
            commune_code: self
                .commune
                .as_ref()
                .map(|commune| commune.code.clone())
                .unwrap_or_default(),
            rayon_km: self.rayon_km,
            disponible_le: self.disponible_le,
            experience: self.experience.clone(),
            diplomes: self.diplomes.clone(),
            pix: self.pix,
            ccp1: self.ccp1,
            visible: self.visible,
        }
    }
}

/// A candidate's profile as they fill it (`ProfilCandidatEntree`).
#[derive(Debug, Clone, PartialEq)]
pub struct Profil {
    /// INSEE code of the commune where they live.
    pub commune_code: String,
    pub rayon_km: i64,
    pub disponible_le: Option<NaiveDate>,
    pub experience: String,
    pub diplomes: String,
    pub pix: bool,
    /// CCP1 of the title "Responsable d’Espace de Médiation Numérique".
    pub ccp1: bool,
    /// Consent to be seen by structures with a validated candidature.
    pub visible: bool,
}

/// `ProfilCandidatEntree` of the operation module `$module`, from a [`Profil`]: the profile's update and
/// the candidate's registration each have their own generated input type, filled the same way.
macro_rules! profil_entree {
    ($module:ident, $profil:expr) => {{
        let profil: &$crate::api::postes::Profil = $profil;
        $module::ProfilCandidatEntree {
            commune_code: profil.commune_code.clone(),
            rayon_km: profil.rayon_km,
            disponible_le: profil.disponible_le,
            experience: profil.experience.clone(),
            diplomes: profil.diplomes.clone(),
            pix: profil.pix,
            ccp1: profil.ccp1,
            visible: profil.visible,
        }
    }};
}
pub(crate) use profil_entree;

impl Coordinateur {
    /// "Yann Le Bihan".
    pub fn nom_complet(&self) -> String {
        format!("{} {}", self.prenom, self.nom)
    }

    /// The obligations as recorded, to edit them.
    pub fn obligations(&self) -> Obligations {
        Obligations {
            temps_plein: self.temps_plein,
            formation_initiale_le: self.formation_initiale_le,
            formations_continues: self
                .formations_continues
                .iter()
                .filter_map(|annee| i32::try_from(*annee).ok())
                .collect(),
            pix_demande: self.pix_demande,
            pix_obtenu: self.pix_obtenu,
            ccp1_demande: self.ccp1_demande,
            ccp1_obtenu: self.ccp1_obtenu,
        }
    }
}

impl Proximite {
    fn variable(self) -> rechercher_candidats::ProximiteRecherche {
        use rechercher_candidats::ProximiteRecherche;
        match self {
            Self::Perimetre => ProximiteRecherche::PERIMETRE,
            Self::Departement => ProximiteRecherche::DEPARTEMENT,
            Self::Region => ProximiteRecherche::REGION,
            Self::National => ProximiteRecherche::NATIONAL,
        }
    }
}

/// How far from the post a structure searches the pool (`ProximiteRecherche`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proximite {
    Perimetre,
    Departement,
    Region,
    National,
}

impl Proximite {
    /// Every choice, nearest first.
    pub const ALL: [Proximite; 4] = [Self::Perimetre, Self::Departement, Self::Region, Self::National];

    /// The GraphQL name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Perimetre => "PERIMETRE",
            Self::Departement => "DEPARTEMENT",
            Self::Region => "REGION",
            Self::National => "NATIONAL",
        }
    }

    /// Reads the GraphQL name back.
    pub fn parse(valeur: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|proximite| proximite.as_str() == valeur)
    }

    /// The French label.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Perimetre => "Dans le territoire à coordonner",
            Self::Departement => "Dans le département de la structure",
            Self::Region => "Dans la région de la structure",
            Self::National => "Dans toute la France",
        }
    }
}

/// Criteria of a pool search (`FiltreCandidats`).
#[derive(Debug, Clone, PartialEq)]
pub struct FiltreCandidats {
    pub proximite: Proximite,
    pub pix: bool,
    pub ccp1: bool,
    /// Only those available on or before this day.
    pub disponible_avant: Option<NaiveDate>,
}

/// The caller's profile in the pool (role CANDIDAT); `None` once deleted.
pub async fn mon_profil() -> Result<Option<ProfilCandidat>, ErreurApi> {
    Ok(send::<MonProfilCandidat>(mon_profil_candidat::Variables)
        .await?
        .mon_profil_candidat)
}

/// Updates (or creates again) the caller's profile; `visible: false` withdraws it from searches.
pub async fn modifier_profil(profil: &Profil) -> Result<(), ErreurApi> {
    let variables = modifier_profil_candidat::Variables {
        profil: profil_entree!(modifier_profil_candidat, profil),
    };
    send::<ModifierProfilCandidat>(variables).await.map(|_| ())
}

/// Deletes the caller's profile and the contacts made with it.
pub async fn supprimer_profil() -> Result<(), ErreurApi> {
    send::<SupprimerProfilCandidat>(supprimer_profil_candidat::Variables)
        .await
        .map(|_| ())
}

/// The candidates who consented to be seen, near the post of a validated candidature of the caller.
pub async fn rechercher_candidats(
    candidature_id: &str,
    filtre: &FiltreCandidats,
) -> Result<Vec<ProfilCandidat>, ErreurApi> {
    let variables = rechercher_candidats::Variables {
        id: candidature_id.to_owned(),
        filtre: rechercher_candidats::FiltreCandidats {
            proximite: filtre.proximite.variable(),
            pix: filtre.pix,
            ccp1: filtre.ccp1,
            disponible_avant: filtre.disponible_avant,
        },
    };
    Ok(send::<RechercherCandidats>(variables).await?.rechercher_candidats)
}

/// The structure contacts a candidate for its validated post.
pub async fn contacter(candidature_id: &str, profil_id: &str) -> Result<(), ErreurApi> {
    let variables = contacter_candidat::Variables {
        id: candidature_id.to_owned(),
        profil: profil_id.to_owned(),
    };
    send::<ContacterCandidat>(variables).await.map(|_| ())
}

/// What a recruitment step records: the contract, when recruiting and when it is signed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contrat {
    /// `TypeContrat` name.
    pub type_contrat: Option<String>,
    pub debut: Option<NaiveDate>,
    pub fin: Option<NaiveDate>,
}

/// Moves a recruitment one step.
pub async fn changer_statut(
    recrutement_id: &str,
    statut: StatutRecrutement,
    contrat: &Contrat,
) -> Result<(), ErreurApi> {
    let variables = changer_statut_recrutement::Variables {
        id: recrutement_id.to_owned(),
        statut,
        contrat: contrat.type_contrat.clone(),
        debut: contrat.debut,
        fin: contrat.fin,
    };
    send::<ChangerStatutRecrutement>(variables).await.map(|_| ())
}

/// The conseillers numériques employed by the caller's structure.
pub async fn mes_conseillers() -> Result<Vec<ConseillerDeStructure>, ErreurApi> {
    Ok(send::<MesConseillers>(mes_conseillers::Variables)
        .await?
        .mes_conseillers)
}

/// Gives the coordinator role to one of the structure's conseillers, within the quota.
pub async fn attribuer_role(candidature_id: &str, conseiller_id: &str) -> Result<(), ErreurApi> {
    let variables = attribuer_role_coordinateur::Variables {
        id: candidature_id.to_owned(),
        conseiller: conseiller_id.to_owned(),
    };
    send::<AttribuerRoleCoordinateur>(variables).await.map(|_| ())
}

/// Records a coordinator's obligations.
pub async fn enregistrer_obligations(
    coordinateur_id: &str,
    obligations: &Obligations,
) -> Result<(), ErreurApi> {
    let variables = enregistrer_obligations::Variables {
        id: coordinateur_id.to_owned(),
        obligations: enregistrer_obligations::ObligationsEntree {
            temps_plein: obligations.temps_plein,
            formation_initiale_le: obligations.formation_initiale_le,
            formations_continues: obligations
                .formations_continues
                .iter()
                .map(|annee| i64::from(*annee))
                .collect(),
            pix_demande: obligations.pix_demande,
            pix_obtenu: obligations.pix_obtenu,
            ccp1_demande: obligations.ccp1_demande,
            ccp1_obtenu: obligations.ccp1_obtenu,
        },
    };
    send::<EnregistrerObligations>(variables).await.map(|_| ())
}

/// The structure requests the convention of its post (an avenant in substitution cases).
pub async fn demander_convention(candidature_id: &str) -> Result<(), ErreurApi> {
    let variables = demander_convention::Variables {
        id: candidature_id.to_owned(),
    };
    send::<DemanderConvention>(variables).await.map(|_| ())
}

/// What ANCT records on a convention.
#[derive(Debug, Clone, PartialEq)]
pub enum ActeAnct {
    /// The convention's signature, on that day.
    Signature(NaiveDate),
    /// An instalment paid on that day.
    Paiement(NaiveDate),
    /// An instalment held back (obligations not met), for that reason.
    Suspension(String),
    /// A suspended instalment resumed.
    Reprise,
    /// A paid instalment to be paid back (coordinator used for other missions), for that reason.
    Remboursement(String),
}

/// ANCT records a convention's signature (`id` is the convention's) or a move of an instalment (`id` is the
/// instalment's).
pub async fn enregistrer_acte(id: &str, acte: &ActeAnct) -> Result<(), ErreurApi> {
    let id = id.to_owned();
    match acte.clone() {
        ActeAnct::Signature(jour) => send::<SignerConvention>(signer_convention::Variables { id, jour })
            .await
            .map(|_| ()),
        ActeAnct::Paiement(jour) => send::<PayerVersement>(payer_versement::Variables { id, jour })
            .await
            .map(|_| ()),
        ActeAnct::Suspension(motif) => {
            send::<SuspendreVersement>(suspendre_versement::Variables { id, motif })
                .await
                .map(|_| ())
        }
        ActeAnct::Reprise => send::<ReprendreVersement>(reprendre_versement::Variables { id })
            .await
            .map(|_| ()),
        ActeAnct::Remboursement(motif) => {
            send::<ReclamerVersement>(reclamer_versement::Variables { id, motif })
                .await
                .map(|_| ())
        }
    }
}

/// The conventions requested and not signed yet (ANCT).
pub async fn conventions_a_signer() -> Result<Vec<Convention>, ErreurApi> {
    Ok(send::<ConventionsASigner>(conventions_a_signer::Variables)
        .await?
        .conventions_a_signer)
}

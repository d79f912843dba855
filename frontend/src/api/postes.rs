//! After the decision: the candidate pool (a candidate's own profile, the structures' search), the
//! recruitment of the coordinator, the coordinator role given to a conseiller, the coordinators'
//! obligations, and the convention with its payment.

use chrono::NaiveDate;
use maillage_shared::poste::{Obligations, StatutRecrutement, TypeActe};
use serde::Deserialize;
use serde_json::{Value, json};

use super::structures::CommuneDeStructure;
use super::{ErreurApi, requete};

/// The fields of `ProfilCandidat` every query asks for.
macro_rules! champs_profil {
    () => {
        "id prenom nom rayonKm disponibleLe experience diplomes pix ccp1 visible \
         commune { code nom departement { code nom } }"
    };
}
pub(crate) use champs_profil;

/// The fields of `Recrutement` the candidature page shows.
macro_rules! champs_recrutement {
    () => {
        concat!(
            "id statut libelleStatut contrat debut fin email candidat { ",
            champs_profil!(),
            " }"
        )
    };
}
pub(crate) use champs_recrutement;

/// The fields of `Coordinateur` the candidature page shows.
macro_rules! champs_coordinateur {
    () => {
        "id prenom nom mode enPosteDepuis partiLe tempsPlein formationInitialeLe formationsContinues \
         pixDemande pixObtenu ccp1Demande ccp1Obtenu manquements"
    };
}
pub(crate) use champs_coordinateur;

/// The fields of `Convention` every query asks for.
macro_rules! champs_convention {
    () => {
        "id candidatureId typeActe montantEuros demandeeLe signeeLe debutFinancement finFinancement \
         paiementPrevu moisDePaiement payeLe suspenduLe motifSuspension remboursementDemandeLe \
         motifRemboursement"
    };
}
pub(crate) use champs_convention;

/// A person of the candidate pool, as they see themself or as a structure sees them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfilCandidat {
    pub id: String,
    pub prenom: String,
    pub nom: String,
    pub rayon_km: i64,
    pub disponible_le: Option<NaiveDate>,
    pub experience: String,
    pub diplomes: String,
    pub pix: bool,
    pub ccp1: bool,
    /// Consent to be seen by structures with a validated candidature.
    pub visible: bool,
    /// Where they live.
    pub commune: Option<CommuneDeStructure>,
}

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

impl Profil {
    /// `ProfilCandidatEntree`.
    pub fn entree(&self) -> Value {
        json!({
            "communeCode": self.commune_code,
            "rayonKm": self.rayon_km,
            "disponibleLe": self.disponible_le.map(|jour| jour.to_string()),
            "experience": self.experience,
            "diplomes": self.diplomes,
            "pix": self.pix,
            "ccp1": self.ccp1,
            "visible": self.visible,
        })
    }
}

/// A candidate contacted for a post, and where the recruitment stands.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recrutement {
    pub id: String,
    pub statut: StatutRecrutement,
    pub libelle_statut: String,
    /// The contract type (`TypeContrat`), once recruited.
    pub contrat: Option<String>,
    pub debut: Option<NaiveDate>,
    pub fin: Option<NaiveDate>,
    pub candidat: ProfilCandidat,
    /// Given to the structure once it contacted the candidate.
    pub email: String,
}

/// A coordinator in post (or who left), with their obligations.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coordinateur {
    pub id: String,
    pub prenom: String,
    pub nom: String,
    /// `RECRUTEMENT`, or `ATTRIBUTION` when the role went to a conseiller already in post.
    pub mode: String,
    pub en_poste_depuis: NaiveDate,
    pub parti_le: Option<NaiveDate>,
    pub temps_plein: bool,
    pub formation_initiale_le: Option<NaiveDate>,
    pub formations_continues: Vec<i32>,
    pub pix_demande: bool,
    pub pix_obtenu: bool,
    pub ccp1_demande: bool,
    pub ccp1_obtenu: bool,
    /// What is missing of the obligations today, in French.
    pub manquements: Vec<String>,
}

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
            formations_continues: self.formations_continues.clone(),
            pix_demande: self.pix_demande,
            pix_obtenu: self.pix_obtenu,
            ccp1_demande: self.ccp1_demande,
            ccp1_obtenu: self.ccp1_obtenu,
        }
    }
}

/// The convention (or avenant) of a post and its payment.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Convention {
    pub id: String,
    pub candidature_id: String,
    pub type_acte: TypeActe,
    pub montant_euros: i64,
    pub demandee_le: NaiveDate,
    pub signee_le: Option<NaiveDate>,
    pub debut_financement: Option<NaiveDate>,
    pub fin_financement: Option<NaiveDate>,
    /// First day of the month of payment.
    pub paiement_prevu: Option<NaiveDate>,
    /// "mars 2024".
    pub mois_de_paiement: Option<String>,
    pub paye_le: Option<NaiveDate>,
    pub suspendu_le: Option<NaiveDate>,
    pub motif_suspension: Option<String>,
    pub remboursement_demande_le: Option<NaiveDate>,
    pub motif_remboursement: Option<String>,
}

/// A conseiller numérique of the caller's structure.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConseillerDeStructure {
    pub id: String,
    pub prenom: String,
    pub nom: String,
    pub contrat_debut: Option<NaiveDate>,
    pub contrat_fin: Option<NaiveDate>,
    pub fin_financement_initial: Option<NaiveDate>,
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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MonProfil {
    mon_profil_candidat: Option<ProfilCandidat>,
}

/// The caller's profile in the pool (role CANDIDAT); `None` once deleted.
pub async fn mon_profil() -> Result<Option<ProfilCandidat>, ErreurApi> {
    const QUERY: &str = concat!("{ monProfilCandidat { ", champs_profil!(), " } }");
    Ok(requete::<MonProfil>(QUERY, json!({})).await?.mon_profil_candidat)
}

/// Updates (or creates again) the caller's profile; `visible: false` withdraws it from searches.
pub async fn modifier_profil(profil: &Profil) -> Result<(), ErreurApi> {
    const QUERY: &str =
        "mutation($profil: ProfilCandidatEntree!) { modifierProfilCandidat(profil: $profil) }";
    requete::<Value>(QUERY, json!({ "profil": profil.entree() }))
        .await
        .map(|_| ())
}

/// Deletes the caller's profile and the contacts made with it.
pub async fn supprimer_profil() -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation { supprimerProfilCandidat }";
    requete::<Value>(QUERY, json!({})).await.map(|_| ())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Recherche {
    rechercher_candidats: Vec<ProfilCandidat>,
}

/// The candidates who consented to be seen, near the post of a validated candidature of the caller.
pub async fn rechercher_candidats(
    candidature_id: &str,
    filtre: &FiltreCandidats,
) -> Result<Vec<ProfilCandidat>, ErreurApi> {
    const QUERY: &str = concat!(
        "query($id: ID!, $filtre: FiltreCandidats!) { \
         rechercherCandidats(candidatureId: $id, filtre: $filtre, premiers: 50) { ",
        champs_profil!(),
        " } }"
    );
    let filtre = json!({
        "proximite": filtre.proximite.as_str(),
        "pix": filtre.pix,
        "ccp1": filtre.ccp1,
        "disponibleAvant": filtre.disponible_avant.map(|jour| jour.to_string()),
    });
    Ok(
        requete::<Recherche>(QUERY, json!({ "id": candidature_id, "filtre": filtre }))
            .await?
            .rechercher_candidats,
    )
}

/// The structure contacts a candidate for its validated post.
pub async fn contacter(candidature_id: &str, profil_id: &str) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($id: ID!, $profil: ID!) { contacterCandidat(candidatureId: $id, profilId: $profil) { id } }";
    requete::<Value>(QUERY, json!({ "id": candidature_id, "profil": profil_id }))
        .await
        .map(|_| ())
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
    const QUERY: &str = "mutation($id: ID!, $statut: StatutRecrutement!, $contrat: String, $debut: NaiveDate, \
        $fin: NaiveDate) { changerStatutRecrutement(recrutementId: $id, statut: $statut, contrat: $contrat, \
        debut: $debut, fin: $fin) { id } }";
    let variables = json!({
        "id": recrutement_id,
        "statut": statut.as_str(),
        "contrat": contrat.type_contrat,
        "debut": contrat.debut.map(|jour| jour.to_string()),
        "fin": contrat.fin.map(|jour| jour.to_string()),
    });
    requete::<Value>(QUERY, variables).await.map(|_| ())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MesConseillers {
    mes_conseillers: Vec<ConseillerDeStructure>,
}

/// The conseillers numériques employed by the caller's structure.
pub async fn mes_conseillers() -> Result<Vec<ConseillerDeStructure>, ErreurApi> {
    const QUERY: &str = "{ mesConseillers { id prenom nom contratDebut contratFin finFinancementInitial } }";
    Ok(requete::<MesConseillers>(QUERY, json!({})).await?.mes_conseillers)
}

/// Gives the coordinator role to one of the structure's conseillers, within the quota.
pub async fn attribuer_role(candidature_id: &str, conseiller_id: &str) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($id: ID!, $conseiller: ID!) { \
        attribuerRoleCoordinateur(candidatureId: $id, conseillerId: $conseiller) { id } }";
    requete::<Value>(
        QUERY,
        json!({ "id": candidature_id, "conseiller": conseiller_id }),
    )
    .await
    .map(|_| ())
}

/// Records a coordinator's obligations.
pub async fn enregistrer_obligations(
    coordinateur_id: &str,
    obligations: &Obligations,
) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($id: ID!, $obligations: ObligationsEntree!) { \
        enregistrerObligations(coordinateurId: $id, obligations: $obligations) { id } }";
    let obligations = json!({
        "tempsPlein": obligations.temps_plein,
        "formationInitialeLe": obligations.formation_initiale_le.map(|jour| jour.to_string()),
        "formationsContinues": obligations.formations_continues,
        "pixDemande": obligations.pix_demande,
        "pixObtenu": obligations.pix_obtenu,
        "ccp1Demande": obligations.ccp1_demande,
        "ccp1Obtenu": obligations.ccp1_obtenu,
    });
    requete::<Value>(
        QUERY,
        json!({ "id": coordinateur_id, "obligations": obligations }),
    )
    .await
    .map(|_| ())
}

/// The structure requests the convention of its post (an avenant in substitution cases).
pub async fn demander_convention(candidature_id: &str) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($id: ID!) { demanderConvention(candidatureId: $id) { id } }";
    requete::<Value>(QUERY, json!({ "id": candidature_id }))
        .await
        .map(|_| ())
}

/// What ANCT records on a convention.
#[derive(Debug, Clone, PartialEq)]
pub enum ActeAnct {
    /// The signature, on that day.
    Signature(NaiveDate),
    /// The payment of the whole subsidy, on that day.
    Paiement(NaiveDate),
    /// The payment is suspended (obligations not met), for that reason.
    Suspension(String),
    /// The subsidy is to be paid back (coordinator used for other missions), for that reason.
    Remboursement(String),
}

/// ANCT records a signature, a payment, a suspension or a reimbursement request.
pub async fn enregistrer_acte(convention_id: &str, acte: &ActeAnct) -> Result<(), ErreurApi> {
    const SIGNATURE: &str = "mutation($id: ID!, $jour: NaiveDate!) { signerConvention(conventionId: $id, signeeLe: $jour) { id } }";
    const PAIEMENT: &str = "mutation($id: ID!, $jour: NaiveDate!) { enregistrerPaiement(conventionId: $id, payeLe: $jour) { id } }";
    const SUSPENSION: &str =
        "mutation($id: ID!, $motif: String!) { suspendrePaiement(conventionId: $id, motif: $motif) { id } }";
    const REMBOURSEMENT: &str = "mutation($id: ID!, $motif: String!) { demanderRemboursement(conventionId: $id, motif: $motif) { id } }";
    let (query, variables) = match acte {
        ActeAnct::Signature(jour) => (
            SIGNATURE,
            json!({ "id": convention_id, "jour": jour.to_string() }),
        ),
        ActeAnct::Paiement(jour) => (PAIEMENT, json!({ "id": convention_id, "jour": jour.to_string() })),
        ActeAnct::Suspension(motif) => (SUSPENSION, json!({ "id": convention_id, "motif": motif })),
        ActeAnct::Remboursement(motif) => (REMBOURSEMENT, json!({ "id": convention_id, "motif": motif })),
    };
    requete::<Value>(query, variables).await.map(|_| ())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ASigner {
    conventions_a_signer: Vec<Convention>,
}

/// The conventions requested and not signed yet (ANCT).
pub async fn conventions_a_signer() -> Result<Vec<Convention>, ErreurApi> {
    const QUERY: &str = concat!("{ conventionsASigner { ", champs_convention!(), " } }");
    Ok(requete::<ASigner>(QUERY, json!({})).await?.conventions_a_signer)
}

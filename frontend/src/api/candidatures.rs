//! The candidature workflow: the open call, the lists, one candidature, and every move of its life
//! (draft, consultations, filing, avis, decision), with what follows a validation (quota, recruitments,
//! coordinators, convention).

use chrono::NaiveDate;
use maillage_shared::candidature::{CasDeFigure, Formulaire, ReponseConsultation, StatutCandidature};
use maillage_shared::role::Role;
use maillage_shared::subvention::TypeContrat;
use serde::Deserialize;
use serde_json::{Value, json};

use super::postes::{
    Convention, Coordinateur, Recrutement, champs_convention, champs_coordinateur, champs_profil,
    champs_recrutement,
};
use super::structures::{Structure, champs_structure};
use super::territoires::Lien;
use super::{ErreurApi, requete};

/// Everything the candidature page shows; every mutation that returns a candidature asks for the same, so
/// the page can replace what it holds with the answer.
macro_rules! champs_candidature {
    () => {
        concat!(
            "id statut cas contrat diagnostic partenaires articulationGouvernance missionsMaillage \
             missionsRelais missionsCollaborations candidatIdentifie datePrisePoste \
             montantSubventionEuros dureeSubventionMois deposeLe echeanceDecision joursAvantDecision \
             decisionEnRetard champsManquants \
             appel { id nom ouverture cloture } \
             structure { ",
            champs_structure!(),
            " } \
             departement { code nom } perimetreEpcis { code nom } perimetreDepartement { code nom } \
             avis { favorable commentaire le } decision { validee motif le echeanceRecrutement } \
             historique { deStatut versStatut role commentaire horodatage } \
             consultations { id consulteeLe reponse commentaire structure { id nom } } \
             structuresAConsulter { structure { ",
            champs_structure!(),
            " } consultation { id consulteeLe reponse commentaire structure { id nom } } } \
             chevauchements { candidatureId structure statut epcisCommuns } \
             postesValides postesOccupes recrutementEnRetard \
             coordinateurs { ",
            champs_coordinateur!(),
            " } recrutements { ",
            champs_recrutement!(),
            " } convention { ",
            champs_convention!(),
            " }"
        )
    };
}

/// A call for applications.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Appel {
    pub id: String,
    pub nom: String,
    pub ouverture: NaiveDate,
    pub cloture: NaiveDate,
}

/// The préfecture's avis (never sent to the structure).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Avis {
    pub favorable: bool,
    pub commentaire: String,
    /// RFC 3339.
    pub le: Option<String>,
}

/// ANCT's decision.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    pub validee: bool,
    pub motif: String,
    pub le: Option<NaiveDate>,
    pub echeance_recrutement: Option<NaiveDate>,
}

/// One state change of a candidature.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evenement {
    pub de_statut: Option<StatutCandidature>,
    pub vers_statut: StatutCandidature,
    pub role: Role,
    pub commentaire: Option<String>,
    /// RFC 3339.
    pub horodatage: String,
}

/// A structure named in a consultation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StructureNommee {
    pub id: String,
    pub nom: String,
}

/// A recorded consultation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Consultation {
    pub id: String,
    pub consultee_le: NaiveDate,
    pub reponse: ReponseConsultation,
    pub commentaire: String,
    pub structure: StructureNommee,
}

/// An employer of conseillers numériques of the perimeter, and its consultation if recorded.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StructureAConsulter {
    pub structure: Structure,
    pub consultation: Option<Consultation>,
}

/// Another filed candidature on the same territory.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Chevauchement {
    pub candidature_id: String,
    pub structure: String,
    pub statut: StatutCandidature,
    pub epcis_communs: Vec<String>,
}

/// A candidature, as the candidature page shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidature {
    pub id: String,
    pub statut: StatutCandidature,
    pub cas: Option<CasDeFigure>,
    pub contrat: Option<TypeContrat>,
    pub diagnostic: String,
    pub partenaires: String,
    pub articulation_gouvernance: String,
    pub missions_maillage: String,
    pub missions_relais: String,
    pub missions_collaborations: String,
    pub candidat_identifie: Option<bool>,
    pub date_prise_poste: Option<NaiveDate>,
    pub montant_subvention_euros: Option<i64>,
    pub duree_subvention_mois: Option<i64>,
    pub depose_le: Option<NaiveDate>,
    pub echeance_decision: Option<NaiveDate>,
    pub jours_avant_decision: Option<i64>,
    pub decision_en_retard: bool,
    pub champs_manquants: Vec<String>,
    pub appel: Option<Appel>,
    pub structure: Structure,
    pub departement: Option<Lien>,
    pub perimetre_epcis: Vec<Lien>,
    pub perimetre_departement: Option<Lien>,
    pub avis: Option<Avis>,
    pub decision: Option<Decision>,
    pub historique: Vec<Evenement>,
    pub consultations: Vec<Consultation>,
    pub structures_a_consulter: Vec<StructureAConsulter>,
    pub chevauchements: Vec<Chevauchement>,
    /// Coordinator posts validated by ANCT (the recruitment quota).
    pub postes_valides: i64,
    /// Coordinators in post and candidates recruited.
    pub postes_occupes: i64,
    /// No coordinator in post six months after the notification.
    pub recrutement_en_retard: bool,
    pub coordinateurs: Vec<Coordinateur>,
    /// The candidates contacted (the structure and ANCT only).
    pub recrutements: Vec<Recrutement>,
    /// The convention or avenant of the post, once requested.
    pub convention: Option<Convention>,
}

/// The structure of a line of a candidature list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StructureDeLigne {
    pub nom: String,
}

/// A line of a candidature list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LigneCandidature {
    pub id: String,
    pub statut: StatutCandidature,
    pub cas: Option<CasDeFigure>,
    pub depose_le: Option<NaiveDate>,
    pub echeance_decision: Option<NaiveDate>,
    pub decision_en_retard: bool,
    /// No coordinator in post six months after the notification.
    pub recrutement_en_retard: bool,
    pub montant_subvention_euros: Option<i64>,
    pub duree_subvention_mois: Option<i64>,
    pub appel: Option<Appel>,
    pub structure: StructureDeLigne,
    pub departement: Option<Lien>,
}

/// A page of a candidature list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PageCandidatures {
    /// How many match the filters in all.
    pub total: i64,
    pub elements: Vec<LigneCandidature>,
}

/// The filters of the agents' list (`FiltreCandidatures`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filtre {
    pub statut: Option<StatutCandidature>,
    pub region: Option<String>,
    pub departement: Option<String>,
    pub cas: Option<CasDeFigure>,
    pub en_retard: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AppelEnCours {
    appel_en_cours: Option<Appel>,
}

/// The call open today, if any.
pub async fn appel_en_cours() -> Result<Option<Appel>, ErreurApi> {
    const QUERY: &str = "{ appelEnCours { id nom ouverture cloture } }";
    Ok(requete::<AppelEnCours>(QUERY, json!({})).await?.appel_en_cours)
}

#[derive(Deserialize)]
struct Liste {
    candidatures: PageCandidatures,
}

/// The candidatures the caller may read, newest first.
pub async fn lister(filtre: &Filtre, premiers: i64, decalage: i64) -> Result<PageCandidatures, ErreurApi> {
    const QUERY: &str = "query($filtre: FiltreCandidatures, $premiers: Int!, $decalage: Int!) { \
        candidatures(filtre: $filtre, premiers: $premiers, decalage: $decalage) { total elements { \
        id statut cas deposeLe echeanceDecision decisionEnRetard recrutementEnRetard montantSubventionEuros \
        dureeSubventionMois \
        appel { id nom ouverture cloture } structure { nom } departement { code nom } } } }";
    let filtre = json!({
        "statut": filtre.statut.map(StatutCandidature::as_str),
        "region": filtre.region,
        "departement": filtre.departement,
        "cas": filtre.cas.map(CasDeFigure::as_str),
        "enRetard": filtre.en_retard,
    });
    let variables = json!({ "filtre": filtre, "premiers": premiers, "decalage": decalage });
    Ok(requete::<Liste>(QUERY, variables).await?.candidatures)
}

#[derive(Deserialize)]
struct UneCandidature {
    candidature: Candidature,
}

/// One candidature, if the caller may read it.
pub async fn candidature(id: &str) -> Result<Candidature, ErreurApi> {
    const QUERY: &str = concat!(
        "query($id: ID!) { candidature(id: $id) { ",
        champs_candidature!(),
        " } }"
    );
    Ok(requete::<UneCandidature>(QUERY, json!({ "id": id }))
        .await?
        .candidature)
}

#[derive(Deserialize)]
struct Identifiant {
    id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Creation {
    creer_candidature: Identifiant,
}

/// Starts the structure's draft for the open call; returns its id.
pub async fn creer() -> Result<String, ErreurApi> {
    const QUERY: &str = "mutation { creerCandidature { id } }";
    Ok(requete::<Creation>(QUERY, json!({})).await?.creer_candidature.id)
}

/// `FormulaireCandidatureEntree` of the shared form.
fn entree(formulaire: &Formulaire) -> Value {
    json!({
        "cas": formulaire.cas.map(CasDeFigure::as_str),
        "contrat": formulaire.contrat.map(TypeContrat::as_str),
        "perimetreEpcis": formulaire.perimetre_epcis,
        "perimetreDepartement": formulaire.perimetre_departement,
        "diagnostic": formulaire.diagnostic,
        "partenaires": formulaire.partenaires,
        "articulationGouvernance": formulaire.articulation_gouvernance,
        "missionsMaillage": formulaire.missions_maillage,
        "missionsRelais": formulaire.missions_relais,
        "missionsCollaborations": formulaire.missions_collaborations,
        "candidatIdentifie": formulaire.candidat_identifie,
        "datePrisePoste": formulaire.date_prise_poste.map(|date| date.to_string()),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Modification {
    modifier_candidature: Candidature,
}

/// Saves the whole form of the draft.
pub async fn modifier(id: &str, formulaire: &Formulaire) -> Result<Candidature, ErreurApi> {
    const QUERY: &str = concat!(
        "mutation($id: ID!, $formulaire: FormulaireCandidatureEntree!) { \
         modifierCandidature(id: $id, formulaire: $formulaire) { ",
        champs_candidature!(),
        " } }"
    );
    let variables = json!({ "id": id, "formulaire": entree(formulaire) });
    Ok(requete::<Modification>(QUERY, variables)
        .await?
        .modifier_candidature)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Enregistrement {
    enregistrer_consultation: Consultation,
}

/// Records the consultation of an employer of conseillers numériques of the perimeter.
pub async fn enregistrer_consultation(
    candidature_id: &str,
    structure_id: &str,
    consultee_le: NaiveDate,
    reponse: ReponseConsultation,
    commentaire: &str,
) -> Result<Consultation, ErreurApi> {
    const QUERY: &str = "mutation($candidatureId: ID!, $structureId: ID!, $consulteeLe: NaiveDate!, \
        $reponse: ReponseConsultation!, $commentaire: String!) { enregistrerConsultation(\
        candidatureId: $candidatureId, structureId: $structureId, consulteeLe: $consulteeLe, \
        reponse: $reponse, commentaire: $commentaire) { id consulteeLe reponse commentaire structure { id nom } } }";
    let variables = json!({
        "candidatureId": candidature_id,
        "structureId": structure_id,
        "consulteeLe": consultee_le.to_string(),
        "reponse": reponse.as_str(),
        "commentaire": commentaire,
    });
    Ok(requete::<Enregistrement>(QUERY, variables)
        .await?
        .enregistrer_consultation)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Depot {
    deposer_candidature: Candidature,
}

/// Files the draft.
pub async fn deposer(id: &str) -> Result<Candidature, ErreurApi> {
    const QUERY: &str = concat!(
        "mutation($id: ID!) { deposerCandidature(id: $id) { ",
        champs_candidature!(),
        " } }"
    );
    Ok(requete::<Depot>(QUERY, json!({ "id": id }))
        .await?
        .deposer_candidature)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AvisDonne {
    donner_avis: Candidature,
}

/// The préfecture gives its avis, with a comment of 10 to 1000 characters.
pub async fn donner_avis(id: &str, favorable: bool, commentaire: &str) -> Result<Candidature, ErreurApi> {
    const QUERY: &str = concat!(
        "mutation($id: ID!, $favorable: Boolean!, $commentaire: String!) { \
         donnerAvis(candidatureId: $id, favorable: $favorable, commentaire: $commentaire) { ",
        champs_candidature!(),
        " } }"
    );
    let variables = json!({ "id": id, "favorable": favorable, "commentaire": commentaire });
    Ok(requete::<AvisDonne>(QUERY, variables).await?.donner_avis)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Decidee {
    decider_candidature: Candidature,
}

/// ANCT validates or refuses, with its reason of 10 to 1000 characters.
pub async fn decider(id: &str, validee: bool, motif: &str) -> Result<Candidature, ErreurApi> {
    const QUERY: &str = concat!(
        "mutation($id: ID!, $decision: DecisionAnct!, $motif: String!) { \
         deciderCandidature(candidatureId: $id, decision: $decision, motif: $motif) { ",
        champs_candidature!(),
        " } }"
    );
    let decision = if validee { "VALIDEE" } else { "REFUSEE" };
    let variables = json!({ "id": id, "decision": decision, "motif": motif });
    Ok(requete::<Decidee>(QUERY, variables).await?.decider_candidature)
}

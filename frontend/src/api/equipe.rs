//! The coordinator's team: its members, the médiateurs it invites and the team's history; the invitation as
//! its link shows it; the médiateur's own teams.

use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::equipe::{OrigineMembre, StatutInvitation};
use serde::Deserialize;
use serde_json::json;

use super::{ErreurApi, requete};

/// A member of the coordinator's team: a conseiller numérique of the perimeter or an invited médiateur.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MembreEquipe {
    pub origine: OrigineMembre,
    pub prenom: String,
    pub nom: String,
    /// INSEE code of the commune where they work, if known.
    pub commune_code: Option<String>,
    /// The structure that employs them.
    pub structure: String,
    pub contrat_debut: Option<NaiveDate>,
    pub contrat_fin: Option<NaiveDate>,
    /// Start of contract, or acceptance of the invitation.
    pub arrive_le: Option<NaiveDate>,
    /// Their latest accompaniment, `None` when they never recorded one.
    pub derniere_activite: Option<NaiveDate>,
    /// A conseiller's training (none for a médiateur).
    pub formation: Option<FormationDuMembre>,
}

/// What the team table shows of a conseiller's training.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormationDuMembre {
    /// The continuing-training module of this year was followed.
    pub module_de_l_annee: bool,
    /// "Certifié CCP1 · PIX · module 2026 suivi".
    pub resume: String,
}

/// An invitation of a médiateur, as its coordinator follows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationMediateur {
    pub id: String,
    pub email: String,
    pub prenom: String,
    pub nom: String,
    pub structure: String,
    pub statut: StatutInvitation,
    pub expiree: bool,
    pub envois: i32,
    pub envoyee_le: DateTime<Utc>,
    pub parti_le: Option<NaiveDate>,
    pub motif_depart: String,
}

/// Someone joining or leaving the team.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MouvementEquipe {
    pub date: NaiveDate,
    pub personne: String,
    pub origine: OrigineMembre,
    pub arrivee: bool,
    pub motif: String,
}

/// The invitations and the history, for the team page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuiviEquipe {
    pub mes_invitations: Vec<InvitationMediateur>,
    pub historique_equipe: Vec<MouvementEquipe>,
}

/// The calling coordinator's invitations and its team's history.
pub async fn suivi() -> Result<SuiviEquipe, ErreurApi> {
    const QUERY: &str = "{ mesInvitations { id email prenom nom structure statut expiree envois envoyeeLe partiLe \
        motifDepart } historiqueEquipe { date personne origine arrivee motif } }";
    requete(QUERY, json!({})).await
}

/// A médiateur to invite.
#[derive(Debug, Clone, PartialEq)]
pub struct NouvelleInvitation {
    pub email: String,
    pub prenom: String,
    pub nom: String,
    pub structure: String,
    pub commune_code: Option<String>,
}

/// Invites a médiateur into the calling coordinator's team.
pub async fn inviter(nouvelle: &NouvelleInvitation) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($i: InvitationEntree!) { inviterMediateur(invitation: $i) { id } }";
    let entree = json!({
        "email": nouvelle.email,
        "prenom": nouvelle.prenom,
        "nom": nouvelle.nom,
        "structure": nouvelle.structure,
        "communeCode": nouvelle.commune_code,
    });
    requete::<serde_json::Value>(QUERY, json!({ "i": entree }))
        .await
        .map(|_| ())
}

/// Sends an invitation again, with a new link.
pub async fn renvoyer(id: &str) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($id: ID!) { renvoyerInvitation(id: $id) { id } }";
    requete::<serde_json::Value>(QUERY, json!({ "id": id }))
        .await
        .map(|_| ())
}

/// Takes a médiateur off the team.
pub async fn retirer(id: &str, motif: &str) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($id: ID!, $m: String!) { retirerDeLEquipe(id: $id, motif: $m) { id } }";
    requete::<serde_json::Value>(QUERY, json!({ "id": id, "m": motif }))
        .await
        .map(|_| ())
}

/// An invitation as its link shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationRecue {
    pub prenom: String,
    pub nom: String,
    pub email: String,
    pub statut: StatutInvitation,
    pub expiree: bool,
    pub coordinateur: String,
    pub porteuse: String,
    pub departement_code: String,
    pub compte_existant: bool,
}

#[derive(Deserialize)]
struct Lue {
    invitation: InvitationRecue,
}

/// Reads the invitation of a link.
pub async fn lire(jeton: &str) -> Result<InvitationRecue, ErreurApi> {
    const QUERY: &str = "query($j: String!) { invitation(jeton: $j) { prenom nom email statut expiree \
        coordinateur porteuse departementCode compteExistant } }";
    Ok(requete::<Lue>(QUERY, json!({ "j": jeton })).await?.invitation)
}

/// Declines the invitation of a link.
pub async fn refuser(jeton: &str) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($j: String!) { refuserInvitation(jeton: $j) }";
    requete::<serde_json::Value>(QUERY, json!({ "j": jeton }))
        .await
        .map(|_| ())
}

/// A team of the calling médiateur.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EquipeDuMediateur {
    pub id: String,
    pub coordinateur: String,
    pub porteuse: String,
    pub departement_code: String,
    pub statut: StatutInvitation,
    pub arrive_le: Option<NaiveDate>,
    pub parti_le: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MesEquipes {
    mes_equipes: Vec<EquipeDuMediateur>,
}

/// The calling médiateur's teams.
pub async fn mes_equipes() -> Result<Vec<EquipeDuMediateur>, ErreurApi> {
    const QUERY: &str = "{ mesEquipes { id coordinateur porteuse departementCode statut arriveLe partiLe } }";
    Ok(requete::<MesEquipes>(QUERY, json!({})).await?.mes_equipes)
}

/// The calling médiateur leaves a team.
pub async fn quitter(id: &str, motif: &str) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($id: ID!, $m: String!) { quitterLEquipe(id: $id, motif: $m) }";
    requete::<serde_json::Value>(QUERY, json!({ "id": id, "m": motif }))
        .await
        .map(|_| ())
}

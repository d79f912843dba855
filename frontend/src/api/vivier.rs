//! The contacted person's side of the candidate pool: the structures that contacted her, and her answer.

use maillage_shared::poste::StatutRecrutement;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ErreurApi, requete};

/// A structure's contact as the person contacted sees it (`ContactRecu`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactRecu {
    pub id: String,
    pub statut: StatutRecrutement,
    pub libelle_statut: String,
    pub structure: String,
    /// RFC 3339.
    pub le: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MesContacts {
    mes_contacts: Vec<ContactRecu>,
}

/// The structures that contacted the caller, newest first.
pub async fn mes_contacts() -> Result<Vec<ContactRecu>, ErreurApi> {
    const QUERY: &str = "{ mesContacts { id statut libelleStatut structure le } }";
    Ok(requete::<MesContacts>(QUERY, json!({})).await?.mes_contacts)
}

/// The contacted person accepts or declines a contact.
pub async fn repondre_au_contact(recrutement_id: &str, accepte: bool) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($id: ID!, $accepte: Boolean!) { repondreAUnContact(recrutementId: $id, accepte: $accepte) { id } }";
    requete::<Value>(QUERY, json!({ "id": recrutement_id, "accepte": accepte }))
        .await
        .map(|_| ())
}

//! The contacted person's side of the candidate pool: the structures that contacted her, and her answer.

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(MesContacts, "graphql/candidature.graphql");
operation!(RepondreAUnContact, "graphql/candidature.graphql");

/// A structure's contact as the person contacted sees it (`ContactRecu`).
pub type ContactRecu = mes_contacts::MesContactsMesContacts;

/// The structures that contacted the caller, newest first.
pub async fn mes_contacts() -> Result<Vec<ContactRecu>, ErreurApi> {
    Ok(send::<MesContacts>(mes_contacts::Variables).await?.mes_contacts)
}

/// The contacted person accepts or declines a contact.
pub async fn repondre_au_contact(recrutement_id: &str, accepte: bool) -> Result<(), ErreurApi> {
    let variables = repondre_a_un_contact::Variables {
        id: recrutement_id.to_owned(),
        accepte,
    };
    send::<RepondreAUnContact>(variables).await.map(|_| ())
}

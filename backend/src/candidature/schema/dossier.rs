//! The documents and messages of a candidature, as GraphQL objects. They are reached through a candidature
//! the caller may read (`acces::lire`), never on their own.

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, Utc};
use maillage_shared::candidature::pieces::{FormatDePiece, NaturePiece};
use maillage_shared::role::Role;

use crate::candidature::entity::{message_candidature, piece_jointe};
use crate::candidature::loaders::{CandidatureLoader, UtilisateurParId};
use crate::error::GraphqlResult;
use crate::graphql::regles::autorise;

/// A document of a candidature.
#[derive(SimpleObject, Clone)]
pub struct PieceJointe {
    pub id: ID,
    pub nature: NaturePiece,
    pub libelle_nature: &'static str,
    /// The file's name, with the extension of its real format.
    pub nom: String,
    /// Read from the content when it was attached.
    pub format: FormatDePiece,
    /// In bytes.
    pub taille: i64,
    /// SHA-256 of the content, in hexadecimal: what was attached is what is downloaded.
    pub empreinte: String,
    /// Who attached it: the structure, the préfecture or ANCT.
    pub role_deposant: Role,
    pub deposee_le: DateTime<Utc>,
    /// The message it came with; none for the documents of the dossier as filed.
    pub message_id: Option<ID>,
    /// Where the people who read the candidature download it (their session is asked again there).
    pub url: String,
}

impl From<piece_jointe::Model> for PieceJointe {
    fn from(row: piece_jointe::Model) -> Self {
        let nature = NaturePiece::parse(&row.nature).unwrap_or(NaturePiece::Autre);
        Self {
            id: ID(row.id.to_string()),
            nature,
            libelle_nature: nature.libelle(),
            nom: row.nom,
            format: FormatDePiece::parse(&row.format).unwrap_or(FormatDePiece::Pdf),
            taille: row.taille,
            empreinte: row.empreinte,
            role_deposant: Role::parse(&row.role_deposant).unwrap_or(Role::Structure),
            deposee_le: row.deposee_le,
            message_id: row.message_id.map(|id| ID(id.to_string())),
            url: format!("/candidatures/{}/pieces/{}", row.candidature_id, row.id),
        }
    }
}

/// A message written on a candidature.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct MessageCandidature {
    pub id: ID,
    /// The author's role: the structure, the préfecture or ANCT.
    pub role: Role,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub texte: String,
    pub envoye_le: DateTime<Utc>,
    /// The documents sent with it.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub pieces: Vec<PieceJointe>,
    #[graphql(skip)]
    pub auteur_id: Option<i64>,
}

impl MessageCandidature {
    /// The message with its documents, taken from all the candidature's.
    pub fn new(row: message_candidature::Model, pieces: &[piece_jointe::Model]) -> Self {
        Self {
            id: ID(row.id.to_string()),
            role: Role::parse(&row.role_auteur).unwrap_or(Role::Structure),
            texte: row.texte,
            envoye_le: row.envoye_le,
            pieces: pieces
                .iter()
                .filter(|piece| piece.message_id == Some(row.id))
                .cloned()
                .map(PieceJointe::from)
                .collect(),
            auteur_id: row.auteur_id,
        }
    }
}

#[ComplexObject]
impl MessageCandidature {
    /// The author's first name and name; none once the account is deleted.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn auteur(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let Some(id) = self.auteur_id else {
            return Ok(None);
        };
        let loader = ctx.data::<async_graphql::dataloader::DataLoader<
            CandidatureLoader,
            async_graphql::dataloader::HashMapCache,
        >>()?;
        Ok(loader
            .load_one(UtilisateurParId(id))
            .await
            .graphql()?
            .map(|personne| format!("{} {}", personne.prenom, personne.nom)))
    }
}

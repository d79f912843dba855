//! Structures porteuses: the caller's own, and the shape shared with candidatures and consultations.

use maillage_shared::structure::CategorieStructure;
use serde::Deserialize;
use serde_json::json;

use super::{ErreurApi, requete};

/// The fields of `Structure` every query asks for.
macro_rules! champs_structure {
    () => {
        "id siret nom categorie statutPublic departementCode conseillersNumeriques libelleCategorie \
         commune { code nom departement { code nom } } eligibilite { eligible motif }"
    };
}
pub(crate) use champs_structure;

/// The commune of a structure's head office.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CommuneDeStructure {
    pub code: String,
    pub nom: String,
    pub departement: super::territoires::Lien,
}

/// Whether a structure may host a coordinator post, and why not.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Eligibilite {
    pub eligible: bool,
    pub motif: Option<String>,
}

/// A structure porteuse or employer of conseillers numériques.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Structure {
    pub id: String,
    pub siret: String,
    pub nom: String,
    /// `None` when it fits none of the ten categories of the call.
    pub categorie: Option<CategorieStructure>,
    pub statut_public: bool,
    pub departement_code: String,
    pub conseillers_numeriques: i64,
    pub libelle_categorie: String,
    pub commune: Option<CommuneDeStructure>,
    pub eligibilite: Eligibilite,
}

impl Structure {
    /// "Brest (Finistère, 29)", or the bare code when the commune is unknown.
    pub fn lieu(&self) -> String {
        match &self.commune {
            Some(commune) => format!(
                "{} ({}, {})",
                commune.nom, commune.departement.nom, commune.departement.code
            ),
            None => format!("département {}", self.departement_code),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MaStructure {
    ma_structure: Structure,
}

/// The structure the caller acts for (role STRUCTURE).
pub async fn ma_structure() -> Result<Structure, ErreurApi> {
    const QUERY: &str = concat!("{ maStructure { ", champs_structure!(), " } }");
    Ok(requete::<MaStructure>(QUERY, json!({})).await?.ma_structure)
}

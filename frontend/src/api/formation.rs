//! A conseiller's training, as it declares it.

use chrono::NaiveDate;
use maillage_shared::formation::{EtapeCcp1, Formation};
use serde::Deserialize;
use serde_json::json;

use super::{ErreurApi, requete};

/// A conseiller's training with what the server derives from it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormationConseiller {
    pub ccp1: EtapeCcp1,
    pub ccp1_le: Option<NaiveDate>,
    pub pix: bool,
    pub pix_le: Option<NaiveDate>,
    pub module_continu: String,
    pub module_continu_le: Option<NaiveDate>,
    pub module_de_l_annee: bool,
    pub resume: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MaFormation {
    ma_formation: FormationConseiller,
}

/// The caller's training.
pub async fn ma_formation() -> Result<FormationConseiller, ErreurApi> {
    const QUERY: &str = "{ maFormation { ccp1 ccp1Le pix pixLe moduleContinu moduleContinuLe moduleDeLAnnee \
        resume } }";
    Ok(requete::<MaFormation>(QUERY, json!({})).await?.ma_formation)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Enregistree {
    enregistrer_ma_formation: FormationConseiller,
}

/// Declares the caller's training.
pub async fn enregistrer(formation: &Formation) -> Result<FormationConseiller, ErreurApi> {
    const QUERY: &str = "mutation($f: FormationEntree!) { enregistrerMaFormation(formation: $f) { ccp1 ccp1Le \
        pix pixLe moduleContinu moduleContinuLe moduleDeLAnnee resume } }";
    let entree = json!({
        "ccp1": formation.ccp1,
        "ccp1Le": formation.ccp1_le,
        "pix": formation.pix,
        "pixLe": formation.pix_le,
        "moduleContinu": formation.module_continu,
        "moduleContinuLe": formation.module_continu_le,
    });
    Ok(requete::<Enregistree>(QUERY, json!({ "f": entree }))
        .await?
        .enregistrer_ma_formation)
}

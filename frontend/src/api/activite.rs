//! Activity reports: a conseiller records an accompaniment; a coordinator reads the team, its yearly
//! totals, reminds those who recorded nothing this month, and shows or hides itself on the public map.

use chrono::NaiveDate;
use maillage_shared::activite::{Canal, TypeAccompagnement};
use serde::Deserialize;
use serde_json::json;

use super::{ErreurApi, requete};

/// An accompaniment to record, as the conseiller filled it in.
#[derive(Debug, Clone, PartialEq)]
pub struct Accompagnement {
    pub date: NaiveDate,
    pub type_accompagnement: TypeAccompagnement,
    pub canal: Canal,
    /// Among `maillage_shared::activite::THEMES`.
    pub themes: Vec<String>,
    pub duree_minutes: i32,
    pub participants: i32,
    /// INSEE code, when known.
    pub commune_code: Option<String>,
}

/// Records an accompaniment of the calling conseiller.
pub async fn enregistrer(accompagnement: &Accompagnement) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($a: AccompagnementEntree!) { enregistrerActivite(accompagnement: $a) }";
    let entree = json!({
        "date": accompagnement.date.to_string(),
        "typeAccompagnement": accompagnement.type_accompagnement.as_str(),
        "canal": accompagnement.canal.as_str(),
        "themes": accompagnement.themes,
        "dureeMinutes": accompagnement.duree_minutes,
        "participants": accompagnement.participants,
        "communeCode": accompagnement.commune_code,
    });
    requete::<serde_json::Value>(QUERY, json!({ "a": entree }))
        .await
        .map(|_| ())
}

/// The totals of one group of accompaniments (a month, a theme…).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TotalActivite {
    /// What is counted: a month number 1 to 12, a theme, an INSEE code, a conseiller id.
    pub cle: String,
    pub accompagnements: i32,
    pub participants: i32,
    pub minutes: i32,
}

/// The team's activity of a year.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgregatsEquipe {
    pub annee: i32,
    pub par_mois: Vec<TotalActivite>,
    pub par_theme: Vec<TotalActivite>,
    /// Share of the team with at least one accompaniment this month, 0 to 1.
    pub taux_completion_mois: f64,
}

/// What the coordination page shows: the team and its year.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coordination {
    pub mon_equipe: Vec<super::equipe::MembreEquipe>,
    pub activite_equipe: AgregatsEquipe,
}

/// The calling coordinator's team and its activity this year, in one request.
pub async fn coordination() -> Result<Coordination, ErreurApi> {
    const QUERY: &str = "{ monEquipe { origine prenom nom communeCode structure contratDebut contratFin arriveLe \
        derniereActivite formation { moduleDeLAnnee resume } } \
        activiteEquipe { annee tauxCompletionMois \
        parMois { cle accompagnements participants minutes } \
        parTheme { cle accompagnements participants minutes } } }";
    requete(QUERY, json!({})).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Relances {
    relancer_equipe: i32,
}

/// Reminds the team members with no accompaniment this month; returns how many were.
pub async fn relancer_equipe() -> Result<i32, ErreurApi> {
    const QUERY: &str = "mutation { relancerEquipe }";
    Ok(requete::<Relances>(QUERY, json!({})).await?.relancer_equipe)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AffichageCarte {
    afficher_sur_la_carte: bool,
}

/// Shows or hides the calling coordinator on the public map; returns the setting now saved.
pub async fn afficher_sur_la_carte(visible: bool) -> Result<bool, ErreurApi> {
    const QUERY: &str = "mutation($visible: Boolean!) { afficherSurLaCarte(visible: $visible) }";
    Ok(requete::<AffichageCarte>(QUERY, json!({ "visible": visible }))
        .await?
        .afficher_sur_la_carte)
}

/// A line of an imported file that was refused.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LigneRefusee {
    pub ligne: i32,
    pub motif: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BilanImport {
    pub importes: i32,
    pub lignes_refusees: Vec<LigneRefusee>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Importees {
    importer_activites: BilanImport,
}

/// Imports accompaniments from a CSV file's text; with `tout_ou_rien`, nothing while a line is bad.
pub async fn importer(contenu: &str, tout_ou_rien: bool) -> Result<BilanImport, ErreurApi> {
    const QUERY: &str = "mutation($c: String!, $t: Boolean) { importerActivites(contenu: $c, toutOuRien: $t) { \
        importes lignesRefusees { ligne motif } } }";
    Ok(
        requete::<Importees>(QUERY, json!({ "c": contenu, "t": tout_ou_rien }))
            .await?
            .importer_activites,
    )
}

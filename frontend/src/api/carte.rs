//! What the map pages read: the shapes of the départements (a static file served with the app), the
//! figures of every département, and for one département its EPCI, lieux and coordinators.

use std::sync::Arc;

use maillage_shared::carte::Formes;
use maillage_shared::territoire::CodeDepartement;

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::tableau_de_bord::{LigneDepartement, LigneRecue};
use super::{ErreurApi, operation, send};

operation!(
    IndicateursDepartements,
    "graphql/indicateurs.graphql",
    response_type = "super::LigneRecue"
);
operation!(DepartementDeLaCarte, "graphql/indicateurs.graphql");
operation!(LireCarteDepartement, "graphql/indicateurs.graphql");

/// A département with its région, as the map's breadcrumb names it.
pub type DepartementDeCarte = departement_de_la_carte::DepartementDeLaCarteDepartement;
/// Everything the map of a département shows.
pub type CarteDepartement = lire_carte_departement::ResponseData;
/// The figures of one EPCI in a département.
pub type IndicateursEpci = lire_carte_departement::LireCarteDepartementIndicateursEpci;
/// A lieu de médiation numérique as a point.
pub use lire_carte_departement::PointLieu;

/// The shapes of the départements, parsed once per page (shared by the views that draw them).
pub async fn formes() -> Result<Arc<Formes>, ErreurApi> {
    let illisible = |message: String| ErreurApi::Serveur { code: None, message };
    let texte = gloo_net::http::Request::get("/formes-departements.json")
        .send()
        .await
        .map_err(|_| ErreurApi::Reseau)?
        .text()
        .await
        .map_err(|erreur| illisible(erreur.to_string()))?;
    Formes::depuis_json(&texte).map(Arc::new).map_err(illisible)
}

/// The figures of the 101 départements of the programme, in code order.
pub async fn indicateurs_departements() -> Result<Vec<LigneDepartement>, ErreurApi> {
    Ok(
        send::<IndicateursDepartements>(indicateurs_departements::Variables)
            .await?
            .indicateurs_departements
            .into_iter()
            .map(LigneDepartement::from)
            .collect(),
    )
}

/// A département (with its région) and what its map shows; `None` when the code is malformed or unknown.
pub async fn carte_departement(
    code: &str,
) -> Result<Option<(DepartementDeCarte, CarteDepartement)>, ErreurApi> {
    if CodeDepartement::parse(code).is_err() {
        return Ok(None);
    }
    // Asked first, so that an unknown code shows "introuvable" rather than the refusal of the figures.
    let variables = departement_de_la_carte::Variables {
        code: code.to_owned(),
    };
    let Some(departement) = send::<DepartementDeLaCarte>(variables).await?.departement else {
        return Ok(None);
    };
    let variables = lire_carte_departement::Variables {
        code: code.to_owned(),
    };
    let carte = send::<LireCarteDepartement>(variables).await?;
    Ok(Some((departement, carte)))
}

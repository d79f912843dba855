//! Queries of the territorial referential (`graphql/territoire.graphql`).

use maillage_shared::territoire::NatureTerritoire;

use super::{ErreurApi, operation, send};

operation!(Regions, "graphql/territoire.graphql");
operation!(
    UneRegion,
    "graphql/territoire.graphql",
    response_type = "super::Region"
);
operation!(UnDepartement, "graphql/territoire.graphql");
operation!(UnEpci, "graphql/territoire.graphql");
operation!(UneCommune, "graphql/territoire.graphql");
operation!(RechercheTerritoires, "graphql/territoire.graphql");

pub use recherche_territoires::Suggestion;
/// A région with its départements, and a search suggestion.
pub use regions::Region;
/// A département page.
pub type Departement = un_departement::UnDepartementDepartement;
/// An EPCI page.
pub type Epci = un_epci::UnEpciEpci;
/// A département of an EPCI, with its région for the breadcrumb.
pub type DepartementDeEpci = un_epci::UnEpciEpciDepartements;
/// A commune page.
pub type Commune = une_commune::UneCommuneCommune;

/// A territory named in a link: code and name (the perimeter the candidature form is building).
#[derive(Debug, Clone, PartialEq)]
pub struct Lien {
    pub code: String,
    pub nom: String,
}

impl Suggestion {
    /// The page of the suggested territory.
    pub fn chemin(&self) -> String {
        chemin(self.nature, &self.code)
    }
}

/// The app's path for a territory.
pub fn chemin(nature: NatureTerritoire, code: &str) -> String {
    match nature {
        NatureTerritoire::Region => format!("/territoires/regions/{code}"),
        NatureTerritoire::Departement => format!("/territoires/departements/{code}"),
        NatureTerritoire::Epci => format!("/territoires/epci/{code}"),
        NatureTerritoire::Commune => format!("/territoires/communes/{code}"),
    }
}

/// The régions with their départements (the Territoires page).
pub async fn regions() -> Result<Vec<Region>, ErreurApi> {
    Ok(send::<Regions>(regions::Variables).await?.regions)
}

/// One région with its départements; `None` when the code is unknown.
pub async fn region(code: &str) -> Result<Option<Region>, ErreurApi> {
    let variables = une_region::Variables {
        code: code.to_owned(),
    };
    Ok(send::<UneRegion>(variables).await?.region)
}

/// A département with its EPCI; `None` when the code is unknown.
pub async fn departement(code: &str) -> Result<Option<Departement>, ErreurApi> {
    let variables = un_departement::Variables {
        code: code.to_owned(),
    };
    Ok(send::<UnDepartement>(variables).await?.departement)
}

/// An EPCI with its member communes; `None` when the SIREN is unknown.
pub async fn epci(code: &str) -> Result<Option<Epci>, ErreurApi> {
    let variables = un_epci::Variables {
        code: code.to_owned(),
    };
    Ok(send::<UnEpci>(variables).await?.epci)
}

/// A commune; `None` when the code is unknown.
pub async fn commune(code: &str) -> Result<Option<Commune>, ErreurApi> {
    let variables = une_commune::Variables {
        code: code.to_owned(),
    };
    Ok(send::<UneCommune>(variables).await?.commune)
}

async fn recherche(texte: &str, premiers: i64) -> Result<Vec<Suggestion>, ErreurApi> {
    let variables = recherche_territoires::Variables {
        texte: texte.to_owned(),
        premiers,
    };
    Ok(send::<RechercheTerritoires>(variables)
        .await?
        .recherche_territoires)
}

/// Suggestions for what the person is typing.
pub async fn rechercher(texte: &str) -> Result<Vec<Suggestion>, ErreurApi> {
    recherche(texte, 8).await
}

/// Suggestions of one level only (the intercommunalités of a perimeter): the server ranks every level
/// together, so ask for more and keep the first of that level.
pub async fn rechercher_parmi(texte: &str, nature: NatureTerritoire) -> Result<Vec<Suggestion>, ErreurApi> {
    Ok(recherche(texte, 40)
        .await?
        .into_iter()
        .filter(|suggestion| suggestion.nature == nature)
        .take(8)
        .collect())
}

//! GraphQL: the coordinator's territorial diagnosis.

use async_graphql::{Context, Object, SimpleObject};
use sea_orm::DatabaseConnection;

use super::service::{self, LigneCommune};
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, today};
use crate::graphql::regles::autorise;
use crate::territoire::schema::Epci;

/// A commune of the perimeter.
#[derive(SimpleObject)]
pub struct DiagnosticCommune {
    pub code: String,
    pub nom: String,
    pub population: i64,
    pub epci_code: Option<String>,
    pub lieux: i64,
    /// Conseillers numériques whose contract is running, by the commune of their post.
    pub conseillers: i64,
    /// None where there is no conseiller.
    pub habitants_par_conseiller: Option<i64>,
}

impl From<&LigneCommune> for DiagnosticCommune {
    fn from(ligne: &LigneCommune) -> Self {
        Self {
            code: ligne.commune.code.clone(),
            nom: ligne.commune.nom.clone(),
            population: ligne.commune.population,
            epci_code: ligne.commune.epci_code.clone(),
            lieux: ligne.lieux,
            conseillers: ligne.conseillers,
            habitants_par_conseiller: ligne.habitants_par_conseiller(),
        }
    }
}

/// An EPCI of the perimeter, counted over its communes inside the perimeter.
#[derive(SimpleObject)]
pub struct DiagnosticEpci {
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub epci: Epci,
    pub population: i64,
    pub communes: i64,
    pub lieux: i64,
    pub conseillers: i64,
    pub habitants_par_conseiller: Option<i64>,
    /// By decreasing population.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub communes_sans_lieu: Vec<DiagnosticCommune>,
    /// Services of the standard that no lieu of the EPCI offers.
    pub services_manquants: Vec<String>,
}

/// The territorial diagnosis of a perimeter.
#[derive(SimpleObject)]
pub struct DiagnosticTerritorial {
    /// INSEE codes of the départements the perimeter lies in (to draw it).
    pub departements: Vec<String>,
    pub population: i64,
    pub nombre_communes: i64,
    pub lieux: i64,
    pub conseillers: i64,
    pub habitants_par_conseiller: Option<i64>,
    pub communes_sans_lieu: i64,
    /// Services of the standard that no lieu of the perimeter offers.
    pub services_manquants: Vec<String>,
    /// By name.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub epcis: Vec<DiagnosticEpci>,
    /// Every commune of the perimeter, by INSEE code.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub communes: Vec<DiagnosticCommune>,
}

impl From<service::Diagnostic> for DiagnosticTerritorial {
    fn from(d: service::Diagnostic) -> Self {
        let chaines = |services: Vec<&'static str>| services.into_iter().map(str::to_owned).collect();
        Self {
            population: d.population(),
            nombre_communes: d.communes.len() as i64,
            lieux: d.lieux(),
            conseillers: d.conseillers(),
            habitants_par_conseiller: maillage_shared::indicateur::habitants_par_conseiller(
                d.population(),
                d.conseillers(),
            ),
            communes_sans_lieu: d.communes_sans_lieu(),
            services_manquants: chaines(d.services_manquants()),
            communes: d.communes.iter().map(DiagnosticCommune::from).collect(),
            epcis: d
                .epcis
                .into_iter()
                .map(|e| DiagnosticEpci {
                    habitants_par_conseiller: e.habitants_par_conseiller(),
                    population: e.population,
                    communes: e.communes,
                    lieux: e.lieux,
                    conseillers: e.conseillers,
                    communes_sans_lieu: e.communes_sans_lieu.iter().map(DiagnosticCommune::from).collect(),
                    services_manquants: chaines(e.services_manquants),
                    epci: Epci::from(e.epci),
                })
                .collect(),
            departements: d.departements,
        }
    }
}

/// Diagnosis queries.
#[derive(Default)]
pub struct DiagnosticQuery;

#[Object]
impl DiagnosticQuery {
    /// The territorial diagnosis of the calling coordinator's perimeter (role COORDINATEUR): per EPCI and
    /// commune, population, lieux, conseillers, inhabitants per conseiller, communes without any lieu and
    /// services missing.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn diagnostic_territorial(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<DiagnosticTerritorial> {
        let db = ctx.data::<DatabaseConnection>()?;
        let diagnostic = service::du_coordinateur(db, actor(ctx)?, today())
            .await
            .graphql()?;
        Ok(diagnostic.into())
    }
}

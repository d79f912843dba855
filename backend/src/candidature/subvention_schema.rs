//! The public subsidy simulator: the same rule as the candidature form and the server's checks.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use maillage_shared::structure::CategorieStructure;
use maillage_shared::subvention::{Bareme, TypeContrat, simuler};
use maillage_shared::territoire::{CodeDepartement, Zone};
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::error::{AppError, GraphqlResult};
use crate::graphql::regles::autorise;
use crate::territoire::entity::departement;

/// What the simulator needs.
#[derive(InputObject)]
pub struct SimulationSubventionEntree {
    pub categorie: CategorieStructure,
    /// Whether the structure is a public legal person; must agree with the category where it decides.
    pub statut_public: bool,
    pub contrat: TypeContrat,
    /// INSEE code of the département where the coordinator works.
    pub departement: String,
}

/// The subsidy of one coordinator post, or why there is none.
#[derive(SimpleObject)]
pub struct SimulationSubvention {
    pub eligible: bool,
    pub montant_euros: Option<i32>,
    pub duree_mois: Option<i32>,
    /// Why it is not funded, in French.
    #[graphql(directive = autorise::apply("public".into()))]
    pub motif: Option<String>,
    pub avertissements: Vec<String>,
}

/// The simulator query (no login needed).
#[derive(Default)]
pub struct SubventionQuery;

#[Object]
impl SubventionQuery {
    /// Simulates the subsidy of a coordinator post (call for applications, II.b). An unknown département
    /// is `INVALID_INPUT`; an overseas collectivité outside the programme is not eligible.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn simuler_subvention(
        &self,
        ctx: &Context<'_>,
        entree: SimulationSubventionEntree,
    ) -> async_graphql::Result<SimulationSubvention> {
        let code = CodeDepartement::parse(&entree.departement).graphql()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let departement = departement::Entity::find_by_id(code.as_str().to_owned())
            .one(db)
            .await
            .graphql()?
            .ok_or_else(|| {
                AppError::InvalidInput(format!("Le département {code} n’existe pas.")).into_graphql()
            })?;
        if Zone::parse(&departement.zone).is_some_and(|zone| !zone.dans_le_programme()) {
            return Ok(SimulationSubvention {
                eligible: false,
                montant_euros: None,
                duree_mois: None,
                motif: Some(format!(
                    "{} n’est pas l’un des 101 départements du programme.",
                    departement.nom
                )),
                avertissements: vec![],
            });
        }
        let simulation = simuler(
            &Bareme::APPEL_2023,
            entree.categorie,
            entree.statut_public,
            entree.contrat,
            &code,
        );
        Ok(SimulationSubvention {
            eligible: simulation.eligible,
            montant_euros: simulation.montant_euros.and_then(|m| i32::try_from(m).ok()),
            duree_mois: simulation.duree_mois.and_then(|d| i32::try_from(d).ok()),
            motif: simulation.motif,
            avertissements: simulation.avertissements,
        })
    }
}

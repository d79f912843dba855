//! The GraphQL schema: one merged root per kind (a part per domain) and its limits; the helpers every
//! resolver uses (`context`). The HTTP side of `/graphql` is `http::graphql`.

use async_graphql::{EmptySubscription, MergedObject, Schema};
pub mod context;
pub mod limits;
pub mod regles;

use sea_orm::DatabaseConnection;

use crate::activite::schema::{ActiviteMutation, ActiviteQuery};
use crate::candidature::schema::mutation::CandidatureMutation;
use crate::candidature::schema::query::CandidatureQuery;
use crate::candidature::subvention_schema::SubventionQuery;
use crate::compte::agents_schema::{AgentsMutation, AgentsQuery};
use crate::compte::schema::{CompteMutation, CompteQuery, ReglagesCookie};
use crate::coordination::schema::{CoordinationMutation, CoordinationQuery};
use crate::diagnostic::schema::DiagnosticQuery;
use crate::equipe::schema::{EquipeMutation, EquipeQuery};
use crate::formation::schema::{FormationMutation, FormationQuery};
use crate::gouvernance::schema::{GouvernanceMutation, GouvernanceQuery};
use crate::indicateur::schema::mutation::IndicateurMutation;
use crate::indicateur::schema::query::IndicateurQuery;
use crate::indicateur::schema::statistiques::{StatistiquesMutation, StatistiquesQuery};
use crate::jeton::schema::{JetonMutation, JetonQuery};
use crate::lieu::schema::{LieuMutation, LieuQuery};
use crate::notification::schema::{NotificationMutation, NotificationQuery};
use crate::poste::schema::mutation::PosteMutation;
use crate::poste::schema::query::PosteQuery;
use crate::rapport::schema::{RapportMutation, RapportQuery};
use crate::rencontre::schema::{RencontreMutation, RencontreQuery};
use crate::rgpd::schema::{RgpdMutation, RgpdQuery};
use crate::settings::Settings;
use crate::structure::schema::{StructureMutation, StructureQuery};
use crate::territoire::schema::TerritoireQuery;

/// The query root: each domain contributes its own part.
#[derive(MergedObject, Default)]
pub struct Query(
    TerritoireQuery,
    SubventionQuery,
    CompteQuery,
    AgentsQuery,
    StructureQuery,
    GouvernanceQuery,
    CandidatureQuery,
    PosteQuery,
    LieuQuery,
    ActiviteQuery,
    EquipeQuery,
    FormationQuery,
    CoordinationQuery,
    RencontreQuery,
    DiagnosticQuery,
    RapportQuery,
    IndicateurQuery,
    StatistiquesQuery,
    RgpdQuery,
    JetonQuery,
    NotificationQuery,
);

/// The mutation root.
#[derive(MergedObject, Default)]
pub struct Mutation(
    CompteMutation,
    AgentsMutation,
    StructureMutation,
    GouvernanceMutation,
    CandidatureMutation,
    PosteMutation,
    LieuMutation,
    ActiviteMutation,
    EquipeMutation,
    FormationMutation,
    CoordinationMutation,
    RencontreMutation,
    RapportMutation,
    IndicateurMutation,
    StatistiquesMutation,
    RgpdMutation,
    JetonMutation,
    NotificationMutation,
);

/// The schema served at `/graphql`.
pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// Builds the schema with its limits and the shared data of every request.
pub fn build(db: DatabaseConnection, settings: &Settings, stockage: crate::stockage::Stockage) -> AppSchema {
    let limites = &settings.graphql;
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription);
    if settings.application.production {
        // Suggestions ("did you mean…") would map the private parts of the schema for a stranger.
        builder = builder.disable_suggestions();
    }
    builder
        .limit_complexity(limites.max_complexity)
        .limit_recursive_depth(limites.max_recursive_depth)
        .limit_directives(limites.max_directives)
        .extension(limits::LimitesDeRequete {
            max_aliases: limites.max_aliases,
            max_depth: limites.max_depth,
        })
        .extension(crate::jeton::schema::LectureSeule)
        .extension(regles::ControleAcces)
        .data(db)
        .data(settings.financement_perenne.clone())
        .data(settings.retention.clone())
        .data(settings.mentions.clone())
        .data(crate::compte::proconnect::Offert(settings.proconnect.active()))
        .data(settings.instruction)
        .data(stockage)
        .data(crate::structure::registre::Registre::new(
            &settings.registre_entreprises,
        ))
        .data(crate::territoire::geocodage::Geocodeur::new(&settings.geocodage))
        .data(ReglagesCookie {
            secure: settings.application.production,
        })
        .finish()
}

/// The SDL committed as `schema.graphql` (printed by `maillage schema`).
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .finish()
        .sdl()
}

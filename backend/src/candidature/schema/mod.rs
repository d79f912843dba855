//! GraphQL of the candidature workflow. Every field that reaches a candidature checks the caller's role and
//! territory on the server (`acces::lire`), and every mutation runs in one transaction.

pub mod candidature;
pub mod dossier;
pub mod mutation;
pub mod query;

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::candidature::{CasDeFigure, Formulaire, ReponseConsultation, StatutCandidature};
use maillage_shared::gouvernance::PlaceDansLaGouvernance;
use maillage_shared::role::Role;
use maillage_shared::subvention::TypeContrat;

use self::candidature::Candidature;
use self::candidature::structure_par_id;
use crate::candidature::entity::{appel, consultation, historique_candidature};
use crate::graphql::regles::autorise;
use crate::structure::schema::Structure;

/// A call for applications.
#[derive(SimpleObject, Clone)]
pub struct Appel {
    pub id: ID,
    pub nom: String,
    pub ouverture: NaiveDate,
    pub cloture: NaiveDate,
}

impl From<appel::Model> for Appel {
    fn from(row: appel::Model) -> Self {
        Self {
            id: ID(row.id.to_string()),
            nom: row.nom,
            ouverture: row.ouverture,
            cloture: row.cloture,
        }
    }
}

/// The préfecture's avis.
#[derive(SimpleObject, Clone)]
pub struct Avis {
    pub favorable: bool,
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT".into()))]
    pub commentaire: String,
    pub le: Option<DateTime<Utc>>,
}

/// ANCT's decision.
#[derive(SimpleObject, Clone)]
pub struct Decision {
    pub validee: bool,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub motif: String,
    /// Day of the decision and of its notification.
    pub le: Option<NaiveDate>,
    /// The recruitment is due six months after notification.
    pub echeance_recrutement: Option<NaiveDate>,
    /// ANCT decided without the préfecture's avis, which had not come `[instruction] delai_avis_mois`
    /// months after filing.
    pub sans_avis: bool,
}

/// One state change of a candidature.
#[derive(SimpleObject, Clone)]
pub struct EvenementCandidature {
    pub de_statut: Option<StatutCandidature>,
    pub vers_statut: StatutCandidature,
    pub role: Role,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub commentaire: Option<String>,
    pub horodatage: DateTime<Utc>,
}

impl From<historique_candidature::Model> for EvenementCandidature {
    fn from(row: historique_candidature::Model) -> Self {
        Self {
            de_statut: row.de_statut.as_deref().and_then(StatutCandidature::parse),
            vers_statut: StatutCandidature::parse(&row.vers_statut).unwrap_or(StatutCandidature::Brouillon),
            role: Role::parse(&row.role).unwrap_or(Role::Structure),
            commentaire: row.commentaire,
            horodatage: row.horodatage,
        }
    }
}

/// A recorded consultation.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Consultation {
    pub id: ID,
    pub consultee_le: NaiveDate,
    pub reponse: ReponseConsultation,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub commentaire: String,
    #[graphql(skip)]
    pub structure_id: i64,
}

impl From<consultation::Model> for Consultation {
    fn from(row: consultation::Model) -> Self {
        Self {
            id: ID(row.id.to_string()),
            consultee_le: row.consultee_le,
            reponse: ReponseConsultation::parse(&row.reponse).unwrap_or(ReponseConsultation::SansReponse),
            commentaire: row.commentaire,
            structure_id: row.structure_id,
        }
    }
}

#[ComplexObject]
impl Consultation {
    /// The structure consulted.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn structure(&self, ctx: &Context<'_>) -> async_graphql::Result<Structure> {
        structure_par_id(ctx, self.structure_id).await
    }
}

/// An employer of conseillers numériques of the perimeter, and its consultation if recorded.
#[derive(SimpleObject, Clone)]
pub struct StructureAConsulter {
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub structure: Structure,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub consultation: Option<Consultation>,
}

/// Another candidature on the same territory.
#[derive(SimpleObject, Clone)]
pub struct Chevauchement {
    pub candidature_id: ID,
    pub structure: String,
    pub statut: StatutCandidature,
    /// The EPCI (SIREN) both perimeters contain; empty when the overlap is a whole département.
    pub epcis_communs: Vec<String>,
    /// Coordinators already in post on that candidature's territory.
    pub coordinateurs_en_poste: u64,
}

/// A page of candidatures.
#[derive(SimpleObject)]
pub struct PageCandidatures {
    /// How many candidatures match the filters in all.
    pub total: u64,
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    pub elements: Vec<Candidature>,
}

/// Filters of the candidature lists.
#[derive(InputObject, Default)]
pub struct FiltreCandidatures {
    pub statut: Option<StatutCandidature>,
    pub region: Option<String>,
    pub departement: Option<String>,
    pub cas: Option<CasDeFigure>,
    /// Only those whose decision is overdue.
    #[graphql(default)]
    pub en_retard: bool,
}

/// The form of a candidature, every field replaced at each save.
#[derive(InputObject)]
pub struct FormulaireCandidatureEntree {
    pub cas: Option<CasDeFigure>,
    pub contrat: Option<TypeContrat>,
    /// SIREN of the EPCI to coordinate; leave empty when the perimeter is a whole département.
    #[graphql(default)]
    pub perimetre_epcis: Vec<String>,
    pub perimetre_departement: Option<String>,
    #[graphql(default)]
    pub diagnostic: String,
    #[graphql(default)]
    pub partenaires: String,
    #[graphql(default)]
    pub articulation_gouvernance: String,
    /// The structure's place in the gouvernance of its département, as it declares it.
    pub gouvernance: Option<PlaceDansLaGouvernance>,
    #[graphql(default)]
    pub missions_maillage: String,
    #[graphql(default)]
    pub missions_relais: String,
    #[graphql(default)]
    pub missions_collaborations: String,
    pub candidat_identifie: Option<bool>,
    pub date_prise_poste: Option<NaiveDate>,
}

impl From<FormulaireCandidatureEntree> for Formulaire {
    fn from(entree: FormulaireCandidatureEntree) -> Self {
        Self {
            cas: entree.cas,
            contrat: entree.contrat,
            perimetre_epcis: entree.perimetre_epcis,
            perimetre_departement: entree.perimetre_departement,
            diagnostic: entree.diagnostic,
            partenaires: entree.partenaires,
            articulation_gouvernance: entree.articulation_gouvernance,
            gouvernance: entree.gouvernance,
            missions_maillage: entree.missions_maillage,
            missions_relais: entree.missions_relais,
            missions_collaborations: entree.missions_collaborations,
            candidat_identifie: entree.candidat_identifie,
            date_prise_poste: entree.date_prise_poste,
        }
    }
}

/// Decision of ANCT.
#[derive(Enum, Copy, Clone, PartialEq, Eq)]
pub enum DecisionAnct {
    Validee,
    Refusee,
}

//! The programme's conseillers numériques as ANCT and the préfectures list them (`poste::conseillers`).

use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::subvention::TypeContrat;

use crate::graphql::regles::autorise;
use crate::poste::conseillers::ConseillerDuProgramme;
use crate::territoire::loaders::CommuneParCode;
use crate::territoire::schema::{Commune, charger};

/// A conseiller numérique of the programme: the person, the employer, the contract and the post's commune.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct ConseillerProgramme {
    pub id: ID,
    #[graphql(directive = autorise::apply("ANCT PREFECTURE".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("ANCT PREFECTURE".into()))]
    pub nom: String,
    #[graphql(directive = autorise::apply("ANCT PREFECTURE".into()))]
    pub email: String,
    /// The employer's name and SIRET.
    pub employeur: String,
    pub siret_employeur: String,
    pub type_contrat: Option<TypeContrat>,
    pub debut_contrat: Option<NaiveDate>,
    pub fin_contrat: Option<NaiveDate>,
    /// The person has opened Maillage (chosen a password through the link, or logged in with ProConnect).
    pub acces_ouvert: bool,
    /// When the programme's file last gave this conseiller; `null` when recorded otherwise.
    pub importe_le: Option<DateTime<Utc>>,
    #[graphql(skip)]
    pub commune_code: String,
}

impl From<ConseillerDuProgramme> for ConseillerProgramme {
    fn from(c: ConseillerDuProgramme) -> Self {
        Self {
            id: ID(c.poste.id.to_string()),
            prenom: c.personne.prenom,
            nom: c.personne.nom,
            email: c.personne.email,
            employeur: c.employeur.nom,
            siret_employeur: c.employeur.siret,
            type_contrat: c.poste.type_contrat.as_deref().and_then(TypeContrat::parse),
            debut_contrat: c.poste.contrat_debut,
            fin_contrat: c.poste.contrat_fin,
            acces_ouvert: c.personne.adresse_verifiee_le.is_some(),
            importe_le: c.poste.importe_le,
            commune_code: c.poste.commune_code,
        }
    }
}

#[ComplexObject]
impl ConseillerProgramme {
    /// The commune of the post.
    #[graphql(directive = autorise::apply("ANCT PREFECTURE".into()))]
    async fn commune(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Commune>> {
        charger(ctx, CommuneParCode(self.commune_code.clone())).await
    }
}

/// A page of conseillers, and how many there are in all.
#[derive(SimpleObject, Clone)]
pub struct PageConseillersProgramme {
    pub total: u64,
    #[graphql(directive = autorise::apply("ANCT PREFECTURE".into()))]
    pub elements: Vec<ConseillerProgramme>,
}

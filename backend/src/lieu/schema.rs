//! GraphQL: the lieux de médiation numérique (open data, no login).

use async_graphql::{Context, Object, SimpleObject};
use maillage_shared::lieu::LigneLieu;
use maillage_shared::territoire::CodeDepartement;
use sea_orm::DatabaseConnection;

use super::service;
use crate::error::{AppError, GraphqlResult};
use crate::graphql::regles::autorise;

/// A lieu de médiation numérique, with the national standard's fields (camel-cased).
#[derive(SimpleObject, Clone)]
pub struct LieuMediationNumerique {
    pub id: String,
    /// SIRET or RNA of the structure running the lieu.
    pub pivot: String,
    pub nom: String,
    pub adresse: String,
    pub complement_adresse: Option<String>,
    pub commune: String,
    pub code_postal: String,
    pub code_insee: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub typologies: Vec<String>,
    pub services: Vec<String>,
    pub publics_specifiquement_adresses: Vec<String>,
    pub prise_en_charge_specifique: Vec<String>,
    pub frais_a_charge: Vec<String>,
    pub itinerance: Vec<String>,
    pub modalites_acces: Vec<String>,
    pub modalites_accompagnement: Vec<String>,
    pub dispositif_programmes_nationaux: Vec<String>,
    pub formations_labels: Vec<String>,
    pub horaires: Option<String>,
    pub prise_rdv: Option<String>,
    pub site_web: Vec<String>,
    pub date_maj: String,
}

fn texte(ligne: &LigneLieu, colonne: &str) -> Option<String> {
    Some(ligne.get(colonne).to_owned()).filter(|v| !v.is_empty())
}

fn liste(ligne: &LigneLieu, colonne: &str) -> Vec<String> {
    ligne.liste(colonne).into_iter().map(str::to_owned).collect()
}

impl From<LigneLieu> for LieuMediationNumerique {
    fn from(ligne: LigneLieu) -> Self {
        Self {
            id: ligne.get("id").to_owned(),
            pivot: ligne.get("pivot").to_owned(),
            nom: ligne.get("nom").to_owned(),
            adresse: ligne.get("adresse").to_owned(),
            complement_adresse: texte(&ligne, "complement_adresse"),
            commune: ligne.get("commune").to_owned(),
            code_postal: ligne.get("code_postal").to_owned(),
            code_insee: texte(&ligne, "code_insee"),
            latitude: ligne.get("latitude").parse().ok(),
            longitude: ligne.get("longitude").parse().ok(),
            typologies: liste(&ligne, "typologie"),
            services: liste(&ligne, "services"),
            publics_specifiquement_adresses: liste(&ligne, "publics_specifiquement_adresses"),
            prise_en_charge_specifique: liste(&ligne, "prise_en_charge_specifique"),
            frais_a_charge: liste(&ligne, "frais_a_charge"),
            itinerance: liste(&ligne, "itinerance"),
            modalites_acces: liste(&ligne, "modalites_acces"),
            modalites_accompagnement: liste(&ligne, "modalites_accompagnement"),
            dispositif_programmes_nationaux: liste(&ligne, "dispositif_programmes_nationaux"),
            formations_labels: liste(&ligne, "formations_labels"),
            horaires: texte(&ligne, "horaires"),
            prise_rdv: texte(&ligne, "prise_rdv"),
            site_web: liste(&ligne, "site_web"),
            date_maj: ligne.get("date_maj").to_owned(),
        }
    }
}

/// Lieux queries.
#[derive(Default)]
pub struct LieuQuery;

#[Object]
impl LieuQuery {
    /// Lieux de médiation numérique by id, optionally of one département; `premiers` 1 to 100, then pass
    /// the last id as `apres` for the next page.
    #[graphql(directive = autorise::apply("public".into()), complexity = "premiers.max(1) as usize * child_complexity")]
    async fn lieux(
        &self,
        ctx: &Context<'_>,
        departement: Option<String>,
        #[graphql(default = 50)] premiers: i32,
        apres: Option<String>,
    ) -> async_graphql::Result<Vec<LieuMediationNumerique>> {
        if !(1..=100).contains(&premiers) {
            return Err(
                AppError::InvalidInput("premiers doit être compris entre 1 et 100".to_owned()).into_graphql(),
            );
        }
        let departement = departement
            .map(|code| CodeDepartement::parse(&code))
            .transpose()
            .graphql()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let lignes = service::lister(
            db,
            departement.as_ref().map(CodeDepartement::as_str),
            premiers as u64,
            apres.as_deref(),
        )
        .await
        .graphql()?;
        Ok(lignes.into_iter().map(Into::into).collect())
    }
}

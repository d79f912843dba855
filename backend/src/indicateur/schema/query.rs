//! The indicateur queries.

use async_graphql::{Context, Object};
use maillage_shared::candidature::StatutCandidature;
use maillage_shared::role::Role;
use maillage_shared::territoire::CodeDepartement;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::{CoordinateurCarte, IndicateursDepartement};
use super::{IndicateursEpci, TableauDeBord, coordinateurs_carte, etendue, par_departement};
use crate::candidature::entity::candidature;
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, today};
use crate::graphql::regles::autorise;
use crate::indicateur::service::{self};
use crate::indicateur::tableau;
use crate::lieu::service::PointLieu;
use crate::poste::entity::coordinateur;
use crate::territoire::etendue::Etendue;

/// Indicator queries.
#[derive(Default)]
pub struct IndicateurQuery;

#[Object]
impl IndicateurQuery {
    /// Open data: one entry per programme département (or those of a région), in code order. No login.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn indicateurs_departements(
        &self,
        ctx: &Context<'_>,
        region: Option<String>,
    ) -> async_graphql::Result<Vec<IndicateursDepartement>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let etendue = etendue(region, None).graphql()?;
        let lignes = crate::indicateur::cumul::par_departement(db, &etendue, today())
            .await
            .graphql()?;
        Ok(par_departement(lignes))
    }

    /// Open data: every EPCI of a département with its figures and overlaps. No login; the candidatures
    /// themselves are listed only to agents allowed to read them.
    #[graphql(directive = autorise::apply("public".into()), complexity = "100 * child_complexity")]
    async fn indicateurs_epci(
        &self,
        ctx: &Context<'_>,
        departement: String,
    ) -> async_graphql::Result<Vec<IndicateursEpci>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let code = CodeDepartement::parse(&departement).graphql()?;
        let lignes = service::epcis_du_departement(db, code.as_str(), today())
            .await
            .graphql()?;
        // The map entries of every coordinator of the département at once, not one lookup per EPCI.
        let mut carte = Vec::new();
        if ctx.look_ahead().field("coordinateurs").exists() {
            let mut postes: Vec<(coordinateur::Model, candidature::Model)> = Vec::new();
            for ligne in &lignes {
                for c in &ligne.coordinateurs {
                    if !postes.iter().any(|(p, _)| p.id == c.coordinateur.id) {
                        postes.push((c.coordinateur.clone(), c.candidature.clone()));
                    }
                }
            }
            carte = coordinateurs_carte(db, postes).await.graphql()?;
        }
        Ok(lignes
            .into_iter()
            .map(|ligne| {
                let ids: Vec<String> = ligne
                    .coordinateurs
                    .iter()
                    .map(|c| c.coordinateur.id.to_string())
                    .collect();
                let siens = carte
                    .iter()
                    .filter(|c| ids.iter().any(|id| id.as_str() == c.id.as_str()))
                    .cloned()
                    .collect();
                IndicateursEpci(ligne, siens)
            })
            .collect())
    }

    /// Open data: the coordinators in post who agreed to appear on the map, optionally of one département.
    #[graphql(directive = autorise::apply("public".into()), complexity = "100 * child_complexity")]
    async fn coordinateurs_carte(
        &self,
        ctx: &Context<'_>,
        departement: Option<String>,
    ) -> async_graphql::Result<Vec<CoordinateurCarte>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let departement = departement
            .map(|code| CodeDepartement::parse(&code))
            .transpose()
            .graphql()?;
        // For one département, its validated candidatures first (a few rows by index), then their posts.
        let mut postes_valides = candidature::Entity::find()
            .filter(candidature::Column::Statut.eq(StatutCandidature::Validee.as_str()));
        if let Some(code) = &departement {
            postes_valides = postes_valides.filter(candidature::Column::DepartementCode.eq(code.as_str()));
        }
        let postes_valides = postes_valides.all(db).await.map_err(AppError::from).graphql()?;
        let en_poste = coordinateur::Entity::find()
            .filter(coordinateur::Column::PartiLe.is_null())
            .filter(coordinateur::Column::VisibleCarte.eq(true))
            .filter(coordinateur::Column::CandidatureId.is_in(postes_valides.iter().map(|c| c.id)))
            .order_by_asc(coordinateur::Column::Id)
            .all(db)
            .await
            .map_err(AppError::from)
            .graphql()?;
        let postes = en_poste
            .into_iter()
            .filter_map(|c| {
                let poste = postes_valides.iter().find(|p| p.id == c.candidature_id)?.clone();
                Some((c, poste))
            })
            .collect();
        coordinateurs_carte(db, postes).await.graphql()
    }

    /// Open data: every lieu de médiation numérique of a département as a point (coordinates as published).
    #[graphql(directive = autorise::apply("public".into()), complexity = "100 * child_complexity")]
    async fn points_lieux(
        &self,
        ctx: &Context<'_>,
        departement: String,
    ) -> async_graphql::Result<Vec<PointLieu>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let code = CodeDepartement::parse(&departement).graphql()?;
        crate::lieu::service::points(db, code.as_str()).await.graphql()
    }

    /// Whether the calling coordinator appears on the public map (role COORDINATEUR).
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn visible_sur_la_carte(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        acteur.exiger(Role::Coordinateur).graphql()?;
        let poste = coordinateur::Entity::find()
            .filter(coordinateur::Column::UtilisateurId.eq(acteur.utilisateur_id))
            .filter(coordinateur::Column::PartiLe.is_null())
            .one(db)
            .await
            .map_err(AppError::from)
            .graphql()?
            .ok_or_else(|| {
                AppError::Interdit(
                    "Aucun poste de coordinateur en cours n’est rattaché à votre compte.".to_owned(),
                )
                .into_graphql()
            })?;
        Ok(poste.visible_carte)
    }

    /// The dashboard of the caller's territory: its département for a préfecture, its région for a SGAR or
    /// a hub (or one of its départements), France or any région or département for ANCT.
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT jeton".into()))]
    async fn tableau_de_bord(
        &self,
        ctx: &Context<'_>,
        region: Option<String>,
        departement: Option<String>,
    ) -> async_graphql::Result<TableauDeBord> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let demandee = etendue(region, departement).graphql()?;
        let (region, departement) = match demandee {
            Etendue::Nationale => (None, None),
            Etendue::Region(r) => (Some(r), None),
            Etendue::Departement(d) => (None, Some(d)),
        };
        let (etendue, departements) = tableau::territoire_du_tableau(db, acteur, region, departement)
            .await
            .graphql()?;
        let libelle = match &etendue {
            Etendue::Nationale => "France entière".to_owned(),
            Etendue::Departement(_) => departements.first().map(|d| d.nom.clone()).unwrap_or_default(),
            Etendue::Region(code) => crate::territoire::entity::region::Entity::find_by_id(code.clone())
                .one(db)
                .await
                .map_err(AppError::from)
                .graphql()?
                .map(|r| r.nom)
                .ok_or_else(|| AppError::Introuvable(format!("Région {code} inconnue.")).into_graphql())?,
        };
        let tableau = tableau::tableau(db, &etendue, today()).await.graphql()?;
        Ok(TableauDeBord {
            libelle,
            tableau,
            departements: departements.into_iter().map(|d| (d.code, d.nom)).collect(),
            nationale: etendue == Etendue::Nationale,
        })
    }
}

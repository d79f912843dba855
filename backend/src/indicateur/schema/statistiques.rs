//! GraphQL: « Mes statistiques » of a conseiller or a coordinator, their public share link, and the open
//! activity data by département and month.

use async_graphql::{Context, Object, SimpleObject};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use super::activite::{ChiffresActivite, StatistiquesActivite, mois_iso};
use super::etendue;
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, in_transaction, today};
use crate::graphql::regles::autorise;
use crate::indicateur::activite::{Periode, activite_des_conseillers, activite_ouverte};
use crate::indicateur::partage;

/// Figures shown through a share link, and whose they are.
#[derive(SimpleObject)]
pub struct StatistiquesPartagees {
    /// « Activité de … », as the page is titled.
    pub titre: String,
    #[graphql(directive = autorise::apply("public".into()))]
    pub statistiques: StatistiquesActivite,
}

/// A public link in force to the caller's figures.
#[derive(SimpleObject)]
pub struct PartageStatistiques {
    pub cree_le: DateTime<Utc>,
}

/// One département's accompaniments of one month, in the open data.
#[derive(SimpleObject)]
pub struct ActiviteOuverte {
    pub departement_code: String,
    pub departement_nom: String,
    /// `AAAA-MM`.
    pub mois: String,
    #[graphql(directive = autorise::apply("public".into()))]
    pub chiffres: ChiffresActivite,
}

/// « Mes statistiques », share links and open activity data.
#[derive(Default)]
pub struct StatistiquesQuery;

#[Object]
impl StatistiquesQuery {
    /// The calling conseiller's accompaniments (for a coordinator, its team's; for a structure, those of
    /// the conseillers it employs) from month `de` to month `a` (`AAAA-MM`; by default the twelve months up
    /// to this one), every figure shown. Also as a file: `/exports/mes-statistiques.{csv,xlsx}`.
    #[graphql(directive = autorise::apply("CONSEILLER COORDINATEUR STRUCTURE".into()))]
    async fn mes_statistiques(
        &self,
        ctx: &Context<'_>,
        de: Option<String>,
        a: Option<String>,
    ) -> async_graphql::Result<StatistiquesActivite> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let periode = Periode::lire(de.as_deref(), a.as_deref(), today()).graphql()?;
        let perimetre = partage::perimetre_de(db, acteur).await.graphql()?;
        let activite = activite_des_conseillers(db, &perimetre.conseillers, periode)
            .await
            .graphql()?;
        Ok(StatistiquesActivite::lire(
            activite,
            &[],
            &Default::default(),
            false,
        ))
    }

    /// The caller's public link in force (`null` when it shares nothing).
    #[graphql(directive = autorise::apply("CONSEILLER COORDINATEUR".into()))]
    async fn mon_partage_de_statistiques(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<PartageStatistiques>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let depuis = partage::partage_en_cours(db, actor(ctx)?).await.graphql()?;
        Ok(depuis.map(|cree_le| PartageStatistiques { cree_le }))
    }

    /// The figures a share link shows, without login: aggregate only, figures about fewer than five people
    /// withheld. `NOT_FOUND` once the link is revoked.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn statistiques_partagees(
        &self,
        ctx: &Context<'_>,
        jeton: String,
        de: Option<String>,
        a: Option<String>,
    ) -> async_graphql::Result<StatistiquesPartagees> {
        let db = ctx.data::<DatabaseConnection>()?;
        let periode = Periode::lire(de.as_deref(), a.as_deref(), today()).graphql()?;
        let perimetre = partage::ouvrir(db, &jeton).await.graphql()?;
        let activite = activite_des_conseillers(db, &perimetre.conseillers, periode)
            .await
            .graphql()?;
        Ok(StatistiquesPartagees {
            titre: perimetre.titre,
            statistiques: StatistiquesActivite::lire(activite, &[], &Default::default(), true),
        })
    }

    /// Open data: the accompaniments of each programme département (of a région, or one) and month, from
    /// `de` to `a` (`AAAA-MM`; by default the twelve months up to this one, at most 36); figures about fewer
    /// than five people withheld. No login. Also as a file: `/donnees/activite.csv`.
    #[graphql(directive = autorise::apply("public".into()), complexity = "100 * child_complexity")]
    async fn activite_ouverte(
        &self,
        ctx: &Context<'_>,
        region: Option<String>,
        departement: Option<String>,
        de: Option<String>,
        a: Option<String>,
    ) -> async_graphql::Result<Vec<ActiviteOuverte>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let periode = Periode::lire(de.as_deref(), a.as_deref(), today()).graphql()?;
        let zone = etendue(region, departement).graphql()?;
        let lignes = activite_ouverte(db, &zone, periode).await.graphql()?;
        Ok(lignes
            .into_iter()
            .map(|ligne| {
                let mois = mois_iso(ligne.mois);
                ActiviteOuverte {
                    departement_code: ligne.departement_code,
                    departement_nom: ligne.departement_nom,
                    mois: mois.clone(),
                    chiffres: ChiffresActivite::lire(mois.clone(), mois, ligne.totaux, true),
                }
            })
            .collect())
    }
}

/// Share links.
#[derive(Default)]
pub struct StatistiquesMutation;

#[Object]
impl StatistiquesMutation {
    /// Makes a public link to the caller's figures (a conseiller's own, a coordinator's team's), revoking
    /// the one in force; returns the link's secret, shown this once: the page is `/statistiques/{secret}`.
    #[graphql(directive = autorise::apply("CONSEILLER COORDINATEUR".into()))]
    async fn partager_mes_statistiques(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        in_transaction(ctx, async |txn, acteur| partage::partager(txn, acteur).await).await
    }

    /// Revokes the caller's public link: it shows nothing any more. Returns whether one was in force.
    #[graphql(directive = autorise::apply("CONSEILLER COORDINATEUR".into()))]
    async fn revoquer_partage_de_statistiques(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        in_transaction(ctx, async |txn, acteur| {
            Ok(partage::revoquer(txn, acteur).await? > 0)
        })
        .await
    }
}

//! GraphQL: the coordinator's report (live, and whether it was sent), sending it, and the agents' follow-up.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use super::service::{self, RapportAnnuel};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, in_transaction, today};
use crate::graphql::regles::autorise;

/// A count under a key (a theme, a kind of action).
#[derive(SimpleObject)]
pub struct CompteRapport {
    pub cle: String,
    pub nombre: i64,
}

/// An action of the year in the report.
#[derive(SimpleObject)]
pub struct ActionRapport {
    pub date: NaiveDate,
    pub nature: String,
    pub axe: String,
    pub titre: String,
    pub lieu: String,
    pub partenaires: String,
}

/// A coordinator's annual activity report.
#[derive(SimpleObject)]
pub struct Rapport {
    pub annee: i32,
    pub coordinateur: String,
    pub structure: String,
    pub departement_code: String,
    /// Names of the perimeter's EPCI.
    pub perimetre: Vec<String>,
    pub population: i64,
    pub communes: i64,
    pub lieux: i64,
    pub communes_sans_lieu: i64,
    pub conseillers: i64,
    pub accompagnements: i64,
    pub participants: i64,
    /// Whole hours of accompaniment, rounded down; `dureeMinutes` is exact.
    pub heures: i64,
    /// The accompaniments' duration in minutes.
    pub duree_minutes: i64,
    /// Accompaniments of each month, January first.
    pub par_mois: Vec<i64>,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub par_theme: Vec<CompteRapport>,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub actions_par_nature: Vec<CompteRapport>,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub actions: Vec<ActionRapport>,
    /// When it was sent to the préfecture (for a live report: the last sending, if any).
    pub envoye_le: Option<DateTime<Utc>>,
}

fn rapport(r: RapportAnnuel, envoye_le: Option<DateTime<Utc>>) -> Rapport {
    let comptes = |v: Vec<(String, i64)>| {
        v.into_iter()
            .map(|(cle, nombre)| CompteRapport { cle, nombre })
            .collect()
    };
    let duree_minutes = r.duree_minutes();
    Rapport {
        annee: r.annee,
        coordinateur: r.coordinateur,
        structure: r.structure,
        departement_code: r.departement_code,
        perimetre: r.perimetre,
        population: r.population,
        communes: r.communes,
        lieux: r.lieux,
        communes_sans_lieu: r.communes_sans_lieu,
        conseillers: r.conseillers,
        accompagnements: r.accompagnements,
        participants: r.participants,
        heures: r.heures,
        duree_minutes,
        par_mois: r.par_mois,
        par_theme: comptes(r.par_theme),
        actions_par_nature: comptes(r.actions_par_nature),
        actions: r
            .actions
            .into_iter()
            .map(|a| ActionRapport {
                date: a.date,
                nature: a.nature,
                axe: a.axe,
                titre: a.titre,
                lieu: a.lieu,
                partenaires: a.partenaires,
            })
            .collect(),
        envoye_le,
    }
}

/// A coordinator of the zone and its report of the year.
#[derive(SimpleObject)]
pub struct SuiviRapport {
    pub coordinateur_id: ID,
    pub coordinateur: String,
    pub structure: String,
    pub departement_code: String,
    /// `null`: not sent.
    pub envoye_le: Option<DateTime<Utc>>,
}

/// Report queries.
#[derive(Default)]
pub struct RapportQuery;

#[Object]
impl RapportQuery {
    /// The calling coordinator's report of a year (default: this year), built from today's data (role
    /// COORDINATEUR).
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn mon_rapport_annuel(
        &self,
        ctx: &Context<'_>,
        annee: Option<i32>,
    ) -> async_graphql::Result<Rapport> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let annee = annee.unwrap_or_else(|| today().year());
        let calcule = service::calculer(db, acteur, annee, today()).await.graphql()?;
        let envoye_le = service::envoye_le(db, acteur, annee).await.graphql()?;
        Ok(rapport(calcule, envoye_le))
    }

    /// The coordinators of the caller's zone (préfecture: its département; hub and SGAR: its région; ANCT:
    /// everywhere) and whether each sent its report of the year; those who did not come first.
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT".into()))]
    async fn rapports_annuels(
        &self,
        ctx: &Context<'_>,
        annee: i32,
    ) -> async_graphql::Result<Vec<SuiviRapport>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let suivi = service::suivi(db, actor(ctx)?, annee).await.graphql()?;
        Ok(suivi
            .into_iter()
            .map(|s| SuiviRapport {
                coordinateur_id: ID(s.coordinateur_id.to_string()),
                coordinateur: s.coordinateur,
                structure: s.structure,
                departement_code: s.departement_code,
                envoye_le: s.envoye_le,
            })
            .collect())
    }

    /// A report as its coordinator sent it, for an agent of its zone.
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT".into()))]
    async fn rapport_annuel_recu(
        &self,
        ctx: &Context<'_>,
        coordinateur_id: ID,
        annee: i32,
    ) -> async_graphql::Result<Rapport> {
        let db = ctx.data::<DatabaseConnection>()?;
        let id: i64 = coordinateur_id
            .parse()
            .map_err(|_| AppError::Introuvable("Ce rapport n’a pas été envoyé.".to_owned()).into_graphql())?;
        let (recu, envoye_le) = service::recu(db, actor(ctx)?, id, annee).await.graphql()?;
        Ok(rapport(recu, Some(envoye_le)))
    }
}

/// Report mutations.
#[derive(Default)]
pub struct RapportMutation;

#[Object]
impl RapportMutation {
    /// Sends the calling coordinator's report of a year to its préfecture, as it stands today (sending again
    /// replaces it); returns when.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn envoyer_rapport_annuel(
        &self,
        ctx: &Context<'_>,
        annee: i32,
    ) -> async_graphql::Result<DateTime<Utc>> {
        in_transaction(ctx, async |txn, acteur| {
            service::envoyer(txn, acteur, annee, today()).await
        })
        .await
    }
}

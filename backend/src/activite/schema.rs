//! GraphQL: a conseiller records its accompaniments; a coordinator sees its team, their aggregates, and
//! reminds those who have not reported this month.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use chrono::{Datelike, NaiveDate};
use maillage_shared::activite::{Canal, TypeAccompagnement};
use sea_orm::DatabaseConnection;

use super::cumul::Totals;
use super::service::{self, Accompagnement};
use crate::error::GraphqlResult;
use crate::graphql::context::{actor, in_transaction, today};
use crate::graphql::regles::autorise;

/// An accompaniment to record.
#[derive(InputObject)]
pub struct AccompagnementEntree {
    pub date: NaiveDate,
    pub type_accompagnement: TypeAccompagnement,
    pub canal: Canal,
    /// Among the standard's services (`maillage_shared::activite::THEMES`).
    pub themes: Vec<String>,
    pub duree_minutes: i32,
    #[graphql(default = 1)]
    pub participants: i32,
    /// INSEE code of the commune where it took place, if known.
    pub commune_code: Option<String>,
}

/// Counts of accompaniments under a key (a person, a month, a theme, a commune).
#[derive(SimpleObject)]
pub struct TotalActivite {
    pub cle: String,
    pub accompagnements: i64,
    pub participants: i64,
    pub minutes: i64,
}

/// The team's activity of a year.
#[derive(SimpleObject)]
pub struct AgregatsEquipe {
    pub annee: i32,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub par_conseiller: Vec<TotalActivite>,
    /// Keys are month numbers, 1 to 12.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub par_mois: Vec<TotalActivite>,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub par_theme: Vec<TotalActivite>,
    /// Keys are INSEE codes.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub par_commune: Vec<TotalActivite>,
    /// Share of the team with at least one accompaniment this month, 0 to 1.
    pub taux_completion_mois: f64,
}

fn totaux<K: ToString>(groupes: std::collections::BTreeMap<K, Totals>) -> Vec<TotalActivite> {
    groupes
        .into_iter()
        .map(|(cle, t)| TotalActivite {
            cle: cle.to_string(),
            accompagnements: t.accompagnements,
            participants: t.participants,
            minutes: t.minutes,
        })
        .collect()
}

/// Activity queries.
#[derive(Default)]
pub struct ActiviteQuery;

#[Object]
impl ActiviteQuery {
    /// The team's accompaniments of a year (default: this year) by conseiller, month, theme and commune.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn activite_equipe(
        &self,
        ctx: &Context<'_>,
        annee: Option<i32>,
    ) -> async_graphql::Result<AgregatsEquipe> {
        let db = ctx.data::<DatabaseConnection>()?;
        let annee = annee.unwrap_or_else(|| today().year());
        let agregats = service::agregats(db, actor(ctx)?, annee, today())
            .await
            .graphql()?;
        Ok(AgregatsEquipe {
            annee,
            par_conseiller: totaux(agregats.par_conseiller),
            par_mois: totaux(agregats.par_mois),
            par_theme: totaux(agregats.par_theme),
            par_commune: totaux(agregats.par_commune),
            taux_completion_mois: agregats.taux_completion_mois,
        })
    }
}

/// A line of an imported file that was refused.
#[derive(SimpleObject)]
pub struct LigneRefusee {
    /// Line number in the file (the header is line 1).
    pub ligne: i32,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub motif: String,
}

/// What an import did.
#[derive(SimpleObject)]
pub struct BilanImportActivites {
    /// Accompaniments recorded.
    pub importes: i32,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub lignes_refusees: Vec<LigneRefusee>,
}

/// Activity mutations.
#[derive(Default)]
pub struct ActiviteMutation;

#[Object]
impl ActiviteMutation {
    /// Records an accompaniment of the calling conseiller.
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    async fn enregistrer_activite(
        &self,
        ctx: &Context<'_>,
        accompagnement: AccompagnementEntree,
        #[graphql(desc = "Sent again with a retry, the same key records the accompaniment only once.")]
        cle_idempotence: Option<String>,
    ) -> async_graphql::Result<bool> {
        let accompagnement = Accompagnement {
            date: accompagnement.date,
            type_accompagnement: accompagnement.type_accompagnement,
            canal: accompagnement.canal,
            themes: accompagnement.themes,
            duree_minutes: accompagnement.duree_minutes,
            participants: accompagnement.participants,
            commune_code: accompagnement.commune_code,
        };
        in_transaction(ctx, async |txn, acteur| {
            const OPERATION: &str = "enregistrerActivite";
            if let Some(cle) = &cle_idempotence
                && let Some(id) =
                    crate::idempotence::deja_fait(txn, acteur.utilisateur_id, cle, OPERATION).await?
            {
                return Ok(id);
            }
            let id = service::enregistrer(txn, acteur, &accompagnement, today()).await?;
            if let Some(cle) = &cle_idempotence {
                crate::idempotence::retenir(txn, acteur.utilisateur_id, cle, OPERATION, id).await?;
            }
            Ok(id)
        })
        .await?;
        Ok(true)
    }

    /// Imports the calling conseiller's accompaniments from a CSV file's text (header
    /// `date;type;canal;themes;duree_minutes;participants;code_insee`, themes separated by `|`). Bad lines are
    /// reported with their number and reason; the good ones are recorded, unless `toutOuRien` is set, in which
    /// case nothing is recorded while a line is bad.
    #[graphql(directive = autorise::apply("CONSEILLER".into()))]
    async fn importer_activites(
        &self,
        ctx: &Context<'_>,
        contenu: String,
        #[graphql(desc = "Record nothing while a line is bad (default: record the good lines).")]
        tout_ou_rien: Option<bool>,
    ) -> async_graphql::Result<BilanImportActivites> {
        let tout_ou_rien = tout_ou_rien.unwrap_or(false);
        let bilan = in_transaction(ctx, async |txn, acteur| {
            super::import::importer(txn, acteur, contenu.as_bytes(), tout_ou_rien, today()).await
        })
        .await?;
        Ok(BilanImportActivites {
            importes: i32::try_from(bilan.importes).unwrap_or(i32::MAX),
            lignes_refusees: bilan
                .erreurs
                .into_iter()
                .map(|e| LigneRefusee {
                    ligne: i32::try_from(e.ligne).unwrap_or(i32::MAX),
                    motif: e.motif,
                })
                .collect(),
        })
    }

    /// Reminds the conseillers of the calling préfecture's département who recorded nothing this month, in
    /// the app and by email (twice a day at most); returns how many.
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn relancer_sans_compte_rendu(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let relances = in_transaction(ctx, async |txn, acteur| {
            service::relancer_le_departement(txn, acteur, today()).await
        })
        .await?;
        Ok(i32::try_from(relances).unwrap_or(i32::MAX))
    }

    /// Reminds the team members with no accompaniment this month; returns how many.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn relancer_equipe(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let relances = in_transaction(ctx, async |txn, acteur| {
            service::relancer(txn, acteur, today()).await
        })
        .await?;
        Ok(i32::try_from(relances).unwrap_or(i32::MAX))
    }
}

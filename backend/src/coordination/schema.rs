//! GraphQL: the coordinator records its actions and reads its year, records its bilateral meetings and
//! writes to its team; the people invited to meeting days read them and register.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{Datelike, NaiveDate};
use maillage_shared::coordination::{AxeMission, NatureAction};
use sea_orm::DatabaseConnection;

use super::animation::{self, EntretienLu, NouvelEntretien};
use super::entity::message_equipe;
use super::service::{self, ActionLue, NouvelleAction};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, in_transaction, numeric_id, today};
use crate::graphql::regles::autorise;

/// An action to record.
#[derive(InputObject)]
pub struct ActionEntree {
    pub nature: NatureAction,
    pub axe: AxeMission,
    pub titre: String,
    pub date: NaiveDate,
    #[graphql(default)]
    pub lieu: String,
    #[graphql(default)]
    pub description: String,
    /// Partners involved (France Travail, mission locale, France services…), free text.
    #[graphql(default)]
    pub partenaires: String,
}

/// An action of a coordinator.
#[derive(SimpleObject)]
pub struct ActionCoordination {
    pub id: ID,
    pub nature: NatureAction,
    pub axe: AxeMission,
    pub titre: String,
    pub date: NaiveDate,
    pub lieu: String,
    pub description: String,
    pub partenaires: String,
    /// "Prénom Nom" of the coordinator who organises it.
    pub organisateur: String,
    pub departement_code: String,
    /// People registered (meeting days).
    pub inscrits: i64,
    /// The caller registered.
    pub inscrit: bool,
}

impl TryFrom<ActionLue> for ActionCoordination {
    type Error = AppError;

    fn try_from(lue: ActionLue) -> Result<Self, AppError> {
        let a = lue.action;
        let illisible =
            |quoi: &str| AppError::Internal(anyhow::anyhow!("{quoi} illisible pour l’action {}", a.id));
        Ok(Self {
            id: ID(a.id.to_string()),
            nature: NatureAction::parse(&a.nature).ok_or_else(|| illisible("nature"))?,
            axe: AxeMission::parse(&a.axe).ok_or_else(|| illisible("axe"))?,
            titre: a.titre,
            date: a.date,
            lieu: a.lieu,
            description: a.description,
            partenaires: a.partenaires,
            organisateur: lue.organisateur,
            departement_code: a.departement_code,
            inscrits: lue.inscrits,
            inscrit: lue.inscrit,
        })
    }
}

fn en_graphql(actions: Vec<ActionLue>) -> Result<Vec<ActionCoordination>, AppError> {
    actions.into_iter().map(ActionCoordination::try_from).collect()
}

/// A bilateral meeting of the coordinator with a member of its team.
#[derive(SimpleObject)]
pub struct Entretien {
    pub id: ID,
    /// The account of the conseiller or médiateur met.
    pub personne_id: ID,
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub personne: String,
    pub date: NaiveDate,
    /// Read by their author alone.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub notes: String,
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub prochaine_etape: String,
}

impl From<EntretienLu> for Entretien {
    fn from(lu: EntretienLu) -> Self {
        Self {
            id: ID(lu.entretien.id.to_string()),
            personne_id: ID(lu.entretien.personne_id.to_string()),
            personne: lu.personne,
            date: lu.entretien.date,
            notes: lu.entretien.notes,
            prochaine_etape: lu.entretien.prochaine_etape,
        }
    }
}

/// A bilateral meeting to record.
#[derive(InputObject)]
pub struct EntretienEntree {
    /// The account of the member met (`MembreEquipe.personneId`).
    pub personne_id: ID,
    pub date: NaiveDate,
    #[graphql(default)]
    pub notes: String,
    #[graphql(default)]
    pub prochaine_etape: String,
}

/// A message the coordinator sent to its team.
#[derive(SimpleObject)]
pub struct MessageEquipe {
    pub id: ID,
    pub objet: String,
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub texte: String,
    /// How many people received it.
    pub destinataires: i32,
    pub envoye_le: chrono::DateTime<chrono::Utc>,
}

impl From<message_equipe::Model> for MessageEquipe {
    fn from(m: message_equipe::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            objet: m.objet,
            texte: m.texte,
            destinataires: m.destinataires,
            envoye_le: m.envoye_le,
        }
    }
}

/// Coordination queries.
#[derive(Default)]
pub struct CoordinationQuery;

#[Object]
impl CoordinationQuery {
    /// The calling coordinator's actions of a year (default: this year), by date (role COORDINATEUR).
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn mes_actions_de_coordination(
        &self,
        ctx: &Context<'_>,
        annee: Option<i32>,
    ) -> async_graphql::Result<Vec<ActionCoordination>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let annee = annee.unwrap_or_else(|| today().year());
        let actions = service::de_l_annee(db, actor(ctx)?, annee).await.graphql()?;
        en_graphql(actions).graphql()
    }

    /// The calling coordinator's bilateral meetings, newest first; only their author reads them (role
    /// COORDINATEUR).
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn mes_entretiens(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Entretien>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let lus = animation::mes_entretiens(db, actor(ctx)?).await.graphql()?;
        Ok(lus.into_iter().map(Entretien::from).collect())
    }

    /// The messages sent to the team of the calling coordinator's post, newest first (role COORDINATEUR).
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn mes_messages_a_l_equipe(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MessageEquipe>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let messages = animation::messages(db, actor(ctx)?).await.graphql()?;
        Ok(messages.into_iter().map(MessageEquipe::from).collect())
    }

    /// The meeting days the caller is invited to (préfecture and coordinators of the département, hub of the
    /// région), from a month ago on.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn journees_de_rencontre(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<ActionCoordination>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let depuis = today() - chrono::Days::new(31);
        let actions = service::journees(db, actor(ctx)?, depuis).await.graphql()?;
        en_graphql(actions).graphql()
    }
}

/// Coordination mutations.
#[derive(Default)]
pub struct CoordinationMutation;

#[Object]
impl CoordinationMutation {
    /// Records an action of the calling coordinator; a meeting day invites the préfecture, the hub and the
    /// département's other coordinators.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn enregistrer_action_de_coordination(
        &self,
        ctx: &Context<'_>,
        action: ActionEntree,
    ) -> async_graphql::Result<ActionCoordination> {
        let nouvelle = NouvelleAction {
            nature: action.nature,
            axe: action.axe,
            titre: action.titre,
            date: action.date,
            lieu: action.lieu,
            description: action.description,
            partenaires: action.partenaires,
        };
        in_transaction(ctx, async |txn, acteur| {
            let action = service::enregistrer(txn, acteur, &nouvelle, today()).await?;
            ActionCoordination::try_from(ActionLue {
                organisateur: format!("{} {}", acteur.prenom, acteur.nom),
                action,
                inscrits: 0,
                inscrit: false,
            })
        })
        .await
    }

    /// Records a bilateral meeting with a conseiller or médiateur of the calling coordinator's team: the day,
    /// notes only its author reads, the next step (role COORDINATEUR).
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn enregistrer_entretien(
        &self,
        ctx: &Context<'_>,
        entretien: EntretienEntree,
    ) -> async_graphql::Result<Entretien> {
        let nouvel = NouvelEntretien {
            personne_id: numeric_id(&entretien.personne_id).graphql()?,
            date: entretien.date,
            notes: entretien.notes,
            prochaine_etape: entretien.prochaine_etape,
        };
        in_transaction(ctx, async |txn, acteur| {
            animation::enregistrer_entretien(txn, acteur, &nouvel, today()).await
        })
        .await
        .map(Entretien::from)
    }

    /// Sends a message to the calling coordinator's whole team (`destinataires` empty) or to these members
    /// (`MembreEquipe.personneId`), each told in the app and by email; ten a day (role COORDINATEUR).
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn envoyer_message_a_l_equipe(
        &self,
        ctx: &Context<'_>,
        objet: String,
        texte: String,
        #[graphql(default)] destinataires: Vec<ID>,
    ) -> async_graphql::Result<MessageEquipe> {
        let ids = destinataires
            .iter()
            .map(numeric_id)
            .collect::<Result<Vec<i64>, AppError>>()
            .graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            animation::envoyer_message(txn, acteur, &objet, &texte, &ids, today()).await
        })
        .await
        .map(MessageEquipe::from)
    }

    /// Registers the caller to a meeting day it is invited to (`inscrit: false` withdraws); returns the
    /// registration.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn s_inscrire_a_une_journee(
        &self,
        ctx: &Context<'_>,
        action_id: ID,
        inscrit: bool,
    ) -> async_graphql::Result<bool> {
        let id: i64 = action_id.parse().map_err(|_| {
            AppError::Introuvable("Journée de rencontre introuvable.".to_owned()).into_graphql()
        })?;
        in_transaction(ctx, async |txn, acteur| {
            service::inscrire(txn, acteur, id, inscrit, today()).await
        })
        .await
    }
}

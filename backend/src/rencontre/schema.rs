//! GraphQL: the hub announces its région's rencontres, the préfecture its département's meeting days; the
//! organiser writes their minutes or cancels them and reads who registered; coordinators register and relay
//! training sessions to their team, whose members register their interest.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use maillage_shared::coordination::NatureRencontre;
use sea_orm::DatabaseConnection;

use super::service::{self, NouvelleRencontre, Participant, RencontreLue};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, in_transaction, numeric_id, today};
use crate::graphql::regles::autorise;

/// A rencontre to announce.
#[derive(InputObject)]
pub struct RencontreEntree {
    pub nature: NatureRencontre,
    pub titre: String,
    /// Today or within the year to come.
    pub date: NaiveDate,
    #[graphql(default)]
    pub lieu: String,
    #[graphql(default)]
    pub description: String,
}

/// A working group, regional event or continuing-training session a hub organises, or a meeting day of a
/// préfecture.
#[derive(SimpleObject)]
pub struct RencontreRegionale {
    pub id: ID,
    pub nature: NatureRencontre,
    pub titre: String,
    pub date: NaiveDate,
    pub lieu: String,
    pub description: String,
    pub region_code: String,
    /// The département of a préfecture's meeting day; none for the hub's regional rencontres.
    pub departement_code: Option<String>,
    /// "Prénom Nom" of the agent who announced it.
    pub organisateur: String,
    /// Written by the hub once it took place.
    pub compte_rendu: Option<String>,
    /// People registered.
    pub inscrits: i64,
    /// The caller registered (for a member of a team: its interest).
    pub inscrit: bool,
    /// Members of its team the calling coordinator relayed it to.
    pub relayee_a: i64,
    /// Of them, how many registered their interest.
    pub interesses: i64,
}

impl From<RencontreLue> for RencontreRegionale {
    fn from(lue: RencontreLue) -> Self {
        let r = lue.rencontre;
        Self {
            id: ID(r.id.to_string()),
            nature: lue.nature,
            titre: r.titre,
            date: r.date,
            lieu: r.lieu,
            description: r.description,
            region_code: r.region_code,
            departement_code: r.departement_code,
            organisateur: lue.organisateur,
            compte_rendu: r.compte_rendu,
            inscrits: lue.inscrits,
            inscrit: lue.inscrit,
            relayee_a: lue.relayee_a,
            interesses: lue.interesses,
        }
    }
}

/// A person registered to a rencontre, as its organiser reads them.
#[derive(SimpleObject)]
pub struct ParticipantRencontre {
    #[graphql(directive = autorise::apply("HUB PREFECTURE ANCT".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("HUB PREFECTURE ANCT".into()))]
    pub nom: String,
    #[graphql(directive = autorise::apply("HUB PREFECTURE ANCT".into()))]
    pub email: String,
    /// Registered through a coordinator's relay (a member of a team), not as a coordinator of the région.
    pub par_relais: bool,
    pub inscrit_le: chrono::DateTime<chrono::Utc>,
}

impl From<Participant> for ParticipantRencontre {
    fn from(p: Participant) -> Self {
        Self {
            prenom: p.personne.prenom,
            nom: p.personne.nom,
            email: p.personne.email,
            par_relais: p.par_relais,
            inscrit_le: p.inscrit_le,
        }
    }
}

fn identifiant(id: &ID) -> Result<i64, AppError> {
    numeric_id(id).map_err(|_| AppError::Introuvable("Rencontre introuvable.".to_owned()))
}

/// Rencontres queries.
#[derive(Default)]
pub struct RencontreQuery;

#[Object]
impl RencontreQuery {
    /// The rencontres the caller reads, from a year ago on, by date: the hub and SGAR those of their région,
    /// a coordinator those of its région and its département, a préfecture its département's meeting days, a
    /// conseiller or médiateur the training sessions relayed to them, ANCT all.
    #[graphql(directive = autorise::apply("HUB SGAR PREFECTURE COORDINATEUR CONSEILLER MEDIATEUR ANCT".into()))]
    async fn rencontres_regionales(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<RencontreRegionale>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let depuis = today() - chrono::Days::new(366);
        let lues = service::lister(db, actor(ctx)?, depuis).await.graphql()?;
        Ok(lues.into_iter().map(RencontreRegionale::from).collect())
    }

    /// Who registered to a rencontre, first registered first (its organiser, ANCT).
    #[graphql(directive = autorise::apply("HUB PREFECTURE ANCT".into()))]
    async fn participants_a_la_rencontre(
        &self,
        ctx: &Context<'_>,
        rencontre_id: ID,
    ) -> async_graphql::Result<Vec<ParticipantRencontre>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let id = identifiant(&rencontre_id).graphql()?;
        let participants = service::participants(db, actor(ctx)?, id).await.graphql()?;
        Ok(participants.into_iter().map(ParticipantRencontre::from).collect())
    }
}

/// Rencontres mutations.
#[derive(Default)]
pub struct RencontreMutation;

#[Object]
impl RencontreMutation {
    /// Announces a rencontre: a hub's working group, event or training session invites the coordinators of its
    /// région; a préfecture's meeting day (`JOURNEE_DEPARTEMENTALE`) those of its département and tells the
    /// hub; in the app and by email, twenty a day.
    #[graphql(directive = autorise::apply("HUB PREFECTURE".into()))]
    async fn annoncer_une_rencontre(
        &self,
        ctx: &Context<'_>,
        rencontre: RencontreEntree,
    ) -> async_graphql::Result<RencontreRegionale> {
        let nouvelle = NouvelleRencontre {
            nature: rencontre.nature,
            titre: rencontre.titre,
            date: rencontre.date,
            lieu: rencontre.lieu,
            description: rencontre.description,
        };
        in_transaction(ctx, async |txn, acteur| {
            service::annoncer(txn, acteur, &nouvelle, today()).await
        })
        .await
        .map(RencontreRegionale::from)
    }

    /// Registers the caller to a rencontre it is invited to (`inscrit: false` withdraws): a coordinator of
    /// the région; a member of a team to a training session relayed to them.
    #[graphql(directive = autorise::apply("COORDINATEUR CONSEILLER MEDIATEUR".into()))]
    async fn s_inscrire_a_une_rencontre(
        &self,
        ctx: &Context<'_>,
        rencontre_id: ID,
        inscrit: bool,
    ) -> async_graphql::Result<RencontreRegionale> {
        let id = identifiant(&rencontre_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            service::inscrire(txn, acteur, id, inscrit, today()).await
        })
        .await
        .map(RencontreRegionale::from)
    }

    /// Relays a training session of the région to the calling coordinator's whole team (`destinataires`
    /// empty) or to these members (`MembreEquipe.personneId`), each told in the app and by email; ten a day.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn relayer_une_formation(
        &self,
        ctx: &Context<'_>,
        rencontre_id: ID,
        #[graphql(default)] destinataires: Vec<ID>,
    ) -> async_graphql::Result<RencontreRegionale> {
        let id = identifiant(&rencontre_id).graphql()?;
        let ids = destinataires
            .iter()
            .map(numeric_id)
            .collect::<Result<Vec<i64>, AppError>>()
            .graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            service::relayer(txn, acteur, id, &ids, today()).await
        })
        .await
        .map(RencontreRegionale::from)
    }

    /// Writes the minutes of a rencontre that took place (its organiser); the registered are told the first
    /// time.
    #[graphql(directive = autorise::apply("HUB PREFECTURE".into()))]
    async fn ecrire_compte_rendu_de_rencontre(
        &self,
        ctx: &Context<'_>,
        rencontre_id: ID,
        compte_rendu: String,
    ) -> async_graphql::Result<RencontreRegionale> {
        let id = identifiant(&rencontre_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            service::ecrire_compte_rendu(txn, acteur, id, &compte_rendu, today()).await
        })
        .await
        .map(RencontreRegionale::from)
    }

    /// Cancels a rencontre still to come (its organiser); the registered and those it was relayed to are told.
    /// Returns its id.
    #[graphql(directive = autorise::apply("HUB PREFECTURE".into()))]
    async fn annuler_une_rencontre(&self, ctx: &Context<'_>, rencontre_id: ID) -> async_graphql::Result<ID> {
        let id = identifiant(&rencontre_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            service::annuler(txn, acteur, id, today()).await
        })
        .await?;
        Ok(rencontre_id)
    }
}

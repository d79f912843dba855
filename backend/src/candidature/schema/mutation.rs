//! Candidature mutations, each in one transaction with its audit entry: the draft, consultations, filing,
//! co-porteurs, the préfecture's avis, the SGAR's opinion and ANCT's decision.

use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;
use maillage_shared::candidature::{Action, Formulaire, ReponseConsultation};

use super::DecisionAnct;
use super::candidature::Candidature;
use super::{Consultation, FormulaireCandidatureEntree};
use crate::candidature::acces;
use crate::candidature::brouillon;
use crate::candidature::consultations;
use crate::candidature::coportage;
use crate::candidature::dossier;
use crate::candidature::instruction;
use crate::error::GraphqlResult;
use crate::graphql::context::{in_transaction, numeric_id, today};
use crate::graphql::regles::autorise;

/// Candidature mutations.
#[derive(Default)]
pub struct CandidatureMutation;

#[Object]
impl CandidatureMutation {
    /// Starts the structure's draft for the open call.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn creer_candidature(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Sent again with a retry, the same key answers the draft created the first time.")]
        cle_idempotence: Option<String>,
    ) -> async_graphql::Result<Candidature> {
        in_transaction(ctx, async |txn, acteur| {
            const OPERATION: &str = "creerCandidature";
            if let Some(cle) = &cle_idempotence
                && let Some(id) =
                    crate::idempotence::deja_fait(txn, acteur.utilisateur_id, cle, OPERATION).await?
            {
                return acces::lire(txn, acteur, id).await;
            }
            let creee = brouillon::creer(txn, acteur, today()).await?;
            if let Some(cle) = &cle_idempotence {
                crate::idempotence::retenir(txn, acteur.utilisateur_id, cle, OPERATION, creee.id).await?;
            }
            Ok(creee)
        })
        .await
        .map(Into::into)
    }

    /// Saves the draft's form.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn modifier_candidature(
        &self,
        ctx: &Context<'_>,
        id: ID,
        formulaire: FormulaireCandidatureEntree,
    ) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&id).graphql()?;
        let formulaire = Formulaire::from(formulaire);
        in_transaction(ctx, async |txn, acteur| {
            brouillon::modifier(txn, acteur, id, &formulaire).await
        })
        .await
        .map(Into::into)
    }

    /// Records the consultation of an employer of conseillers numériques of the perimeter.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn enregistrer_consultation(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        structure_id: ID,
        consultee_le: NaiveDate,
        reponse: ReponseConsultation,
        #[graphql(default)] commentaire: String,
    ) -> async_graphql::Result<Consultation> {
        let candidature_id = numeric_id(&candidature_id).graphql()?;
        let structure_id = numeric_id(&structure_id).graphql()?;
        let nouvelle = consultations::NouvelleConsultation {
            structure_id,
            consultee_le,
            reponse,
            commentaire,
        };
        in_transaction(ctx, async |txn, acteur| {
            consultations::enregistrer_consultation(txn, acteur, candidature_id, &nouvelle, today()).await
        })
        .await
        .map(Into::into)
    }

    /// Files the draft (call open, form complete, consultations recorded, structure eligible).
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn deposer_candidature(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            instruction::deposer(txn, acteur, id, today()).await
        })
        .await
        .map(Into::into)
    }

    /// The préfecture of the candidature's département gives its avis (comment of 10 to 1000 characters), or
    /// changes it until ANCT decides.
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn donner_avis(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        favorable: bool,
        commentaire: String,
    ) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            instruction::donner_avis(txn, acteur, id, favorable, &commentaire).await
        })
        .await
        .map(Into::into)
    }

    /// The SGAR of the candidature's région gives its consultative opinion (comment of 10 to 1000
    /// characters) while the candidature is instructed, or changes it; ANCT reads it beside the préfecture's
    /// avis.
    #[graphql(directive = autorise::apply("SGAR".into()))]
    async fn donner_avis_sgar(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        favorable: bool,
        commentaire: String,
    ) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            instruction::donner_avis_sgar(txn, acteur, id, favorable, &commentaire).await
        })
        .await
        .map(Into::into)
    }

    /// The structure that writes the candidature invites a structure registered on Maillage, by SIRET, to
    /// carry it with it (until ANCT decides); the invited structure is told in the app and by email (20
    /// invitations an hour per person).
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn inviter_co_porteur(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        siret: String,
    ) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            coportage::inviter(txn, acteur, id, &siret).await?;
            acces::lire(txn, acteur, id).await
        })
        .await
        .map(Into::into)
    }

    /// Proposes that two overlapping candidatures in instruction become one joint candidature (the préfecture
    /// of the département, ANCT): each structure is told of the other, in the app and by email, with a link
    /// that prepares the invitation; twenty a day. Returns the first candidature.
    #[graphql(directive = autorise::apply("PREFECTURE ANCT".into()))]
    async fn proposer_de_reunir_les_candidatures(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        autre_candidature_id: ID,
    ) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        let autre = numeric_id(&autre_candidature_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            coportage::proposer_de_reunir(txn, acteur, id, autre).await?;
            acces::lire(txn, acteur, id).await
        })
        .await
        .map(Into::into)
    }

    /// The invited structure confirms (`confirme: true`) or declines carrying the candidature; the structure
    /// that writes it is told.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn repondre_invitation_co_porteur(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        confirme: bool,
    ) -> async_graphql::Result<bool> {
        let id = numeric_id(&candidature_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            coportage::repondre(txn, acteur, id, confirme).await
        })
        .await?;
        Ok(confirme)
    }

    /// The structure that writes the candidature withdraws an invitation or a co-porteur; a co-porteur
    /// withdraws itself (until ANCT decides).
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn retirer_co_porteur(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        structure_id: ID,
    ) -> async_graphql::Result<bool> {
        let id = numeric_id(&candidature_id).graphql()?;
        let structure = numeric_id(&structure_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            coportage::retirer(txn, acteur, id, structure).await
        })
        .await?;
        Ok(true)
    }

    /// ANCT validates or refuses, with its reason (10 to 1000 characters): after the préfecture's avis, or
    /// without it once the préfecture has had `[instruction] delai_avis_mois` months since filing
    /// (`Candidature.decisionSansAvisLe`); such a decision is recorded « sans avis ».
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn decider_candidature(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        decision: DecisionAnct,
        motif: String,
    ) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        let validee = decision == DecisionAnct::Validee;
        let delai_avis_mois = ctx
            .data::<crate::settings::InstructionSettings>()?
            .delai_avis_mois;
        in_transaction(ctx, async |txn, acteur| {
            instruction::decider(txn, acteur, id, validee, &motif, today(), delai_avis_mois).await
        })
        .await
        .map(Into::into)
    }

    /// ANCT closes a candidature without deciding (« classée sans suite »), until the decision, with its
    /// reason (10 to 1000 characters); the structure and the préfecture are notified.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn classer_sans_suite(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        motif: String,
    ) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            instruction::clore(txn, acteur, id, Action::ClasserSansSuite, &motif).await
        })
        .await
        .map(Into::into)
    }

    /// The structure withdraws its candidature before the decision, with its reason (10 to 1000
    /// characters); the préfecture and ANCT are notified.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn retirer_candidature(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        motif: String,
    ) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            instruction::clore(txn, acteur, id, Action::Retirer, &motif).await
        })
        .await
        .map(Into::into)
    }

    /// Writes a message on a candidature during its instruction (the structure, the préfecture of its
    /// département, ANCT), with the documents the author attached for it (`POST
    /// /candidatures/{id}/pieces`); the other parties are notified. At most 30 messages an hour.
    #[graphql(directive = autorise::apply("STRUCTURE PREFECTURE ANCT".into()))]
    async fn envoyer_message(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        texte: String,
        pieces: Option<Vec<ID>>,
    ) -> async_graphql::Result<super::dossier::MessageCandidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        let pieces = pieces
            .unwrap_or_default()
            .iter()
            .map(numeric_id)
            .collect::<Result<Vec<_>, _>>()
            .graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            let message = dossier::ecrire(txn, acteur, id, &texte, &pieces).await?;
            let jointes = dossier::pieces(txn, id).await?;
            Ok(super::dossier::MessageCandidature::new(message, &jointes))
        })
        .await
    }

    /// The structure removes one of its documents while the candidature is a draft.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn retirer_piece(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let id = numeric_id(&id).graphql()?;
        let cle = in_transaction(ctx, async |txn, acteur| {
            dossier::retirer_piece(txn, acteur, id).await
        })
        .await?;
        // Once the record is gone; bytes left behind by a failure here are unreachable.
        let stockage = ctx.data::<crate::stockage::Stockage>()?;
        if let Err(erreur) = stockage.retirer(&cle).await {
            tracing::warn!(error = ?erreur, cle, "pièce retirée restée dans le stockage");
        }
        Ok(true)
    }
}

//! The poste mutations, each in one transaction with its audit entry.

use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;
use maillage_shared::poste::{Obligations, StatutRecrutement};
use sea_orm::DatabaseConnection;

use super::{ContactRecu, Coordinateur, personne, vue_recrutement};
use super::{
    Convention, InscriptionCandidatEntree, ObligationsEntree, ProfilCandidatEntree, Recrutement, Versement,
};
use crate::compte::schema::Moi;
use crate::compte::service as compte;
use crate::error::GraphqlResult;
use crate::graphql::context::{in_transaction, numeric_id, today};
use crate::graphql::regles::autorise;
use crate::poste::conventionnement::Geste;
use crate::poste::recrutement::Etape;
use crate::poste::vivier::Profil;
use crate::poste::{conventionnement, fin, obligations, recrutement, vivier};

/// Mutations of the post-decision workflow.
#[derive(Default)]
pub struct PosteMutation;

#[Object]
impl PosteMutation {
    /// Registers a person in the candidate pool and logs them in.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn inscription_candidat(
        &self,
        ctx: &Context<'_>,
        entree: InscriptionCandidatEntree,
    ) -> async_graphql::Result<Moi> {
        let db = ctx.data::<DatabaseConnection>()?;
        let profil = Profil::from(entree.profil);
        let txn = crate::database::ecriture(db).await.graphql()?;
        let personne = vivier::inscrire_candidat(
            &txn,
            &entree.email,
            &entree.mot_de_passe,
            &entree.prenom,
            &entree.nom,
            &profil,
        )
        .await
        .graphql()?;
        crate::compte::liens::demander_verification(&txn, &personne)
            .await
            .graphql()?;
        let token = compte::ouvrir_session(&txn, personne.id).await.graphql()?;
        let mut entree = crate::journal::du_champ(ctx, None);
        entree.acteur_id = Some(personne.id);
        crate::journal::consigner(&txn, &entree).await.graphql()?;
        txn.commit().await.graphql()?;
        crate::compte::schema::repondre_connecte(ctx, &token).await
    }

    /// Updates the caller's profile; `visible: false` withdraws it from searches.
    #[graphql(directive = autorise::apply("CANDIDAT avant_verification".into()))]
    async fn modifier_profil_candidat(
        &self,
        ctx: &Context<'_>,
        profil: ProfilCandidatEntree,
    ) -> async_graphql::Result<bool> {
        let profil = Profil::from(profil);
        in_transaction(ctx, async |txn, acteur| {
            vivier::modifier_profil(txn, acteur, &profil).await
        })
        .await?;
        Ok(true)
    }

    /// Deletes the caller's profile and the contacts made with it.
    #[graphql(directive = autorise::apply("CANDIDAT avant_verification".into()))]
    async fn supprimer_profil_candidat(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        in_transaction(ctx, async |txn, acteur| {
            vivier::supprimer_profil(txn, acteur).await
        })
        .await?;
        Ok(true)
    }

    /// The contacted person accepts a structure's contact (the recruitment may then go on) or declines it;
    /// she alone answers, once.
    #[graphql(directive = autorise::apply("CANDIDAT".into()))]
    async fn repondre_a_un_contact(
        &self,
        ctx: &Context<'_>,
        recrutement_id: ID,
        accepte: bool,
    ) -> async_graphql::Result<ContactRecu> {
        let recrutement_id = numeric_id(&recrutement_id).graphql()?;
        let contact = in_transaction(ctx, async |txn, acteur| {
            vivier::repondre_au_contact(txn, acteur, recrutement_id, accepte).await
        })
        .await?;
        Ok(contact.into())
    }

    /// The structure contacts a candidate for its validated post.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn contacter_candidat(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        profil_id: ID,
    ) -> async_graphql::Result<Recrutement> {
        let candidature_id = numeric_id(&candidature_id).graphql()?;
        let profil_id = numeric_id(&profil_id).graphql()?;
        let row = in_transaction(ctx, async |txn, acteur| {
            recrutement::contacter(txn, acteur, candidature_id, profil_id).await
        })
        .await?;
        vue_recrutement(ctx.data::<DatabaseConnection>()?, row).await
    }

    /// Moves a recruitment one step (RECRUTEE takes a post within the quota; FINALISEE puts the coordinator
    /// in post).
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn changer_statut_recrutement(
        &self,
        ctx: &Context<'_>,
        recrutement_id: ID,
        statut: StatutRecrutement,
        contrat: Option<String>,
        debut: Option<NaiveDate>,
        fin: Option<NaiveDate>,
    ) -> async_graphql::Result<Recrutement> {
        let id = numeric_id(&recrutement_id).graphql()?;
        let etape = Etape { contrat, debut, fin };
        let row = in_transaction(ctx, async |txn, acteur| {
            recrutement::faire_avancer(txn, acteur, id, statut, &etape, today()).await
        })
        .await?;
        vue_recrutement(ctx.data::<DatabaseConnection>()?, row).await
    }

    /// "Attribuer un rôle de coordinateur" to one of the structure's conseillers, within the quota.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn attribuer_role_coordinateur(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        conseiller_id: ID,
    ) -> async_graphql::Result<Coordinateur> {
        let candidature_id = numeric_id(&candidature_id).graphql()?;
        let conseiller_id = numeric_id(&conseiller_id).graphql()?;
        let row = in_transaction(ctx, async |txn, acteur| {
            recrutement::attribuer_role(txn, acteur, candidature_id, conseiller_id, today()).await
        })
        .await?;
        let db = ctx.data::<DatabaseConnection>()?;
        let personne = personne(db, row.utilisateur_id).await?;
        Ok(Coordinateur::new(&row, Some(&personne)))
    }

    /// The structure requests its convention (an avenant in substitution cases).
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn demander_convention(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
    ) -> async_graphql::Result<Convention> {
        let id = numeric_id(&candidature_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            conventionnement::demander_convention(txn, acteur, id, today()).await
        })
        .await
        .map(Into::into)
    }

    /// ANCT records the signature of a convention.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn signer_convention(
        &self,
        ctx: &Context<'_>,
        convention_id: ID,
        signee_le: NaiveDate,
    ) -> async_graphql::Result<Convention> {
        let id = numeric_id(&convention_id).graphql()?;
        let perenne = ctx.data::<maillage_shared::poste::EcheancierPerenne>()?.clone();
        in_transaction(ctx, async |txn, acteur| {
            conventionnement::signer(txn, acteur, id, signee_le, today(), &perenne).await
        })
        .await
        .map(Into::into)
    }

    /// ANCT records that an instalment was paid, on a day from the signature to today.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn payer_versement(
        &self,
        ctx: &Context<'_>,
        versement_id: ID,
        paye_le: NaiveDate,
    ) -> async_graphql::Result<Versement> {
        agir(ctx, &versement_id, Geste::Payer(paye_le)).await
    }

    /// ANCT suspends a scheduled instalment (obligations not met), with the reason the structure reads.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn suspendre_versement(
        &self,
        ctx: &Context<'_>,
        versement_id: ID,
        motif: String,
    ) -> async_graphql::Result<Versement> {
        agir(ctx, &versement_id, Geste::Suspendre(motif)).await
    }

    /// ANCT resumes a suspended instalment.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn reprendre_versement(
        &self,
        ctx: &Context<'_>,
        versement_id: ID,
    ) -> async_graphql::Result<Versement> {
        agir(ctx, &versement_id, Geste::Reprendre).await
    }

    /// ANCT reclaims a paid instalment (coordinator used for other missions), with the reason.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn reclamer_versement(
        &self,
        ctx: &Context<'_>,
        versement_id: ID,
        motif: String,
    ) -> async_graphql::Result<Versement> {
        agir(ctx, &versement_id, Geste::Reclamer(motif)).await
    }

    /// The structure gives its post back, ending on `le` (from the decision to three months ahead), with
    /// its reason (10 to 1000 characters): its coordinators leave the post that day; the préfecture and
    /// ANCT are notified.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn rendre_poste(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        le: NaiveDate,
        motif: String,
    ) -> async_graphql::Result<crate::candidature::schema::candidature::Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            fin::rendre(txn, acteur, id, le, &motif, today()).await
        })
        .await
        .map(Into::into)
    }

    /// ANCT notifies the structure that its post, unfilled six months after the decision, will be withdrawn
    /// once the notice (`[instruction] preavis_retrait_mois`) has run; the structure and the préfecture are
    /// notified.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn notifier_preavis_de_retrait(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        motif: String,
    ) -> async_graphql::Result<crate::candidature::schema::candidature::Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        let preavis = ctx
            .data::<crate::settings::InstructionSettings>()?
            .preavis_retrait_mois;
        in_transaction(ctx, async |txn, acteur| {
            fin::notifier_preavis(txn, acteur, id, &motif, today(), preavis).await
        })
        .await
        .map(Into::into)
    }

    /// ANCT withdraws the post still unfilled once the notice has run; the structure and the préfecture
    /// are notified.
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn retirer_poste(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        motif: String,
    ) -> async_graphql::Result<crate::candidature::schema::candidature::Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        let preavis = ctx
            .data::<crate::settings::InstructionSettings>()?
            .preavis_retrait_mois;
        in_transaction(ctx, async |txn, acteur| {
            fin::retirer(txn, acteur, id, &motif, today(), preavis).await
        })
        .await
        .map(Into::into)
    }

    /// Records a coordinator's obligations (structure employing them, or ANCT).
    #[graphql(directive = autorise::apply("STRUCTURE ANCT".into()))]
    async fn enregistrer_obligations(
        &self,
        ctx: &Context<'_>,
        coordinateur_id: ID,
        obligations: ObligationsEntree,
    ) -> async_graphql::Result<Coordinateur> {
        let id = numeric_id(&coordinateur_id).graphql()?;
        let obligations = Obligations {
            temps_plein: obligations.temps_plein,
            formation_initiale_le: obligations.formation_initiale_le,
            formations_continues: obligations.formations_continues,
            pix_demande: obligations.pix_demande,
            pix_obtenu: obligations.pix_obtenu,
            ccp1_demande: obligations.ccp1_demande,
            ccp1_obtenu: obligations.ccp1_obtenu,
        };
        let row = in_transaction(ctx, async |txn, acteur| {
            obligations::enregistrer_obligations(txn, acteur, id, &obligations).await
        })
        .await?;
        let db = ctx.data::<DatabaseConnection>()?;
        let personne = personne(db, row.utilisateur_id).await?;
        Ok(Coordinateur::new(&row, Some(&personne)))
    }
}

/// One move of an instalment, in its transaction.
async fn agir(ctx: &Context<'_>, versement_id: &ID, geste: Geste) -> async_graphql::Result<Versement> {
    let id = numeric_id(versement_id).graphql()?;
    in_transaction(ctx, async |txn, acteur| {
        conventionnement::agir_sur_versement(txn, acteur, id, geste, today()).await
    })
    .await
    .map(Into::into)
}

//! The poste queries.

use async_graphql::{Context, ID, Object};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::{ConseillerDeStructure, ContactRecu, ProfilCandidat, ProximiteRecherche, personne};
use super::{Convention, FiltreCandidats};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, numeric_id};
use crate::graphql::regles::autorise;
use crate::poste::entity::convention;
use crate::poste::vivier::{Proximite, Recherche};
use crate::poste::{recrutement, vivier};

/// Queries of the post-decision workflow.
#[derive(Default)]
pub struct PosteQuery;

#[Object]
impl PosteQuery {
    /// The conseillers numériques of the programme: ANCT's of the whole country (or of `departement`), a
    /// préfecture's of its département (by the commune of the post), most recent first.
    #[graphql(
        directive = autorise::apply("ANCT PREFECTURE".into()),
        complexity = "premiers.max(1) as usize * child_complexity"
    )]
    async fn conseillers_du_programme(
        &self,
        ctx: &Context<'_>,
        departement: Option<String>,
        #[graphql(default = 50)] premiers: i32,
        #[graphql(default = 0)] decalage: i32,
    ) -> async_graphql::Result<super::conseillers::PageConseillersProgramme> {
        let db = ctx.data::<DatabaseConnection>()?;
        let (premiers, decalage) = (
            u64::try_from(premiers).unwrap_or(0),
            u64::try_from(decalage).map_err(|_| {
                AppError::InvalidInput("decalage ne peut pas être négatif".to_owned()).into_graphql()
            })?,
        );
        let (conseillers, total) =
            crate::poste::conseillers::lister(db, actor(ctx)?, departement.as_deref(), premiers, decalage)
                .await
                .graphql()?;
        let communes: Vec<String> = conseillers
            .iter()
            .map(|c| c.poste.commune_code.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        crate::territoire::schema::precharger(
            ctx,
            ctx.look_ahead().field("elements").field("commune"),
            crate::territoire::schema::Niveau::Communes,
            communes,
        )
        .await?;
        Ok(super::conseillers::PageConseillersProgramme {
            total,
            elements: conseillers.into_iter().map(Into::into).collect(),
        })
    }

    /// The structures that contacted the caller (role CANDIDAT), newest first, and where each contact stands.
    #[graphql(directive = autorise::apply("CANDIDAT avant_verification".into()))]
    async fn mes_contacts(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ContactRecu>> {
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(vivier::mes_contacts(db, actor(ctx)?)
            .await
            .graphql()?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The caller's profile in the candidate pool (role CANDIDAT).
    #[graphql(directive = autorise::apply("CANDIDAT avant_verification".into()))]
    async fn mon_profil_candidat(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ProfilCandidat>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let Some(profil) = vivier::mon_profil(db, acteur).await.graphql()? else {
            return Ok(None);
        };
        let moi = personne(db, acteur.utilisateur_id).await?;
        Ok(Some(ProfilCandidat::new(profil, &moi)))
    }

    /// Searches the pool for a validated candidature of the caller's structure: only candidates who consented.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn rechercher_candidats(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        #[graphql(default)] filtre: FiltreCandidats,
        #[graphql(default = 50)] premiers: i32,
    ) -> async_graphql::Result<Vec<ProfilCandidat>> {
        if !(1..=100).contains(&premiers) {
            return Err(
                AppError::InvalidInput("premiers doit être compris entre 1 et 100".to_owned()).into_graphql(),
            );
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let recherche = Recherche {
            proximite: match filtre.proximite {
                ProximiteRecherche::Perimetre => Proximite::Perimetre,
                ProximiteRecherche::Departement => Proximite::Departement,
                ProximiteRecherche::Region => Proximite::Region,
                ProximiteRecherche::National => Proximite::National,
            },
            pix: filtre.pix,
            ccp1: filtre.ccp1,
            disponible_avant: filtre.disponible_avant,
        };
        let id = numeric_id(&candidature_id).graphql()?;
        let trouves = vivier::rechercher(db, acteur, id, &recherche, premiers as u64)
            .await
            .graphql()?;
        // An agent read personal data: which profiles it was shown is kept.
        let mut entree = crate::journal::du_champ(ctx, Some(acteur));
        let profils: Vec<String> = trouves.iter().map(|(p, _)| p.id.to_string()).collect();
        entree.objet = format!("candidatureId={id};profils={}", profils.join(" "))
            .chars()
            .take(255)
            .collect();
        crate::journal::consigner_seul(db, &entree).await.graphql()?;
        Ok(trouves
            .into_iter()
            .map(|(profil, personne)| ProfilCandidat::new(profil, &personne))
            .collect())
    }

    /// The conseillers numériques employed by the caller's structure (to give one the coordinator role).
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn mes_conseillers(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ConseillerDeStructure>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        Ok(recrutement::mes_conseillers(db, acteur)
            .await
            .graphql()?
            .into_iter()
            .map(|(conseiller, personne)| ConseillerDeStructure {
                id: ID(conseiller.id.to_string()),
                prenom: personne.prenom,
                nom: personne.nom,
                contrat_debut: conseiller.contrat_debut,
                contrat_fin: conseiller.contrat_fin,
                fin_financement_initial: conseiller.fin_financement_initial,
            })
            .collect())
    }

    /// Conventions requested and not signed yet (ANCT).
    #[graphql(directive = autorise::apply("ANCT".into()))]
    async fn conventions_a_signer(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Convention>> {
        let db = ctx.data::<DatabaseConnection>()?;
        actor(ctx)?.exiger(maillage_shared::role::Role::Anct).graphql()?;
        Ok(convention::Entity::find()
            .filter(convention::Column::SigneeLe.is_null())
            .order_by_asc(convention::Column::Id)
            .all(db)
            .await
            .graphql()?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}

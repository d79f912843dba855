//! Candidature queries: one candidature, the pages of a list under the caller's rights, the open call.

use std::collections::BTreeSet;

use async_graphql::dataloader::{DataLoader, HashMapCache};
use async_graphql::{Context, ID, Lookahead, Object};
use sea_orm::DatabaseConnection;

use super::FiltreCandidatures;
use super::candidature::Candidature;
use super::{Appel, PageCandidatures};
use crate::candidature::acces;
use crate::candidature::acces::Filtre;
use crate::candidature::appels;
use crate::candidature::entity::candidature;
use crate::candidature::loaders::{
    AppelParId, CandidatureLoader, CandidatureParId, ChevauchementsDeCandidature, CoPorteursDeCandidature,
    ConsultationsDeCandidature, ConventionDeCandidature, CoordinateursDeCandidature, EchangesDeCandidature,
    EpcisDeCandidature, HistoriqueDeCandidature, PiecesDeCandidature, PiecesManquantesDeCandidature,
    PlaceAuRegistre, ProfilParId, RecrutementsDeCandidature, StructureParId,
    StructuresAConsulterDeCandidature, UtilisateurParId, VersementsDeConvention,
};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, numeric_id, today};
use crate::graphql::regles::autorise;
use crate::territoire::schema::{Niveau, precharger};

/// Most candidatures per page.
const PAGE_MAX: i32 = 100;

/// Candidature queries.
#[derive(Default)]
pub struct CandidatureQuery;

#[Object]
impl CandidatureQuery {
    /// The call open today, if any (no login needed).
    #[graphql(directive = autorise::apply("public".into()))]
    async fn appel_en_cours(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Appel>> {
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(appels::appel_ouvert(db, today())
            .await
            .graphql()?
            .map(Appel::from))
    }

    /// The candidatures the caller may read, newest first: the structure's own; those of the préfecture's
    /// département; of the SGAR's or hub's région; all for ANCT. Drafts are the structure's alone.
    #[graphql(directive = autorise::apply("connecte jeton".into()), complexity = "premiers.max(1) as usize * child_complexity")]
    async fn candidatures(
        &self,
        ctx: &Context<'_>,
        filtre: Option<FiltreCandidatures>,
        #[graphql(default = 20)] premiers: i32,
        #[graphql(default = 0)] decalage: i32,
    ) -> async_graphql::Result<PageCandidatures> {
        if !(1..=PAGE_MAX).contains(&premiers) || decalage < 0 {
            return Err(
                AppError::InvalidInput(format!("premiers doit être compris entre 1 et {PAGE_MAX}"))
                    .into_graphql(),
            );
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let filtre = filtre.unwrap_or_default();
        let filtre = Filtre {
            statut: filtre.statut,
            region_code: filtre.region,
            departement_code: filtre.departement,
            cas: filtre.cas,
            en_retard: filtre.en_retard,
        };
        let (rows, total) = acces::lister(db, acteur, &filtre, today(), premiers as u64, decalage as u64)
            .await
            .graphql()?;
        prefetcher(ctx, ctx.look_ahead().field("elements"), &rows).await?;
        Ok(PageCandidatures {
            total,
            elements: rows.into_iter().map(Candidature::from).collect(),
        })
    }

    /// One candidature, if the caller's role and territory allow reading it.
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn candidature(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Candidature> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let id = numeric_id(&id).graphql()?;
        let row = acces::lire(db, acteur, id).await.graphql()?;
        prefetcher(ctx, ctx.look_ahead(), std::slice::from_ref(&row)).await?;
        Ok(row.into())
    }

    /// The candidatures the caller's structure is invited to carry, waiting for its answer (role
    /// STRUCTURE).
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn mes_invitations_de_co_portage(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Candidature>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let rows = crate::candidature::coportage::invitations(db, actor(ctx)?)
            .await
            .graphql()?;
        prefetcher(ctx, ctx.look_ahead(), &rows).await?;
        Ok(rows.into_iter().map(Candidature::from).collect())
    }
}

/// Loads at once, into the request's loaders, every relation the query asks below `champ` (the candidatures
/// `rows`, looking ahead in the query), level by level: each relation then costs one statement whatever the
/// number of candidatures, instead of depending on how many rows happened to ask before a loader's batch
/// left. The fields' resolvers then read from the loaders' caches.
async fn prefetcher(
    ctx: &Context<'_>,
    champ: Lookahead<'_>,
    rows: &[candidature::Model],
) -> async_graphql::Result<()> {
    let loader = ctx.data::<DataLoader<CandidatureLoader, HashMapCache>>()?;
    let a = |nom: &str| champ.field(nom).exists();
    let ids = || rows.iter().map(|row| row.id);
    loader
        .feed_many(rows.iter().map(|row| (CandidatureParId(row.id), row.clone())))
        .await;
    if a("appel") {
        loader
            .load_many(rows.iter().map(|row| AppelParId(row.appel_id)))
            .await
            .graphql()?;
    }
    structures(
        ctx,
        champ.field("structure"),
        rows.iter().map(|row| row.structure_id),
    )
    .await?;
    let codes = |code: fn(&candidature::Model) -> Option<&String>| -> Vec<String> {
        rows.iter()
            .filter_map(code)
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    precharger(
        ctx,
        champ.field("departement"),
        Niveau::Departements,
        codes(|row| Some(&row.departement_code)),
    )
    .await?;
    precharger(
        ctx,
        champ.field("perimetreDepartement"),
        Niveau::Departements,
        codes(|row| row.perimetre_departement_code.as_ref()),
    )
    .await?;
    if a("perimetreEpcis") || a("champsManquants") {
        let epcis = loader.load_many(ids().map(EpcisDeCandidature)).await.graphql()?;
        let codes: BTreeSet<String> = epcis.into_values().flatten().collect();
        precharger(
            ctx,
            champ.field("perimetreEpcis"),
            Niveau::Epcis,
            codes.into_iter().collect(),
        )
        .await?;
    }
    if a("historique") {
        loader
            .load_many(ids().map(HistoriqueDeCandidature))
            .await
            .graphql()?;
    }
    let co_porteurs = champ.field("coPorteurs");
    if co_porteurs.exists() || a("coordonnee") {
        let trouves = loader
            .load_many(ids().map(CoPorteursDeCandidature))
            .await
            .graphql()?;
        structures(
            ctx,
            co_porteurs.field("structure"),
            trouves.values().flatten().map(|c| c.structure_id),
        )
        .await?;
    }
    if a("gouvernanceLocale") {
        loader.load_many(ids().map(PlaceAuRegistre)).await.graphql()?;
    }
    let consultations = champ.field("consultations");
    let a_consulter = champ.field("structuresAConsulter");
    if consultations.exists() || a_consulter.exists() {
        let trouvees = loader
            .load_many(ids().map(ConsultationsDeCandidature))
            .await
            .graphql()?;
        let consultees = || trouvees.values().flatten().map(|c| c.structure_id);
        structures(ctx, consultations.field("structure"), consultees()).await?;
        structures(
            ctx,
            a_consulter.field("consultation").field("structure"),
            consultees(),
        )
        .await?;
    }
    if a_consulter.exists() {
        let employeurs = loader
            .load_many(ids().map(StructuresAConsulterDeCandidature))
            .await
            .graphql()?;
        let communes: BTreeSet<String> = employeurs
            .values()
            .flatten()
            .map(|s| s.commune_code.clone())
            .collect();
        precharger(
            ctx,
            a_consulter.field("structure").field("commune"),
            Niveau::Communes,
            communes.into_iter().collect(),
        )
        .await?;
    }
    if a("postesOccupes") || a("recrutementEnRetard") || a("coordinateurs") {
        let coordinateurs = loader
            .load_many(ids().map(CoordinateursDeCandidature))
            .await
            .graphql()?;
        if a("coordinateurs") {
            loader
                .load_many(
                    coordinateurs
                        .values()
                        .flatten()
                        .map(|c| UtilisateurParId(c.utilisateur_id)),
                )
                .await
                .graphql()?;
        }
    }
    let recrutements = champ.field("recrutements");
    if recrutements.exists() || a("postesOccupes") {
        let trouves = loader
            .load_many(ids().map(RecrutementsDeCandidature))
            .await
            .graphql()?;
        // The posts occupied count the recruited among them; the list shows each candidate too.
        if recrutements.exists() {
            let profils = loader
                .load_many(
                    trouves
                        .values()
                        .flatten()
                        .map(|r| ProfilParId(r.profil_candidat_id)),
                )
                .await
                .graphql()?;
            loader
                .load_many(profils.values().map(|p| UtilisateurParId(p.utilisateur_id)))
                .await
                .graphql()?;
            let communes: BTreeSet<String> = profils.values().map(|p| p.commune_code.clone()).collect();
            precharger(
                ctx,
                recrutements.field("candidat").field("commune"),
                Niveau::Communes,
                communes.into_iter().collect(),
            )
            .await?;
        }
    }
    if a("pieces") {
        loader.load_many(ids().map(PiecesDeCandidature)).await.graphql()?;
    }
    if a("piecesManquantes") {
        loader
            .load_many(ids().map(PiecesManquantesDeCandidature))
            .await
            .graphql()?;
    }
    if a("messages") {
        let echanges = loader
            .load_many(ids().map(EchangesDeCandidature))
            .await
            .graphql()?;
        if champ.field("messages").field("auteur").exists() {
            loader
                .load_many(
                    echanges
                        .values()
                        .flatten()
                        .filter_map(|(message, _)| message.auteur_id.map(UtilisateurParId)),
                )
                .await
                .graphql()?;
        }
    }
    let convention = champ.field("convention");
    if convention.exists() {
        let conventions = loader
            .load_many(ids().map(ConventionDeCandidature))
            .await
            .graphql()?;
        if convention.field("versements").exists() || convention.field("bilanDesVersements").exists() {
            loader
                .load_many(
                    conventions
                        .values()
                        .flatten()
                        .map(|acte| VersementsDeConvention(acte.id)),
                )
                .await
                .graphql()?;
        }
        structures(
            ctx,
            convention.field("structure"),
            rows.iter().map(|row| row.structure_id),
        )
        .await?;
    }
    if a("chevauchements") {
        let autres = loader
            .load_many(ids().map(ChevauchementsDeCandidature))
            .await
            .graphql()?;
        let autres = || autres.values().flatten().map(|(autre, _)| autre);
        loader
            .load_many(autres().map(|autre| CoordinateursDeCandidature(autre.id)))
            .await
            .graphql()?;
        loader
            .load_many(autres().map(|autre| StructureParId(autre.structure_id)))
            .await
            .graphql()?;
    }
    Ok(())
}

/// Loads the structures of `ids` when `champ` asks for them, and the communes below them.
async fn structures(
    ctx: &Context<'_>,
    champ: Lookahead<'_>,
    ids: impl Iterator<Item = i64>,
) -> async_graphql::Result<()> {
    if !champ.exists() {
        return Ok(());
    }
    let loader = ctx.data::<DataLoader<CandidatureLoader, HashMapCache>>()?;
    let trouvees = loader.load_many(ids.map(StructureParId)).await.graphql()?;
    let communes: BTreeSet<String> = trouvees.values().map(|s| s.commune_code.clone()).collect();
    precharger(
        ctx,
        champ.field("commune"),
        Niveau::Communes,
        communes.into_iter().collect(),
    )
    .await
}

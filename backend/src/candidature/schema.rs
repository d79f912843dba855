//! GraphQL of the candidature workflow. Every field that reaches a candidature checks the caller's role and
//! territory on the server (`acces::lire`), and every mutation runs in one transaction.

use async_graphql::dataloader::DataLoader;
use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::candidature::{
    CasDeFigure, Formulaire, ReponseConsultation, StatutCandidature, echeance_decision, echeance_recrutement,
    jours_restants,
};
use maillage_shared::role::Role;
use maillage_shared::subvention::TypeContrat;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::acces;
use super::acces::Filtre;
use super::appels;
use super::brouillon;
use super::chevauchements;
use super::consultations;
use super::entity::{appel, candidature, consultation, historique_candidature};
use super::instruction;
use super::loaders::{
    CandidatureLoader, ConsultationsDeCandidature, CoordinateursDeCandidature, EpcisDeCandidature,
    HistoriqueDeCandidature, RecrutesDeCandidature, StructureParId, UtilisateurParId,
};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, in_transaction, numeric_id, today};
use crate::structure::schema::Structure;
use crate::structure::service as structures;
use crate::territoire::loaders::{DepartementParCode, EpciParCode, RegionParCode, TerritoireLoader};
use crate::territoire::schema::{Departement, Epci, charger};

/// A call for applications.
#[derive(SimpleObject, Clone)]
pub struct Appel {
    pub id: ID,
    pub nom: String,
    pub ouverture: NaiveDate,
    pub cloture: NaiveDate,
}

impl From<appel::Model> for Appel {
    fn from(row: appel::Model) -> Self {
        Self {
            id: ID(row.id.to_string()),
            nom: row.nom,
            ouverture: row.ouverture,
            cloture: row.cloture,
        }
    }
}

/// The préfecture's avis.
#[derive(SimpleObject, Clone)]
pub struct Avis {
    pub favorable: bool,
    pub commentaire: String,
    pub le: Option<DateTime<Utc>>,
}

/// ANCT's decision.
#[derive(SimpleObject, Clone)]
pub struct Decision {
    pub validee: bool,
    pub motif: String,
    /// Day of the decision and of its notification.
    pub le: Option<NaiveDate>,
    /// The recruitment is due six months after notification.
    pub echeance_recrutement: Option<NaiveDate>,
}

/// One state change of a candidature.
#[derive(SimpleObject, Clone)]
pub struct EvenementCandidature {
    pub de_statut: Option<StatutCandidature>,
    pub vers_statut: StatutCandidature,
    pub role: Role,
    pub commentaire: Option<String>,
    pub horodatage: DateTime<Utc>,
}

impl From<historique_candidature::Model> for EvenementCandidature {
    fn from(row: historique_candidature::Model) -> Self {
        Self {
            de_statut: row.de_statut.as_deref().and_then(StatutCandidature::parse),
            vers_statut: StatutCandidature::parse(&row.vers_statut).unwrap_or(StatutCandidature::Brouillon),
            role: Role::parse(&row.role).unwrap_or(Role::Structure),
            commentaire: row.commentaire,
            horodatage: row.horodatage,
        }
    }
}

/// A recorded consultation.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Consultation {
    pub id: ID,
    pub consultee_le: NaiveDate,
    pub reponse: ReponseConsultation,
    pub commentaire: String,
    #[graphql(skip)]
    pub structure_id: i64,
}

impl From<consultation::Model> for Consultation {
    fn from(row: consultation::Model) -> Self {
        Self {
            id: ID(row.id.to_string()),
            consultee_le: row.consultee_le,
            reponse: ReponseConsultation::parse(&row.reponse).unwrap_or(ReponseConsultation::SansReponse),
            commentaire: row.commentaire,
            structure_id: row.structure_id,
        }
    }
}

#[ComplexObject]
impl Consultation {
    /// The structure consulted.
    async fn structure(&self, ctx: &Context<'_>) -> async_graphql::Result<Structure> {
        structure_par_id(ctx, self.structure_id).await
    }
}

/// An employer of conseillers numériques of the perimeter, and its consultation if recorded.
#[derive(SimpleObject, Clone)]
pub struct StructureAConsulter {
    pub structure: Structure,
    pub consultation: Option<Consultation>,
}

/// Another candidature on the same territory.
#[derive(SimpleObject, Clone)]
pub struct Chevauchement {
    pub candidature_id: ID,
    pub structure: String,
    pub statut: StatutCandidature,
    /// The EPCI (SIREN) both perimeters contain; empty when the overlap is a whole département.
    pub epcis_communs: Vec<String>,
    /// Coordinators already in post on that candidature's territory.
    pub coordinateurs_en_poste: u64,
}

/// A candidature for a coordinator post.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Candidature {
    pub id: ID,
    pub statut: StatutCandidature,
    pub cas: Option<CasDeFigure>,
    pub contrat: Option<TypeContrat>,
    pub diagnostic: String,
    pub partenaires: String,
    pub articulation_gouvernance: String,
    pub missions_maillage: String,
    pub missions_relais: String,
    pub missions_collaborations: String,
    pub candidat_identifie: Option<bool>,
    pub date_prise_poste: Option<NaiveDate>,
    /// The subsidy computed by the rule of II.b for the chosen contract, when funded.
    pub montant_subvention_euros: Option<i32>,
    pub duree_subvention_mois: Option<i32>,
    pub depose_le: Option<NaiveDate>,
    #[graphql(skip)]
    pub modele: candidature::Model,
}

impl From<candidature::Model> for Candidature {
    fn from(row: candidature::Model) -> Self {
        Self {
            id: ID(row.id.to_string()),
            statut: acces::statut(&row),
            cas: row.cas.as_deref().and_then(CasDeFigure::parse),
            contrat: row.contrat.as_deref().and_then(TypeContrat::parse),
            diagnostic: row.diagnostic.clone(),
            partenaires: row.partenaires.clone(),
            articulation_gouvernance: row.articulation_gouvernance.clone(),
            missions_maillage: row.missions_maillage.clone(),
            missions_relais: row.missions_relais.clone(),
            missions_collaborations: row.missions_collaborations.clone(),
            candidat_identifie: row.candidat_identifie,
            date_prise_poste: row.date_prise_poste,
            montant_subvention_euros: row.montant_subvention,
            duree_subvention_mois: row.duree_mois,
            depose_le: row.depose_le,
            modele: row,
        }
    }
}

/// A structure through the request's [`CandidatureLoader`]; a dangling id is a server fault.
async fn structure_par_id(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Structure> {
    let loader = ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?;
    let structure = loader.load_one(StructureParId(id)).await.graphql()?;
    structure
        .map(Structure::from)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("structure {id} absente")).into_graphql())
}

/// A list-valued key of the [`CandidatureLoader`]; an absent key is an empty list.
async fn charger_liste<K, V>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Vec<V>>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    CandidatureLoader:
        async_graphql::dataloader::Loader<K, Value = Vec<V>, Error = std::sync::Arc<sea_orm::DbErr>>,
    V: Send + Sync + Clone + 'static,
{
    let loader = ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?;
    Ok(loader.load_one(key).await.graphql()?.unwrap_or_default())
}

fn instructeur(ctx: &Context<'_>) -> bool {
    actor(ctx)
        .ok()
        .and_then(|a| a.role_actif.as_ref())
        .is_some_and(|role| role.role != Role::Structure)
}

#[ComplexObject]
impl Candidature {
    async fn libelle_statut(&self) -> &'static str {
        self.statut.libelle()
    }

    async fn libelle_cas(&self) -> Option<&'static str> {
        self.cas.map(CasDeFigure::libelle)
    }

    async fn appel(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Appel>> {
        let db = ctx.data::<DatabaseConnection>()?;
        use sea_orm::EntityTrait;
        Ok(appel::Entity::find_by_id(self.modele.appel_id)
            .one(db)
            .await
            .graphql()?
            .map(Appel::from))
    }

    async fn structure(&self, ctx: &Context<'_>) -> async_graphql::Result<Structure> {
        structure_par_id(ctx, self.modele.structure_id).await
    }

    /// The département whose préfecture gives the avis (the structure's).
    async fn departement(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Departement>> {
        charger(ctx, DepartementParCode(self.modele.departement_code.clone())).await
    }

    /// The EPCI to coordinate (empty when the perimeter is a whole département).
    async fn perimetre_epcis(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Epci>> {
        let codes = charger_liste(ctx, EpcisDeCandidature(self.modele.id)).await?;
        let loader = ctx.data::<DataLoader<TerritoireLoader, async_graphql::dataloader::HashMapCache>>()?;
        let trouves = loader
            .load_many(codes.iter().cloned().map(EpciParCode))
            .await
            .graphql()?;
        Ok(codes
            .into_iter()
            .filter_map(|code| trouves.get(&EpciParCode(code)).cloned().map(Epci::from))
            .collect())
    }

    /// The whole département to coordinate, when that is the perimeter.
    async fn perimetre_departement(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Departement>> {
        match &self.modele.perimetre_departement_code {
            Some(code) => charger(ctx, DepartementParCode(code.clone())).await,
            None => Ok(None),
        }
    }

    /// What is missing before filing, in French (empty when complete).
    async fn champs_manquants(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        let epcis = charger_liste(ctx, EpcisDeCandidature(self.modele.id)).await?;
        Ok(acces::formulaire(&self.modele, epcis)
            .champs_manquants()
            .into_iter()
            .map(str::to_owned)
            .collect())
    }

    /// ANCT decides at the latest two months after filing.
    async fn echeance_decision(&self) -> Option<NaiveDate> {
        self.modele.depose_le.map(echeance_decision)
    }

    /// Days left before the decision deadline while in instruction (negative when overdue).
    async fn jours_avant_decision(&self) -> Option<i64> {
        let depose = self.modele.depose_le?;
        self.statut
            .en_instruction()
            .then(|| jours_restants(echeance_decision(depose), today()))
    }

    /// The decision is overdue: flagged, never hidden.
    async fn decision_en_retard(&self) -> bool {
        instruction::decision_en_retard(&self.modele, today())
    }

    /// The préfecture's avis; shown to the préfecture, SGAR, hub and ANCT, not to the structure.
    async fn avis(&self, ctx: &Context<'_>) -> Option<Avis> {
        if !instructeur(ctx) {
            return None;
        }
        Some(Avis {
            favorable: self.modele.avis_favorable?,
            commentaire: self.modele.avis_commentaire.clone().unwrap_or_default(),
            le: self.modele.avis_le,
        })
    }

    /// ANCT's decision, once taken.
    async fn decision(&self) -> Option<Decision> {
        Some(Decision {
            validee: self.modele.decision_validee?,
            motif: self.modele.decision_motif.clone().unwrap_or_default(),
            le: self.modele.decide_le,
            echeance_recrutement: self
                .modele
                .decide_le
                .filter(|_| self.modele.decision_validee == Some(true))
                .map(echeance_recrutement),
        })
    }

    /// Every state change, oldest first. The préfecture's comment is internal to the instruction, like the
    /// avis: the structure sees that the avis was given, not what it says.
    async fn historique(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<EvenementCandidature>> {
        let instructeur = instructeur(ctx);
        Ok(charger_liste(ctx, HistoriqueDeCandidature(self.modele.id))
            .await?
            .into_iter()
            .map(EvenementCandidature::from)
            .map(|mut evenement| {
                if !instructeur && evenement.role == Role::Prefecture {
                    evenement.commentaire = None;
                }
                evenement
            })
            .collect())
    }

    /// The consultations recorded.
    async fn consultations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Consultation>> {
        Ok(charger_liste(ctx, ConsultationsDeCandidature(self.modele.id))
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The employers of conseillers numériques of the perimeter, to consult before filing.
    async fn structures_a_consulter(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<StructureAConsulter>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let consultations = consultations::consultations(db, self.modele.id).await.graphql()?;
        Ok(consultations::structures_a_consulter(db, &self.modele)
            .await
            .graphql()?
            .into_iter()
            .map(|structure| StructureAConsulter {
                consultation: consultations
                    .iter()
                    .find(|c| c.structure_id == structure.id)
                    .cloned()
                    .map(Into::into),
                structure: structure.into(),
            })
            .collect())
    }

    /// Coordinator posts validated by ANCT (the recruitment quota).
    async fn postes_valides(&self) -> i32 {
        self.modele.postes_valides
    }

    /// Posts occupied: coordinators in post and candidates recruited.
    async fn postes_occupes(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        let en_poste = charger_liste(ctx, CoordinateursDeCandidature(self.modele.id))
            .await?
            .iter()
            .filter(|coordinateur| coordinateur.parti_le.is_none())
            .count();
        let recrutes = charger_liste(ctx, RecrutesDeCandidature(self.modele.id))
            .await?
            .len();
        Ok((en_poste + recrutes) as u64)
    }

    /// No coordinator in post six months after the notification: flagged, not hidden.
    async fn recrutement_en_retard(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let pourvu = !charger_liste(ctx, CoordinateursDeCandidature(self.modele.id))
            .await?
            .is_empty();
        let retard = crate::poste::obligations::retard(&self.modele, pourvu, today());
        Ok(retard.is_some_and(|(_, en_retard)| en_retard))
    }

    /// The coordinators of the post.
    async fn coordinateurs(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<crate::poste::schema::Coordinateur>> {
        let rows = charger_liste(ctx, CoordinateursDeCandidature(self.modele.id)).await?;
        let loader = ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?;
        let personnes = loader
            .load_many(rows.iter().map(|row| UtilisateurParId(row.utilisateur_id)))
            .await
            .graphql()?;
        Ok(rows
            .iter()
            .map(|row| {
                crate::poste::schema::Coordinateur::new(
                    row,
                    personnes.get(&UtilisateurParId(row.utilisateur_id)),
                )
            })
            .collect())
    }

    /// The candidates contacted for the post (the structure and ANCT).
    async fn recrutements(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<crate::poste::schema::Recrutement>> {
        let role = actor(ctx)?.role().graphql()?.role;
        if !matches!(role, Role::Structure | Role::Anct) {
            return Ok(Vec::new());
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let mut resultat = Vec::new();
        for row in crate::poste::recrutement::recrutements(db, self.modele.id)
            .await
            .graphql()?
        {
            resultat.push(crate::poste::schema::vue_recrutement(db, row).await?);
        }
        Ok(resultat)
    }

    /// The convention or avenant of the post, once requested.
    async fn convention(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<crate::poste::schema::Convention>> {
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(
            crate::poste::conventionnement::convention_du_poste(db, self.modele.id)
                .await
                .graphql()?
                .map(Into::into),
        )
    }

    /// Other filed candidatures on the same territory (for the préfecture, SGAR, hub and ANCT).
    async fn chevauchements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Chevauchement>> {
        if !instructeur(ctx) {
            return Ok(Vec::new());
        }
        let db = ctx.data::<DatabaseConnection>()?;
        let mut resultat = Vec::new();
        for (autre, epcis_communs) in chevauchements::chevauchements(db, &self.modele).await.graphql()? {
            let structure = structures::par_id(db, autre.structure_id).await.graphql()?;
            let coordinateurs_en_poste = crate::poste::recrutement::coordinateurs(db, autre.id)
                .await
                .graphql()?
                .iter()
                .filter(|coordinateur| coordinateur.parti_le.is_none())
                .count() as u64;
            resultat.push(Chevauchement {
                candidature_id: ID(autre.id.to_string()),
                structure: structure.nom,
                statut: acces::statut(&autre),
                epcis_communs,
                coordinateurs_en_poste,
            });
        }
        Ok(resultat)
    }
}

/// A page of candidatures.
#[derive(SimpleObject)]
pub struct PageCandidatures {
    /// How many candidatures match the filters in all.
    pub total: u64,
    pub elements: Vec<Candidature>,
}

/// Filters of the candidature lists.
#[derive(InputObject, Default)]
pub struct FiltreCandidatures {
    pub statut: Option<StatutCandidature>,
    pub region: Option<String>,
    pub departement: Option<String>,
    pub cas: Option<CasDeFigure>,
    /// Only those whose decision is overdue.
    #[graphql(default)]
    pub en_retard: bool,
}

/// The form of a candidature, every field replaced at each save.
#[derive(InputObject)]
pub struct FormulaireCandidatureEntree {
    pub cas: Option<CasDeFigure>,
    pub contrat: Option<TypeContrat>,
    /// SIREN of the EPCI to coordinate; leave empty when the perimeter is a whole département.
    #[graphql(default)]
    pub perimetre_epcis: Vec<String>,
    pub perimetre_departement: Option<String>,
    #[graphql(default)]
    pub diagnostic: String,
    #[graphql(default)]
    pub partenaires: String,
    #[graphql(default)]
    pub articulation_gouvernance: String,
    #[graphql(default)]
    pub missions_maillage: String,
    #[graphql(default)]
    pub missions_relais: String,
    #[graphql(default)]
    pub missions_collaborations: String,
    pub candidat_identifie: Option<bool>,
    pub date_prise_poste: Option<NaiveDate>,
}

impl From<FormulaireCandidatureEntree> for Formulaire {
    fn from(entree: FormulaireCandidatureEntree) -> Self {
        Self {
            cas: entree.cas,
            contrat: entree.contrat,
            perimetre_epcis: entree.perimetre_epcis,
            perimetre_departement: entree.perimetre_departement,
            diagnostic: entree.diagnostic,
            partenaires: entree.partenaires,
            articulation_gouvernance: entree.articulation_gouvernance,
            missions_maillage: entree.missions_maillage,
            missions_relais: entree.missions_relais,
            missions_collaborations: entree.missions_collaborations,
            candidat_identifie: entree.candidat_identifie,
            date_prise_poste: entree.date_prise_poste,
        }
    }
}

/// Decision of ANCT.
#[derive(Enum, Copy, Clone, PartialEq, Eq)]
pub enum DecisionAnct {
    Validee,
    Refusee,
}

/// Most candidatures per page.
const PAGE_MAX: i32 = 100;

/// Candidature queries.
#[derive(Default)]
pub struct CandidatureQuery;

#[Object]
impl CandidatureQuery {
    /// The call open today, if any (no login needed).
    async fn appel_en_cours(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Appel>> {
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(appels::appel_ouvert(db, today())
            .await
            .graphql()?
            .map(Appel::from))
    }

    /// The candidatures the caller may read, newest first: the structure's own; those of the préfecture's
    /// département; of the SGAR's or hub's région; all for ANCT. Drafts are the structure's alone.
    #[graphql(complexity = "premiers.max(1) as usize * child_complexity")]
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
        prefetcher(ctx, db, &rows).await?;
        Ok(PageCandidatures {
            total,
            elements: rows.into_iter().map(Candidature::from).collect(),
        })
    }

    /// One candidature, if the caller's role and territory allow reading it.
    async fn candidature(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Candidature> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let id = numeric_id(&id).graphql()?;
        Ok(acces::lire(db, acteur, id).await.graphql()?.into())
    }
}

/// Loads at once, into the request's loaders, the relations a page of candidatures asks for (looking ahead
/// in the query): each then costs one statement whatever the page size, instead of depending on how many
/// rows happened to ask before a loader's batch left.
async fn prefetcher(
    ctx: &Context<'_>,
    db: &DatabaseConnection,
    rows: &[candidature::Model],
) -> async_graphql::Result<()> {
    let elements = ctx.look_ahead().field("elements");
    if elements.field("structure").exists() {
        let ids: std::collections::BTreeSet<i64> = rows.iter().map(|c| c.structure_id).collect();
        let structures = crate::structure::entity::Entity::find()
            .filter(crate::structure::entity::Column::Id.is_in(ids))
            .all(db)
            .await
            .map_err(AppError::from)
            .graphql()?;
        ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?
            .feed_many(structures.into_iter().map(|s| (StructureParId(s.id), s)))
            .await;
    }
    let departement = elements.field("departement");
    if departement.exists() {
        let codes: std::collections::BTreeSet<String> =
            rows.iter().map(|c| c.departement_code.clone()).collect();
        let codes: Vec<String> = codes.into_iter().collect();
        let departements = crate::territoire::service::departements_par_code(db, &codes)
            .await
            .map_err(AppError::from)
            .graphql()?;
        let territoires =
            ctx.data::<DataLoader<TerritoireLoader, async_graphql::dataloader::HashMapCache>>()?;
        if departement.field("region").exists() {
            let regions: std::collections::BTreeSet<String> =
                departements.values().map(|d| d.region_code.clone()).collect();
            let regions =
                crate::territoire::service::regions_par_code(db, &regions.into_iter().collect::<Vec<_>>())
                    .await
                    .map_err(AppError::from)
                    .graphql()?;
            territoires
                .feed_many(regions.into_iter().map(|(code, r)| (RegionParCode(code), r)))
                .await;
        }
        territoires
            .feed_many(
                departements
                    .into_iter()
                    .map(|(code, d)| (DepartementParCode(code), d)),
            )
            .await;
    }
    Ok(())
}

/// Candidature mutations.
#[derive(Default)]
pub struct CandidatureMutation;

#[Object]
impl CandidatureMutation {
    /// Starts the structure's draft for the open call.
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
    async fn deposer_candidature(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            instruction::deposer(txn, acteur, id, today()).await
        })
        .await
        .map(Into::into)
    }

    /// The préfecture of the candidature's département gives its avis (comment of 10 to 1000 characters).
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

    /// ANCT validates or refuses, with its reason (10 to 1000 characters).
    async fn decider_candidature(
        &self,
        ctx: &Context<'_>,
        candidature_id: ID,
        decision: DecisionAnct,
        motif: String,
    ) -> async_graphql::Result<Candidature> {
        let id = numeric_id(&candidature_id).graphql()?;
        let validee = decision == DecisionAnct::Validee;
        in_transaction(ctx, async |txn, acteur| {
            instruction::decider(txn, acteur, id, validee, &motif, today()).await
        })
        .await
        .map(Into::into)
    }
}

//! The `Candidature` object: what every field of a candidature shows, to whom. Reading a field never shows
//! more than reading the candidature itself allows (`acces::verifier_lecture`, checked where it is fetched).

use async_graphql::dataloader::DataLoader;
use async_graphql::{ComplexObject, Context, ID, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::candidature::{
    CasDeFigure, StatutCandidature, echeance_decision, echeance_recrutement, jours_restants,
};
use maillage_shared::gouvernance::PlaceDansLaGouvernance;
use maillage_shared::poste::StatutRecrutement;
use maillage_shared::role::Role;
use maillage_shared::subvention::TypeContrat;

use super::{Appel, Avis, Chevauchement, Consultation, Decision, EvenementCandidature, StructureAConsulter};
use crate::candidature::acces;
use crate::candidature::entity::candidature;
use crate::candidature::instruction;
use crate::candidature::loaders::{
    AppelParId, CandidatureLoader, ChevauchementsDeCandidature, CoPorteursDeCandidature,
    ConsultationsDeCandidature, ConventionDeCandidature, CoordinateursDeCandidature, EchangesDeCandidature,
    EpcisDeCandidature, HistoriqueDeCandidature, PiecesDeCandidature, PiecesManquantesDeCandidature,
    PlaceAuRegistre, ProfilParId, RecrutementsDeCandidature, StructureParId,
    StructuresAConsulterDeCandidature, UtilisateurParId,
};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, today};
use crate::graphql::regles::autorise;
use crate::structure::schema::Structure;
use crate::territoire::loaders::{DepartementParCode, EpciParCode, TerritoireLoader};
use crate::territoire::schema::{Departement, Epci, charger};

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

/// A structure's place in the gouvernance of its département.
#[derive(SimpleObject, Clone)]
pub struct ArticulationGouvernance {
    /// As the structure declares it on its candidature; none until it answers.
    pub declaree: Option<PlaceDansLaGouvernance>,
    /// As the préfecture's register says (by the structure's SIRET).
    pub registre: PlaceDansLaGouvernance,
    /// The register confirms the declaration.
    pub confirmee: bool,
    /// The préfecture identified the structure as able to host a coordinator in the département.
    pub identifiee_pour_accueillir: bool,
}

/// A structure invited to carry a candidature.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct CoPorteur {
    #[graphql(skip)]
    pub structure_id: i64,
    pub invitee_le: DateTime<Utc>,
    /// None while the invitation waits for its answer.
    pub confirmee_le: Option<DateTime<Utc>>,
}

#[ComplexObject]
impl CoPorteur {
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn structure(&self, ctx: &Context<'_>) -> async_graphql::Result<Structure> {
        structure_par_id(ctx, self.structure_id).await
    }
}

/// A structure through the request's [`CandidatureLoader`]; a dangling id is a server fault.
pub async fn structure_par_id(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Structure> {
    crate::candidature::loaders::structure(ctx, id)
        .await
        .map(Structure::from)
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

    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn appel(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Appel>> {
        let loader = ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?;
        Ok(loader
            .load_one(AppelParId(self.modele.appel_id))
            .await
            .graphql()?
            .map(Appel::from))
    }

    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn structure(&self, ctx: &Context<'_>) -> async_graphql::Result<Structure> {
        structure_par_id(ctx, self.modele.structure_id).await
    }

    /// The département whose préfecture gives the avis (the structure's).
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn departement(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Departement>> {
        charger(ctx, DepartementParCode(self.modele.departement_code.clone())).await
    }

    /// The EPCI to coordinate (empty when the perimeter is a whole département).
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
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
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
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
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT".into()))]
    async fn avis(&self) -> Option<Avis> {
        Some(Avis {
            favorable: self.modele.avis_favorable?,
            commentaire: self.modele.avis_commentaire.clone().unwrap_or_default(),
            le: self.modele.avis_le,
        })
    }

    /// The SGAR's consultative opinion, beside the préfecture's avis; shown to the préfecture, SGAR, hub and
    /// ANCT, not to the structure.
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT".into()))]
    async fn avis_sgar(&self) -> Option<Avis> {
        Some(Avis {
            favorable: self.modele.avis_sgar_favorable?,
            commentaire: self.modele.avis_sgar_commentaire.clone().unwrap_or_default(),
            le: self.modele.avis_sgar_le,
        })
    }

    /// The structure's place in the gouvernance of its département: as it declares it, as the préfecture's
    /// register says, and whether the register confirms the declaration.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn gouvernance_locale(&self, ctx: &Context<'_>) -> async_graphql::Result<ArticulationGouvernance> {
        let loader = ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?;
        let (registre, identifiee_pour_accueillir) = loader
            .load_one(PlaceAuRegistre(self.modele.id))
            .await
            .graphql()?
            .unwrap_or((PlaceDansLaGouvernance::NonMembre, false));
        let declaree = self
            .modele
            .gouvernance_declaree
            .as_deref()
            .and_then(PlaceDansLaGouvernance::parse);
        Ok(ArticulationGouvernance {
            declaree,
            registre,
            confirmee: declaree.is_some_and(|place| place.confirmee_par(registre)),
            identifiee_pour_accueillir,
        })
    }

    /// The structures invited to carry the candidature with its structure, waiting or confirmed.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn co_porteurs(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CoPorteur>> {
        Ok(charger_liste(ctx, CoPorteursDeCandidature(self.modele.id))
            .await?
            .into_iter()
            .map(|ligne| CoPorteur {
                structure_id: ligne.structure_id,
                invitee_le: ligne.invitee_le,
                confirmee_le: ligne.confirmee_le,
            })
            .collect())
    }

    /// A joint candidature: at least one co-porteur confirmed.
    async fn coordonnee(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(charger_liste(ctx, CoPorteursDeCandidature(self.modele.id))
            .await?
            .iter()
            .any(|ligne| ligne.confirmee_le.is_some()))
    }

    /// ANCT's decision, once taken.
    #[graphql(directive = autorise::apply("connecte".into()))]
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
            sans_avis: self.modele.avis_le.is_none(),
        })
    }

    /// While the préfecture's avis is awaited: the day from which ANCT may decide without it.
    async fn decision_sans_avis_le(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<NaiveDate>> {
        let delai = ctx
            .data::<crate::settings::InstructionSettings>()?
            .delai_avis_mois;
        Ok(self
            .modele
            .depose_le
            .filter(|_| self.statut == StatutCandidature::Deposee)
            .map(|depose| maillage_shared::candidature::decision_sans_avis_des_le(depose, delai)))
    }

    /// Every state change, oldest first. The préfecture's comment is internal to the instruction, like the
    /// avis: the structure sees that the avis was given, not what it says.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn historique(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<EvenementCandidature>> {
        let instructeur = instructeur(ctx);
        Ok(charger_liste(ctx, HistoriqueDeCandidature(self.modele.id))
            .await?
            .into_iter()
            .map(EvenementCandidature::from)
            .map(|mut evenement| {
                if !instructeur && matches!(evenement.role, Role::Prefecture | Role::Sgar) {
                    evenement.commentaire = None;
                }
                evenement
            })
            .collect())
    }

    /// The documents attached, oldest first: those of the dossier as filed, then those sent with messages.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn pieces(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<super::dossier::PieceJointe>> {
        Ok(charger_liste(ctx, PiecesDeCandidature(self.modele.id))
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The documents the call requires of this candidature (its case, its structure's category) that are not
    /// attached yet: filing is refused until there are none.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn pieces_manquantes(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<maillage_shared::candidature::pieces::NaturePiece>> {
        charger_liste(ctx, PiecesManquantesDeCandidature(self.modele.id)).await
    }

    /// The messages between the structure, the préfecture and ANCT, oldest first, each with its documents.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn messages(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<super::dossier::MessageCandidature>> {
        Ok(charger_liste(ctx, EchangesDeCandidature(self.modele.id))
            .await?
            .into_iter()
            .map(|(message, pieces)| super::dossier::MessageCandidature::new(message, &pieces))
            .collect())
    }

    /// The consultations recorded.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn consultations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Consultation>> {
        Ok(charger_liste(ctx, ConsultationsDeCandidature(self.modele.id))
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// The employers of conseillers numériques of the perimeter, to consult before filing.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn structures_a_consulter(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<StructureAConsulter>> {
        let consultations = charger_liste(ctx, ConsultationsDeCandidature(self.modele.id)).await?;
        Ok(
            charger_liste(ctx, StructuresAConsulterDeCandidature(self.modele.id))
                .await?
                .into_iter()
                .map(|structure| StructureAConsulter {
                    consultation: consultations
                        .iter()
                        .find(|c| c.structure_id == structure.id)
                        .cloned()
                        .map(Into::into),
                    structure: structure.into(),
                })
                .collect(),
        )
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
        let recrutes = charger_liste(ctx, RecrutementsDeCandidature(self.modele.id))
            .await?
            .iter()
            .filter(|recrutement| recrutement.statut == StatutRecrutement::Recrutee.as_str())
            .count();
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
    #[graphql(directive = autorise::apply("connecte".into()))]
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

    /// The end of the post before its term, once given back or withdrawn.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn fin_du_poste(&self) -> Option<crate::poste::schema::FinDuPoste> {
        crate::poste::schema::FinDuPoste::de(&self.modele)
    }

    /// ANCT's notice that the post, unfilled after the recruitment deadline, will be withdrawn.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn preavis_de_retrait(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<crate::poste::schema::PreavisDeRetrait>> {
        let Some(notifie_le) = self.modele.preavis_retrait_le else {
            return Ok(None);
        };
        let reglages = ctx.data::<crate::settings::InstructionSettings>()?;
        Ok(Some(crate::poste::schema::PreavisDeRetrait {
            notifie_le,
            motif: self.modele.preavis_retrait_motif.clone().unwrap_or_default(),
            retrait_possible_le: maillage_shared::poste::retrait_possible_le(
                notifie_le,
                reglages.preavis_retrait_mois,
            ),
        }))
    }

    /// The candidates contacted for the post (the structure and ANCT).
    #[graphql(directive = autorise::apply("STRUCTURE ANCT".into()))]
    async fn recrutements(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<crate::poste::schema::Recrutement>> {
        let rows = charger_liste(ctx, RecrutementsDeCandidature(self.modele.id)).await?;
        let loader = ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?;
        let profils = loader
            .load_many(rows.iter().map(|row| ProfilParId(row.profil_candidat_id)))
            .await
            .graphql()?;
        let personnes = loader
            .load_many(
                profils
                    .values()
                    .map(|profil| UtilisateurParId(profil.utilisateur_id)),
            )
            .await
            .graphql()?;
        rows.into_iter()
            .map(|row| {
                let profil = profils.get(&ProfilParId(row.profil_candidat_id)).cloned();
                let personne = profil
                    .as_ref()
                    .and_then(|profil| personnes.get(&UtilisateurParId(profil.utilisateur_id)));
                match (profil, personne) {
                    (Some(profil), Some(personne)) => {
                        Ok(crate::poste::schema::Recrutement::new(row, profil, personne))
                    }
                    _ => Err(
                        AppError::Internal(anyhow::anyhow!("profil du recrutement {} absent", row.id))
                            .into_graphql(),
                    ),
                }
            })
            .collect()
    }

    /// The convention or avenant of the post, once requested.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn convention(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<crate::poste::schema::Convention>> {
        let loader = ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?;
        Ok(loader
            .load_one(ConventionDeCandidature(self.modele.id))
            .await
            .graphql()?
            .flatten()
            .map(Into::into))
    }

    /// Other filed candidatures on the same territory (for the préfecture, SGAR, hub and ANCT), those the
    /// caller may read: a préfecture sees the overlaps inside its département, not the candidatures of the
    /// département next door that share an EPCI.
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT".into()))]
    async fn chevauchements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Chevauchement>> {
        let acteur = actor(ctx)?;
        let autres: Vec<_> = charger_liste(ctx, ChevauchementsDeCandidature(self.modele.id))
            .await?
            .into_iter()
            .filter(|(autre, _)| acces::verifier_lecture(acteur, autre).is_ok())
            .collect();
        let loader = ctx.data::<DataLoader<CandidatureLoader, async_graphql::dataloader::HashMapCache>>()?;
        let coordinateurs = loader
            .load_many(
                autres
                    .iter()
                    .map(|(autre, _)| CoordinateursDeCandidature(autre.id)),
            )
            .await
            .graphql()?;
        let structures = loader
            .load_many(autres.iter().map(|(autre, _)| StructureParId(autre.structure_id)))
            .await
            .graphql()?;
        let mut resultat = Vec::new();
        for (autre, epcis_communs) in autres {
            let structure = structures
                .get(&StructureParId(autre.structure_id))
                .ok_or_else(|| {
                    AppError::Internal(anyhow::anyhow!("structure {} absente", autre.structure_id))
                        .into_graphql()
                })?;
            let coordinateurs_en_poste = coordinateurs
                .get(&CoordinateursDeCandidature(autre.id))
                .into_iter()
                .flatten()
                .filter(|coordinateur| coordinateur.parti_le.is_none())
                .count() as u64;
            resultat.push(Chevauchement {
                candidature_id: ID(autre.id.to_string()),
                structure: structure.nom.clone(),
                statut: acces::statut(&autre),
                epcis_communs,
                coordinateurs_en_poste,
            });
        }
        Ok(resultat)
    }
}

//! GraphQL of what follows a validated candidature: candidate pool, recruitment, role attribution,
//! convention, payment, obligations.

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;
use maillage_shared::poste::{Obligations, StatutRecrutement, TypeActe};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{convention, coordinateur, profil_candidat};
use super::recrutement::Etape;
use super::vivier::{Profil, Proximite, Recherche};
use super::{conventionnement, obligations, recrutement, vivier};
use crate::compte::entity::utilisateur;
use crate::compte::schema::Moi;
use crate::compte::service as compte;
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, in_transaction, numeric_id, today};
use crate::territoire::loaders::CommuneParCode;
use crate::territoire::schema::{Commune, charger};

/// A person of the candidate pool, as structures see them (email only once contacted).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct ProfilCandidat {
    pub id: ID,
    pub prenom: String,
    pub nom: String,
    pub rayon_km: i32,
    pub disponible_le: Option<NaiveDate>,
    pub experience: String,
    pub diplomes: String,
    pub pix: bool,
    pub ccp1: bool,
    /// Consent to be seen by structures with a validated candidature.
    pub visible: bool,
    #[graphql(skip)]
    pub commune_code: String,
}

impl ProfilCandidat {
    fn new(profil: profil_candidat::Model, personne: &utilisateur::Model) -> Self {
        Self {
            id: ID(profil.id.to_string()),
            prenom: personne.prenom.clone(),
            nom: personne.nom.clone(),
            rayon_km: profil.rayon_km,
            disponible_le: profil.disponible_le,
            experience: profil.experience,
            diplomes: profil.diplomes,
            pix: profil.pix,
            ccp1: profil.ccp1,
            visible: profil.visible,
            commune_code: profil.commune_code,
        }
    }
}

#[ComplexObject]
impl ProfilCandidat {
    async fn commune(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Commune>> {
        charger(ctx, CommuneParCode(self.commune_code.clone())).await
    }
}

/// A candidate contacted for a post, and where the recruitment stands.
#[derive(SimpleObject, Clone)]
pub struct Recrutement {
    pub id: ID,
    pub statut: StatutRecrutement,
    pub libelle_statut: String,
    pub contrat: Option<String>,
    pub debut: Option<NaiveDate>,
    pub fin: Option<NaiveDate>,
    pub candidat: ProfilCandidat,
    /// The candidate's email: given to the structure once it contacted them.
    pub email: String,
}

/// A coordinator in post (or who left), with their obligations.
#[derive(SimpleObject, Clone)]
pub struct Coordinateur {
    pub id: ID,
    pub prenom: String,
    pub nom: String,
    /// RECRUTEMENT, or ATTRIBUTION when the role went to a conseiller already in post.
    pub mode: String,
    pub en_poste_depuis: NaiveDate,
    pub parti_le: Option<NaiveDate>,
    pub temps_plein: bool,
    pub formation_initiale_le: Option<NaiveDate>,
    pub formations_continues: Vec<i32>,
    pub pix_demande: bool,
    pub pix_obtenu: bool,
    pub ccp1_demande: bool,
    pub ccp1_obtenu: bool,
    /// What is missing of the obligations today, in French.
    pub manquements: Vec<String>,
}

impl Coordinateur {
    /// Builds the view of a coordinator.
    pub fn new(row: &coordinateur::Model, personne: Option<&utilisateur::Model>) -> Self {
        let obligations = obligations::obligations(row);
        Self {
            id: ID(row.id.to_string()),
            prenom: personne.map(|p| p.prenom.clone()).unwrap_or_default(),
            nom: personne.map(|p| p.nom.clone()).unwrap_or_default(),
            mode: row.mode.clone(),
            en_poste_depuis: row.en_poste_depuis,
            parti_le: row.parti_le,
            manquements: if row.parti_le.is_none() {
                obligations.manquements(row.en_poste_depuis, today())
            } else {
                vec![]
            },
            temps_plein: obligations.temps_plein,
            formation_initiale_le: obligations.formation_initiale_le,
            formations_continues: obligations.formations_continues,
            pix_demande: obligations.pix_demande,
            pix_obtenu: obligations.pix_obtenu,
            ccp1_demande: obligations.ccp1_demande,
            ccp1_obtenu: obligations.ccp1_obtenu,
        }
    }
}

/// One year of the second funding.
#[derive(SimpleObject, Clone)]
pub struct PeriodeFinancement {
    pub debut: NaiveDate,
    pub fin: NaiveDate,
    /// `null` until ANCT sets the schedule's amounts.
    pub montant_euros: Option<i32>,
}

/// The second, three-year, decreasing funding that follows the first.
#[derive(SimpleObject, Clone)]
pub struct SecondFinancement {
    /// The day the post becomes eligible (the day after the first funding ends).
    pub eligible_le: NaiveDate,
    /// Whether that day has come.
    pub eligible: bool,
    pub periodes: Vec<PeriodeFinancement>,
}

/// The convention (or avenant) of a post and its payment.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Convention {
    pub id: ID,
    pub candidature_id: ID,
    pub type_acte: TypeActe,
    pub montant_euros: i32,
    pub demandee_le: NaiveDate,
    pub signee_le: Option<NaiveDate>,
    pub debut_financement: Option<NaiveDate>,
    pub fin_financement: Option<NaiveDate>,
    /// First day of the month of payment (the month after signature).
    pub paiement_prevu: Option<NaiveDate>,
    /// "mars 2024".
    pub mois_de_paiement: Option<String>,
    pub paye_le: Option<NaiveDate>,
    pub suspendu_le: Option<NaiveDate>,
    pub motif_suspension: Option<String>,
    pub remboursement_demande_le: Option<NaiveDate>,
    pub motif_remboursement: Option<String>,
}

impl From<convention::Model> for Convention {
    fn from(row: convention::Model) -> Self {
        Self {
            id: ID(row.id.to_string()),
            candidature_id: ID(row.candidature_id.to_string()),
            type_acte: TypeActe::parse(&row.r#type).unwrap_or(TypeActe::Convention),
            montant_euros: row.montant,
            demandee_le: row.demandee_le,
            signee_le: row.signee_le,
            debut_financement: row.debut_financement,
            fin_financement: row.fin_financement,
            mois_de_paiement: row.paiement_prevu.map(conventionnement::mois_en_francais),
            paiement_prevu: row.paiement_prevu,
            paye_le: row.paye_le,
            suspendu_le: row.suspendu_le,
            motif_suspension: row.motif_suspension,
            remboursement_demande_le: row.remboursement_demande_le,
            motif_remboursement: row.motif_remboursement,
        }
    }
}

#[ComplexObject]
impl Convention {
    /// The structure the convention funds.
    async fn structure(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<crate::structure::schema::Structure> {
        use sea_orm::EntityTrait;
        let db = ctx.data::<DatabaseConnection>()?;
        let candidature_id = numeric_id(&self.candidature_id).graphql()?;
        let poste = crate::candidature::entity::candidature::Entity::find_by_id(candidature_id)
            .one(db)
            .await
            .graphql()?
            .ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("candidature {candidature_id} absente")).into_graphql()
            })?;
        Ok(crate::structure::service::par_id(db, poste.structure_id)
            .await
            .graphql()?
            .into())
    }

    /// The second funding, once the first funding period is known (after signature).
    async fn second_financement(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<SecondFinancement>> {
        let Some(fin) = self.fin_financement else {
            return Ok(None);
        };
        let echeancier = ctx.data::<maillage_shared::poste::EcheancierPerenne>()?;
        let periodes: Vec<PeriodeFinancement> = echeancier
            .periodes(fin)
            .into_iter()
            .map(|(debut, fin, montant)| PeriodeFinancement {
                debut,
                fin,
                montant_euros: montant.and_then(|m| i32::try_from(m).ok()),
            })
            .collect();
        let eligible_le = periodes.first().map_or(fin, |p| p.debut);
        Ok(Some(SecondFinancement {
            eligible_le,
            eligible: today() >= eligible_le,
            periodes,
        }))
    }
}

/// A conseiller numérique of the caller's structure.
#[derive(SimpleObject, Clone)]
pub struct ConseillerDeStructure {
    pub id: ID,
    pub prenom: String,
    pub nom: String,
    pub contrat_debut: Option<NaiveDate>,
    pub contrat_fin: Option<NaiveDate>,
    pub fin_financement_initial: Option<NaiveDate>,
}

/// How far from the post to search.
#[derive(Enum, Copy, Clone, PartialEq, Eq)]
pub enum ProximiteRecherche {
    Perimetre,
    Departement,
    Region,
    National,
}

/// Criteria of a pool search.
#[derive(InputObject)]
pub struct FiltreCandidats {
    #[graphql(default_with = "ProximiteRecherche::Departement")]
    pub proximite: ProximiteRecherche,
    /// Only candidates with the PIX certification.
    #[graphql(default)]
    pub pix: bool,
    /// Only candidates with the CCP1 of the REMN title.
    #[graphql(default)]
    pub ccp1: bool,
    /// Only those available on or before this day.
    pub disponible_avant: Option<NaiveDate>,
}

impl Default for FiltreCandidats {
    fn default() -> Self {
        Self {
            proximite: ProximiteRecherche::Departement,
            pix: false,
            ccp1: false,
            disponible_avant: None,
        }
    }
}

/// A candidate's profile as they fill it.
#[derive(InputObject)]
pub struct ProfilCandidatEntree {
    /// INSEE code of the commune where they live.
    pub commune_code: String,
    pub rayon_km: i32,
    pub disponible_le: Option<NaiveDate>,
    #[graphql(default)]
    pub experience: String,
    #[graphql(default)]
    pub diplomes: String,
    #[graphql(default)]
    pub pix: bool,
    /// CCP1 of the title "Responsable d'Espace de Médiation Numérique".
    #[graphql(default)]
    pub ccp1: bool,
    /// Consent to be seen by structures with a validated candidature.
    pub visible: bool,
}

impl From<ProfilCandidatEntree> for Profil {
    fn from(entree: ProfilCandidatEntree) -> Self {
        Self {
            commune_code: entree.commune_code,
            rayon_km: entree.rayon_km,
            disponible_le: entree.disponible_le,
            experience: entree.experience,
            diplomes: entree.diplomes,
            pix: entree.pix,
            ccp1: entree.ccp1,
            visible: entree.visible,
        }
    }
}

/// Registration in the candidate pool.
#[derive(InputObject)]
pub struct InscriptionCandidatEntree {
    pub email: String,
    pub mot_de_passe: String,
    pub prenom: String,
    pub nom: String,
    pub profil: ProfilCandidatEntree,
}

/// A coordinator's obligations as recorded.
#[derive(InputObject)]
pub struct ObligationsEntree {
    pub temps_plein: bool,
    pub formation_initiale_le: Option<NaiveDate>,
    #[graphql(default)]
    pub formations_continues: Vec<i32>,
    #[graphql(default)]
    pub pix_demande: bool,
    #[graphql(default)]
    pub pix_obtenu: bool,
    #[graphql(default)]
    pub ccp1_demande: bool,
    #[graphql(default)]
    pub ccp1_obtenu: bool,
}

async fn personne(db: &DatabaseConnection, id: i64) -> async_graphql::Result<utilisateur::Model> {
    utilisateur::Entity::find_by_id(id)
        .one(db)
        .await
        .graphql()?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("utilisateur {id} absent")).into_graphql())
}

/// The recruitment view, with the candidate's profile.
pub async fn vue_recrutement(
    db: &DatabaseConnection,
    row: super::entity::recrutement::Model,
) -> async_graphql::Result<Recrutement> {
    let profil = profil_candidat::Entity::find_by_id(row.profil_candidat_id)
        .one(db)
        .await
        .graphql()?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("profil absent")).into_graphql())?;
    let candidat = personne(db, profil.utilisateur_id).await?;
    let statut = StatutRecrutement::parse(&row.statut).unwrap_or(StatutRecrutement::Nouvelle);
    Ok(Recrutement {
        id: ID(row.id.to_string()),
        statut,
        libelle_statut: statut.libelle().to_owned(),
        contrat: row.contrat,
        debut: row.debut,
        fin: row.fin,
        email: candidat.email.clone(),
        candidat: ProfilCandidat::new(profil, &candidat),
    })
}

/// Queries of the post-decision workflow.
#[derive(Default)]
pub struct PosteQuery;

#[Object]
impl PosteQuery {
    /// The caller's profile in the candidate pool (role CANDIDAT).
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

/// Mutations of the post-decision workflow.
#[derive(Default)]
pub struct PosteMutation;

#[Object]
impl PosteMutation {
    /// Registers a person in the candidate pool and logs them in.
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
        let token = compte::ouvrir_session(&txn, personne.id).await.graphql()?;
        let mut entree = crate::journal::du_champ(ctx, None);
        entree.acteur_id = Some(personne.id);
        crate::journal::consigner(&txn, &entree).await.graphql()?;
        txn.commit().await.graphql()?;
        crate::compte::schema::repondre_connecte(ctx, &token).await
    }

    /// Updates the caller's profile; `visible: false` withdraws it from searches.
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
    async fn supprimer_profil_candidat(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        in_transaction(ctx, async |txn, acteur| {
            vivier::supprimer_profil(txn, acteur).await
        })
        .await?;
        Ok(true)
    }

    /// The structure contacts a candidate for its validated post.
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
    async fn signer_convention(
        &self,
        ctx: &Context<'_>,
        convention_id: ID,
        signee_le: NaiveDate,
    ) -> async_graphql::Result<Convention> {
        let id = numeric_id(&convention_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            conventionnement::signer(txn, acteur, id, signee_le, today()).await
        })
        .await
        .map(Into::into)
    }

    /// ANCT records the payment of the whole subsidy.
    async fn enregistrer_paiement(
        &self,
        ctx: &Context<'_>,
        convention_id: ID,
        paye_le: NaiveDate,
    ) -> async_graphql::Result<Convention> {
        let id = numeric_id(&convention_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            conventionnement::enregistrer_paiement(txn, acteur, id, paye_le, today()).await
        })
        .await
        .map(Into::into)
    }

    /// ANCT suspends the payment (obligations not met), with the reason.
    async fn suspendre_paiement(
        &self,
        ctx: &Context<'_>,
        convention_id: ID,
        motif: String,
    ) -> async_graphql::Result<Convention> {
        let id = numeric_id(&convention_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            conventionnement::sanctionner(txn, acteur, id, false, &motif, today()).await
        })
        .await
        .map(Into::into)
    }

    /// ANCT asks for reimbursement (coordinator used for unrelated missions), with the reason.
    async fn demander_remboursement(
        &self,
        ctx: &Context<'_>,
        convention_id: ID,
        motif: String,
    ) -> async_graphql::Result<Convention> {
        let id = numeric_id(&convention_id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            conventionnement::sanctionner(txn, acteur, id, true, &motif, today()).await
        })
        .await
        .map(Into::into)
    }

    /// Records a coordinator's obligations (structure employing them, or ANCT).
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

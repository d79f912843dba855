//! GraphQL of what follows a validated candidature: candidate pool, recruitment, role attribution,
//! convention, payment, obligations.

pub mod conseillers;
pub mod mutation;
pub mod query;

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, SimpleObject};
use chrono::NaiveDate;
use maillage_shared::poste::{Financement, StatutRecrutement, StatutVersement, TypeActe};
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::compte::entity::utilisateur;
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{numeric_id, today};
use crate::graphql::regles::autorise;
use crate::poste::entity::{convention, coordinateur, profil_candidat};
use crate::poste::obligations;
use crate::poste::vivier::Profil;
use crate::territoire::loaders::CommuneParCode;
use crate::territoire::schema::{Commune, charger};

/// A person of the candidate pool, as structures see them (email only once contacted).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct ProfilCandidat {
    pub id: ID,
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    pub nom: String,
    pub rayon_km: i32,
    pub disponible_le: Option<NaiveDate>,
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    pub experience: String,
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
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
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
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
    #[graphql(directive = autorise::apply("STRUCTURE ANCT".into()))]
    pub candidat: ProfilCandidat,
    /// The candidate's email: given to the structure once it contacted them.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub email: String,
}

/// A structure's contact as the person contacted sees it.
#[derive(SimpleObject, Clone)]
pub struct ContactRecu {
    /// The recruitment's id, to answer it.
    pub id: ID,
    pub statut: StatutRecrutement,
    pub libelle_statut: String,
    /// The structure that made the contact.
    pub structure: String,
    pub le: chrono::DateTime<chrono::Utc>,
}

impl From<crate::poste::vivier::ContactRecu> for ContactRecu {
    fn from(contact: crate::poste::vivier::ContactRecu) -> Self {
        let statut =
            StatutRecrutement::parse(&contact.recrutement.statut).unwrap_or(StatutRecrutement::Nouvelle);
        Self {
            id: ID(contact.recrutement.id.to_string()),
            statut,
            libelle_statut: statut.libelle().to_owned(),
            structure: contact.structure,
            le: contact.recrutement.cree_le,
        }
    }
}

/// A coordinator in post (or who left), with their obligations.
#[derive(SimpleObject, Clone)]
pub struct Coordinateur {
    pub id: ID,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("connecte".into()))]
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
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub periodes: Vec<PeriodeFinancement>,
}

/// The convention (or avenant) of a post and its payment.
/// A post that ended before its term.
#[derive(SimpleObject, Clone)]
pub struct FinDuPoste {
    /// The day it ended (or ends, when the structure announced it).
    pub le: NaiveDate,
    /// Given back by the structure (`true`) or withdrawn by ANCT.
    pub rendu: bool,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub motif: String,
}

impl FinDuPoste {
    /// The end recorded on the candidature, if any.
    pub fn de(row: &crate::candidature::entity::candidature::Model) -> Option<Self> {
        Some(Self {
            le: row.poste_clos_le?,
            rendu: row.poste_clos_par.as_deref() == Some(maillage_shared::role::Role::Structure.as_str()),
            motif: row.poste_clos_motif.clone().unwrap_or_default(),
        })
    }
}

/// ANCT's notice that an unfilled post will be withdrawn.
#[derive(SimpleObject, Clone)]
pub struct PreavisDeRetrait {
    pub notifie_le: NaiveDate,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub motif: String,
    /// From this day, still unfilled, the post may be withdrawn.
    pub retrait_possible_le: NaiveDate,
}

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
        }
    }
}

impl Convention {
    async fn lignes_de_versement(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<crate::poste::entity::versement::Model>> {
        let id = numeric_id(&self.id).graphql()?;
        let loader = ctx.data::<async_graphql::dataloader::DataLoader<
            crate::candidature::loaders::CandidatureLoader,
            async_graphql::dataloader::HashMapCache,
        >>()?;
        Ok(loader
            .load_one(crate::candidature::loaders::VersementsDeConvention(id))
            .await
            .graphql()?
            .unwrap_or_default())
    }
}

/// One instalment of a post's subsidy.
#[derive(SimpleObject, Clone)]
pub struct Versement {
    pub id: ID,
    pub financement: Financement,
    /// Its rank within its funding, from 1.
    pub rang: i32,
    pub montant_euros: i32,
    /// The first day of its month.
    pub prevu_le: NaiveDate,
    /// "avril 2026".
    pub mois: String,
    pub statut: StatutVersement,
    pub libelle_statut: &'static str,
    pub paye_le: Option<NaiveDate>,
    /// Why it was suspended or reclaimed.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub motif: Option<String>,
}

impl From<crate::poste::entity::versement::Model> for Versement {
    fn from(row: crate::poste::entity::versement::Model) -> Self {
        let statut = StatutVersement::parse(&row.statut).unwrap_or(StatutVersement::Annule);
        Self {
            id: ID(row.id.to_string()),
            financement: Financement::parse(&row.financement).unwrap_or(Financement::Premier),
            rang: row.rang,
            montant_euros: row.montant,
            prevu_le: row.prevu_le,
            mois: maillage_shared::format::mois_et_annee(row.prevu_le),
            statut,
            libelle_statut: statut.libelle(),
            paye_le: row.paye_le,
            motif: row.motif,
        }
    }
}

/// The sums of a post's instalments.
#[derive(SimpleObject, Clone)]
pub struct BilanVersements {
    /// Paid to the structure (reclaimed ones included).
    pub verse_euros: i64,
    /// Scheduled or suspended.
    pub reste_a_verser_euros: i64,
    /// Reclaimed from the structure.
    pub a_rembourser_euros: i64,
}

#[ComplexObject]
impl Convention {
    /// The structure the convention funds.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn structure(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<crate::structure::schema::Structure> {
        let candidature_id = numeric_id(&self.candidature_id).graphql()?;
        let poste = crate::candidature::loaders::candidature(ctx, candidature_id).await?;
        crate::candidature::loaders::structure(ctx, poste.structure_id)
            .await
            .map(Into::into)
    }

    /// The instalments of its subsidy, in the order they are due (scheduled at signature).
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn versements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Versement>> {
        Ok(self
            .lignes_de_versement(ctx)
            .await?
            .into_iter()
            .map(Versement::from)
            .collect())
    }

    /// What was paid, what remains to pay (scheduled or suspended) and what is reclaimed, in euros.
    #[graphql(directive = autorise::apply("connecte".into()))]
    async fn bilan_des_versements(&self, ctx: &Context<'_>) -> async_graphql::Result<BilanVersements> {
        let lignes: Vec<(StatutVersement, u32)> = self
            .lignes_de_versement(ctx)
            .await?
            .iter()
            .map(|v| {
                (
                    StatutVersement::parse(&v.statut).unwrap_or(StatutVersement::Annule),
                    u32::try_from(v.montant).unwrap_or(0),
                )
            })
            .collect();
        let (verse, reste, a_rembourser) = maillage_shared::poste::bilan_des_versements(&lignes);
        let euros = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        Ok(BilanVersements {
            verse_euros: euros(verse),
            reste_a_verser_euros: euros(reste),
            a_rembourser_euros: euros(a_rembourser),
        })
    }

    /// The second funding, once the first funding period is known (after signature).
    #[graphql(directive = autorise::apply("connecte".into()))]
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
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("connecte".into()))]
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

pub(super) async fn personne(db: &DatabaseConnection, id: i64) -> async_graphql::Result<utilisateur::Model> {
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
    Ok(Recrutement::new(row, profil, &candidat))
}

impl Recrutement {
    /// The view of a recruitment, from its candidate's profile and person.
    pub fn new(
        row: super::entity::recrutement::Model,
        profil: profil_candidat::Model,
        candidat: &utilisateur::Model,
    ) -> Self {
        // Once the person withdrew her consent, the structure keeps the name and address of someone it
        // contacted, not her CV.
        let profil = if profil.visible {
            profil
        } else {
            profil_candidat::Model {
                commune_code: String::new(),
                rayon_km: 0,
                disponible_le: None,
                experience: String::new(),
                diplomes: String::new(),
                pix: false,
                ccp1: false,
                ..profil
            }
        };
        let statut = StatutRecrutement::parse(&row.statut).unwrap_or(StatutRecrutement::Nouvelle);
        Self {
            id: ID(row.id.to_string()),
            statut,
            libelle_statut: statut.libelle().to_owned(),
            contrat: row.contrat,
            debut: row.debut,
            fin: row.fin,
            email: candidat.email.clone(),
            candidat: ProfilCandidat::new(profil, candidat),
        }
    }
}

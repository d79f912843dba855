//! GraphQL: register a structure, read one's structure and its eligibility.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use maillage_shared::structure::CategorieStructure;
use sea_orm::DatabaseConnection;

use super::entity as structure;
use super::rattachement;
use super::registre::{Consultation, Registre};
use super::service::{self, Inscription};
use crate::compte::schema::Moi;
use crate::compte::service as compte;
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::actor;
use crate::graphql::regles::autorise;
use crate::territoire::loaders::CommuneParCode;
use crate::territoire::schema::{Commune, charger};

/// A structure porteuse or employer of conseillers numériques (a legal person: no personal data).
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct Structure {
    pub id: ID,
    pub siret: String,
    pub nom: String,
    /// `null` when the structure declared it fits none of the ten categories of the call.
    pub categorie: Option<CategorieStructure>,
    pub statut_public: bool,
    pub departement_code: String,
    /// Number of conseiller numérique posts it employs.
    pub conseillers_numeriques: i32,
    #[graphql(skip)]
    pub commune_code: String,
    #[graphql(skip)]
    pub modele: structure::Model,
}

impl From<structure::Model> for Structure {
    fn from(row: structure::Model) -> Self {
        Self {
            id: ID(row.id.to_string()),
            siret: row.siret.clone(),
            nom: row.nom.clone(),
            categorie: row.categorie.as_deref().and_then(CategorieStructure::parse),
            statut_public: row.statut_public,
            departement_code: row.departement_code.clone(),
            conseillers_numeriques: row.conseillers_numeriques,
            commune_code: row.commune_code.clone(),
            modele: row,
        }
    }
}

/// A structure's legal form as the company register gave it at registration.
#[derive(SimpleObject, Clone)]
pub struct FormeJuridique {
    /// The INSEE legal category (4 digits, « 9220 » for a declared association).
    pub nature_juridique: String,
    /// The category of the call that legal form implies (`null`: it takes a review).
    pub categorie_proposee: Option<CategorieStructure>,
    /// Why the structure chose another category than the one proposed.
    pub motif_categorie: Option<String>,
}

/// Whether a structure may host a coordinator post.
#[derive(SimpleObject, Clone)]
pub struct Eligibilite {
    pub eligible: bool,
    /// Why not, in French.
    #[graphql(directive = autorise::apply("public".into()))]
    pub motif: Option<String>,
}

#[ComplexObject]
impl Structure {
    #[graphql(directive = autorise::apply("public".into()))]
    async fn commune(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Commune>> {
        charger(ctx, CommuneParCode(self.commune_code.clone())).await
    }

    /// Eligibility under II.a of the call, with the reason when not eligible.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn eligibilite(&self) -> Eligibilite {
        match service::eligibilite(&self.modele) {
            Ok(()) => Eligibilite {
                eligible: true,
                motif: None,
            },
            Err(motif) => Eligibilite {
                eligible: false,
                motif: Some(motif.to_string()),
            },
        }
    }

    /// What the company register said of its legal form when it registered (`null`: registered by hand):
    /// instructors see whether its category is the one its legal form implies, and why not.
    #[graphql(directive = autorise::apply("connecte jeton".into()))]
    async fn forme_juridique(&self) -> Option<FormeJuridique> {
        let nature_juridique = self.modele.nature_juridique.clone()?;
        Some(FormeJuridique {
            nature_juridique,
            categorie_proposee: self
                .modele
                .categorie_proposee
                .as_deref()
                .and_then(CategorieStructure::parse),
            motif_categorie: self.modele.motif_categorie.clone(),
        })
    }

    /// The French label of its category.
    async fn libelle_categorie(&self) -> String {
        self.categorie.map_or_else(
            || "Hors des catégories de l’appel".to_owned(),
            |c| c.libelle().to_owned(),
        )
    }
}

/// What a structure gives when it registers.
#[derive(InputObject)]
pub struct InscriptionStructureEntree {
    pub email: String,
    pub mot_de_passe: String,
    pub prenom: String,
    pub nom: String,
    /// 14 digits, spaces allowed.
    pub siret: String,
    pub nom_structure: String,
    /// `null` when the structure fits none of the ten categories (it will be told it is not eligible).
    pub categorie: Option<CategorieStructure>,
    pub statut_public: bool,
    /// For "other private legal persons": a general-interest mission, not exclusively for profit.
    #[graphql(default)]
    pub mission_interet_general: bool,
    /// INSEE code of the commune of its head office.
    pub commune_code: String,
    /// Number of conseiller numérique posts it already employs (0 if none).
    #[graphql(default)]
    pub conseillers_numeriques: i32,
    /// Why `categorie` differs from the category the company register's legal form implies
    /// (`registreEntreprises.categorieProposee`): required then, 10 to 1000 characters.
    pub motif_categorie: Option<String>,
}

/// What the company register says of a SIRET.
#[derive(async_graphql::Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum EtatRegistre {
    /// An open establishment: its fields are filled in.
    Ouvert,
    /// Closed (or its legal unit ceased): registration is refused.
    Ferme,
    /// Unknown to the register (or not published): registration goes on by hand.
    Inconnu,
    /// The register did not answer in time: registration goes on by hand.
    SansReponse,
}

/// A SIRET as the company register (« Recherche d’entreprises ») describes it, to fill a structure's
/// registration: the person checks and may correct every field.
#[derive(SimpleObject, Clone, Debug)]
pub struct FicheRegistre {
    pub etat: EtatRegistre,
    /// 14 digits.
    pub siret: String,
    /// The legal unit's name (`null` when the register does not publish it).
    pub nom: Option<String>,
    /// « 12 RUE DE SIAM 29200 BREST ».
    pub adresse: Option<String>,
    /// INSEE code of the establishment's commune.
    pub commune_code: Option<String>,
    pub libelle_commune: Option<String>,
    /// The INSEE legal category (4 digits).
    pub nature_juridique: Option<String>,
    /// The category of the call the legal form implies, when it alone decides (`null`: choose it).
    pub categorie_proposee: Option<CategorieStructure>,
    /// Whether the legal form is a public-law legal person.
    pub statut_public: Option<bool>,
    /// A structure with this SIRET is already registered: ask to join it rather than register it again.
    pub deja_inscrite: bool,
    /// What the form tells the person, in French.
    pub message: String,
}

impl FicheRegistre {
    fn lire(siret: &str, consultation: Consultation, deja_inscrite: bool) -> Self {
        let (etat, etablissement) = match consultation {
            Consultation::Ouvert(e) => (EtatRegistre::Ouvert, Some(e)),
            Consultation::Ferme(e) => (EtatRegistre::Ferme, Some(e)),
            Consultation::Inconnu => (EtatRegistre::Inconnu, None),
            Consultation::SansReponse(raison) => {
                tracing::warn!(%raison, "le répertoire des entreprises n’a pas répondu");
                (EtatRegistre::SansReponse, None)
            }
        };
        let message = match (etat, deja_inscrite) {
            (_, true) => "Une structure est déjà inscrite avec ce SIRET : demandez à ses membres de vous ajouter, \
                          ou connectez-vous avec ProConnect pour demander à la rejoindre."
                .to_owned(),
            (EtatRegistre::Ouvert, false) => "Établissement trouvé dans le répertoire des entreprises : les champs \
                                              sont remplis, vérifiez-les."
                .to_owned(),
            (EtatRegistre::Ferme, false) => "Le répertoire des entreprises indique que cet établissement est fermé : \
                                             inscrivez la structure avec le SIRET d’un établissement ouvert."
                .to_owned(),
            (EtatRegistre::Inconnu, false) => "Ce SIRET n’est pas dans le répertoire public des entreprises : \
                                               remplissez les champs vous-même."
                .to_owned(),
            (EtatRegistre::SansReponse, false) => "Le répertoire des entreprises ne répond pas pour le moment : \
                                                   remplissez les champs vous-même, l’inscription reste possible."
                .to_owned(),
        };
        let nature = etablissement.as_ref().map(|e| e.nature());
        Self {
            etat,
            siret: siret.to_owned(),
            categorie_proposee: nature.and_then(|n| n.categorie_proposee()),
            statut_public: nature
                .filter(|n| !n.nature_juridique.is_empty())
                .map(|n| n.statut_public()),
            nature_juridique: etablissement
                .as_ref()
                .map(|e| e.nature_juridique.clone())
                .filter(|n| !n.is_empty()),
            nom: etablissement.as_ref().and_then(|e| e.nom.clone()),
            adresse: etablissement.as_ref().and_then(|e| e.adresse.clone()),
            commune_code: etablissement.as_ref().and_then(|e| e.commune_code.clone()),
            libelle_commune: etablissement.and_then(|e| e.libelle_commune),
            deja_inscrite,
            message,
        }
    }
}

/// Structure queries.
#[derive(Default)]
pub struct StructureQuery;

#[Object]
impl StructureQuery {
    /// What the company register says of `siret` (14 digits, spaces allowed), to fill a structure's
    /// registration; and whether a structure with that SIRET is already registered. No login: the
    /// registration form asks it. `INVALID_SIRET` when the number is not a SIRET.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn registre_entreprises(
        &self,
        ctx: &Context<'_>,
        siret: String,
    ) -> async_graphql::Result<FicheRegistre> {
        let db = ctx.data::<DatabaseConnection>()?;
        let siret = maillage_shared::structure::Siret::parse(&siret).graphql()?;
        let deja_inscrite = service::par_siret(db, &siret).await.graphql()?.is_some();
        let consultation = ctx.data::<Registre>()?.consulter(&siret).await;
        Ok(FicheRegistre::lire(siret.as_str(), consultation, deja_inscrite))
    }

    /// The structure the caller acts for (role STRUCTURE).
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn ma_structure(&self, ctx: &Context<'_>) -> async_graphql::Result<Structure> {
        let db = ctx.data::<DatabaseConnection>()?;
        let role = actor(ctx)?
            .exiger(maillage_shared::role::Role::Structure)
            .graphql()?;
        let id = role
            .structure_id
            .ok_or_else(|| AppError::Interdit("Aucune structure rattachée.".to_owned()).into_graphql())?;
        Ok(service::par_id(db, id).await.graphql()?.into())
    }

    /// The requests to join the caller's structure waiting for an answer: people who logged in with
    /// ProConnect with its SIRET, oldest first.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn demandes_de_rattachement(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<DemandeDeRattachement>> {
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(rattachement::en_attente(db, actor(ctx)?)
            .await
            .graphql()?
            .into_iter()
            .map(DemandeDeRattachement::from)
            .collect())
    }
}

/// A person who asked to join the structure through ProConnect.
#[derive(SimpleObject, Clone)]
pub struct DemandeDeRattachement {
    pub id: ID,
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    pub email: String,
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    pub nom: String,
    pub demandee_le: chrono::DateTime<chrono::Utc>,
}

impl From<rattachement::entity::Model> for DemandeDeRattachement {
    fn from(demande: rattachement::entity::Model) -> Self {
        Self {
            id: ID(demande.id.to_string()),
            email: demande.email,
            prenom: demande.prenom,
            nom: demande.nom,
            demandee_le: demande.cree_le,
        }
    }
}

/// Structure mutations.
#[derive(Default)]
pub struct StructureMutation;

#[Object]
impl StructureMutation {
    /// Answers a request to join the caller's structure: accepted, the person is invited to the structure
    /// (their next ProConnect login opens their account in it); refused, it does not come back.
    #[graphql(directive = autorise::apply("STRUCTURE".into()))]
    async fn repondre_a_une_demande_de_rattachement(
        &self,
        ctx: &Context<'_>,
        demande_id: ID,
        accepter: bool,
    ) -> async_graphql::Result<bool> {
        let id = crate::graphql::context::numeric_id(&demande_id).graphql()?;
        crate::graphql::context::in_transaction(ctx, async |txn, acteur| {
            rattachement::repondre(txn, acteur, id, accepter).await
        })
        .await?;
        Ok(true)
    }

    /// Creates the account of a structure and logs it in. A structure outside the call's categories can
    /// register; it is told it is not eligible and cannot file a candidature.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn inscription_structure(
        &self,
        ctx: &Context<'_>,
        entree: InscriptionStructureEntree,
    ) -> async_graphql::Result<Moi> {
        let db = ctx.data::<DatabaseConnection>()?;
        let inscription = Inscription {
            email: entree.email,
            mot_de_passe: entree.mot_de_passe,
            prenom: entree.prenom,
            nom: entree.nom,
            siret: entree.siret,
            nom_structure: entree.nom_structure,
            categorie: entree.categorie,
            statut_public: entree.statut_public,
            mission_interet_general: entree.mission_interet_general,
            commune_code: entree.commune_code,
            conseillers_numeriques: entree.conseillers_numeriques,
            motif_categorie: entree.motif_categorie,
        };
        // Read before the transaction: no write waits on the register.
        let siret = maillage_shared::structure::Siret::parse(&inscription.siret).graphql()?;
        let consultation = ctx.data::<Registre>()?.consulter(&siret).await;
        let txn = crate::database::ecriture(db).await.graphql()?;
        let (compte_cree, _) = service::inscrire(&txn, &inscription, &consultation)
            .await
            .graphql()?;
        crate::compte::liens::demander_verification(&txn, &compte_cree)
            .await
            .graphql()?;
        let token = compte::ouvrir_session(&txn, compte_cree.id).await.graphql()?;
        let mut entree = crate::journal::du_champ(ctx, None);
        entree.acteur_id = Some(compte_cree.id);
        crate::journal::consigner(&txn, &entree).await.graphql()?;
        txn.commit().await.graphql()?;
        crate::compte::schema::repondre_connecte(ctx, &token).await
    }
}

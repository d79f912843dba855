//! GraphQL: anyone reads the gouvernances (open data, no personal data); their history, which names the
//! agents, is read by the préfecture, the SGAR and hub of the région and ANCT; the préfecture of the
//! département keeps its gouvernance.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::gouvernance::{
    ActionFeuilleDeRoute, BesoinAction, FrequenceComite, NatureCollectivite, PerimetreFeuilleDeRoute,
    TypeComite,
};
use maillage_shared::territoire::CodeDepartement;
use sea_orm::DatabaseConnection;

use super::accueil;
use super::entity::{action, comite, feuille_de_route, membre, structure_d_accueil};
use super::service::{self, ComiteEcrit, FeuilleEcrite, GouvernanceLue, NouveauMembre};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, in_transaction, numeric_id, today};
use crate::graphql::regles::autorise;

/// The local gouvernance of a département's digital inclusion, as its préfecture registers it.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Gouvernance {
    pub departement_code: String,
    pub note_de_contexte: String,
    /// Last change; none while the préfecture has registered nothing.
    pub modifiee_le: Option<DateTime<Utc>>,
    /// Co-porteurs first, then by name.
    #[graphql(directive = autorise::apply("public".into()))]
    pub membres: Vec<MembreGouvernance>,
    #[graphql(directive = autorise::apply("public".into()))]
    pub comites: Vec<ComiteGouvernance>,
    #[graphql(directive = autorise::apply("public".into()))]
    pub feuilles_de_route: Vec<FeuilleDeRoute>,
}

/// A structure the préfecture identifies as able to host a coordinator in its département.
#[derive(SimpleObject)]
pub struct StructureDAccueil {
    pub id: ID,
    pub siret: String,
    pub nom: String,
    /// Why the préfecture identifies it.
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT".into()))]
    pub commentaire: String,
    pub designee_le: DateTime<Utc>,
}

impl From<structure_d_accueil::Model> for StructureDAccueil {
    fn from(ligne: structure_d_accueil::Model) -> Self {
        Self {
            id: id(ligne.id),
            siret: ligne.siret,
            nom: ligne.nom,
            commentaire: ligne.commentaire,
            designee_le: ligne.designee_le,
        }
    }
}

/// A member: a structure by SIRET, or a collectivité by the territory it governs.
#[derive(SimpleObject)]
pub struct MembreGouvernance {
    pub id: ID,
    pub nom: String,
    pub siret: Option<String>,
    pub nature_collectivite: Option<NatureCollectivite>,
    /// INSEE code of the commune, département or région, SIREN of the EPCI.
    pub code_territoire: Option<String>,
    /// It carries the gouvernance.
    pub co_porteur: bool,
}

/// A comité of the gouvernance.
#[derive(SimpleObject)]
pub struct ComiteGouvernance {
    pub id: ID,
    #[graphql(name = "type")]
    pub type_comite: TypeComite,
    pub frequence: FrequenceComite,
    pub prochaine_reunion: Option<NaiveDate>,
    /// Published with the gouvernance: the préfecture writes it for everyone.
    #[graphql(directive = autorise::apply("public".into()))]
    pub commentaire: String,
}

/// A feuille de route of the gouvernance, with its actions.
#[derive(SimpleObject)]
pub struct FeuilleDeRoute {
    pub id: ID,
    pub nom: String,
    pub perimetre: PerimetreFeuilleDeRoute,
    /// The member that carries it.
    pub porteur_id: Option<ID>,
    pub porteur: Option<String>,
    pub contexte: String,
    /// Sum of its actions' budgets, in euros.
    pub budget: i64,
    #[graphql(directive = autorise::apply("public".into()))]
    pub actions: Vec<ActionDeFeuilleDeRoute>,
}

/// An action of a feuille de route.
#[derive(SimpleObject)]
pub struct ActionDeFeuilleDeRoute {
    pub id: ID,
    pub nom: String,
    pub description: String,
    pub besoins: Vec<BesoinAction>,
    /// In euros.
    pub budget: i64,
    pub debut: NaiveDate,
    pub fin: NaiveDate,
}

/// A change of the gouvernance.
#[derive(SimpleObject)]
pub struct ChangementDeGouvernance {
    pub le: DateTime<Utc>,
    /// The agent's name; none once the account is deleted.
    pub auteur: Option<String>,
    pub texte: String,
}

fn id(valeur: i64) -> ID {
    ID(valeur.to_string())
}

impl From<membre::Model> for MembreGouvernance {
    fn from(m: membre::Model) -> Self {
        Self {
            id: id(m.id),
            nom: m.nom,
            siret: m.siret,
            nature_collectivite: m
                .nature_collectivite
                .as_deref()
                .and_then(NatureCollectivite::parse),
            code_territoire: m.code_territoire,
            co_porteur: m.co_porteur,
        }
    }
}

impl From<comite::Model> for ComiteGouvernance {
    fn from(c: comite::Model) -> Self {
        Self {
            id: id(c.id),
            type_comite: TypeComite::parse(&c.type_comite).unwrap_or(TypeComite::Autre),
            frequence: FrequenceComite::parse(&c.frequence).unwrap_or(FrequenceComite::Annuelle),
            prochaine_reunion: c.prochaine_reunion,
            commentaire: c.commentaire,
        }
    }
}

impl From<action::Model> for ActionDeFeuilleDeRoute {
    fn from(a: action::Model) -> Self {
        Self {
            id: id(a.id),
            besoins: service::besoins(&a),
            nom: a.nom,
            description: a.description,
            budget: a.budget,
            debut: a.debut,
            fin: a.fin,
        }
    }
}

impl From<GouvernanceLue> for Gouvernance {
    fn from(lue: GouvernanceLue) -> Self {
        let porteur = |porteur_id: Option<i64>| {
            lue.membres
                .iter()
                .find(|m| Some(m.id) == porteur_id)
                .map(|m| m.nom.clone())
        };
        let feuilles_de_route = lue
            .feuilles
            .iter()
            .cloned()
            .map(
                |(f, actions): (feuille_de_route::Model, Vec<action::Model>)| FeuilleDeRoute {
                    id: id(f.id),
                    porteur: porteur(f.porteur_id),
                    porteur_id: f.porteur_id.map(id),
                    perimetre: PerimetreFeuilleDeRoute::parse(&f.perimetre)
                        .unwrap_or(PerimetreFeuilleDeRoute::Departemental),
                    nom: f.nom,
                    contexte: f.contexte,
                    budget: actions.iter().map(|a| a.budget).sum(),
                    actions: actions.into_iter().map(ActionDeFeuilleDeRoute::from).collect(),
                },
            )
            .collect();
        Self {
            departement_code: lue.departement_code,
            note_de_contexte: lue
                .gouvernance
                .as_ref()
                .map(|g| g.note_de_contexte.clone())
                .unwrap_or_default(),
            modifiee_le: lue.gouvernance.as_ref().map(|g| g.modifiee_le),
            membres: lue.membres.into_iter().map(MembreGouvernance::from).collect(),
            comites: lue.comites.into_iter().map(ComiteGouvernance::from).collect(),
            feuilles_de_route,
        }
    }
}

#[ComplexObject]
impl Gouvernance {
    /// What changed, by whom, when, newest first (the préfecture, the SGAR and hub of the région, ANCT).
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT".into()))]
    async fn historique(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ChangementDeGouvernance>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let lignes = service::historique(db, actor(ctx)?, &self.departement_code)
            .await
            .graphql()?;
        Ok(lignes
            .into_iter()
            .map(|(ligne, auteur)| ChangementDeGouvernance {
                le: ligne.le,
                auteur,
                texte: ligne.texte,
            })
            .collect())
    }

    /// The structures the préfecture identifies as able to host a coordinator, by name (the préfecture,
    /// the SGAR and hub of the région, ANCT).
    #[graphql(directive = autorise::apply("PREFECTURE SGAR HUB ANCT".into()))]
    async fn structures_d_accueil(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<StructureDAccueil>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let lignes = accueil::lister(db, actor(ctx)?, &self.departement_code)
            .await
            .graphql()?;
        Ok(lignes.into_iter().map(StructureDAccueil::from).collect())
    }
}

async fn une(db: &DatabaseConnection, departement_code: String) -> Result<Gouvernance, AppError> {
    let mut lues = service::lire(db, Some(&[departement_code])).await?;
    lues.pop()
        .map(Gouvernance::from)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("gouvernance non lue")))
}

/// Gouvernance queries.
#[derive(Default)]
pub struct GouvernanceQuery;

#[Object]
impl GouvernanceQuery {
    /// The gouvernance of a département (empty while its préfecture has registered nothing).
    #[graphql(directive = autorise::apply("public".into()))]
    async fn gouvernance(
        &self,
        ctx: &Context<'_>,
        departement_code: String,
    ) -> async_graphql::Result<Gouvernance> {
        let code = CodeDepartement::parse(&departement_code)
            .map_err(AppError::from)
            .graphql()?;
        let db = ctx.data::<DatabaseConnection>()?;
        une(db, code.as_str().to_owned()).await.graphql()
    }

    /// Every gouvernance a préfecture registered, by département (open data).
    #[graphql(directive = autorise::apply("public".into()))]
    async fn gouvernances(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Gouvernance>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let lues = service::lire(db, None).await.graphql()?;
        Ok(lues.into_iter().map(Gouvernance::from).collect())
    }
}

/// Who joins the gouvernance: a structure by `siret` (named with `nom` when Maillage does not know it), or a
/// collectivité by the territory it governs (`nature` and `code`) — one or the other.
#[derive(InputObject)]
pub struct NouveauMembreEntree {
    pub siret: Option<String>,
    #[graphql(default)]
    pub nom: String,
    pub nature: Option<NatureCollectivite>,
    /// INSEE code of the commune, département or région, SIREN of the EPCI.
    pub code: Option<String>,
}

impl TryFrom<NouveauMembreEntree> for NouveauMembre {
    type Error = AppError;

    fn try_from(entree: NouveauMembreEntree) -> Result<Self, AppError> {
        match (entree.siret, entree.nature, entree.code) {
            (Some(siret), None, None) => Ok(Self::Structure {
                siret,
                nom: entree.nom,
            }),
            (None, Some(nature), Some(code)) => Ok(Self::Collectivite { nature, code }),
            _ => Err(AppError::InvalidInput(
                "Un membre est une structure (son SIRET) ou une collectivité (la nature et le code de son territoire), l’un ou l’autre."
                    .to_owned(),
            )),
        }
    }
}

/// A comité to create or replace.
#[derive(InputObject)]
pub struct ComiteEntree {
    #[graphql(name = "type")]
    pub type_comite: TypeComite,
    pub frequence: FrequenceComite,
    pub prochaine_reunion: Option<NaiveDate>,
    #[graphql(default)]
    pub commentaire: String,
}

/// A feuille de route to create or replace.
#[derive(InputObject)]
pub struct FeuilleDeRouteEntree {
    pub nom: String,
    pub perimetre: PerimetreFeuilleDeRoute,
    pub porteur_id: Option<ID>,
    #[graphql(default)]
    pub contexte: String,
}

/// An action of a feuille de route to create or replace.
#[derive(InputObject)]
pub struct ActionDeFeuilleDeRouteEntree {
    pub nom: String,
    #[graphql(default)]
    pub description: String,
    pub besoins: Vec<BesoinAction>,
    /// In euros.
    pub budget: i64,
    pub debut: NaiveDate,
    pub fin: NaiveDate,
}

fn identifiant(valeur: &ID) -> async_graphql::Result<i64> {
    numeric_id(valeur).graphql()
}

fn departement(code: &str) -> async_graphql::Result<String> {
    Ok(CodeDepartement::parse(code)
        .map_err(AppError::from)
        .graphql()?
        .as_str()
        .to_owned())
}

/// Gouvernance mutations: each answers with the whole gouvernance, as it now reads.
#[derive(Default)]
pub struct GouvernanceMutation;

#[Object]
impl GouvernanceMutation {
    /// Replaces the note of context of the département's gouvernance (role PREFECTURE of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn modifier_note_de_gouvernance(
        &self,
        ctx: &Context<'_>,
        departement_code: String,
        note: String,
    ) -> async_graphql::Result<Gouvernance> {
        let code = departement(&departement_code)?;
        in_transaction(ctx, async |txn, acteur| {
            service::modifier_note(txn, acteur, &code, &note).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Adds a member to the département's gouvernance, co-porteur or not (role PREFECTURE of the
    /// département): a structure by SIRET, a collectivité by its territory, which must be the département,
    /// its région, or lie in it.
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn ajouter_membre_de_gouvernance(
        &self,
        ctx: &Context<'_>,
        departement_code: String,
        membre: NouveauMembreEntree,
        #[graphql(default)] co_porteur: bool,
    ) -> async_graphql::Result<Gouvernance> {
        let code = departement(&departement_code)?;
        let nouveau = NouveauMembre::try_from(membre).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            service::ajouter_membre(txn, acteur, &code, &nouveau, co_porteur).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Makes a member co-porteur of the gouvernance, or not (role PREFECTURE of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn designer_co_porteur(
        &self,
        ctx: &Context<'_>,
        membre_id: ID,
        co_porteur: bool,
    ) -> async_graphql::Result<Gouvernance> {
        let id = identifiant(&membre_id)?;
        let membre = in_transaction(ctx, async |txn, acteur| {
            service::designer_co_porteur(txn, acteur, id, co_porteur).await
        })
        .await?;
        apres(ctx, membre.departement_code).await
    }

    /// Removes a member of the gouvernance (role PREFECTURE of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn retirer_membre_de_gouvernance(
        &self,
        ctx: &Context<'_>,
        membre_id: ID,
    ) -> async_graphql::Result<Gouvernance> {
        let id = identifiant(&membre_id)?;
        let code = in_transaction(ctx, async |txn, acteur| {
            service::retirer_membre(txn, acteur, id).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Creates a comité (without `id`) or replaces one (role PREFECTURE of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn enregistrer_comite_de_gouvernance(
        &self,
        ctx: &Context<'_>,
        departement_code: String,
        id: Option<ID>,
        comite: ComiteEntree,
    ) -> async_graphql::Result<Gouvernance> {
        let code = departement(&departement_code)?;
        let id = id.as_ref().map(identifiant).transpose()?;
        let ecrit = ComiteEcrit {
            type_comite: comite.type_comite,
            frequence: comite.frequence,
            prochaine_reunion: comite.prochaine_reunion,
            commentaire: comite.commentaire,
        };
        in_transaction(ctx, async |txn, acteur| {
            service::enregistrer_comite(txn, acteur, &code, id, &ecrit, today()).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Removes a comité (role PREFECTURE of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn retirer_comite_de_gouvernance(
        &self,
        ctx: &Context<'_>,
        comite_id: ID,
    ) -> async_graphql::Result<Gouvernance> {
        let id = identifiant(&comite_id)?;
        let code = in_transaction(ctx, async |txn, acteur| {
            service::retirer_comite(txn, acteur, id).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Creates a feuille de route (without `id`) or replaces one; its carrier is a member of the
    /// gouvernance (role PREFECTURE of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn enregistrer_feuille_de_route(
        &self,
        ctx: &Context<'_>,
        departement_code: String,
        id: Option<ID>,
        feuille: FeuilleDeRouteEntree,
    ) -> async_graphql::Result<Gouvernance> {
        let code = departement(&departement_code)?;
        let id = id.as_ref().map(identifiant).transpose()?;
        let ecrite = FeuilleEcrite {
            nom: feuille.nom,
            perimetre: feuille.perimetre,
            porteur_id: feuille.porteur_id.as_ref().map(identifiant).transpose()?,
            contexte: feuille.contexte,
        };
        in_transaction(ctx, async |txn, acteur| {
            service::enregistrer_feuille(txn, acteur, &code, id, &ecrite).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Removes a feuille de route and its actions (role PREFECTURE of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn retirer_feuille_de_route(
        &self,
        ctx: &Context<'_>,
        feuille_de_route_id: ID,
    ) -> async_graphql::Result<Gouvernance> {
        let id = identifiant(&feuille_de_route_id)?;
        let code = in_transaction(ctx, async |txn, acteur| {
            service::retirer_feuille(txn, acteur, id).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Adds an action to a feuille de route (without `id`) or replaces one (role PREFECTURE of the
    /// département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn enregistrer_action_de_feuille_de_route(
        &self,
        ctx: &Context<'_>,
        feuille_de_route_id: ID,
        id: Option<ID>,
        action: ActionDeFeuilleDeRouteEntree,
    ) -> async_graphql::Result<Gouvernance> {
        let feuille = identifiant(&feuille_de_route_id)?;
        let id = id.as_ref().map(identifiant).transpose()?;
        let ecrite = ActionFeuilleDeRoute {
            nom: action.nom,
            description: action.description,
            besoins: action.besoins,
            budget: action.budget,
            debut: action.debut,
            fin: action.fin,
        };
        let code = in_transaction(ctx, async |txn, acteur| {
            service::enregistrer_action(txn, acteur, feuille, id, &ecrite).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Removes an action of a feuille de route (role PREFECTURE of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn retirer_action_de_feuille_de_route(
        &self,
        ctx: &Context<'_>,
        action_id: ID,
    ) -> async_graphql::Result<Gouvernance> {
        let id = identifiant(&action_id)?;
        let code = in_transaction(ctx, async |txn, acteur| {
            service::retirer_action(txn, acteur, id).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Identifies a structure of the département able to host a coordinator, by SIRET (named with `nom` when
    /// Maillage does not know it; its people are told when it does), with why; thirty a day (role PREFECTURE
    /// of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn designer_structure_d_accueil(
        &self,
        ctx: &Context<'_>,
        departement_code: String,
        siret: String,
        #[graphql(default)] nom: String,
        #[graphql(default)] commentaire: String,
    ) -> async_graphql::Result<Gouvernance> {
        let code = departement(&departement_code)?;
        in_transaction(ctx, async |txn, acteur| {
            accueil::designer(txn, acteur, &code, &siret, &nom, &commentaire).await
        })
        .await?;
        apres(ctx, code).await
    }

    /// Takes a structure off the list of those able to host (role PREFECTURE of the département).
    #[graphql(directive = autorise::apply("PREFECTURE".into()))]
    async fn retirer_structure_d_accueil(
        &self,
        ctx: &Context<'_>,
        structure_d_accueil_id: ID,
    ) -> async_graphql::Result<Gouvernance> {
        let id = identifiant(&structure_d_accueil_id)?;
        let code = in_transaction(ctx, async |txn, acteur| accueil::retirer(txn, acteur, id).await).await?;
        apres(ctx, code).await
    }
}

/// The gouvernance as it reads after a change.
async fn apres(ctx: &Context<'_>, departement_code: String) -> async_graphql::Result<Gouvernance> {
    let db = ctx.data::<DatabaseConnection>()?;
    une(db, departement_code).await.graphql()
}

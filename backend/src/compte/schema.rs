//! GraphQL: who am I, log in and out, switch role.

use async_graphql::{ComplexObject, Context, ID, InputObject, Object, SimpleObject};
use maillage_shared::role::Role;
use sea_orm::DatabaseConnection;

use super::acteur::{Acteur, RoleAttribue};
use super::invitations::Accepteur;
use super::{liens, service};
use crate::error::{AppError, GraphqlResult};
use crate::graphql::context::{actor, caller, in_transaction, numeric_id};
use crate::graphql::regles::autorise;
use crate::territoire::entity::{departement, region};
use crate::territoire::loaders::{DepartementParCode, RegionParCode};
use crate::territoire::schema::charger;

/// HTTP details the account mutations need (the cookie's `Secure` flag).
#[derive(Debug, Clone, Copy)]
pub struct ReglagesCookie {
    pub secure: bool,
}

/// A role held by the person, with its scope.
#[derive(SimpleObject, Clone)]
#[graphql(complex)]
pub struct RoleDuCompte {
    pub id: ID,
    pub role: Role,
    pub structure_id: Option<ID>,
    pub departement_code: Option<String>,
    pub region_code: Option<String>,
    #[graphql(skip)]
    pub au_feminin: bool,
}

impl RoleDuCompte {
    /// The role `role` of a person whose roles read in the feminine when `au_feminin`.
    fn de(role: &RoleAttribue, au_feminin: bool) -> Self {
        Self {
            id: ID(role.id.to_string()),
            role: role.role,
            structure_id: role.structure_id.map(|id| ID(id.to_string())),
            departement_code: role.departement_code.clone(),
            region_code: role.region_code.clone(),
            au_feminin,
        }
    }
}

#[ComplexObject]
impl RoleDuCompte {
    /// French name of the role and its territory, as the header shows it: "Préfecture — Finistère (29)",
    /// "Hub territorial — Bretagne".
    async fn libelle(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let role = self.role.libelle_pour(self.au_feminin);
        let departement = match &self.departement_code {
            Some(code) => Some((
                code.as_str(),
                charger::<_, _, departement::Model>(ctx, DepartementParCode(code.clone()))
                    .await?
                    .map(|d| d.nom),
            )),
            None => None,
        };
        let region = match (&self.departement_code, &self.region_code) {
            (None, Some(code)) => Some((
                code.as_str(),
                charger::<_, _, region::Model>(ctx, RegionParCode(code.clone()))
                    .await?
                    .map(|r| r.nom),
            )),
            _ => None,
        };
        Ok(maillage_shared::premier_rendu::libelle_du_role(
            role,
            departement.as_ref().map(|(code, nom)| (*code, nom.as_deref())),
            region.as_ref().map(|(code, nom)| (*code, nom.as_deref())),
        ))
    }
}

/// The logged-in person.
#[derive(SimpleObject, Clone)]
pub struct Moi {
    #[graphql(directive = autorise::apply("public".into()))]
    pub email: String,
    #[graphql(directive = autorise::apply("public".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("public".into()))]
    pub nom: String,
    /// The role the person acts in now.
    #[graphql(directive = autorise::apply("public".into()))]
    pub role_actif: Option<RoleDuCompte>,
    /// Every role the person holds, to switch between them.
    #[graphql(directive = autorise::apply("public".into()))]
    pub roles: Vec<RoleDuCompte>,
    /// The person opened the link sent to their address; until then they act only on their own account.
    #[graphql(directive = autorise::apply("public".into()))]
    pub adresse_verifiee: bool,
    /// The session was opened through ProConnect: logging out goes through ProConnect
    /// (`/auth/proconnect/deconnexion`), so as not to be logged back in silently.
    #[graphql(directive = autorise::apply("public".into()))]
    pub via_pro_connect: bool,
    /// The person's roles are named in the feminine (« Conseillère numérique », « Coordinatrice »).
    #[graphql(directive = autorise::apply("public".into()))]
    pub au_feminin: bool,
}

impl From<&Acteur> for Moi {
    fn from(acteur: &Acteur) -> Self {
        Self {
            email: acteur.email.clone(),
            prenom: acteur.prenom.clone(),
            nom: acteur.nom.clone(),
            role_actif: acteur
                .role_actif
                .as_ref()
                .map(|role| RoleDuCompte::de(role, acteur.au_feminin)),
            roles: acteur
                .roles
                .iter()
                .map(|role| RoleDuCompte::de(role, acteur.au_feminin))
                .collect(),
            adresse_verifiee: acteur.adresse_verifiee,
            via_pro_connect: acteur.proconnect,
            au_feminin: acteur.au_feminin,
        }
    }
}

/// The account created when accepting an invitation without having one.
#[derive(InputObject)]
pub struct CompteInviteEntree {
    pub prenom: String,
    pub nom: String,
    pub mot_de_passe: String,
}

impl CompteInviteEntree {
    /// Who accepts an invitation: the logged-in caller, or the account `compte` describes;
    /// `UNAUTHENTICATED` with neither.
    pub fn accepteur<'a>(
        compte: Option<&'a Self>,
        connecte: Option<&'a Acteur>,
    ) -> Result<Accepteur<'a>, AppError> {
        match (connecte, compte) {
            (Some(acteur), _) => Ok(Accepteur::Connecte(acteur)),
            (None, Some(compte)) => Ok(Accepteur::NouveauCompte {
                prenom: &compte.prenom,
                nom: &compte.nom,
                mot_de_passe: &compte.mot_de_passe,
            }),
            (None, None) => Err(AppError::NonConnecte),
        }
    }
}

/// Answers a login or a registration: sets the session cookie of `token` and returns the person.
pub async fn repondre_connecte(ctx: &Context<'_>, token: &str) -> async_graphql::Result<Moi> {
    let db = ctx.data::<DatabaseConnection>()?;
    let acteur = service::acteur_de_session(db, token)
        .await
        .graphql()?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session just opened not found")).into_graphql())?;
    let secure = ctx.data::<ReglagesCookie>()?.secure;
    ctx.append_http_header(
        axum::http::header::SET_COOKIE,
        service::cookie_session(token, secure),
    );
    Ok(Moi::from(&acteur))
}

/// Account queries.
#[derive(Default)]
pub struct CompteQuery;

#[Object]
impl CompteQuery {
    /// Whether this service offers to log in with ProConnect (`/auth/proconnect`): the State's agents and
    /// structures' staff log in there; passwords remain for the others.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn pro_connect(&self, ctx: &Context<'_>) -> bool {
        ctx.data_opt::<super::proconnect::Offert>()
            .is_some_and(|offert| offert.0)
    }

    /// The logged-in person, or `null` when anonymous.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn moi(&self, ctx: &Context<'_>) -> Option<Moi> {
        caller(ctx).0.as_ref().map(Moi::from)
    }
}

/// Account mutations.
#[derive(Default)]
pub struct CompteMutation;

#[Object]
impl CompteMutation {
    /// Logs in: sets the session cookie (HttpOnly, SameSite=Lax).
    #[graphql(directive = autorise::apply("public".into()))]
    async fn connexion(
        &self,
        ctx: &Context<'_>,
        email: String,
        mot_de_passe: String,
    ) -> async_graphql::Result<Moi> {
        let db = ctx.data::<DatabaseConnection>()?;
        let client = ctx
            .data_opt::<crate::compte::acteur::AdresseDuClient>()
            .map(|adresse| adresse.0);
        let token = service::connexion(db, &email, &mot_de_passe, client)
            .await
            .graphql()?;
        let connecte = service::acteur_de_session(db, &token).await.graphql()?;
        crate::journal::consigner_seul(db, &crate::journal::du_champ(ctx, connecte.as_ref()))
            .await
            .graphql()?;
        repondre_connecte(ctx, &token).await
    }

    /// Opens a link sent to an address: the account's address is proven, or the account takes the new
    /// address it asked for. Works from any browser, logged in or not.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn verifier_adresse(&self, ctx: &Context<'_>, jeton: String) -> async_graphql::Result<bool> {
        let db = ctx.data::<DatabaseConnection>()?;
        let txn = crate::database::ecriture(db).await.graphql()?;
        let utilisateur_id = liens::verifier_adresse(&txn, &jeton).await.graphql()?;
        let mut entree = crate::journal::du_champ(ctx, None);
        entree.acteur_id = Some(utilisateur_id);
        crate::journal::consigner(&txn, &entree).await.graphql()?;
        txn.commit().await.graphql()?;
        Ok(true)
    }

    /// Sends the caller a new link to verify their address (three an hour).
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn renvoyer_verification(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        in_transaction(ctx, async |txn, acteur| {
            liens::renvoyer_verification(txn, acteur).await
        })
        .await?;
        Ok(true)
    }

    /// "Mot de passe oublié": sends a link to choose a new password if the address has an account. The
    /// answer is `true` in every case: it never tells whether an address has an account.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn demander_reinitialisation(
        &self,
        ctx: &Context<'_>,
        email: String,
    ) -> async_graphql::Result<bool> {
        let db = ctx.data::<DatabaseConnection>()?;
        let txn = crate::database::ecriture(db).await.graphql()?;
        liens::demander_reinitialisation(&txn, &email).await.graphql()?;
        crate::journal::consigner(&txn, &crate::journal::du_champ(ctx, None))
            .await
            .graphql()?;
        txn.commit().await.graphql()?;
        Ok(true)
    }

    /// Sets a new password with the link of "mot de passe oublié": every other session of the account ends
    /// and this browser is logged in.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn reinitialiser_mot_de_passe(
        &self,
        ctx: &Context<'_>,
        jeton: String,
        mot_de_passe: String,
    ) -> async_graphql::Result<Moi> {
        let db = ctx.data::<DatabaseConnection>()?;
        let txn = crate::database::ecriture(db).await.graphql()?;
        let utilisateur_id = liens::reinitialiser(&txn, &jeton, &mot_de_passe)
            .await
            .graphql()?;
        let token = service::ouvrir_session(&txn, utilisateur_id).await.graphql()?;
        let mut entree = crate::journal::du_champ(ctx, None);
        entree.acteur_id = Some(utilisateur_id);
        crate::journal::consigner(&txn, &entree).await.graphql()?;
        txn.commit().await.graphql()?;
        repondre_connecte(ctx, &token).await
    }

    /// Changes the caller's password, the current one given again; their other sessions end.
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn changer_mot_de_passe(
        &self,
        ctx: &Context<'_>,
        actuel: String,
        nouveau: String,
    ) -> async_graphql::Result<bool> {
        in_transaction(ctx, async |txn, acteur| {
            liens::changer_mot_de_passe(txn, acteur, &actuel, &nouveau).await
        })
        .await?;
        Ok(true)
    }

    /// Asks for the caller's account to use another address, the password given again: the account takes
    /// it once the link sent there is opened.
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn changer_adresse(
        &self,
        ctx: &Context<'_>,
        nouvelle: String,
        mot_de_passe: String,
    ) -> async_graphql::Result<bool> {
        in_transaction(ctx, async |txn, acteur| {
            liens::changer_adresse(txn, acteur, &nouvelle, &mot_de_passe).await
        })
        .await?;
        Ok(true)
    }

    /// Logs out: ends the session on the server and clears the cookie.
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn deconnexion(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        service::fermer_session(db, acteur).await.graphql()?;
        crate::journal::consigner_seul(db, &crate::journal::du_champ(ctx, Some(acteur)))
            .await
            .graphql()?;
        let secure = ctx.data::<ReglagesCookie>()?.secure;
        ctx.append_http_header(axum::http::header::SET_COOKIE, service::cookie_expire(secure));
        Ok(true)
    }

    /// Logs out everywhere: ends every session of the person, on every device; returns how many.
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn deconnexion_partout(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let fermees = crate::graphql::context::in_transaction(ctx, async |txn, acteur| {
            service::fermer_toutes_les_sessions(txn, acteur).await
        })
        .await?;
        let secure = ctx.data::<ReglagesCookie>()?.secure;
        ctx.append_http_header(axum::http::header::SET_COOKIE, service::cookie_expire(secure));
        Ok(i32::try_from(fermees).unwrap_or(i32::MAX))
    }

    /// Names one's roles in the feminine (« Conseillère numérique », « Coordinatrice ») or in the masculine.
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn choisir_accord(&self, ctx: &Context<'_>, au_feminin: bool) -> async_graphql::Result<Moi> {
        let acteur = actor(ctx)?;
        in_transaction(ctx, async |txn, acteur| {
            service::choisir_accord(txn, acteur, au_feminin).await
        })
        .await?;
        Ok(Moi::from(&Acteur {
            au_feminin,
            ..acteur.clone()
        }))
    }

    /// Acts in another of one's roles for the rest of the session.
    #[graphql(directive = autorise::apply("connecte avant_verification".into()))]
    async fn choisir_role(&self, ctx: &Context<'_>, role_id: ID) -> async_graphql::Result<Moi> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let role_id = numeric_id(&role_id).graphql()?;
        let txn = crate::database::ecriture(db).await.graphql()?;
        service::choisir_role(&txn, acteur, role_id).await.graphql()?;
        crate::journal::consigner(&txn, &crate::journal::du_champ(ctx, Some(acteur)))
            .await
            .graphql()?;
        txn.commit().await.graphql()?;
        let mis_a_jour = Acteur {
            role_actif: acteur.roles.iter().find(|role| role.id == role_id).cloned(),
            ..acteur.clone()
        };
        Ok(Moi::from(&mis_a_jour))
    }
}

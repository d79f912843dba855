//! ProConnect, the State's identity federation, through OpenID Connect's authorisation code flow: the login
//! starts here (a `state` and a `nonce` of 64 hexadecimal characters, the login kept in the database so any
//! instance may receive the return), ends with the code exchanged, the ID token verified against the
//! provider's keys (signature, issuer, audience, expiry, nonce) and the userinfo read as a signed JWT; the
//! identity is then bound to an account, never by an address nobody proved. The logout goes through the
//! provider's end-session endpoint with the ID token as a hint.
//!
//! The provider's endpoints and keys are read from its discovery document at each login (logins are rare,
//! keys rotate): nothing is kept in memory.

use std::future::Future;
use std::pin::Pin;

use chrono::{Duration, Utc};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreIdTokenClaims};
use openidconnect::{
    AdditionalClaims, AuthType, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndSessionUrl,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpRequest, HttpResponse, IssuerUrl, LogoutRequest,
    Nonce, OAuth2TokenResponse, PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, Scope,
    TokenResponse, UserInfoClaims,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::entity::utilisateur;
use super::{invitations, service};
use crate::error::AppError;
use crate::settings::ProConnectSettings;

/// Whether the service is registered at ProConnect (the login page then shows the button).
#[derive(Debug, Clone, Copy)]
pub struct Offert(pub bool);

/// How long a login may take between the button and the return.
const DUREE_CONNEXION_MINUTES: i64 = 10;

/// The scopes asked: what Maillage uses, no more (the name, the address, the employer's SIRET, the stable
/// `uid` of the identity provider).
const SCOPES: [&str; 5] = ["email", "given_name", "usual_name", "uid", "siret"];

/// Where the browser comes back after logging in, and after logging out (both registered at ProConnect).
pub fn adresse_de_retour(adresse_publique: &str) -> String {
    format!(
        "{}/auth/proconnect/retour",
        adresse_publique.trim_end_matches('/')
    )
}

/// See [`adresse_de_retour`].
pub fn adresse_apres_deconnexion(adresse_publique: &str) -> String {
    format!(
        "{}/auth/proconnect/deconnecte",
        adresse_publique.trim_end_matches('/')
    )
}

/// Why a login through ProConnect did not open a session, as the login page tells it.
#[derive(Debug, thiserror::Error)]
pub enum Echec {
    /// The return does not match a login this browser started (or it came too late, or twice).
    #[error("cette connexion n’a pas été commencée ici, ou a expiré")]
    Etat,
    /// The provider's answer did not verify (signature, issuer, audience, expiry, nonce) or the code was refused.
    #[error("la réponse de ProConnect n’a pas pu être vérifiée : {0}")]
    Verification(String),
    /// An account has this address, but nobody proved it: it binds nothing.
    #[error("aucun compte Maillage utilisable pour {0}")]
    SansCompte(String),
    /// No account at all for this identity, and no invitation for its address (the person may ask to join
    /// the structure of its SIRET).
    #[error("aucun compte Maillage pour {0}")]
    Inconnue(String),
    /// No account: the person asked to join the structure of their SIRET; the code says where that stands.
    #[error("demande pour rejoindre une structure : {0}")]
    Rattachement(&'static str),
    /// The account was deactivated by ANCT.
    #[error("compte désactivé")]
    Desactive,
    /// The person cancelled, or ProConnect answered with an error.
    #[error("ProConnect a répondu : {0}")]
    Fournisseur(String),
    #[error(transparent)]
    Interne(#[from] AppError),
}

impl From<sea_orm::DbErr> for Echec {
    fn from(erreur: sea_orm::DbErr) -> Self {
        Self::Interne(erreur.into())
    }
}

impl Echec {
    /// The code the login page reads (`/connexion?proconnect=…`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Etat => "etat",
            Self::Verification(_) => "verification",
            Self::SansCompte(_) | Self::Inconnue(_) => "sans-compte",
            Self::Rattachement(code) => code,
            Self::Desactive => "desactive",
            Self::Fournisseur(_) => "fournisseur",
            Self::Interne(_) => "indisponible",
        }
    }
}

/// The claims ProConnect adds to the standard ones.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimsProConnect {
    pub usual_name: Option<String>,
    pub uid: Option<String>,
    pub siret: Option<String>,
}

impl AdditionalClaims for ClaimsProConnect {}

/// What ProConnect says of the person who logged in.
#[derive(Debug, Clone)]
pub struct Identite {
    pub sub: String,
    pub email: String,
    pub prenom: String,
    pub nom: String,
    pub siret: Option<String>,
    /// The assurance level of the authentication (`eidas1`…), recorded with the session.
    pub acr: Option<String>,
    /// The ID token as received: the logout sends it back as a hint.
    pub id_token: String,
}

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

#[derive(Debug)]
struct ErreurHttp(String);

impl std::fmt::Display for ErreurHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ErreurHttp {}

type Reponse = Pin<Box<dyn Future<Output = Result<HttpResponse, ErreurHttp>> + Send>>;

/// Gives the process's HTTPS clients their cryptography (ring), once, before any client is built (the
/// HTTP client is built without a default one). Installing it again does nothing.
pub fn installer_la_cryptographie() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The HTTP client of the OpenID calls: it follows no redirection (a provider's answer that redirects is an
/// error, not a way to make the server call elsewhere).
fn http() -> Result<impl Fn(HttpRequest) -> Reponse, AppError> {
    installer_la_cryptographie();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|erreur| AppError::Internal(anyhow::anyhow!("client HTTP : {erreur}")))?;
    Ok(move |requete: HttpRequest| -> Reponse {
        let client = client.clone();
        Box::pin(async move {
            let (parties, corps) = requete.into_parts();
            let reponse = client
                .request(parties.method, parties.uri.to_string())
                .headers(parties.headers)
                .body(corps)
                .send()
                .await
                .map_err(|erreur| ErreurHttp(erreur.to_string()))?;
            let mut construite = openidconnect::http::Response::builder().status(reponse.status());
            for (nom, valeur) in reponse.headers() {
                construite = construite.header(nom, valeur);
            }
            let octets = reponse
                .bytes()
                .await
                .map_err(|erreur| ErreurHttp(erreur.to_string()))?;
            construite
                .body(octets.to_vec())
                .map_err(|erreur| ErreurHttp(erreur.to_string()))
        })
    })
}

fn verification(erreur: impl std::fmt::Display) -> Echec {
    Echec::Verification(erreur.to_string())
}

/// The provider as its discovery document describes it, with this service's client.
async fn decouvrir(
    http: &(impl Fn(HttpRequest) -> Reponse + Sync),
    reglages: &ProConnectSettings,
    adresse_publique: &str,
) -> Result<(Client, Option<EndSessionUrl>), Echec> {
    let emetteur = IssuerUrl::new(reglages.issuer.trim().to_owned()).map_err(verification)?;
    let metadonnees = ProviderMetadataWithLogout::discover_async(emetteur, http)
        .await
        .map_err(|erreur| Echec::Fournisseur(format!("découverte : {erreur}")))?;
    let fin_de_session = metadonnees.additional_metadata().end_session_endpoint.clone();
    let client = CoreClient::from_provider_metadata(
        metadonnees,
        ClientId::new(reglages.client_id.trim().to_owned()),
        Some(ClientSecret::new(
            reglages.client_secret.expose_secret().to_owned(),
        )),
    )
    .set_redirect_uri(RedirectUrl::new(adresse_de_retour(adresse_publique)).map_err(verification)?)
    // ProConnect's default: the secret in the token request's body.
    .set_auth_type(AuthType::RequestBody);
    Ok((client, fin_de_session))
}

/// 64 hexadecimal characters from two random UUIDs (244 random bits): ProConnect wants at least 32.
fn aleatoire() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// Starts a login: returns the provider's URL to send the browser to, and the `state` to keep in the
/// browser's cookie (the return must bring the same).
pub async fn commencer(
    db: &impl ConnectionTrait,
    reglages: &ProConnectSettings,
    adresse_publique: &str,
) -> Result<(String, String), Echec> {
    let (client, _) = decouvrir(&http()?, reglages, adresse_publique).await?;
    let (etat, nonce) = (aleatoire(), aleatoire());
    let (url, _, _) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            {
                let etat = etat.clone();
                move || CsrfToken::new(etat)
            },
            {
                let nonce = nonce.clone();
                move || Nonce::new(nonce)
            },
        )
        .add_scopes(SCOPES.map(|scope| Scope::new(scope.to_owned())))
        // The assurance level is returned in the ID token only when asked for.
        .add_extra_param("claims", r#"{"id_token":{"acr":null}}"#)
        .url();
    // Logins never finished are forgotten after their time.
    let mut oublier = Query::delete();
    oublier.from_table(Alias::new("connexion_proconnect")).and_where(
        Expr::col(Alias::new("cree_le")).lt(Utc::now() - Duration::minutes(DUREE_CONNEXION_MINUTES)),
    );
    db.execute(&oublier).await.map_err(AppError::from)?;
    let mut noter = Query::insert();
    noter
        .into_table(Alias::new("connexion_proconnect"))
        .columns([
            Alias::new("empreinte"),
            Alias::new("nonce"),
            Alias::new("cree_le"),
        ])
        .values_panic([service::empreinte(&etat).into(), nonce.into(), Utc::now().into()]);
    db.execute(&noter).await.map_err(AppError::from)?;
    Ok((url.to_string(), etat))
}

/// Takes the login a return belongs to, once: its `nonce`, if the browser's cookie and the return carry the
/// same `state` and the login is not older than [`DUREE_CONNEXION_MINUTES`].
async fn reprendre(
    db: &impl ConnectionTrait,
    etat: &str,
    etat_du_navigateur: Option<&str>,
) -> Result<String, Echec> {
    if etat.len() < 32 || etat_du_navigateur != Some(etat) {
        return Err(Echec::Etat);
    }
    let empreinte = service::empreinte(etat);
    let mut lire = Query::select();
    lire.from(Alias::new("connexion_proconnect"))
        .column(Alias::new("nonce"))
        .and_where(Expr::col(Alias::new("empreinte")).eq(empreinte.clone()))
        .and_where(
            Expr::col(Alias::new("cree_le")).gt(Utc::now() - Duration::minutes(DUREE_CONNEXION_MINUTES)),
        );
    let Some(ligne) = db.query_one(&lire).await.map_err(AppError::from)? else {
        return Err(Echec::Etat);
    };
    let nonce: String = ligne.try_get("", "nonce").map_err(AppError::from)?;
    let mut prendre = Query::delete();
    prendre
        .from_table(Alias::new("connexion_proconnect"))
        .and_where(Expr::col(Alias::new("empreinte")).eq(empreinte));
    // Two returns with the same state: only the one that deletes the login goes on.
    if db
        .execute(&prendre)
        .await
        .map_err(AppError::from)?
        .rows_affected()
        != 1
    {
        return Err(Echec::Etat);
    }
    Ok(nonce)
}

/// Ends a login at its return: the `state` checked (see [`reprendre`]), the code exchanged, the ID token
/// verified against the provider's keys with the login's nonce, the userinfo read as a JWT signed by the
/// provider (a plain JSON answer is refused).
pub async fn terminer(
    db: &impl ConnectionTrait,
    reglages: &ProConnectSettings,
    adresse_publique: &str,
    code: &str,
    etat: &str,
    etat_du_navigateur: Option<&str>,
) -> Result<Identite, Echec> {
    let nonce = Nonce::new(reprendre(db, etat, etat_du_navigateur).await?);
    let http = http()?;
    let (client, _) = decouvrir(&http, reglages, adresse_publique).await?;
    let jetons = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(verification)?
        .request_async(&http)
        .await
        .map_err(|erreur| Echec::Verification(format!("échange du code : {erreur}")))?;
    let id_token = jetons
        .id_token()
        .ok_or_else(|| Echec::Verification("pas de jeton d’identité".to_owned()))?;
    let claims: &CoreIdTokenClaims = id_token
        .claims(&client.id_token_verifier(), &nonce)
        .map_err(|erreur| Echec::Verification(format!("jeton d’identité : {erreur}")))?;
    let acr = claims.auth_context_ref().map(|acr| acr.as_str().to_owned());
    let infos: UserInfoClaims<ClaimsProConnect, CoreGenderClaim> = client
        .user_info(jetons.access_token().clone(), Some(claims.subject().clone()))
        .map_err(verification)?
        .require_signed_response(true)
        .request_async(&http)
        .await
        .map_err(|erreur| Echec::Verification(format!("informations de l’utilisateur : {erreur}")))?;
    let email = infos
        .email()
        .map(|email| email.as_str().trim().to_lowercase())
        .ok_or_else(|| Echec::Verification("pas d’adresse électronique".to_owned()))?;
    Ok(Identite {
        sub: claims.subject().as_str().to_owned(),
        prenom: infos
            .given_name()
            .and_then(|prenom| prenom.get(None))
            .map(|prenom| prenom.as_str().to_owned())
            .unwrap_or_default(),
        nom: infos.additional_claims().usual_name.clone().unwrap_or_default(),
        siret: infos.additional_claims().siret.clone(),
        email,
        acr,
        id_token: id_token.to_string(),
    })
}

/// The account of an identity: the one bound to its `sub`; else the account whose address it carries, if
/// that address was proven, or if the account has no password (opened for the person by the programme's
/// file of conseillers: nobody could have used it), bound now; else, for an address invited to a role, an
/// account created with the name ProConnect gives and every waiting invitation accepted. An address nobody
/// proved binds nothing.
pub async fn compte_de(db: &impl ConnectionTrait, identite: &Identite) -> Result<i64, Echec> {
    if let Some(compte) = utilisateur::Entity::find()
        .filter(utilisateur::Column::ProconnectSub.eq(identite.sub.as_str()))
        .one(db)
        .await
        .map_err(AppError::from)?
    {
        if compte.desactive_le.is_some() {
            return Err(Echec::Desactive);
        }
        invitations::accepter_celles_de_l_adresse(db, &compte.email, compte.id).await?;
        return Ok(compte.id);
    }
    let par_adresse = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(identite.email.as_str()))
        .one(db)
        .await
        .map_err(AppError::from)?;
    let compte = match par_adresse {
        Some(compte) if compte.desactive_le.is_some() => return Err(Echec::Desactive),
        Some(compte) if compte.adresse_verifiee_le.is_some() || compte.mot_de_passe.is_empty() => compte,
        Some(_) => return Err(Echec::SansCompte(identite.email.clone())),
        None => return creer_pour_une_invitation(db, identite).await,
    };
    let mut lier: utilisateur::ActiveModel = compte.clone().into();
    lier.proconnect_sub = Set(Some(identite.sub.clone()));
    if compte.adresse_verifiee_le.is_none() {
        lier.adresse_verifiee_le = Set(Some(Utc::now()));
    }
    lier.update(db).await.map_err(AppError::from)?;
    invitations::accepter_celles_de_l_adresse(db, &compte.email, compte.id).await?;
    Ok(compte.id)
}

/// A new account for an address invited to a role, bound to the identity, its address proven by ProConnect;
/// refused when no invitation waits for the address.
async fn creer_pour_une_invitation(db: &impl ConnectionTrait, identite: &Identite) -> Result<i64, Echec> {
    if !invitations::attend_une_invitation(db, &identite.email).await? {
        return Err(Echec::Inconnue(identite.email.clone()));
    }
    let compte = utilisateur::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        email: Set(identite.email.clone()),
        // No password: this account logs in through ProConnect (a password can be set by a reset link).
        mot_de_passe: Set(String::new()),
        prenom: Set(identite.prenom.clone()),
        nom: Set(identite.nom.clone()),
        cree_le: Set(Utc::now()),
        adresse_verifiee_le: Set(Some(Utc::now())),
        proconnect_sub: Set(Some(identite.sub.clone())),
        desactive_le: Set(None),
        au_feminin: Set(None),
    }
    .insert(db)
    .await
    .map_err(AppError::from)?;
    invitations::accepter_celles_de_l_adresse(db, &identite.email, compte.id).await?;
    Ok(compte.id)
}

/// The provider's logout URL for a session opened with `id_token`: back to Maillage with `etat` afterwards.
pub async fn deconnexion(
    reglages: &ProConnectSettings,
    adresse_publique: &str,
    id_token: &str,
    etat: &str,
) -> Result<String, Echec> {
    let (_, fin_de_session) = decouvrir(&http()?, reglages, adresse_publique).await?;
    let fin_de_session =
        fin_de_session.ok_or_else(|| Echec::Fournisseur("pas de point de déconnexion".to_owned()))?;
    let jeton: openidconnect::core::CoreIdToken = id_token.parse().map_err(verification)?;
    let url = LogoutRequest::from(fin_de_session)
        .set_id_token_hint(&jeton)
        .set_post_logout_redirect_uri(
            PostLogoutRedirectUrl::new(adresse_apres_deconnexion(adresse_publique)).map_err(verification)?,
        )
        .set_state(CsrfToken::new(etat.to_owned()))
        .http_get_url();
    Ok(url.to_string())
}

/// The ID token of the session `cle` (see [`service::acteur_de_cle`]), if ProConnect opened it.
pub async fn id_token_de_la_session(
    db: &impl ConnectionTrait,
    cle: &str,
) -> Result<Option<String>, AppError> {
    Ok(super::entity::session::Entity::find_by_id(cle.to_owned())
        .one(db)
        .await?
        .and_then(|session| session.id_token_proconnect))
}

/// A fresh random state for a logout.
pub fn etat_de_deconnexion() -> String {
    aleatoire()
}

//! Accounts, passwords (argon2id) and sessions stored in the database.

use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use std::net::IpAddr;

use chrono::{Duration, Utc};
use maillage_shared::role::Role;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    Statement, TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::acteur::{Acteur, RoleAttribue};
use super::entity::{role_utilisateur, session, utilisateur};
use crate::error::AppError;

pub use maillage_shared::compte::MOT_DE_PASSE_MIN;
/// How long a session lasts without a new login.
pub const DUREE_SESSION_HEURES: i64 = 12;
/// Name of the session cookie.
pub const COOKIE_SESSION: &str = "maillage_session";

/// Hashes a password with argon2id and a random salt.
pub fn hacher(mot_de_passe: &str) -> Result<String, AppError> {
    // 16 random bytes from the OS (UUID v4 draws them from getrandom).
    let sel = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
        .map_err(|error| AppError::Internal(anyhow::anyhow!("sel argon2 : {error}")))?;
    Argon2::default()
        .hash_password(mot_de_passe.as_bytes(), &sel)
        .map(|hash| hash.to_string())
        .map_err(|error| AppError::Internal(anyhow::anyhow!("argon2: {error}")))
}

/// Whether `mot_de_passe` matches an argon2 `hash` (false for anything that is not a hash).
pub fn verifier(hash: &str, mot_de_passe: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(mot_de_passe.as_bytes(), &hash)
            .is_ok()
    })
}

/// The SHA-256 of a secret or an address, in hex: what the database keeps instead of it (session tokens,
/// API tokens, login attempts) and what chains the audit log.
pub fn empreinte(texte: &str) -> String {
    hexadecimal(&Sha256::digest(texte.as_bytes()))
}

/// Bytes written in lowercase hex, two digits each.
pub fn hexadecimal(octets: &[u8]) -> String {
    octets.iter().map(|octet| format!("{octet:02x}")).collect()
}

/// Checks an email address's shape and folds it to lowercase.
pub fn normaliser_email(email: &str) -> Result<String, AppError> {
    maillage_shared::compte::adresse_electronique(email).map_err(AppError::InvalidInput)
}

/// Creates an account; the email must be free and the password long enough.
pub async fn creer_utilisateur(
    db: &impl ConnectionTrait,
    email: &str,
    mot_de_passe: &str,
    prenom: &str,
    nom: &str,
) -> Result<utilisateur::Model, AppError> {
    let email = normaliser_email(email)?;
    if mot_de_passe.chars().count() < MOT_DE_PASSE_MIN {
        return Err(AppError::InvalidInput(format!(
            "Le mot de passe doit compter au moins {MOT_DE_PASSE_MIN} caractères."
        )));
    }
    let (prenom, nom) = (prenom.trim(), nom.trim());
    if prenom.is_empty() || nom.is_empty() {
        return Err(AppError::InvalidInput(
            "Le prénom et le nom sont obligatoires.".to_owned(),
        ));
    }
    if utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::EmailDejaPris);
    }
    let compte = utilisateur::ActiveModel {
        id: NotSet,
        email: Set(email),
        mot_de_passe: Set(hacher(mot_de_passe)?),
        prenom: Set(prenom.to_owned()),
        nom: Set(nom.to_owned()),
        cree_le: Set(Utc::now()),
        adresse_verifiee_le: Set(None),
        proconnect_sub: Set(None),
        desactive_le: Set(None),
        au_feminin: Set(None),
    };
    Ok(compte.insert(db).await?)
}

/// Gives a role to a person.
pub async fn attribuer_role(
    db: &impl ConnectionTrait,
    utilisateur_id: i64,
    role: Role,
    structure_id: Option<i64>,
    departement_code: Option<String>,
    region_code: Option<String>,
) -> Result<role_utilisateur::Model, AppError> {
    let attribution = role_utilisateur::ActiveModel {
        id: NotSet,
        utilisateur_id: Set(utilisateur_id),
        role: Set(role.as_str().to_owned()),
        structure_id: Set(structure_id),
        departement_code: Set(departement_code),
        region_code: Set(region_code),
    };
    Ok(attribution.insert(db).await?)
}

/// Why a deactivated account cannot log in.
pub const COMPTE_DESACTIVE: &str =
    "Ce compte a été désactivé par l’ANCT. Écrivez à l’ANCT si vous devez de nouveau accéder à Maillage.";

/// Opens a session in the person's first role and returns the cookie's token (shown only here).
pub async fn ouvrir_session(db: &impl ConnectionTrait, utilisateur_id: i64) -> Result<String, AppError> {
    ouvrir_session_via(db, utilisateur_id, None).await
}

/// What ProConnect vouched for, kept with the session it opened: the ID token (its logout needs it) and the
/// assurance level.
#[derive(Debug, Clone)]
pub struct ViaProConnect {
    pub id_token: String,
    pub acr: Option<String>,
}

/// Opens a session as [`ouvrir_session`] does, through ProConnect when `via` says so. Its length is the
/// same twelve hours as ProConnect's own session, which is not sliding.
pub async fn ouvrir_session_via(
    db: &impl ConnectionTrait,
    utilisateur_id: i64,
    via: Option<ViaProConnect>,
) -> Result<String, AppError> {
    // Every way in (password, reset link, invitation, ProConnect) ends here: a deactivated account gets none.
    if utilisateur::Entity::find_by_id(utilisateur_id)
        .one(db)
        .await?
        .is_some_and(|compte| compte.desactive_le.is_some())
    {
        return Err(AppError::Interdit(COMPTE_DESACTIVE.to_owned()));
    }
    let premier_role = role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::UtilisateurId.eq(utilisateur_id))
        .order_by_asc(role_utilisateur::Column::Id)
        .one(db)
        .await?;
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let maintenant = Utc::now();
    session::ActiveModel {
        id: Set(empreinte(&token)),
        utilisateur_id: Set(utilisateur_id),
        role_utilisateur_id: Set(premier_role.map(|role| role.id)),
        cree_le: Set(maintenant),
        expire_le: Set(maintenant + Duration::hours(DUREE_SESSION_HEURES)),
        acr: Set(via.as_ref().and_then(|via| via.acr.clone())),
        id_token_proconnect: Set(via.map(|via| via.id_token)),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Checks email and password; the same work is done whether the account exists or not.
pub async fn connexion(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    mot_de_passe: &str,
    client: Option<IpAddr>,
) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    // Attempts are counted per address *and* client network: a guesser elsewhere slows down its own attempts
    // without locking the owner out of the account.
    let reseau = client
        .map(crate::adresse::du_client)
        .map(|ip| ip.to_string())
        .unwrap_or_default();
    let cle = empreinte(&format!("{email}\u{1f}{reseau}"));
    // Taken before the (costly) verification: a guesser is stopped without making the server hash.
    prendre_une_tentative(db, &cle).await?;
    let compte = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(&email))
        .one(db)
        .await?;
    let valide = match &compte {
        Some(compte) => verifier(&compte.mot_de_passe, mot_de_passe),
        None => {
            // Spend the time of a verification so response times do not reveal which emails have accounts.
            let _ = verifier(&HASH_LEURRE, mot_de_passe);
            false
        }
    };
    match compte {
        Some(compte) if valide => {
            let mut effacer = Query::delete();
            effacer
                .from_table(Alias::new("tentative_connexion"))
                .and_where(ExprTrait::eq(Expr::col(Alias::new("cle")), cle));
            db.execute(&effacer).await?;
            ouvrir_session(db, compte.id).await
        }
        // The attempt was recorded when it was taken.
        _ => Err(AppError::IdentifiantsInvalides),
    }
}

/// Failed logins allowed per address within [`FENETRE_TENTATIVES_MINUTES`].
pub const MAX_TENTATIVES: u64 = 5;
/// The window over which failed logins are counted.
pub const FENETRE_TENTATIVES_MINUTES: i64 = 15;

/// Takes one of the attempts `cle` may make within the window, before the password is checked, in a write
/// transaction of its own and, on PostgreSQL, after taking the key's turn: concurrent attempts take their
/// places one at a time, so no more than [`MAX_TENTATIVES`] are ever checked. `RATE_LIMITED` when none is
/// left. A successful login then clears the key's attempts.
async fn prendre_une_tentative(
    db: &(impl ConnectionTrait + TransactionTrait),
    cle: &str,
) -> Result<(), AppError> {
    let txn = crate::database::ecriture(db).await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [cle.into()],
        ))
        .await?;
    }
    verifier_tentatives(&txn, cle).await?;
    let mut noter = Query::insert();
    noter
        .into_table(Alias::new("tentative_connexion"))
        .columns([Alias::new("cle"), Alias::new("le")])
        .values_panic([cle.into(), Utc::now().into()]);
    txn.execute(&noter).await?;
    txn.commit().await?;
    Ok(())
}

/// Refuses a login for an address with too many recent failures, saying when to retry.
async fn verifier_tentatives(db: &impl ConnectionTrait, cle: &str) -> Result<(), AppError> {
    let maintenant = Utc::now();
    let depuis = maintenant - Duration::minutes(FENETRE_TENTATIVES_MINUTES);
    let mut select = Query::select();
    select
        .from(Alias::new("tentative_connexion"))
        .column(Alias::new("le"))
        .and_where(ExprTrait::eq(Expr::col(Alias::new("cle")), cle))
        .and_where(ExprTrait::gt(Expr::col(Alias::new("le")), depuis))
        .order_by(Alias::new("le"), sea_orm::Order::Asc);
    let echecs = db.query_all(&select).await?;
    if (echecs.len() as u64) < MAX_TENTATIVES {
        return Ok(());
    }
    let plus_ancienne: chrono::DateTime<Utc> = echecs[0].try_get("", "le")?;
    let liberation = plus_ancienne + Duration::minutes(FENETRE_TENTATIVES_MINUTES);
    let secondes = Ord::max((liberation - maintenant).num_seconds(), 1);
    Err(AppError::TropDeTentatives(secondes as u64))
}

/// A real argon2id hash of a random password, verified when the email is unknown.
static HASH_LEURRE: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hacher(&uuid::Uuid::new_v4().to_string()).unwrap_or_default());

/// The caller behind a session token, if the session exists and has not expired.
pub async fn acteur_de_session(db: &impl ConnectionTrait, token: &str) -> Result<Option<Acteur>, AppError> {
    acteur_de_cle(db, empreinte(token)).await
}

/// The person behind a session, by the session's stored key ([`Acteur::session_id`]): read again after a
/// change of roles.
pub async fn acteur_de_cle(db: &impl ConnectionTrait, cle: String) -> Result<Option<Acteur>, AppError> {
    let Some(session) = session::Entity::find_by_id(cle.clone()).one(db).await? else {
        return Ok(None);
    };
    if session.expire_le < Utc::now() {
        session::Entity::delete_by_id(cle).exec(db).await?;
        return Ok(None);
    }
    let Some(compte) = utilisateur::Entity::find_by_id(session.utilisateur_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if compte.desactive_le.is_some() {
        // Deactivation ends the sessions; one opened in the same instant ends here.
        session::Entity::delete_by_id(cle).exec(db).await?;
        return Ok(None);
    }
    let roles = roles_de(db, compte.id).await?;
    let role_actif = roles
        .iter()
        .find(|role| Some(role.id) == session.role_utilisateur_id)
        .cloned();
    Ok(Some(Acteur {
        utilisateur_id: compte.id,
        email: compte.email,
        prenom: compte.prenom,
        nom: compte.nom,
        session_id: cle,
        role_actif,
        roles,
        jeton_api: None,
        adresse_verifiee: compte.adresse_verifiee_le.is_some(),
        proconnect: session.id_token_proconnect.is_some(),
        au_feminin: compte.au_feminin == Some(true),
    }))
}

/// The roles a person holds, oldest first.
pub async fn roles_de(db: &impl ConnectionTrait, utilisateur_id: i64) -> Result<Vec<RoleAttribue>, AppError> {
    Ok(role_utilisateur::Entity::find()
        .filter(role_utilisateur::Column::UtilisateurId.eq(utilisateur_id))
        .order_by_asc(role_utilisateur::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(RoleAttribue {
                id: row.id,
                role: Role::parse(&row.role)?,
                structure_id: row.structure_id,
                departement_code: row.departement_code,
                region_code: row.region_code,
            })
        })
        .collect())
}

/// Ends this session.
pub async fn fermer_session(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<(), AppError> {
    session::Entity::delete_by_id(acteur.session_id.clone())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of the person (a lost laptop, a shared computer): all devices are logged out.
pub async fn fermer_toutes_les_sessions(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<u64, AppError> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Names the person's roles in the feminine or in the masculine.
pub async fn choisir_accord(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    au_feminin: bool,
) -> Result<(), AppError> {
    utilisateur::ActiveModel {
        id: Set(acteur.utilisateur_id),
        au_feminin: Set(Some(au_feminin)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Makes one of the person's roles the active one for this session.
pub async fn choisir_role(db: &impl ConnectionTrait, acteur: &Acteur, role_id: i64) -> Result<(), AppError> {
    if !acteur.roles.iter().any(|role| role.id == role_id) {
        return Err(AppError::Interdit(
            "Ce rôle n’est pas attribué à votre compte.".to_owned(),
        ));
    }
    activer_role(db, &acteur.session_id, role_id).await
}

/// Makes one of the person's roles the active one of a session (the caller checked the role is theirs).
pub async fn activer_role(db: &impl ConnectionTrait, session_id: &str, role_id: i64) -> Result<(), AppError> {
    session::ActiveModel {
        id: Set(session_id.to_owned()),
        role_utilisateur_id: Set(Some(role_id)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The `Set-Cookie` value opening a session (`Secure` in production, where TLS is in front).
pub fn cookie_session(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE_SESSION}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{secure}",
        DUREE_SESSION_HEURES * 3600
    )
}

/// The `Set-Cookie` value ending it.
pub fn cookie_expire(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_SESSION}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}")
}

/// The session token in a `Cookie` header, if any.
pub fn token_du_cookie(entete: &str) -> Option<&str> {
    entete
        .split(';')
        .filter_map(|paire| paire.trim().split_once('='))
        .find(|(nom, _)| *nom == COOKIE_SESSION)
        .map(|(_, valeur)| valeur)
        .filter(|valeur| !valeur.is_empty())
}

/// The caller of an HTTP request, from its session cookie (`None` when anonymous or the session is gone).
pub async fn acteur_des_entetes(
    db: &impl ConnectionTrait,
    entetes: &axum::http::HeaderMap,
) -> Result<Option<Acteur>, AppError> {
    match entetes
        .get(axum::http::header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(token_du_cookie)
    {
        Some(token) => acteur_de_session(db, token).await,
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hash_verifies_only_the_right_password() {
        let hash = hacher("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verifier(&hash, "correct horse battery"));
        assert!(!verifier(&hash, "wrong horse battery"));
    }

    #[test]
    fn session_token_is_read_from_the_cookie_header() {
        assert_eq!(token_du_cookie("a=1; maillage_session=abc; b=2"), Some("abc"));
        assert_eq!(token_du_cookie("maillage_session="), None);
        assert_eq!(token_du_cookie("autre=1"), None);
    }

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(
            normaliser_email(" Marie@Exemple.FR ").unwrap(),
            "marie@exemple.fr"
        );
        for invalide in [
            "marie",
            "marie@",
            "@exemple.fr",
            "marie@exemple",
            "ma rie@exemple.fr",
        ] {
            assert!(normaliser_email(invalide).is_err(), "{invalide}");
        }
    }
}

//! The links sent by email to prove an address or recover an account: verify the address of a new account,
//! reset a forgotten password, confirm a new address, choose the first password of an account opened for
//! someone. A link holds a random secret; only its SHA-256 is stored, it serves once, and it expires (24 h to
//! verify an address, 1 h to reset a password, 7 days for a first password). Sending is limited per account:
//! three links of each kind an hour.

use chrono::{Duration, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
};

use super::entity::{jeton_compte, session, utilisateur};
use super::service::{MOT_DE_PASSE_MIN, empreinte, hacher, normaliser_email, verifier};
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::notification::service::{ecrire_a, lien_absolu};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    /// Proves the address of a new account.
    Verification,
    /// Sets a new password when the old one is forgotten.
    Reinitialisation,
    /// Proves a new address before the account takes it.
    ChangementAdresse,
    /// Lets the person of an account someone else opened for them (a conseiller numérique the programme's
    /// file brought in) choose their first password.
    Bienvenue,
}

impl Usage {
    fn as_str(self) -> &'static str {
        match self {
            Self::Verification => "VERIFICATION",
            Self::Reinitialisation => "REINITIALISATION",
            Self::ChangementAdresse => "CHANGEMENT_ADRESSE",
            Self::Bienvenue => "BIENVENUE",
        }
    }

    fn validite(self) -> Duration {
        match self {
            Self::Verification | Self::ChangementAdresse => Duration::hours(VALIDITE_ADRESSE_HEURES),
            Self::Reinitialisation => Duration::hours(VALIDITE_MOT_DE_PASSE_HEURES),
            Self::Bienvenue => Duration::days(VALIDITE_BIENVENUE_JOURS),
        }
    }
}

/// Hours a link to verify an address (a new account's, or a new address) can be used.
pub const VALIDITE_ADRESSE_HEURES: i64 = 24;
/// Hours a link to reset a forgotten password can be used.
pub const VALIDITE_MOT_DE_PASSE_HEURES: i64 = 1;

/// Days the link to choose a first password can be used: the person may be on leave when it arrives.
pub const VALIDITE_BIENVENUE_JOURS: i64 = 7;

/// Links of one kind an account may be sent in an hour.
pub const LIENS_PAR_HEURE: u64 = 3;

/// The path a link opens in the app, before its secret.
pub const CHEMIN_VERIFICATION: &str = "/compte/adresse?jeton=";
pub const CHEMIN_REINITIALISATION: &str = "/mot-de-passe/nouveau?jeton=";

/// Sends `personne` a link of `usage` to `adresse`, within the hourly limit: `Ok(false)` when the limit is
/// reached (nothing sent).
async fn envoyer(
    db: &impl ConnectionTrait,
    personne: &utilisateur::Model,
    usage: Usage,
    adresse: &str,
) -> Result<bool, AppError> {
    // Touching the person's row makes two requests for the same account take their turn (a row lock on
    // PostgreSQL, the write lock on SQLite): both cannot count the same free place.
    utilisateur::Entity::update_many()
        .col_expr(utilisateur::Column::Id, Expr::col(utilisateur::Column::Id))
        .filter(utilisateur::Column::Id.eq(personne.id))
        .exec(db)
        .await?;
    let maintenant = Utc::now();
    let recents = jeton_compte::Entity::find()
        .filter(jeton_compte::Column::UtilisateurId.eq(personne.id))
        .filter(jeton_compte::Column::Usage.eq(usage.as_str()))
        .filter(jeton_compte::Column::CreeLe.gt(maintenant - Duration::hours(1)))
        .count(db)
        .await?;
    if recents >= LIENS_PAR_HEURE {
        return Ok(false);
    }
    let secret = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    jeton_compte::ActiveModel {
        id: NotSet,
        utilisateur_id: Set(personne.id),
        usage: Set(usage.as_str().to_owned()),
        empreinte: Set(empreinte(&secret)),
        adresse: Set(adresse.to_owned()),
        cree_le: Set(maintenant),
        expire_le: Set(maintenant + usage.validite()),
        utilise_le: Set(None),
    }
    .insert(db)
    .await?;
    let (titre, corps) = match usage {
        Usage::Verification => (
            "Confirmez votre adresse électronique",
            format!(
                "Bonjour {},\n\nPour confirmer votre adresse électronique et utiliser Maillage, ouvrez ce lien \
                 dans les 24 heures :\n{}\n\nSi vous n’avez pas créé de compte sur Maillage, ignorez ce message.",
                personne.prenom,
                lien_absolu(&format!("{CHEMIN_VERIFICATION}{secret}"))
            ),
        ),
        Usage::ChangementAdresse => (
            "Confirmez votre nouvelle adresse électronique",
            format!(
                "Bonjour {},\n\nVous avez demandé que votre compte Maillage utilise désormais cette adresse. \
                 Pour le confirmer, ouvrez ce lien dans les 24 heures :\n{}\n\nSans confirmation, votre compte \
                 garde son adresse actuelle.",
                personne.prenom,
                lien_absolu(&format!("{CHEMIN_VERIFICATION}{secret}"))
            ),
        ),
        Usage::Reinitialisation => (
            "Choisissez un nouveau mot de passe",
            format!(
                "Bonjour {},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans l’heure (il ne sert \
                 qu’une fois) :\n{}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe \
                 reste inchangé.",
                personne.prenom,
                lien_absolu(&format!("{CHEMIN_REINITIALISATION}{secret}"))
            ),
        ),
        Usage::Bienvenue => (
            "Votre accès à Maillage, l’outil des conseillers numériques",
            format!(
                "Bonjour {},\n\nLe programme Conseiller numérique vous a inscrit sur Maillage, où vous \
                 retrouvez votre poste, votre coordinateur et vos comptes rendus d’activité. Pour choisir votre \
                 mot de passe, ouvrez ce lien dans les {VALIDITE_BIENVENUE_JOURS} jours (il ne sert qu’une \
                 fois) :\n{}\n\nVous pouvez aussi vous connecter avec ProConnect à cette adresse. Passé ce \
                 délai, demandez un lien depuis « Mot de passe oublié ».",
                personne.prenom,
                lien_absolu(&format!("{CHEMIN_REINITIALISATION}{secret}"))
            ),
        ),
    };
    ecrire_a(db, adresse, titre, &corps).await?;
    Ok(true)
}

/// Sends the link that verifies the address of `personne`'s new account.
pub async fn demander_verification(
    db: &impl ConnectionTrait,
    personne: &utilisateur::Model,
) -> Result<bool, AppError> {
    envoyer(db, personne, Usage::Verification, &personne.email).await
}

/// Sends the person of an account opened for them the link to choose their first password (within the
/// hourly limit: `Ok(false)` when it is reached).
pub async fn souhaiter_la_bienvenue(
    db: &impl ConnectionTrait,
    personne: &utilisateur::Model,
) -> Result<bool, AppError> {
    envoyer(db, personne, Usage::Bienvenue, &personne.email).await
}

/// Sends the caller a new link to verify their address; `RATE_LIMITED` past three an hour.
pub async fn renvoyer_verification(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<(), AppError> {
    let personne = personne(db, acteur.utilisateur_id).await?;
    if personne.adresse_verifiee_le.is_some() {
        return Err(AppError::InvalidInput(
            "Votre adresse électronique est déjà confirmée.".to_owned(),
        ));
    }
    if demander_verification(db, &personne).await? {
        Ok(())
    } else {
        Err(AppError::TropDeTentatives(3600))
    }
}

/// Marks an address as proven by a means other than our own link (an invitation link sent to it).
pub async fn marquer_verifiee(db: &impl ConnectionTrait, utilisateur_id: i64) -> Result<(), AppError> {
    utilisateur::Entity::update_many()
        .col_expr(utilisateur::Column::AdresseVerifieeLe, Expr::value(Utc::now()))
        .filter(utilisateur::Column::Id.eq(utilisateur_id))
        .filter(utilisateur::Column::AdresseVerifieeLe.is_null())
        .exec(db)
        .await?;
    Ok(())
}

async fn personne(db: &impl ConnectionTrait, id: i64) -> Result<utilisateur::Model, AppError> {
    utilisateur::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Compte introuvable.".to_owned()))
}

/// Takes the link of `secret` if it is of one of `usages`, unused and unexpired; it cannot serve again,
/// even to a request running at the same moment.
async fn utiliser(
    db: &impl ConnectionTrait,
    secret: &str,
    usages: &[Usage],
) -> Result<jeton_compte::Model, AppError> {
    let perime = || {
        AppError::InvalidInput(
            "Ce lien n’est pas valable : il a déjà servi, il a expiré ou il est incomplet. Demandez-en un nouveau."
                .to_owned(),
        )
    };
    let lien = jeton_compte::Entity::find()
        .filter(jeton_compte::Column::Empreinte.eq(empreinte(secret.trim())))
        .one(db)
        .await?
        .ok_or_else(perime)?;
    let maintenant = Utc::now();
    if !usages.iter().any(|usage| usage.as_str() == lien.usage) || lien.expire_le < maintenant {
        return Err(perime());
    }
    let pris = jeton_compte::Entity::update_many()
        .col_expr(jeton_compte::Column::UtiliseLe, Expr::value(maintenant))
        .filter(jeton_compte::Column::Id.eq(lien.id))
        .filter(jeton_compte::Column::UtiliseLe.is_null())
        .exec(db)
        .await?;
    if pris.rows_affected == 1 {
        Ok(lien)
    } else {
        Err(perime())
    }
}

/// Opens a verification link: the account's address is proven, or, for a change of address, the account
/// takes the new one (if no other account took it meanwhile). Returns the account's id.
pub async fn verifier_adresse(db: &impl ConnectionTrait, secret: &str) -> Result<i64, AppError> {
    let lien = utiliser(db, secret, &[Usage::Verification, Usage::ChangementAdresse]).await?;
    let mut compte = personne(db, lien.utilisateur_id).await?.into_active_model();
    if lien.usage == Usage::ChangementAdresse.as_str() {
        let prise = utilisateur::Entity::find()
            .filter(utilisateur::Column::Email.eq(lien.adresse.as_str()))
            .filter(utilisateur::Column::Id.ne(lien.utilisateur_id))
            .count(db)
            .await?;
        if prise > 0 {
            return Err(AppError::EmailDejaPris);
        }
        compte.email = Set(lien.adresse.clone());
    }
    compte.adresse_verifiee_le = Set(Some(Utc::now()));
    compte.update(db).await?;
    Ok(lien.utilisateur_id)
}

/// "Mot de passe oublié": sends a reset link if `email` has an account (within the hourly limit). The
/// caller learns nothing: the answer is the same whether the account exists, and whether the limit is
/// reached.
pub async fn demander_reinitialisation(db: &impl ConnectionTrait, email: &str) -> Result<(), AppError> {
    let Ok(email) = normaliser_email(email) else {
        return Ok(());
    };
    if let Some(personne) = utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
    {
        envoyer(db, &personne, Usage::Reinitialisation, &email).await?;
    }
    Ok(())
}

fn verifier_longueur(mot_de_passe: &str) -> Result<(), AppError> {
    if mot_de_passe.chars().count() < MOT_DE_PASSE_MIN {
        return Err(AppError::InvalidInput(format!(
            "Le mot de passe doit compter au moins {MOT_DE_PASSE_MIN} caractères."
        )));
    }
    Ok(())
}

/// Sets a new password with a reset link: every session of the account ends (whoever held one), and the
/// address is proven (the link reached it). Returns the account's id, to open the new session.
pub async fn reinitialiser(
    db: &impl ConnectionTrait,
    secret: &str,
    mot_de_passe: &str,
) -> Result<i64, AppError> {
    verifier_longueur(mot_de_passe)?;
    let lien = utiliser(db, secret, &[Usage::Reinitialisation, Usage::Bienvenue]).await?;
    let mut compte = personne(db, lien.utilisateur_id).await?.into_active_model();
    compte.mot_de_passe = Set(hacher(mot_de_passe)?);
    if compte.adresse_verifiee_le.as_ref().is_none() {
        compte.adresse_verifiee_le = Set(Some(Utc::now()));
    }
    compte.update(db).await?;
    session::Entity::delete_many()
        .filter(session::Column::UtilisateurId.eq(lien.utilisateur_id))
        .exec(db)
        .await?;
    Ok(lien.utilisateur_id)
}

/// Changes the caller's password, the current one given again; the caller's other sessions end.
pub async fn changer_mot_de_passe(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    actuel: &str,
    nouveau: &str,
) -> Result<(), AppError> {
    let compte = personne(db, acteur.utilisateur_id).await?;
    if !verifier(&compte.mot_de_passe, actuel) {
        return Err(AppError::IdentifiantsInvalides);
    }
    verifier_longueur(nouveau)?;
    let mut compte = compte.into_active_model();
    compte.mot_de_passe = Set(hacher(nouveau)?);
    compte.update(db).await?;
    session::Entity::delete_many()
        .filter(session::Column::UtilisateurId.eq(acteur.utilisateur_id))
        .filter(session::Column::Id.ne(acteur.session_id.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// Asks for the caller's account to use `nouvelle` address, the password given again: a link goes to the
/// new address, and the account changes address only when it is opened. `RATE_LIMITED` past three an hour.
pub async fn changer_adresse(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    nouvelle: &str,
    mot_de_passe: &str,
) -> Result<(), AppError> {
    let compte = personne(db, acteur.utilisateur_id).await?;
    if !verifier(&compte.mot_de_passe, mot_de_passe) {
        return Err(AppError::IdentifiantsInvalides);
    }
    let nouvelle = normaliser_email(nouvelle)?;
    if nouvelle == compte.email {
        return Err(AppError::InvalidInput(
            "C’est déjà l’adresse de votre compte.".to_owned(),
        ));
    }
    if utilisateur::Entity::find()
        .filter(utilisateur::Column::Email.eq(nouvelle.as_str()))
        .count(db)
        .await?
        > 0
    {
        return Err(AppError::EmailDejaPris);
    }
    if envoyer(db, &compte, Usage::ChangementAdresse, &nouvelle).await? {
        Ok(())
    } else {
        Err(AppError::TropDeTentatives(3600))
    }
}

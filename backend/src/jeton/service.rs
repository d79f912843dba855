//! Creating, listing, revoking and checking API tokens. A token reads; it never writes (the GraphQL layer
//! refuses mutations to token callers).

use std::net::IpAddr;

use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::role::Role;
use maillage_shared::territoire::CodeDepartement;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession,
};

use super::entity as jeton_api;
use crate::compte::acteur::{Acteur, RoleAttribue};
use crate::compte::service::empreinte;
use crate::error::AppError;

/// What a token may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Portee {
    /// The public queries, with the token's own quota.
    OpenData,
    /// Also the candidatures of one département, as its préfecture reads them (read only).
    Departement(CodeDepartement),
}

impl Portee {
    fn stockee(&self) -> String {
        match self {
            Self::OpenData => "OPEN_DATA".to_owned(),
            Self::Departement(code) => format!("DEPARTEMENT:{}", code.as_str()),
        }
    }

    /// Reads the stored form back.
    pub fn lire(texte: &str) -> Option<Self> {
        match texte.split_once(':') {
            None if texte == "OPEN_DATA" => Some(Self::OpenData),
            Some(("DEPARTEMENT", code)) => CodeDepartement::parse(code).ok().map(Self::Departement),
            _ => None,
        }
    }
}

/// The token of an `Authorization: Bearer …` header, if any.
pub fn porteur(entetes: &axum::http::HeaderMap) -> Option<&str> {
    entetes
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

fn anct(acteur: &Acteur) -> Result<(), AppError> {
    acteur.exiger(Role::Anct).map(|_| ())
}

/// Creates a token; returns it with the secret, which is shown this once.
pub async fn creer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    nom: &str,
    portee: Portee,
    expire_le: NaiveDate,
    ips: &[String],
    aujourd_hui: NaiveDate,
) -> Result<(jeton_api::Model, String), AppError> {
    anct(acteur)?;
    let nom = nom.trim();
    if nom.is_empty() || nom.chars().count() > 120 {
        return Err(AppError::InvalidInput(
            "Le nom du jeton compte 1 à 120 caractères.".to_owned(),
        ));
    }
    if expire_le <= aujourd_hui || expire_le > aujourd_hui + chrono::Days::new(366 * 2) {
        return Err(AppError::InvalidInput(
            "L’expiration doit être dans le futur et au plus dans deux ans.".to_owned(),
        ));
    }
    let mut adresses = Vec::new();
    for ip in ips {
        let adresse: IpAddr = ip
            .trim()
            .parse()
            .map_err(|_| AppError::InvalidInput(format!("Adresse IP invalide : « {ip} ».")))?;
        adresses.push(adresse.to_string());
    }
    let secret = format!(
        "mlg_{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let expire = expire_le
        .and_hms_opt(23, 59, 59)
        .map(|t| t.and_utc())
        .ok_or_else(|| AppError::InvalidInput("date invalide".to_owned()))?;
    let cree = jeton_api::ActiveModel {
        id: NotSet,
        nom: Set(nom.to_owned()),
        empreinte: Set(empreinte(&secret)),
        portee: Set(portee.stockee()),
        ips: Set(adresses.join(",")),
        expire_le: Set(expire),
        derniere_utilisation: Set(None),
        revoque_le: Set(None),
        cree_par: Set(acteur.utilisateur_id),
        cree_le: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok((cree, secret))
}

/// Every token, newest first (ANCT).
pub async fn lister(db: &impl ConnectionTrait, acteur: &Acteur) -> Result<Vec<jeton_api::Model>, AppError> {
    anct(acteur)?;
    Ok(jeton_api::Entity::find()
        .order_by_desc(jeton_api::Column::Id)
        .all(db)
        .await?)
}

/// Revokes a token at once (ANCT).
pub async fn revoquer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
) -> Result<jeton_api::Model, AppError> {
    anct(acteur)?;
    let jeton = jeton_api::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Introuvable("Jeton introuvable.".to_owned()))?;
    let mut revoque: jeton_api::ActiveModel = jeton.into();
    revoque.revoque_le = Set(Some(Utc::now()));
    Ok(revoque.update(db).await?)
}

/// The token behind a bearer secret, by its id, and its caller: none for an open-data token (read as
/// anonymous, with its own quota), an acteur reading like its département's préfecture for a territorial
/// one. Unknown, expired, revoked tokens and addresses outside the allow-list are refused.
pub async fn authentifier<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    secret: &str,
    client: Option<IpAddr>,
    maintenant: DateTime<Utc>,
) -> Result<(i64, Option<Acteur>), AppError> {
    let refuse = |raison: &str| AppError::Interdit(format!("Jeton d’API refusé : {raison}."));
    let jeton = jeton_api::Entity::find()
        .filter(jeton_api::Column::Empreinte.eq(empreinte(secret)))
        .one(db)
        .await?
        .ok_or(AppError::NonConnecte)?;
    if jeton.revoque_le.is_some() {
        return Err(refuse("il a été révoqué"));
    }
    if jeton.expire_le < maintenant {
        return Err(refuse("il a expiré"));
    }
    if !jeton.ips.is_empty() {
        let autorisee = client.is_some_and(|ip| jeton.ips.split(',').any(|a| a.parse() == Ok(ip)));
        if !autorisee {
            return Err(refuse("cette adresse n’est pas autorisée"));
        }
    }
    // Last use to the minute: the row just read tells whether a write is due, so a busy token costs one
    // write a minute, not one statement per request; the condition settles two instances racing.
    let limite = maintenant - chrono::Duration::minutes(1);
    if jeton
        .derniere_utilisation
        .is_none_or(|derniere| derniere < limite)
    {
        // A writer like the others (`database::ecriture`): its locks in the same order as theirs.
        let txn = crate::database::ecriture(db).await?;
        jeton_api::Entity::update_many()
            .col_expr(
                jeton_api::Column::DerniereUtilisation,
                sea_orm::sea_query::Expr::value(maintenant),
            )
            .filter(jeton_api::Column::Id.eq(jeton.id))
            .filter(
                sea_orm::Condition::any()
                    .add(jeton_api::Column::DerniereUtilisation.is_null())
                    .add(jeton_api::Column::DerniereUtilisation.lt(limite)),
            )
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    let acteur = match Portee::lire(&jeton.portee) {
        Some(Portee::Departement(code)) => Some(Acteur {
            utilisateur_id: 0,
            email: String::new(),
            prenom: jeton.nom.clone(),
            nom: String::new(),
            session_id: String::new(),
            role_actif: Some(RoleAttribue {
                id: 0,
                role: Role::Prefecture,
                structure_id: None,
                departement_code: Some(code.as_str().to_owned()),
                region_code: None,
            }),
            roles: Vec::new(),
            jeton_api: Some(jeton.id),
            adresse_verifiee: true,
            proconnect: false,
            au_feminin: false,
        }),
        _ => None,
    };
    Ok((jeton.id, acteur))
}

//! Errors anyone reports on a lieu's page (wrong hours, moved, closed…): the report reaches the people who
//! keep the lieu current (`edition::responsables`, in the app and by email), who read it in their list and
//! resolve it, the reporter being told when they left an address. Anonymous, so limited per client network
//! (an IPv6 /64 counts as one client) and per lieu; the address left is deleted at resolution, and the
//! client is kept only as a fingerprint, deleted by the hourly purge after a day.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};

use super::edition::{droits, responsables};
use super::service::lire;
use crate::compte::acteur::Acteur;
use crate::error::AppError;

/// Reports one client may send in an hour.
pub const PAR_CLIENT_ET_HEURE: usize = 5;
/// Reports waiting on one lieu beyond which new ones wait for the first to be resolved.
pub const EN_ATTENTE_PAR_LIEU: i64 = 20;

/// A report, as its readers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signalement {
    pub id: i64,
    pub lieu_id: String,
    pub lieu_nom: String,
    pub le: chrono::DateTime<Utc>,
    pub message: String,
    /// The reporter's address, until resolution.
    pub courriel: Option<String>,
    pub resolu_le: Option<chrono::DateTime<Utc>>,
    pub reponse: Option<String>,
}

/// Records a report on lieu `lieu_id` from `client` and tells the lieu's keepers.
pub async fn signaler(
    db: &impl ConnectionTrait,
    lieu_id: &str,
    message: &str,
    courriel: Option<&str>,
    client: Option<std::net::IpAddr>,
) -> Result<i64, AppError> {
    let message = message.trim();
    if !(10..=1000).contains(&message.chars().count()) {
        return Err(AppError::InvalidInput(
            "Décrivez l’erreur en 10 à 1 000 caractères.".to_owned(),
        ));
    }
    let courriel = courriel
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(crate::compte::service::normaliser_email)
        .transpose()?;
    let lieu = lire(db, lieu_id)
        .await?
        .ok_or_else(|| AppError::Introuvable(format!("Aucun lieu n’a l’identifiant « {lieu_id} ».")))?;
    crate::database::prendre_son_tour(db).await?;
    let client = crate::compte::service::empreinte(
        &client
            .map(crate::adresse::du_client)
            .map(|ip| ip.to_string())
            .unwrap_or_default(),
    );
    let maintenant = Utc::now();
    let recents: Vec<chrono::DateTime<Utc>> = db
        .query_all(
            &Query::select()
                .from(Alias::new("signalement_lieu"))
                .column(Alias::new("le"))
                .and_where(Expr::col(Alias::new("client")).eq(client.as_str()))
                .and_where(Expr::col(Alias::new("le")).gte(maintenant - Duration::hours(1)))
                .order_by(Alias::new("le"), Order::Asc)
                .to_owned(),
        )
        .await?
        .into_iter()
        .map(|ligne| ligne.try_get("", "le"))
        .collect::<Result<_, _>>()?;
    if recents.len() >= PAR_CLIENT_ET_HEURE {
        let libere = recents[0] + Duration::hours(1);
        return Err(AppError::TropDeTentatives(
            u64::try_from(std::cmp::max((libere - maintenant).num_seconds(), 1)).unwrap_or(1),
        ));
    }
    if en_attente(db, lieu_id).await? >= EN_ATTENTE_PAR_LIEU {
        return Err(AppError::TropDeTentatives(3600));
    }
    let insertion = Query::insert()
        .into_table(Alias::new("signalement_lieu"))
        .columns(["lieu_id", "le", "message", "courriel", "client"].map(Alias::new))
        .values_panic([
            lieu_id.into(),
            maintenant.into(),
            message.into(),
            courriel.into(),
            client.into(),
        ])
        .returning_col(Alias::new("id"))
        .to_owned();
    let id: i64 = db
        .query_one(&insertion)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("signalement sans identifiant")))?
        .try_get("", "id")?;
    let nom = lieu.ligne.get("nom");
    crate::notification::service::notifier(
        db,
        &responsables(db, &lieu).await?,
        &format!("Erreur signalée sur « {nom} »"),
        &format!("Quelqu’un signale sur la page du lieu « {nom} » : « {message} »"),
        &format!("/lieux/{lieu_id}"),
    )
    .await?;
    Ok(id)
}

/// The reports on the lieux the caller keeps, newest first: waiting ones, or resolved ones.
pub async fn lister(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    resolus: bool,
) -> Result<Vec<Signalement>, AppError> {
    let droits = droits(db, acteur).await?;
    let mut select = Query::select();
    select
        .from(Alias::new("signalement_lieu"))
        .inner_join(
            Alias::new("lieu"),
            Expr::col((Alias::new("lieu"), Alias::new("id")))
                .equals((Alias::new("signalement_lieu"), Alias::new("lieu_id"))),
        )
        .columns(
            [
                "id",
                "lieu_id",
                "le",
                "message",
                "courriel",
                "resolu_le",
                "reponse",
            ]
            .map(|c| (Alias::new("signalement_lieu"), Alias::new(c))),
        )
        .expr_as(
            Expr::col((Alias::new("lieu"), Alias::new("nom"))),
            Alias::new("lieu_nom"),
        )
        .order_by((Alias::new("signalement_lieu"), Alias::new("le")), Order::Desc)
        .limit(200);
    let resolu = Expr::col((Alias::new("signalement_lieu"), Alias::new("resolu_le")));
    select.and_where(if resolus {
        resolu.is_not_null()
    } else {
        resolu.is_null()
    });
    if !droits.restreindre(&mut select) {
        return Err(AppError::Interdit(
            "Les signalements vont à l’ANCT, aux coordinateurs et aux structures qui tiennent les lieux à jour."
                .to_owned(),
        ));
    }
    db.query_all(&select)
        .await?
        .into_iter()
        .map(|ligne| {
            Ok(Signalement {
                id: ligne.try_get("", "id")?,
                lieu_id: ligne.try_get("", "lieu_id")?,
                lieu_nom: ligne.try_get("", "lieu_nom")?,
                le: ligne.try_get("", "le")?,
                message: ligne.try_get("", "message")?,
                courriel: ligne.try_get("", "courriel")?,
                resolu_le: ligne.try_get("", "resolu_le")?,
                reponse: ligne.try_get("", "reponse")?,
            })
        })
        .collect()
}

/// Resolves a report, with an optional answer sent to the reporter when they left an address; the address is
/// deleted.
pub async fn resoudre(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    id: i64,
    reponse: Option<&str>,
) -> Result<(), AppError> {
    let reponse = reponse.map(str::trim).filter(|r| !r.is_empty());
    if reponse.is_some_and(|r| r.chars().count() > 1000) {
        return Err(AppError::InvalidInput(
            "La réponse tient en 1 000 caractères.".to_owned(),
        ));
    }
    let ligne = db
        .query_one(
            &Query::select()
                .from(Alias::new("signalement_lieu"))
                .columns(["lieu_id", "courriel", "resolu_le", "message"].map(Alias::new))
                .and_where(Expr::col(Alias::new("id")).eq(id))
                .to_owned(),
        )
        .await?
        .ok_or_else(|| AppError::Introuvable("Ce signalement n’existe pas.".to_owned()))?;
    let lieu_id: String = ligne.try_get("", "lieu_id")?;
    let lieu = lire(db, &lieu_id)
        .await?
        .ok_or_else(|| AppError::Introuvable("Ce signalement n’existe pas.".to_owned()))?;
    if !droits(db, acteur).await?.couvrent(&lieu) {
        return Err(AppError::Interdit(
            "Ce signalement porte sur un lieu que vous ne tenez pas à jour.".to_owned(),
        ));
    }
    let deja: Option<chrono::DateTime<Utc>> = ligne.try_get("", "resolu_le")?;
    if deja.is_some() {
        return Err(AppError::Conflit("Ce signalement est déjà résolu.".to_owned()));
    }
    let courriel: Option<String> = ligne.try_get("", "courriel")?;
    if let Some(courriel) = &courriel {
        // The answer goes out by email: limited like every action that sends one.
        crate::journal::limiter(db, acteur, "resoudreUnSignalement", 200, Duration::days(1)).await?;
        let message: String = ligne.try_get("", "message")?;
        let nom = lieu.ligne.get("nom");
        crate::notification::service::ecrire_a(
            db,
            courriel,
            &format!("Votre signalement sur « {nom} » a été traité"),
            &format!(
                "Bonjour,\n\nVous aviez signalé sur la page du lieu « {nom} » : « {message} »\n\n{}\n\nLa page du lieu : {}",
                reponse.map_or_else(
                    || "Les personnes qui tiennent ce lieu à jour l’ont traité.".to_owned(),
                    |r| format!("Réponse : {r}")
                ),
                crate::notification::service::lien_absolu(&format!("/lieux/{lieu_id}"))
            ),
        )
        .await?;
    }
    let mise_a_jour = Query::update()
        .table(Alias::new("signalement_lieu"))
        .value(Alias::new("resolu_le"), Utc::now())
        .value(Alias::new("resolu_par"), acteur.utilisateur_id)
        .value(Alias::new("reponse"), reponse)
        .value(Alias::new("courriel"), Option::<String>::None)
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    db.execute(&mise_a_jour).await?;
    Ok(())
}

/// How many reports wait on lieu `lieu_id`.
pub async fn en_attente(db: &impl ConnectionTrait, lieu_id: &str) -> Result<i64, AppError> {
    let select = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from(Alias::new("signalement_lieu"))
        .and_where(Expr::col(Alias::new("lieu_id")).eq(lieu_id))
        .and_where(Expr::col(Alias::new("resolu_le")).is_null())
        .to_owned();
    Ok(match db.query_one(&select).await? {
        Some(ligne) => ligne.try_get("", "n")?,
        None => 0,
    })
}

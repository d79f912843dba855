//! The audit log. Every state change (each mutation, in its own transaction) and every agent read of
//! personal data is appended with actor, role, object, action, time and request id. Each entry's
//! `empreinte` is the SHA-256 of the previous entry's and of its own fields, so altering or deleting an
//! entry breaks every later link; [`verifier`] walks the chain and names the first broken entry. (Removing
//! the newest entries leaves a valid shorter chain: the last `empreinte` should be copied elsewhere
//! regularly, as SECURITY.md says.)

use chrono::{SecondsFormat, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use crate::compte::acteur::Acteur;
use crate::error::AppError;

/// The `precedent` of the first entry.
pub const ORIGINE: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The request id of the HTTP request being served (put in the GraphQL context by the handler).
#[derive(Debug, Clone, Default)]
pub struct RequestId(pub String);

/// What is appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entree {
    pub le: String,
    pub acteur_id: Option<i64>,
    pub role: String,
    pub objet: String,
    pub action: String,
    pub requete_id: String,
}

impl Entree {
    /// An entry of `acteur` (or an anonymous caller) now.
    pub fn new(acteur: Option<&Acteur>, objet: &str, action: &str, requete_id: &str) -> Self {
        let role = acteur
            .and_then(|a| a.role_actif.as_ref())
            .map_or("ANONYME", |r| r.role.as_str());
        Self {
            le: Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true),
            acteur_id: acteur.map(|a| a.utilisateur_id),
            role: role.to_owned(),
            objet: borne(objet, 255),
            action: borne(action, 64),
            requete_id: borne(requete_id, 64),
        }
    }

    fn empreinte(&self, precedent: &str) -> String {
        let acteur = self.acteur_id.map(|id| id.to_string()).unwrap_or_default();
        let texte = [
            precedent,
            &self.le,
            &acteur,
            &self.role,
            &self.objet,
            &self.action,
            &self.requete_id,
        ]
        .join("\u{1f}");
        crate::compte::service::empreinte(&texte)
    }
}

fn borne(texte: &str, max: usize) -> String {
    texte.chars().take(max).collect()
}

/// Takes the journal's turn until the transaction ends: the writers' turn (`database::prendre_son_tour`).
async fn verrouiller(txn: &impl ConnectionTrait) -> Result<(), AppError> {
    Ok(crate::database::prendre_son_tour(txn).await?)
}

/// Refuses an action `acteur` already did `max` times within `fenetre` (`RATE_LIMITED`, with the seconds until
/// the oldest of them leaves the window): the limit of the actions that send emails. Counted from this
/// journal, where every action that took effect is, inside the caller's write transaction and after taking
/// the journal's turn, so two requests at once cannot both take the last place.
pub async fn limiter(
    txn: &impl ConnectionTrait,
    acteur: &Acteur,
    action: &str,
    max: usize,
    fenetre: chrono::Duration,
) -> Result<(), AppError> {
    verrouiller(txn).await?;
    let maintenant = Utc::now();
    let depuis = (maintenant - fenetre).to_rfc3339_opts(SecondsFormat::Micros, true);
    let mut select = Query::select();
    select
        .from(Alias::new("journal"))
        .column(Alias::new("le"))
        .and_where(Expr::col(Alias::new("acteur_id")).eq(acteur.utilisateur_id))
        .and_where(Expr::col(Alias::new("action")).eq(action))
        .and_where(Expr::col(Alias::new("le")).gte(depuis))
        .order_by(Alias::new("le"), Order::Asc);
    let faites = txn.query_all(&select).await?;
    if faites.len() < max {
        return Ok(());
    }
    let premiere: Option<String> = faites.first().map(|ligne| ligne.try_get("", "le")).transpose()?;
    let libere = premiere
        .and_then(|le| chrono::DateTime::parse_from_rfc3339(&le).ok())
        .map_or(maintenant + fenetre, |le| le.with_timezone(&Utc) + fenetre);
    let secondes = std::cmp::max((libere - maintenant).num_seconds(), 1);
    Err(AppError::TropDeTentatives(u64::try_from(secondes).unwrap_or(1)))
}

/// The fingerprint of the chain's last entry ([`ORIGINE`] while the chain is empty): what the next entry
/// links to, and what a backup records.
pub async fn derniere_empreinte(db: &impl ConnectionTrait) -> Result<String, AppError> {
    let mut dernier = Query::select();
    dernier
        .from(Alias::new("journal"))
        .column(Alias::new("empreinte"))
        .order_by(Alias::new("id"), Order::Desc)
        .limit(1);
    Ok(match db.query_one(&dernier).await? {
        Some(ligne) => ligne.try_get::<String>("", "empreinte")?,
        None => ORIGINE.to_owned(),
    })
}

/// Appends an entry inside the caller's write transaction. Appends are serialised so the chain never forks:
/// SQLite write transactions already are (`BEGIN IMMEDIATE`); on PostgreSQL a transaction-scoped advisory
/// lock orders them.
pub async fn consigner(txn: &impl ConnectionTrait, entree: &Entree) -> Result<(), AppError> {
    verrouiller(txn).await?;
    let precedent = derniere_empreinte(txn).await?;
    let empreinte = entree.empreinte(&precedent);
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new("journal"))
        .columns(
            [
                "le",
                "acteur_id",
                "role",
                "objet",
                "action",
                "requete_id",
                "precedent",
                "empreinte",
            ]
            .map(Alias::new),
        )
        .values_panic([
            entree.le.clone().into(),
            entree.acteur_id.into(),
            entree.role.clone().into(),
            entree.objet.clone().into(),
            entree.action.clone().into(),
            entree.requete_id.clone().into(),
            precedent.into(),
            empreinte.into(),
        ]);
    txn.execute(&insert).await?;
    Ok(())
}

/// Appends an entry in a transaction of its own (reads of personal data, which have none).
pub async fn consigner_seul<C: TransactionTrait>(db: &C, entree: &Entree) -> Result<(), AppError> {
    let txn = crate::database::ecriture(db).await?;
    consigner(&txn, entree).await?;
    txn.commit().await?;
    Ok(())
}

/// The result of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// The whole chain holds; the number of entries and the last fingerprint (to keep elsewhere).
    Intacte { entrees: u64, derniere: String },
    /// The first entry whose link or fingerprint does not match.
    Alteree { id: i64, raison: String },
}

/// Walks the whole chain in order, page by page.
pub async fn verifier(db: &impl ConnectionTrait) -> Result<Verification, AppError> {
    let mut precedent = ORIGINE.to_owned();
    let mut apres = 0_i64;
    let mut entrees = 0_u64;
    loop {
        let mut page = Query::select();
        page.from(Alias::new("journal"))
            .columns(
                [
                    "id",
                    "le",
                    "acteur_id",
                    "role",
                    "objet",
                    "action",
                    "requete_id",
                    "precedent",
                    "empreinte",
                ]
                .map(Alias::new),
            )
            .and_where(Expr::col(Alias::new("id")).gt(apres))
            .order_by(Alias::new("id"), Order::Asc)
            .limit(1000);
        let lignes = db.query_all(&page).await?;
        if lignes.is_empty() {
            return Ok(Verification::Intacte {
                entrees,
                derniere: precedent,
            });
        }
        for ligne in lignes {
            let id: i64 = ligne.try_get("", "id")?;
            let entree = Entree {
                le: ligne.try_get("", "le")?,
                acteur_id: ligne.try_get("", "acteur_id")?,
                role: ligne.try_get("", "role")?,
                objet: ligne.try_get("", "objet")?,
                action: ligne.try_get("", "action")?,
                requete_id: ligne.try_get("", "requete_id")?,
            };
            let lien: String = ligne.try_get("", "precedent")?;
            let empreinte: String = ligne.try_get("", "empreinte")?;
            if lien != precedent {
                return Ok(Verification::Alteree {
                    id,
                    raison: "le lien vers l’entrée précédente est rompu (entrée supprimée ou insérée)"
                        .to_owned(),
                });
            }
            if entree.empreinte(&precedent) != empreinte {
                return Ok(Verification::Alteree {
                    id,
                    raison: "son contenu ne correspond plus à son empreinte".to_owned(),
                });
            }
            precedent = empreinte;
            apres = id;
            entrees += 1;
        }
    }
}

/// Whether a field of the request built a journal entry (put in the GraphQL context by the HTTP layer): such
/// a read is kept as a ready answer only while its entry covers reading it again (`http::reponses_pretes`).
#[derive(Debug, Clone, Default)]
pub struct Consigne(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Consigne {
    /// Whether an entry was built.
    pub fn oui(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The entry of the GraphQL field being resolved: its name is the action, its identifier arguments (never
/// free text, where personal data or secrets could be) name the object.
pub fn du_champ(ctx: &async_graphql::Context<'_>, acteur: Option<&Acteur>) -> Entree {
    if let Some(consigne) = ctx.data_opt::<Consigne>() {
        consigne.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let champ = ctx.field();
    let objet = champ
        .arguments()
        .unwrap_or_default()
        .into_iter()
        .filter(|(nom, _)| nom.as_str() == "id" || nom.as_str().ends_with("Id"))
        .map(|(nom, valeur)| format!("{nom}={}", valeur.to_string().trim_matches('"')))
        .collect::<Vec<_>>()
        .join(",");
    let request = ctx.data_opt::<RequestId>().map(|id| id.0.as_str()).unwrap_or("-");
    Entree::new(
        acteur,
        if objet.is_empty() { "-" } else { &objet },
        champ.name(),
        request,
    )
}

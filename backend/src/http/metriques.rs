//! `GET /metrics` in Prometheus's text format: the instance's counts (`crate::metriques`), its database
//! pool, and the outbox's backlog with the age of its oldest email (read from the database at each scrape,
//! so every instance tells the same). Only the addresses of `application.metriques_depuis` may read it —
//! behind our proxy, the client's address, not the proxy's.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

use crate::metriques::Metriques;

/// An address or a network (`10.0.0.0/8`, `fd00::/8`).
#[derive(Debug, Clone)]
pub struct Reseau {
    adresse: IpAddr,
    prefixe: u32,
}

impl Reseau {
    /// Reads `a.b.c.d`, `a.b.c.d/n`, or the IPv6 equivalents.
    pub fn lire(texte: &str) -> Result<Self, String> {
        let (adresse, prefixe) = texte.split_once('/').unwrap_or((texte, ""));
        let adresse: IpAddr = adresse
            .trim()
            .parse()
            .map_err(|_| format!("application.metriques_depuis : « {texte} » n’est pas une adresse"))?;
        let longueur = if adresse.is_ipv4() { 32 } else { 128 };
        let prefixe =
            match prefixe.trim() {
                "" => longueur,
                n => n.parse().ok().filter(|n| *n <= longueur).ok_or_else(|| {
                    format!("application.metriques_depuis : préfixe invalide dans « {texte} »")
                })?,
            };
        Ok(Self { adresse, prefixe })
    }

    fn contient(&self, adresse: IpAddr) -> bool {
        // An IPv4 client of a dual-stack socket arrives as ::ffff:a.b.c.d.
        match (self.adresse, adresse.to_canonical()) {
            (IpAddr::V4(reseau), IpAddr::V4(client)) => {
                let masque = u32::MAX.checked_shl(32 - self.prefixe).unwrap_or(0);
                u32::from(reseau) & masque == u32::from(client) & masque
            }
            (IpAddr::V6(reseau), IpAddr::V6(client)) => {
                let masque = u128::MAX.checked_shl(128 - self.prefixe).unwrap_or(0);
                u128::from(reseau) & masque == u128::from(client) & masque
            }
            _ => false,
        }
    }
}

/// What `/metrics` reads.
#[derive(Clone)]
pub struct EtatMetriques {
    pub metriques: Arc<Metriques>,
    pub db: DatabaseConnection,
    pub autorisees: Arc<Vec<Reseau>>,
    pub derriere_un_proxy: bool,
    pub connexions_max: u32,
}

/// `GET /metrics`.
pub async fn servir(State(etat): State<EtatMetriques>, request: Request) -> Response {
    let permis = super::quota::adresse_du_client(&request, etat.derriere_un_proxy)
        .is_some_and(|client| etat.autorisees.iter().any(|reseau| reseau.contient(client)));
    if !permis {
        return (
            StatusCode::FORBIDDEN,
            "métriques réservées aux adresses de application.metriques_depuis",
        )
            .into_response();
    }
    let mut texte = etat.metriques.texte();
    let (ouvertes, libres) = match etat.db.get_database_backend() {
        DatabaseBackend::Postgres => {
            let pool = etat.db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => {
            let pool = etat.db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
    };
    texte.push_str(&format!(
        "# HELP maillage_base_connexions Connexions du pool de l’instance, par état.\n\
         # TYPE maillage_base_connexions gauge\n\
         maillage_base_connexions{{etat=\"ouvertes\"}} {ouvertes}\n\
         maillage_base_connexions{{etat=\"libres\"}} {libres}\n\
         maillage_base_connexions{{etat=\"maximum\"}} {}\n",
        etat.connexions_max
    ));
    match file_des_courriels(&etat.db).await {
        Ok((en_attente, age)) => texte.push_str(&format!(
            "# HELP maillage_courriels_en_attente Courriels de la file pas encore envoyés (toutes instances).\n\
             # TYPE maillage_courriels_en_attente gauge\n\
             maillage_courriels_en_attente {en_attente}\n\
             # HELP maillage_courriels_age_secondes Âge du plus ancien courriel en attente.\n\
             # TYPE maillage_courriels_age_secondes gauge\n\
             maillage_courriels_age_secondes {age}\n"
        )),
        Err(erreur) => tracing::warn!(%erreur, "file des courriels illisible pour /metrics"),
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        texte,
    )
        .into_response()
}

/// The emails waiting to be sent (those the worker still tries) and the age of the oldest, in seconds.
async fn file_des_courriels(db: &DatabaseConnection) -> Result<(i64, i64), sea_orm::DbErr> {
    let ligne = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "SELECT count(*) AS n, min(cree_le) AS plus_ancien FROM email_sortant \
                 WHERE envoye_le IS NULL AND tentatives < {}",
                crate::notification::worker::TENTATIVES_MAX
            ),
        ))
        .await?;
    let Some(ligne) = ligne else { return Ok((0, 0)) };
    let n: i64 = ligne.try_get("", "n")?;
    let plus_ancien: Option<chrono::DateTime<chrono::Utc>> = ligne.try_get("", "plus_ancien")?;
    let age = plus_ancien.map_or(0, |le| (chrono::Utc::now() - le).num_seconds().max(0));
    Ok((n, age))
}

/// Middleware counting every HTTP answer by status.
pub async fn compter(State(metriques): State<Arc<Metriques>>, request: Request, suite: Next) -> Response {
    let reponse = suite.run(request).await;
    metriques.http(reponse.status().as_u16());
    reponse
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_contain_their_addresses_only() {
        let local = Reseau::lire("127.0.0.1").unwrap();
        assert!(local.contient("127.0.0.1".parse().unwrap()));
        assert!(
            local.contient("::ffff:127.0.0.1".parse().unwrap()),
            "IPv4 through a dual-stack socket"
        );
        assert!(!local.contient("127.0.0.2".parse().unwrap()));
        let prive = Reseau::lire("10.0.0.0/8").unwrap();
        assert!(prive.contient("10.20.30.40".parse().unwrap()));
        assert!(!prive.contient("11.0.0.1".parse().unwrap()));
        assert!(
            Reseau::lire("0.0.0.0/0")
                .unwrap()
                .contient("203.0.113.9".parse().unwrap())
        );
        assert!(
            Reseau::lire("fd00::/8")
                .unwrap()
                .contient("fd12::1".parse().unwrap())
        );
        assert!(Reseau::lire("10.0.0.0/33").is_err());
        assert!(Reseau::lire("intranet").is_err());
    }
}

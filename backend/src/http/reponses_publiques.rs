//! Anonymous reads of public data (the map's indicators, a département's view, the open data), kept as
//! ready answers so that the same question costs one statement instead of the whole computation.
//!
//! An answer is keyed by the request's exact text (query, operation, variables) and stamped with the
//! version of the data it was computed from: the last entry of the audit journal, which every change writes
//! in its own transaction (`journal::consigner`: no change without its entry), and the day in metropolitan
//! France (the conseillers under contract move when a contract ends, with no write). Appends to the journal
//! are serialised until their transaction ends (`journal::consigner`), so when an entry is visible every
//! entry before it is committed: an answer computed after reading a version holds every change up to it.
//! Each request reads the
//! version first, in the database all instances share: an answer computed before a committed change is
//! never served after it, whichever instance kept it. The memory only spares recomputation; losing it (a
//! restart, another instance) only costs one computation. The ETag names the answer, so a browser that has it
//! gets a 304 without its bytes.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ConnectionTrait, DbErr};
use sha2::{Digest, Sha256};

/// Answers kept at most: a public question has few shapes; past this the oldest half goes.
const ENTREES_MAX: usize = 2_000;

/// The version of the data an answer was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    derniere_modification: i64,
    jour: NaiveDate,
}

/// Reads the version now: one indexed statement.
pub async fn version(db: &impl ConnectionTrait, jour: NaiveDate) -> Result<Version, DbErr> {
    let mut requete = Query::select();
    requete
        .from(Alias::new("journal"))
        .expr_as(Expr::cust("COALESCE(MAX(id), 0)"), Alias::new("v"));
    let derniere_modification = match db.query_one(&requete).await? {
        Some(ligne) => ligne.try_get::<i64>("", "v")?,
        None => 0,
    };
    Ok(Version {
        derniere_modification,
        jour,
    })
}

/// The key of a request that only reads: `None` for a mutation, a subscription or a text that does not
/// parse (the schema answers those as usual).
pub fn cle(requete: &async_graphql::Request) -> Option<[u8; 32]> {
    let document = async_graphql::parser::parse_query(&requete.query).ok()?;
    let lecture = document
        .operations
        .iter()
        .all(|(_, operation)| operation.node.ty == async_graphql::parser::types::OperationType::Query);
    if !lecture {
        return None;
    }
    let mut empreinte = Sha256::new();
    for partie in [
        requete.query.as_bytes(),
        requete.operation_name.as_deref().unwrap_or("").as_bytes(),
        serde_json::to_string(&requete.variables).ok()?.as_bytes(),
    ] {
        // Lengths first, so that no two different requests give the same bytes.
        empreinte.update((partie.len() as u64).to_le_bytes());
        empreinte.update(partie);
    }
    Some(empreinte.finalize().into())
}

struct Reponse {
    version: Version,
    etag: String,
    corps: axum::body::Bytes,
}

/// The answers this instance keeps.
#[derive(Default)]
pub struct ReponsesPubliques {
    entrees: Mutex<Entrees>,
}

/// The answers, each with its rank of computation (the next one is `suivant`).
#[derive(Default)]
struct Entrees {
    suivant: u64,
    par_cle: HashMap<[u8; 32], (u64, Reponse)>,
}

impl ReponsesPubliques {
    /// The kept answer of `cle` if it was computed at `version`, as the HTTP response to send (a 304 when
    /// the browser already has it).
    pub fn servir(&self, cle: &[u8; 32], version: Version, entetes: &HeaderMap) -> Option<Response> {
        let entrees = self.entrees.lock().ok()?;
        let (_, reponse) = entrees.par_cle.get(cle).filter(|(_, r)| r.version == version)?;
        Some(reponse_http(&reponse.etag, reponse.corps.clone(), entetes))
    }

    /// Keeps the answer of `cle` computed at `version` and returns it as the HTTP response to send.
    pub fn garder(&self, cle: [u8; 32], version: Version, corps: Vec<u8>, entetes: &HeaderMap) -> Response {
        let mut empreinte = Sha256::new();
        empreinte.update(cle);
        empreinte.update(version.derniere_modification.to_le_bytes());
        empreinte.update(version.jour.to_string());
        let etag = format!(
            "\"{}\"",
            crate::compte::service::hexadecimal(&empreinte.finalize()[..12])
        );
        let corps = axum::body::Bytes::from(corps);
        let reponse = reponse_http(&etag, corps.clone(), entetes);
        if let Ok(mut entrees) = self.entrees.lock() {
            if entrees.par_cle.len() >= ENTREES_MAX {
                // The least recently computed half goes: what is asked often comes back at once.
                let seuil = entrees.suivant - (ENTREES_MAX / 2) as u64;
                entrees.par_cle.retain(|_, (rang, _)| *rang >= seuil);
            }
            let rang = entrees.suivant;
            entrees.suivant += 1;
            entrees
                .par_cle
                .insert(cle, (rang, Reponse { version, etag, corps }));
        }
        reponse
    }
}

/// The answer with its ETag; a browser must ask again each time (`no-cache`), and gets a 304 when its copy
/// is still the answer.
fn reponse_http(etag: &str, corps: axum::body::Bytes, entetes: &HeaderMap) -> Response {
    let deja = entetes
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|valeurs| valeurs.split(',').any(|v| v.trim() == etag));
    let mut reponse = if deja {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            corps,
        )
            .into_response()
    };
    if let Ok(valeur) = HeaderValue::from_str(etag) {
        reponse.headers_mut().insert(header::ETAG, valeur);
    }
    reponse
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    reponse
}

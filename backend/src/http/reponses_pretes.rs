//! Reads kept as ready answers: the same question from the same caller costs one statement (the data's
//! version) instead of the whole computation, for anonymous readers of public data (the map's indicators, a
//! département's view, the open data) as for logged-in ones (their lists and dashboards).
//!
//! An answer is keyed by the request's exact text (query, operation, variables) and by the caller as read
//! at this request (the person, the session, the active role and every role held, or the API token): a
//! change of roles gives another key, so an answer computed for the former rights is never served for the
//! new ones. It is stamped with the version of the data it was computed from: the counter that every change
//! of data moves in its own transaction (`database::version_des_donnees`, moved by triggers), and the day in
//! metropolitan France (the conseillers under contract move when a contract ends, with no write). Each request
//! reads the version first, in the database all instances share, then computes: an answer computed before
//! a committed change is never served after it, whichever instance kept it. The memory only spares
//! recomputation; losing it (a restart, another instance) only costs one computation.
//!
//! A read that appends to the audit journal (an agent reading personal data) is kept for a short while only
//! (`lecture_consignee_secondes`, ten minutes by default): the same answer read again by the same session
//! within it is what its entry already records (who saw what, to the ten minutes), so it costs no write;
//! past it, or once anything changed, the read is computed and appended again. An answer that depends on the
//! time ("open now") is kept until the end of its minute. An answer with an error, or one that sets a header,
//! is never kept. The ETag names the answer,
//! so a client that has it gets a 304 without its bytes; a browser may store a public answer, never a
//! logged-in caller's (`no-store`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use sha2::{Digest, Sha256};

use crate::compte::acteur::Acteur;

/// Answers kept at most: a public question has few shapes, a logged-in person asks a few questions at a
/// time; past this the oldest half goes.
const ENTREES_MAX: usize = 2_000;

/// The version of the data an answer was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    donnees: i64,
    jour: NaiveDate,
}

/// Reads the version now: one statement on a one-row table.
pub async fn version(db: &impl ConnectionTrait, jour: NaiveDate) -> Result<Version, DbErr> {
    Ok(Version {
        donnees: crate::database::version_des_donnees(db).await?,
        jour,
    })
}

/// The key of a request that only reads, asked by `acteur` (`None`: anonymous): `None` for a mutation, a
/// subscription or a text that does not parse (the schema answers those as usual).
pub fn cle(requete: &async_graphql::Request, acteur: Option<&Acteur>) -> Option<[u8; 32]> {
    let document = async_graphql::parser::parse_query(&requete.query).ok()?;
    let lecture = document
        .operations
        .iter()
        .all(|(_, operation)| operation.node.ty == async_graphql::parser::types::OperationType::Query);
    if !lecture {
        return None;
    }
    // Every field of the caller as read at this request: whoever differs in anything gets another key.
    let appelant = acteur.map(|acteur| format!("{acteur:?}")).unwrap_or_default();
    let mut empreinte = Sha256::new();
    for partie in [
        requete.query.as_bytes(),
        requete.operation_name.as_deref().unwrap_or("").as_bytes(),
        serde_json::to_string(&requete.variables).ok()?.as_bytes(),
        appelant.as_bytes(),
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
    /// When its computation appended to the audit journal.
    consignee: Option<Instant>,
    /// Until when it holds, for an answer that depends on the time.
    jusqu_a: Option<DateTime<Utc>>,
}

/// The first instant of the minute after `maintenant`: until then an answer computed at `maintenant` from
/// opening hours (written to the minute) is still true.
pub fn fin_de_la_minute(maintenant: DateTime<Utc>) -> DateTime<Utc> {
    let debut = maintenant
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(maintenant);
    debut + chrono::Duration::minutes(1)
}

/// The answers this instance keeps.
pub struct ReponsesPretes {
    entrees: Mutex<Entrees>,
    /// How long a journal entry covers the same answer read again.
    couverture: Duration,
}

/// The answers, each with its rank of computation (the next one is `suivant`).
#[derive(Default)]
struct Entrees {
    suivant: u64,
    par_cle: HashMap<[u8; 32], (u64, Reponse)>,
}

/// Who may keep a copy of an answer: anyone for public data, no browser for a logged-in caller's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Portee {
    Publique,
    Privee,
}

impl ReponsesPretes {
    /// No answer yet; a journal entry covers the same answer read again for `couverture`.
    pub fn new(couverture: Duration) -> Self {
        Self {
            entrees: Mutex::default(),
            couverture,
        }
    }

    /// The kept answer of `cle` if it was computed at `version` (and its journal entry still covers it), as
    /// the HTTP response to send (a 304 when the client already has it).
    pub fn servir(
        &self,
        cle: &[u8; 32],
        version: Version,
        portee: Portee,
        entetes: &HeaderMap,
    ) -> Option<Response> {
        let entrees = self.entrees.lock().ok()?;
        let maintenant = Utc::now();
        let (_, reponse) = entrees.par_cle.get(cle).filter(|(_, r)| {
            r.version == version
                && r.consignee.is_none_or(|le| le.elapsed() < self.couverture)
                && r.jusqu_a.is_none_or(|fin| maintenant < fin)
        })?;
        Some(reponse_http(
            &reponse.etag,
            reponse.corps.clone(),
            portee,
            entetes,
        ))
    }

    /// Keeps the answer of `cle` computed at `version` (`consignee`: its computation appended to the audit
    /// journal; `jusqu_a`: when it stops holding, for an answer that depends on the time) and returns it as
    /// the HTTP response to send.
    #[allow(clippy::too_many_arguments)]
    pub fn garder(
        &self,
        cle: [u8; 32],
        version: Version,
        portee: Portee,
        consignee: bool,
        jusqu_a: Option<DateTime<Utc>>,
        corps: Vec<u8>,
        entetes: &HeaderMap,
    ) -> Response {
        let mut empreinte = Sha256::new();
        empreinte.update(cle);
        empreinte.update(version.donnees.to_le_bytes());
        empreinte.update(version.jour.to_string());
        // A client's copy of a time-dependent answer is not the answer of the next minute.
        if let Some(fin) = jusqu_a {
            empreinte.update(fin.timestamp().to_le_bytes());
        }
        let etag = format!(
            "\"{}\"",
            crate::compte::service::hexadecimal(&empreinte.finalize()[..12])
        );
        let corps = axum::body::Bytes::from(corps);
        let reponse = reponse_http(&etag, corps.clone(), portee, entetes);
        if consignee && self.couverture.is_zero() {
            return reponse;
        }
        let consignee = consignee.then(Instant::now);
        if let Ok(mut entrees) = self.entrees.lock() {
            if entrees.par_cle.len() >= ENTREES_MAX {
                // The least recently computed half goes: what is asked often comes back at once.
                let seuil = entrees.suivant - (ENTREES_MAX / 2) as u64;
                entrees.par_cle.retain(|_, (rang, _)| *rang >= seuil);
            }
            let rang = entrees.suivant;
            entrees.suivant += 1;
            entrees.par_cle.insert(
                cle,
                (
                    rang,
                    Reponse {
                        version,
                        etag,
                        corps,
                        consignee,
                        jusqu_a,
                    },
                ),
            );
        }
        reponse
    }
}

/// The answer with its ETag; a client must ask again each time (`no-cache`), and gets a 304 when its copy
/// is still the answer.
fn reponse_http(etag: &str, corps: axum::body::Bytes, portee: Portee, entetes: &HeaderMap) -> Response {
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
    reponse.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(match portee {
            Portee::Publique => "no-cache",
            // Personal data stays off the disk of a shared computer; a client keeping it itself still gets 304s.
            Portee::Privee => "no-store",
        }),
    );
    reponse
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version() -> Version {
        Version {
            donnees: 7,
            jour: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default(),
        }
    }

    #[test]
    fn an_answer_that_depends_on_the_time_holds_until_its_minute_ends() {
        let a = DateTime::parse_from_rfc3339("2026-12-06T09:41:37.250Z")
            .unwrap()
            .with_timezone(&Utc);
        let fin = fin_de_la_minute(a);
        assert_eq!(fin.to_rfc3339(), "2026-12-06T09:42:00+00:00");
        assert_eq!(fin_de_la_minute(fin).to_rfc3339(), "2026-12-06T09:43:00+00:00");
    }

    #[test]
    fn a_time_dependent_answer_is_served_within_its_minute_and_never_after() {
        let reponses = ReponsesPretes::new(Duration::from_secs(600));
        let entetes = HeaderMap::new();
        let maintenant = Utc::now();
        let servie_apres_garde = |cle: [u8; 32], jusqu_a: Option<DateTime<Utc>>| {
            let _ = reponses.garder(
                cle,
                version(),
                Portee::Publique,
                false,
                jusqu_a,
                b"{}".to_vec(),
                &entetes,
            );
            reponses
                .servir(&cle, version(), Portee::Publique, &entetes)
                .is_some()
        };
        // Kept until a later instant: served again.
        assert!(servie_apres_garde(
            [1; 32],
            Some(maintenant + chrono::Duration::minutes(1))
        ));
        // Its minute is over: computed again, never served.
        assert!(!servie_apres_garde(
            [2; 32],
            Some(maintenant - chrono::Duration::seconds(1))
        ));
        // An answer that depends only on the data holds while the data stays.
        assert!(servie_apres_garde([3; 32], None));
    }
}

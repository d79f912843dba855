//! Requests per client address and minute on the API (`/graphql`, `/exports`): beyond the quota the answer
//! is `429 Too Many Requests` with `Retry-After`. The counters are per instance and in memory on purpose: a
//! quota is a protection, not business state, so losing them on restart costs nothing, and counting in the
//! database would cost a write per request. Behind a load balancer spreading clients over N instances, a
//! client gets at most N times the quota (SECURITY.md); login attempts, which must hold exactly, are
//! counted in the database (`compte::service::connexion`).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maillage_shared::ErrorCode;

/// The client address of a request, as the quota resolved it (read by the API token checks).
#[derive(Debug, Clone, Copy)]
pub struct AdresseClient(pub IpAddr);

/// Who a request is counted against: every request its address (an IPv6 address by its /64, the block one
/// subscriber gets), and a request whose API token was verified, that token too.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Compteur {
    Adresse(IpAddr),
    /// A verified API token, by its id.
    Jeton(i64),
}

impl Compteur {
    /// The counter of a client address: IPv4 as it is, IPv6 by its /64 network, since one subscriber holds a
    /// whole /64 and could otherwise take a new quota with each address.
    pub fn de_l_adresse(adresse: IpAddr) -> Self {
        Self::Adresse(crate::adresse::du_client(adresse))
    }
}

/// Counters of the current minute, by client address or token.
#[derive(Debug)]
pub struct Quotas {
    par_minute: u32,
    par_minute_jeton: u32,
    /// Read the client address from the last `X-Forwarded-For` entry (set by our own proxy).
    derriere_un_proxy: bool,
    compteurs: Mutex<(u64, HashMap<Compteur, u32>)>,
}

impl Quotas {
    /// `par_minute` (per address) and `par_minute_jeton` (per API token); 0 disables.
    pub fn new(par_minute: u32, par_minute_jeton: u32, derriere_un_proxy: bool) -> Arc<Self> {
        Arc::new(Self {
            par_minute,
            par_minute_jeton,
            derriere_un_proxy,
            compteurs: Mutex::new((0, HashMap::new())),
        })
    }

    /// Counts one request of `client` at `seconde` (Unix time); `Err(seconds to wait)` past the quota.
    pub fn compter(&self, client: Compteur, seconde: u64) -> Result<(), u64> {
        let limite = match client {
            Compteur::Adresse(_) => self.par_minute,
            Compteur::Jeton(_) => self.par_minute_jeton,
        };
        if limite == 0 {
            return Ok(());
        }
        let minute = seconde / 60;
        let mut compteurs = self.compteurs.lock().unwrap_or_else(|poison| poison.into_inner());
        if compteurs.0 != minute {
            // A new window: forgetting the previous one keeps the map as small as one minute's clients.
            *compteurs = (minute, HashMap::new());
        }
        let compte = compteurs.1.entry(client).or_insert(0);
        *compte += 1;
        if *compte > limite {
            Err(60 - seconde % 60)
        } else {
            Ok(())
        }
    }

    fn client(&self, request: &Request) -> Option<IpAddr> {
        if self.derriere_un_proxy
            && let Some(adresse) = request
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse().ok())
        {
            return Some(adresse);
        }
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(pair)| pair.ip())
    }
}

/// The middleware applying [`Quotas`].
pub async fn limiter(State(quotas): State<Arc<Quotas>>, mut request: Request, suite: Next) -> Response {
    let Some(adresse) = quotas.client(&request) else {
        return suite.run(request).await;
    };
    request.extensions_mut().insert(AdresseClient(adresse));
    // Every request counts against its address, a token or not: a made-up token gets no quota of its own.
    // A token's own quota is counted once the token is verified (`compter_le_jeton`).
    match quotas.compter(Compteur::de_l_adresse(adresse), maintenant()) {
        Ok(()) => {
            request.extensions_mut().insert(quotas);
            suite.run(request).await
        }
        Err(attendre) => trop_de_requetes(attendre),
    }
}

/// Counts one request of a verified API token against its own quota; the answer to send when it is past.
pub fn compter_le_jeton(quotas: &Quotas, jeton: i64) -> Option<Response> {
    quotas
        .compter(Compteur::Jeton(jeton), maintenant())
        .err()
        .map(trop_de_requetes)
}

fn maintenant() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `429 Too Many Requests`, with the seconds to wait in `Retry-After`.
fn trop_de_requetes(attendre: u64) -> Response {
    let mut reponse = (
        StatusCode::TOO_MANY_REQUESTS,
        format!("Trop de requêtes : réessayez dans {attendre} secondes."),
    )
        .into_response();
    let entetes = reponse.headers_mut();
    entetes.insert(header::RETRY_AFTER, HeaderValue::from(attendre));
    entetes.insert(
        "x-error-code",
        HeaderValue::from_static(ErrorCode::RateLimited.as_str()),
    );
    reponse
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_counts_per_client_and_resets_each_minute() {
        let quotas = Quotas::new(2, 0, false);
        let a = Compteur::Adresse("192.0.2.1".parse().unwrap());
        let b = Compteur::Adresse("192.0.2.2".parse().unwrap());
        assert_eq!(quotas.compter(a.clone(), 120), Ok(()));
        assert_eq!(quotas.compter(a.clone(), 121), Ok(()));
        assert_eq!(
            quotas.compter(a.clone(), 130),
            Err(50),
            "third request of the minute: wait until 180"
        );
        assert_eq!(quotas.compter(b, 130), Ok(()), "another client has its own quota");
        assert_eq!(quotas.compter(a, 180), Ok(()), "a new minute");
        let jeton = Compteur::Jeton(7);
        assert_eq!(quotas.compter(jeton, 180), Ok(()), "no token quota set here");
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_network() {
        let adresse = |texte: &str| Compteur::de_l_adresse(texte.parse().unwrap());
        assert_eq!(adresse("2001:db8:1:2::1"), adresse("2001:db8:1:2:ffff:0:0:9"));
        assert_ne!(adresse("2001:db8:1:2::1"), adresse("2001:db8:1:3::1"));
        assert_ne!(adresse("192.0.2.1"), adresse("192.0.2.2"));
    }

    #[test]
    fn quota_zero_disables() {
        let quotas = Quotas::new(0, 0, false);
        let a = Compteur::Adresse("192.0.2.1".parse().unwrap());
        assert!((0..1000).all(|_| quotas.compter(a.clone(), 5).is_ok()));
    }
}

//! Requests per client address and minute on the API (`/graphql`, `/exports`): beyond the quota the answer
//! is `429 Too Many Requests` with `Retry-After`. The quota is a rate, not a count per calendar minute
//! (the generic cell rate algorithm): a client may send a minute's quota at once, then one request per
//! `60 s / quota`, whenever its requests fall; with minute windows, a burst straddling the turn of a minute
//! would get twice the quota, and `Retry-After` would be a guess. The counters are per instance and in
//! memory on purpose: a
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

/// The rate of each client, by address or token.
#[derive(Debug)]
pub struct Quotas {
    par_minute: u32,
    par_minute_jeton: u32,
    /// Read the client address from the last `X-Forwarded-For` entry (set by our own proxy).
    derriere_un_proxy: bool,
    /// When each client's next request would be on time, in milliseconds since the Unix epoch (the
    /// algorithm's "theoretical arrival time"). A client whose time has come is as if absent: such entries
    /// are forgotten as the map grows.
    a_l_heure: Mutex<HashMap<Compteur, u64>>,
}

/// The number of clients remembered before those whose time has come are forgotten.
const CLIENTS_AVANT_MENAGE: usize = 10_000;

impl Quotas {
    /// `par_minute` (per address) and `par_minute_jeton` (per API token); 0 disables.
    pub fn new(par_minute: u32, par_minute_jeton: u32, derriere_un_proxy: bool) -> Arc<Self> {
        Arc::new(Self {
            par_minute,
            par_minute_jeton,
            derriere_un_proxy,
            a_l_heure: Mutex::new(HashMap::new()),
        })
    }

    /// Counts one request of `client` at `maintenant` (milliseconds since the Unix epoch);
    /// `Err(seconds to wait)` past the quota.
    pub fn compter(&self, client: Compteur, maintenant: u64) -> Result<(), u64> {
        let limite = match client {
            Compteur::Adresse(_) => self.par_minute,
            Compteur::Jeton(_) => self.par_minute_jeton,
        };
        if limite == 0 {
            return Ok(());
        }
        // One request every `intervalle`; a minute's quota may come at once (`tolerance` ahead of time).
        let intervalle = 60_000 / u64::from(limite);
        let tolerance = 60_000 - intervalle;
        let mut a_l_heure = self.a_l_heure.lock().unwrap_or_else(|poison| poison.into_inner());
        if a_l_heure.len() >= CLIENTS_AVANT_MENAGE {
            a_l_heure.retain(|_, prochaine| *prochaine > maintenant);
        }
        let prochaine = a_l_heure.get(&client).copied().unwrap_or(0).max(maintenant);
        let avance = prochaine - maintenant;
        if avance > tolerance {
            return Err((avance - tolerance).div_ceil(1_000));
        }
        a_l_heure.insert(client, prochaine + intervalle);
        Ok(())
    }

    fn client(&self, request: &Request) -> Option<IpAddr> {
        adresse_du_client(request, self.derriere_un_proxy)
    }
}

/// The client's address: behind our reverse proxy, the last `X-Forwarded-For` entry (the one the proxy
/// wrote); otherwise the connection's peer.
pub fn adresse_du_client(request: &Request, derriere_un_proxy: bool) -> Option<IpAddr> {
    if derriere_un_proxy
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

/// Milliseconds since the Unix epoch.
fn maintenant() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
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

    /// Milliseconds of second `s`.
    fn seconde(s: u64) -> u64 {
        s * 1_000
    }

    #[test]
    fn a_minutes_quota_may_come_at_once_then_one_request_per_share_of_the_minute() {
        // Two a minute: two at once, then one every 30 s; the answer says exactly how long to wait.
        let quotas = Quotas::new(2, 0, false);
        let a = Compteur::Adresse("192.0.2.1".parse().unwrap());
        let b = Compteur::Adresse("192.0.2.2".parse().unwrap());
        assert_eq!(quotas.compter(a.clone(), seconde(120)), Ok(()));
        assert_eq!(quotas.compter(a.clone(), seconde(121)), Ok(()));
        assert_eq!(
            quotas.compter(a.clone(), seconde(130)),
            Err(20),
            "on time again at 150"
        );
        assert_eq!(
            quotas.compter(b, seconde(130)),
            Ok(()),
            "another client has its own quota"
        );
        assert_eq!(quotas.compter(a.clone(), seconde(149)), Err(1));
        assert_eq!(quotas.compter(a.clone(), seconde(150)), Ok(()));
        assert_eq!(
            quotas.compter(a.clone(), seconde(151)),
            Err(29),
            "the next one at 180"
        );
        let jeton = Compteur::Jeton(7);
        assert_eq!(
            quotas.compter(jeton, seconde(180)),
            Ok(()),
            "no token quota set here"
        );
    }

    #[test]
    fn a_burst_across_the_turn_of_a_minute_gets_one_quota_not_two() {
        let quotas = Quotas::new(5, 0, false);
        let a = Compteur::Adresse("192.0.2.1".parse().unwrap());
        let acceptees = (0..10)
            .filter(|n| quotas.compter(a.clone(), seconde(59) + n * 200).is_ok())
            .count();
        assert_eq!(acceptees, 5, "ten requests from 59.0 s to 60.8 s");
    }

    #[test]
    fn clients_whose_time_has_come_are_forgotten_as_the_map_grows() {
        let quotas = Quotas::new(60, 0, false);
        for n in 0..u32::try_from(CLIENTS_AVANT_MENAGE).unwrap() {
            let client = Compteur::Adresse(std::net::Ipv4Addr::from(n).into());
            assert_eq!(quotas.compter(client, seconde(0)), Ok(()));
        }
        let nouveau = Compteur::Adresse("198.51.100.1".parse().unwrap());
        assert_eq!(quotas.compter(nouveau, seconde(2)), Ok(()));
        let restants = quotas.a_l_heure.lock().unwrap().len();
        assert_eq!(restants, 1, "every client was on time again after one second");
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
        assert!((0..1000).all(|_| quotas.compter(a.clone(), seconde(5)).is_ok()));
    }
}

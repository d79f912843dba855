//! HTTP security headers: a Content-Security-Policy that lets the WASM app boot and nothing else run,
//! no caching of personal answers, long caching of fingerprinted assets, HSTS behind TLS.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The headers computed once at start-up.
#[derive(Clone)]
pub struct EntetesSecurite {
    csp: HeaderValue,
    hsts: bool,
}

impl EntetesSecurite {
    /// The policy of every page: scripts from the site itself and the WebAssembly they compile, no inline
    /// script (the app's start-up is a file, `amorce.js`, written by `cargo xtask web`).
    pub fn new(hsts: bool) -> Self {
        let csp = HeaderValue::from_static(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
             form-action 'self'; frame-ancestors 'none'",
        );
        Self { csp, hsts }
    }
}

/// Whether a path is a fingerprinted asset of the web app's build (`frontend-0123456789abcdef.js`): safe to
/// cache forever.
fn empreinte(path: &str) -> bool {
    let nom = path.rsplit('/').next().unwrap_or_default().as_bytes();
    // `cargo xtask web` appends "-" and 16 hexadecimal digits before the extension (or "_bg" for the WASM).
    nom.windows(18).any(|fenetre| {
        fenetre[0] == b'-'
            && fenetre[1..17].iter().all(u8::is_ascii_hexdigit)
            && matches!(fenetre[17], b'.' | b'_')
    })
}

/// Middleware adding the security headers to every response.
pub async fn entetes(
    State(reglages): State<EntetesSecurite>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let entetes = response.headers_mut();
    entetes.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    entetes.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    entetes.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if reglages.hsts {
        entetes.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    let cache = if path == "/graphql" && entetes.contains_key(header::CACHE_CONTROL) {
        // A ready answer says itself who may store it (`http::reponses_pretes`: public data only).
        None
    } else if path == "/graphql" || path.starts_with("/healthz") || path.starts_with("/readyz") {
        // Answers may hold personal data: never stored by a browser or a proxy.
        Some("no-store")
    } else if empreinte(&path) {
        Some("public, max-age=31536000, immutable")
    } else {
        Some("no-cache")
    };
    if let Some(cache) = cache {
        entetes.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    // The API explorer (GET /graphql) too: its files are the site's own.
    entetes.insert(header::CONTENT_SECURITY_POLICY, reglages.csp.clone());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprinted_assets_are_recognised() {
        assert!(
            empreinte("/frontend-743c2a7caec560fa_bg.wasm") || empreinte("/frontend-743c2a7caec560fa.js")
        );
        assert!(empreinte("/dsfr.min-d551b13aebb7a3d3.css"));
        assert!(!empreinte("/index.html"));
        assert!(!empreinte("/territoires/departements/29"));
    }
}

//! The browser's steps of a ProConnect login and logout (`compte::proconnect` does the protocol):
//! `/auth/proconnect` sends to the provider with a `state` kept in a cookie (and the page to come back to,
//! `?retour=`, in another); `/auth/proconnect/retour` opens the session and goes to that page or the
//! person's space, or back to the login page with the reason
//! (`/connexion?proconnect=…`); `/auth/proconnect/deconnexion` ends the session here, then at the
//! provider, which comes back to `/auth/proconnect/deconnecte`.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use crate::compte::proconnect::{self, Echec};
use crate::compte::service;
use crate::settings::ProConnectSettings;

/// What the routes need.
#[derive(Clone)]
pub struct EtatProConnect {
    pub db: DatabaseConnection,
    pub reglages: ProConnectSettings,
    pub adresse_publique: String,
    /// Cookies only over HTTPS (production).
    pub securise: bool,
}

/// The cookie that binds a login (or a logout) to the browser that started it.
const COOKIE_ETAT: &str = "maillage_proconnect";

/// A cookie of the login's own path, kept 10 minutes; an empty value erases it.
fn cookie_de_connexion(nom: &str, valeur: &str, securise: bool) -> String {
    let secure = if securise { "; Secure" } else { "" };
    let age = if valeur.is_empty() { 0 } else { 600 };
    // Lax: the provider's return is a top-level navigation from its site, which Lax cookies accompany.
    format!("{nom}={valeur}; HttpOnly; SameSite=Lax; Path=/auth/proconnect; Max-Age={age}{secure}")
}

fn cookie_etat(etat: &str, securise: bool) -> String {
    cookie_de_connexion(COOKIE_ETAT, etat, securise)
}

fn cookie_etat_efface(securise: bool) -> String {
    cookie_de_connexion(COOKIE_ETAT, "", securise)
}

/// The page of this site the person asked for before logging in, kept by the browser during the login
/// (hex-encoded: a path may hold what a cookie may not). No state on the server: any instance finishes it.
const COOKIE_RETOUR: &str = "maillage_proconnect_retour";

/// The page to come back to, or the erasure of a former one (`None`).
fn cookie_retour(page: Option<&str>, securise: bool) -> String {
    let code = service::hexadecimal(page.unwrap_or("").as_bytes());
    cookie_de_connexion(COOKIE_RETOUR, &code, securise)
}

/// Where to land once logged in: the page kept at the start if it is still a page of this site (checked
/// again: a cookie can be forged), otherwise the person's space.
fn page_de_retour(entetes: &HeaderMap) -> String {
    cookie(entetes, COOKIE_RETOUR)
        .filter(|code| code.len() % 2 == 0)
        .and_then(|code| {
            (0..code.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(code.get(i..i + 2)?, 16).ok())
                .collect::<Option<Vec<u8>>>()
        })
        .and_then(|octets| String::from_utf8(octets).ok())
        .and_then(|page| maillage_shared::compte::page_de_retour(&page).map(str::to_owned))
        .unwrap_or_else(|| "/espace".to_owned())
}

fn cookie(entetes: &HeaderMap, nom: &str) -> Option<String> {
    entetes
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|valeur| valeur.to_str().ok())
        .flat_map(|valeur| valeur.split(';'))
        .find_map(|paire| paire.trim().strip_prefix(&format!("{nom}=")).map(str::to_owned))
        .filter(|valeur| !valeur.is_empty())
}

fn etat_du_navigateur(entetes: &HeaderMap) -> Option<String> {
    cookie(entetes, COOKIE_ETAT)
}

fn vers(adresse: &str, cookies: &[String]) -> Response {
    let mut reponse = (StatusCode::SEE_OTHER, [(header::LOCATION, adresse.to_owned())]).into_response();
    for cookie in cookies {
        if let Ok(valeur) = header::HeaderValue::from_str(cookie) {
            reponse.headers_mut().append(header::SET_COOKIE, valeur);
        }
    }
    reponse
}

fn echec(etat: &EtatProConnect, erreur: &Echec) -> Response {
    match erreur {
        Echec::Interne(erreur) => tracing::error!(error = ?erreur, "connexion ProConnect"),
        autre => tracing::warn!(raison = %autre, "connexion ProConnect refusée"),
    }
    vers(
        &format!("/connexion?proconnect={}", erreur.code()),
        &[
            cookie_etat_efface(etat.securise),
            cookie_retour(None, etat.securise),
        ],
    )
}

/// Where the login started from: `/auth/proconnect?retour=/agents`.
#[derive(Debug, Deserialize)]
pub struct Depart {
    retour: Option<String>,
}

/// `GET /auth/proconnect`: to the provider's login, keeping the page to come back to.
pub async fn commencer(State(etat): State<EtatProConnect>, Query(depart): Query<Depart>) -> Response {
    if !etat.reglages.active() {
        return (
            StatusCode::NOT_FOUND,
            "ProConnect n’est pas configuré sur ce service.",
        )
            .into_response();
    }
    match proconnect::commencer(&etat.db, &etat.reglages, &etat.adresse_publique).await {
        Ok((url, state)) => {
            let page = depart
                .retour
                .as_deref()
                .and_then(maillage_shared::compte::page_de_retour);
            vers(
                &url,
                &[
                    cookie_etat(&state, etat.securise),
                    cookie_retour(page, etat.securise),
                ],
            )
        }
        Err(erreur) => echec(&etat, &erreur),
    }
}

/// What the provider sends back.
#[derive(Debug, Deserialize)]
pub struct Retour {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /auth/proconnect/retour`: the session opened and the person's space, or the login page with the
/// reason.
pub async fn retour(
    State(etat): State<EtatProConnect>,
    entetes: HeaderMap,
    Query(retour): Query<Retour>,
) -> Response {
    if !etat.reglages.active() {
        return (
            StatusCode::NOT_FOUND,
            "ProConnect n’est pas configuré sur ce service.",
        )
            .into_response();
    }
    let (Some(code), Some(state)) = (retour.code, retour.state) else {
        let raison = retour.error.unwrap_or_else(|| "réponse incomplète".to_owned());
        return echec(&etat, &Echec::Fournisseur(raison));
    };
    let navigateur = etat_du_navigateur(&entetes);
    let ouverte = async {
        let identite = proconnect::terminer(
            &etat.db,
            &etat.reglages,
            &etat.adresse_publique,
            &code,
            &state,
            navigateur.as_deref(),
        )
        .await?;
        let txn = crate::database::ecriture(&etat.db).await?;
        let compte = match proconnect::compte_de(&txn, &identite).await {
            // Nobody knows this person here: if their SIRET is a registered structure's, they ask to join it.
            Err(Echec::Inconnue(email)) => {
                let issue = crate::structure::rattachement::demander(
                    &txn,
                    &identite.email,
                    &identite.prenom,
                    &identite.nom,
                    identite.siret.as_deref(),
                )
                .await?;
                txn.commit().await.map_err(crate::error::AppError::from)?;
                use crate::structure::rattachement::Issue;
                return Err(match issue {
                    None => Echec::Inconnue(email),
                    Some(Issue::Envoyee) => Echec::Rattachement("demande-envoyee"),
                    Some(Issue::Refusee) => Echec::Rattachement("demande-refusee"),
                    Some(Issue::Limitee) => Echec::Rattachement("demande-limitee"),
                });
            }
            autre => autre?,
        };
        let jeton = service::ouvrir_session_via(
            &txn,
            compte,
            Some(service::ViaProConnect {
                id_token: identite.id_token.clone(),
                acr: identite.acr.clone(),
            }),
        )
        .await?;
        let acteur = service::acteur_de_session(&txn, &jeton).await?;
        let objet = format!("acr={}", identite.acr.as_deref().unwrap_or("-"));
        crate::journal::consigner(
            &txn,
            &crate::journal::Entree::new(acteur.as_ref(), &objet, "connexionProConnect", "-"),
        )
        .await?;
        txn.commit().await.map_err(crate::error::AppError::from)?;
        Ok::<_, Echec>(jeton)
    };
    match ouverte.await {
        Ok(jeton) => vers(
            &page_de_retour(&entetes),
            &[
                service::cookie_session(&jeton, etat.securise),
                cookie_etat_efface(etat.securise),
                cookie_retour(None, etat.securise),
            ],
        ),
        Err(erreur) => echec(&etat, &erreur),
    }
}

/// `GET /auth/proconnect/deconnexion`: the session ends here at once, then at the provider (otherwise the
/// next click on the button would log the person back in without asking).
pub async fn deconnexion(State(etat): State<EtatProConnect>, entetes: HeaderMap) -> Response {
    let acteur = match service::acteur_des_entetes(&etat.db, &entetes).await {
        Ok(acteur) => acteur,
        Err(erreur) => return echec(&etat, &Echec::Interne(erreur)),
    };
    let Some(acteur) = acteur else {
        return vers("/", &[]);
    };
    let id_token = proconnect::id_token_de_la_session(&etat.db, &acteur.session_id).await;
    if let Err(erreur) = service::fermer_session(&etat.db, &acteur).await {
        return echec(&etat, &Echec::Interne(erreur));
    }
    let fin_locale = service::cookie_expire(etat.securise);
    let Ok(Some(id_token)) = id_token else {
        return vers("/", &[fin_locale]);
    };
    let state = proconnect::etat_de_deconnexion();
    match proconnect::deconnexion(&etat.reglages, &etat.adresse_publique, &id_token, &state).await {
        Ok(url) => vers(&url, &[fin_locale, cookie_etat(&state, etat.securise)]),
        Err(erreur) => {
            tracing::warn!(raison = %erreur, "déconnexion ProConnect");
            vers("/", &[fin_locale])
        }
    }
}

/// What the provider sends back after its logout.
#[derive(Debug, Deserialize)]
pub struct RetourDeDeconnexion {
    state: Option<String>,
}

/// `GET /auth/proconnect/deconnecte`: back from the provider's logout; the `state` must be the one this
/// browser left with.
pub async fn deconnecte(
    State(etat): State<EtatProConnect>,
    entetes: HeaderMap,
    Query(retour): Query<RetourDeDeconnexion>,
) -> Response {
    let attendu = etat_du_navigateur(&entetes);
    if retour.state.is_none() || retour.state != attendu {
        tracing::warn!("retour de déconnexion ProConnect sans l’état attendu");
    }
    vers("/", &[cookie_etat_efface(etat.securise)])
}

//! The page the browser receives for any address of the web app: the built `index.html` with, in its body,
//! a first paint — the header with the service's name and the page's title and lead paragraph when the page
//! is public (`maillage_shared::premier_rendu`: the same words the app draws). The person reads at once
//! instead of an empty page while the WebAssembly loads; the app removes this frame when it starts and
//! draws its own in the same place.

use std::path::PathBuf;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use maillage_shared::format::echapper_html as echapper;
use maillage_shared::premier_rendu::{
    ACCUEIL, CARTE, CARTE_DEPARTEMENT, Chapeau, ESPACE, chapeau_instruction, explication_activite,
    libelle_du_role, titre_carte_departement,
};
use sea_orm::DatabaseConnection;

use crate::error::AppError;

/// Where the page comes from.
#[derive(Clone)]
pub struct EtatPremierRendu {
    pub db: DatabaseConnection,
    /// The built `index.html` of the entry point (the whole app, or the public map's own).
    pub index: PathBuf,
}

/// `GET` of a page of the app.
pub async fn page(State(etat): State<EtatPremierRendu>, uri: Uri, entetes: HeaderMap) -> Response {
    // Read at each request: a rebuilt app is served without a restart, and the page is small.
    let Ok(index) = tokio::fs::read_to_string(&etat.index).await else {
        return (StatusCode::NOT_FOUND, "application web absente").into_response();
    };
    let contenu = match contenu(&etat.db, uri.path(), &entetes).await {
        Ok(contenu) => contenu,
        Err(error) => {
            // The app will say what is wrong; the page itself still loads.
            tracing::warn!(%error, "premier rendu sans le référentiel");
            String::new()
        }
    };
    let corps = match index
        .find("<body")
        .and_then(|debut| index[debut..].find('>').map(|fin| debut + fin + 1))
    {
        Some(apres) => format!("{}{}{}", &index[..apres], cadre(&contenu), &index[apres..]),
        None => index,
    };
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        corps,
    )
        .into_response()
}

/// The title and lead of the page at `chemin`, as HTML; empty for a page whose first words depend on data
/// the app loads.
async fn contenu(db: &DatabaseConnection, chemin: &str, entetes: &HeaderMap) -> Result<String, AppError> {
    let chemin = chemin.trim_end_matches('/');
    Ok(match chemin {
        "/espace" => espace(db, entetes).await?,
        "" => format!(
            r#"<div class="fr-grid-row fr-grid-row--gutters fr-mt-4w"><div class="fr-col-12 fr-col-md-8">{}</div></div>"#,
            chapeau(&ACCUEIL)
        ),
        "/carte" => format!("{}{}", fil_ariane(&[], CARTE.titre), chapeau(&CARTE)),
        _ => match chemin.strip_prefix("/carte/") {
            Some(code) if !code.contains('/') => {
                let trouve =
                    crate::territoire::service::departements_par_code(db, &[code.to_owned()]).await?;
                let Some(departement) = trouve.get(code) else {
                    return Ok(String::new());
                };
                let regions = crate::territoire::service::regions_par_code(
                    db,
                    std::slice::from_ref(&departement.region_code),
                )
                .await?;
                let region = regions
                    .get(&departement.region_code)
                    .map_or(departement.region_code.as_str(), |r| r.nom.as_str());
                format!(
                    r#"{}<h1>{}</h1><p class="fr-text--lead">{}<a href="/territoires/regions/{}">{}</a>{}</p>"#,
                    fil_ariane(&[("Carte", "/carte")], &departement.nom),
                    echapper(&titre_carte_departement(&departement.nom, &departement.code)),
                    echapper(CARTE_DEPARTEMENT.0),
                    echapper(&departement.region_code),
                    echapper(region),
                    echapper(CARTE_DEPARTEMENT.1),
                )
            }
            _ => String::new(),
        },
    })
}

/// The logged-in person's space: its title and what the role's space is about, as `pages::candidatures::
/// espace_page` draws them; nothing for a visitor (the app sends them to log in).
async fn espace(db: &DatabaseConnection, entetes: &HeaderMap) -> Result<String, AppError> {
    let Some((role, au_feminin)) = crate::compte::service::acteur_des_entetes(db, entetes)
        .await?
        .and_then(|acteur| acteur.role_actif.map(|role| (role, acteur.au_feminin)))
    else {
        return Ok(String::new());
    };
    let departement = match &role.departement_code {
        Some(code) => {
            let noms =
                crate::territoire::service::departements_par_code(db, std::slice::from_ref(code)).await?;
            Some((code.as_str(), noms.get(code).map(|d| d.nom.clone())))
        }
        None => None,
    };
    let region = match (&role.departement_code, &role.region_code) {
        (None, Some(code)) => {
            let noms = crate::territoire::service::regions_par_code(db, std::slice::from_ref(code)).await?;
            Some((code.as_str(), noms.get(code).map(|r| r.nom.clone())))
        }
        _ => None,
    };
    let portee = libelle_du_role(
        role.role.libelle_pour(au_feminin),
        departement.as_ref().map(|(code, nom)| (*code, nom.as_deref())),
        region.as_ref().map(|(code, nom)| (*code, nom.as_deref())),
    );
    let titre = format!(r#"<h1 class="fr-mt-4w">{}</h1>"#, echapper(ESPACE));
    Ok(
        match (
            chapeau_instruction(role.role, &portee),
            explication_activite(role.role),
        ) {
            (Some(chapeau), _) => format!(r#"{titre}<p class="fr-text--lead">{}</p>"#, echapper(&chapeau)),
            (None, Some(explication)) => format!(
                r#"{titre}<p class="fr-text--lead">{}</p><p>{}</p>"#,
                echapper(&portee),
                echapper(explication)
            ),
            (None, None) => titre,
        },
    )
}

fn chapeau(chapeau: &Chapeau) -> String {
    format!(
        r#"<h1>{}</h1><p class="fr-text--lead">{}</p>"#,
        echapper(chapeau.titre),
        echapper(chapeau.texte)
    )
}

/// The DSFR breadcrumb as the app draws it (`components::fil_ariane`), shown open as on the map's frame.
fn fil_ariane(parents: &[(&str, &str)], actuel: &str) -> String {
    let mut liens = String::from(r#"<li><a class="fr-breadcrumb__link" href="/">Accueil</a></li>"#);
    for (libelle, chemin) in parents {
        liens.push_str(&format!(
            r#"<li><a class="fr-breadcrumb__link" href="{}">{}</a></li>"#,
            echapper(chemin),
            echapper(libelle)
        ));
    }
    format!(
        r#"<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :"><div class="fr-collapse"><ol class="fr-breadcrumb__list">{liens}<li><a class="fr-breadcrumb__link" aria-current="page">{}</a></li></ol></div></nav>"#,
        echapper(actuel)
    )
}

/// The header with the service's name (as `components::mise_en_page` draws it, without the session's tools,
/// which the app adds) and the page's first words.
fn cadre(contenu: &str) -> String {
    format!(
        concat!(
            r#"<div id="premier-rendu">"#,
            r#"<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container">"#,
            r#"<div class="fr-header__body-row"><div class="fr-header__brand fr-enlarge-link">"#,
            r#"<div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>"#,
            r#"<div class="fr-header__service"><a href="/" title="Accueil — Maillage"><p class="fr-header__service-title">Maillage</p></a>"#,
            r#"<p class="fr-header__service-tagline">Conseillers numériques coordinateurs — France Numérique Ensemble</p></div>"#,
            r#"</div></div></div></div></header>"#,
            r#"<main role="main" class="maillage-sans-script"><div class="fr-container fr-mb-8w">{}</div></main>"#,
            r#"</div>"#
        ),
        contenu
    )
}

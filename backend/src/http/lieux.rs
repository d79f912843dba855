//! The lieux over HTTP: `GET /donnees/lieux.csv`, the open-data download, and `POST /imports/lieux`, a file
//! of lieux sent from the browser, as the command line imports it. The body is
//! the CSV itself (`Content-Type: text/csv`, up to [`TAILLE_MAX`]): GraphQL's request limit is far below
//! the open-data files, and a raw body lets the browser report the upload's progress. ANCT imports
//! anywhere; a coordinator, the lieux of its perimeter. One transaction: a failed import writes nothing.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use maillage_shared::role::Role;
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The largest file accepted (the national open-data file is about 15 MB).
pub const TAILLE_MAX: usize = 32 * 1024 * 1024;

/// The import's option.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    /// A single bad line imports nothing.
    #[serde(default)]
    pub tout_ou_rien: bool,
}

/// What the import did, as JSON.
#[derive(Debug, Serialize)]
pub struct Bilan {
    pub importes: usize,
    pub erreurs: Vec<maillage_shared::lieu::ErreurLigne>,
}

/// `POST /imports/lieux`. The body is read only once the caller is known to be allowed to import: an
/// anonymous or unauthorised upload is answered at once, without receiving its file.
pub async fn televerser(
    State(db): State<DatabaseConnection>,
    Query(options): Query<Options>,
    entetes: HeaderMap,
    corps: Body,
) -> Response {
    match importer(&db, &options, &entetes, corps).await {
        Ok(bilan) => axum::Json(bilan).into_response(),
        Err(erreur) => crate::http::exports::reponse_d_erreur(erreur, "import de lieux"),
    }
}

async fn importer(
    db: &DatabaseConnection,
    options: &Options,
    entetes: &HeaderMap,
    corps: Body,
) -> Result<Bilan, AppError> {
    let (acteur, corps) =
        crate::http::televersement::recevoir_csv(db, entetes, corps, TAILLE_MAX, |acteur| {
            match acteur.role()?.role {
                Role::Anct | Role::Coordinateur => Ok(()),
                _ => Err(AppError::Interdit(
                    "L’import de lieux est réservé à l’ANCT et aux coordinateurs (pour leur périmètre)."
                        .to_owned(),
                )),
            }
        })
        .await?;
    let role = acteur.role()?.role;
    let txn = crate::database::ecriture(db).await?;
    let perimetre: Option<BTreeSet<String>> = match role {
        Role::Anct => None,
        Role::Coordinateur => {
            let (_, validee) = crate::poste::perimetre::mon_poste(&txn, &acteur).await?;
            Some(
                crate::poste::perimetre::communes_du_perimetre(&txn, &validee)
                    .await?
                    .into_iter()
                    .map(|c| c.code)
                    .collect(),
            )
        }
        _ => {
            return Err(AppError::Interdit(
                "L’import de lieux est réservé à l’ANCT et aux coordinateurs (pour leur périmètre)."
                    .to_owned(),
            ));
        }
    };
    let bilan = crate::lieu::service::importer_dans(
        &txn,
        &corps,
        options.tout_ou_rien,
        perimetre.as_ref(),
        |_, _| {},
    )
    .await?;
    crate::http::televersement::consigner(&txn, entetes, &acteur, "lieux", "importerLieux").await?;
    txn.commit().await?;
    Ok(Bilan {
        importes: bilan.importes,
        erreurs: bilan.erreurs,
    })
}

/// The département filter of the open-data download.
#[derive(Debug, Default, serde::Deserialize)]
pub struct FiltreLieux {
    pub departement: Option<String>,
}

/// `GET /donnees/lieux.csv[?departement=29]`: the lieux in the standard's flat CSV, as open data (no login),
/// the same file `maillage lieux export` writes.
pub async fn telecharger(
    axum::extract::State(db): axum::extract::State<sea_orm::DatabaseConnection>,
    axum::extract::Query(filtre): axum::extract::Query<FiltreLieux>,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let produire = async {
        let departement = match &filtre.departement {
            Some(code) => Some(
                maillage_shared::territoire::CodeDepartement::parse(code)?
                    .as_str()
                    .to_owned(),
            ),
            None => None,
        };
        let mut fichier = Vec::new();
        crate::lieu::service::exporter(&db, departement.as_deref(), &mut fichier).await?;
        let nom = match &departement {
            Some(code) => format!("lieux-mediation-numerique-{code}.csv"),
            None => "lieux-mediation-numerique.csv".to_owned(),
        };
        Ok::<_, AppError>((fichier, nom))
    };
    match produire.await {
        Ok((fichier, nom)) => {
            let mut reponse = fichier.into_response();
            let entetes = reponse.headers_mut();
            entetes.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(valeur) = HeaderValue::from_str(&format!("attachment; filename=\"{nom}\"")) {
                entetes.insert(header::CONTENT_DISPOSITION, valeur);
            }
            reponse
        }
        Err(erreur) => super::exports::reponse_d_erreur(erreur, "lieux"),
    }
}

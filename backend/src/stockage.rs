//! Where the documents' bytes are kept, behind one interface: a local folder by default (one instance), an
//! S3-compatible bucket in production (every instance reads what another wrote). The database holds what a
//! document is; the storage only its bytes, under a key nobody can guess.

use std::sync::Arc;

use bytes::Bytes;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};

use crate::error::AppError;
use crate::settings::StockageSettings;

/// The documents' storage, cheap to clone.
#[derive(Clone, Debug)]
pub struct Stockage {
    magasin: Arc<dyn ObjectStore>,
    /// The folder's absolute path, for a local storage (its keys are paths under it).
    dossier: Option<std::path::PathBuf>,
}

impl Stockage {
    /// The bucket when `s3_url` is set, the folder otherwise (created at the first document, not before:
    /// an instance that never receives one writes nothing).
    pub fn new(reglages: &StockageSettings) -> anyhow::Result<Self> {
        use secrecy::ExposeSecret;
        if reglages.s3_url.trim().is_empty() {
            return Ok(Self {
                magasin: Arc::new(LocalFileSystem::new()),
                dossier: Some(std::path::absolute(&reglages.dossier)?),
            });
        }
        let s3 = AmazonS3Builder::new()
            .with_endpoint(reglages.s3_url.trim_end_matches('/'))
            .with_allow_http(reglages.s3_url.starts_with("http://"))
            .with_bucket_name(&reglages.s3_bucket)
            .with_region(&reglages.s3_region)
            .with_access_key_id(&reglages.s3_cle)
            .with_secret_access_key(reglages.s3_secret.expose_secret())
            .build()?;
        Ok(Self {
            magasin: Arc::new(s3),
            dossier: None,
        })
    }

    /// Writes the bytes under `cle` (a new key each time: nothing is overwritten).
    pub async fn deposer(&self, cle: &str, contenu: Bytes) -> Result<(), AppError> {
        self.magasin
            .put(&self.chemin(cle)?, contenu.into())
            .await
            .map_err(|erreur| {
                AppError::Internal(anyhow::anyhow!("stockage, écriture de {cle} : {erreur}"))
            })?;
        Ok(())
    }

    /// The bytes under `cle`.
    pub async fn lire(&self, cle: &str) -> Result<Bytes, AppError> {
        let chemin = self.chemin(cle)?;
        let lecture = async { self.magasin.get(&chemin).await?.bytes().await };
        lecture
            .await
            .map_err(|erreur| AppError::Internal(anyhow::anyhow!("stockage, lecture de {cle} : {erreur}")))
    }

    /// Removes the bytes under `cle`; a key already gone is not an error.
    pub async fn retirer(&self, cle: &str) -> Result<(), AppError> {
        match self.magasin.delete(&self.chemin(cle)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(erreur) => Err(AppError::Internal(anyhow::anyhow!(
                "stockage, suppression de {cle} : {erreur}"
            ))),
        }
    }

    /// Where `cle` is: the key itself in a bucket, a path under the folder otherwise.
    fn chemin(&self, cle: &str) -> Result<Path, AppError> {
        let chemin = match &self.dossier {
            Some(dossier) => Path::from_absolute_path(dossier.join(cle)),
            None => Path::parse(cle),
        };
        chemin.map_err(|erreur| AppError::Internal(anyhow::anyhow!("clé de stockage {cle} : {erreur}")))
    }
}

//! The lieux: sending a file to `POST /imports/lieux` (`super::televersement`), a lieu's page, the search near
//! a place, editing by form, history and reports (`graphql/lieux.graphql`).

use maillage_shared::lieu::ErreurLigne;
use serde::Deserialize;

use super::ErreurApi;

/// What the import did.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BilanImportLieux {
    pub importes: usize,
    pub erreurs: Vec<ErreurLigne>,
}

/// Sends `fichier`; `progression` receives the share sent, 0 to 1, as the upload goes.
pub async fn importer(
    fichier: web_sys::File,
    tout_ou_rien: bool,
    progression: impl Fn(f64) + 'static,
) -> Result<BilanImportLieux, ErreurApi> {
    super::televersement::televerser(
        &format!("/imports/lieux?toutOuRien={tout_ou_rien}"),
        "text/csv",
        fichier,
        progression,
    )
    .await
}

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{operation, send};

operation!(FicheDeLieu, "graphql/lieux.graphql");
operation!(RechercherDesLieux, "graphql/lieux.graphql");
operation!(ModificationsDuLieu, "graphql/lieux.graphql");
operation!(SignalementsDeLieux, "graphql/lieux.graphql");
operation!(LieuxACompleter, "graphql/lieux.graphql");
operation!(EnregistrerUnLieu, "graphql/lieux.graphql");
operation!(FermerUnLieu, "graphql/lieux.graphql");
operation!(RouvrirUnLieu, "graphql/lieux.graphql");
operation!(SignalerUneErreurSurUnLieu, "graphql/lieux.graphql");
operation!(ResoudreUnSignalement, "graphql/lieux.graphql");

/// The lieu form's fields.
pub use enregistrer_un_lieu::LieuSaisi;
/// A lieu's page: the lieu, the conseillers present, whether the caller keeps it current.
pub use fiche_de_lieu::FicheDeLieuLieu as Fiche;
/// A lieu with every field of the standard, its week and what its record lacks.
pub use fiche_de_lieu::Lieu;
/// A lieu whose record lacks something.
pub use lieux_a_completer::LieuxACompleterLieuxACompleter as LieuACompleter;
/// An entry of a lieu's history.
pub use modifications_du_lieu::ModificationsDuLieuModificationsDuLieu as Modification;
/// The filters of a search.
pub use rechercher_des_lieux::FiltresDeLieux as Filtres;
/// A search's answer: where it started and the lieux, nearest first.
pub use rechercher_des_lieux::RechercherDesLieuxRechercherDesLieux as Resultats;
/// A report of an error on a lieu.
pub use signalements_de_lieux::SignalementsDeLieuxSignalementsDeLieux as Signalement;

/// A lieu's page; `None` when no lieu has this id.
pub async fn fiche(id: &str) -> Result<Option<Fiche>, ErreurApi> {
    Ok(
        send::<FicheDeLieu>(fiche_de_lieu::Variables { id: id.to_owned() })
            .await?
            .lieu,
    )
}

/// Where to search from: a text (postal code, commune, address) or the browser's position.
#[derive(Debug, Clone, PartialEq)]
pub enum Depart {
    Texte(String),
    Position(f64, f64),
}

/// The lieux nearest to `depart` that pass `filtres`.
pub async fn rechercher(depart: &Depart, filtres: Filtres, premiers: i64) -> Result<Resultats, ErreurApi> {
    let (pres, latitude, longitude) = match depart {
        Depart::Texte(texte) => (Some(texte.clone()), None, None),
        Depart::Position(latitude, longitude) => (None, Some(*latitude), Some(*longitude)),
    };
    Ok(send::<RechercherDesLieux>(rechercher_des_lieux::Variables {
        pres,
        latitude,
        longitude,
        filtres,
        premiers,
    })
    .await?
    .rechercher_des_lieux)
}

/// A lieu's history, newest first.
pub async fn modifications(id: &str) -> Result<Vec<Modification>, ErreurApi> {
    Ok(
        send::<ModificationsDuLieu>(modifications_du_lieu::Variables { id: id.to_owned() })
            .await?
            .modifications_du_lieu,
    )
}

/// The reports on the lieux the caller keeps current: waiting, or resolved.
pub async fn signalements(resolus: bool) -> Result<Vec<Signalement>, ErreurApi> {
    Ok(
        send::<SignalementsDeLieux>(signalements_de_lieux::Variables { resolus })
            .await?
            .signalements_de_lieux,
    )
}

/// The lieux the caller keeps current whose record lacks something.
pub async fn a_completer() -> Result<Vec<LieuACompleter>, ErreurApi> {
    Ok(send::<LieuxACompleter>(lieux_a_completer::Variables)
        .await?
        .lieux_a_completer)
}

/// Creates or corrects a lieu; returns its id.
pub async fn enregistrer(lieu: LieuSaisi) -> Result<String, ErreurApi> {
    Ok(send::<EnregistrerUnLieu>(enregistrer_un_lieu::Variables { lieu })
        .await?
        .enregistrer_un_lieu
        .id)
}

/// Closes a lieu, saying why.
pub async fn fermer(id: &str, motif: &str) -> Result<(), ErreurApi> {
    send::<FermerUnLieu>(fermer_un_lieu::Variables {
        id: id.to_owned(),
        motif: motif.to_owned(),
    })
    .await?;
    Ok(())
}

/// Reopens a closed lieu.
pub async fn rouvrir(id: &str) -> Result<(), ErreurApi> {
    send::<RouvrirUnLieu>(rouvrir_un_lieu::Variables { id: id.to_owned() }).await?;
    Ok(())
}

/// Reports an error on a lieu, with an address to be told of its resolution.
pub async fn signaler(lieu_id: &str, message: &str, courriel: Option<String>) -> Result<(), ErreurApi> {
    send::<SignalerUneErreurSurUnLieu>(signaler_une_erreur_sur_un_lieu::Variables {
        lieu_id: lieu_id.to_owned(),
        message: message.to_owned(),
        courriel,
    })
    .await?;
    Ok(())
}

/// Resolves a report, with an answer for its author.
pub async fn resoudre(id: &str, reponse: Option<String>) -> Result<(), ErreurApi> {
    send::<ResoudreUnSignalement>(resoudre_un_signalement::Variables {
        id: id.to_owned(),
        reponse,
    })
    .await?;
    Ok(())
}

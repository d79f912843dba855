//! PDF documents, written from a typst template with the data as JSON: the template reads `donnees.json`,
//! so a name holding `#`, `]` or `*` stays text and never becomes markup. The fonts are typst's own
//! (Libertinus Serif, embedded in the binary and subset in each document); every document is tagged and
//! checked against PDF/UA-1 (structure, language, title), as an agent's screen reader needs.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::error::AppError;

/// A template of the binary.
#[derive(Debug, Clone, Copy)]
pub struct Modele {
    /// For the logs.
    pub nom: &'static str,
    pub source: &'static str,
}

/// The candidature's dossier as filed.
pub const DOSSIER: Modele = Modele {
    nom: "dossier",
    source: include_str!("pdf/dossier.typ"),
};

/// ANCT's decision letter.
pub const DECISION: Modele = Modele {
    nom: "decision",
    source: include_str!("pdf/decision.typ"),
};

/// A coordinator's annual activity report.
pub const RAPPORT: Modele = Modele {
    nom: "rapport",
    source: include_str!("pdf/rapport.typ"),
};

/// The standard library and the fonts, read once: they never change while the binary runs.
static BIBLIOTHEQUE: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));
static POLICES: LazyLock<Vec<Font>> = LazyLock::new(|| {
    typst_assets::fonts()
        .flat_map(|octets| Font::iter(Bytes::new(octets)))
        .collect()
});
static LIVRE: LazyLock<LazyHash<FontBook>> =
    LazyLock::new(|| LazyHash::new(FontBook::from_fonts(POLICES.iter())));

fn fichier(nom: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(nom).unwrap_or_else(|_| unreachable!("un nom de fichier fixe")),
    )
    .intern()
}

/// What one compilation sees: its template and its data, nothing from the disk or the network.
struct Monde {
    principal: Source,
    donnees_id: FileId,
    donnees: Bytes,
    aujourd_hui: chrono::NaiveDate,
}

impl World for Monde {
    fn library(&self) -> &LazyHash<Library> {
        &BIBLIOTHEQUE
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &LIVRE
    }

    fn main(&self) -> FileId {
        self.principal.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.principal.id() {
            Ok(self.principal.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.donnees_id {
            Ok(self.donnees.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        POLICES.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        use chrono::Datelike;
        Datetime::from_ymd(
            self.aujourd_hui.year(),
            u8::try_from(self.aujourd_hui.month()).ok()?,
            u8::try_from(self.aujourd_hui.day()).ok()?,
        )
    }
}

/// The footer every document carries: « Maillage — édité le 5 décembre 2026 ».
pub fn pied(aujourd_hui: chrono::NaiveDate) -> String {
    format!(
        "Maillage — édité le {}",
        maillage_shared::format::jour_en_toutes_lettres(aujourd_hui)
    )
}

/// The PDF of `modele` filled with `donnees`, tagged and PDF/UA-1. Compiled off the request's thread: it
/// takes tens of milliseconds of CPU.
pub async fn produire(
    modele: Modele,
    donnees: &serde_json::Value,
    aujourd_hui: chrono::NaiveDate,
) -> Result<Vec<u8>, AppError> {
    let donnees = Bytes::new(serde_json::to_vec(donnees).map_err(anyhow::Error::from)?);
    tokio::task::spawn_blocking(move || compiler(modele, donnees, aujourd_hui))
        .await
        .map_err(|erreur| AppError::Internal(anyhow::anyhow!("PDF {} : {erreur}", modele.nom)))?
}

fn compiler(modele: Modele, donnees: Bytes, aujourd_hui: chrono::NaiveDate) -> Result<Vec<u8>, AppError> {
    let monde = Monde {
        principal: Source::new(fichier("main.typ"), modele.source.to_owned()),
        donnees_id: fichier("donnees.json"),
        donnees,
        aujourd_hui,
    };
    let echec = |quoi: &str, erreurs: &[typst::diag::SourceDiagnostic]| {
        let messages: Vec<String> = erreurs.iter().map(|e| e.message.to_string()).collect();
        AppError::Internal(anyhow::anyhow!(
            "PDF {} ({quoi}) : {}",
            modele.nom,
            messages.join(" ; ")
        ))
    };
    let document: typst_layout::PagedDocument = typst::compile(&monde)
        .output
        .map_err(|erreurs| echec("mise en page", &erreurs))?;
    let options = typst_pdf::PdfOptions {
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
            .map_err(|erreur| AppError::Internal(anyhow::anyhow!("PDF/UA-1 : {erreur:?}")))?,
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|erreurs| echec("PDF/UA-1", &erreurs))
}

//! Downloads of the tables shown on screen: `GET /exports/{table}.{csv|xlsx}?filters`, sent by the browser
//! itself with the session cookie, under the same rights as the page.

use web_sys::js_sys::encode_uri_component;

/// The file formats of a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatExport {
    /// Semicolons and decimal commas, as French spreadsheets read them.
    Csv,
    Xlsx,
}

impl FormatExport {
    /// Both formats, in the order the buttons show them.
    pub const ALL: [Self; 2] = [Self::Csv, Self::Xlsx];

    /// The file extension the server reads the format from.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// The label of its download button.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Csv => "Télécharger (CSV)",
            Self::Xlsx => "Télécharger (tableur .xlsx)",
        }
    }
}

/// A filter of a download, named as the server reads it (`region`, `statut`, `enRetard`…); `None` leaves
/// it out.
pub type Filtre = (&'static str, Option<String>);

/// `/exports/{table}.{extension}?name=value&…`, the values encoded.
pub fn adresse(table: &str, format: FormatExport, filtres: &[Filtre]) -> String {
    let query = filtres
        .iter()
        .filter_map(|(nom, valeur)| {
            let valeur = String::from(encode_uri_component(valeur.as_deref()?));
            Some(format!("{nom}={valeur}"))
        })
        .collect::<Vec<_>>()
        .join("&");
    let chemin = format!("/exports/{table}.{}", format.extension());
    if query.is_empty() {
        chemin
    } else {
        format!("{chemin}?{query}")
    }
}

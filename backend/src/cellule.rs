//! A cell of a file people download and open in a spreadsheet (CSV exports, the open-data lieux): text that a
//! spreadsheet would run as a formula (CWE-1236) is written so that it shows as the text it is.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula (or hide one, for tab and carriage
/// return).
const AMORCES: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `texte` as a spreadsheet should show it: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading apostrophe, which spreadsheets show as text; a plain number (`-4.48`, a longitude)
/// is left as it is, since it runs nothing and its readers parse it.
pub fn neutraliser(texte: &str) -> Cow<'_, str> {
    let dangereuse = texte.starts_with(AMORCES);
    if dangereuse && texte.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{texte}"))
    } else {
        Cow::Borrowed(texte)
    }
}

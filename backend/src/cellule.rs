//! The cells of the CSV files people exchange with spreadsheets. Written: text that a spreadsheet would run
//! as a formula (CWE-1236) is written so that it shows as the text it is. Read: files as spreadsheets save
//! them (UTF-8, UTF-16 or Windows-1252; `;`, `,` or tab), with the line numbers an editor shows.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::AppError;

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

/// The line of the file a CSV record starts on, counted from its byte offset: the csv crate's own line count
/// skips blank lines, and the person reads line numbers in an editor that counts them.
pub fn ligne_du_fichier(contenu: &[u8], position: Option<&csv::Position>, par_defaut: usize) -> usize {
    position.map_or(par_defaut, |p| {
        let mut debut = usize::try_from(p.byte()).unwrap_or(usize::MAX).min(contenu.len());
        // A record after blank lines starts, for the csv crate, where the blank lines do.
        while contenu.get(debut).is_some_and(|b| *b == b'\n' || *b == b'\r') {
            debut += 1;
        }
        contenu[..debut].iter().filter(|b| **b == b'\n').count() + 1
    })
}

/// A file's text, decoded as its spreadsheet wrote it (`maillage_shared::tableur::encodage`: UTF-8 or UTF-16
/// after their byte order mark, Windows-1252 for the 8-bit files of Excel on a French Windows). Refused when
/// the bytes are not text in the encoding their mark announces.
pub fn decoder(octets: &[u8]) -> Result<Cow<'_, str>, AppError> {
    use maillage_shared::tableur::{Encodage, encodage};
    let (quel, marque) = encodage(octets);
    let codage = match quel {
        Encodage::Utf8 => encoding_rs::UTF_8,
        Encodage::Utf16Le => encoding_rs::UTF_16LE,
        Encodage::Utf16Be => encoding_rs::UTF_16BE,
        Encodage::Windows1252 => encoding_rs::WINDOWS_1252,
    };
    codage
        .decode_without_bom_handling_and_without_replacement(&octets[marque..])
        .ok_or_else(|| {
            AppError::InvalidInput(format!(
                "Ce fichier n’est pas un texte lisible (encodage {} annoncé). Enregistrez-le depuis votre tableur en « CSV UTF-8 ».",
                quel.etiquette()
            ))
        })
}

/// The content, its reader, and the column positions by header name.
pub type FichierCsv<'a> = (&'a [u8], csv::Reader<&'a [u8]>, HashMap<String, usize>);

/// A CSV file as people send them (the lieux of the standard, a conseiller's accompaniments), once decoded
/// ([`decoder`]): read with the separator its header uses (`maillage_shared::tableur::separateur`), and the
/// position of each column by its trimmed header name. Returns the content the reader's positions refer to.
pub fn ouvrir_csv(texte: &str) -> Result<FichierCsv<'_>, AppError> {
    let contenu = texte.as_bytes();
    let entete = texte.lines().next().unwrap_or_default();
    let mut lecteur = csv::ReaderBuilder::new()
        .delimiter(maillage_shared::tableur::separateur(entete))
        .flexible(true)
        .from_reader(contenu);
    let positions = lecteur
        .headers()
        .map_err(|error| AppError::InvalidInput(format!("En-tête illisible : {error}")))?
        .iter()
        .enumerate()
        .map(|(i, nom)| (nom.trim().to_owned(), i))
        .collect();
    Ok((contenu, lecteur, positions))
}

//! A table as a person downloads it: CSV (semicolons and decimal commas, with a byte-order mark, as French
//! spreadsheets expect) or .xlsx, with French headers.

use chrono::NaiveDate;

use crate::error::AppError;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cellule {
    Texte(String),
    Entier(i64),
    Decimal(f64),
    Date(NaiveDate),
    Vide,
}

impl From<String> for Cellule {
    fn from(texte: String) -> Self {
        Self::Texte(texte)
    }
}

impl From<NaiveDate> for Cellule {
    fn from(date: NaiveDate) -> Self {
        Self::Date(date)
    }
}

/// A table to download: a file name, French headers and rows.
#[derive(Debug, Clone)]
pub struct Tableau {
    pub nom: String,
    pub colonnes: Vec<&'static str>,
    pub lignes: Vec<Vec<Cellule>>,
}

/// The CSV of a table for French spreadsheets, every text cell neutralised (`cellule::neutraliser`). The
/// .xlsx below writes text cells as strings, which a spreadsheet never runs.
pub fn en_csv(tableau: &Tableau) -> Result<Vec<u8>, AppError> {
    let mut sortie = "\u{feff}".as_bytes().to_vec();
    {
        let mut ecrivain = csv::WriterBuilder::new().delimiter(b';').from_writer(&mut sortie);
        ecrivain
            .write_record(&tableau.colonnes)
            .map_err(|e| AppError::Internal(e.into()))?;
        for ligne in &tableau.lignes {
            ecrivain
                .write_record(ligne.iter().map(|cellule| match cellule {
                    Cellule::Texte(t) => crate::cellule::neutraliser(t).into_owned(),
                    Cellule::Entier(n) => n.to_string(),
                    Cellule::Decimal(x) => format!("{x:.4}").replace('.', ","),
                    Cellule::Date(d) => d.format("%d/%m/%Y").to_string(),
                    Cellule::Vide => String::new(),
                }))
                .map_err(|e| AppError::Internal(e.into()))?;
        }
        ecrivain.flush().map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(sortie)
}

/// The .xlsx of a table: bold frozen header row, typed cells, dates as dates.
pub fn en_xlsx(tableau: &Tableau) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let interne = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.into());
    let mut classeur = Workbook::new();
    let feuille = classeur.add_worksheet();
    let gras = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (colonne, titre) in tableau.colonnes.iter().enumerate() {
        feuille
            .write_string_with_format(0, colonne as u16, *titre, &gras)
            .map_err(interne)?;
    }
    for (i, ligne) in tableau.lignes.iter().enumerate() {
        let rang = i as u32 + 1;
        for (colonne, cellule) in ligne.iter().enumerate() {
            let colonne = colonne as u16;
            match cellule {
                Cellule::Texte(t) => feuille.write_string(rang, colonne, t).map(|_| ()),
                Cellule::Entier(n) => feuille.write_number(rang, colonne, *n as f64).map(|_| ()),
                Cellule::Decimal(x) => feuille.write_number(rang, colonne, *x).map(|_| ()),
                Cellule::Date(d) => {
                    let jour = rust_xlsxwriter::ExcelDateTime::from_ymd(
                        u16::try_from(chrono::Datelike::year(d)).unwrap_or(1900),
                        chrono::Datelike::month(d) as u8,
                        chrono::Datelike::day(d) as u8,
                    )
                    .map_err(interne)?;
                    feuille
                        .write_datetime_with_format(rang, colonne, &jour, &date)
                        .map(|_| ())
                }
                Cellule::Vide => Ok(()),
            }
            .map_err(interne)?;
        }
    }
    feuille.set_freeze_panes(1, 0).map_err(interne)?;
    feuille.autofit();
    classeur.save_to_buffer().map_err(interne)
}

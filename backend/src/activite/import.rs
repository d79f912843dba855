//! Importing a conseiller's accompaniments from a CSV file (kept in a spreadsheet, or exported from another
//! tool): one line per accompaniment, with the columns of [`COLONNES`]. Each line is checked by the same rules
//! as the form; a bad line is reported with its number and reason, and the good ones are recorded, or
//! nothing is, as the conseiller chooses.

use chrono::NaiveDate;
use maillage_shared::activite::{Autonomie, Canal, Materiel, Orientation, TypeAccompagnement};
use maillage_shared::lieu::ErreurLigne;
use sea_orm::ConnectionTrait;

use super::service::{self, Accompagnement};
use crate::compte::acteur::Acteur;
use crate::error::AppError;
use crate::lieu::service::BilanImport;

/// The header of the file. `themes` are separated by `|`; `code_insee` may be empty.
pub const COLONNES: [&str; 7] = [
    "date",
    "type",
    "canal",
    "themes",
    "duree_minutes",
    "participants",
    "code_insee",
];

/// Columns a file may add, each cell possibly empty: the lieu of the referential (its id), the material used
/// (separated by `|`), the autonomy reached and the orientation (individual accompaniments), by the stored
/// names of `maillage_shared::activite`. A file without them stays valid.
pub const COLONNES_FACULTATIVES: [&str; 4] = ["lieu_id", "materiel", "autonomie", "orientation"];

/// Reads an optional cell of a closed list; `None` when empty, a problem when unknown.
fn facultatif<T: Copy>(
    texte: &str,
    colonne: &str,
    lire: impl Fn(&str) -> Option<T>,
    valeurs: &[T],
    nom: impl Fn(T) -> &'static str,
    problemes: &mut Vec<String>,
) -> Option<T> {
    if texte.is_empty() {
        return None;
    }
    let lu = lire(&texte.to_lowercase());
    if lu.is_none() {
        let attendus: Vec<&str> = valeurs.iter().map(|v| nom(*v)).collect();
        problemes.push(format!("{colonne} inconnu « {texte} » ({})", attendus.join(", ")));
    }
    lu
}

/// At most this many lines per file (the GraphQL body limit of 64 KiB holds about 700 anyway).
pub const LIGNES_MAX: usize = 1_000;

/// The well-formed lines (with their line numbers) and what is wrong with the others.
pub type Lecture = (Vec<(usize, Accompagnement)>, Vec<ErreurLigne>);

/// `2026-11-02` or `02/11/2026`.
fn date(texte: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(texte, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(texte, "%d/%m/%Y"))
        .ok()
}

/// Reads the file: the accompaniments of the well-formed lines with their line numbers, and what is wrong
/// with the others (the header is line 1).
pub fn lire_csv(contenu: &[u8]) -> Result<Lecture, AppError> {
    let texte = crate::cellule::decoder(contenu)?;
    let (contenu, mut lecteur, positions) = crate::cellule::ouvrir_csv(&texte)?;
    let manquantes: Vec<&str> = COLONNES
        .iter()
        .copied()
        .filter(|c| !positions.contains_key(*c))
        .collect();
    if !manquantes.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "Colonnes manquantes dans l’en-tête : {}. L’en-tête attendu est : {}.",
            manquantes.join(", "),
            COLONNES.join(";")
        )));
    }
    let mut lus = Vec::new();
    let mut erreurs = Vec::new();
    for (index, enregistrement) in lecteur.records().enumerate() {
        // The line in the file, blank lines counted: what the person sees in their editor.
        let position = match &enregistrement {
            Ok(e) => e.position(),
            Err(erreur) => erreur.position(),
        };
        let ligne = crate::cellule::ligne_du_fichier(contenu, position, index + 2);
        if index >= LIGNES_MAX {
            return Err(AppError::InvalidInput(format!(
                "Le fichier dépasse {LIGNES_MAX} lignes : découpez-le."
            )));
        }
        let enregistrement = match enregistrement {
            Ok(e) => e,
            Err(erreur) => {
                erreurs.push(ErreurLigne {
                    ligne,
                    motif: format!("ligne illisible ({erreur})"),
                });
                continue;
            }
        };
        let champ = |nom: &str| {
            positions
                .get(nom)
                .and_then(|&i| enregistrement.get(i))
                .unwrap_or_default()
                .trim()
        };
        if enregistrement.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut problemes = Vec::new();
        let date = date(champ("date"));
        if date.is_none() {
            problemes.push(format!(
                "date illisible « {} » (AAAA-MM-JJ ou JJ/MM/AAAA)",
                champ("date")
            ));
        }
        let type_accompagnement = TypeAccompagnement::parse(&champ("type").to_uppercase());
        if type_accompagnement.is_none() {
            problemes.push(format!(
                "type inconnu « {} » (INDIVIDUEL ou COLLECTIF)",
                champ("type")
            ));
        }
        let canal = Canal::parse(&champ("canal").to_uppercase());
        if canal.is_none() {
            let attendus: Vec<&str> = Canal::ALL.iter().map(|c| c.as_str()).collect();
            problemes.push(format!(
                "canal inconnu « {} » ({})",
                champ("canal"),
                attendus.join(", ")
            ));
        }
        let nombre = |nom: &str, problemes: &mut Vec<String>| match champ(nom).parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => {
                problemes.push(format!("{nom} n’est pas un nombre entier : « {} »", champ(nom)));
                None
            }
        };
        let materiel: Vec<Materiel> = champ("materiel")
            .split('|')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .filter_map(|m| {
                facultatif(
                    m,
                    "matériel",
                    Materiel::parse,
                    &Materiel::ALL,
                    Materiel::as_str,
                    &mut problemes,
                )
            })
            .collect();
        let autonomie = facultatif(
            champ("autonomie"),
            "autonomie",
            Autonomie::parse,
            &Autonomie::ALL,
            Autonomie::as_str,
            &mut problemes,
        );
        let orientation = facultatif(
            champ("orientation"),
            "orientation",
            Orientation::parse,
            &Orientation::ALL,
            Orientation::as_str,
            &mut problemes,
        );
        let duree = nombre("duree_minutes", &mut problemes);
        let participants = nombre("participants", &mut problemes);
        match (date, type_accompagnement, canal, duree, participants) {
            (Some(date), Some(type_accompagnement), Some(canal), Some(duree_minutes), Some(participants))
                if problemes.is_empty() =>
            {
                let commune = champ("code_insee");
                lus.push((
                    ligne,
                    Accompagnement {
                        date,
                        type_accompagnement,
                        canal,
                        themes: champ("themes")
                            .split('|')
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_owned)
                            .collect(),
                        duree_minutes,
                        participants,
                        commune_code: (!commune.is_empty()).then(|| commune.to_owned()),
                        lieu_id: Some(champ("lieu_id"))
                            .filter(|l| !l.is_empty())
                            .map(str::to_owned),
                        materiel,
                        autonomie,
                        orientation,
                        beneficiaire: None,
                    },
                ));
            }
            _ => erreurs.push(ErreurLigne {
                ligne,
                motif: problemes.join(" ; "),
            }),
        }
    }
    Ok((lus, erreurs))
}

/// Imports the file for the calling conseiller, in the caller's transaction.
pub async fn importer(
    db: &impl ConnectionTrait,
    acteur: &Acteur,
    contenu: &[u8],
    tout_ou_rien: bool,
    aujourd_hui: NaiveDate,
) -> Result<BilanImport, AppError> {
    acteur.exiger(maillage_shared::role::Role::Conseiller)?;
    let (lus, mut erreurs) = lire_csv(contenu)?;
    let lieux: Vec<String> = lus.iter().filter_map(|(_, a)| a.lieu_id.clone()).collect();
    let connus = service::lieux_connus(db, &lieux).await?;
    let mut valides = Vec::new();
    for (ligne, accompagnement) in lus {
        if let Some(lieu) = accompagnement.lieu_id.as_ref().filter(|l| !connus.contains(*l)) {
            erreurs.push(ErreurLigne {
                ligne,
                motif: format!("le lieu « {lieu} » n’est pas dans le référentiel des lieux"),
            });
            continue;
        }
        match service::valider(&accompagnement, aujourd_hui) {
            Ok(commune) => valides.push((accompagnement, commune)),
            Err(AppError::InvalidInput(motif)) => erreurs.push(ErreurLigne { ligne, motif }),
            Err(code @ AppError::CodeInvalide(_)) => erreurs.push(ErreurLigne {
                ligne,
                motif: code.to_string(),
            }),
            Err(autre) => return Err(autre),
        }
    }
    erreurs.sort_by_key(|e| e.ligne);
    if valides.is_empty() && erreurs.is_empty() {
        return Err(AppError::InvalidInput(
            "Le fichier ne contient aucun accompagnement.".to_owned(),
        ));
    }
    if tout_ou_rien && !erreurs.is_empty() {
        return Ok(BilanImport { importes: 0, erreurs });
    }
    let importes = service::enregistrer_valides(db, acteur, valides).await?;
    Ok(BilanImport { importes, erreurs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_with_the_line_number_an_editor_shows() {
        let fichier = "date;type;canal;themes;duree_minutes;participants;code_insee\n\
            2026-01-02;INDIVIDUEL;DOMICILE;Aide aux démarches administratives;45;1;\n\
            \n\
            2026-01-02;INDIVIDUEL;DOMICILE;Aide aux démarches administratives;trente;1;\n";
        let (lus, erreurs) = lire_csv(fichier.as_bytes()).unwrap();
        assert_eq!(lus.len(), 1);
        assert_eq!(lus[0].0, 2);
        assert_eq!(erreurs.len(), 1);
        assert_eq!(erreurs[0].ligne, 4, "{erreurs:?}");
    }

    #[test]
    fn the_optional_columns_are_read_by_their_stored_names_and_unknown_values_refused() {
        let fichier = "date;type;canal;themes;duree_minutes;participants;code_insee;lieu_id;materiel;autonomie;orientation\n\
            2026-01-02;INDIVIDUEL;DOMICILE;Aide aux démarches administratives;45;1;;;telephone|ordinateur;autonome;aide_sociale\n\
            2026-01-02;INDIVIDUEL;DOMICILE;Aide aux démarches administratives;45;1;;;fax;presque;\n";
        let (lus, erreurs) = lire_csv(fichier.as_bytes()).unwrap();
        assert_eq!(lus.len(), 1);
        assert_eq!(lus[0].1.materiel, [Materiel::Telephone, Materiel::Ordinateur]);
        assert_eq!(lus[0].1.autonomie, Some(Autonomie::Autonome));
        assert_eq!(lus[0].1.orientation, Some(Orientation::AideSociale));
        assert_eq!(erreurs.len(), 1);
        assert!(
            erreurs[0].motif.contains("fax") && erreurs[0].motif.contains("presque"),
            "{erreurs:?}"
        );
    }
}

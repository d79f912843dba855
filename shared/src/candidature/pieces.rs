//! The documents of a candidature: their kinds, the files accepted (the format read from the content, never
//! from the name: a renamed executable is not a PDF), and the documents a call requires before filing, by
//! case and by category of structure.

use serde::{Deserialize, Serialize};

use super::{CasDeFigure, StatutCandidature};
use crate::role::Role;
use crate::structure::CategorieStructure;

/// The largest document accepted, in bytes (10 Mo).
pub const TAILLE_MAX_PIECE: usize = 10 * 1024 * 1024;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NaturePiece {
    /// The deliberation of the assembly authorising the candidature (public bodies).
    Deliberation,
    /// The statutes of a private-law structure.
    Statuts,
    /// The provisional budget of the post.
    BudgetPrevisionnel,
    /// A partner's letter of support.
    LettreDeSoutien,
    /// The employment contract of the coordinator already in post (bringing a post into the programme).
    ContratDeTravail,
    /// A letter from the préfecture or ANCT.
    Courrier,
    /// Anything else asked or offered during the instruction.
    Autre,
}

impl NaturePiece {
    /// Every nature, in the order the forms offer them.
    pub const ALL: [NaturePiece; 7] = [
        Self::Deliberation,
        Self::Statuts,
        Self::BudgetPrevisionnel,
        Self::LettreDeSoutien,
        Self::ContratDeTravail,
        Self::Courrier,
        Self::Autre,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Deliberation => "DELIBERATION",
            Self::Statuts => "STATUTS",
            Self::BudgetPrevisionnel => "BUDGET_PREVISIONNEL",
            Self::LettreDeSoutien => "LETTRE_DE_SOUTIEN",
            Self::ContratDeTravail => "CONTRAT_DE_TRAVAIL",
            Self::Courrier => "COURRIER",
            Self::Autre => "AUTRE",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|nature| nature.as_str() == value)
    }

    /// The French label.
    pub fn libelle(self) -> &'static str {
        match self {
            Self::Deliberation => "Délibération de l’assemblée",
            Self::Statuts => "Statuts de la structure",
            Self::BudgetPrevisionnel => "Budget prévisionnel du poste",
            Self::LettreDeSoutien => "Lettre de soutien d’un partenaire",
            Self::ContratDeTravail => "Contrat de travail du coordinateur en poste",
            Self::Courrier => "Courrier",
            Self::Autre => "Autre document",
        }
    }
}

/// The formats accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FormatDePiece {
    Pdf,
    Odt,
    Docx,
    Png,
    Jpeg,
}

impl FormatDePiece {
    /// Every format.
    pub const ALL: [FormatDePiece; 5] = [Self::Pdf, Self::Odt, Self::Docx, Self::Png, Self::Jpeg];

    /// The media type the download declares.
    pub fn type_mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Odt => "application/vnd.oasis.opendocument.text",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }

    /// The extension the download's name ends with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Odt => "odt",
            Self::Docx => "docx",
            Self::Png => "png",
            Self::Jpeg => "jpg",
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Odt => "ODT",
            Self::Docx => "DOCX",
            Self::Png => "PNG",
            Self::Jpeg => "JPEG",
        }
    }

    /// Reads the stored name back.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.as_str() == value)
    }

    /// The format of a file, read from its first bytes (and, for the two zip-based text formats, from the
    /// zip's directory: an ODT declares its type in a first `mimetype` entry, a DOCX holds
    /// `word/document.xml`).
    pub fn du_contenu(contenu: &[u8]) -> Option<Self> {
        if contenu.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if contenu.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if contenu.starts_with(b"\xFF\xD8\xFF") {
            Some(Self::Jpeg)
        } else if contenu.starts_with(b"PK\x03\x04") {
            let noms = noms_du_zip(contenu)?;
            if est_odt(contenu) {
                Some(Self::Odt)
            } else if noms.iter().any(|nom| nom == b"word/document.xml")
                && noms.iter().any(|nom| nom == b"[Content_Types].xml")
            {
                Some(Self::Docx)
            } else {
                None
            }
        } else {
            None
        }
    }
}

/// An ODF package starts with an uncompressed `mimetype` entry holding its media type (ODF 1.2, part 3, 3.3).
fn est_odt(contenu: &[u8]) -> bool {
    const TYPE: &[u8] = b"application/vnd.oasis.opendocument.text";
    // Local file header: 30 fixed bytes, then the name, then the extra field, then the data.
    let (Some(longueur_nom), Some(longueur_extra)) = (u16_le(contenu, 26), u16_le(contenu, 28)) else {
        return false;
    };
    let nom = 30..30 + usize::from(longueur_nom);
    let donnees = nom.end + usize::from(longueur_extra);
    contenu.get(nom) == Some(b"mimetype".as_slice())
        && contenu.get(donnees..donnees + TYPE.len()) == Some(TYPE)
}

fn u16_le(octets: &[u8], a: usize) -> Option<u16> {
    Some(u16::from_le_bytes(octets.get(a..a + 2)?.try_into().ok()?))
}

fn u32_le(octets: &[u8], a: usize) -> Option<u32> {
    Some(u32::from_le_bytes(octets.get(a..a + 4)?.try_into().ok()?))
}

/// The names in a zip's central directory, found from its end record; `None` when the directory is not
/// where the end record says (a truncated or forged archive).
fn noms_du_zip(contenu: &[u8]) -> Option<Vec<&[u8]>> {
    // The end record is 22 bytes plus a comment of at most 65 535 bytes.
    let debut_recherche = contenu.len().saturating_sub(22 + usize::from(u16::MAX));
    let fin = (debut_recherche..=contenu.len().checked_sub(22)?)
        .rev()
        .find(|&i| contenu[i..].starts_with(b"PK\x05\x06"))?;
    let entrees = u16_le(contenu, fin + 10)?;
    let mut position = usize::try_from(u32_le(contenu, fin + 16)?).ok()?;
    let mut noms = Vec::with_capacity(usize::from(entrees));
    for _ in 0..entrees {
        if !contenu.get(position..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let longueur_nom = usize::from(u16_le(contenu, position + 28)?);
        let longueur_extra = usize::from(u16_le(contenu, position + 30)?);
        let longueur_commentaire = usize::from(u16_le(contenu, position + 32)?);
        noms.push(contenu.get(position + 46..position + 46 + longueur_nom)?);
        position += 46 + longueur_nom + longueur_extra + longueur_commentaire;
    }
    Some(noms)
}

/// The name a document is kept and downloaded under: the giver's file name without any folder, control
/// character or quote, at most 150 characters, ending with the extension of its real format; the nature's
/// label when nothing is left.
pub fn nom_de_piece(nom: &str, nature: NaturePiece, format: FormatDePiece) -> String {
    let base = nom.rsplit(['/', '\\']).next().unwrap_or_default();
    let propre: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':'))
        .collect();
    let propre = propre.trim().trim_start_matches('.');
    let extension = format.extension();
    let sans_extension = match propre.rsplit_once('.') {
        Some((debut, ext))
            if ext.eq_ignore_ascii_case(extension)
                || (format == FormatDePiece::Jpeg && ext.eq_ignore_ascii_case("jpeg")) =>
        {
            debut
        }
        _ => propre,
    };
    let sans_extension: String = sans_extension.trim().chars().take(150).collect();
    let sans_extension = if sans_extension.is_empty() {
        nature.libelle().to_owned()
    } else {
        sans_extension
    };
    format!("{sans_extension}.{extension}")
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PieceRefusee {
    Vide,
    TropLourde { octets: usize },
    FormatNonAccepte,
}

impl PieceRefusee {
    /// What the person reads.
    pub fn message(&self) -> String {
        match self {
            Self::Vide => "Le fichier est vide.".to_owned(),
            Self::TropLourde { octets } => format!(
                "Le fichier pèse {} : 10 Mo au plus.",
                crate::format::taille(*octets as u64)
            ),
            Self::FormatNonAccepte => {
                "Ce fichier n’est ni un PDF, ni un document ODT ou DOCX, ni une image PNG ou JPEG (son contenu \
                 en fait foi, pas son nom)."
                    .to_owned()
            }
        }
    }
}

/// The format of an acceptable file, or why it is refused.
pub fn verifier_fichier(contenu: &[u8]) -> Result<FormatDePiece, PieceRefusee> {
    if contenu.is_empty() {
        return Err(PieceRefusee::Vide);
    }
    if contenu.len() > TAILLE_MAX_PIECE {
        return Err(PieceRefusee::TropLourde {
            octets: contenu.len(),
        });
    }
    FormatDePiece::du_contenu(contenu).ok_or(PieceRefusee::FormatNonAccepte)
}

/// One line of a call's list of required documents: a nature, for one case or all, for one category of
/// structure or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PieceRequise {
    pub nature: NaturePiece,
    pub cas: Option<CasDeFigure>,
    pub categorie: Option<CategorieStructure>,
}

impl PieceRequise {
    /// Whether this line applies to a candidature of this case from a structure of this category.
    pub fn s_applique(&self, cas: Option<CasDeFigure>, categorie: Option<CategorieStructure>) -> bool {
        self.cas.is_none_or(|requis| Some(requis) == cas)
            && self.categorie.is_none_or(|requise| Some(requise) == categorie)
    }
}

/// The natures required and not yet attached, once each, in the list's order.
pub fn pieces_manquantes(
    requises: &[PieceRequise],
    cas: Option<CasDeFigure>,
    categorie: Option<CategorieStructure>,
    jointes: &[NaturePiece],
) -> Vec<NaturePiece> {
    let mut manquantes = Vec::new();
    for requise in requises.iter().filter(|r| r.s_applique(cas, categorie)) {
        if !jointes.contains(&requise.nature) && !manquantes.contains(&requise.nature) {
            manquantes.push(requise.nature);
        }
    }
    manquantes
}

/// The longest message, in characters.
pub const LONGUEUR_MESSAGE_MAX: usize = 5000;

/// What is written on a candidature: a message, or a document (alone or with a message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Echange {
    Message,
    Piece,
}

/// Why a message or a document is refused; nothing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EchangeRefuse {
    #[error("Seuls la structure, la préfecture de son département et l’ANCT écrivent sur une candidature.")]
    Role,
    #[error("Les messages s’échangent une fois la candidature déposée.")]
    Brouillon,
    #[error("La candidature est au statut « {} » : son dossier est clos.", .0.libelle())]
    Clos(StatutCandidature),
}

/// Who writes on a candidature, and when: its structure attaches its documents while preparing it (no one
/// else reads a draft); during the instruction the structure, the préfecture and ANCT write to each other
/// and attach documents; once decided, closed or withdrawn, the dossier is closed. (Which préfecture, which
/// structure: the rule of who reads the candidature.)
pub fn echange_permis(role: Role, statut: StatutCandidature, echange: Echange) -> Result<(), EchangeRefuse> {
    if !matches!(role, Role::Structure | Role::Prefecture | Role::Anct) {
        return Err(EchangeRefuse::Role);
    }
    match statut {
        StatutCandidature::Brouillon if role == Role::Structure && echange == Echange::Piece => Ok(()),
        StatutCandidature::Brouillon => Err(EchangeRefuse::Brouillon),
        statut if statut.en_instruction() => Ok(()),
        statut => Err(EchangeRefuse::Clos(statut)),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A zip archive of these entries, stored uncompressed, in this order.
    fn zip(entrees: &[(&str, &[u8])]) -> Vec<u8> {
        let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (nom, contenu) in entrees {
            archive.start_file(*nom, options).unwrap();
            archive.write_all(contenu).unwrap();
        }
        archive.finish().unwrap().into_inner()
    }

    fn odt() -> Vec<u8> {
        zip(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ])
    }

    fn docx() -> Vec<u8> {
        zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ])
    }

    #[test]
    fn the_format_is_read_from_the_content() {
        assert_eq!(
            FormatDePiece::du_contenu(b"%PDF-1.7\n..."),
            Some(FormatDePiece::Pdf)
        );
        assert_eq!(
            FormatDePiece::du_contenu(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(FormatDePiece::Png)
        );
        assert_eq!(
            FormatDePiece::du_contenu(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Some(FormatDePiece::Jpeg)
        );
        assert_eq!(FormatDePiece::du_contenu(&odt()), Some(FormatDePiece::Odt));
        assert_eq!(FormatDePiece::du_contenu(&docx()), Some(FormatDePiece::Docx));
    }

    #[test]
    fn other_files_are_refused_whatever_they_are_called() {
        // A Windows executable, a shell script, HTML, a spreadsheet (a zip too), a spreadsheet of
        // LibreOffice (an ODF package of another type), a zip of anything.
        for contenu in [
            b"MZ\x90\0\x03\0\0\0".to_vec(),
            b"#!/bin/sh\nrm -rf /\n".to_vec(),
            b"<html><script>alert(1)</script></html>".to_vec(),
            zip(&[
                ("[Content_Types].xml", b"<Types/>"),
                ("xl/workbook.xml", b"<workbook/>"),
            ]),
            zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")]),
            zip(&[("photo.jpg", b"\xFF\xD8\xFF")]),
        ] {
            assert_eq!(verifier_fichier(&contenu), Err(PieceRefusee::FormatNonAccepte));
        }
    }

    #[test]
    fn a_truncated_archive_is_refused_not_read_out_of_bounds() {
        let entier = docx();
        for longueur in [4, 30, entier.len() / 2, entier.len() - 1] {
            assert_eq!(
                FormatDePiece::du_contenu(&entier[..longueur]),
                None,
                "{longueur} octets"
            );
        }
    }

    #[test]
    fn an_empty_file_and_a_file_over_ten_megabytes_are_refused() {
        assert_eq!(verifier_fichier(b""), Err(PieceRefusee::Vide));
        let mut lourd = b"%PDF-1.7\n".to_vec();
        lourd.resize(TAILLE_MAX_PIECE + 1, b' ');
        assert_eq!(
            verifier_fichier(&lourd),
            Err(PieceRefusee::TropLourde {
                octets: TAILLE_MAX_PIECE + 1
            })
        );
        assert_eq!(
            PieceRefusee::TropLourde {
                octets: TAILLE_MAX_PIECE + 1
            }
            .message(),
            "Le fichier pèse 10,1 Mo : 10 Mo au plus."
        );
        lourd.truncate(TAILLE_MAX_PIECE);
        assert_eq!(verifier_fichier(&lourd), Ok(FormatDePiece::Pdf));
    }

    #[test]
    fn the_documents_required_depend_on_the_case_and_the_category() {
        let liste = [
            PieceRequise {
                nature: NaturePiece::BudgetPrevisionnel,
                cas: None,
                categorie: None,
            },
            PieceRequise {
                nature: NaturePiece::Deliberation,
                cas: None,
                categorie: Some(CategorieStructure::Collectivite),
            },
            PieceRequise {
                nature: NaturePiece::Statuts,
                cas: None,
                categorie: Some(CategorieStructure::Association),
            },
            PieceRequise {
                nature: NaturePiece::ContratDeTravail,
                cas: Some(CasDeFigure::B2),
                categorie: None,
            },
        ];
        let collectivite = Some(CategorieStructure::Collectivite);
        assert_eq!(
            pieces_manquantes(&liste, Some(CasDeFigure::B1), collectivite, &[]),
            [NaturePiece::BudgetPrevisionnel, NaturePiece::Deliberation]
        );
        assert_eq!(
            pieces_manquantes(
                &liste,
                Some(CasDeFigure::B2),
                Some(CategorieStructure::Association),
                &[NaturePiece::BudgetPrevisionnel, NaturePiece::Autre]
            ),
            [NaturePiece::Statuts, NaturePiece::ContratDeTravail]
        );
        assert!(
            pieces_manquantes(
                &liste,
                Some(CasDeFigure::A1),
                collectivite,
                &[NaturePiece::Deliberation, NaturePiece::BudgetPrevisionnel]
            )
            .is_empty()
        );
    }

    #[test]
    fn the_structure_the_prefecture_and_anct_write_during_the_instruction_only() {
        use StatutCandidature::*;
        for role in [Role::Structure, Role::Prefecture, Role::Anct] {
            for statut in [Deposee, AvisRendu] {
                assert_eq!(echange_permis(role, statut, Echange::Message), Ok(()));
                assert_eq!(echange_permis(role, statut, Echange::Piece), Ok(()));
            }
            for statut in [Validee, Refusee, ClasseeSansSuite, Retiree] {
                for echange in [Echange::Message, Echange::Piece] {
                    assert_eq!(
                        echange_permis(role, statut, echange),
                        Err(EchangeRefuse::Clos(statut))
                    );
                }
            }
        }
        assert_eq!(echange_permis(Role::Structure, Brouillon, Echange::Piece), Ok(()));
        assert_eq!(
            echange_permis(Role::Structure, Brouillon, Echange::Message),
            Err(EchangeRefuse::Brouillon)
        );
        for role in [
            Role::Sgar,
            Role::Hub,
            Role::Coordinateur,
            Role::Conseiller,
            Role::Candidat,
        ] {
            assert_eq!(
                echange_permis(role, Deposee, Echange::Message),
                Err(EchangeRefuse::Role)
            );
        }
    }

    #[test]
    fn a_document_is_named_after_its_file_without_folders_and_with_its_real_extension() {
        let nature = NaturePiece::Statuts;
        assert_eq!(
            nom_de_piece("Statuts 2024.PDF", nature, FormatDePiece::Pdf),
            "Statuts 2024.pdf"
        );
        assert_eq!(
            nom_de_piece("C:\\Users\\moi\\statuts.pdf", nature, FormatDePiece::Pdf),
            "statuts.pdf"
        );
        assert_eq!(
            nom_de_piece("../../etc/passwd", nature, FormatDePiece::Pdf),
            "passwd.pdf"
        );
        // A PDF named like a picture keeps its name and gets its real extension.
        assert_eq!(
            nom_de_piece("photo.png", nature, FormatDePiece::Pdf),
            "photo.png.pdf"
        );
        assert_eq!(nom_de_piece("scan.jpeg", nature, FormatDePiece::Jpeg), "scan.jpg");
        assert_eq!(
            nom_de_piece("a\"b\r\n.docx", nature, FormatDePiece::Docx),
            "ab.docx"
        );
        assert_eq!(
            nom_de_piece("  ", nature, FormatDePiece::Odt),
            "Statuts de la structure.odt"
        );
        assert_eq!(
            nom_de_piece(&"x".repeat(400), nature, FormatDePiece::Png)
                .chars()
                .count(),
            154
        );
    }

    #[test]
    fn stored_names_read_back() {
        for nature in NaturePiece::ALL {
            assert_eq!(NaturePiece::parse(nature.as_str()), Some(nature));
        }
        for format in FormatDePiece::ALL {
            assert_eq!(FormatDePiece::parse(format.as_str()), Some(format));
        }
    }
}

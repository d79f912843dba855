//! Files as spreadsheets write them: the text encoding Excel or LibreOffice chose, and the separator of their
//! CSV. A rule of both sides: the server reads the files uploaded to it, the browser reads the file a person
//! chooses before sending its text; each decodes with its own decoder (encoding_rs, the browser's
//! TextDecoder), both by this rule.

/// The encodings spreadsheets save text files in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encodage {
    Utf8,
    /// Excel's « Texte Unicode » (tab-separated).
    Utf16Le,
    Utf16Be,
    /// Excel's « CSV (séparateur : point-virgule) » on a French Windows.
    Windows1252,
}

impl Encodage {
    /// The encoding's WHATWG label, which the browser's TextDecoder and encoding_rs both know.
    pub fn etiquette(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf16Le => "utf-16le",
            Self::Utf16Be => "utf-16be",
            Self::Windows1252 => "windows-1252",
        }
    }
}

/// The encoding of a file and the length of its byte order mark: the mark's encoding when there is one
/// (Excel's « CSV UTF-8 » and « Texte Unicode » write one), UTF-8 when the bytes are valid UTF-8 (which
/// plain ASCII is), Windows-1252 otherwise — French text in any other 8-bit encoding is not valid UTF-8.
pub fn encodage(octets: &[u8]) -> (Encodage, usize) {
    match octets {
        [0xEF, 0xBB, 0xBF, ..] => (Encodage::Utf8, 3),
        [0xFF, 0xFE, ..] => (Encodage::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (Encodage::Utf16Be, 2),
        _ if std::str::from_utf8(octets).is_ok() => (Encodage::Utf8, 0),
        _ => (Encodage::Windows1252, 0),
    }
}

/// The separator of a CSV, read from its header line: the most frequent of `;` (French spreadsheets), `,`
/// and tab (« Texte Unicode »), in that order of preference when as frequent; `,` when none is there.
pub fn separateur(entete: &str) -> u8 {
    let compte = |c: char| entete.chars().filter(|&x| x == c).count();
    [b';', b',', b'\t']
        .into_iter()
        .map(|s| (s, compte(char::from(s))))
        .fold((b',', 0), |meilleur, candidat| {
            if candidat.1 > meilleur.1 {
                candidat
            } else {
                meilleur
            }
        })
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoding_is_the_byte_order_mark_s_then_utf8_when_valid_then_windows_1252() {
        assert_eq!(encodage(b"\xEF\xBB\xBFnom;commune"), (Encodage::Utf8, 3));
        assert_eq!(encodage(b"\xFF\xFEn\0o\0m\0"), (Encodage::Utf16Le, 2));
        assert_eq!(encodage(b"\xFE\xFF\0n\0o\0m"), (Encodage::Utf16Be, 2));
        assert_eq!(encodage("Brest Métropole".as_bytes()), (Encodage::Utf8, 0));
        // « Brest Métropole » as Excel writes it on a French Windows: é is 0xE9.
        assert_eq!(encodage(b"Brest M\xE9tropole"), (Encodage::Windows1252, 0));
    }

    #[test]
    fn the_separator_is_the_header_s_most_frequent_of_semicolon_comma_and_tab() {
        assert_eq!(separateur("date;theme;personnes"), b';');
        assert_eq!(separateur("date,theme,personnes"), b',');
        assert_eq!(separateur("date\ttheme\tpersonnes"), b'\t');
        // A comma inside a French header name does not win over the separators.
        assert_eq!(separateur("nom;adresse, complément;commune"), b';');
        assert_eq!(separateur("nom"), b',');
    }
}

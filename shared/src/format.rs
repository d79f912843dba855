//! French formats for the UI, the exports and the documents: numbers with thousands separated by a
//! narrow no-break space, and the names of the months.

use chrono::{Datelike, NaiveDate};

/// The months, January first, as a sentence writes them ("le 3 mars").
pub const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The months abbreviated as the typography of the Imprimerie nationale does, for the axes of a chart.
pub const MOIS_ABREGES: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
];

/// "mars 2026": the month of a day, as the payment of a convention is announced.
pub fn mois_et_annee(jour: NaiveDate) -> String {
    format!("{} {}", MOIS[jour.month0() as usize], jour.year())
}

/// "5 mars 2026": a day as a sentence writes it ("1er" for the first of the month).
pub fn jour_en_toutes_lettres(jour: NaiveDate) -> String {
    let quantieme = match jour.day() {
        1 => "1er".to_owned(),
        n => n.to_string(),
    };
    format!("{quantieme} {}", mois_et_annee(jour))
}

/// "Mars": a month as a heading writes it, `mois0` counted from 0.
pub fn mois_en_titre(mois0: usize) -> String {
    let nom = MOIS.get(mois0).copied().unwrap_or_default();
    let mut lettres = nom.chars();
    lettres
        .next()
        .map(|premiere| premiere.to_uppercase().chain(lettres).collect())
        .unwrap_or_default()
}

/// "142346" → "142 346".
pub fn nombre(n: i64) -> String {
    let chiffres = n.unsigned_abs().to_string();
    let mut texte = String::with_capacity(chiffres.len() + chiffres.len() / 3 * 3 + 1);
    if n < 0 {
        texte.push('-');
    }
    for (i, chiffre) in chiffres.chars().enumerate() {
        if i > 0 && (chiffres.len() - i).is_multiple_of(3) {
            texte.push('\u{202F}');
        }
        texte.push(chiffre);
    }
    texte
}

/// A duration as people say it: "45 min", "2 h", "1 h 30", "1 234 h 05".
pub fn duree(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, reste) => format!("{reste} min"),
        (heures, 0) => format!("{} h", nombre(heures)),
        (heures, reste) => format!("{} h {reste:02}", nombre(heures)),
    }
}

/// A file's size as people read it: "850 o", "12 ko", "3,4 Mo".
pub fn taille(octets: u64) -> String {
    const KO: u64 = 1024;
    const MO: u64 = 1024 * 1024;
    match octets {
        0..KO => format!("{octets} o"),
        KO..MO => format!("{} ko", octets.div_ceil(KO)),
        _ => {
            let dixiemes = (octets * 10).div_ceil(MO);
            match dixiemes % 10 {
                0 => format!("{} Mo", dixiemes / 10),
                reste => format!("{},{reste} Mo", dixiemes / 10),
            }
        }
    }
}

/// "1 commune", "12 communes".
pub fn pluriel(n: i64, singulier: &str, pluriel: &str) -> String {
    format!("{} {}", nombre(n), if n > 1 { pluriel } else { singulier })
}

/// Text made safe inside HTML (the server's first paint, the printable report).
pub fn echapper_html(texte: &str) -> String {
    let mut sortie = String::with_capacity(texte.len());
    for c in texte.chars() {
        match c {
            '&' => sortie.push_str("&amp;"),
            '<' => sortie.push_str("&lt;"),
            '>' => sortie.push_str("&gt;"),
            '"' => sortie.push_str("&quot;"),
            '\'' => sortie.push_str("&#39;"),
            _ => sortie.push(c),
        }
    }
    sortie
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_html() {
        assert_eq!(
            echapper_html(r#"<a href="x">l'été & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;"
        );
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(taille(850), "850 o");
        assert_eq!(taille(12 * 1024), "12 ko");
        assert_eq!(taille(3 * 1024 * 1024), "3 Mo");
        assert_eq!(taille(3 * 1024 * 1024 + 400 * 1024), "3,4 Mo");
    }

    #[test]
    fn groups_thousands_with_narrow_no_break_spaces() {
        assert_eq!(nombre(0), "0");
        assert_eq!(nombre(999), "999");
        assert_eq!(nombre(142_346), "142\u{202F}346");
        assert_eq!(nombre(68_000_000), "68\u{202F}000\u{202F}000");
        assert_eq!(nombre(-1_200), "-1\u{202F}200");
        assert_eq!(pluriel(1, "commune", "communes"), "1 commune");
        assert_eq!(pluriel(2, "commune", "communes"), "2 communes");
    }

    #[test]
    fn months_are_named_in_french_in_a_sentence_a_heading_and_a_chart() {
        let jour = |m| NaiveDate::from_ymd_opt(2026, m, 15).unwrap();
        assert_eq!(mois_et_annee(jour(3)), "mars 2026");
        assert_eq!(mois_et_annee(jour(8)), "août 2026");
        assert_eq!(mois_et_annee(jour(12)), "décembre 2026");
        assert_eq!(mois_en_titre(0), "Janvier");
        assert_eq!(mois_en_titre(7), "Août");
        assert_eq!(mois_en_titre(12), "");
        assert_eq!(MOIS_ABREGES[1], "févr.");
    }

    #[test]
    fn a_duration_reads_in_hours_and_minutes_never_as_zero_hours() {
        assert_eq!(duree(30), "30 min");
        assert_eq!(duree(120), "2 h");
        assert_eq!(duree(90), "1 h 30");
        assert_eq!(duree(65), "1 h 05");
        assert_eq!(duree(1234 * 60 + 5), "1\u{202F}234 h 05");
    }
}

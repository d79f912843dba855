//! French number formatting for the UI and exports: thousands separated by a narrow no-break space.

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

/// "1 commune", "12 communes".
pub fn pluriel(n: i64, singulier: &str, pluriel: &str) -> String {
    format!("{} {}", nombre(n), if n > 1 { pluriel } else { singulier })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

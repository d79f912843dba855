//! The demo's documents: one-page PDFs written here, so a candidature of the demo is filed with the
//! documents its call requires and an agent walking the demo opens real files.

/// A one-page A4 PDF whose lines are `lignes` (Latin-1 text, Helvetica).
pub fn pdf(lignes: &[&str]) -> Vec<u8> {
    let mut contenu = String::from("BT /F1 12 Tf 72 770 Td 16 TL");
    for ligne in lignes {
        let echappee: String = ligne
            .chars()
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                // WinAnsiEncoding holds the French letters; anything else becomes a question mark.
                c if u32::from(c) < 256 => vec![c],
                _ => vec!['?'],
            })
            .collect();
        contenu.push_str(&format!(" ({echappee}) '"));
    }
    contenu.push_str(" ET");
    // The stream's bytes are Latin-1, as the font's encoding reads them.
    let flux: Vec<u8> = contenu
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let mut objets: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
    ];
    let mut objet_flux = format!("<< /Length {} >>\nstream\n", flux.len()).into_bytes();
    objet_flux.extend_from_slice(&flux);
    objet_flux.extend_from_slice(b"\nendstream");
    objets.push(objet_flux);
    objets
        .push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec());
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut positions = Vec::new();
    for (i, objet) in objets.iter().enumerate() {
        positions.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(objet);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objets.len() + 1).as_bytes());
    for position in positions {
        pdf.extend_from_slice(format!("{position:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objets.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_demo_document_is_a_pdf_whose_table_points_at_its_objects() {
        let pdf = super::pdf(&["Budget prévisionnel (démonstration)", "Total : 50 000 €"]);
        assert_eq!(
            maillage_shared::candidature::pieces::verifier_fichier(&pdf),
            Ok(maillage_shared::candidature::pieces::FormatDePiece::Pdf)
        );
        // The table is ASCII; the text before it is Latin-1: positions are read on the bytes.
        let debut = pdf.windows(9).rposition(|w| w == b"startxref").unwrap() + "startxref\n".len();
        let xref: usize = String::from_utf8_lossy(&pdf[debut..])
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(pdf[xref..].starts_with(b"xref"));
        // Each object is where the table says.
        let table = String::from_utf8_lossy(&pdf[xref..]).into_owned();
        for (n, ligne) in table.lines().skip(3).take(5).enumerate() {
            let position: usize = ligne[..10].parse().unwrap();
            assert!(
                pdf[position..].starts_with(format!("{} 0 obj", n + 1).as_bytes()),
                "object {}",
                n + 1
            );
        }
    }
}

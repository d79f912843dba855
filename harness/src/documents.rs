//! Documents as people attach them: a small real PDF, PNG, JPEG, ODT and DOCX, and files that only pretend.

use std::io::Write;

/// A one-page PDF saying `texte`.
pub fn pdf(texte: &str) -> Vec<u8> {
    maillage::demo::documents::pdf(&[texte])
}

/// A 1×1 PNG.
pub fn png() -> Vec<u8> {
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82"
        .to_vec()
}

/// The start of a JPEG (what the format check reads).
pub fn jpeg() -> Vec<u8> {
    let mut jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0".to_vec();
    jpeg.extend_from_slice(b"\xFF\xD9");
    jpeg
}

fn zip(entrees: &[(&str, &[u8])]) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (nom, contenu) in entrees {
        archive.start_file(*nom, options).unwrap();
        archive.write_all(contenu).unwrap();
    }
    archive.finish().unwrap().into_inner()
}

/// An OpenDocument text.
pub fn odt() -> Vec<u8> {
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
        ("META-INF/manifest.xml", b"<manifest:manifest/>"),
    ])
}

/// A Word document.
pub fn docx() -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", b"<w:document/>"),
    ])
}

/// A Windows executable.
pub fn executable() -> Vec<u8> {
    b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0This program cannot be run in DOS mode.".to_vec()
}

/// An HTML page with a script.
pub fn html() -> Vec<u8> {
    b"<!doctype html><script>fetch('/graphql')</script>".to_vec()
}

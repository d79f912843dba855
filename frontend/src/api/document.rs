//! Cutting one operation out of a module's GraphQL document.
//!
//! Each api module keeps its operations and fragments in one `.graphql` document (checked against
//! `schema.graphql` when the app compiles), and the generated code carries that whole document. The
//! server only needs the operation asked for and the fragments it spreads: sending the rest would make it
//! parse and validate every other operation of the module at each request.

/// One top-level definition of a document: its name (empty for a shorthand query) and its text.
struct Definition<'a> {
    fragment: bool,
    name: &'a str,
    text: &'a str,
}

/// The definitions of a document, in order. Braces inside strings and comments are not counted.
fn definitions(document: &str) -> Vec<Definition<'_>> {
    let bytes = document.as_bytes();
    let mut definitions = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'#' => {
                while index < bytes.len() && bytes[index] != b'\n' {
                    index += 1;
                }
            }
            b'"' => {
                index += 1;
                while index < bytes.len() && bytes[index] != b'"' {
                    index += if bytes[index] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => {
                start.get_or_insert(index);
                depth += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(begin) = start.take()
                {
                    definitions.push(definition(&document[begin..=index]));
                }
            }
            byte if depth == 0 && !byte.is_ascii_whitespace() && byte != b',' => {
                start.get_or_insert(index);
            }
            _ => {}
        }
        index += 1;
    }
    definitions
}

/// Reads the kind and name of a definition from the words before its first brace.
fn definition(text: &str) -> Definition<'_> {
    let header = &text[..text.find('{').unwrap_or(text.len())];
    let mut words = header
        .split(|c: char| c.is_whitespace() || c == '(' || c == '@')
        .filter(|word| !word.is_empty());
    let kind = words.next().unwrap_or("");
    Definition {
        fragment: kind == "fragment",
        name: words.next().unwrap_or(""),
        text,
    }
}

/// The names of the fragments a definition spreads (`...Name`, not `... on Type`).
fn spreads(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("...").filter_map(move |(index, _)| {
        let rest = text[index + 3..].trim_start();
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        (!name.is_empty() && name != "on").then_some(name)
    })
}

/// The operation named `operation` and every fragment it spreads, directly or through other fragments;
/// the whole document when no operation has that name.
pub fn operation(document: &str, operation: &str) -> String {
    let definitions = definitions(document);
    let Some(asked) = definitions
        .iter()
        .find(|definition| !definition.fragment && definition.name == operation)
    else {
        return document.to_owned();
    };
    let mut kept = vec![asked.text];
    let mut names: Vec<&str> = Vec::new();
    let mut index = 0;
    while index < kept.len() {
        for name in spreads(kept[index]) {
            if names.contains(&name) {
                continue;
            }
            names.push(name);
            if let Some(fragment) = definitions
                .iter()
                .find(|definition| definition.fragment && definition.name == name)
            {
                kept.push(fragment.text);
            }
        }
        index += 1;
    }
    kept.join("\n")
}

#[cfg(test)]
mod tests {
    use super::operation;

    const DOCUMENT: &str = r#"
# The person's profile, with a "{" in a comment.
fragment Commune on Commune { code nom departement { ...Lien } }
fragment Lien on Departement { code nom }
fragment Profil on ProfilCandidat { id commune { ...Commune } }

query MonProfil { monProfilCandidat { ...Profil } }

mutation Modifier($profil: ProfilCandidatEntree!) {
  modifierProfilCandidat(profil: $profil, note: "a } in a string")
}

query Inutile { moi { ... on Moi { email } } }
"#;

    #[test]
    fn an_operation_travels_with_the_fragments_it_spreads_and_nothing_else() {
        let envoye = operation(DOCUMENT, "MonProfil");
        assert!(envoye.starts_with("query MonProfil { monProfilCandidat { ...Profil } }"));
        for fragment in ["fragment Profil on", "fragment Commune on", "fragment Lien on"] {
            assert!(envoye.contains(fragment), "{fragment} manque dans {envoye}");
        }
        assert!(!envoye.contains("Modifier"));
        assert!(!envoye.contains("Inutile"));
    }

    #[test]
    fn strings_comments_and_inline_fragments_do_not_confuse_the_cut() {
        let envoye = operation(DOCUMENT, "Modifier");
        assert_eq!(
            envoye,
            "mutation Modifier($profil: ProfilCandidatEntree!) {\n  modifierProfilCandidat(profil: $profil, note: \"a } in a string\")\n}"
        );
        let envoye = operation(DOCUMENT, "Inutile");
        assert_eq!(envoye, "query Inutile { moi { ... on Moi { email } } }");
    }

    #[test]
    fn an_unknown_operation_sends_the_whole_document_for_the_server_to_refuse() {
        assert_eq!(operation(DOCUMENT, "Absente"), DOCUMENT);
    }
}

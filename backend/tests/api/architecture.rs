//! The backend's floors (docs/architecture.md): every module imports only modules of its own floor or
//! below, and no files import each other in a circle. Imports are read from the source as text (`crate::…`
//! and `super::…` paths, braces expanded), so the check needs no build of its own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Floors, lowest first: a file may import files of its own floor or below, never above.
const FLOORS: &[(&str, u32)] = &[
    ("settings", 0),
    ("cellule", 0),
    ("adresse", 0),
    ("database", 0),
    ("error", 0),
    ("telemetry", 0),
    ("security_headers", 0),
    ("idempotence", 0),
    ("metriques", 0),
    ("progression", 0),
    ("stockage", 0),
    ("pdf", 0),
    ("territoire", 10),
    ("compte", 10),
    ("structure", 10),
    ("notification", 10),
    ("jeton", 10),
    ("journal", 11),
    ("sauvegarde", 12),
    ("gouvernance", 13),
    ("candidature", 20),
    ("poste", 21),
    ("equipe", 23),
    ("activite", 24),
    ("coordination", 24),
    ("formation", 22),
    ("lieu", 24),
    ("diagnostic", 25),
    ("rapport", 26),
    ("rencontre", 25),
    ("rgpd", 27),
    ("indicateur", 30),
    ("demo", 31),
    ("graphql", 40),
    ("http", 40),
    ("startup", 50),
    ("main", 50),
    ("lib", 50),
];

/// Files of a domain folder that belong to the API floor (so does everything in a `schema/` folder, and a
/// `…_schema.rs` file).
const API_FILES: &[&str] = &["schema.rs", "loaders.rs"];

/// Every import problem of the tree under `src`: a module without a floor, an import from a higher floor, a
/// circle of files.
fn problems(src: &Path) -> Vec<String> {
    let files = rust_files(src);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in &files {
        let rel = relative(src, file);
        let text = strip(&std::fs::read_to_string(file).unwrap());
        let module = module_path(&rel);
        let mut targets = BTreeSet::new();
        for path in paths(&text, &module, rel.ends_with("main.rs")) {
            if let Some(target) = resolve(src, &path)
                && target != rel
            {
                targets.insert(target);
            }
        }
        graph.insert(rel, targets);
    }
    for (from, targets) in &graph {
        let Some(floor_from) = floor(from) else {
            problems.push(format!("{from}: no floor declared in FLOORS"));
            continue;
        };
        for to in targets {
            let Some(floor_to) = floor(to) else { continue };
            if floor_to > floor_from {
                problems.push(format!(
                    "upward import: {from} ({floor_from}) -> {to} ({floor_to})"
                ));
            }
        }
    }
    for cycle in cycles(&graph) {
        problems.push(format!("import circle: {}", cycle.join(" <-> ")));
    }
    problems
}

#[test]
fn every_module_imports_only_its_own_floor_or_below_and_no_file_imports_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = problems(&src);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_floor_check_finds_an_upward_import_and_a_circle() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    };
    write("lib.rs", "pub mod database;\npub mod candidature;\n");
    // Infrastructure reaching a domain, and a domain file and its schema importing each other.
    write("database.rs", "use crate::candidature::service::statut;\n");
    write("candidature/mod.rs", "pub mod service;\npub mod schema;\n");
    write(
        "candidature/service.rs",
        "use super::schema::{Candidature, self};\npub fn statut() {}\n",
    );
    write(
        "candidature/schema.rs",
        "// crate::database is not read from a comment\nuse crate::candidature::service::statut;\n",
    );
    let problems = problems(dir.path());
    assert!(
        problems
            .iter()
            .any(|p| p == "upward import: database.rs (0) -> candidature/service.rs (20)"),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p == "upward import: candidature/service.rs (20) -> candidature/schema.rs (40)"),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p == "import circle: candidature/schema.rs <-> candidature/service.rs"),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn relative(src: &Path, file: &Path) -> String {
    file.strip_prefix(src)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// `a/b.rs` → [a, b]; `a/mod.rs` → [a]; `lib.rs`/`main.rs` → [].
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_owned)
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

fn floor(rel: &str) -> Option<u32> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let in_schema_folder = rel.split('/').rev().skip(1).any(|part| part == "schema");
    if rel.contains('/') && (API_FILES.contains(&name) || name.ends_with("_schema.rs") || in_schema_folder) {
        return Some(40);
    }
    let top = rel.split('/').next().unwrap_or(rel).trim_end_matches(".rs");
    FLOORS.iter().find(|(m, _)| *m == top).map(|(_, f)| *f)
}

/// The text without comments, string and char literals, which may name paths without importing them.
fn strip(text: &str) -> String {
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < bytes.len() && bytes[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < bytes.len() {
                if bytes[i] == '/' && bytes.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if bytes[i] == '*' && bytes.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !prev_ident(&bytes, i) {
            // raw string r"…" or r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while bytes.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if bytes.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= bytes.len() {
                    break;
                }
                if bytes[j] == '"' && (0..hashes).all(|k| bytes.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < bytes.len() && bytes[i] != '"' {
                if bytes[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // char literal or lifetime
            if next == Some('\\') {
                i += 2;
                while i < bytes.len() && bytes[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            } else if bytes.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev_ident(bytes: &[char], i: usize) -> bool {
    i > 0 && (bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_')
}

/// Every `crate::…` (and `super::…`) path of the file, braces expanded, as absolute segments.
fn paths(text: &str, module: &[String], binary: bool) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if prev_ident(&chars, i) || (i > 0 && chars[i - 1] == ':') {
            i += 1;
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 10)].iter().collect();
        let (base, skip): (Vec<String>, usize) = if rest.starts_with("crate::") {
            (Vec::new(), 7)
        } else if binary && rest.starts_with("maillage::") {
            (Vec::new(), 10)
        } else if rest.starts_with("super::") {
            let mut b = module.to_vec();
            b.pop();
            (b, 7)
        } else {
            i += 1;
            continue;
        };
        let (tree, end) = parse_tree(&chars, i + skip);
        for p in expand(&tree) {
            let mut full = base.clone();
            let mut segments = p.into_iter();
            // `super::super::x`
            let mut seg: Vec<String> = segments.by_ref().collect();
            while seg.first().is_some_and(|s| s == "super") {
                full.pop();
                seg.remove(0);
            }
            full.extend(seg);
            out.push(full);
        }
        i = end.max(i + 1);
    }
    out
}

#[derive(Debug)]
enum Tree {
    Path(Vec<String>, Option<Vec<Tree>>),
}

fn skip_ws(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    i
}

fn parse_tree(chars: &[char], mut i: usize) -> (Tree, usize) {
    let mut segments = Vec::new();
    loop {
        i = skip_ws(chars, i);
        if chars.get(i) == Some(&'{') {
            let mut children = Vec::new();
            i += 1;
            loop {
                i = skip_ws(chars, i);
                match chars.get(i) {
                    Some('}') => {
                        i += 1;
                        break;
                    }
                    Some(',') => i += 1,
                    None => break,
                    _ => {
                        let (child, end) = parse_tree(chars, i);
                        children.push(child);
                        i = end;
                        i = skip_ws(chars, i);
                        // `x as y`
                        if chars[i..].iter().take(3).collect::<String>() == "as " {
                            i += 3;
                            while i < chars.len()
                                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i].is_whitespace())
                            {
                                i += 1;
                            }
                        }
                    }
                }
            }
            return (Tree::Path(segments, Some(children)), i);
        }
        let start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '*') {
            i += 1;
        }
        if i == start {
            return (Tree::Path(segments, None), i);
        }
        segments.push(chars[start..i].iter().collect());
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
        } else {
            return (Tree::Path(segments, None), i);
        }
    }
}

fn expand(tree: &Tree) -> Vec<Vec<String>> {
    let Tree::Path(segments, children) = tree;
    match children {
        None => vec![segments.clone()],
        Some(children) => {
            let mut out = Vec::new();
            for child in children {
                for mut p in expand(child) {
                    if p.first().is_some_and(|s| s == "self") {
                        p.remove(0);
                    }
                    let mut full = segments.clone();
                    full.extend(p);
                    out.push(full);
                }
            }
            out
        }
    }
}

/// The file a path names: its longest prefix that is a module file.
fn resolve(src: &Path, path: &[String]) -> Option<String> {
    for len in (1..=path.len()).rev() {
        let joined = path[..len].join("/");
        for candidate in [format!("{joined}.rs"), format!("{joined}/mod.rs")] {
            if src.join(&candidate).is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Strongly connected components with more than one file (Tarjan).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        if let Some(targets) = s.graph.get(v) {
            for w in targets {
                let w = w.as_str();
                if !s.graph.contains_key(w) {
                    continue;
                }
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(lw));
                } else if s.on_stack.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(iw));
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v.as_str());
        }
    }
    s.out
}

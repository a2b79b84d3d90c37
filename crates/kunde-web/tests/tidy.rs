//! The shape of the web crate, checked by reading its source files as text (as
//! rust-analyzer's tidy tests do): one folder per feature over a shared `kit/`, no import
//! cycles between files, one way to queue an e-mail, small files that say what they are for.
//! Each failure names the file and the rule; ARCHITECTURE.md explains the rules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The feature folders: each owns its routes, pages, e-mails, jobs and API endpoints.
const FEATURES: &[&str] = &[
    "account",
    "analytics",
    "api",
    "campaigns",
    "cases",
    "competitors",
    "customers",
    "dashboard",
    "demand",
    "reports",
    "import",
    "journeys",
    "kb",
    "privacy",
    "moments",
    "portal",
    "reviews",
    "survey_results",
    "surveys",
    "thanks",
    "value",
];

/// The files that may name every feature: the façade, the route table and the timed jobs.
const WIRING: [&str; 3] = ["lib.rs", "routes.rs", "jobs.rs"];

/// The store methods that write to the outbox; only `outbox.rs` calls them.
const OUTBOX_WRITES: [&str; 11] = [
    "enqueue_mail",
    "add_case_reply",
    "send_invitation",
    "send_staff_invitation",
    "send_reminder",
    "send_portal_link",
    "send_overdue_reminder",
    "queue_monthly_report",
    "request_signup",
    "mark_demand_available",
    "queue_campaign_chunk",
];

const MAX_LINES: usize = 600;

struct Source {
    /// Relative to `src/`, with `/` separators.
    rel: String,
    /// The module path: `journeys/list.rs` is `["journeys", "list"]`.
    module: Vec<String>,
    text: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap();
            Source {
                module: module_of(&rel),
                rel,
                text,
            }
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(rel: &str) -> Vec<String> {
    let stem = rel.strip_suffix(".rs").unwrap();
    let mut parts: Vec<String> = stem.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The text without comments and string literals, so that prose and SQL do not count as code.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'r' && i + 1 < b.len() && (b[i + 1] == b'"' || b[i + 1] == b'#') {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while j < b.len() && b[j] == b'#' {
                hashes += 1;
                j += 1;
            }
            if j < b.len() && b[j] == b'"' {
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                j += 1;
                while j < b.len() && !b[j..].starts_with(&close) {
                    j += 1;
                }
                i = j + close.len();
                out.push_str("\"\"");
            } else {
                out.push('r');
                i += 1;
            }
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // A char literal ('x' or '\n'); a lifetime has no closing quote.
            let mut j = i + 1;
            if b[j] == b'\\' {
                j += 1;
            }
            while j < b.len() && b[j] != b'\'' {
                j += 1;
            }
            i = j + 1;
            out.push_str("' '");
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The code without inline `mod tests { … }` blocks: unit tests are not part of the import
/// graph (and their `super` means the file itself).
fn without_inline_tests(code: &str) -> String {
    let mut out = code.to_owned();
    while let Some(start) = out.find("mod tests {") {
        let mut depth = 0;
        let mut end = out.len();
        for (i, c) in out[start..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.replace_range(start..end, "");
    }
    out
}

/// Every path the code names that starts at `crate`, `super` or `self`, with `use` groups
/// (`use crate::a::{b, c::d}`) expanded, as segment lists resolved to absolute module paths.
fn paths_named(src: &Source, code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let tokens = tokenize(&without_inline_tests(code));
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        let starts = (t == "crate" || t == "super" || t == "self")
            && tokens.get(i + 1).is_some_and(|n| n == "::")
            && (i == 0 || tokens[i - 1] != "::");
        if starts {
            let (paths, next) = read_path(&tokens, i);
            for p in paths {
                if let Some(abs) = resolve(src, &p) {
                    out.push(abs);
                }
            }
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

fn tokenize(code: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".into());
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            tokens.push(c.to_string());
            i += 1;
        }
    }
    tokens
}

/// Reads a path (with `{…}` groups) starting at `tokens[i]`; returns each full path and the
/// index after it.
fn read_path(tokens: &[String], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        let t = &tokens[i];
        if t == "{" {
            let (groups, next) = read_group(tokens, i + 1);
            let paths = groups
                .into_iter()
                .map(|g| prefix.iter().cloned().chain(g).collect())
                .collect();
            return (paths, next);
        }
        if !(t.chars().all(|c| c.is_alphanumeric() || c == '_')) {
            return (vec![prefix], i);
        }
        prefix.push(t.clone());
        i += 1;
        if tokens.get(i).is_some_and(|n| n == "::") {
            i += 1;
        } else {
            return (vec![prefix], i);
        }
    }
}

fn read_group(tokens: &[String], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut out = Vec::new();
    while i < tokens.len() && tokens[i] != "}" {
        if tokens[i] == "," {
            i += 1;
            continue;
        }
        let (paths, next) = read_path(tokens, i);
        out.extend(paths.into_iter().filter(|p| !p.is_empty()));
        // Skip `as name` and anything up to the next item.
        i = next;
        while i < tokens.len() && tokens[i] != "," && tokens[i] != "}" {
            i += 1;
        }
    }
    (out, i + 1)
}

/// A path as an absolute module path from the crate root (`crate::` dropped).
fn resolve(src: &Source, path: &[String]) -> Option<Vec<String>> {
    let mut base: Vec<String> = Vec::new();
    let mut rest = path;
    match path.first()?.as_str() {
        "crate" => rest = &path[1..],
        "self" => {
            base = src.module.clone();
            rest = &path[1..];
        }
        "super" => {
            base = src.module.clone();
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    base.extend(rest.iter().filter(|s| *s != "self").cloned());
    Some(base)
}

/// The file a module path lands in: the longest prefix that is a file of the crate.
fn file_of<'a>(modules: &'a BTreeMap<Vec<String>, String>, path: &[String]) -> Option<&'a String> {
    (0..=path.len()).rev().find_map(|n| modules.get(&path[..n]))
}

fn feature_of(module: &[String]) -> Option<&str> {
    module
        .first()
        .map(String::as_str)
        .filter(|f| FEATURES.contains(f))
}

#[test]
fn every_feature_folder_exists_and_every_top_level_module_is_known() {
    let srcs = sources();
    let tops: BTreeSet<&str> = srcs
        .iter()
        .filter_map(|s| s.module.first().map(String::as_str))
        .collect();
    for f in FEATURES {
        assert!(
            tops.contains(f),
            "src/{f}/: a feature folder named in tidy.rs is missing"
        );
    }
    for top in tops {
        assert!(
            FEATURES.contains(&top) || ["kit", "state", "routes", "jobs", "outbox"].contains(&top),
            "src/{top}: a new top-level module must be a feature (add it to FEATURES in tidy.rs) or part of the kit"
        );
    }
}

#[test]
fn the_kit_state_and_outbox_import_no_feature() {
    for src in sources() {
        let top = src.module.first().map(String::as_str);
        if !matches!(top, Some("kit" | "state" | "outbox")) {
            continue;
        }
        let code = code_only(&src.text);
        for path in paths_named(&src, &code) {
            if feature_of(&path).is_some() {
                panic!(
                    "src/{}: rule 1 (the kit, state.rs and outbox.rs import no feature) is broken: it names `{}`",
                    src.rel,
                    path.join("::")
                );
            }
        }
    }
}

#[test]
fn a_feature_reaches_another_only_through_its_mod_rs() {
    let srcs = sources();
    for src in &srcs {
        let Some(mine) = feature_of(&src.module) else {
            continue;
        };
        let code = code_only(&src.text);
        for path in paths_named(src, &code) {
            let Some(theirs) = feature_of(&path) else {
                continue;
            };
            if theirs == mine || path.len() < 3 {
                continue;
            }
            // `crate::cases::x::y`: is `x` a file of that feature (an internal), or an item
            // its mod.rs exports?
            let inner = format!("{theirs}/{}", path[1]);
            let internal = srcs
                .iter()
                .any(|s| s.rel == format!("{inner}.rs") || s.rel.starts_with(&format!("{inner}/")));
            assert!(
                !internal,
                "src/{}: rule 2 (a feature uses another only through what its mod.rs exports) is broken: it reaches into `{}`",
                src.rel,
                path.join("::")
            );
        }
    }
}

#[test]
fn only_the_wiring_names_every_feature() {
    for src in sources() {
        if WIRING.contains(&src.rel.as_str()) {
            continue;
        }
        let code = code_only(&src.text);
        let named: BTreeSet<&str> = paths_named(&src, &code)
            .iter()
            .filter_map(|p| feature_of(p))
            .map(|f| FEATURES.iter().find(|x| **x == f).copied().unwrap())
            .collect();
        assert!(
            named.len() < FEATURES.len(),
            "src/{}: rule 3 (only lib.rs, routes.rs and jobs.rs name every feature) is broken",
            src.rel
        );
    }
}

#[test]
fn only_the_outbox_queues_e_mail() {
    for src in sources() {
        if src.rel == "outbox.rs" {
            continue;
        }
        let tokens = tokenize(&code_only(&src.text));
        for w in tokens.windows(3) {
            if w[0] == "." && OUTBOX_WRITES.contains(&w[1].as_str()) && w[2] == "(" {
                panic!(
                    "src/{}: rule 4 (only outbox.rs queues e-mail) is broken: it calls `.{}(`; use crate::outbox",
                    src.rel, w[1]
                );
            }
        }
    }
}

#[test]
fn no_source_file_is_longer_than_600_lines() {
    for src in sources() {
        let lines = src.text.lines().count();
        assert!(
            lines <= MAX_LINES,
            "src/{}: rule 5 (at most {MAX_LINES} lines) is broken: it has {lines}; split it by responsibility",
            src.rel
        );
    }
}

#[test]
fn every_source_file_opens_with_a_doc_line() {
    for src in sources() {
        assert!(
            src.text.starts_with("//!"),
            "src/{}: rule 6 (every file opens with a `//!` line saying what it is for) is broken",
            src.rel
        );
    }
}

#[test]
fn no_import_cycle_between_files() {
    let srcs = sources();
    let modules: BTreeMap<Vec<String>, String> = srcs
        .iter()
        .map(|s| (s.module.clone(), s.rel.clone()))
        .collect();
    let mut edges: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for src in &srcs {
        let code = code_only(&src.text);
        let mut targets = BTreeSet::new();
        for path in paths_named(src, &code) {
            if let Some(file) = file_of(&modules, &path) {
                targets.insert(file.clone());
            }
        }
        // A parent naming its child module by its bare name (`list::page`), as route tables do.
        let tokens = tokenize(&code);
        for (m, file) in &modules {
            if m.len() == src.module.len() + 1 && m.starts_with(&src.module) {
                let child = m.last().unwrap();
                let named = tokens.windows(2).enumerate().any(|(k, w)| {
                    w[0] == *child
                        && w[1] == "::"
                        && (k == 0 || (tokens[k - 1] != "::" && tokens[k - 1] != "mod"))
                });
                if named {
                    targets.insert(file.clone());
                }
            }
        }
        targets.remove(&src.rel);
        edges.insert(src.rel.as_str(), targets);
    }
    // Depth-first search for a back edge; the cycle is reported as a chain of files.
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeMap<&'a str, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
        found: &mut Vec<String>,
    ) {
        state.insert(node, 1);
        stack.push(node);
        for next in edges.get(node).into_iter().flatten() {
            let next = edges.get_key_value(next.as_str()).map(|(k, _)| *k).unwrap();
            match state.get(next) {
                Some(1) => {
                    let start = stack.iter().position(|n| *n == next).unwrap();
                    let mut cycle: Vec<&str> = stack[start..].to_vec();
                    cycle.push(next);
                    found.push(format!(
                        "src/{next}: an import cycle between files: {}",
                        cycle.join(" → ")
                    ));
                }
                Some(_) => {}
                None => visit(next, edges, state, stack, found),
            }
        }
        stack.pop();
        state.insert(node, 2);
    }
    let mut state = BTreeMap::new();
    let mut found = Vec::new();
    let nodes: Vec<&str> = edges.keys().copied().collect();
    for node in nodes {
        if !state.contains_key(node) {
            visit(node, &edges, &mut state, &mut Vec::new(), &mut found);
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_tidy_reader_sees_through_groups_comments_and_strings() {
    let src = Source {
        rel: "cases/show.rs".into(),
        module: vec!["cases".into(), "show".into()],
        text: String::new(),
    };
    let code = code_only(
        "use crate::{kit::Page, surveys::{form::Q, X}};\n// crate::journeys::edit\nlet s = \"crate::kb::help\"; super::list::timer();",
    );
    let paths: Vec<String> = paths_named(&src, &code)
        .iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(
        paths,
        [
            "kit::Page",
            "surveys::form::Q",
            "surveys::X",
            "cases::list::timer"
        ]
    );
}

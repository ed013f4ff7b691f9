//! The engine's floor plan, checked (ARCHITECTURE.md, "The layering rule").
//!
//! Reads every source file of the engine and fails on any `crate::` or `super::` path that
//! points to a higher stage, to a stage of the same rank, to a later file of the same folder, or
//! up to the file's own folder root (test modules are exempt). The stages and their ranks are
//! the one table below, [`STAGES`]; the order of the files within a folder is the list of files
//! its root file opens with (`//! - [`name`]: …`, one line per file). ARCHITECTURE.md repeats
//! the table, and a test checks that it does.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The stages in the order data flows through them: (rank, stage). A stage imports only stages
/// of a lower rank, never one of the same rank. Rank 0 stands apart: it imports nothing and
/// nothing imports it.
const STAGES: &[(u8, &str)] = &[
    (1, "text"),
    (2, "policy"),
    (2, "request"),
    (3, "trace"),
    (3, "scenario"),
    (4, "evaluate"),
    (5, "decide"),
    (6, "simulate"),
    (7, "analysis"),
    (7, "lint"),
    (0, "password"),
];

/// The rank as ARCHITECTURE.md writes it.
fn rank_mark(rank: u8) -> &'static str {
    ["—", "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"][usize::from(rank)]
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, with its module path (`decide/steps/root_user.rs` →
/// `["decide", "steps", "root_user"]`; `lib.rs` → `[]`).
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(src()).unwrap().with_extension("");
            let mut path: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if path == ["lib"] {
                path.clear();
            }
            assert!(
                path.last().is_none_or(|l| l != "mod"),
                "{}: use the `name.rs` + `name/` form, not `mod.rs`",
                p.display()
            );
            (path, p)
        })
        .collect()
}

/// The files a folder's root file lists, in order: its `//! - [`name`]: …` lines (or
/// `//! - `name`: …` for a private module, which the public docs cannot link to).
fn listing(root_file: &Path) -> Vec<String> {
    fs::read_to_string(root_file)
        .unwrap()
        .lines()
        .take_while(|l| l.starts_with("//!") || l.is_empty())
        .filter_map(|l| {
            l.strip_prefix("//! - [`")
                .and_then(|l| l.split_once("`]"))
                .or_else(|| l.strip_prefix("//! - `").and_then(|l| l.split_once("`:")))
                .map(|(name, _)| name.to_string())
        })
        .collect()
}

/// For every folder (module path → its files in listed order). Fails when a root file does not
/// list exactly the files of its folder.
fn folders(mods: &BTreeMap<Vec<String>, PathBuf>) -> BTreeMap<Vec<String>, Vec<String>> {
    let mut out = BTreeMap::new();
    for (path, file) in mods {
        if path.is_empty() {
            continue;
        }
        let mut children: Vec<String> = mods
            .keys()
            .filter(|p| p.len() == path.len() + 1 && p.starts_with(path))
            .map(|p| p.last().unwrap().clone())
            .collect();
        if children.is_empty() {
            continue;
        }
        let listed = listing(file);
        let mut sorted = listed.clone();
        sorted.sort();
        children.sort();
        assert_eq!(
            sorted,
            children,
            "{} must open with one `//! - [`name`]: …` line per file of its folder, in the order \
             files may import each other",
            file.display()
        );
        out.insert(path.clone(), listed);
    }
    out
}

/// The text of a source file that counts: test modules, comments and `pub(in …)` left out.
fn code(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(at) = text.find("#[cfg(test)]\nmod tests {") {
        text.truncate(at);
    }
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replace("(in crate::", "(in ")
}

/// Expand a use tree (`a::{b, c::{d, e}}`) into paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap().trim().to_string()];
    };
    let prefix = tree[..open].trim_end_matches("::").trim();
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| match p.as_str() {
            "self" => prefix.to_string(),
            _ if prefix.is_empty() => p,
            _ => format!("{prefix}::{p}"),
        })
        .collect()
}

/// Every `crate::` and `super::` path of `code`, with its line number.
fn paths(code: &str) -> Vec<(usize, String)> {
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut out = Vec::new();
    // `use` items, whose trees may group paths.
    let mut rest = 0;
    while let Some(i) = code[rest..].find("use ") {
        let at = rest + i;
        rest = at + 4;
        let before = code[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = code[at..].find(';') else {
            break;
        };
        let tree = &code[at + 4..at + end];
        if tree.trim_start().starts_with("crate::") || tree.trim_start().starts_with("super::") {
            out.extend(expand(tree).into_iter().map(|p| (line_of(at), p)));
        }
        rest = at + end;
    }
    // Paths written in place (`crate::policy::values::date(…)`).
    for (i, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let line = code[..i].rfind('\n').map_or(0, |n| n + 1);
        if code[line..i].trim_end().ends_with("use") {
            continue; // counted with its `use` item
        }
        let path: String = code[i..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        out.push((line_of(i), path.trim_end_matches(':').to_string()));
    }
    out
}

/// The module a path names: the longest prefix that is a module (a path from `importer`'s
/// module for `super::`).
fn target(path: &str, importer: &[String], mods: &BTreeMap<Vec<String>, PathBuf>) -> Vec<String> {
    let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    let mut base: Vec<String> = Vec::new();
    if parts.first() == Some(&"crate") {
        parts.remove(0);
    } else {
        base = importer.to_vec();
        while parts.first() == Some(&"super") {
            parts.remove(0);
            base.pop();
        }
    }
    let full: Vec<String> = base
        .into_iter()
        .chain(parts.iter().map(|s| s.to_string()))
        .collect();
    (0..=full.len())
        .rev()
        .map(|k| full[..k].to_vec())
        .find(|p| mods.contains_key(p))
        .unwrap_or_default()
}

/// Why `importer` may not import `target`, if it may not.
fn violation(
    importer: &[String],
    target: &[String],
    folders: &BTreeMap<Vec<String>, Vec<String>>,
) -> Option<String> {
    if importer.is_empty() || target == importer || target.starts_with(importer) {
        return None; // lib.rs, the file itself, or a root file importing its own folder
    }
    if importer.starts_with(target) {
        return Some(if target.is_empty() {
            "goes through lib.rs, whose re-exports are for other crates: name the stage's own path"
                .into()
        } else {
            format!(
                "imports its folder's root `{}`, which sits above every file of its folder",
                target.join("::")
            )
        });
    }
    let rank = |stage: &str| STAGES.iter().find(|(_, s)| *s == stage).map(|(r, _)| *r);
    let (from, to) = (&importer[0], &target[0]);
    if from != to {
        let (Some(rf), Some(rt)) = (rank(from), rank(to)) else {
            return Some(format!("`{from}` or `{to}` is missing from STAGES"));
        };
        return match (rf, rt) {
            (0, _) | (_, 0) => Some(format!(
                "`{from}` {} and `{to}` {}: a stage apart imports nothing and nothing imports it",
                rank_mark(rf),
                rank_mark(rt)
            )),
            _ if rt < rf => None,
            _ => Some(format!(
                "`{from}` {} may not import `{to}` {}: a stage imports only stages of a lower rank",
                rank_mark(rf),
                rank_mark(rt)
            )),
        };
    }
    let k = importer
        .iter()
        .zip(target)
        .take_while(|(a, b)| a == b)
        .count();
    let folder = &importer[..k];
    let order = folders.get(folder)?;
    let pos = |name: &String| order.iter().position(|f| f == name);
    let (pi, pt) = (pos(&importer[k]), pos(&target[k]));
    (pt >= pi).then(|| {
        format!(
            "`{}` may not import `{}`: in `{}/`, a file imports only the files listed before it \
             ({})",
            importer[k],
            target[k],
            folder.join("/"),
            order.join(", ")
        )
    })
}

#[test]
fn no_path_points_upward() {
    let mods = modules();
    let folders = folders(&mods);
    let mut problems = Vec::new();
    for (module, file) in &mods {
        let text = code(&fs::read_to_string(file).unwrap());
        for (line, path) in paths(&text) {
            let to = target(&path, module, &mods);
            if let Some(why) = violation(module, &to, &folders) {
                let rel = file.strip_prefix(src()).unwrap().display();
                problems.push(format!("src/{rel}:{line}: `{path}` {why}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} import(s) break the layering rule (ARCHITECTURE.md):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_top_level_module_is_a_stage() {
    let mods = modules();
    let mut top: Vec<&String> = mods
        .keys()
        .filter(|p| p.len() == 1)
        .map(|p| &p[0])
        .collect();
    top.sort();
    let mut stages: Vec<&str> = STAGES.iter().map(|(_, s)| *s).collect();
    stages.sort_unstable();
    assert_eq!(
        top, stages,
        "the files directly in src/ must be exactly the stages of STAGES"
    );
}

#[test]
fn lib_states_the_stages_in_data_flow_order() {
    let lib = fs::read_to_string(src().join("lib.rs")).unwrap();
    let head: Vec<&str> = lib.lines().take_while(|l| l.starts_with("//!")).collect();
    let named: Vec<String> = head
        .iter()
        .filter_map(|l| l.strip_prefix("//! "))
        .filter(|l| rank_marks().any(|m| l.starts_with(m)))
        .flat_map(|l| {
            l.split("[`")
                .skip(1)
                .filter_map(|s| s.split_once("`]").map(|(n, _)| n.to_string()))
        })
        .collect();
    let stages: Vec<String> = STAGES.iter().map(|(_, s)| s.to_string()).collect();
    assert_eq!(
        named, stages,
        "lib.rs must open with the stages in data-flow order, one line per rank (`//! ① [`text`] …`)"
    );
}

fn rank_marks() -> impl Iterator<Item = &'static str> {
    (0..=9).map(rank_mark)
}

/// The table as ARCHITECTURE.md writes it: one row per stage with the files of its folder in
/// order, followed by a row for each folder deeper down (`decide/steps`).
fn table_rows() -> Vec<String> {
    fn rows(
        rank: u8,
        path: &[String],
        folders: &BTreeMap<Vec<String>, Vec<String>>,
        out: &mut Vec<String>,
    ) {
        let files = folders.get(path);
        let list = files.map_or_else(|| "(one file)".into(), |f| f.join(", "));
        out.push(format!(
            "| {} | `{}` | {list} |",
            rank_mark(rank),
            path.join("/")
        ));
        for file in files.into_iter().flatten() {
            let sub: Vec<String> = path.iter().chain([file]).cloned().collect();
            if folders.contains_key(&sub) {
                rows(rank, &sub, folders, out);
            }
        }
    }
    let folders = folders(&modules());
    let mut out = Vec::new();
    for (rank, stage) in STAGES {
        rows(*rank, &[stage.to_string()], &folders, &mut out);
    }
    out
}

#[test]
fn architecture_md_repeats_the_table() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ARCHITECTURE.md"))
            .unwrap();
    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with("| ")).collect();
    let expected = table_rows();
    let found: Vec<&str> = rows
        .iter()
        .copied()
        .filter(|r| expected.iter().any(|e| e == r))
        .collect();
    assert_eq!(
        found,
        expected,
        "ARCHITECTURE.md must repeat the stage table of tests/layers.rs, in order:\n{}",
        expected.join("\n")
    );
}

#[test]
fn the_checker_catches_what_it_should() {
    // The rule itself, on made-up modules: a stage may not import a higher one, a file may not
    // import a later file of its folder or its folder's root, and lib.rs re-exports are off
    // limits; the reverse directions are fine.
    let m = |s: &str| -> Vec<String> { s.split('/').map(str::to_string).collect() };
    let folders: BTreeMap<Vec<String>, Vec<String>> = [
        (m("decide"), vec!["set".to_string(), "layers".to_string()]),
        (m("text"), vec!["span".to_string(), "json".to_string()]),
    ]
    .into_iter()
    .collect();
    assert!(violation(&m("decide/set"), &m("simulate/single"), &folders).is_some());
    assert!(violation(&m("simulate/single"), &m("decide/set"), &folders).is_none());
    assert!(violation(&m("policy/ast"), &m("request/caller"), &folders).is_some());
    assert!(violation(&m("decide/set"), &m("decide/layers"), &folders).is_some());
    assert!(violation(&m("decide/layers"), &m("decide/set"), &folders).is_none());
    assert!(violation(&m("decide/layers"), &m("decide"), &folders).is_some());
    assert!(violation(&m("decide"), &m("decide/layers"), &folders).is_none());
    assert!(violation(&m("decide/layers"), &[], &folders).is_some());
    assert!(violation(&m("password"), &m("text/span"), &folders).is_some());
    assert_eq!(
        expand("crate::{a::{B, c::D}, e as f, g::{self, H}}"),
        [
            "crate::a::B",
            "crate::a::c::D",
            "crate::e",
            "crate::g",
            "crate::g::H"
        ]
    );
}

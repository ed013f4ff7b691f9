//! The app's floor plan, checked (see ARCHITECTURE.md, "The app"): every `crate::` (and
//! `super::`) path in `src/` must point down, never up.
//!
//! - Between the top-level folders, a folder imports only folders of a lower level:
//!   ① model ② platform ③ store ④ ui ⑤ features ⑥ shell (the table below, also listed in
//!   `src/lib.rs`).
//! - Inside a folder, a file imports only the files its root file (`name.rs` beside `name/`)
//!   lists before it, in the root file's opening `//! - \`file\`: …` lines; the root file
//!   sits above them all, so it may import its files but they never import it.
//! - Among the features, the only one the others may import is `result` (its trace views
//!   serve world, sweep and compare).
//!
//! Test modules (`#[cfg(test)] mod tests`) and comments are not imports.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The levels of the top-level folders, lowest first (the same table as ARCHITECTURE.md).
const LEVELS: [&str; 6] = ["model", "platform", "store", "ui", "features", "shell"];

/// The only feature other features may import.
const SHARED_FEATURE: &str = "result";

/// A module path: `["features", "world", "chain"]` for `src/features/world/chain.rs`.
type Module = Vec<String>;

/// The source files of a crate's `src/`, by module path (`lib.rs` is the empty path;
/// `main.rs` is left out: it only mounts).
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<Module, PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            if path.is_dir() {
                let mut p = prefix.to_vec();
                p.push(name);
                walk(&path, &p, out);
            } else if let Some(stem) = name.strip_suffix(".rs") {
                let mut p = prefix.to_vec();
                match stem {
                    "lib" if prefix.is_empty() => {}
                    "main" if prefix.is_empty() => continue,
                    _ => p.push(stem.to_string()),
                }
                out.insert(p, path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, &[], &mut out);
    out
}

/// The code of a file without its test module and comments.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => text.get(..at).unwrap_or(text),
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) => l.get(..at).unwrap_or(l),
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_len(s: &str) -> usize {
    s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len())
}

/// Expand a use tree (`a::b::{c, d::e}`, `a::*`, `a::b as c`) that follows a path prefix into
/// full paths; returns the paths and how many bytes were read.
fn use_tree(s: &str, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix.to_vec();
    let mut i = 0;
    loop {
        let rest = s.get(i..).unwrap_or_default();
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if trimmed.starts_with('{') {
            i += 1;
            loop {
                i += use_tree(s.get(i..).unwrap_or_default(), &path, out);
                let rest = s.get(i..).unwrap_or_default();
                let trimmed = rest.trim_start();
                i += rest.len() - trimmed.len();
                if trimmed.starts_with(',') {
                    i += 1;
                    continue;
                }
                if trimmed.starts_with('}') {
                    i += 1;
                }
                return i;
            }
        }
        let n = ident_len(trimmed);
        if n == 0 {
            out.push(path);
            return i;
        }
        let name = trimmed.get(..n).unwrap_or_default();
        i += n;
        if name != "self" {
            path.push(name.to_string());
        }
        if s.get(i..).unwrap_or_default().starts_with("::") {
            i += 2;
        } else {
            out.push(path);
            return i;
        }
    }
}

/// Every path of the crate a file's code names, made absolute (`super::` resolved against the
/// file's module `me`).
fn crate_paths(code: &str, me: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rest) = code.get(i..) {
        let Some(at) = rest.find(['c', 's']) else {
            break;
        };
        i += at;
        let rest = code.get(i..).unwrap_or_default();
        let before_ok = i == 0
            || code
                .get(..i)
                .and_then(|b| b.chars().last())
                .is_some_and(|c| !(c.is_alphanumeric() || c == '_' || c == ':'));
        if before_ok && rest.starts_with("crate::") {
            i += "crate::".len();
            i += use_tree(code.get(i..).unwrap_or_default(), &[], &mut out);
        } else if before_ok && rest.starts_with("super::") {
            let mut base: Vec<String> = me.to_vec();
            let mut j = 0;
            while code.get(i + j..).unwrap_or_default().starts_with("super::") {
                base.pop();
                j += "super::".len();
            }
            i += j;
            i += use_tree(code.get(i..).unwrap_or_default(), &base, &mut out);
        } else {
            i += 1;
        }
    }
    out
}

/// The module a path lands in: its longest prefix that is a file.
fn target<'a>(path: &[String], modules: &'a BTreeMap<Module, PathBuf>) -> Option<&'a Module> {
    (0..=path.len())
        .rev()
        .find_map(|k| modules.get_key_value(path.get(..k)?).map(|(m, _)| m))
}

/// The files a root file lists in its opening `//! - \`name\`: …` lines, in order.
fn listed(root_text: &str) -> Vec<String> {
    root_text
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .filter_map(|l| l.strip_prefix("//! - `"))
        .filter_map(|l| l.split_once("`:"))
        .map(|(name, _)| name)
        .filter(|name| !name.is_empty() && ident_len(name) == name.len())
        .map(str::to_string)
        .collect()
}

/// Why `from` may not import `to`, if it may not. `order(parent)` is the listed order of the
/// files of folder `parent` (the top level's is [`LEVELS`]).
fn violation(
    from: &[String],
    to: &[String],
    order: &dyn Fn(&[String]) -> Vec<String>,
) -> Option<String> {
    if to == from || to.starts_with(from) {
        return None; // itself, or a file of its own folder below it
    }
    if from.starts_with(to) {
        return Some("it is the root file of this file's folder, which sits above it".into());
    }
    let k = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let parent = from.get(..k).unwrap_or_default();
    let (mine, theirs) = (from.get(k)?, to.get(k)?);
    let list = order(parent);
    let place = |name: &str| list.iter().position(|x| x == name);
    let folder = if parent.is_empty() {
        "the level table (src/lib.rs)".to_string()
    } else {
        format!("src/{}.rs", parent.join("/"))
    };
    match (place(mine), place(theirs)) {
        (None, _) => Some(format!("{folder} does not list `{mine}`")),
        (_, None) => Some(format!("{folder} does not list `{theirs}`")),
        _ if parent == ["features"] && theirs != SHARED_FEATURE => Some(format!(
            "features import only the levels below and `features::{SHARED_FEATURE}`; move the \
             shared part of `{theirs}` down a level"
        )),
        (Some(a), Some(b)) if b >= a => Some(format!(
            "`{theirs}` is not listed before `{mine}` in {folder}: an import points up or sideways"
        )),
        _ => None,
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The listed order of every folder of `src/` (by its root file), the top level from LEVELS.
fn orders(modules: &BTreeMap<Module, PathBuf>) -> BTreeMap<Module, Vec<String>> {
    let mut out = BTreeMap::new();
    out.insert(Vec::new(), LEVELS.iter().map(|s| s.to_string()).collect());
    for (m, path) in modules {
        if !m.is_empty() && path.with_extension("").is_dir() {
            let text = fs::read_to_string(path).unwrap_or_default();
            out.insert(m.clone(), listed(&text));
        }
    }
    out
}

#[test]
fn every_crate_path_points_down() {
    let modules = modules(&src());
    assert!(modules.len() > 20, "src/ not found: {:?}", src());
    let orders = orders(&modules);
    let order = |parent: &[String]| orders.get(parent).cloned().unwrap_or_default();
    let mut problems = BTreeSet::new();
    for (me, path) in &modules {
        let text = fs::read_to_string(path).unwrap_or_default();
        for p in crate_paths(&code(&text), me) {
            let Some(to) = target(&p, &modules) else {
                continue; // a path of a macro or an item of lib.rs
            };
            if let Some(why) = violation(me, to, &order) {
                problems.insert(format!(
                    "{}: `crate::{}` points to src/{}.rs: {why}",
                    path.strip_prefix(src()).unwrap_or(path).display(),
                    p.join("::"),
                    to.join("/")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "imports against the floor plan (ARCHITECTURE.md):\n{}",
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_root_file_lists_its_files_and_lib_lists_the_levels() {
    let modules = modules(&src());
    let orders = orders(&modules);
    let mut problems = Vec::new();
    for (m, list) in &orders {
        if m.is_empty() {
            continue;
        }
        let files: BTreeSet<String> = modules
            .keys()
            .filter(|k| k.len() == m.len() + 1 && k.starts_with(m))
            .filter_map(|k| k.last().cloned())
            .collect();
        let named: BTreeSet<String> = list.iter().cloned().collect();
        if files != named || list.len() != named.len() {
            problems.push(format!(
                "src/{}.rs lists {list:?}, its folder holds {files:?}",
                m.join("/")
            ));
        }
    }
    let lib = fs::read_to_string(src().join("lib.rs")).unwrap_or_default();
    if listed(&lib) != LEVELS {
        problems.push(format!(
            "src/lib.rs lists {:?}, the table is {LEVELS:?}",
            listed(&lib)
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn at_most_ten_files_sit_directly_in_src() {
    let flat = fs::read_dir(src())
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
                .count()
        })
        .unwrap_or_default();
    assert!(flat <= 10, "{flat} files directly in src/");
}

// The checker itself, on small examples.

fn m(path: &str) -> Module {
    path.split("::").map(str::to_string).collect()
}

fn example_order(parent: &[String]) -> Vec<String> {
    let names: &[&str] = match parent.join("::").as_str() {
        "" => &LEVELS,
        "features" => &["result", "world", "sweep"],
        "features::world" => &["evaluate", "summary", "chain"],
        _ => &[],
    };
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn use_trees_expand_to_full_paths() {
    let text = "use crate::model::{state::{AppState, Layer}, share};\nuse super::evaluate::Good;\nlet x = crate::store::Store::new();";
    let paths = crate_paths(text, &m("features::world::chain"));
    let shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        shown,
        [
            "model::state::AppState",
            "model::state::Layer",
            "model::share",
            "features::world::evaluate::Good",
            "store::Store::new",
        ]
    );
    assert!(crate_paths(&code("let my_crate::x = 1; // crate::shell"), &[]).is_empty());
}

#[test]
fn upward_and_sideways_imports_are_caught() {
    let ok = |from: &str, to: &str| violation(&m(from), &m(to), &example_order).is_none();
    assert!(ok("store", "model::state"));
    assert!(ok("features::world::chain", "features::world::summary"));
    assert!(ok("features::sweep", "features::result::trace_view"));
    assert!(ok("features::world", "features::world::chain"));
    assert!(!ok("model::state", "store"));
    assert!(!ok("ui::words", "features::result"));
    assert!(!ok("features::world::summary", "features::world::chain"));
    assert!(!ok("features::world::chain", "features::world"));
    assert!(!ok("features::sweep", "features::world::examples"));
    assert!(!ok("features::result", "features::world"));
    assert!(!ok("gadgets::x", "model"));
}

#[test]
fn test_modules_and_comments_are_not_imports() {
    let text = "//! see [`crate::shell`]\nuse crate::model::state;\n#[cfg(test)]\nmod tests {\n    use crate::shell::App;\n}\n";
    let paths = crate_paths(&code(text), &m("store"));
    assert_eq!(paths, vec![m("model::state")]);
}

//! `iam-sim test FILE|DIR...`: run scenarios that carry `Expected` decisions — scenario files
//! and the `<pre class="iam-playground">` / `<iam-playground>` examples of HTML and Markdown
//! pages — and report each
//! expectation, so that a documentation site's examples cannot silently go wrong.
//!
//! Files of this folder, in the order they may import each other:
//! - `case.rs`: what is reported for each expectation or example.
//! - `blocks.rs`: examples taken out of HTML and Markdown pages, with a map back into the page.
//! - `report.rs`: the cases as text, TAP or JUnit XML.

mod blocks;
mod case;
mod report;

use std::path::Path;

use iam_engine::simulate::check;
use iam_engine::span::{ByteRange, LineIndex, SourceMap};
use iam_engine::{Diagnostic, Options};

use crate::{evaluate, parse_time, render_diags, usage_error, Env, Output};
use blocks::Flavor;
use case::{Case, CaseKind};
use report::Format;

struct Args {
    paths: Vec<String>,
    format: Format,
    now: Option<i64>,
    allow_unchecked: bool,
}

fn parse_args(args: &[String], env: &Env) -> Result<Args, String> {
    let mut out = Args {
        paths: Vec::new(),
        format: Format::Text,
        now: env.now_epoch_seconds,
        allow_unchecked: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                let f = it.next().ok_or("--format needs text, tap or junit")?;
                out.format = Format::parse(f)
                    .ok_or_else(|| format!("--format: `{f}` is not text, tap or junit"))?;
            }
            "--allow-unchecked" => out.allow_unchecked = true,
            "--no-clock" => out.now = None,
            "--now" => {
                let t = it.next().ok_or("--now needs a time")?;
                out.now = Some(parse_time(t).ok_or_else(|| format!("--now: `{t}` is not a time"))?);
            }
            p if p == "-" || !p.starts_with('-') => out.paths.push(p.to_string()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    if out.paths.is_empty() {
        return Err("test needs files or folders (scenario .json, .html, .htm, .md)".into());
    }
    Ok(out)
}

/// A file to test: its name, text and syntax.
struct Source {
    name: String,
    text: String,
    /// `None`: the whole file is one scenario.
    flavor: Option<Flavor>,
}

/// What the paths hold: files to test, files of a walked folder left out (JSON that is not a
/// scenario), and errors (unreadable paths).
#[derive(Default)]
struct Found {
    sources: Vec<Source>,
    skipped: usize,
    errors: String,
}

fn flavor_of(path: &Path) -> Option<Option<Flavor>> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(None),
        "html" | "htm" => Some(Some(Flavor::Html)),
        "md" | "markdown" => Some(Some(Flavor::Markdown)),
        _ => None,
    }
}

fn collect(paths: &[String], env: &Env) -> Found {
    let mut found = Found::default();
    for p in paths {
        let path = Path::new(p);
        if p != "-" && path.is_dir() {
            walk(path, &mut found);
            continue;
        }
        // Standard input or a file named on the command line: tested whatever it holds (without
        // a known extension it is a scenario); not UTF-8 is reported at its line and column.
        match crate::read_text(p, env) {
            Ok(text) => found.sources.push(Source {
                name: if p == "-" {
                    "<stdin>".into()
                } else {
                    p.clone()
                },
                text,
                flavor: if p == "-" {
                    None
                } else {
                    flavor_of(path).flatten()
                },
            }),
            Err(out) => found.errors.push_str(&out.stderr),
        }
    }
    found
}

/// Every `.json`, `.html`, `.htm` and `.md` file under `dir`, in name order; hidden entries and
/// `node_modules` are left out, and so is JSON that is not a scenario.
fn walk(dir: &Path, found: &mut Found) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            found
                .errors
                .push_str(&format!("{}: cannot read: {e}\n", dir.display()));
            return;
        }
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.') || n == "node_modules");
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, found);
            continue;
        }
        let Some(flavor) = flavor_of(&path) else {
            continue;
        };
        let name = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) if flavor.is_none() && !looks_like_scenario(&text) => found.skipped += 1,
            Ok(text) => found.sources.push(Source { name, text, flavor }),
            Err(e) => found
                .errors
                .push_str(&format!("{name}: cannot read: {e}\n")),
        }
    }
}

/// A JSON object with a scenario field (so `package.json` and bare policies are not tested).
fn looks_like_scenario(text: &str) -> bool {
    let arena = iam_engine::json::Arena::for_text(text);
    match iam_engine::json::parse(text, &arena) {
        Ok(root) => match root.value {
            iam_engine::json::Value::Object(members) => members
                .iter()
                .any(|m| iam_engine::scenario::is_scenario_key(m.key)),
            _ => false,
        },
        Err(_) => false,
    }
}

/// One scenario: its text and where that text lies in its file.
struct Example<'a> {
    file: &'a str,
    text: &'a str,
    map: SourceMap,
    page: &'a LineIndex<'a>,
    /// Line of the example in its file (the `<pre` or `<iam-playground` tag, or 1).
    line: u32,
}

impl Example<'_> {
    /// Where a range of the scenario text lies in the file.
    fn locate(&self, r: ByteRange) -> iam_engine::Span {
        self.page.span(self.map.range(r))
    }

    /// Move every diagnostic's position into the file (scenario positions, and positions in
    /// policies located in the scenario text).
    fn relocate(&self, diags: &mut [Diagnostic]) {
        for d in diags {
            let at = d
                .file_span
                .or(if d.policy_id.is_none() { d.span } else { None });
            if let Some(s) = at {
                d.file_span = Some(self.locate(ByteRange::new(s.start, s.end)));
            }
        }
    }
}

/// Run one example: its cases, and diagnostics for stderr.
fn run_example(ex: &Example, opts: &Options, allow_unchecked: bool) -> (Vec<Case>, String) {
    let bad = |mut diags: Vec<Diagnostic>| {
        ex.relocate(&mut diags);
        let first = diags.iter().find(|d| d.is_error());
        let (line, column) = first
            .and_then(|d| d.file_span)
            .map_or((ex.line, 1), |s| (s.start_line, s.start_column));
        let case = Case {
            file: ex.file.to_string(),
            line,
            column,
            kind: CaseKind::Bad {
                message: first.map(|d| d.message.clone()).unwrap_or_default(),
            },
        };
        (vec![case], render_diags(ex.file, &diags))
    };
    let evaluated = match evaluate(ex.text, opts) {
        Ok(e) => e,
        Err(diags) => return bad(diags),
    };
    let mut warnings = evaluated.outcome.diagnostics;
    ex.relocate(&mut warnings);
    let stderr = render_diags(ex.file, &warnings);
    let results = evaluated.outcome.results.unwrap_or_default();
    if evaluated.expected.is_empty() {
        let decisions = results
            .iter()
            .map(|r| {
                format!(
                    "{} on {}: {}",
                    r.eval_action_name,
                    r.eval_resource_name,
                    r.eval_decision.as_str()
                )
            })
            .collect();
        let case = Case {
            file: ex.file.to_string(),
            line: ex.line,
            column: 1,
            kind: CaseKind::Unchecked {
                decisions,
                allowed: allow_unchecked,
            },
        };
        return (vec![case], stderr);
    }
    let cases = check(&evaluated.expected, &results)
        .into_iter()
        .map(|c| {
            let at = ex.locate(c.expected.range);
            Case {
                file: ex.file.to_string(),
                line: at.start_line,
                column: at.start_column,
                kind: CaseKind::Check(c),
            }
        })
        .collect();
    (cases, stderr)
}

/// `iam-sim test FILE|DIR... [--format text|tap|junit] [--allow-unchecked] [--now TIME | --no-clock]`.
pub(crate) fn run(args: &[String], env: &Env) -> Output {
    let args = match parse_args(args, env) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let found = collect(&args.paths, env);
    let opts = Options {
        trace: false,
        now_epoch_seconds: args.now,
    };
    let mut cases = Vec::new();
    let mut stderr = found.errors.clone();
    let mut examples = 0;
    for src in &found.sources {
        let page = LineIndex::new(&src.text);
        let mut run = |text: &str, map: SourceMap, line: u32| {
            examples += 1;
            let ex = Example {
                file: &src.name,
                text,
                map,
                page: &page,
                line,
            };
            let (c, e) = run_example(&ex, &opts, args.allow_unchecked);
            cases.extend(c);
            stderr.push_str(&e);
        };
        match src.flavor {
            None => run(&src.text, SourceMap::shifted(0), 1),
            Some(flavor) => {
                for b in blocks::extract(&src.text, flavor) {
                    let line = page.position(b.tag_start).0;
                    run(&b.text, b.map, line);
                }
            }
        }
    }
    let summary = report::Summary {
        files: found.sources.len(),
        examples,
        skipped_files: found.skipped,
    };
    let stdout = report::render(args.format, &cases, &summary);
    let unreadable =
        !found.errors.is_empty() || cases.iter().any(|c| matches!(c.kind, CaseKind::Bad { .. }));
    if examples == 0 && found.errors.is_empty() {
        stderr.push_str(&format!(
            "iam-sim test: no scenario found in {} (scenario .json files, or <pre class=\"iam-playground\"> blocks and <iam-playground> elements in .html, .htm and .md files)\n",
            args.paths.join(", ")
        ));
    }
    let code = if unreadable {
        2
    } else {
        u8::from(examples == 0 || cases.iter().any(|c| !c.pass()))
    };
    Output {
        stdout,
        stderr,
        code,
    }
}

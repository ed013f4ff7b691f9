//! `iam-sim test`'s cases written for people (one line each and a summary), for TAP consumers
//! (TAP version 14) and for CI systems that read JUnit XML.

use std::fmt::Write as _;

use iam_engine::simulate::Check;

use super::case::{Case, CaseKind};

/// How to write the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// One line per case and a summary.
    Text,
    /// Test Anything Protocol, version 14.
    Tap,
    /// JUnit XML (one test suite per file).
    Junit,
}

impl Format {
    /// `text`, `tap` or `junit`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "text" => Some(Self::Text),
            "tap" => Some(Self::Tap),
            "junit" => Some(Self::Junit),
            _ => None,
        }
    }
}

/// What was looked at, besides the cases.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Summary {
    /// Files read.
    pub files: usize,
    /// Scenarios found in them.
    pub examples: usize,
    /// `.json` files of named folders that are not scenarios.
    pub skipped_files: usize,
}

/// Write the report.
pub(crate) fn render(format: Format, cases: &[Case], summary: &Summary) -> String {
    match format {
        Format::Text => text(cases, summary),
        Format::Tap => tap(cases, summary),
        Format::Junit => junit(cases),
    }
}

/// The case's one-line description, without its status.
fn describe(c: &Case) -> String {
    match &c.kind {
        CaseKind::Check(check) => format!(
            "{}:{} {} {} {}→{}",
            c.file,
            c.line,
            check.expected.action,
            check.expected.resource,
            check.expected.decision,
            got(check)
        ),
        CaseKind::Unchecked { decisions, .. } => format!(
            "{}:{} example without \"Expected\" (its decisions now: {})",
            c.file,
            c.line,
            if decisions.is_empty() {
                "none".to_string()
            } else {
                decisions.join("; ")
            }
        ),
        CaseKind::Bad { message } => {
            format!(
                "{}:{}:{} example cannot be read: {message}",
                c.file, c.line, c.column
            )
        }
    }
}

/// The engine's decision, or that the scenario does not make the request.
fn got(check: &Check) -> &'static str {
    check.actual.map_or("not requested", |d| d.as_str())
}

fn status(c: &Case) -> &'static str {
    match &c.kind {
        CaseKind::Unchecked { allowed: true, .. } => "skip",
        CaseKind::Bad { .. } => "ERROR",
        _ if c.pass() => "ok",
        _ => "FAIL",
    }
}

struct Counts {
    passed: usize,
    failed: usize,
    unchecked: usize,
    bad: usize,
}

fn counts(cases: &[Case]) -> Counts {
    let checks = cases
        .iter()
        .filter(|c| matches!(c.kind, CaseKind::Check(_)));
    Counts {
        passed: checks.clone().filter(|c| c.pass()).count(),
        failed: checks.filter(|c| !c.pass()).count(),
        unchecked: cases
            .iter()
            .filter(|c| matches!(c.kind, CaseKind::Unchecked { .. }))
            .count(),
        bad: cases
            .iter()
            .filter(|c| matches!(c.kind, CaseKind::Bad { .. }))
            .count(),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn summary_line(cases: &[Case], s: &Summary) -> String {
    let n = counts(cases);
    let mut out = format!(
        "{} in {} from {}: {} passed, {} failed",
        plural(n.passed + n.failed, "expectation"),
        plural(s.examples, "example"),
        plural(s.files, "file"),
        n.passed,
        n.failed
    );
    if n.unchecked > 0 {
        let _ = write!(
            out,
            "; {} without \"Expected\"",
            plural(n.unchecked, "example")
        );
    }
    if n.bad > 0 {
        let _ = write!(out, "; {} could not be read", plural(n.bad, "example"));
    }
    if s.skipped_files > 0 {
        let _ = write!(
            out,
            "; {} skipped (not scenarios)",
            plural(s.skipped_files, ".json file")
        );
    }
    out
}

fn text(cases: &[Case], s: &Summary) -> String {
    let mut out = String::new();
    for c in cases {
        let _ = writeln!(out, "{:<5} {}", status(c), describe(c));
    }
    let _ = writeln!(out, "{}", summary_line(cases, s));
    out
}

/// A YAML flow scalar (a JSON string is one).
fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn tap(cases: &[Case], s: &Summary) -> String {
    let mut out = String::from("TAP version 14\n");
    let _ = writeln!(out, "1..{}", cases.len());
    for (i, c) in cases.iter().enumerate() {
        let n = i + 1;
        let title = describe(c).replace('#', "\\#");
        match &c.kind {
            CaseKind::Unchecked { allowed: true, .. } => {
                let _ = writeln!(out, "ok {n} - {title} # SKIP no \"Expected\"");
            }
            _ if c.pass() => {
                let _ = writeln!(out, "ok {n} - {title}");
            }
            kind => {
                let _ = writeln!(out, "not ok {n} - {title}");
                let _ = writeln!(out, "  ---");
                let _ = writeln!(
                    out,
                    "  at: {}",
                    yaml(&format!("{}:{}:{}", c.file, c.line, c.column))
                );
                match kind {
                    CaseKind::Check(check) => {
                        let _ = writeln!(out, "  expected: {}", check.expected.decision);
                        let _ = writeln!(out, "  got: {}", got(check));
                    }
                    CaseKind::Unchecked { .. } => {
                        let _ = writeln!(
                            out,
                            "  message: {}",
                            yaml("add \"Expected\": [{\"Action\", \"Resource\", \"Decision\"}] to check this example")
                        );
                    }
                    CaseKind::Bad { message } => {
                        let _ = writeln!(out, "  message: {}", yaml(message));
                    }
                }
                let _ = writeln!(out, "  ...");
            }
        }
    }
    let _ = writeln!(out, "# {}", summary_line(cases, s));
    out
}

/// Text for an XML attribute or element.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn junit(cases: &[Case]) -> String {
    let n = counts(cases);
    let skipped = cases
        .iter()
        .filter(|c| matches!(c.kind, CaseKind::Unchecked { allowed: true, .. }))
        .count();
    let failures = n.failed + n.unchecked - skipped;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"iam-sim test\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" skipped=\"{skipped}\">",
        cases.len(),
        n.bad
    );
    let mut files: Vec<&str> = Vec::new();
    for c in cases {
        if !files.contains(&c.file.as_str()) {
            files.push(&c.file);
        }
    }
    for file in files {
        let mine: Vec<&Case> = cases.iter().filter(|c| c.file == file).collect();
        let count = |f: &dyn Fn(&Case) -> bool| mine.iter().filter(|c| f(c)).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
            xml(file),
            mine.len(),
            count(&|c| !c.pass() && !matches!(c.kind, CaseKind::Bad { .. })),
            count(&|c| matches!(c.kind, CaseKind::Bad { .. })),
            count(&|c| matches!(c.kind, CaseKind::Unchecked { allowed: true, .. }))
        );
        for c in mine {
            let name = match &c.kind {
                CaseKind::Check(check) => format!(
                    "line {}: {} on {} is {}",
                    c.line, check.expected.action, check.expected.resource, check.expected.decision
                ),
                CaseKind::Unchecked { .. } => format!("line {}: example without Expected", c.line),
                CaseKind::Bad { .. } => format!("line {}: example", c.line),
            };
            let open = format!(
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                xml(file),
                xml(&name),
                xml(file),
                c.line
            );
            let body = match &c.kind {
                CaseKind::Check(check) if !check.pass() => Some(format!(
                    "<failure type=\"decision\" message=\"{}\">{}</failure>",
                    xml(&format!(
                        "expected {}, got {}",
                        check.expected.decision,
                        got(check)
                    )),
                    xml(&describe(c))
                )),
                CaseKind::Unchecked { allowed: true, .. } => {
                    Some("<skipped message=\"no Expected\"/>".to_string())
                }
                CaseKind::Unchecked { .. } => Some(format!(
                    "<failure type=\"unchecked\" message=\"{}\">{}</failure>",
                    xml("the example has no \"Expected\": its decisions are not checked"),
                    xml(&describe(c))
                )),
                CaseKind::Bad { message } => Some(format!(
                    "<error type=\"bad-input\" message=\"{}\">{}</error>",
                    xml(&format!("{}:{}:{}: {message}", c.file, c.line, c.column)),
                    xml(&describe(c))
                )),
                CaseKind::Check(_) => None,
            };
            match body {
                Some(b) => {
                    let _ = writeln!(out, "{open}>{b}</testcase>");
                }
                None => {
                    let _ = writeln!(out, "{open}/>");
                }
            }
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    let _ = writeln!(out, "</testsuites>");
    out
}

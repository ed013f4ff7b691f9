//! The data-driven conformance corpus: every `tests/cases/*.json` file, each case citing the
//! documentation it derives from. Run one file with `CASES=string_ops cargo test --test corpus`.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use iam_engine::scenario::{parse_input, Input};
use iam_engine::{simulate, simulate_world, Options};
use serde_json::Value;

/// Runs one case; returns a failure description.
fn run_case(file: &str, case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().unwrap_or("?");
    let tag = format!("{file} :: {name}");
    if case["cite"].as_str().is_none_or(str::is_empty) {
        return Err(format!("{tag}: the case has no `cite`"));
    }
    let text = serde_json::to_string(&case["scenario"]).unwrap();
    let opts = Options {
        trace: true,
        now_epoch_seconds: None,
    };
    let run = |opts: &Options| {
        parse_input(&text).map(|(input, _)| match input {
            Input::Policies(s) => simulate(&s, opts),
            Input::World(w) => simulate_world(&w, opts),
        })
    };
    let outcome = run(&opts);
    // The decision-only path (no trace) must agree with the explained one.
    if let (Ok(with), Ok(without)) = (
        &outcome,
        run(&Options {
            trace: false,
            ..opts
        }),
    ) {
        let summary = |o: &iam_engine::Outcome| -> Vec<String> {
            o.results
                .iter()
                .flatten()
                .map(|r| {
                    let matched: Vec<String> = r
                        .matched_statements
                        .iter()
                        .map(|m| {
                            format!(
                                "{}#{}@{}:{}",
                                m.source_policy_id,
                                m.statement_index,
                                m.start_position.line,
                                m.start_position.column
                            )
                        })
                        .collect();
                    format!(
                        "{} {:?} {:?}",
                        r.eval_decision.as_str(),
                        r.missing_context_values,
                        matched
                    )
                })
                .collect()
        };
        if summary(with) != summary(&without) {
            return Err(format!(
                "{tag}: trace on/off disagree: {:?} vs {:?}",
                summary(with),
                summary(&without)
            ));
        }
    }
    let expect = &case["expect"];
    if expect == "error" {
        let diags = match &outcome {
            Err(d) => d.clone(),
            Ok(o) if o.has_errors() => o.diagnostics.clone(),
            Ok(o) => {
                let got: Vec<_> = o
                    .results
                    .iter()
                    .flatten()
                    .map(|r| r.eval_decision.as_str())
                    .collect();
                return Err(format!("{tag}: expected an error, got {got:?}"));
            }
        };
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        if let Some(want) = case["error_contains"].as_str() {
            if !errors.iter().any(|d| d.message.contains(want)) {
                let msgs: Vec<_> = errors.iter().map(|d| d.message.as_str()).collect();
                return Err(format!(
                    "{tag}: no error message contains {want:?}: {msgs:?}"
                ));
            }
        }
        if let Some(at) = case["error_at"].as_str() {
            let found: Vec<String> = errors
                .iter()
                .filter_map(|d| {
                    d.span
                        .map(|s| format!("{}:{}", s.start_line, s.start_column))
                })
                .collect();
            if !found.iter().any(|f| f == at) {
                return Err(format!("{tag}: no error at {at}; errors at {found:?}"));
            }
        }
        return Ok(());
    }
    let outcome = outcome.map_err(|d| {
        format!(
            "{tag}: scenario rejected: {:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    })?;
    let Some(results) = outcome.results else {
        let msgs: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}: {}", d.policy_id.as_deref().unwrap_or("-"), d.message))
            .collect();
        return Err(format!("{tag}: evaluation stopped by errors: {msgs:?}"));
    };
    let expects: Vec<Value> = match expect {
        Value::Array(a) => a.clone(),
        Value::String(s) => vec![serde_json::json!({ "decision": s })],
        other => vec![other.clone()],
    };
    if expects.len() != results.len() {
        return Err(format!(
            "{tag}: {} expectations for {} results",
            expects.len(),
            results.len()
        ));
    }
    for (i, (want, got)) in expects.iter().zip(&results).enumerate() {
        let decision = got.eval_decision.as_str();
        let explain = || {
            got.trace
                .as_ref()
                .map(|t| {
                    t.steps
                        .iter()
                        .map(|s| format!("[{}] {}", s.rule, s.text))
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .unwrap_or_default()
        };
        if want["decision"].as_str() != Some(decision) {
            return Err(format!(
                "{tag} [{i}] {} on {}: expected {}, got {decision}\n      trace: {}",
                got.eval_action_name,
                got.eval_resource_name,
                want["decision"],
                explain()
            ));
        }
        if let Some(missing) = want["missing"].as_array() {
            let lower = |v: &str| v.to_ascii_lowercase();
            let mut want_m: Vec<String> = missing
                .iter()
                .filter_map(|v| v.as_str())
                .map(lower)
                .collect();
            let mut got_m: Vec<String> = got
                .missing_context_values
                .iter()
                .map(|s| lower(s))
                .collect();
            want_m.sort();
            got_m.sort();
            if want_m != got_m {
                return Err(format!(
                    "{tag} [{i}]: MissingContextValues {got_m:?}, expected {want_m:?}"
                ));
            }
        }
        if let Some(chain) = want["chain"].as_array() {
            let got_chain: Vec<&str> = got
                .chain
                .iter()
                .flatten()
                .map(|h| h.eval_decision.as_str())
                .collect();
            let want_chain: Vec<&str> = chain.iter().filter_map(|v| v.as_str()).collect();
            if got_chain != want_chain {
                let reasons: Vec<&str> = got
                    .chain
                    .iter()
                    .flatten()
                    .map(|h| h.reason.as_str())
                    .collect();
                return Err(format!(
                    "{tag} [{i}]: chain {got_chain:?}, expected {want_chain:?} ({reasons:?})"
                ));
            }
        }
        if let Some(rule) = want["rule"].as_str() {
            let got_rule = got.trace.as_ref().map(|t| t.deciding_rule.as_str());
            if got_rule != Some(rule) {
                return Err(format!(
                    "{tag} [{i}]: decided by rule {got_rule:?}, expected {rule:?}\n      trace: {}",
                    explain()
                ));
            }
        }
        // `says`: words the trace must contain (in a step, a layer's summary or an element's
        // reason), e.g. the exemption or the reading that decided.
        for want_text in want["says"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let words = trace_words(got);
            if !words.contains(want_text) {
                return Err(format!(
                    "{tag} [{i}]: the trace does not say {want_text:?}\n      trace: {}",
                    explain()
                ));
            }
        }
        // `context`: keys the request context must hold (with these values), or `null` for
        // keys it must not hold.
        if let Some(keys) = want["context"].as_object() {
            let ctx = got.trace.as_ref().map(|t| &t.context);
            for (key, values) in keys {
                let have = ctx
                    .into_iter()
                    .flatten()
                    .find(|c| c.key.eq_ignore_ascii_case(key))
                    .map(|c| c.values.clone());
                let want_values: Option<Vec<String>> = values.as_array().map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                });
                if have != want_values {
                    return Err(format!(
                        "{tag} [{i}]: context key {key}: {have:?}, expected {want_values:?}"
                    ));
                }
            }
        }
        if let Some(matched) = want["matched"].as_array() {
            for m in matched.iter().filter_map(|v| v.as_str()) {
                let (id, sid) = m.split_once('#').map_or((m, None), |(a, b)| (a, Some(b)));
                let hit = got.matched_statements.iter().any(|s| {
                    s.source_policy_id == id && (sid.is_none() || s.sid.as_deref() == sid)
                });
                if !hit {
                    let have: Vec<_> = got
                        .matched_statements
                        .iter()
                        .map(|s| {
                            format!("{}#{}", s.source_policy_id, s.sid.as_deref().unwrap_or(""))
                        })
                        .collect();
                    return Err(format!(
                        "{tag} [{i}]: {m} not among MatchedStatements {have:?}"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Every sentence of a result's trace: its steps, its layers' summaries, and the reasons of
/// every element and condition of every statement.
fn trace_words(r: &iam_engine::EvaluationResult) -> String {
    let Some(t) = &r.trace else {
        return String::new();
    };
    let mut out: Vec<&str> = t.steps.iter().map(|s| s.text.as_str()).collect();
    for l in &t.layers {
        out.push(&l.summary);
        for p in &l.policies {
            out.extend(p.note.as_deref());
            for st in &p.statements {
                out.extend(st.principal.as_ref().map(|e| e.reason.as_str()));
                out.push(&st.action.reason);
                out.push(&st.resource.reason);
                out.extend(st.conditions.iter().map(|c| c.reason.as_str()));
            }
        }
    }
    for c in &t.context {
        out.extend(c.from.as_deref());
    }
    out.join(" | ")
}

#[test]
fn corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let filter = std::env::var("CASES").ok();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut total, mut failures) = (0, Vec::new());
    for path in files {
        let file = path.file_stem().unwrap().to_string_lossy().to_string();
        if filter.as_ref().is_some_and(|f| !file.contains(f.as_str())) {
            continue;
        }
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let cases = doc["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no `cases` array"));
        let mut names = std::collections::HashSet::new();
        for case in cases {
            total += 1;
            if !names.insert(case["name"].as_str().unwrap_or("").to_string()) {
                failures.push(format!("{file}: duplicate case name {}", case["name"]));
            }
            if let Err(e) = run_case(&file, case) {
                failures.push(e);
            }
        }
    }
    println!(
        "corpus: {total} cases, {} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(total > 0, "no corpus cases found");
    assert!(
        failures.is_empty(),
        "{} of {total} corpus cases failed",
        failures.len()
    );
}

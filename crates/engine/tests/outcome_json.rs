//! Outcomes read back from JSON: the playground's engine worker sends results with their
//! traces to the page as JSON, and the page reads them into the engine's own types. Every
//! valid scenario of the fuzz seed corpus (policy lists and Worlds), decided with the trace,
//! must come back from JSON unchanged.

// Test code: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use iam_engine::scenario::{parse_input, Input};
use iam_engine::{simulate, simulate_world, EvaluationResult, Options};

#[test]
fn traced_results_survive_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/simulate");
    let opts = Options {
        trace: true,
        now_epoch_seconds: Some(1_700_000_000),
    };
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let outcome = match parse_input(&text) {
            Ok((Input::Policies(s), _)) => simulate(&s, &opts),
            Ok((Input::World(w), _)) => simulate_world(&w, &opts),
            Err(_) => continue,
        };
        let Some(results) = outcome.results else {
            continue;
        };
        let json = serde_json::to_string(&results).unwrap();
        let back: Vec<EvaluationResult> =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // The statement spans of MatchedStatements are not serialized; everything else is.
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            json,
            "{}",
            path.display()
        );
        for (a, b) in back.iter().zip(&results) {
            assert_eq!(a.eval_decision, b.eval_decision);
            assert_eq!(
                a.trace.as_ref().map(|t| t.layers.len()),
                b.trace.as_ref().map(|t| t.layers.len())
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} scenarios decided");
}

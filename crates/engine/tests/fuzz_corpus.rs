//! Replays the fuzz corpora of the engine's targets (`fuzz/corpus/{simulate,world,policy,
//! roundtrip}/`: the curated seeds and every crash kept as a regression input) through the
//! same checks as the targets — the very file `fuzz/src/engine.rs`, included here — so CI checks
//! on stable Rust that none of them fails. `scripts/fuzz.sh` runs the targets themselves.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../../fuzz/src/engine.rs"]
mod checks;

use std::path::{Path, PathBuf};

use iam_engine::{parse_scenario, simulate, Options};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Every file of a target's corpus through its check; a failure names the file.
fn replay(target: &str, check: fn(&[u8]), at_least: usize) {
    let files = corpus(target);
    assert!(
        files.len() >= at_least,
        "expected the {target} corpus, found {} files",
        files.len()
    );
    for path in &files {
        let data = std::fs::read(path).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{} failed", path.display());
    }
}

#[test]
fn simulate_corpus_never_panics() {
    replay("simulate", checks::simulate_file, 20);
}

#[test]
fn world_corpus_decides_alike_with_and_without_the_trace() {
    replay("world", checks::world, 8);
}

#[test]
fn policy_corpus_never_panics_and_findings_point_into_the_text() {
    replay("policy", checks::policy, 20);
}

#[test]
fn roundtrip_corpus_reads_back_as_the_same_scenario() {
    replay("roundtrip", checks::roundtrip, 15);
}

/// The managed-policy seed resolves against the fuzz targets' small index and decides.
#[test]
fn the_managed_policy_seed_resolves() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/simulate");
    let text = std::fs::read_to_string(dir.join("seed-38-managed-policies.json")).unwrap();
    let (input, _) = iam_engine::scenario::parse_input_managed(&text, checks::managed()).unwrap();
    let iam_engine::scenario::Input::Policies(s) = input else {
        panic!("a policy-list seed")
    };
    let results = simulate(&s, &Options::default()).results.unwrap();
    assert_eq!(results[0].eval_decision, iam_engine::EvalDecision::Allowed);
}

/// The valid seeds must stay valid: they are what the fuzzer mutates from, and a seed the
/// engine started rejecting would quietly shrink what the fuzzer reaches.
#[test]
fn valid_seeds_simulate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/simulate");
    for name in [
        "seed-01-identity-allow.json",
        "seed-02-embedded-object.json",
        "seed-03-deny-not-ip.json",
        "seed-04-all-layers.json",
        "seed-05-cross-account.json",
        "seed-07-kms-root.json",
        "seed-08-set-operators.json",
        "seed-14-anonymous.json",
        "seed-37-aws-api.json",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let scenario = parse_scenario(&text).unwrap_or_else(|d| {
            panic!(
                "{name}: {:?}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
        let outcome = simulate(&scenario, &Options::default());
        assert!(
            outcome.results.is_some(),
            "{name}: {:?}",
            outcome
                .diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
    }
}

//! Replays the fuzz seed corpus (`fuzz/corpus/simulate/`) through the same calls as the
//! `simulate` fuzz target, so CI checks on stable Rust that none of those inputs panics.
//! The fuzz target itself runs with `cargo +nightly fuzz run simulate` from `fuzz/`.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use std::sync::LazyLock;

use iam_engine::policy::managed::ManagedPolicies;
use iam_engine::scenario::{parse_input_managed, Input};
use iam_engine::simulate::aws::aws_response;
use iam_engine::{
    locate_in_file, parse_scenario, scenario_to_json, simulate, simulate_world, validate,
    validate_policy, Options, PolicyKind,
};

/// A small index of AWS managed policies, so that policies named by ARN are resolved (the real
/// data file is too large to parse for every input).
static MANAGED: LazyLock<Option<ManagedPolicies>> = LazyLock::new(|| {
    ManagedPolicies::parse(
        "managed-policies\t1\nsource\taws-iam-managed-policies\t0.0.0\n\
P\tReadOnlyAccess\tarn:aws:iam::aws:policy/ReadOnlyAccess\tv1\t{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"ec2:Describe*\"],\"Resource\":\"*\"}]}\n\
P\tAWSLambdaBasicExecutionRole\tarn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\tv1\t{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":\"*\"}]}\n"
            .to_string(),
    )
    .ok()
});

const KINDS: [PolicyKind; 7] = [
    PolicyKind::Identity,
    PolicyKind::Resource,
    PolicyKind::Boundary,
    PolicyKind::ServiceControl,
    PolicyKind::ResourceControl,
    PolicyKind::Session,
    PolicyKind::VpcEndpoint,
];

/// What `fuzz/fuzz_targets/simulate.rs` does with one input.
fn exercise(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let opts = Options {
        trace: true,
        now_epoch_seconds: Some(1_700_000_000),
    };
    if let Ok((input, mut diags)) = parse_input_managed(&text, MANAGED.as_ref()) {
        let (outcome, origins) = match &input {
            Input::Policies(s) => {
                diags.extend(validate(s));
                let _ = scenario_to_json(s);
                let outcome = simulate(s, &opts);
                // AWS's response shape, paged as the scenario asks.
                if let Some(results) = &outcome.results {
                    if let Ok(r) = aws_response(results, None, s.aws.page()) {
                        let _ = serde_json::to_string(&r);
                    }
                }
                (outcome, s.origins.clone())
            }
            Input::World(w) => (simulate_world(w, &opts), w.origins.clone()),
        };
        diags.extend(outcome.diagnostics.iter().cloned());
        locate_in_file(&mut diags, &origins, &text);
        serde_json::to_string(&outcome).unwrap();
        serde_json::to_string(&diags).unwrap();
    }
    for kind in KINDS {
        let _ = validate_policy(&text, kind, "fuzz");
    }
}

#[test]
fn seed_corpus_never_panics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/simulate");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "expected the seed corpus in {}, found {} files",
        dir.display(),
        files.len()
    );
    for path in &files {
        let data = std::fs::read(path).unwrap();
        // A panic names the file that caused it.
        let result = std::panic::catch_unwind(|| exercise(&data));
        assert!(result.is_ok(), "{} panicked", path.display());
    }
}

/// The managed-policy seed resolves against the small index above and decides.
#[test]
fn the_managed_policy_seed_resolves() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/simulate");
    let text = std::fs::read_to_string(dir.join("seed-38-managed-policies.json")).unwrap();
    let (input, _) = parse_input_managed(&text, MANAGED.as_ref()).unwrap();
    let Input::Policies(s) = input else {
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

//! Fuzz target: the engine must never panic, whatever bytes it is given.
//!
//! The input (read as UTF-8, lossily) goes through what the CLI and the app do with a file:
//! `scenario::parse_input` (both the v1 policy-list form and the v2 `World` form), `validate`,
//! `simulate`/`simulate_world` with the full trace, serializing the outcome, placing every
//! diagnostic back in the file (`locate_in_file`) and `scenario_to_json`; and, treating the
//! same text as one policy, `validate_policy` for every policy type. The same calls replay the
//! seed corpus in `crates/engine/tests/fuzz_corpus.rs`.
#![no_main]

use std::sync::LazyLock;

use iam_engine::policy::managed::ManagedPolicies;
use iam_engine::scenario::{parse_input_managed, Input};
use iam_engine::simulate::aws::aws_response;
use iam_engine::{
    locate_in_file, scenario_to_json, simulate, simulate_world, validate, validate_policy, Options,
    PolicyKind,
};
use libfuzzer_sys::fuzz_target;

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

fuzz_target!(|data: &[u8]| {
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
        // The outcome and its trace must serialize: the CLI and the app print them as JSON.
        let _ = serde_json::to_string(&outcome);
        let _ = serde_json::to_string(&diags);
    }
    for kind in KINDS {
        let _ = validate_policy(&text, kind, "fuzz");
    }
});

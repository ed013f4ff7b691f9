//! The engine's fuzz checks: whatever the bytes, nothing panics; World decisions agree with
//! and without the trace; and a scenario written back as JSON reads as the same scenario.
// Fuzz checks: a failed property must panic, so libFuzzer keeps the input.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::sync::OnceLock;

use iam_engine::catalog::Catalog;
use iam_engine::lint::{lint_policy, lint_scenario, PolicyType};
use iam_engine::policy::managed::ManagedPolicies;
use iam_engine::scenario::{parse_input, parse_input_managed, Input};
use iam_engine::simulate::aws::aws_response;
use iam_engine::{
    locate_in_file, parse_scenario, scenario_to_json, simulate, simulate_world, validate,
    validate_policy, Options, PolicyKind, Scenario,
};

/// Every policy type of the engine.
pub const KINDS: [PolicyKind; 7] = [
    PolicyKind::Identity,
    PolicyKind::Resource,
    PolicyKind::Boundary,
    PolicyKind::ServiceControl,
    PolicyKind::ResourceControl,
    PolicyKind::Session,
    PolicyKind::VpcEndpoint,
];

/// Every policy type of the validator (a role trust policy is its own type there).
pub const TYPES: [PolicyType; 8] = [
    PolicyType::Identity,
    PolicyType::Resource,
    PolicyType::Trust,
    PolicyType::Boundary,
    PolicyType::ServiceControl,
    PolicyType::ResourceControl,
    PolicyType::Session,
    PolicyType::VpcEndpoint,
];

/// The AWS service catalog, parsed once.
fn catalog() -> Option<&'static Catalog> {
    static CATALOG: OnceLock<Option<Catalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            Catalog::parse(include_str!("../../crates/engine/data/iam-catalog.txt")).ok()
        })
        .as_ref()
}

/// A small index of AWS managed policies, so that policies named by ARN are resolved (the real
/// data file is too large to parse for every input).
pub fn managed() -> Option<&'static ManagedPolicies> {
    static MANAGED: OnceLock<Option<ManagedPolicies>> = OnceLock::new();
    MANAGED
        .get_or_init(|| {
            ManagedPolicies::parse(
                "managed-policies\t1\nsource\taws-iam-managed-policies\t0.0.0\n\
P\tReadOnlyAccess\tarn:aws:iam::aws:policy/ReadOnlyAccess\tv1\t{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"ec2:Describe*\"],\"Resource\":\"*\"}]}\n\
P\tAWSLambdaBasicExecutionRole\tarn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\tv1\t{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":\"*\"}]}\n"
                    .to_string(),
            )
            .ok()
        })
        .as_ref()
}

fn opts(trace: bool) -> Options {
    Options {
        trace,
        now_epoch_seconds: Some(1_700_000_000),
    }
}

/// `simulate`: what the CLI and the app do with a file — `parse_input_managed` (policy lists
/// and Worlds, AWS managed policies named by ARN resolved against [`managed`]), `validate`,
/// `simulate`/`simulate_world` with the trace, AWS's response shape paged as the scenario asks,
/// the outcome as JSON, positions placed in the file, `scenario_to_json`; and the same text as
/// one policy of every type through `validate_policy`.
pub fn simulate_file(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok((input, mut diags)) = parse_input_managed(&text, managed()) {
        let (outcome, origins) = match &input {
            Input::Policies(s) => {
                diags.extend(validate(s));
                let _ = scenario_to_json(s);
                let outcome = simulate(s, &opts(true));
                if let Some(results) = &outcome.results {
                    if let Ok(r) = aws_response(results, None, s.aws.page()) {
                        serde_json::to_string(&r).expect("the AWS response serializes");
                    }
                }
                (outcome, s.origins.clone())
            }
            Input::World(w) => (simulate_world(w, &opts(true)), w.origins.clone()),
        };
        diags.extend(outcome.diagnostics.iter().cloned());
        locate_in_file(&mut diags, &origins, &text);
        // The outcome and its trace must serialize: the CLI and the app print them as JSON.
        serde_json::to_string(&outcome).expect("the outcome serializes");
        serde_json::to_string(&diags).expect("diagnostics serialize");
    }
    for kind in KINDS {
        let _ = validate_policy(&text, kind, "fuzz");
    }
}

/// `world`: a World scenario (organization, users, roles, an STS chain) simulated with and
/// without the trace — both must decide alike, hop by hop — and linted as a scenario file.
pub fn world(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = lint_scenario(&text, catalog());
    let Ok((Input::World(w), mut diags)) = parse_input(&text) else {
        return;
    };
    let traced = simulate_world(&w, &opts(true));
    let plain = simulate_world(&w, &opts(false));
    let decisions = |o: &iam_engine::Outcome| {
        o.results.as_ref().map(|rs| {
            rs.iter()
                .map(|r| {
                    let hops: Vec<_> = r
                        .chain
                        .iter()
                        .flatten()
                        .map(|h| (h.hop, h.eval_decision))
                        .collect();
                    (r.eval_action_name.clone(), r.eval_decision, hops)
                })
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        decisions(&traced),
        decisions(&plain),
        "the trace changed a decision"
    );
    diags.extend(traced.diagnostics.iter().cloned());
    locate_in_file(&mut diags, &w.origins, &text);
    serde_json::to_string(&traced).expect("the outcome serializes");
}

/// `policy`: one policy document of a given type (the first byte picks it) through the
/// engine's validator and the linter with the catalog.
pub fn policy(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let ty = TYPES[usize::from(pick) % TYPES.len()];
    let diags = validate_policy(&text, ty.kind(), "fuzz");
    serde_json::to_string(&diags).expect("diagnostics serialize");
    let findings = lint_policy(&text, ty, catalog());
    for f in &findings {
        // Every finding points into the text it is about.
        assert!(
            f.span.start <= f.span.end && f.span.end <= text.len(),
            "finding {} at {:?} outside the text ({} bytes)",
            f.code,
            f.span,
            text.len()
        );
    }
}

/// The scenario without what the writer does not keep: where its parts came from (positions
/// in the text it was read from: the policies' origins and the expectations' ranges) and the
/// ids of its SCPs (written in AWS's `OrderedOrganizationPolicyInputList`, whatever list they
/// came from), which become their level and position.
fn without_origins(mut s: Scenario) -> Scenario {
    s.origins.clear();
    for e in &mut s.expected {
        e.range = Default::default();
    }
    for (l, level) in s.scp_levels.iter_mut().enumerate() {
        for (n, p) in level.iter_mut().enumerate() {
            p.id = format!("scp.{}.{}", l + 1, n + 1);
        }
    }
    s
}

/// `roundtrip`: a scenario that reads, written back with `scenario_to_json`, reads again as
/// the same scenario.
pub fn roundtrip(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(first) = parse_scenario(&text) else {
        return;
    };
    let written = scenario_to_json(&first);
    let second = parse_scenario(&written).unwrap_or_else(|d| {
        panic!(
            "the written scenario does not read: {:?}\n{written}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    assert_eq!(
        without_origins(first),
        without_origins(second),
        "the scenario changed when written:\n{written}"
    );
}

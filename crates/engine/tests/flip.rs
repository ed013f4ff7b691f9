//! "What would make it allowed?" (and "what would deny it?"): the smallest context changes
//! that flip a decision, checked on the documented outcomes of the seed tutorials and the
//! documentation's examples. Each test cites where its outcome comes from; the suggestions
//! themselves are checked by applying them and simulating again.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use iam_engine::flip::{what_if, what_if_world, Goal, TagOwner, Target, WhatIf};
use iam_engine::scenario::{parse_input, Input};
use iam_engine::world::WorldScenario;
use iam_engine::{parse_scenario, simulate_world, EvalDecision, Options};

const OPTS: Options = Options {
    trace: false,
    now_epoch_seconds: Some(1_700_000_000),
};

const QAS_SECRET: &str =
    "arn:aws:secretsmanager:us-east-1:111122223333:secret:test-access-peg-qas-AbCdEf";
const ENG_SECRET: &str =
    "arn:aws:secretsmanager:us-east-1:111122223333:secret:test-access-peg-eng-AbCdEf";

/// The scenario of a corpus case, by file and name.
fn case(file: &str, name: &str) -> WorldScenario {
    let path = format!("{}/tests/cases/{file}.json", env!("CARGO_MANIFEST_DIR"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let c = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"));
    match parse_input(&c["scenario"].to_string()) {
        Ok((Input::World(w), _)) => *w,
        _ => panic!("{name}: not a World"),
    }
}

/// Every suggestion, applied to the World and simulated again, reaches the goal.
fn check_world(ws: &WorldScenario, w: &WhatIf, action: &str, resource: &str) {
    for s in &w.suggestions {
        let mut changed = ws.clone();
        s.changes
            .iter()
            .for_each(|c| c.apply_to_world(&mut changed));
        let r = simulate_world(&changed, &OPTS)
            .results
            .unwrap()
            .into_iter()
            .find(|r| r.eval_action_name == action && r.eval_resource_name == resource)
            .unwrap();
        assert!(w.goal.reached(r.eval_decision), "{}", s.words());
    }
}

/// [S1 §IAM tutorial: Define permissions to access AWS resources based on tags] Step 5, table
/// 'ABAC secret viewing behavior for each role': access-peg-engineering cannot view the peg QA
/// secret because the `access-team` tags differ (ReadSecretsManagerSameTeam). Tagging the
/// secret `access-team=eng` allows it; retagging the role would break Arnav's AssumeRole (his
/// access-assume-role policy compares the role's tags with his), so it is not suggested.
#[test]
fn abac_qas_secret_is_allowed_if_tagged_eng() {
    let ws = case(
        "world_abac_tutorial",
        "Step 5 table: access-peg-engineering views the four secrets",
    );
    let action = "secretsmanager:DescribeSecret";
    let w = what_if_world(&ws, &OPTS, action, QAS_SECRET).unwrap();
    assert_eq!(w.goal, Goal::Allow);
    assert_eq!(w.decision, EvalDecision::ImplicitDeny);
    let first = &w.suggestions[0];
    assert_eq!(first.decision, EvalDecision::Allowed);
    assert_eq!(first.changes.len(), 1);
    let c = &first.changes[0];
    assert_eq!(c.key, "aws:ResourceTag/access-team");
    assert_eq!(c.now, ["qas"]);
    assert_eq!(c.to.as_deref(), Some("eng"));
    assert_eq!(
        c.target,
        Target::Tag {
            owner: TagOwner::Resource,
            arn: QAS_SECRET.into(),
            tag: "access-team".into()
        }
    );
    assert!(
        first.words().contains("were `eng` (now `qas`"),
        "{}",
        first.words()
    );
    for s in &w.suggestions {
        for c in &s.changes {
            assert!(
                !matches!(
                    &c.target,
                    Target::Tag {
                        owner: TagOwner::Role,
                        ..
                    }
                ),
                "retagging the role breaks the hop: {}",
                s.words()
            );
        }
    }
    check_world(&ws, &w, action, QAS_SECRET);
}

/// Same table, the allowed row: "what would deny it?" names a change to the team tag.
#[test]
fn abac_eng_secret_is_denied_if_retagged() {
    let ws = case(
        "world_abac_tutorial",
        "Step 5 table: access-peg-engineering views the four secrets",
    );
    let action = "secretsmanager:DescribeSecret";
    let w = what_if_world(&ws, &OPTS, action, ENG_SECRET).unwrap();
    assert_eq!(w.goal, Goal::Deny);
    assert!(w
        .suggestions
        .iter()
        .any(|s| s.changes.len() == 1 && s.changes[0].key == "aws:ResourceTag/access-team"));
    check_world(&ws, &w, action, ENG_SECRET);
}

/// [S1 §IAM tutorial …] Step 4, item 2: Arnav cannot switch to access-uni-engineering because
/// the `access-project` and `cost-center` tags differ between him and the role. The hop fails,
/// so the suggestions change the tags the hop compares, two at once (no single change is
/// enough).
#[test]
fn abac_failed_hop_needs_two_tags() {
    let ws = case(
        "world_abac_tutorial",
        "Step 4: Arnav cannot switch to access-uni-engineering",
    );
    let action = &ws.request.action_names[0].clone();
    let w = what_if_world(&ws, &OPTS, action, "*").unwrap();
    assert_eq!(w.goal, Goal::Allow);
    assert!(!w.suggestions.is_empty());
    for s in &w.suggestions {
        let mut keys: Vec<&str> = s
            .changes
            .iter()
            .map(|c| c.key.split('/').nth(1).unwrap())
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["access-project", "cost-center"], "{}", s.words());
    }
    check_world(&ws, &w, action, "*");
}

/// [S1 §IAM tutorial …] Step 4, item 5: Mary (access-team qas) cannot switch to
/// access-peg-engineering; one tag decides it.
#[test]
fn abac_mary_needs_one_tag() {
    let ws = case(
        "world_abac_tutorial",
        "Step 4: Mary switches to access-peg-quality-assurance but not to access-peg-engineering",
    );
    let action = &ws.request.action_names[0].clone();
    let w = what_if_world(&ws, &OPTS, action, "*").unwrap();
    assert!(w.suggestions.iter().all(|s| s.changes.len() == 1));
    assert!(w.suggestions.iter().any(|s| s.changes[0].target
        == Target::Tag {
            owner: TagOwner::User,
            arn: "arn:aws:iam::111122223333:user/access-Mary-peg-qas".into(),
            tag: "access-team".into()
        }));
    check_world(&ws, &w, action, "*");
}

/// [UG id_credentials_mfa_configure-api-require] a trust policy requiring
/// `aws:MultiFactorAuthPresent`: signing in with MFA is what makes the switch allowed.
#[test]
fn console_sign_in_with_mfa() {
    let ws = case(
        "world_mfa",
        "Richard signed in to the console without MFA cannot switch",
    );
    let action = &ws.request.action_names[0].clone();
    let resource = &ws.request.resource_arns[0].clone();
    let w = what_if_world(&ws, &OPTS, action, resource).unwrap();
    assert_eq!(w.suggestions[0].changes[0].target, Target::SignInMfa);
    check_world(&ws, &w, action, resource);
}

/// [UG id_roles_common-scenarios_third-party] the trust policy's `sts:ExternalId` condition:
/// the right external ID is the change, made on the hop.
#[test]
fn external_id_on_the_hop() {
    let ws = case(
        "world_external_id",
        "Example Corp acting for another customer passes that customer's external ID",
    );
    let action = &ws.request.action_names[0].clone();
    let w = what_if_world(&ws, &OPTS, action, "*").unwrap();
    let c = &w.suggestions[0].changes[0];
    assert_eq!(c.target, Target::ExternalId { hop: 0 });
    assert_eq!(c.to.as_deref(), Some("12345"));
    check_world(&ws, &w, action, "*");
}

/// [UG id_credentials_mfa_configure-api-require] "aws:MultiFactorAuthAge … NumericLessThan
/// 3600": a request whose MFA is two hours old is allowed if it were under an hour old; the
/// suggestion names the limit it was taken from.
#[test]
fn mfa_age_below_the_limit() {
    let s = parse_scenario(
        r#"{"PolicyInputList": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Action": "ec2:StopInstances", "Resource": "*",
             "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}}]}],
           "ActionNames": ["ec2:StopInstances"],
           "CallerArn": "arn:aws:iam::111122223333:user/sofia",
           "ContextEntries": [{"ContextKeyName": "aws:MultiFactorAuthAge",
             "ContextKeyValues": ["7200"], "ContextKeyType": "numeric"}]}"#,
    )
    .unwrap();
    let w = what_if(&s, &OPTS, "ec2:StopInstances", "*").unwrap();
    let c = &w.suggestions[0].changes[0];
    assert_eq!(c.key, "aws:MultiFactorAuthAge");
    assert_eq!(c.to.as_deref(), Some("3599"));
    assert_eq!(c.wants.as_deref(), Some("`NumericLessThan` `3600`"));
    assert_eq!(
        w.suggestions[0].words(),
        "allowed if `aws:MultiFactorAuthAge` were `3599` (now `7200`; the condition wants `NumericLessThan` `3600`)"
    );
}

/// [UG policy evaluation logic] an implicit deny because no statement matches the action
/// cannot be changed by the context; nor can an unconditional explicit deny.
#[test]
fn no_context_change_when_nothing_matches_the_action() {
    let s = parse_scenario(
        r#"{"PolicyInputList": [{"Version": "2012-10-17", "Statement": [
             {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
             {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}],
           "ActionNames": ["s3:PutObject", "s3:DeleteBucket"]}"#,
    )
    .unwrap();
    let w = what_if(&s, &OPTS, "s3:PutObject", "*").unwrap();
    assert!(w.suggestions.is_empty());
    assert_eq!(
        w.none.as_deref(),
        Some("no context change allows this: no `Allow` statement in the Identity-based policies matches the request's `Action` (`s3:PutObject` on `*`)")
    );
    let w = what_if(&s, &OPTS, "s3:DeleteBucket", "*").unwrap();
    assert_eq!(w.decision, EvalDecision::ExplicitDeny);
    assert!(w.none.unwrap().contains("applies whatever the context"));
}

/// [STS API reference: GetCallerIdentity] "No permissions are required to perform this
/// operation. If an administrator attaches a policy to your identity that explicitly denies
/// access to the sts:GetCallerIdentity action, you can still perform this operation"; and
/// [UG id_roles_use_switch-role-api] "You cannot assume a role when you are signed in as the
/// AWS account root user" (SPEC §12.4). Neither is a policy decision, so no context change
/// flips it, and the answer says the service decided (no search is spent on it).
#[test]
fn service_rules_have_no_what_if() {
    let s = parse_scenario(
        r#"{"PolicyInputList": [{"Version": "2012-10-17", "Statement": [
             {"Effect": "Deny", "Action": "*", "Resource": "*",
              "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
             {"Effect": "Allow", "Action": "*", "Resource": "*"}]}],
           "ActionNames": ["sts:GetCallerIdentity"],
           "ContextEntries": [{"ContextKeyName": "aws:SecureTransport",
                               "ContextKeyValues": ["false"], "ContextKeyType": "boolean"}]}"#,
    )
    .unwrap();
    let w = what_if(&s, &OPTS, "sts:GetCallerIdentity", "*").unwrap();
    assert_eq!(w.decision, EvalDecision::Allowed);
    assert!(w.suggestions.is_empty());
    assert_eq!(w.evaluations, 0);
    assert!(w
        .none
        .unwrap()
        .contains("rule of the service itself (get-caller-identity)"));
    let root = parse_scenario(
        r#"{"PolicyInputList": [{"Version": "2012-10-17", "Statement": [
             {"Effect": "Allow", "Action": "*", "Resource": "*",
              "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}],
           "ActionNames": ["sts:AssumeRole"],
           "ResourceArns": ["arn:aws:iam::111122223333:role/Admin"],
           "CallerArn": "arn:aws:iam::111122223333:root"}"#,
    )
    .unwrap();
    let w = what_if(
        &root,
        &OPTS,
        "sts:AssumeRole",
        "arn:aws:iam::111122223333:role/Admin",
    )
    .unwrap();
    assert_eq!(w.decision, EvalDecision::ImplicitDeny);
    assert!(w.suggestions.is_empty());
    assert!(w.none.unwrap().contains("(root-cannot-assume-role)"));
}

/// [UG reference_policies_condition-keys, aws:SourceIp] with [UG policy evaluation logic]:
/// a conditional explicit deny is lifted by the context that makes its condition false, and
/// an allowed request is denied by the context that makes it true.
#[test]
fn conditional_deny_both_ways() {
    let text = |ip: &str| {
        format!(
            r#"{{"PolicyInputList": [{{"Version": "2012-10-17", "Statement": [
                 {{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}},
                 {{"Effect": "Deny", "Action": "s3:*", "Resource": "*",
                  "Condition": {{"NotIpAddress": {{"aws:SourceIp": "203.0.113.0/24"}}}}}}]}}],
               "ActionNames": ["s3:GetObject"],
               "ContextEntries": [{{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["{ip}"],
                 "ContextKeyType": "ip"}}]}}"#
        )
    };
    let denied = parse_scenario(&text("198.51.100.7")).unwrap();
    let w = what_if(&denied, &OPTS, "s3:GetObject", "*").unwrap();
    assert_eq!(w.decision, EvalDecision::ExplicitDeny);
    assert_eq!(
        w.suggestions[0].changes[0].to.as_deref(),
        Some("203.0.113.0")
    );
    let allowed = parse_scenario(&text("203.0.113.9")).unwrap();
    let w = what_if(&allowed, &OPTS, "s3:GetObject", "*").unwrap();
    assert_eq!(w.goal, Goal::Deny);
    assert_eq!(w.suggestions[0].decision, EvalDecision::ExplicitDeny);
}

// ------------------------------------------------------------------------------------------
// Property: every suggestion flips the decision, and is minimal
// ------------------------------------------------------------------------------------------

use proptest::prelude::*;
use serde_json::{json, Value};

/// Conditions the generated statements choose from: tags compared with fixed values and with
/// policy variables, `IfExists`, numbers, booleans, addresses (positive and negated), dates,
/// `Null` and set operators.
const CONDITIONS: &[(&str, &str, &str)] = &[
    ("StringEquals", "aws:PrincipalTag/team", "eng"),
    (
        "StringEquals",
        "aws:ResourceTag/team",
        "${aws:PrincipalTag/team}",
    ),
    (
        "StringEqualsIfExists",
        "aws:RequestTag/team",
        "${aws:PrincipalTag/team}",
    ),
    ("StringNotEquals", "aws:PrincipalTag/team", "qas"),
    ("NumericLessThan", "aws:MultiFactorAuthAge", "3600"),
    ("Bool", "aws:SecureTransport", "true"),
    ("IpAddress", "aws:SourceIp", "203.0.113.0/24"),
    ("NotIpAddress", "aws:SourceIp", "203.0.113.0/24"),
    ("DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z"),
    ("Null", "aws:TokenIssueTime", "false"),
    ("ForAnyValue:StringEquals", "aws:TagKeys", "team"),
];

/// Context values the generated requests choose from.
const CONTEXT: &[(&str, &[&str])] = &[
    ("aws:PrincipalTag/team", &["eng", "qas"]),
    ("aws:ResourceTag/team", &["eng", "qas"]),
    ("aws:RequestTag/team", &["eng", "ops"]),
    ("aws:MultiFactorAuthAge", &["300", "7200"]),
    ("aws:SecureTransport", &["true", "false"]),
    ("aws:SourceIp", &["203.0.113.9", "198.51.100.7"]),
    ("aws:TokenIssueTime", &["2024-01-01T00:00:00Z"]),
    ("aws:TagKeys", &["team", "owner"]),
];

fn statement() -> impl Strategy<Value = Value> {
    (
        prop::bool::weighted(0.75),
        prop::sample::select(vec!["s3:GetObject", "s3:*", "s3:PutObject"]),
        prop::collection::vec(prop::sample::select(CONDITIONS.to_vec()), 0..3),
    )
        .prop_map(|(allow, action, conds)| {
            let mut block = serde_json::Map::new();
            for (op, key, value) in conds {
                let entry = block.entry(op.to_string()).or_insert_with(|| json!({}));
                entry[key] = json!(value);
            }
            let mut st = json!({
                "Effect": if allow { "Allow" } else { "Deny" },
                "Action": action,
                "Resource": "*",
            });
            if !block.is_empty() {
                st["Condition"] = Value::Object(block);
            }
            st
        })
}

fn scenario() -> impl Strategy<Value = iam_engine::Scenario> {
    (
        prop::collection::vec(statement(), 1..4),
        prop::option::of(prop::collection::vec(statement(), 1..3)),
        prop::collection::vec((prop::sample::select(CONTEXT.to_vec()), any::<prop::sample::Index>()), 0..5),
    )
        .prop_map(|(identity, boundary, ctx)| {
            let policy = |st: Vec<Value>| json!({"Version": "2012-10-17", "Statement": st});
            let mut entries: Vec<Value> = Vec::new();
            for ((key, values), pick) in ctx {
                if entries.iter().any(|e| e["ContextKeyName"] == key) {
                    continue;
                }
                entries.push(json!({"ContextKeyName": key, "ContextKeyValues": [values[pick.index(values.len())]]}));
            }
            let mut s = json!({
                "PolicyInputList": [policy(identity)],
                "ActionNames": ["s3:GetObject"],
                "ResourceArns": ["arn:aws:s3:::bucket/key"],
                "CallerArn": "arn:aws:iam::111122223333:user/alice",
                "ContextEntries": entries,
            });
            if let Some(b) = boundary {
                s["PermissionsBoundaryPolicyInputList"] = json!([policy(b)]);
            }
            parse_scenario(&s.to_string()).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Issue 13: every suggestion, applied to the scenario as a user would (its
    /// `ContextEntries` changed) and simulated from scratch, reaches the goal (SPEC §6.3
    /// decides), with the decision it reports; and it is minimal: leaving out any one of its
    /// changes does not reach the goal.
    #[test]
    fn every_suggestion_flips_the_decision(s in scenario()) {
        let (action, resource) = ("s3:GetObject", "arn:aws:s3:::bucket/key");
        let decide = |s: &iam_engine::Scenario| {
            iam_engine::simulate(s, &OPTS).results.unwrap()[0].eval_decision
        };
        let w = what_if(&s, &OPTS, action, resource).unwrap();
        prop_assert_eq!(w.decision, decide(&s));
        prop_assert_eq!(w.suggestions.is_empty(), w.none.is_some());
        for sug in &w.suggestions {
            let mut changed = s.clone();
            sug.changes.iter().for_each(|c| c.apply(&mut changed));
            let d = decide(&changed);
            prop_assert!(w.goal.reached(d), "{} gives {:?}", sug.words(), d);
            prop_assert_eq!(d, sug.decision);
            for skip in 0..sug.changes.len() {
                let mut partial = s.clone();
                for (i, c) in sug.changes.iter().enumerate() {
                    if i != skip {
                        c.apply(&mut partial);
                    }
                }
                prop_assert!(!w.goal.reached(decide(&partial)), "{} is not minimal", sug.words());
            }
        }
    }
}

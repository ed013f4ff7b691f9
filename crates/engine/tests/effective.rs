//! The compiled form, the effective-permissions sweep and the bounded comparison.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use iam_engine::catalog::Catalog;
use iam_engine::compare::{compare, compare_with, counterexample_scenarios};
use iam_engine::sweep::{sweep, sweep_over, Resources};
use iam_engine::{parse_scenario, simulate, Compiled, EvalDecision, Options, Scenario};
use serde_json::json;

fn catalog() -> Catalog {
    Catalog::parse(include_str!("../data/iam-catalog.txt")).expect("the committed catalog parses")
}

/// The committed catalog cut down to a few services (for the slow, ungrouped comparison).
fn small_catalog() -> Catalog {
    let mut keep = true;
    let text: String = include_str!("../data/iam-catalog.txt")
        .lines()
        .filter(|line| {
            if let Some(rest) = line.strip_prefix("S\t") {
                let prefix = rest.split('\t').next().unwrap_or_default();
                keep = ["s3", "iam", "sts", "kms", "sqs", "ec2"].contains(&prefix);
            } else if !line.starts_with(['K', 'R', 'A']) {
                return true;
            }
            keep
        })
        .map(|l| format!("{l}\n"))
        .collect();
    Catalog::parse(&text).expect("the cut-down catalog parses")
}

fn scenario(statements: serde_json::Value, extra: serde_json::Value) -> Scenario {
    let policy = json!({"Version": "2012-10-17", "Statement": statements}).to_string();
    let mut s = json!({
        "PolicyInputList": [policy],
        "CallerArn": "arn:aws:iam::111122223333:user/alice",
        "ActionNames": ["s3:GetObject", "s3:PutObject", "ec2:RunInstances"],
        "ResourceArns": ["arn:aws:s3:::team-data/a.txt", "*"],
        "ContextEntries": [
            {"ContextKeyName": "aws:PrincipalTag/team", "ContextKeyValues": ["eng"]},
            {"ContextKeyName": "aws:SecureTransport", "ContextKeyValues": ["true"], "ContextKeyType": "boolean"}
        ]
    });
    if let (Some(o), Some(e)) = (s.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            o.insert(k.clone(), v.clone());
        }
    }
    parse_scenario(&s.to_string()).unwrap()
}

fn base() -> Scenario {
    scenario(
        json!([
            {"Sid": "Read", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"],
             "Resource": ["arn:aws:s3:::team-data", "arn:aws:s3:::team-data/*"],
             "Condition": {"StringEquals": {"aws:PrincipalTag/team": "eng"}}},
            {"Sid": "Tls", "Effect": "Deny", "Action": "*", "Resource": "*",
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
        ]),
        json!({}),
    )
}

#[test]
fn compiled_evaluate_matches_simulate() {
    let s = base();
    for trace in [false, true] {
        let opts = Options {
            trace,
            now_epoch_seconds: Some(1_700_000_000),
        };
        let simulated = simulate(&s, &opts).results.unwrap();
        let c = Compiled::new(&s).unwrap();
        let mut compiled = Vec::new();
        for action in &s.action_names {
            for r in c.resources() {
                let rc = c.context_for(r, &opts);
                let result = c.evaluate(&rc, action, trace);
                assert_eq!(c.decision(&rc, action), result.eval_decision);
                compiled.push(result);
            }
        }
        assert_eq!(
            serde_json::to_value(&simulated).unwrap(),
            serde_json::to_value(&compiled).unwrap()
        );
    }
}

#[test]
fn sweep_counts_what_the_patterns_cover() {
    let cat = catalog();
    let s = base();
    let c = Compiled::new(&s).unwrap();
    let r = sweep(&c, &cat, &Options::default());
    assert_eq!(r.counts.total, cat.action_count());
    // Two resources per action, one (`*`) for actions that name no resource type.
    let free = cat
        .services()
        .iter()
        .flat_map(|s| s.actions())
        .filter(|a| !a.has_resource_types())
        .count();
    assert!(free > 1000);
    assert_eq!(r.decisions, (cat.action_count() - free) * 2 + free);
    // s3:ListAllMyBuckets and the like name no resource type: the bucket ARNs do not allow them.
    let expected = ["s3:Get*", "s3:List*"]
        .iter()
        .flat_map(|p| cat.expand(p))
        .filter(|a| a.action.has_resource_types())
        .count();
    assert!(expected > 20);
    // … plus sts:GetCallerIdentity, which every authenticated caller may call whatever the
    // policies say [STS API GetCallerIdentity] (SPEC §12.4).
    assert_eq!(r.counts.allowed, expected + 1);
    assert_eq!(r.counts.explicit_deny, 0);
    let s3 = r.services.iter().find(|s| s.prefix == "s3").unwrap();
    assert_eq!(s3.counts.allowed, expected);
    let by_level: usize = s3.levels.iter().map(|l| l.counts.allowed).sum();
    assert_eq!(by_level, expected);
    assert!(r
        .services
        .iter()
        .filter(|s| s.prefix != "s3")
        .all(|s| s.counts.allowed == usize::from(s.prefix == "sts")));

    // Without TLS, the Deny applies to every action but sts:GetCallerIdentity, which a Deny
    // does not stop (SPEC §12.4).
    let mut insecure = base();
    insecure.context_entries[1].values = vec!["false".into()];
    let c = Compiled::new(&insecure).unwrap();
    let r = sweep(&c, &cat, &Options::default());
    assert_eq!(r.counts.explicit_deny, cat.action_count() - 1);
    assert_eq!(r.counts.allowed, 1);
}

#[test]
fn compare_finds_nothing_between_a_scenario_and_itself() {
    let cat = catalog();
    let r = compare(&base(), &base(), &cat, &Options::default()).unwrap();
    assert!(r.bounded);
    assert!(r.counterexamples.is_empty());
    assert_eq!(r.actions, cat.action_count());
    assert!(r.grid_points > 1, "the conditions give a grid");
}

#[test]
fn compare_reports_a_broader_policy_with_both_decisions() {
    let cat = catalog();
    let b = scenario(
        json!([
            {"Sid": "Read", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "s3:PutObject"],
             "Resource": ["arn:aws:s3:::team-data", "arn:aws:s3:::team-data/*"],
             "Condition": {"StringEquals": {"aws:PrincipalTag/team": "eng"}}},
            {"Sid": "Tls", "Effect": "Deny", "Action": "*", "Resource": "*",
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
        ]),
        json!({}),
    );
    let r = compare(&base(), &b, &cat, &Options::default()).unwrap();
    assert!(!r.counterexamples.is_empty());
    assert_eq!(r.only_a_allows, 0);
    assert!(r.only_b_allows > 0);
    for c in &r.counterexamples {
        assert_eq!(c.action, "s3:PutObject");
        assert_eq!(c.a.decision, EvalDecision::ImplicitDeny);
        assert_eq!(c.b.decision, EvalDecision::Allowed);
        assert_eq!(c.b.statements, vec!["PolicyInputList.1#Read".to_string()]);
        assert!(c
            .context
            .iter()
            .any(|(k, v)| k == "aws:PrincipalTag/team" && v.as_deref() == Some("eng")));
    }
}

/// A B side that differs from [`base`] on many actions: everything but IAM and S3 deletes,
/// S3 writes denied without TLS.
fn broad() -> Scenario {
    scenario(
        json!([
            {"Effect": "Allow", "NotAction": ["iam:*", "s3:Delete*"], "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:Put*", "Resource": "arn:aws:s3:::team-data/*",
             "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}
        ]),
        json!({}),
    )
}

#[test]
fn grouping_actions_changes_nothing_but_the_work() {
    let cat = small_catalog();
    assert!(cat.action_count() > 1000);
    let b = broad();
    let opts = Options::default();
    let grouped = compare(&base(), &b, &cat, &opts).unwrap();
    let full = compare_with(&base(), &b, &cat, &opts, false).unwrap();
    assert!(grouped.decisions < full.decisions / 10);
    assert_eq!(grouped.requests, full.requests);
    assert_eq!(grouped.only_a_allows, full.only_a_allows);
    assert_eq!(grouped.only_b_allows, full.only_b_allows);
    assert_eq!(grouped.deny_kind_differs, full.deny_kind_differs);
    let weighted: usize = grouped
        .counterexamples
        .iter()
        .map(|c| 1 + c.same_for_other_actions)
        .sum();
    assert_eq!(weighted, full.counterexamples.len());
}

/// Every counterexample, replayed as two ordinary single-request scenarios (what the app
/// traces side by side), gets the decisions the comparison reported.
#[test]
fn counterexamples_replay_as_scenarios() {
    let cat = small_catalog();
    let b = broad();
    let a = base();
    let r = compare(&a, &b, &cat, &Options::default()).unwrap();
    assert!(r.counterexamples.len() > 10);
    assert!(r.counterexamples.iter().any(|c| !c.context.is_empty()));
    for c in &r.counterexamples {
        let [ra, rb] = counterexample_scenarios(&a, &b, c);
        let decide = |s: &Scenario| {
            let out = simulate(s, &Options::default());
            let results = out.results.expect("the replayed scenario evaluates");
            assert_eq!(results.len(), 1, "one action, one resource");
            results[0].eval_decision
        };
        assert_eq!(decide(&ra), c.a.decision, "A on {c:?}");
        assert_eq!(decide(&rb), c.b.decision, "B on {c:?}");
    }
}

/// The grid tries the scenario's own context values (and the values of policy variables), not
/// only absence and the values the policies spell out: an ABAC condition comparing a resource
/// tag with `${aws:PrincipalTag/team}` is satisfied only by the scenario's values.
#[test]
fn compare_tries_the_scenarios_own_values() {
    let cat = small_catalog();
    let abac = |actions: serde_json::Value| {
        scenario(
            json!([{"Effect": "Allow", "Action": actions, "Resource": "arn:aws:s3:::team-data/*",
                    "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}}]),
            json!({"ContextEntries": [
                {"ContextKeyName": "aws:PrincipalTag/team", "ContextKeyValues": ["eng"]},
                {"ContextKeyName": "aws:ResourceTag/team", "ContextKeyValues": ["eng"]}
            ]}),
        )
    };
    let a = abac(json!(["s3:GetObject"]));
    let b = abac(json!(["s3:GetObject", "s3:DeleteObject"]));
    let r = compare(&a, &b, &cat, &Options::default()).unwrap();
    assert!(r.only_b_allows > 0, "{r:?}");
    assert!(r
        .counterexamples
        .iter()
        .all(|c| c.action == "s3:DeleteObject"));
    assert!(r.counterexamples.iter().any(|c| c
        .context
        .iter()
        .any(|(k, v)| k == "aws:ResourceTag/team" && v.as_deref() == Some("eng"))));
}

/// A sweep over the resources the policies name finds a grant the request's own resource
/// cannot show (a DynamoDB table, when the request names an S3 object), and says where.
#[test]
fn sweep_over_named_resources_finds_grants_on_them() {
    let cat = catalog();
    let s = scenario(
        json!([
            {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
             "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/${aws:PrincipalTag/team}-*"},
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::team-data/*"}
        ]),
        json!({"ResourceArns": ["arn:aws:s3:::team-data/a.txt"]}),
    );
    let compiled = Compiled::new(&s).unwrap();
    let plain = sweep(&compiled, &cat, &Options::default());
    let named = sweep_over(
        &compiled,
        &cat,
        &Options::default(),
        Resources::Named,
        &mut |_, _| true,
    )
    .unwrap();
    let allowed = |sw: &iam_engine::sweep::Sweep| -> Vec<(String, Option<String>)> {
        sw.services
            .iter()
            .flat_map(|s| &s.actions)
            .filter(|a| a.decision == EvalDecision::Allowed)
            .map(|a| (a.action.clone(), a.allowed_on.clone()))
            .collect()
    };
    // sts:GetCallerIdentity needs no permission (SPEC §12.4).
    let caller_identity = ("sts:GetCallerIdentity".to_string(), None);
    assert_eq!(
        allowed(&plain),
        vec![("s3:GetObject".to_string(), None), caller_identity.clone()]
    );
    let table = "arn:aws:dynamodb:us-east-1:111122223333:table/eng-x".to_string();
    let mut got = allowed(&named);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("dynamodb:GetItem".to_string(), Some(table.clone())),
            ("dynamodb:Query".to_string(), Some(table.clone())),
            ("s3:GetObject".to_string(), None),
            caller_identity,
        ]
    );
    assert_eq!(
        named.named_resources,
        vec![table, "arn:aws:s3:::team-data/x".to_string()]
    );
    assert_eq!(named.counts.allowed, 4);
    // The request's resources decide exactly as before; the named ones only add.
    assert!(named.decisions > plain.decisions);
}

/// Actions that name no resource type (the Service Authorization Reference leaves their
/// "Resource types" column empty) are authorized on `*`: only a statement whose Resource is `*`
/// grants them [UG ch. 2 tutorial: `s3:ListAllMyBuckets` with `"Resource": "*"`]. The sweep
/// evaluates them on `*`, whatever resource the request names.
#[test]
fn actions_without_resource_types_are_swept_on_star() {
    let cat = catalog();
    let free = |s: &str| {
        let sc = scenario(
            json!([{"Effect": "Allow", "Action": "s3:*", "Resource": s}]),
            json!({}),
        );
        let r = sweep(&Compiled::new(&sc).unwrap(), &cat, &Options::default());
        let a = r
            .services
            .iter()
            .flat_map(|s| &s.actions)
            .find(|a| a.action == "s3:ListAllMyBuckets")
            .cloned()
            .unwrap();
        assert!(a.resource_free);
        a.decision
    };
    assert_eq!(free("arn:aws:s3:::team-data/*"), EvalDecision::ImplicitDeny);
    assert_eq!(free("*"), EvalDecision::Allowed);
}

/// SPEC §12.7: a request through a VPC endpoint needs the endpoint policy's Allow too — the
/// sweep of an administrator shows only what the endpoint lets through, and a comparison of
/// the same policies with and without the endpoint finds exactly the requests it stops.
#[test]
fn sweep_and_compare_see_the_vpc_endpoint() {
    let cat = small_catalog();
    let admin = json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]);
    let endpoint = json!({
        "VpcEndpointId": "vpce-1a2b3c4d",
        "VpcEndpointPolicyInputList": [{"Version": "2012-10-17", "Statement": {
            "Effect": "Allow", "Principal": "*", "Action": "s3:*",
            "Resource": ["arn:aws:s3:::team-data", "arn:aws:s3:::team-data/*"]}}]
    });
    let open = scenario(admin.clone(), json!({}));
    let through = scenario(admin, endpoint);
    let c = Compiled::new(&through).unwrap();
    let r = sweep(&c, &cat, &Options::default());
    let allowed: Vec<&str> = r
        .services
        .iter()
        .filter(|s| s.counts.allowed > 0)
        .map(|s| s.prefix.as_str())
        .collect();
    // S3 on the team's bucket, and sts:GetCallerIdentity, which needs no permission.
    assert_eq!(allowed, ["s3", "sts"]);
    let open_sweep = sweep(&Compiled::new(&open).unwrap(), &cat, &Options::default());
    assert!(open_sweep.counts.allowed > r.counts.allowed);
    assert!(open_sweep
        .services
        .iter()
        .any(|s| s.prefix != "s3" && s.prefix != "sts" && s.counts.allowed > 0));
    let cmp = compare(&open, &through, &cat, &Options::default()).unwrap();
    assert!(cmp.only_a_allows > 0);
    assert_eq!(cmp.only_b_allows, 0);
    assert!(cmp.counterexamples.iter().all(
        |c| c.a.decision == EvalDecision::Allowed && c.b.decision == EvalDecision::ImplicitDeny
    ));
}

//! AWS's current `SimulateCustomPolicy` API, in and out (issue 12, item 3): SCP levels as
//! `OrderedOrganizationPolicyInputList`, `ResourceHandlingOption`, `MaxItems` / `Marker`, the
//! decision-detail fields of each result, and AWS's one-result-per-action response.
//! Sources: IAM API Reference, *SimulateCustomPolicy* and *EvaluationResult* (cited per test).

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use iam_engine::catalog::Catalog;
use iam_engine::scenario::aws_api::{decode_marker, encode_marker, Page};
use iam_engine::scenario::{self, to_json};
use iam_engine::simulate::aws::{arn_template, aws_response};
use iam_engine::{simulate, EvalDecision, EvaluationResult, Options};
use serde_json::{json, Value};

fn policy(effect: &str, action: &str, resource: &str) -> String {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": effect, "Action": action, "Resource": resource}]})
        .to_string()
}

fn allow_all() -> String {
    policy("Allow", "*", "*")
}

fn run(scenario: &Value) -> Vec<EvaluationResult> {
    let text = scenario.to_string();
    let (s, _) = scenario::parse(&text).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
    simulate(&s, &Options::default()).results.unwrap()
}

fn errors(scenario: &Value) -> Vec<(String, &'static str, (u32, u32))> {
    let text = serde_json::to_string_pretty(scenario).unwrap();
    match scenario::parse(&text) {
        Ok(_) => Vec::new(),
        Err(d) => d
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.message.clone(), d.code, d.line_col().unwrap()))
            .collect(),
    }
}

/// SimulateCustomPolicy, `OrderedOrganizationPolicyInputList`: SCP levels "root first, account
/// last"; issue 12's example (an Allow-all level, then a level denying `ec2:RunInstances`) is an
/// explicit deny, as AWS's simulator answers, and means the same as the list-of-lists extension.
#[test]
fn ordered_levels_are_scp_levels() {
    let deny = policy("Deny", "ec2:RunInstances", "*");
    let ordered = json!({
        "PolicyInputList": [policy("Allow", "ec2:*", "*")],
        "OrderedOrganizationPolicyInputList": [
            {"ServiceControlPolicyInputList": [allow_all()]},
            {"ServiceControlPolicyInputList": [deny]}
        ],
        "ActionNames": ["ec2:RunInstances", "ec2:DescribeInstances"]
    });
    let nested = json!({
        "PolicyInputList": [policy("Allow", "ec2:*", "*")],
        "ServiceControlPolicyInputList": [[allow_all()], [deny]],
        "ActionNames": ["ec2:RunInstances", "ec2:DescribeInstances"]
    });
    let a = run(&ordered);
    let b = run(&nested);
    assert_eq!(a[0].eval_decision, EvalDecision::ExplicitDeny);
    assert_eq!(
        a[0].matched_statements[0].source_policy_id,
        "OrderedOrganizationPolicyInputList.2.1"
    );
    // The second level has no Allow: nothing else passes it either.
    assert_eq!(a[1].eval_decision, EvalDecision::ImplicitDeny);
    let decisions = |r: &[EvaluationResult]| r.iter().map(|x| x.eval_decision).collect::<Vec<_>>();
    assert_eq!(decisions(&a), decisions(&b));
}

/// Both forms of SCP levels in one scenario are ambiguous: a positioned error at the second.
#[test]
fn both_scp_forms_are_rejected() {
    let s = json!({
        "PolicyInputList": [allow_all()],
        "ServiceControlPolicyInputList": [allow_all()],
        "OrderedOrganizationPolicyInputList": [{"ServiceControlPolicyInputList": [allow_all()]}],
        "ActionNames": ["s3:GetObject"]
    });
    let e = errors(&s);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].1, "conflicting-scps");
    // At the key read second (serde_json writes keys in order: `Ordered…` first).
    let text = serde_json::to_string_pretty(&s).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("  \"ServiceControlPolicyInputList\""))
        .unwrap();
    assert_eq!(e[0].2, (line as u32 + 1, 3), "{e:?}");
    // An empty list does not conflict.
    let ok = json!({
        "PolicyInputList": [allow_all()],
        "ServiceControlPolicyInputList": [],
        "OrderedOrganizationPolicyInputList": [{"ServiceControlPolicyInputList": [allow_all()]}],
        "ActionNames": ["s3:GetObject"]
    });
    assert!(errors(&ok).is_empty());
}

/// SimulateCustomPolicy: "at most 7" organization levels.
#[test]
fn more_than_seven_levels_are_an_error() {
    let level = |n: usize| -> Vec<Value> {
        (0..n)
            .map(|_| json!({"ServiceControlPolicyInputList": [allow_all()]}))
            .collect()
    };
    let s = |n: usize| json!({"PolicyInputList": [allow_all()], "OrderedOrganizationPolicyInputList": level(n), "ActionNames": ["s3:GetObject"]});
    assert!(errors(&s(7)).is_empty());
    let e = errors(&s(8));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].1, "too-many-levels");
    let nested = json!({"PolicyInputList": [allow_all()], "ResourceControlPolicyInputList": vec![vec![allow_all()]; 8], "ActionNames": ["s3:GetObject"]});
    assert_eq!(errors(&nested)[0].1, "too-many-levels");
}

/// SimulateCustomPolicy, `ResourceHandlingOption`: one of AWS's EC2 scenarios (an unknown one is
/// an error with "did you mean"); a warning names the resources AWS requires and `ResourceArns`
/// lacks ("If your scenario includes an EBS volume, then you must specify that volume").
#[test]
fn resource_handling_option_is_checked() {
    let base = |option: &str, arns: Vec<&str>| json!({"PolicyInputList": [allow_all()], "ActionNames": ["ec2:RunInstances"], "ResourceArns": arns, "ResourceHandlingOption": option});
    let e = errors(&base("ec2-vpc-ebs", vec!["*"]));
    assert_eq!(e[0].1, "invalid-value");
    let text = serde_json::to_string(&base("ec2-vpc-ebs", vec!["*"])).unwrap();
    let d = scenario::parse(&text).unwrap_err();
    assert_eq!(d[0].help.as_deref(), Some("did you mean `EC2-VPC-EBS`?"));
    let text = serde_json::to_string(&base(
        "EC2-Classic-EBS",
        vec![
            "arn:aws:ec2:us-east-1:111122223333:instance/*",
            "arn:aws:ec2:us-east-1::image/ami-1",
        ],
    ))
    .unwrap();
    let (s, warnings) = scenario::parse(&text).unwrap();
    assert_eq!(
        s.aws.resource_handling_option.as_deref(),
        Some("EC2-Classic-EBS")
    );
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "resource-handling-missing");
    assert!(
        warnings[0]
            .message
            .ends_with("none names the security group and volume"),
        "{}",
        warnings[0].message
    );
}

/// SimulateCustomPolicy: `MaxItems` is 1–1000; a `Marker` is one a response returned.
#[test]
fn max_items_and_marker_are_read_and_written_back() {
    let s = json!({"PolicyInputList": [allow_all()], "ActionNames": ["s3:GetObject"], "MaxItems": 5, "Marker": encode_marker(3)});
    let (parsed, w) = scenario::parse(&s.to_string()).unwrap();
    assert!(w.is_empty());
    assert_eq!(
        parsed.aws.page(),
        Page {
            max_items: Some(5),
            start: 3
        }
    );
    let again = scenario::parse(&to_json(&parsed)).unwrap().0;
    assert_eq!(again.aws, parsed.aws);
    for bad in [json!(0.5), json!(1001), json!(-1), json!("5")] {
        let s = json!({"PolicyInputList": [allow_all()], "ActionNames": ["s3:GetObject"], "MaxItems": bad});
        assert!(!errors(&s).is_empty(), "{bad}");
    }
    let s = json!({"PolicyInputList": [allow_all()], "ActionNames": ["s3:GetObject"], "Marker": "page-2"});
    assert_eq!(errors(&s)[0].1, "invalid-value");
    assert_eq!(decode_marker(&encode_marker(7)), Some(7));
}

/// `to_json` writes SCP levels in AWS's form (no longer an extension).
#[test]
fn scps_are_written_as_ordered_organization_policies() {
    let s = json!({"PolicyInputList": [allow_all()], "ServiceControlPolicyInputList": [[allow_all()], [allow_all()]], "ActionNames": ["s3:GetObject"]});
    let (parsed, _) = scenario::parse(&s.to_string()).unwrap();
    let out: Value = serde_json::from_str(&to_json(&parsed)).unwrap();
    assert!(out.get("ServiceControlPolicyInputList").is_none());
    let levels = out["OrderedOrganizationPolicyInputList"]
        .as_array()
        .unwrap();
    assert_eq!(levels.len(), 2);
    assert!(levels[0]["ServiceControlPolicyInputList"].is_array());
}

/// EvaluationResult: `OrganizationsDecisionDetail.AllowedByOrganizations` ("whether the
/// simulated operation is allowed by the Organizations service control policies"),
/// `PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary` ("false means that either
/// the requested action is not allowed (implicitly denied) or … explicitly denied by the
/// permissions boundary"), present only when those policies are given.
#[test]
fn organizations_and_boundary_details() {
    let r = run(&json!({
        "PolicyInputList": [allow_all()],
        "PermissionsBoundaryPolicyInputList": [policy("Allow", "s3:*", "*")],
        "OrderedOrganizationPolicyInputList": [{"ServiceControlPolicyInputList": [policy("Allow", "s3:Get*", "*")]}],
        "ActionNames": ["s3:GetObject", "s3:PutObject", "ec2:RunInstances"]
    }));
    let orgs: Vec<bool> = r
        .iter()
        .map(|x| {
            x.organizations_decision_detail
                .unwrap()
                .allowed_by_organizations
        })
        .collect();
    let boundary: Vec<bool> = r
        .iter()
        .map(|x| {
            x.permissions_boundary_decision_detail
                .unwrap()
                .allowed_by_permissions_boundary
        })
        .collect();
    assert_eq!(orgs, [true, false, false]);
    assert_eq!(boundary, [true, true, false]);
    let plain = run(&json!({"PolicyInputList": [allow_all()], "ActionNames": ["s3:GetObject"]}));
    assert!(plain[0].organizations_decision_detail.is_none());
    assert!(plain[0].permissions_boundary_decision_detail.is_none());
}

/// EvaluationResult, `EvalDecisionDetails`: "populated for only cross-account simulations …
/// within the same account and includes a resource ARN, then the parameter is present but the
/// response is empty … all resources (*), then the parameter is not returned … If an SCP
/// included in the evaluation denies access … this parameter is not returned."
#[test]
fn eval_decision_details_follow_the_documented_cases() {
    let bucket_policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::shared/*"}]})
    .to_string();
    let cross = |scps: Vec<String>| {
        json!({
            "PolicyInputList": [policy("Allow", "s3:GetObject", "*")],
            "ResourcePolicy": bucket_policy,
            "ServiceControlPolicyInputList": scps,
            "CallerArn": "arn:aws:iam::111122223333:user/alice",
            "ResourceOwner": "arn:aws:iam::444455556666:root",
            "ActionNames": ["s3:GetObject"],
            "ResourceArns": ["arn:aws:s3:::shared/report.csv"]
        })
    };
    let r = run(&cross(vec![allow_all()]));
    assert_eq!(r[0].eval_decision, EvalDecision::Allowed);
    let details = serde_json::to_value(r[0].eval_decision_details.as_ref().unwrap()).unwrap();
    assert_eq!(
        details,
        json!({"Service Control Policy": "allowed", "Resource Policy": "allowed", "IAM Policy": "allowed"})
    );
    let denied = run(&cross(vec![policy("Allow", "ec2:*", "*")]));
    assert_eq!(denied[0].eval_decision, EvalDecision::ImplicitDeny);
    assert!(denied[0].eval_decision_details.is_none());

    let same = |resources: Vec<&str>| {
        run(
            &json!({"PolicyInputList": [allow_all()], "ActionNames": ["s3:GetObject"], "ResourceArns": resources}),
        )
    };
    assert_eq!(
        same(vec!["arn:aws:s3:::mine/key"])[0]
            .eval_decision_details
            .as_ref()
            .map(|d| d.0.len()),
        Some(0)
    );
    assert!(same(vec!["*"])[0].eval_decision_details.is_none());
}

fn catalog() -> Catalog {
    Catalog::parse(include_str!("../data/iam-catalog.txt")).unwrap()
}

/// EvaluationResult: "a single EvaluationResult per action, regardless of how many resource
/// ARNs are provided … The top-level EvalDecision reflects the most restrictive decision across
/// all resources … use ResourceSpecificResults"; MissingContextValues is top-level only for `*`.
#[test]
fn aws_response_has_one_result_per_action() {
    let r = run(&json!({
        "PolicyInputList": [json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/secret/*"},
            {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"s3:x-amz-acl": "private"}}}
        ]}).to_string()],
        "ActionNames": ["s3:GetObject", "s3:PutObject"],
        "ResourceArns": ["arn:aws:s3:::b/public/x", "arn:aws:s3:::b/secret/y"]
    }));
    let c = catalog();
    let resp = aws_response(&r, Some(&c), Page::default()).unwrap();
    assert_eq!(resp.evaluation_results.len(), 2);
    assert!(!resp.is_truncated && resp.marker.is_none());
    let get = &resp.evaluation_results[0];
    assert_eq!(get.eval_decision, EvalDecision::ExplicitDeny);
    assert_eq!(get.matched_statements.len(), 1);
    assert_eq!(get.resource_specific_results.len(), 2);
    assert_eq!(
        get.resource_specific_results[0].eval_resource_decision,
        EvalDecision::Allowed
    );
    assert_eq!(
        get.eval_resource_name,
        arn_template(Some(&c), "s3:GetObject")
    );
    let put = &resp.evaluation_results[1];
    assert!(put.missing_context_values.is_empty());
    assert_eq!(
        put.resource_specific_results[0].missing_context_values,
        ["s3:x-amz-acl"]
    );
    // With no resource, the missing keys are at the top level and there are no per-resource
    // results.
    let star = run(
        &json!({"PolicyInputList": [policy("Allow", "s3:ListAllMyBuckets", "*")], "ActionNames": ["s3:ListAllMyBuckets"]}),
    );
    let resp = aws_response(&star, Some(&c), Page::default()).unwrap();
    assert!(resp.evaluation_results[0]
        .resource_specific_results
        .is_empty());
    assert_eq!(resp.evaluation_results[0].eval_resource_name, "*");
}

/// SimulateCustomPolicy: "MaxItems … If additional items exist beyond the maximum you specify,
/// the IsTruncated response element is true"; "Marker … Set it to the value of the Marker
/// element in the response". The default page is 100 items.
#[test]
fn aws_response_pages() {
    let actions: Vec<String> = (0..150).map(|i| format!("s3:Action{i}")).collect();
    let r = run(&json!({"PolicyInputList": [allow_all()], "ActionNames": actions}));
    let first = aws_response(&r, None, Page::default()).unwrap();
    assert_eq!(first.evaluation_results.len(), 100);
    assert!(first.is_truncated);
    let start = decode_marker(first.marker.as_deref().unwrap()).unwrap();
    let second = aws_response(
        &r,
        None,
        Page {
            max_items: None,
            start,
        },
    )
    .unwrap();
    assert_eq!(second.evaluation_results.len(), 50);
    assert!(!second.is_truncated && second.marker.is_none());
    assert_eq!(
        second.evaluation_results[0].eval_action_name,
        "s3:Action100"
    );
    let small = aws_response(
        &r,
        None,
        Page {
            max_items: Some(7),
            start: 147,
        },
    )
    .unwrap();
    assert_eq!(small.evaluation_results.len(), 3);
    assert!(aws_response(
        &r,
        None,
        Page {
            max_items: None,
            start: 151
        }
    )
    .is_err());
}

/// The top-level `EvalResourceName` is the action's ARN template; an action that names no
/// resource type gets `*`; several required types are all listed.
#[test]
fn arn_templates_come_from_the_catalog() {
    let c = catalog();
    assert_eq!(
        arn_template(Some(&c), "iam:CreateRole"),
        "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
    );
    assert_eq!(arn_template(Some(&c), "s3:ListAllMyBuckets"), "*");
    assert_eq!(arn_template(Some(&c), "nosuch:Thing"), "*");
    assert_eq!(arn_template(None, "iam:CreateRole"), "*");
    let run_instances = arn_template(Some(&c), "ec2:RunInstances");
    for kind in [
        "instance/",
        "image/",
        "security-group/",
        "network-interface/",
        "subnet/",
    ] {
        assert!(run_instances.contains(kind), "{run_instances}");
    }
    assert!(!run_instances.contains("volume/"));
}

//! Decision throughput. Three scenarios:
//!
//! * `small`: one identity policy with three statements and two conditions; 2 decisions.
//! * `large`: ten identity policies of twenty statements with conditions, two SCP levels, a
//!   permissions boundary, a session policy and a resource policy, for a role session;
//!   4 actions × 2 resources = 8 decisions. Policy texts are single-line JSON, as AWS CLI
//!   input usually carries them.
//! * `large-pretty`: the same with every policy text pretty-printed over many lines.
//!
//! Each is measured from scenario text (`parse_scenario` + `simulate`), pre-parsed
//! (`simulate` only — which still parses and lowers every policy text, since a `Scenario`
//! holds policies as text), and pre-parsed with the full trace (what the app asks for).
//! Criterion's throughput figure is in decisions per second (`elem/s`).
//!
//! The compiled form ([`Compiled`]: parse and lower once, evaluate many) is measured too:
//! `compile` (from a parsed scenario), `compiled/evaluate` (the full `EvaluationResult` per
//! request, contexts built once per resource), `compiled/decision` (the decision alone), and
//! for `small` `parse+compile+decide` (from scenario text to decisions).
//!
//! `sweep`: every action of the committed catalog (22,091) against a scenario of five identity
//! policies of twenty statements each, one resource — the effective-permissions sweep.
//!
//! `cargo bench -p iam-engine --bench decide -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use iam_engine::catalog::Catalog;
use iam_engine::{parse_scenario, simulate, Compiled, Options, Scenario};
use serde_json::{json, Value};

/// The small scenario: 1 policy, 3 statements, 2 conditions.
fn small() -> String {
    let policy = json!({
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadTeamObjects",
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:ListBucket"],
                "Resource": ["arn:aws:s3:::team-bucket", "arn:aws:s3:::team-bucket/*"],
                "Condition": {"StringEquals": {"aws:PrincipalTag/team": "eng"}}
            },
            {
                "Sid": "WriteOwnPrefix",
                "Effect": "Allow",
                "Action": "s3:PutObject",
                "Resource": "arn:aws:s3:::team-bucket/home/${aws:username}/*"
            },
            {
                "Sid": "OfficeOnly",
                "Effect": "Deny",
                "Action": "s3:*",
                "Resource": "*",
                "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}
            }
        ]
    });
    json!({
        "PolicyInputList": [policy.to_string()],
        "CallerArn": "arn:aws:iam::111122223333:user/alice",
        "ActionNames": ["s3:GetObject", "s3:PutObject"],
        "ResourceArns": ["arn:aws:s3:::team-bucket/home/alice/notes.txt"],
        "ContextEntries": [
            {"ContextKeyName": "aws:PrincipalTag/team", "ContextKeyValues": ["eng"]},
            {"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["203.0.113.7"], "ContextKeyType": "ip"}
        ]
    })
    .to_string()
}

/// Statement `j` of identity policy `i` of the large scenario: varied actions, resources and
/// conditions, most of which do not apply, as in a real account.
fn identity_statement(i: usize, j: usize) -> Value {
    let actions = [
        json!(["s3:Get*", "s3:List*"]),
        json!("ec2:Describe*"),
        json!(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"]),
        json!("s3:PutObject"),
        json!(["sqs:SendMessage", "sqs:ReceiveMessage"]),
    ];
    let resources = [
        json!(format!("arn:aws:s3:::bucket-{i}/*")),
        json!("*"),
        json!(format!(
            "arn:aws:dynamodb:us-east-1:111122223333:table/t{j}"
        )),
        json!([
            "arn:aws:s3:::data/${aws:PrincipalTag/team}/*",
            "arn:aws:s3:::data"
        ]),
        json!(format!("arn:aws:sqs:*:111122223333:queue-{j}")),
    ];
    let conditions = [
        json!({"StringEquals": {"aws:PrincipalTag/team": ["eng", "ops"]}}),
        json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "Bool": {"aws:SecureTransport": "true"}}),
        json!({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}),
        json!({"StringLike": {"s3:prefix": ["home/${aws:userid}/*", "shared/*"]}}),
        json!({"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}, "ForAnyValue:StringEquals": {"aws:TagKeys": ["env", "cost"]}}),
    ];
    let k = (i + j) % 5;
    json!({
        "Sid": format!("P{i}S{j}"),
        "Effect": if j % 7 == 6 { "Deny" } else { "Allow" },
        "Action": pick(&actions, k),
        "Resource": pick(&resources, k + j),
        "Condition": pick(&conditions, i * 3 + j),
    })
}

/// The `n`-th item, cyclically.
fn pick(items: &[Value], n: usize) -> Value {
    items.iter().cycle().nth(n).cloned().unwrap_or(Value::Null)
}

/// The large scenario: 10 × 20 identity statements, 2 SCP levels, boundary, session policy,
/// resource policy. `pretty` writes each policy text over several lines instead of one.
fn large(pretty: bool) -> String {
    let text = |v: &Value| {
        if pretty {
            serde_json::to_string_pretty(v).unwrap_or_default()
        } else {
            v.to_string()
        }
    };
    let identity: Vec<String> = (0..10)
        .map(|i| {
            text(&json!({
                "Version": "2012-10-17",
                "Statement": (0..20).map(|j| identity_statement(i, j)).collect::<Vec<_>>()
            }))
        })
        .collect();
    let scp_root = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"}
    ]});
    let scp_ou = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:*", "dynamodb:*", "sqs:*", "ec2:Describe*"], "Resource": "*"},
        {"Effect": "Deny", "Action": "*", "Resource": "*",
         "Condition": {"StringNotEqualsIfExists": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}}
    ]});
    let scp_guard = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": ["iam:*", "organizations:*"], "Resource": "*"}
    ]});
    let boundary = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "NotAction": ["iam:*", "kms:*"], "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}
    ]});
    let session = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:*", "dynamodb:*"], "Resource": "*",
         "Condition": {"StringEquals": {"aws:PrincipalTag/team": "eng"}}}
    ]});
    let resource = json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Org", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-3/*"},
        {"Sid": "App", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/app"},
         "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::bucket-3/*",
         "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
        {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": "arn:aws:s3:::bucket-3/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
    ]});
    json!({
        "PolicyInputList": identity,
        "PermissionsBoundaryPolicyInputList": [text(&boundary)],
        "ServiceControlPolicyInputList": [[text(&scp_root)], [text(&scp_ou), text(&scp_guard)]],
        "SessionPolicyInputList": [text(&session)],
        "ResourcePolicy": text(&resource),
        "ResourceOwner": "111122223333",
        "CallerArn": "arn:aws:sts::111122223333:assumed-role/app/worker",
        "ActionNames": ["s3:GetObject", "s3:PutObject", "dynamodb:Query", "ec2:RunInstances"],
        "ResourceArns": ["arn:aws:s3:::bucket-3/data/file.csv", "arn:aws:dynamodb:us-east-1:111122223333:table/t4"],
        "ContextEntries": [
            {"ContextKeyName": "aws:PrincipalTag/team", "ContextKeyValues": ["eng"]},
            {"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["10.1.2.3"], "ContextKeyType": "ip"},
            {"ContextKeyName": "aws:SecureTransport", "ContextKeyValues": ["true"], "ContextKeyType": "boolean"},
            {"ContextKeyName": "aws:MultiFactorAuthAge", "ContextKeyValues": ["120"], "ContextKeyType": "numeric"},
            {"ContextKeyName": "aws:RequestedRegion", "ContextKeyValues": ["us-east-1"]},
            {"ContextKeyName": "aws:TagKeys", "ContextKeyValues": ["env", "owner"], "ContextKeyType": "stringList"}
        ]
    })
    .to_string()
}

/// The sweep scenario: five identity policies of twenty statements, a user, one resource.
fn sweep_scenario() -> String {
    let identity: Vec<String> = (0..5)
        .map(|i| {
            json!({
                "Version": "2012-10-17",
                "Statement": (0..20).map(|j| identity_statement(i, j)).collect::<Vec<_>>()
            })
            .to_string()
        })
        .collect();
    json!({
        "PolicyInputList": identity,
        "CallerArn": "arn:aws:iam::111122223333:user/alice",
        "ActionNames": ["s3:GetObject"],
        "ResourceArns": ["arn:aws:s3:::bucket-3/data/file.csv"],
        "ContextEntries": [
            {"ContextKeyName": "aws:PrincipalTag/team", "ContextKeyValues": ["eng"]},
            {"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["10.1.2.3"], "ContextKeyType": "ip"},
            {"ContextKeyName": "aws:SecureTransport", "ContextKeyValues": ["true"], "ContextKeyType": "boolean"},
            {"ContextKeyName": "aws:TagKeys", "ContextKeyValues": ["env", "owner"], "ContextKeyType": "stringList"}
        ]
    })
    .to_string()
}

/// Parse a scenario that is known to be valid, and check that it simulates.
fn parsed(name: &str, text: &str) -> (Scenario, u64) {
    let scenario = match parse_scenario(text) {
        Ok(s) => s,
        Err(d) => {
            eprintln!("the {name} benchmark scenario is invalid: {d:?}");
            std::process::exit(1);
        }
    };
    let outcome = simulate(&scenario, &Options::default());
    let Some(results) = outcome.results else {
        eprintln!(
            "the {name} benchmark scenario does not simulate: {:?}",
            outcome.diagnostics
        );
        std::process::exit(1);
    };
    let decisions: Vec<&str> = results.iter().map(|r| r.eval_decision.as_str()).collect();
    println!(
        "{name}: {} bytes of scenario, {} policies, {} decisions per simulate: {decisions:?}",
        text.len(),
        scenario.policies().len(),
        results.len()
    );
    (scenario, results.len() as u64)
}

/// With `IAM_BENCH_DUMP=DIR`, write the scenarios to DIR (for the wasm benchmark) and stop.
fn dump() -> bool {
    let Some(dir) = std::env::var_os("IAM_BENCH_DUMP") else {
        return false;
    };
    let dir = std::path::PathBuf::from(dir);
    for (name, text) in [
        ("small", small()),
        ("large", large(false)),
        ("sweep", sweep_scenario()),
    ] {
        if let Err(e) = std::fs::write(dir.join(format!("{name}.json")), text) {
            eprintln!("cannot write {name}.json: {e}");
            std::process::exit(1);
        }
    }
    true
}

fn bench(c: &mut Criterion) {
    if dump() {
        return;
    }
    println!("throughput below is in decisions per second (1 elem = 1 decision)");
    let traced = Options {
        trace: true,
        now_epoch_seconds: Some(1_700_000_000),
    };
    let plain = Options {
        trace: false,
        now_epoch_seconds: Some(1_700_000_000),
    };
    for (name, text) in [
        ("small", small()),
        ("large", large(false)),
        ("large-pretty", large(true)),
    ] {
        let (scenario, n) = parsed(name, &text);
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Elements(n));
        group.bench_function("parse+simulate", |b| {
            b.iter(|| {
                let s = parse_scenario(black_box(&text)).ok();
                s.map(|s| simulate(&s, &plain))
            })
        });
        group.bench_function("simulate", |b| {
            b.iter(|| simulate(black_box(&scenario), &plain))
        });
        group.bench_function("simulate+trace", |b| {
            b.iter(|| simulate(black_box(&scenario), &traced))
        });
        let Ok(compiled) = Compiled::new(&scenario) else {
            eprintln!("the {name} benchmark scenario does not compile");
            std::process::exit(1);
        };
        let contexts: Vec<_> = compiled
            .resources()
            .iter()
            .map(|r| compiled.context_for(r, &plain))
            .collect();
        group.bench_function("compiled/evaluate", |b| {
            b.iter(|| {
                let mut n = 0;
                for action in &scenario.action_names {
                    for rc in &contexts {
                        n += compiled
                            .evaluate(rc, black_box(action), false)
                            .matched_statements
                            .len();
                    }
                }
                n
            })
        });
        group.bench_function("compiled/decision", |b| {
            b.iter(|| {
                let mut n = 0;
                for action in &scenario.action_names {
                    for rc in &contexts {
                        n += compiled.decision(rc, black_box(action)) as usize;
                    }
                }
                n
            })
        });
        if name == "small" {
            group.bench_function("parse+compile+decide", |b| {
                b.iter(|| {
                    let s = parse_scenario(black_box(&text)).ok()?;
                    let c = Compiled::new(&s).ok()?;
                    let mut n = 0;
                    for r in c.resources() {
                        let rc = c.context_for(r, &plain);
                        for action in &s.action_names {
                            n += c.decision(&rc, action) as usize;
                        }
                    }
                    Some(n)
                })
            });
        }
        group.finish();
        let mut group = c.benchmark_group(format!("{name}-once"));
        group.bench_function("compile", |b| {
            b.iter(|| Compiled::new(black_box(&scenario)).is_ok())
        });
        group.finish();
    }
    let catalog = match Catalog::parse(include_str!("../data/iam-catalog.txt")) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("the committed catalog does not parse: {e}");
            std::process::exit(1);
        }
    };
    let (scenario, _) = parsed("sweep", &sweep_scenario());
    let Ok(compiled) = Compiled::new(&scenario) else {
        eprintln!("the sweep benchmark scenario does not compile");
        std::process::exit(1);
    };
    let result = iam_engine::sweep::sweep(&compiled, &catalog, &plain);
    println!(
        "sweep: {} actions x {} resource: {} allowed, {} explicitly denied",
        result.counts.total,
        result.resources.len(),
        result.counts.allowed,
        result.counts.explicit_deny
    );
    let mut group = c.benchmark_group("sweep");
    group.throughput(Throughput::Elements(catalog.action_count() as u64));
    group.bench_function("catalog x 5 policies", |b| {
        b.iter(|| iam_engine::sweep::sweep(black_box(&compiled), &catalog, &plain).decisions)
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}

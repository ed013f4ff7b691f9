//! Property tests: random but valid policies and scenarios checked against the invariants of
//! the evaluation spec (`shared/SPEC-evaluation.md`, mostly §6), plus "never panics" and
//! round-trip properties on arbitrary input.
//!
//! Each property cites the spec section it checks. Policies come from a small vocabulary
//! (S3/EC2/IAM/STS/KMS actions with wildcards, a few ARNs, conditions on a dozen keys with
//! String/Numeric/Date/Bool/IP/ARN/Null operators, `IfExists` and set qualifiers) so that
//! statements often apply and decisions vary. `PROPTEST_CASES=N` changes the case count
//! (default 256 per property).

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use iam_engine::scenario::{parse_input, Input};
use iam_engine::trace::LayerVerdict;
use iam_engine::world::VpcEndpoint;
use iam_engine::{
    locate_in_file, parse_scenario, scenario_to_json, simulate, simulate_world, validate,
    validate_policy, ContextEntry, ContextKeyType, EvalDecision, Options, PolicyInput, PolicyKind,
    Scenario,
};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};

// ------------------------------------------------------------------------------------------
// Vocabulary
// ------------------------------------------------------------------------------------------

const ACCOUNT: &str = "111122223333";

/// Action patterns written in policies (wildcards and case variants, §3.1).
const ACTION_PATTERNS: &[&str] = &[
    // `*` and `s3:*` twice: broad grants make `allowed` results common enough to test.
    "*",
    "s3:*",
    "s3:GetObject",
    "s3:PutObject",
    "s3:Get*",
    "s3:*",
    "s3:?utObject",
    "S3:getobject",
    "ec2:RunInstances",
    "ec2:*",
    "iam:PassRole",
    "sts:AssumeRole",
    "kms:Decrypt",
    "*",
];

/// Actions requested.
const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "ec2:RunInstances",
    "iam:PassRole",
    "sts:AssumeRole",
    "kms:Decrypt",
    // Decided by rules of their own (SPEC §12.4, §12.6).
    "sts:GetCallerIdentity",
    "iam:CreatePolicyVersion",
];

/// Resource patterns written in policies (§3.2).
const RESOURCE_PATTERNS: &[&str] = &[
    "*",
    "*",
    "arn:aws:s3:::bucket/*",
    "arn:aws:s3:::bucket/key",
    "arn:aws:s3:::other/*",
    "arn:aws:s3:::*",
    "arn:aws:s3:::bucket/${aws:username}/*",
    "arn:aws:ec2:*:111122223333:instance/*",
    "arn:aws:iam::111122223333:role/*",
    "arn:aws:kms:us-east-1:111122223333:key/*",
];

/// Resources requested (same-account, cross-account by ARN, a role and a KMS key).
const RESOURCES: &[&str] = &[
    "arn:aws:s3:::bucket/key",
    "arn:aws:s3:::bucket/alice/notes.txt",
    "arn:aws:s3:::other/x",
    "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc",
    "arn:aws:ec2:us-east-1:444455556666:instance/i-0def",
    "arn:aws:iam::111122223333:role/app",
    "arn:aws:kms:us-east-1:111122223333:key/1234",
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
];

/// Callers: `None` is an unspecified caller.
const CALLERS: &[Option<&str>] = &[
    Some("arn:aws:iam::111122223333:user/alice"),
    Some("arn:aws:sts::111122223333:assumed-role/app/s1"),
    Some("arn:aws:iam::111122223333:role/app"),
    Some("arn:aws:sts::111122223333:federated-user/fed"),
    Some("arn:aws:iam::444455556666:user/bob"),
    Some("arn:aws:iam::111122223333:root"),
    Some("s3.amazonaws.com"),
    Some("anonymous"),
    None,
];

const SIDS: &[&str] = &["A1", "B2", "Stmt3"];

const OWNERS: &[&str] = &[ACCOUNT, "arn:aws:iam::111122223333:root", "444455556666"];

const VERSIONS: &[Option<&str>] = &[
    Some("2012-10-17"),
    Some("2012-10-17"),
    Some("2012-10-17"),
    Some("2008-10-17"),
    None,
];

/// One operator family: its operators, the keys it is used with and policy values for them.
struct Family {
    operators: &'static [&'static str],
    keys: &'static [&'static str],
    values: fn() -> Vec<Value>,
    /// Whether `…IfExists` and `ForAnyValue:`/`ForAllValues:` may be added.
    qualifiers: bool,
}

const FAMILIES: &[Family] = &[
    Family {
        operators: &[
            "StringEquals",
            "StringNotEquals",
            "StringLike",
            "StringNotLike",
            "StringEqualsIgnoreCase",
        ],
        keys: &[
            "aws:PrincipalTag/team",
            "aws:RequestedRegion",
            "s3:prefix",
            "aws:TagKeys",
            "aws:username",
        ],
        values: || {
            vec![
                json!("eng"),
                json!("ops"),
                json!("e*"),
                json!("us-east-1"),
                json!("home/*"),
                json!("env"),
                json!("alice"),
                json!("${aws:username}"),
                json!("${aws:PrincipalTag/team, 'ops'}"),
            ]
        },
        qualifiers: true,
    },
    Family {
        operators: &[
            "NumericLessThan",
            "NumericGreaterThanEquals",
            "NumericEquals",
            "NumericNotEquals",
        ],
        keys: &["aws:MultiFactorAuthAge", "s3:max-keys"],
        values: || vec![json!("3600"), json!(300), json!("10.5"), json!(1000)],
        qualifiers: true,
    },
    Family {
        operators: &["Bool"],
        keys: &["aws:MultiFactorAuthPresent", "aws:SecureTransport"],
        values: || vec![json!("true"), json!("false"), json!(true), json!(false)],
        qualifiers: true,
    },
    Family {
        operators: &["IpAddress", "NotIpAddress"],
        keys: &["aws:SourceIp"],
        values: || {
            vec![
                json!("203.0.113.0/24"),
                json!("10.0.0.0/8"),
                json!("2001:db8::/32"),
                json!("198.51.100.1"),
            ]
        },
        qualifiers: true,
    },
    Family {
        operators: &["DateLessThan", "DateGreaterThan", "DateNotEquals"],
        keys: &["aws:CurrentTime", "aws:TokenIssueTime"],
        values: || {
            vec![
                json!("2030-01-01T00:00:00Z"),
                json!("2020-06-01T00:00:00+02:00"),
                json!("1700000000"),
            ]
        },
        qualifiers: true,
    },
    Family {
        operators: &["ArnLike", "ArnNotEquals"],
        keys: &["aws:PrincipalArn", "aws:SourceArn"],
        values: || {
            vec![
                json!("arn:aws:iam::111122223333:user/*"),
                json!("arn:aws:iam::*:role/app"),
                json!("arn:aws:iam::111122223333:user/${aws:username}"),
            ]
        },
        qualifiers: true,
    },
    Family {
        operators: &["Null"],
        keys: &["aws:SourceIp", "aws:TagKeys", "aws:MultiFactorAuthAge"],
        values: || vec![json!("true"), json!("false")],
        qualifiers: false,
    },
];

/// Context keys the request may carry: (key, type, possible values).
const CONTEXT: &[(&str, ContextKeyType, &[&str])] = &[
    (
        "aws:PrincipalTag/team",
        ContextKeyType::String,
        &["eng", "ops", "Eng"],
    ),
    (
        "aws:RequestedRegion",
        ContextKeyType::String,
        &["us-east-1", "eu-west-1"],
    ),
    (
        "s3:prefix",
        ContextKeyType::String,
        &["home/", "home/alice/x", "logs/"],
    ),
    (
        "aws:TagKeys",
        ContextKeyType::StringList,
        &["env", "team", "cost-center"],
    ),
    (
        "aws:MultiFactorAuthAge",
        ContextKeyType::Numeric,
        &["30", "3600", "86400"],
    ),
    ("s3:max-keys", ContextKeyType::Numeric, &["10", "1000"]),
    (
        "aws:MultiFactorAuthPresent",
        ContextKeyType::Boolean,
        &["true", "false"],
    ),
    (
        "aws:SecureTransport",
        ContextKeyType::Boolean,
        &["true", "false"],
    ),
    (
        "aws:SourceIp",
        ContextKeyType::Ip,
        &["203.0.113.7", "10.1.2.3", "2001:db8::1"],
    ),
    (
        "aws:CurrentTime",
        ContextKeyType::Date,
        &["2025-01-01T00:00:00Z", "2031-06-01T12:00:00Z"],
    ),
    ("aws:username", ContextKeyType::String, &["alice", "bob"]),
];

// ------------------------------------------------------------------------------------------
// Model
// ------------------------------------------------------------------------------------------

/// A policy: its `Version` and statements (as JSON values).
#[derive(Clone, Debug)]
struct Pol {
    version: Option<&'static str>,
    statements: Vec<Value>,
}

impl Pol {
    fn new(statements: Vec<Value>) -> Self {
        Self {
            version: Some("2012-10-17"),
            statements,
        }
    }

    /// The policy document. `reshape`: `Some(true)` writes every single value as a one-element
    /// array, `Some(false)` writes every one-element array (and a single statement) bare.
    fn to_value(&self, reshape: Option<bool>) -> Value {
        let mut m = Map::new();
        if let Some(v) = self.version {
            m.insert("Version".into(), json!(v));
        }
        let stmts: Vec<Value> = self
            .statements
            .iter()
            .map(|s| match reshape {
                Some(wrap) => reshape_statement(s, wrap),
                None => s.clone(),
            })
            .collect();
        let statement = match (reshape, stmts.as_slice()) {
            (Some(false), [one]) => one.clone(),
            _ => Value::Array(stmts),
        };
        m.insert("Statement".into(), statement);
        Value::Object(m)
    }
}

/// One context entry.
#[derive(Clone, Debug)]
struct Ctx {
    key: String,
    values: Vec<&'static str>,
    key_type: Option<ContextKeyType>,
}

/// A scenario before it is written out.
#[derive(Clone, Debug)]
struct Model {
    identity: Vec<Pol>,
    boundary: Vec<Pol>,
    scp: Vec<Vec<Pol>>,
    rcp: Vec<Vec<Pol>>,
    session: Vec<Pol>,
    resource: Option<Pol>,
    /// The VPC endpoint the request comes through, with its policy (`None` inside: the
    /// default endpoint policy).
    vpce: Option<Option<Pol>>,
    owner: Option<&'static str>,
    caller: Option<&'static str>,
    actions: Vec<String>,
    resources: Vec<&'static str>,
    context: Vec<Ctx>,
}

/// The policy types, as places to add a statement or a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer {
    Identity,
    Boundary,
    Session,
    Scp,
    Rcp,
    Resource,
    /// The VPC endpoint policy (not in [`LAYERS`]: a model has one only when its request
    /// travels through an endpoint).
    Vpce,
}

const LAYERS: &[Layer] = &[
    Layer::Identity,
    Layer::Boundary,
    Layer::Session,
    Layer::Scp,
    Layer::Rcp,
    Layer::Resource,
];

impl Layer {
    /// Whether statements of this type carry a `Principal`.
    fn has_principal(self) -> bool {
        matches!(self, Self::Rcp | Self::Resource | Self::Vpce)
    }

    /// Whether the layer is evaluated for the caller (SPEC §6.3: root has no identity policies
    /// or boundary; SCPs apply to principals of the account; session policies to sessions).
    fn applies_to(self, caller: Option<&str>) -> bool {
        let kind = caller_kind(caller);
        match self {
            Self::Identity | Self::Boundary => {
                matches!(
                    kind,
                    Kind::User | Kind::Session | Kind::Federated | Kind::Unspecified
                )
            }
            Self::Session => matches!(kind, Kind::Session | Kind::Federated),
            Self::Scp => !matches!(kind, Kind::Service | Kind::Anonymous),
            Self::Rcp | Self::Resource | Self::Vpce => true,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    User,
    Session,
    Federated,
    Root,
    Service,
    Anonymous,
    Unspecified,
}

/// Whether the caller signs its requests with credentials (SPEC §12.4: "authenticated").
fn authenticated(caller: Option<&str>) -> bool {
    !matches!(caller_kind(caller), Kind::Service | Kind::Anonymous)
}

fn caller_kind(caller: Option<&str>) -> Kind {
    match caller {
        None => Kind::Unspecified,
        Some(c) if c.ends_with(":root") => Kind::Root,
        Some(c) if c.contains(":user/") => Kind::User,
        Some(c) if c.contains(":assumed-role/") || c.contains(":role/") => Kind::Session,
        Some(c) if c.contains(":federated-user/") => Kind::Federated,
        Some(c) if c.ends_with(".amazonaws.com") => Kind::Service,
        Some(_) => Kind::Anonymous,
    }
}

impl Model {
    /// Add `stmt` to a policy of `layer`: an existing one chosen by `pick`, or a new policy
    /// (a new organization level for SCPs/RCPs) when `fresh` or when there is none.
    fn add_statement(&mut self, layer: Layer, stmt: Value, pick: &Index, at: &Index, fresh: bool) {
        let insert = |p: &mut Pol| {
            let i = at.index(p.statements.len() + 1);
            p.statements.insert(i, stmt.clone());
        };
        match layer {
            Layer::Identity | Layer::Boundary | Layer::Session => {
                let list = match layer {
                    Layer::Identity => &mut self.identity,
                    Layer::Boundary => &mut self.boundary,
                    _ => &mut self.session,
                };
                if fresh || list.is_empty() {
                    let i = pick.index(list.len() + 1);
                    list.insert(i, Pol::new(vec![stmt.clone()]));
                } else {
                    let i = pick.index(list.len());
                    insert(&mut list[i]);
                }
            }
            Layer::Scp | Layer::Rcp => {
                let levels = if layer == Layer::Scp {
                    &mut self.scp
                } else {
                    &mut self.rcp
                };
                if fresh || levels.is_empty() {
                    let i = pick.index(levels.len() + 1);
                    levels.insert(i, vec![Pol::new(vec![stmt.clone()])]);
                } else {
                    let li = pick.index(levels.len());
                    let level = &mut levels[li];
                    let pi = at.index(level.len());
                    insert(&mut level[pi]);
                }
            }
            Layer::Resource => match &mut self.resource {
                Some(p) => insert(p),
                None => self.resource = Some(Pol::new(vec![stmt.clone()])),
            },
            Layer::Vpce => match &mut self.vpce {
                Some(Some(p)) => insert(p),
                _ => self.vpce = Some(Some(Pol::new(vec![stmt.clone()]))),
            },
        }
    }

    /// Every policy, mutable (for shuffling).
    fn policies_mut(&mut self) -> Vec<&mut Pol> {
        let mut out: Vec<&mut Pol> = Vec::new();
        out.extend(self.identity.iter_mut());
        out.extend(self.boundary.iter_mut());
        out.extend(self.scp.iter_mut().flatten());
        out.extend(self.rcp.iter_mut().flatten());
        out.extend(self.session.iter_mut());
        out.extend(self.resource.iter_mut());
        out.extend(self.vpce.iter_mut().flatten());
        out
    }

    /// The scenario, each policy text written in `style`.
    fn scenario(&self, style: Style, reshape: Option<bool>) -> Scenario {
        let text = |p: &Pol| write_json(&p.to_value(reshape), style);
        let list = |name: &str, ps: &[Pol]| -> Vec<PolicyInput> {
            ps.iter()
                .enumerate()
                .map(|(i, p)| PolicyInput::new(format!("{name}.{}", i + 1), text(p)))
                .collect()
        };
        let levels = |name: &str, ls: &[Vec<Pol>]| -> Vec<Vec<PolicyInput>> {
            ls.iter()
                .enumerate()
                .map(|(li, l)| {
                    l.iter()
                        .enumerate()
                        .map(|(pi, p)| {
                            PolicyInput::new(format!("{name}.{}.{}", li + 1, pi + 1), text(p))
                        })
                        .collect()
                })
                .collect()
        };
        Scenario {
            identity_policies: list("PolicyInputList", &self.identity),
            permissions_boundaries: list("PermissionsBoundaryPolicyInputList", &self.boundary),
            // `to_json` writes SCP levels in AWS's form, so they read back with its ids.
            scp_levels: levels("OrderedOrganizationPolicyInputList", &self.scp),
            rcp_levels: levels("ResourceControlPolicyInputList", &self.rcp),
            session_policies: list("SessionPolicyInputList", &self.session),
            resource_policy: self
                .resource
                .as_ref()
                .map(|p| PolicyInput::new("ResourcePolicy", text(p))),
            resource_owner: self.owner.map(str::to_string),
            caller_arn: self.caller.map(str::to_string),
            action_names: self.actions.clone(),
            resource_arns: self.resources.iter().map(|s| s.to_string()).collect(),
            context_entries: self
                .context
                .iter()
                .map(|c| ContextEntry {
                    key: c.key.clone(),
                    values: c.values.iter().map(|s| s.to_string()).collect(),
                    key_type: c.key_type,
                })
                .collect(),
            vpc_endpoint: self.vpce.as_ref().map(|p| VpcEndpoint {
                id: Some("vpce-1a2b3c4d".into()),
                vpc_id: None,
                policy: p
                    .as_ref()
                    .map(|p| PolicyInput::new("VpcEndpointPolicyInputList.1", text(p))),
            }),
            ..Scenario::default()
        }
    }

    /// The scenario as scenario-format JSON text. `embed(i)` says whether the i-th policy (in
    /// file order) is an embedded object rather than a JSON string; `flat_levels` writes a
    /// single organization level as a flat list.
    fn scenario_text(
        &self,
        embed: &dyn Fn(usize) -> bool,
        flat_levels: bool,
        style: Style,
    ) -> String {
        let mut n = 0usize;
        let mut policy = |p: &Pol| {
            let v = p.to_value(None);
            let out = if embed(n) {
                v
            } else {
                Value::String(write_json(&v, style))
            };
            n += 1;
            out
        };
        let mut m = Map::new();
        m.insert(
            "PolicyInputList".into(),
            Value::Array(self.identity.iter().map(&mut policy).collect()),
        );
        if !self.boundary.is_empty() {
            m.insert(
                "PermissionsBoundaryPolicyInputList".into(),
                Value::Array(self.boundary.iter().map(&mut policy).collect()),
            );
        }
        for (name, levels) in [
            ("ServiceControlPolicyInputList", &self.scp),
            ("ResourceControlPolicyInputList", &self.rcp),
        ] {
            if levels.is_empty() {
                continue;
            }
            let v = if flat_levels && levels.len() == 1 {
                Value::Array(levels[0].iter().map(&mut policy).collect())
            } else if name == "ServiceControlPolicyInputList" {
                // AWS's own form of SCP levels, root first.
                m.insert(
                    "OrderedOrganizationPolicyInputList".into(),
                    Value::Array(
                        levels
                            .iter()
                            .map(|l| {
                                json!({ "ServiceControlPolicyInputList": l.iter().map(&mut policy).collect::<Vec<_>>() })
                            })
                            .collect(),
                    ),
                );
                continue;
            } else {
                Value::Array(
                    levels
                        .iter()
                        .map(|l| Value::Array(l.iter().map(&mut policy).collect()))
                        .collect(),
                )
            };
            m.insert(name.into(), v);
        }
        if !self.session.is_empty() {
            m.insert(
                "SessionPolicyInputList".into(),
                Value::Array(self.session.iter().map(&mut policy).collect()),
            );
        }
        if let Some(p) = &self.resource {
            m.insert("ResourcePolicy".into(), policy(p));
        }
        if let Some(e) = &self.vpce {
            if let Some(p) = e {
                m.insert(
                    "VpcEndpointPolicyInputList".into(),
                    Value::Array(vec![policy(p)]),
                );
            }
            m.insert("VpcEndpointId".into(), json!("vpce-1a2b3c4d"));
        }
        if let Some(o) = self.owner {
            m.insert("ResourceOwner".into(), json!(o));
        }
        if let Some(c) = self.caller {
            m.insert("CallerArn".into(), json!(c));
        }
        m.insert("ActionNames".into(), json!(self.actions));
        if !self.resources.is_empty() {
            m.insert("ResourceArns".into(), json!(self.resources));
        }
        if !self.context.is_empty() {
            let entries: Vec<Value> = self
                .context
                .iter()
                .map(|c| {
                    let mut e = Map::new();
                    e.insert("ContextKeyName".into(), json!(&c.key));
                    e.insert("ContextKeyValues".into(), json!(c.values));
                    if let Some(t) = c.key_type {
                        e.insert("ContextKeyType".into(), json!(t.as_str()));
                    }
                    Value::Object(e)
                })
                .collect();
            m.insert("ContextEntries".into(), Value::Array(entries));
        }
        write_json(&Value::Object(m), style)
    }
}

/// Write every single value of `Action`/`Resource`/principal ids/condition values as a
/// one-element array (`wrap`), or every one-element array bare (SPEC §2.1: "a single value
/// may be written without brackets").
fn reshape_statement(stmt: &Value, wrap: bool) -> Value {
    let shape = |v: &Value| -> Value {
        match (v, wrap) {
            (Value::Array(items), false) if items.len() == 1 => items[0].clone(),
            (Value::Array(_), _) => v.clone(),
            (_, true) => Value::Array(vec![v.clone()]),
            _ => v.clone(),
        }
    };
    let Value::Object(m) = stmt else {
        return stmt.clone();
    };
    let mut out = Map::new();
    for (k, v) in m {
        let nv = match k.as_str() {
            "Action" | "NotAction" | "Resource" | "NotResource" => shape(v),
            "Principal" | "NotPrincipal" => match v {
                Value::Object(ids) => {
                    Value::Object(ids.iter().map(|(t, id)| (t.clone(), shape(id))).collect())
                }
                other => other.clone(),
            },
            "Condition" => match v {
                Value::Object(ops) => Value::Object(
                    ops.iter()
                        .map(|(op, keys)| {
                            let keys = match keys {
                                Value::Object(ks) => Value::Object(
                                    ks.iter().map(|(k, vs)| (k.clone(), shape(vs))).collect(),
                                ),
                                other => other.clone(),
                            };
                            (op.clone(), keys)
                        })
                        .collect(),
                ),
                other => other.clone(),
            },
            _ => v.clone(),
        };
        out.insert(k.clone(), nv);
    }
    Value::Object(out)
}

// ------------------------------------------------------------------------------------------
// JSON formatting
// ------------------------------------------------------------------------------------------

/// How to lay JSON out: whitespace around tokens and the order of object members.
#[derive(Clone, Copy, Debug)]
struct Style {
    indent: &'static str,
    newline: &'static str,
    colon: &'static str,
    reverse_members: bool,
}

const COMPACT: Style = Style {
    indent: "",
    newline: "",
    colon: ":",
    reverse_members: false,
};

const STYLES: &[Style] = &[
    COMPACT,
    Style {
        indent: "  ",
        newline: "\n",
        colon: ": ",
        reverse_members: false,
    },
    Style {
        indent: "\t",
        newline: "\r\n",
        colon: " : ",
        reverse_members: false,
    },
    Style {
        indent: "        ",
        newline: "\n\n",
        colon: ":\t",
        reverse_members: true,
    },
    Style {
        indent: "",
        newline: " ",
        colon: " :",
        reverse_members: true,
    },
];

/// Write `v` in `style` (strings and numbers as serde_json writes them).
fn write_json(v: &Value, style: Style) -> String {
    let mut out = String::new();
    write_value(v, style, 0, &mut out);
    out
}

fn write_value(v: &Value, style: Style, depth: usize, out: &mut String) {
    let line = |out: &mut String, depth: usize| {
        out.push_str(style.newline);
        if !style.newline.is_empty() {
            for _ in 0..depth {
                out.push_str(style.indent);
            }
        }
    };
    match v {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                line(out, depth + 1);
                write_value(item, style, depth + 1, out);
            }
            line(out, depth);
            out.push(']');
        }
        Value::Object(m) if !m.is_empty() => {
            out.push('{');
            let mut members: Vec<(&String, &Value)> = m.iter().collect();
            if style.reverse_members {
                members.reverse();
            }
            for (i, (k, item)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                line(out, depth + 1);
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push_str(style.colon);
                write_value(item, style, depth + 1, out);
            }
            line(out, depth);
            out.push('}');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap()),
    }
}

// ------------------------------------------------------------------------------------------
// Strategies
// ------------------------------------------------------------------------------------------

/// A string, or (sometimes) a list of 1..=max strings from `items`.
fn one_or_list(items: &'static [&'static str], max: usize) -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(prop::sample::select(items), 1..=max),
        any::<bool>(),
    )
        .prop_map(|(v, bare)| {
            if bare && v.len() == 1 {
                json!(v[0])
            } else {
                json!(v)
            }
        })
}

/// One `(operator, key, values)` condition.
fn condition() -> impl Strategy<Value = (String, String, Value)> {
    (0..FAMILIES.len())
        .prop_flat_map(|f| {
            let fam = &FAMILIES[f];
            (
                Just(f),
                prop::sample::select(fam.operators),
                prop::sample::select(fam.keys),
                prop::collection::vec(prop::sample::select((fam.values)()), 1..=3),
                prop_oneof![4 => Just(""), 1 => Just("ForAnyValue:"), 1 => Just("ForAllValues:")],
                prop::bool::weighted(0.25),
                any::<bool>(),
            )
        })
        .prop_map(|(f, op, key, values, set, if_exists, bare)| {
            let fam = &FAMILIES[f];
            let mut name = String::new();
            if fam.qualifiers {
                name.push_str(set);
            }
            name.push_str(op);
            if fam.qualifiers && if_exists {
                name.push_str("IfExists");
            }
            // `Null` takes one value; otherwise a single value is sometimes written bare.
            let values = if op == "Null" || (bare && values.len() == 1) {
                values[0].clone()
            } else {
                Value::Array(values)
            };
            (name, key.to_string(), values)
        })
}

/// A `Condition` block (absent most of the time).
fn condition_block() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        2 => Just(None),
        1 => prop::collection::vec(condition(), 1..=3).prop_map(|cs| {
            let mut block = Map::new();
            for (op, key, values) in cs {
                let entry = block
                    .entry(op)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(keys) = entry {
                    keys.insert(key, values);
                }
            }
            Some(Value::Object(block))
        }),
    ]
}

fn principal() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("*")),
        Just(json!({"AWS": "*"})),
        Just(json!({"AWS": ACCOUNT})),
        Just(json!({"AWS": "arn:aws:iam::111122223333:root"})),
        Just(json!({"AWS": "arn:aws:iam::111122223333:user/alice"})),
        Just(json!({"AWS": "arn:aws:iam::111122223333:role/app"})),
        Just(json!({"AWS": "arn:aws:sts::111122223333:assumed-role/app/s1"})),
        Just(json!({"AWS": "arn:aws:sts::111122223333:federated-user/fed"})),
        Just(json!({"AWS": "arn:aws:iam::444455556666:root"})),
        Just(json!({"AWS": ["arn:aws:iam::444455556666:user/bob", ACCOUNT]})),
        Just(json!({"Service": "s3.amazonaws.com"})),
    ]
}

/// One statement valid in a policy of `layer`; `effect` forces the effect.
fn statement(layer: Layer, effect: Option<&'static str>) -> impl Strategy<Value = Value> {
    let effect = match effect {
        Some(e) => Just(e).boxed(),
        None => prop_oneof![4 => Just("Allow"), 1 => Just("Deny")].boxed(),
    };
    let principal = if matches!(layer, Layer::Rcp | Layer::Vpce) {
        Just(json!("*")).boxed()
    } else {
        principal().boxed()
    };
    (
        effect,
        prop::bool::weighted(0.15),
        one_or_list(ACTION_PATTERNS, 3),
        prop::bool::weighted(0.15),
        one_or_list(RESOURCE_PATTERNS, 2),
        // Resource may be left out in resource-based policies, SCPs and RCPs.
        prop::bool::weighted(if layer == Layer::Resource { 0.4 } else { 0.1 }),
        condition_block(),
        prop::option::weighted(0.3, prop::sample::select(SIDS)),
        principal,
        prop::bool::weighted(0.1),
    )
        .prop_map(
            move |(
                effect,
                not_action,
                action,
                not_resource,
                resource,
                no_resource,
                cond,
                sid,
                principal,
                not_principal,
            )| {
                let mut m = Map::new();
                if let Some(sid) = sid {
                    m.insert("Sid".into(), json!(sid));
                }
                m.insert("Effect".into(), json!(effect));
                if layer.has_principal() {
                    // NotPrincipal only with Deny (SPEC §3.3: Allow + NotPrincipal not modelled).
                    let key = if not_principal && effect == "Deny" && layer == Layer::Resource {
                        "NotPrincipal"
                    } else {
                        "Principal"
                    };
                    m.insert(key.into(), principal);
                }
                m.insert(
                    if not_action { "NotAction" } else { "Action" }.into(),
                    action,
                );
                let optional_resource = matches!(
                    layer,
                    Layer::Resource | Layer::Scp | Layer::Rcp | Layer::Vpce
                );
                if !(optional_resource && no_resource) {
                    m.insert(
                        if not_resource {
                            "NotResource"
                        } else {
                            "Resource"
                        }
                        .into(),
                        resource,
                    );
                }
                if let Some(c) = cond {
                    m.insert("Condition".into(), c);
                }
                Value::Object(m)
            },
        )
}

/// A policy of `layer` with 1..=max statements.
fn policy(layer: Layer, max: usize) -> impl Strategy<Value = Pol> {
    (
        prop::sample::select(VERSIONS),
        prop::collection::vec(statement(layer, None), 1..=max),
    )
        .prop_map(|(version, statements)| Pol {
            version,
            statements,
        })
}

/// A guardrail policy (SCP, RCP, boundary, session policy): often "allow everything", the way
/// `FullAWSAccess`/`RCPFullAWSAccess` are attached in practice, so requests can get through.
fn guardrail(layer: Layer) -> impl Strategy<Value = Pol> {
    let full = if layer.has_principal() {
        json!({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})
    } else {
        json!({"Effect": "Allow", "Action": "*", "Resource": "*"})
    };
    prop_oneof![
        1 => Just(Pol::new(vec![full])),
        1 => policy(layer, 3),
    ]
}

fn context() -> impl Strategy<Value = Vec<Ctx>> {
    prop::sample::subsequence((0..CONTEXT.len()).collect::<Vec<_>>(), 0..=5).prop_flat_map(|keys| {
        keys.into_iter()
            .map(|k| {
                let (key, t, values) = CONTEXT[k];
                let max = if t.is_list() { 3 } else { 1 };
                (
                    prop::collection::vec(prop::sample::select(values), 1..=max),
                    any::<bool>(),
                )
                    .prop_map(move |(values, typed)| Ctx {
                        key: key.to_string(),
                        values,
                        key_type: typed.then_some(t),
                    })
            })
            .collect::<Vec<_>>()
    })
}

fn model() -> impl Strategy<Value = Model> {
    (
        prop::collection::vec(policy(Layer::Identity, 4), 0..=3),
        prop::collection::vec(guardrail(Layer::Boundary), 0..=1),
        prop::collection::vec(prop::collection::vec(guardrail(Layer::Scp), 1..=2), 0..=2),
        prop::collection::vec(prop::collection::vec(guardrail(Layer::Rcp), 1..=2), 0..=1),
        prop::collection::vec(guardrail(Layer::Session), 0..=1),
        prop::option::weighted(0.5, policy(Layer::Resource, 3)),
        prop::option::weighted(0.2, prop::option::weighted(0.8, guardrail(Layer::Vpce))),
        prop::option::weighted(0.3, prop::sample::select(OWNERS)),
        prop::sample::select(CALLERS),
        prop::collection::vec(prop::sample::select(ACTIONS), 1..=3),
        prop::collection::vec(prop::sample::select(RESOURCES), 0..=2),
        context(),
    )
        .prop_map(
            |(
                identity,
                boundary,
                scp,
                rcp,
                session,
                resource,
                vpce,
                owner,
                caller,
                actions,
                resources,
                context,
            )| Model {
                identity,
                boundary,
                scp,
                rcp,
                session,
                resource,
                vpce,
                owner,
                caller,
                actions: actions.into_iter().map(str::to_string).collect(),
                resources,
                context,
            },
        )
}

/// A model whose caller is evaluated against identity policies (user, role session,
/// federated user or unspecified).
fn model_with_identity_caller() -> impl Strategy<Value = Model> {
    model().prop_filter("caller without identity policies", |m| {
        Layer::Identity.applies_to(m.caller)
    })
}

fn style() -> impl Strategy<Value = Style> {
    prop::sample::select(STYLES)
}

/// Make a statement generated for a resource-based policy valid in a policy of `layer`: no
/// principal outside resource policies and RCPs (`"*"` in RCPs), and a `Resource` where one is
/// required.
fn fit(stmt: Value, layer: Layer) -> Value {
    let Value::Object(mut m) = stmt else {
        return stmt;
    };
    match layer {
        Layer::Resource => {}
        Layer::Rcp | Layer::Vpce => {
            m.remove("NotPrincipal");
            m.insert("Principal".into(), json!("*"));
        }
        _ => {
            m.remove("Principal");
            m.remove("NotPrincipal");
        }
    }
    if !matches!(
        layer,
        Layer::Resource | Layer::Scp | Layer::Rcp | Layer::Vpce
    ) && !m.contains_key("Resource")
        && !m.contains_key("NotResource")
    {
        m.insert("Resource".into(), json!("*"));
    }
    Value::Object(m)
}

fn layer_for(m: &Model, pick: &Index) -> Layer {
    let ok: Vec<Layer> = LAYERS
        .iter()
        .copied()
        .filter(|l| l.applies_to(m.caller))
        .collect();
    ok[pick.index(ok.len())]
}

// ------------------------------------------------------------------------------------------
// Running
// ------------------------------------------------------------------------------------------

fn decisions(s: &Scenario) -> Result<Vec<EvalDecision>, TestCaseError> {
    let out = simulate(s, &Options::default());
    match out.results {
        Some(r) => Ok(r.iter().map(|r| r.eval_decision).collect()),
        None => Err(TestCaseError::fail(format!(
            "a generated scenario was rejected: {:?}",
            out.diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format!("{}: {}", d.policy_id.as_deref().unwrap_or("-"), d.message))
                .collect::<Vec<_>>()
        ))),
    }
}

fn run(m: &Model) -> Result<Vec<EvalDecision>, TestCaseError> {
    decisions(&m.scenario(COMPACT, None))
}

fn run_text(text: &str) -> Result<Vec<EvalDecision>, TestCaseError> {
    match parse_scenario(text) {
        Ok(s) => decisions(&s),
        Err(d) => Err(TestCaseError::fail(format!(
            "a generated scenario file was rejected: {:?}\n{text}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        ))),
    }
}

/// How permissive a decision is: allowed > implicitDeny > explicitDeny.
fn rank(d: EvalDecision) -> u8 {
    match d {
        EvalDecision::ExplicitDeny => 0,
        EvalDecision::ImplicitDeny => 1,
        EvalDecision::Allowed => 2,
    }
}

/// A tiny deterministic shuffle (the seed comes from proptest, so failures replay).
fn shuffle<T>(v: &mut [T], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        let j = (next(seed) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}

/// The next pseudo-random number of a xorshift sequence.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// `text` with the case of its ASCII letters flipped at random.
fn recase(text: &str, seed: &mut u64) -> String {
    text.chars()
        .map(|c| {
            if next(seed) & 1 == 1 {
                if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            } else {
                c
            }
        })
        .collect()
}

/// Policy-variable names as written in the vocabulary, and re-cased forms of them.
const VARIABLES: &[(&str, &str)] = &[
    ("${aws:username}", "${AWS:UserName}"),
    ("${aws:PrincipalTag/team", "${aws:principaltag/TEAM"),
];

/// Re-case what IAM compares case-insensitively (SPEC §2.8): action names and patterns,
/// condition key names (including the tag key part), policy-variable names and context key
/// names. Values, ARNs and element names are left alone.
fn recase_model(m: &Model, seed: &mut u64) -> Model {
    let mut out = m.clone();
    let vars = |text: &str| {
        VARIABLES
            .iter()
            .fold(text.to_string(), |t, (from, to)| t.replace(from, to))
    };
    let strings = |v: &Value, f: &mut dyn FnMut(&str) -> String| -> Value {
        match v {
            Value::String(s) => Value::String(f(s)),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|i| match i {
                        Value::String(s) => Value::String(f(s)),
                        other => other.clone(),
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    };
    for pol in out.policies_mut() {
        for st in &mut pol.statements {
            let Value::Object(fields) = st else { continue };
            for (k, v) in fields.iter_mut() {
                match k.as_str() {
                    "Action" | "NotAction" => *v = strings(v, &mut |s| recase(s, seed)),
                    "Resource" | "NotResource" => *v = strings(v, &mut |s| vars(s)),
                    "Condition" => {
                        let Value::Object(ops) = v else { continue };
                        for keys in ops.values_mut() {
                            let Value::Object(ks) = keys else { continue };
                            *ks = ks
                                .iter()
                                .map(|(key, values)| {
                                    (recase(key, seed), strings(values, &mut |s| vars(s)))
                                })
                                .collect();
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    for a in &mut out.actions {
        *a = recase(a, seed);
    }
    for c in &mut out.context {
        c.key = recase(&c.key, seed);
    }
    out
}

const KINDS: [PolicyKind; 7] = [
    PolicyKind::Identity,
    PolicyKind::Resource,
    PolicyKind::Boundary,
    PolicyKind::ServiceControl,
    PolicyKind::ResourceControl,
    PolicyKind::Session,
    PolicyKind::VpcEndpoint,
];

/// Everything a user can do with a text (as the CLI and the app do); must not panic.
fn exercise_text(text: &str) {
    for kind in KINDS {
        let _ = validate_policy(text, kind, "p");
    }
    if let Ok((input, mut diags)) = parse_input(text) {
        let (outcome, origins) = match &input {
            Input::Policies(s) => {
                diags.extend(validate(s));
                exercise_scenario(s);
                (simulate(s, &Options::default()), s.origins.clone())
            }
            Input::World(w) => {
                let opts = Options {
                    trace: true,
                    now_epoch_seconds: Some(1_700_000_000),
                };
                (simulate_world(w, &opts), w.origins.clone())
            }
        };
        diags.extend(outcome.diagnostics.iter().cloned());
        locate_in_file(&mut diags, &origins, text);
        let _ = serde_json::to_string(&outcome).unwrap();
    }
}

fn exercise_scenario(s: &Scenario) {
    let _ = validate(s);
    let opts = Options {
        trace: true,
        now_epoch_seconds: Some(1_700_000_000),
    };
    let out = simulate(s, &opts);
    let _ = serde_json::to_string(&out).unwrap();
    let _ = scenario_to_json(s);
}

// ------------------------------------------------------------------------------------------
// Arbitrary input
// ------------------------------------------------------------------------------------------

/// Words of the scenario format and the policy language, to make random JSON look real.
const WORDS: &[&str] = &[
    "PolicyInputList",
    "ActionNames",
    "ResourceArns",
    "ResourcePolicy",
    "CallerArn",
    "ContextEntries",
    "ContextKeyName",
    "ContextKeyValues",
    "ContextKeyType",
    "ServiceControlPolicyInputList",
    "OrderedOrganizationPolicyInputList",
    "ResourceHandlingOption",
    "MaxItems",
    "Marker",
    "PermissionsBoundaryPolicyInputList",
    "SessionPolicyInputList",
    "VpcEndpointPolicyInputList",
    "VpcEndpointId",
    "ManagementAccount",
    "KeyManager",
    "Version",
    "Statement",
    "Sid",
    "Effect",
    "Allow",
    "Deny",
    "Principal",
    "NotPrincipal",
    "AWS",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
    "StringLike",
    "ForAnyValue:StringEqualsIfExists",
    "NumericLessThan",
    "DateGreaterThan",
    "IpAddress",
    "Bool",
    "Null",
    "ArnLike",
    "BinaryEquals",
    "aws:SourceIp",
    "aws:username",
    "aws:TagKeys",
    "2012-10-17",
    "2008-10-17",
    "*",
    "s3:GetObject",
    "s3:*",
    "arn:aws:s3:::b/*",
    "arn:aws:iam::111122223333:user/alice",
    "arn:aws:iam::111122223333:root",
    "${aws:username}",
    "${aws:x, 'd'}",
    "${",
    "10.0.0.0/8",
    "2020-01-01T00:00:00Z",
    "true",
    "stringList",
    "",
    // The v2 `World` form.
    "World",
    "Request",
    "Users",
    "Roles",
    "Groups",
    "Resources",
    "Organization",
    "Root",
    "Children",
    "Accounts",
    "Arn",
    "Tags",
    "TrustPolicy",
    "Policies",
    "PermissionsBoundary",
    "AssumeRoleChain",
    "RoleArn",
    "AssumeRole",
    "Api",
    "arn:aws:iam::111122223333:role/app",
];

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(|n| json!(n)),
        1 => any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        3 => prop::sample::select(WORDS).prop_map(|w| json!(w)),
        1 => ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(
                (prop_oneof![3 => prop::sample::select(WORDS).prop_map(str::to_string), 1 => ".{0,8}"], inner),
                0..5
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// JSON-ish token soup: mostly near-valid input that reaches deep into the parser.
fn token_soup() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\n",
        "\"",
        "\"Statement\"",
        "\"Effect\"",
        "\"Allow\"",
        "\"Action\"",
        "\"Resource\"",
        "\"Condition\"",
        "\"*\"",
        "\"PolicyInputList\"",
        "\"ActionNames\"",
        "\"s3:GetObject\"",
        "\"StringLike\"",
        "\"aws:SourceIp\"",
        "true",
        "null",
        "1e999",
        "-0",
        "0.5e-3",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"\\udc00\\ud800\"",
        "\"${aws:username}\"",
        "\"\\\"\"",
        "\\",
        "é",
        "🦀",
        "\u{0}",
        "\u{feff}",
    ];
    prop::collection::vec(prop::sample::select(TOKENS), 0..64).prop_map(|t| t.concat())
}

/// A random edit of a text, on character boundaries.
#[derive(Clone, Debug)]
enum Edit {
    Delete(Index, usize),
    Insert(Index, &'static str),
    Duplicate(Index, usize),
    Truncate(Index),
}

const INSERTS: &[&str] = &[
    "${",
    "}",
    "${aws:username",
    "'",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "*",
    "?",
    ",",
    ":",
    "[",
    "]",
    "{",
    "{}",
    "[]",
    "null",
    "-",
    "0",
    "é",
    "\u{202e}",
    "\u{10ffff}",
    "\u{0}",
    "\t",
    "${aws:x, 'y'}",
    "${*}",
    "IfExists",
    "ForAllValues:",
    "Not",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), 1usize..8).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<Index>(), prop::sample::select(INSERTS)).prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<Index>(), 1usize..16).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        any::<Index>().prop_map(Edit::Truncate),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let len = chars.len();
        match e {
            Edit::Delete(i, n) if len > 0 => {
                let at = i.index(len);
                chars.drain(at..(at + n).min(len));
            }
            Edit::Insert(i, s) => {
                let at = i.index(len + 1);
                chars.splice(at..at, s.chars());
            }
            Edit::Duplicate(i, n) if len > 0 => {
                let at = i.index(len);
                let piece: Vec<char> = chars[at..(at + n).min(len)].to_vec();
                chars.splice(at..at, piece);
            }
            Edit::Truncate(i) => chars.truncate(i.index(len + 1)),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

// ------------------------------------------------------------------------------------------
// A reference model of §3, §4 and §6.3 for an IAM user without a resource-based policy
// ------------------------------------------------------------------------------------------

/// `*`/`?` wildcard match of the whole text, written independently of the engine's.
fn wildcard(pattern: &[char], text: &[char], fold: bool) -> bool {
    // dp[j]: pattern[..i] matches text[..j].
    let mut dp = vec![false; text.len() + 1];
    dp[0] = true;
    for &p in pattern {
        let mut next = vec![false; text.len() + 1];
        for j in 0..=text.len() {
            next[j] = match p {
                '*' => dp[j] || (j > 0 && next[j - 1]),
                '?' => j > 0 && dp[j - 1],
                c => {
                    j > 0
                        && dp[j - 1]
                        && if fold {
                            c.eq_ignore_ascii_case(&text[j - 1])
                        } else {
                            c == text[j - 1]
                        }
                }
            };
        }
        dp = next;
    }
    dp[text.len()]
}

fn glob_ref(pattern: &str, text: &str, fold: bool) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    wildcard(&p, &t, fold)
}

/// SPEC §3.2 for six-component patterns; `None` where the spec leaves it open.
fn resource_ref(pattern: &str, resource: &str) -> Option<bool> {
    if pattern == "*" {
        return Some(true);
    }
    if resource == "*" {
        return None; // request resource `*` against an ARN pattern: [AMBIGUOUS] §3.2
    }
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let r: Vec<&str> = resource.splitn(6, ':').collect();
    if p.len() != 6 {
        return None;
    }
    if r.len() != 6 {
        return Some(false);
    }
    Some(p.iter().zip(&r).all(|(p, r)| glob_ref(p, r, false)))
}

/// The request context of an IAM user `alice` (SPEC §11: given entries win; derived keys).
fn context_ref(m: &Model, resource_account: &str) -> Vec<(String, Vec<String>)> {
    let mut ctx: Vec<(String, Vec<String>)> = m
        .context
        .iter()
        .map(|c| {
            (
                c.key.to_ascii_lowercase(),
                c.values.iter().map(|v| v.to_string()).collect(),
            )
        })
        .collect();
    for (k, v) in [
        ("aws:username", "alice"),
        ("aws:principalarn", "arn:aws:iam::111122223333:user/alice"),
        ("aws:principalaccount", ACCOUNT),
        ("aws:principaltype", "User"),
        ("aws:principalisawsservice", "false"),
        ("aws:resourceaccount", resource_account),
    ] {
        if !ctx.iter().any(|(key, _)| key == k) {
            ctx.push((k.to_string(), vec![v.to_string()]));
        }
    }
    ctx
}

/// One value test of a base operator (before negation); `None` when not modelled.
fn compare_ref(base: &str, v: &str, p: &str) -> Option<bool> {
    let num = |x: &str| x.parse::<f64>().ok();
    Some(match base {
        "StringEquals" => v == p,
        "StringEqualsIgnoreCase" => v.eq_ignore_ascii_case(p),
        "StringLike" => glob_ref(p, v, false),
        "NumericEquals" => num(v)? == num(p)?,
        "NumericLessThan" => num(v)? < num(p)?,
        "NumericGreaterThanEquals" => num(v)? >= num(p)?,
        "Bool" => v == p,
        "IpAddress" => {
            let ip: std::net::IpAddr = v.parse().ok()?;
            let net: ipnet::IpNet = p
                .parse()
                .ok()
                .or_else(|| p.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from))?;
            net.contains(&ip)
        }
        _ => return None,
    })
}

/// SPEC §4: one `(operator, key, values)` condition; `None` where the spec is ambiguous or
/// the family is not modelled (Date, ARN).
fn condition_ref(
    op: &str,
    key: &str,
    values: &Value,
    ctx: &[(String, Vec<String>)],
) -> Option<bool> {
    let (set, rest) = match op.split_once(':') {
        Some((set, rest)) => (Some(set), rest),
        None => (None, op),
    };
    let (base, if_exists) = match rest.strip_suffix("IfExists") {
        Some(b) => (b, true),
        None => (rest, false),
    };
    let policy: Vec<String> = match values {
        Value::Array(vs) => vs.iter().map(value_text).collect(),
        v => vec![value_text(v)],
    };
    if policy.iter().any(|p| p.contains("${")) {
        return None; // variables: only literal text is modelled
    }
    let found: Vec<String> = ctx
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let multivalued = key.eq_ignore_ascii_case("aws:TagKeys");
    if base == "Null" {
        // §4.4.8: `true` = absent, `false` = present.
        return Some(
            policy.first()? == "true" && found.is_empty()
                || policy.first()? == "false" && !found.is_empty(),
        );
    }
    // §4.1/§4.3: every `…Not…` operator is the negation of its positive form.
    let negated = base.contains("Not");
    let positive = base.replacen("Not", "", 1);
    let positive = positive.as_str();
    // §4.1: negated operators hold when no policy value matches.
    let test = |v: &str| -> Option<bool> {
        let mut any = false;
        for p in &policy {
            any |= compare_ref(positive, v, p)?;
        }
        Some(any != negated)
    };
    match set {
        Some(_) if if_exists || !multivalued => None, // §4.5 [AMBIGUOUS]
        Some("ForAllValues") => {
            let mut all = true;
            for v in &found {
                all &= test(v)?;
            }
            Some(all) // empty → true
        }
        Some(_) => {
            let mut any = false;
            for v in &found {
                any |= test(v)?;
            }
            Some(any) // empty → false
        }
        None if found.is_empty() => Some(if_exists || negated), // §4.3, §4.4.9
        None if found.len() > 1 => None, // plain operator, several values: [AMBIGUOUS] §4.5
        None => test(&found[0]),
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Three-valued AND: `Some(false)` wins over "unknown" (`None`).
fn and3(items: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let mut out = Some(true);
    for x in items {
        match x {
            Some(false) => return Some(false),
            None => out = None,
            Some(true) => {}
        }
    }
    out
}

/// Three-valued OR: `Some(true)` wins over "unknown" (`None`).
fn or3(items: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let mut out = Some(false);
    for x in items {
        match x {
            Some(true) => return Some(true),
            None => out = None,
            Some(false) => {}
        }
    }
    out
}

/// SPEC §6.2 for a statement without `Principal` (or with `"*"`); `None` when the outcome
/// depends on something the spec leaves open.
fn statement_ref(
    st: &Value,
    version: Option<&str>,
    action: &str,
    resource: &str,
    ctx: &[(String, Vec<String>)],
) -> Option<bool> {
    let list = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::Array(vs)) => vs.iter().map(value_text).collect(),
            Some(v) => vec![value_text(v)],
            None => Vec::new(),
        }
    };
    let variables = version == Some("2012-10-17");
    let (actions, not_action) = match st.get("Action") {
        Some(a) => (list(Some(a)), false),
        None => (list(st.get("NotAction")), true),
    };
    let action_ok = or3(actions.iter().map(|p| {
        if p != "*"
            && p.split_once(':')
                .is_some_and(|(svc, _)| svc.contains(['*', '?']))
        {
            None // wildcards in the service prefix: [AMBIGUOUS] §3.1
        } else {
            Some(glob_ref(p, action, true))
        }
    }))
    .map(|m| m != not_action);
    let resource_ok = match (st.get("Resource"), st.get("NotResource")) {
        (None, None) => Some(true),
        (r, n) => {
            let (items, negated) = if r.is_some() {
                (list(r), false)
            } else {
                (list(n), true)
            };
            or3(items.iter().map(|p| {
                if variables && p.contains("${") {
                    None // variables in `Resource`: not modelled
                } else {
                    resource_ref(p, resource)
                }
            }))
            .map(|m| m != negated)
        }
    };
    let conditions = match st.get("Condition") {
        None => Some(true),
        Some(Value::Object(ops)) => and3(ops.iter().flat_map(|(op, keys)| {
            let pairs: Vec<Option<bool>> = match keys {
                Value::Object(keys) => keys
                    .iter()
                    .map(|(key, values)| {
                        if variables && value_text(values).contains("${") {
                            None
                        } else {
                            condition_ref(op, key, values, ctx)
                        }
                    })
                    .collect(),
                _ => vec![None],
            };
            pairs
        })),
        Some(_) => None,
    };
    and3([action_ok, resource_ok, conditions])
}

/// Whether some statement of `pols` with `effect` applies.
fn layer_ref(
    pols: &[Pol],
    effect: &str,
    action: &str,
    resource: &str,
    ctx: &[(String, Vec<String>)],
) -> Option<bool> {
    or3(pols.iter().flat_map(|p| {
        p.statements
            .iter()
            .filter(|st| st.get("Effect").and_then(Value::as_str) == Some(effect))
            .map(|st| statement_ref(st, p.version, action, resource, ctx))
            .collect::<Vec<_>>()
    }))
}

/// SPEC §6.3 (with §12) for the IAM user `alice` of account 111122223333 with no
/// resource-based policy and no session policies; `None` when the spec leaves the outcome open.
fn decide_ref(m: &Model, action: &str, resource: &str) -> Option<EvalDecision> {
    // §12.4: sts:GetCallerIdentity needs no permission, whatever the policies say.
    if action.eq_ignore_ascii_case("sts:GetCallerIdentity") {
        return Some(EvalDecision::Allowed);
    }
    let arn_account = resource
        .split(':')
        .nth(4)
        .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()));
    let owner = m.owner.map(|o| {
        o.trim_start_matches("arn:aws:iam::")
            .trim_end_matches(":root")
    });
    let resource_account = owner.or(arn_account).unwrap_or(ACCOUNT);
    let ctx = context_ref(m, resource_account);
    let scp: Vec<Pol> = m.scp.iter().flatten().cloned().collect();
    // RCPs apply only to services that support them [ORG rcp] (the catalog's list).
    let rcp_levels: &[Vec<Pol>] = if iam_engine::rcp_services::applies_to(action) {
        &m.rcp
    } else {
        &[]
    };
    let rcp: Vec<Pol> = rcp_levels.iter().flatten().cloned().collect();
    // §12.7: the VPC endpoint's policy (the default one allows everything).
    let vpce: Vec<Pol> = m.vpce.iter().flatten().cloned().collect();
    // Step 1: explicit deny anywhere.
    let deny = or3([&m.identity, &m.boundary, &scp, &rcp, &vpce]
        .into_iter()
        .map(|pols| layer_ref(pols, "Deny", action, resource, &ctx)));
    if deny? {
        return Some(EvalDecision::ExplicitDeny);
    }
    // §12.6: AWS managed policies cannot be changed, whatever the policies say.
    if action.eq_ignore_ascii_case("iam:CreatePolicyVersion")
        && resource.starts_with("arn:aws:iam::aws:policy/")
    {
        return Some(EvalDecision::ImplicitDeny);
    }
    // Steps 2–3: every SCP level must allow; every RCP level holds RCPFullAWSAccess (§12.2),
    // so `rcp_levels` never closes the gate.
    let levels = and3(
        m.scp
            .iter()
            .map(|level| layer_ref(level, "Allow", action, resource, &ctx)),
    );
    if !levels? {
        return Some(EvalDecision::ImplicitDeny);
    }
    // §12.7: a request through an endpoint needs an applicable Allow in its policy.
    if m.vpce.as_ref().is_some_and(Option::is_some)
        && !layer_ref(&vpce, "Allow", action, resource, &ctx)?
    {
        return Some(EvalDecision::ImplicitDeny);
    }
    // Steps 5–6 without a resource-based policy (G = none).
    let special = (resource.contains(":iam::")
        && resource.contains(":role/")
        && glob_ref("sts:AssumeRole*", action, true))
        || resource.starts_with("arn:aws:kms:");
    if resource_account != ACCOUNT || special {
        return Some(EvalDecision::ImplicitDeny);
    }
    let i = layer_ref(&m.identity, "Allow", action, resource, &ctx);
    let b = if m.boundary.is_empty() {
        Some(true)
    } else {
        layer_ref(&m.boundary, "Allow", action, resource, &ctx)
    };
    Some(if and3([i, b])? {
        EvalDecision::Allowed
    } else {
        EvalDecision::ImplicitDeny
    })
}

// ------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::default())]

    /// The generator only makes scenarios the engine accepts, and every (action, resource)
    /// pair gets a result, action-major (scenario-format.md, *Response*; SPEC §11).
    #[test]
    fn generated_scenarios_are_valid(m in model()) {
        let s = m.scenario(COMPACT, None);
        let d = decisions(&s)?;
        prop_assert_eq!(d.len(), m.actions.len() * m.resources.len().max(1));
    }

    /// The decision's own path (no trace: only the statements that apply are found) and the
    /// traced path (every statement explained) agree on everything a result reports besides
    /// the trace: the decision, the statements that decided (scenario-format.md, *Response*:
    /// `MatchedStatements`) and the missing context keys, for every caller and policy type.
    #[test]
    fn traced_and_untraced_results_agree(m in model()) {
        let s = m.scenario(COMPACT, None);
        let run = |trace| simulate(&s, &Options { trace, now_epoch_seconds: Some(1_700_000_000) });
        let (plain, traced) = (run(false), run(true));
        let (Some(plain), Some(traced)) = (plain.results, traced.results) else {
            return Err(TestCaseError::fail("a generated scenario was rejected"));
        };
        prop_assert_eq!(plain.len(), traced.len());
        for (p, t) in plain.iter().zip(&traced) {
            prop_assert_eq!(p.eval_decision, t.eval_decision);
            let ids = |r: &iam_engine::EvaluationResult| {
                r.matched_statements
                    .iter()
                    .map(|m| (m.source_policy_id.clone(), m.statement_index, m.sid.clone()))
                    .collect::<Vec<_>>()
            };
            prop_assert_eq!(ids(p), ids(t));
            prop_assert_eq!(&p.missing_context_values, &t.missing_context_values);
        }
    }

    /// SPEC §3 (action and resource matching), §4 (conditions: missing keys, negation,
    /// `IfExists`, `ForAllValues`/`ForAnyValue`, `Null`) and §6.3 (steps 1–3, 5–6): for an
    /// IAM user with identity policies, a boundary, SCP and RCP levels and no resource-based
    /// policy, the engine's decision equals a small independent reference model's. Requests
    /// whose outcome the spec leaves open ([AMBIGUOUS] items, Date/ARN operators, variables)
    /// are skipped.
    #[test]
    fn decisions_match_the_reference_model(m in model()) {
        let mut m = m;
        m.caller = Some("arn:aws:iam::111122223333:user/alice");
        m.resource = None;
        m.session.clear();
        let got = run(&m)?;
        let resources: Vec<&str> = if m.resources.is_empty() { vec!["*"] } else { m.resources.clone() };
        let mut i = 0;
        for a in &m.actions {
            for r in &resources {
                if let Some(want) = decide_ref(&m, a, r) {
                    prop_assert_eq!(got[i], want, "{} on {}", a, r);
                }
                i += 1;
            }
        }
    }

    /// SPEC §6.3 step 1 and §1 (`explicitDeny`): adding an applicable `Deny` on every action
    /// and resource to any identity policy makes every result `explicitDeny`, whatever else
    /// allows it. Identity policies apply to users, role and federated sessions (not to the
    /// root user, services or anonymous callers, §6.3 step 4).
    #[test]
    fn deny_all_in_an_identity_policy_denies_everything(
        mut m in model_with_identity_caller(),
        pick in any::<Index>(),
        at in any::<Index>(),
        fresh in prop::bool::weighted(0.2),
    ) {
        let deny = json!({"Effect": "Deny", "Action": "*", "Resource": "*"});
        m.add_statement(Layer::Identity, deny, &pick, &at, fresh);
        let per_action = m.resources.len().max(1);
        for (i, d) in run(&m)?.into_iter().enumerate() {
            // The one documented exception: sts:GetCallerIdentity (SPEC §12.4).
            if m.actions[i / per_action] == "sts:GetCallerIdentity" {
                prop_assert_eq!(d, EvalDecision::Allowed);
                continue;
            }
            prop_assert_eq!(d, EvalDecision::ExplicitDeny);
        }
    }

    /// SPEC §6.3 step 1: "If any applicable Deny statement exists in: identity policies, the
    /// permissions boundary, session policies, SCPs, RCPs, or the resource-based policy →
    /// explicitDeny" — an explicit deny wins from any policy type that applies to the caller.
    #[test]
    fn deny_all_in_any_applicable_policy_type_wins(
        mut m in model(),
        which in any::<Index>(),
        pick in any::<Index>(),
        at in any::<Index>(),
        fresh in prop::bool::weighted(0.2),
    ) {
        let layer = layer_for(&m, &which);
        let deny = match layer {
            Layer::Rcp => json!({"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}),
            // Resource-based policy: no `Resource` means the resource it is attached to (§2.6).
            Layer::Resource => json!({"Effect": "Deny", "Principal": "*", "Action": "*"}),
            _ => json!({"Effect": "Deny", "Action": "*", "Resource": "*"}),
        };
        m.add_statement(layer, deny, &pick, &at, fresh);
        let per_action = m.resources.len().max(1);
        for (i, d) in run(&m)?.into_iter().enumerate() {
            // RCPs apply only to services that support them [ORG rcp].
            let action = m.actions.get(i / per_action).map(String::as_str).unwrap_or("*");
            if layer == Layer::Rcp && !iam_engine::rcp_services::applies_to(action) {
                continue;
            }
            // sts:GetCallerIdentity: "you can still perform this operation" (SPEC §12.4), for
            // every authenticated caller.
            if action == "sts:GetCallerIdentity" && authenticated(m.caller) {
                prop_assert_eq!(d, EvalDecision::Allowed);
                continue;
            }
            prop_assert_eq!(d, EvalDecision::ExplicitDeny, "Deny * added to {:?}", layer);
        }
    }

    /// SPEC §1 (`explicitDeny` = "at least one applicable policy contains an applicable Deny
    /// statement") and §6.3 step 1: the decision is `explicitDeny` exactly when the trace
    /// shows an applicable policy type whose verdict is Deny.
    #[test]
    fn explicit_deny_iff_an_applicable_deny(m in model()) {
        let s = m.scenario(COMPACT, None);
        let out = simulate(&s, &Options { trace: true, now_epoch_seconds: None });
        for r in out.results.unwrap() {
            let t = r.trace.unwrap();
            let any_deny = t.layers.iter().any(|l| l.verdict == LayerVerdict::Deny);
            // … except for sts:GetCallerIdentity, which a Deny does not stop (SPEC §12.4).
            let exempt = t.deciding_rule == "get-caller-identity";
            prop_assert_eq!(r.eval_decision == EvalDecision::ExplicitDeny, any_deny && !exempt);
            prop_assert_eq!(t.decision, r.eval_decision);
        }
    }

    /// SPEC §6.3 step 1 and §3.1 (`NotAction` with `Deny` "never grants by itself"): adding a
    /// Deny statement — any actions, resources, conditions — to any policy never makes a
    /// result more permissive: `allowed` may become a deny, a deny never becomes `allowed`,
    /// and an explicit deny stays explicit.
    #[test]
    fn deny_statements_never_grant(
        mut m in model(),
        which in any::<Index>(),
        stmt in statement(Layer::Resource, Some("Deny")),
        pick in any::<Index>(),
        at in any::<Index>(),
        fresh in prop::bool::weighted(0.2),
    ) {
        let before = run(&m)?;
        let layer = LAYERS[which.index(LAYERS.len())];
        m.add_statement(layer, fit(stmt, layer), &pick, &at, fresh);
        let after = run(&m)?;
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(rank(*a) <= rank(*b), "{:?} became {:?} after adding a Deny to {:?}", b, a, layer);
        }
    }

    /// SPEC §6.3 steps 5–6 (identity-based Allow statements are OR-ed, [UG POL]; §2.1
    /// "Statements within a policy and across policies are OR-ed for allow purposes"):
    /// adding an Allow statement to an identity policy never turns `allowed` into a deny and
    /// never removes an explicit deny.
    #[test]
    fn identity_allow_never_removes_access(
        mut m in model(),
        stmt in statement(Layer::Identity, Some("Allow")),
        pick in any::<Index>(),
        at in any::<Index>(),
        fresh in prop::bool::weighted(0.3),
    ) {
        let before = run(&m)?;
        m.add_statement(Layer::Identity, stmt, &pick, &at, fresh);
        let after = run(&m)?;
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(rank(*a) >= rank(*b), "{:?} became {:?} after adding an identity Allow", b, a);
        }
    }

    /// SPEC §6.3 steps 5–6 (G = best principal category among applicable resource-policy
    /// Allows): adding an Allow statement to the resource-based policy never removes access.
    #[test]
    fn resource_policy_allow_never_removes_access(
        mut m in model(),
        stmt in statement(Layer::Resource, Some("Allow")),
        at in any::<Index>(),
    ) {
        let before = run(&m)?;
        m.add_statement(Layer::Resource, stmt, &at, &at, false);
        let after = run(&m)?;
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(rank(*a) >= rank(*b), "{:?} became {:?} after adding a resource-policy Allow", b, a);
        }
    }

    /// SPEC §6.3 step 5 (B: "no boundary or boundary Allow applies") and [UG PB] ("effective
    /// = identity ∩ boundary"): setting a permissions boundary never adds permissions.
    #[test]
    fn a_boundary_never_adds_permissions(
        mut m in model(),
        boundary in guardrail(Layer::Boundary),
    ) {
        m.boundary.clear();
        let before = run(&m)?;
        m.boundary.push(boundary);
        let after = run(&m)?;
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(rank(*a) <= rank(*b), "{:?} became {:?} after setting a boundary", b, a);
        }
    }

    /// SPEC §6.3 step 3 and §6.7 (every organization level must allow; SCPs "never grant"):
    /// adding an SCP as a new organization level never adds permissions.
    #[test]
    fn an_scp_level_never_adds_permissions(
        mut m in model(),
        scp in policy(Layer::Scp, 3),
        at in any::<Index>(),
    ) {
        let before = run(&m)?;
        let i = at.index(m.scp.len() + 1);
        m.scp.insert(i, vec![scp]);
        let after = run(&m)?;
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(rank(*a) <= rank(*b), "{:?} became {:?} after adding an SCP level", b, a);
        }
    }

    /// SPEC §6.3 step 2 and §6.7 ("RCPs never grant"): adding an RCP as a new organization
    /// level never adds permissions.
    #[test]
    fn an_rcp_level_never_adds_permissions(
        mut m in model(),
        rcp in policy(Layer::Rcp, 3),
        at in any::<Index>(),
    ) {
        let before = run(&m)?;
        let i = at.index(m.rcp.len() + 1);
        m.rcp.insert(i, vec![rcp]);
        let after = run(&m)?;
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(rank(*a) <= rank(*b), "{:?} became {:?} after adding an RCP level", b, a);
        }
    }

    /// SPEC §12.2: "RCPFullAWSAccess … is automatically attached to the organization root,
    /// every OU, and every account … You cannot detach this policy": every RCP level is
    /// evaluated as holding it, so adding it to any level changes nothing.
    #[test]
    fn adding_rcp_full_aws_access_to_a_level_changes_nothing(
        mut m in model(),
        at in any::<Index>(),
    ) {
        prop_assume!(!m.rcp.is_empty());
        let before = run(&m)?;
        let full = Pol::new(vec![json!({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})]);
        let i = at.index(m.rcp.len());
        m.rcp[i].push(full);
        prop_assert_eq!(run(&m)?, before);
    }

    /// SPEC §12.2 and [ORG rcp] ("No permissions are granted by an RCP"): RCPs act only
    /// through `Deny`, so giving RCPs at all never adds permissions, and a level of `Allow`
    /// statements never removes any.
    #[test]
    fn rcps_never_grant(m in model(), rcp in policy(Layer::Rcp, 3)) {
        let mut without = m.clone();
        without.rcp.clear();
        let before = run(&without)?;
        let mut with = without.clone();
        with.rcp.push(vec![rcp.clone()]);
        for (b, a) in before.iter().zip(&run(&with)?) {
            prop_assert!(rank(*a) <= rank(*b), "{:?} became {:?} with RCPs", b, a);
        }
        let allows_only = Pol {
            version: rcp.version,
            statements: rcp
                .statements
                .into_iter()
                .filter(|s| s.get("Effect") == Some(&json!("Allow")))
                .collect(),
        };
        if !allows_only.statements.is_empty() {
            let mut with = without;
            with.rcp.push(vec![allows_only]);
            prop_assert_eq!(run(&with)?, before);
        }
    }

    /// SPEC §12.7 ([VPC vpc-endpoints-access] "An endpoint policy does not override or
    /// replace identity-based policies or resource-based policies"): sending the request
    /// through an endpoint, whatever its policy, never adds permissions.
    #[test]
    fn a_vpc_endpoint_policy_never_grants(
        mut m in model(),
        endpoint in prop::option::weighted(0.8, guardrail(Layer::Vpce)),
    ) {
        m.vpce = None;
        let before = run(&m)?;
        m.vpce = Some(endpoint);
        for (b, a) in before.iter().zip(&run(&m)?) {
            prop_assert!(rank(*a) <= rank(*b), "{:?} became {:?} through an endpoint", b, a);
        }
    }

    /// SPEC §12.7 ("If you don't attach an endpoint policy, we attach the default endpoint
    /// policy", which "grants full access through the endpoint"): an endpoint with the default
    /// policy decides like no endpoint (the generated conditions never name `aws:SourceVpce`).
    #[test]
    fn the_default_endpoint_policy_changes_nothing(mut m in model()) {
        m.vpce = None;
        let before = run(&m)?;
        m.vpce = Some(None);
        prop_assert_eq!(run(&m)?, before);
    }

    /// SPEC §12.4 ([STS API GetCallerIdentity] "No permissions are required … you can still
    /// perform this operation"): every authenticated caller may call sts:GetCallerIdentity,
    /// whatever the policies say.
    #[test]
    fn get_caller_identity_is_always_allowed(mut m in model()) {
        prop_assume!(authenticated(m.caller));
        m.actions = vec!["sts:GetCallerIdentity".into()];
        for d in run(&m)? {
            prop_assert_eq!(d, EvalDecision::Allowed);
        }
    }

    /// SPEC §6.3 step 5 (S) and §7 ("session permissions = role identity policies ∩ role
    /// boundary ∩ session policies"): passing a session policy never adds permissions. Not for
    /// federated users: per §6.6 a federated session without a session policy is implicitly
    /// denied (GetFederationToken always carries one), so its first session policy may grant.
    #[test]
    fn a_session_policy_never_adds_permissions(
        mut m in model(),
        session in guardrail(Layer::Session),
    ) {
        prop_assume!(caller_kind(m.caller) != Kind::Federated);
        m.session.clear();
        let before = run(&m)?;
        m.session.push(session);
        let after = run(&m)?;
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(rank(*a) <= rank(*b), "{:?} became {:?} after adding a session policy", b, a);
        }
    }

    /// SPEC §2.1 (statements "are OR-ed for allow purposes", elements "may appear in any
    /// order") and §6.3 (the algorithm looks at sets of applicable statements): the decision
    /// does not depend on the order of statements, of policies, of organization levels, of
    /// SCPs within a level, or of context entries.
    #[test]
    fn order_does_not_matter(m in model(), mut seed in 1u64.., style in style()) {
        let before = run(&m)?;
        let mut p = m.clone();
        for pol in p.policies_mut() {
            shuffle(&mut pol.statements, &mut seed);
        }
        shuffle(&mut p.identity, &mut seed);
        shuffle(&mut p.boundary, &mut seed);
        shuffle(&mut p.session, &mut seed);
        shuffle(&mut p.scp, &mut seed);
        for level in &mut p.scp {
            shuffle(level, &mut seed);
        }
        shuffle(&mut p.rcp, &mut seed);
        for level in &mut p.rcp {
            shuffle(level, &mut seed);
        }
        shuffle(&mut p.context, &mut seed);
        let after = decisions(&p.scenario(style, None))?;
        prop_assert_eq!(before, after);
    }

    /// SPEC §2.8: action names and patterns, condition key names (tag keys included),
    /// policy-variable names and context key names are case-insensitive, so re-casing them
    /// changes no decision.
    #[test]
    fn case_insensitive_names_do_not_matter(m in model(), mut seed in 1u64..) {
        let before = run(&m)?;
        let after = run(&recase_model(&m, &mut seed))?;
        prop_assert_eq!(before, after);
    }

    /// SPEC §2.1 ("Statements within a policy and across policies are OR-ed for allow
    /// purposes") and §6.3 (only the set of applicable statements counts): repeating a
    /// statement, or moving an identity policy's statements into a policy of their own,
    /// changes no decision.
    #[test]
    fn duplicating_and_splitting_statements_do_not_matter(
        m in model(),
        which in any::<Index>(),
        stmt in any::<Index>(),
        split in any::<bool>(),
    ) {
        let before = run(&m)?;
        let mut p = m.clone();
        let mut all = p.policies_mut();
        if !all.is_empty() {
            let i = which.index(all.len());
            let pol = &mut all[i];
            let j = stmt.index(pol.statements.len());
            let copy = pol.statements[j].clone();
            pol.statements.push(copy);
        }
        if split {
            if let Some(first) = p.identity.first_mut() {
                if first.statements.len() > 1 {
                    let moved = first.statements.split_off(first.statements.len() / 2);
                    let version = first.version;
                    p.identity.push(Pol { version, statements: moved });
                }
            }
        }
        prop_assert_eq!(before, run(&p)?);
    }

    /// SPEC §11 ("Response decision per (action, resource) in ActionNames-major order") and
    /// §6.3 (each request is decided on its own): simulating several actions and resources at
    /// once gives the same decisions as simulating each pair alone; a context key no policy
    /// mentions changes nothing.
    #[test]
    fn requests_are_independent(m in model()) {
        let all = run(&m)?;
        let mut one_by_one = Vec::new();
        for a in &m.actions {
            let pairs: Vec<Vec<&'static str>> = if m.resources.is_empty() {
                vec![vec![]]
            } else {
                m.resources.iter().map(|r| vec![*r]).collect()
            };
            for r in pairs {
                let mut single = m.clone();
                single.actions = vec![a.clone()];
                single.resources = r;
                one_by_one.extend(run(&single)?);
            }
        }
        prop_assert_eq!(&all, &one_by_one);
        let mut extra = m.clone();
        extra.context.push(Ctx { key: "zz:unrelated".into(), values: vec!["x"], key_type: None });
        prop_assert_eq!(&all, &run(&extra)?);
    }

    /// SPEC §2.1 (JSON; elements in any order; "a single value may be written without
    /// brackets"): whitespace, indentation, line endings, member order and one-element arrays
    /// versus bare values do not change any decision.
    #[test]
    fn formatting_does_not_matter(
        m in model(),
        a in style(),
        b in style(),
        reshape in prop::option::of(any::<bool>()),
    ) {
        let one = decisions(&m.scenario(a, None))?;
        let two = decisions(&m.scenario(b, reshape))?;
        prop_assert_eq!(one, two);
    }

    /// SPEC §2.1 (scenario-format extension: "a policy may be passed as a JSON string or as an
    /// embedded object; both must evaluate identically") and scenario-format.md *Organization
    /// levels* (a flat list is one level): strings, embedded objects, a mix of the two, and
    /// flat versus nested single levels all give the same decisions.
    #[test]
    fn string_and_object_policies_agree(
        m in model(),
        mix in any::<u64>(),
        flat in any::<bool>(),
        style in style(),
    ) {
        let direct = run(&m)?;
        let strings = run_text(&m.scenario_text(&|_| false, flat, style))?;
        let objects = run_text(&m.scenario_text(&|_| true, !flat, style))?;
        let mixed = run_text(&m.scenario_text(&|i| (mix >> (i % 64)) & 1 == 1, flat, style))?;
        prop_assert_eq!(&direct, &strings);
        prop_assert_eq!(&direct, &objects);
        prop_assert_eq!(&direct, &mixed);
    }

    /// SPEC §6.8 ("the engine should report an error rather than a decision") and the crate's
    /// promise of "no panics on any input": arbitrary text, as a scenario file or as a policy
    /// of any type, never panics.
    #[test]
    fn arbitrary_text_never_panics(text in prop_oneof![any::<String>(), token_soup()]) {
        exercise_text(&text);
        let s = Scenario {
            identity_policies: vec![PolicyInput::new("PolicyInputList.1", text.clone())],
            resource_policy: Some(PolicyInput::new("ResourcePolicy", text.clone())),
            scp_levels: vec![vec![PolicyInput::new("ServiceControlPolicyInputList.1.1", text)]],
            action_names: vec!["s3:GetObject".into()],
            ..Scenario::default()
        };
        exercise_scenario(&s);
    }

    /// SPEC §6.8: arbitrary JSON in every scenario field (and inside policies) never panics.
    #[test]
    fn arbitrary_json_scenarios_never_panic(
        fields in prop::collection::vec(
            (prop::sample::select(WORDS), arb_json()),
            0..8,
        ),
        policy in arb_json(),
        style in style(),
    ) {
        let mut m: Map<String, Value> = fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        m.insert("ActionNames".into(), json!(["s3:GetObject"]));
        m.entry("PolicyInputList").or_insert_with(|| json!([policy.clone(), write_json(&policy, style)]));
        exercise_text(&write_json(&Value::Object(m), style));
        exercise_text(&write_json(&policy, style));
    }

    /// SPEC §6.8: valid policies and scenario files with random edits (deleted, inserted,
    /// duplicated or truncated text, including broken escapes, `${` and odd Unicode) never
    /// panic, as policy texts or as whole scenario files.
    #[test]
    fn mutated_policies_never_panic(
        m in model(),
        edits in prop::collection::vec(edit(), 1..5),
        which in any::<Index>(),
        style in style(),
    ) {
        let mut s = m.scenario(style, None);
        let mut texts: Vec<&mut PolicyInput> = Vec::new();
        texts.extend(s.identity_policies.iter_mut());
        texts.extend(s.permissions_boundaries.iter_mut());
        texts.extend(s.scp_levels.iter_mut().flatten());
        texts.extend(s.rcp_levels.iter_mut().flatten());
        texts.extend(s.session_policies.iter_mut());
        texts.extend(s.resource_policy.iter_mut());
        if !texts.is_empty() {
            let i = which.index(texts.len());
            let p = &mut texts[i];
            p.text = apply(&p.text, &edits);
            exercise_text(&p.text);
        }
        exercise_scenario(&s);
        let file = m.scenario_text(&|i| i % 2 == 0, false, style);
        exercise_text(&apply(&file, &edits));
    }

    /// Scenario format (`scenario_to_json`: "`parse(to_json(s))` gives back `s`") and SPEC
    /// §2.1 (string and object forms are equivalent): writing a scenario and reading it back
    /// gives the same scenario and the same decisions; with or without a trace the decisions
    /// are the same.
    #[test]
    fn scenario_json_round_trips(m in model(), style in style(), embed in any::<bool>()) {
        let s = m.scenario(style, None);
        let written = scenario_to_json(&s);
        let mut back = parse_scenario(&written).map_err(|d| {
            TestCaseError::fail(format!("{:?}\n{written}", d.iter().map(|d| &d.message).collect::<Vec<_>>()))
        })?;
        back.origins.clear();
        prop_assert_eq!(&s, &back);
        prop_assert_eq!(decisions(&s)?, decisions(&back)?);

        // From a file with embedded objects: read, write, read again.
        let file = m.scenario_text(&|_| embed, false, style);
        let first = parse_scenario(&file).unwrap();
        let again = parse_scenario(&scenario_to_json(&first)).unwrap();
        prop_assert_eq!(scenario_to_json(&first), scenario_to_json(&again));
        let plain = decisions(&first)?;
        prop_assert_eq!(&plain, &decisions(&again)?);
        let traced: Vec<EvalDecision> = simulate(&first, &Options { trace: true, now_epoch_seconds: None })
            .results
            .unwrap()
            .iter()
            .map(|r| r.eval_decision)
            .collect();
        prop_assert_eq!(plain, traced);
    }
}

proptest! {
    // Each case searches every result's suggestions (up to thousands of evaluations): fewer
    // cases than the other properties.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Issue 13, "what would make it allowed": every suggestion, applied to the scenario the
    /// way a user would (its `ContextEntries` changed) and simulated from scratch, gives a
    /// decision that reaches the goal (allowed for a denied request, denied for an allowed
    /// one); and it is minimal: without any one of its changes it does not. SPEC §6.3 decides
    /// both runs.
    #[test]
    fn every_suggestion_flips_the_decision(m in model()) {
        let s = m.scenario(COMPACT, None);
        let opts = Options { trace: false, now_epoch_seconds: Some(1_700_000_000) };
        let out = simulate(&s, &opts);
        let Some(results) = out.results else {
            return Err(TestCaseError::fail("a generated scenario was rejected"));
        };
        let decide = |s: &Scenario, action: &str, resource: &str| {
            simulate(s, &opts)
                .results
                .unwrap_or_default()
                .into_iter()
                .find(|r| r.eval_action_name == action && r.eval_resource_name == resource)
                .map(|r| r.eval_decision)
        };
        for r in results.iter().take(2) {
            let (a, res) = (&r.eval_action_name, &r.eval_resource_name);
            let Some(w) = iam_engine::flip::what_if(&s, &opts, a, res) else { continue };
            prop_assert_eq!(w.decision, r.eval_decision);
            prop_assert_eq!(w.suggestions.is_empty(), w.none.is_some());
            for sug in &w.suggestions {
                let mut changed = s.clone();
                sug.changes.iter().for_each(|c| c.apply(&mut changed));
                let d = decide(&changed, a, res);
                prop_assert!(d.is_some_and(|d| w.goal.reached(d)), "{} on {}: {} gives {:?}", a, res, sug.words(), d);
                prop_assert_eq!(d, Some(sug.decision));
                if sug.changes.len() > 1 {
                    for skip in 0..sug.changes.len() {
                        let mut partial = s.clone();
                        for (i, c) in sug.changes.iter().enumerate() {
                            if i != skip {
                                c.apply(&mut partial);
                            }
                        }
                        let d = decide(&partial, a, res);
                        prop_assert!(!d.is_some_and(|d| w.goal.reached(d)), "{} is not minimal", sug.words());
                    }
                }
            }
        }
    }
}

//! Validation of a whole scenario file: the scenario's own diagnostics, every policy it holds
//! (each with the type its place in the scenario gives it), and checks across policies, with
//! positions in the file — also inside policies written as escaped JSON strings.

use std::fmt;

use super::document::lint_policy;
use super::finding::{Finding, FindingKind, PolicyType};
use super::view;
use crate::policy::catalog::Catalog;
use crate::policy::managed::{is_reference, ManagedPolicies};
use crate::scenario::world::{OrgNode, WorldScenario};
use crate::scenario::{self, Input};
use crate::text::diag::{Diagnostic, Severity};
use crate::text::json::{self, Member, Node, Value};
use crate::text::span::{ByteRange, LineIndex, SourceMap, Span};

/// The text is not a JSON document, so nothing can be validated.
#[derive(Debug, Clone, PartialEq)]
pub struct NotJson {
    /// What is wrong, lowercase.
    pub message: String,
    /// Where.
    pub span: Span,
}

impl fmt::Display for NotJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}",
            self.span.start_line, self.span.start_column, self.message
        )
    }
}

impl std::error::Error for NotJson {}

/// The result of [`lint_text`].
#[derive(Debug, Clone, PartialEq)]
pub struct Linted {
    /// Whether the text was read as a scenario (else as one policy).
    pub scenario: bool,
    /// Every finding, ordered by position in the text.
    pub findings: Vec<Finding>,
}

/// Whether a parsed JSON document is a scenario rather than a policy: an object with a
/// scenario key and no `Statement`.
pub fn looks_like_scenario(root: &Node) -> bool {
    match &root.value {
        Value::Object(members) => {
            !members.iter().any(|m| m.key == "Statement")
                && members.iter().any(|m| scenario::is_scenario_key(m.key))
        }
        _ => false,
    }
}

/// Validate a text that is either one policy (of `policy_type`) or a whole scenario (found from
/// its top-level keys). `Err` when the text is not JSON.
pub fn lint_text(
    text: &str,
    policy_type: PolicyType,
    catalog: Option<&Catalog>,
) -> Result<Linted, NotJson> {
    lint_text_managed(text, policy_type, catalog, None)
}

/// [`lint_text`] with the AWS managed policies, for scenarios that name them by ARN (their
/// documents are AWS's and are not linted; an unknown name is an error with "did you mean").
pub fn lint_text_managed(
    text: &str,
    policy_type: PolicyType,
    catalog: Option<&Catalog>,
    managed: Option<&ManagedPolicies>,
) -> Result<Linted, NotJson> {
    let arena = json::Arena::for_text(text);
    let root = json::parse(text, &arena).map_err(|e| NotJson {
        message: e.message,
        span: LineIndex::new(text).span(e.range),
    })?;
    if looks_like_scenario(&root) {
        Ok(Linted {
            scenario: true,
            findings: lint_scenario_managed(text, catalog, managed),
        })
    } else {
        Ok(Linted {
            scenario: false,
            findings: lint_policy(text, policy_type, catalog),
        })
    }
}

/// One policy found in a scenario.
struct Embedded {
    id: String,
    text: String,
    map: SourceMap,
    policy_type: PolicyType,
}

/// Validate every policy of a scenario file, and the scenario itself. Findings carry the
/// policy id, the span in the policy and the span in the file, ordered by position in the file.
pub fn lint_scenario(text: &str, catalog: Option<&Catalog>) -> Vec<Finding> {
    lint_scenario_managed(text, catalog, None)
}

/// [`lint_scenario`] with the AWS managed policies (see [`lint_text_managed`]).
pub fn lint_scenario_managed(
    text: &str,
    catalog: Option<&Catalog>,
    managed: Option<&ManagedPolicies>,
) -> Vec<Finding> {
    let index = LineIndex::new(text);
    let arena = json::Arena::for_text(text);
    let root = match json::parse(text, &arena) {
        Ok(r) => r,
        Err(e) => {
            return vec![Finding {
                kind: FindingKind::Error,
                code: "json-syntax",
                message: e.message,
                help: "scenarios are strict JSON: no comments, no trailing commas".into(),
                span: index.span(e.range),
                policy_id: None,
                file_span: None,
            }]
        }
    };
    let (input, diags) = match scenario::parse_input_managed(text, managed) {
        Ok((input, warnings)) => (Some(input), warnings),
        Err(errors) => (None, errors),
    };
    let mut out: Vec<Finding> = diags.iter().filter_map(from_scenario_diag).collect();
    let (policies, levels) = match (&input, &root.value) {
        (Some(Input::World(ws)), _) => (world_policies(ws), Vec::new()),
        (_, Value::Object(members)) if !members.iter().any(|m| m.key == "World") => {
            v1_policies(members, text)
        }
        _ => (Vec::new(), Vec::new()),
    };
    for p in &policies {
        for mut f in lint_policy(&p.text, p.policy_type, catalog) {
            f.policy_id = Some(p.id.clone());
            f.file_span = Some(index.span(p.map.range(ByteRange::new(f.span.start, f.span.end))));
            out.push(f);
        }
    }
    for level in &levels {
        level_allows(level, &policies, &index, &mut out);
    }
    if let Some(Input::Policies(s)) = &input {
        out.extend(resource_handling_note(s, &root, &index));
    }
    out.sort_by_key(|f| (f.position().start, f.kind));
    out
}

fn from_scenario_diag(d: &Diagnostic) -> Option<Finding> {
    Some(Finding {
        kind: match d.severity {
            Severity::Error => FindingKind::Error,
            Severity::Warning => FindingKind::Warning,
        },
        code: d.code,
        message: d.message.clone(),
        help: d
            .help
            .clone()
            .unwrap_or_else(|| "see the scenario format (shared/scenario-format.md)".into()),
        span: d.span?,
        policy_id: None,
        file_span: None,
    })
}

/// A policy value: a JSON string holding the policy, or the policy as an object.
fn embedded(node: &Node, id: String, policy_type: PolicyType, text: &str) -> Option<Embedded> {
    let (body, map) = match &node.value {
        // An AWS managed policy named by ARN: AWS's document, not the user's (the scenario
        // reader reports an unknown name).
        Value::String(s) if is_reference(s.text) => return None,
        Value::String(s) => (s.text.to_string(), s.map()),
        Value::Object(_) => (
            text.get(node.range.start..node.range.end)?.to_string(),
            SourceMap::shifted(node.range.start),
        ),
        _ => return None, // the scenario reader reports it
    };
    Some(Embedded {
        id,
        text: body,
        map,
        policy_type,
    })
}

/// One organization level of a v1 scenario: its policy ids and where it is written.
struct Level {
    policy_type: PolicyType,
    number: usize,
    ids: Vec<String>,
    range: ByteRange,
}

/// The policies of a `SimulateCustomPolicy`-form scenario, with the ids the scenario reader
/// gives them, and its organization levels.
fn v1_policies(members: &[Member], text: &str) -> (Vec<Embedded>, Vec<Level>) {
    let mut policies = Vec::new();
    let mut levels = Vec::new();
    for (i, m) in members.iter().enumerate() {
        if members.iter().take(i).any(|p| p.key == m.key) {
            continue; // a duplicate: the reader reports it and uses the first
        }
        let list_type = match m.key {
            "PolicyInputList" => Some(PolicyType::Identity),
            "PermissionsBoundaryPolicyInputList" => Some(PolicyType::Boundary),
            "SessionPolicyInputList" => Some(PolicyType::Session),
            "VpcEndpointPolicyInputList" => Some(PolicyType::VpcEndpoint),
            _ => None,
        };
        if let (Some(t), Value::Array(items)) = (list_type, &m.value.value) {
            for (n, item) in items.iter().enumerate() {
                policies.extend(embedded(item, format!("{}.{}", m.key, n + 1), t, text));
            }
            continue;
        }
        let org_type = match m.key {
            "ServiceControlPolicyInputList" => Some(PolicyType::ServiceControl),
            "ResourceControlPolicyInputList" => Some(PolicyType::ResourceControl),
            _ => None,
        };
        if let (Some(t), Value::Array(items)) = (org_type, &m.value.value) {
            let nested = items
                .iter()
                .filter(|n| matches!(n.value, Value::Array(_)))
                .count();
            if nested == 0 && !items.is_empty() {
                let mut ids = Vec::new();
                for (n, item) in items.iter().enumerate() {
                    let id = format!("{}.{}", m.key, n + 1);
                    if let Some(e) = embedded(item, id.clone(), t, text) {
                        ids.push(id);
                        policies.push(e);
                    }
                }
                levels.push(Level {
                    policy_type: t,
                    number: 1,
                    ids,
                    range: m.key_range,
                });
            } else if nested == items.len() {
                for (l, level) in items.iter().enumerate() {
                    let Value::Array(ps) = &level.value else {
                        continue;
                    };
                    let mut ids = Vec::new();
                    for (n, item) in ps.iter().enumerate() {
                        let id = format!("{}.{}.{}", m.key, l + 1, n + 1);
                        if let Some(e) = embedded(item, id.clone(), t, text) {
                            ids.push(id);
                            policies.push(e);
                        }
                    }
                    levels.push(Level {
                        policy_type: t,
                        number: l + 1,
                        ids,
                        range: ByteRange::new(level.range.start, level.range.start + 1),
                    });
                }
            }
            continue;
        }
        if m.key == "OrderedOrganizationPolicyInputList" {
            ordered_scps(&m.value, text, &mut policies, &mut levels);
            continue;
        }
        if m.key == "ResourcePolicy" {
            if let Some(mut e) = embedded(
                &m.value,
                "ResourcePolicy".into(),
                PolicyType::Resource,
                text,
            ) {
                if is_trust_policy(&e.text) {
                    e.policy_type = PolicyType::Trust;
                }
                policies.push(e);
            }
        }
    }
    (policies, levels)
}

/// AWS's `OrderedOrganizationPolicyInputList`: one `{"ServiceControlPolicyInputList": [...]}`
/// per organization level, root first (ids as the scenario reader gives them).
fn ordered_scps(value: &Node, text: &str, policies: &mut Vec<Embedded>, levels: &mut Vec<Level>) {
    let Value::Array(items) = &value.value else {
        return; // the scenario reader reports it
    };
    for (l, level) in items.iter().enumerate() {
        let Value::Object(fields) = &level.value else {
            continue;
        };
        let Some(Value::Array(ps)) = fields
            .iter()
            .find(|f| f.key == "ServiceControlPolicyInputList")
            .map(|f| &f.value.value)
        else {
            continue;
        };
        let mut ids = Vec::new();
        for (n, item) in ps.iter().enumerate() {
            let id = format!("OrderedOrganizationPolicyInputList.{}.{}", l + 1, n + 1);
            if let Some(e) = embedded(item, id.clone(), PolicyType::ServiceControl, text) {
                ids.push(id);
                policies.push(e);
            }
        }
        levels.push(Level {
            policy_type: PolicyType::ServiceControl,
            number: l + 1,
            ids,
            range: ByteRange::new(level.range.start, level.range.start + 1),
        });
    }
}

/// What a valid `ResourceHandlingOption` means (IAM API Reference, *SimulateCustomPolicy*): a
/// note, since AWS's simulator then checks `ResourceArns` for the scenario's resources while
/// this tool evaluates each resource on its own. When resources are missing the scenario reader
/// already warns, so there is nothing to add.
fn resource_handling_note(
    s: &scenario::Scenario,
    root: &Node,
    index: &LineIndex<'_>,
) -> Option<Finding> {
    use crate::scenario::aws_api::ResourceHandling;
    let name = s.aws.resource_handling_option.as_deref()?;
    let option = ResourceHandling::find(name)?;
    if !option.missing(&s.resource_arns).is_empty() {
        return None;
    }
    let Value::Object(members) = &root.value else {
        return None;
    };
    let m = members.iter().find(|m| m.key == "ResourceHandlingOption")?;
    Some(Finding {
        kind: FindingKind::Suggestion,
        code: "resource-handling-option",
        message: format!(
            "`{name}` simulates {}: AWS's simulator requires `ResourceArns` to name the {} (all named here)",
            option.meaning,
            ResourceHandling::list(option.requires)
        ),
        help: "nothing to fix: this tool evaluates each resource on its own, with or without the option".into(),
        span: index.span(m.value.range),
        policy_id: None,
        file_span: None,
    })
}

/// A resource policy whose actions are all `sts:` actions is a role trust policy.
fn is_trust_policy(text: &str) -> bool {
    let arena = json::Arena::for_text(text);
    let Ok(root) = json::parse(text, &arena) else {
        return false;
    };
    let policy = view::read(&root);
    let mut actions = policy
        .statements
        .iter()
        .flat_map(|s| s.actions())
        .peekable();
    actions.peek().is_some()
        && actions.all(|a| {
            a.text
                .split_once(':')
                .is_some_and(|(p, _)| p.eq_ignore_ascii_case("sts"))
        })
}

/// Every policy of a `World` scenario with the type its place gives it.
fn world_policies(ws: &WorldScenario) -> Vec<Embedded> {
    let mut found: Vec<(&crate::scenario::PolicyInput, PolicyType)> = Vec::new();
    let w = &ws.world;
    for u in &w.users {
        found.extend(u.policies.iter().map(|p| (p, PolicyType::Identity)));
        found.extend(u.boundary.iter().map(|p| (p, PolicyType::Boundary)));
    }
    for g in &w.groups {
        found.extend(g.policies.iter().map(|p| (p, PolicyType::Identity)));
    }
    for r in &w.roles {
        found.extend(r.trust_policy.iter().map(|p| (p, PolicyType::Trust)));
        found.extend(r.policies.iter().map(|p| (p, PolicyType::Identity)));
        found.extend(r.boundary.iter().map(|p| (p, PolicyType::Boundary)));
    }
    for r in &w.resources {
        found.extend(r.policy.iter().map(|p| (p, PolicyType::Resource)));
    }
    for h in &ws.request.chain {
        found.extend(h.policy.iter().map(|p| (p, PolicyType::Session)));
    }
    if let Some(e) = &ws.request.via_vpc_endpoint {
        found.extend(e.policy.iter().map(|p| (p, PolicyType::VpcEndpoint)));
    }
    fn org<'a>(n: &'a OrgNode, out: &mut Vec<(&'a crate::scenario::PolicyInput, PolicyType)>) {
        out.extend(n.scps.iter().map(|p| (p, PolicyType::ServiceControl)));
        out.extend(n.rcps.iter().map(|p| (p, PolicyType::ResourceControl)));
        for a in &n.accounts {
            out.extend(a.scps.iter().map(|p| (p, PolicyType::ServiceControl)));
            out.extend(a.rcps.iter().map(|p| (p, PolicyType::ResourceControl)));
        }
        for c in &n.children {
            org(c, out);
        }
    }
    if let Some(o) = &w.organization {
        org(&o.root, &mut found);
    }
    found
        .into_iter()
        .filter(|(p, _)| p.managed.is_none())
        .map(|(p, policy_type)| Embedded {
            id: p.id.clone(),
            text: p.text.clone(),
            map: ws
                .origins
                .iter()
                .find(|(id, _)| *id == p.id)
                .map(|(_, m)| m.clone())
                .unwrap_or_default(),
            policy_type,
        })
        .collect()
}

/// [ORG orgs_manage_policies_scps_evaluation]: every level from the root to the account must
/// allow an action, so a level whose SCPs have no `Allow` denies everything (AWS attaches
/// `FullAWSAccess` by default, and it can be detached). RCP levels are not checked:
/// `RCPFullAWSAccess` is attached to every level and cannot be detached, and the engine
/// evaluates every level as holding it (SPEC §12.2).
fn level_allows(
    level: &Level,
    policies: &[Embedded],
    index: &LineIndex<'_>,
    out: &mut Vec<Finding>,
) {
    if level.ids.is_empty() || level.policy_type != PolicyType::ServiceControl {
        return; // an empty level: the scenario reader warns
    }
    let mut any_allow = false;
    for id in &level.ids {
        let Some(p) = policies.iter().find(|p| p.id == *id) else {
            return;
        };
        let arena = json::Arena::for_text(&p.text);
        let Ok(root) = json::parse(&p.text, &arena) else {
            return; // unreadable: maybe it allows; its own findings say what is wrong
        };
        any_allow |= view::read(&root).statements.iter().any(|s| s.is_allow());
    }
    if any_allow {
        return;
    }
    out.push(scp_level_finding(level.number, index.span(level.range)));
}

/// The finding for an SCP level with no `Allow` statement (code `scp-level-allows-nothing`):
/// it will deny everything, and how to fix it. `span` is where the level is written (the app
/// shows it beside the implicit deny it explains, with a default span).
pub fn scp_level_finding(level: usize, span: Span) -> Finding {
    Finding {
        kind: FindingKind::Warning,
        code: "scp-level-allows-nothing",
        message: format!(
            "no SCP at organization level {level} has an `Allow` statement, so every request of the account's principals is implicitly denied there: an SCP level must allow what its accounts may do"
        ),
        help: "attach `FullAWSAccess` (`{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}`) at that level, as AWS does by default, or an SCP that allows the actions the accounts need".into(),
        span,
        policy_id: None,
        file_span: None,
    }
}

/// The organization levels of a policy-list scenario's SCPs that have no `Allow` statement at
/// all (1-based), each with its finding: every request of the caller's account is implicitly
/// denied there. Policies that do not parse are taken to allow (their own findings say what is
/// wrong).
pub fn scp_levels_allowing_nothing(s: &crate::scenario::Scenario) -> Vec<Finding> {
    s.scp_levels
        .iter()
        .enumerate()
        .filter(|(_, level)| {
            !level.is_empty()
                && level.iter().all(|p| {
                    let arena = json::Arena::for_text(&p.text);
                    match json::parse(&p.text, &arena) {
                        Ok(root) => !view::read(&root).statements.iter().any(|s| s.is_allow()),
                        Err(_) => false,
                    }
                })
        })
        .map(|(i, _)| scp_level_finding(i + 1, Span::default()))
        .collect()
}

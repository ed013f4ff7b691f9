//! The v1 scenario: AWS `SimulateCustomPolicy` input plus extensions (shared/scenario-format.md),
//! read from its JSON members and written back.

use serde::Serialize;

use super::read::{PolicyInput, Reader};
use crate::request::context::{ContextEntry, ContextKeyType};
use crate::text::json::{Member, Node, Value};
use crate::text::span::{ByteRange, SourceMap};

/// A simulation request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scenario {
    /// `PolicyInputList`: identity-based policies of the caller.
    pub identity_policies: Vec<PolicyInput>,
    /// `PermissionsBoundaryPolicyInputList`.
    pub permissions_boundaries: Vec<PolicyInput>,
    /// `ServiceControlPolicyInputList`, by organization level (root first).
    pub scp_levels: Vec<Vec<PolicyInput>>,
    /// `ResourceControlPolicyInputList`, by organization level (root first).
    pub rcp_levels: Vec<Vec<PolicyInput>>,
    /// `SessionPolicyInputList`.
    pub session_policies: Vec<PolicyInput>,
    /// `ResourcePolicy`.
    pub resource_policy: Option<PolicyInput>,
    /// `ResourceOwner`: account ARN (or ID) owning the resource.
    pub resource_owner: Option<String>,
    /// `CallerArn`.
    pub caller_arn: Option<String>,
    /// `ActionNames`.
    pub action_names: Vec<String>,
    /// `ResourceArns` (empty means `["*"]`).
    pub resource_arns: Vec<String>,
    /// `ContextEntries`.
    pub context_entries: Vec<ContextEntry>,
    /// Where each policy's text came from in the scenario file, by policy id.
    pub origins: Vec<(String, SourceMap)>,
}

impl Scenario {
    /// Every policy with its type, in a stable order.
    pub fn policies(&self) -> Vec<(&PolicyInput, crate::policy::PolicyKind, Option<usize>)> {
        use crate::policy::PolicyKind as K;
        let mut out = Vec::new();
        out.extend(
            self.identity_policies
                .iter()
                .map(|p| (p, K::Identity, None)),
        );
        out.extend(
            self.permissions_boundaries
                .iter()
                .map(|p| (p, K::Boundary, None)),
        );
        for (i, level) in self.scp_levels.iter().enumerate() {
            out.extend(level.iter().map(|p| (p, K::ServiceControl, Some(i + 1))));
        }
        for (i, level) in self.rcp_levels.iter().enumerate() {
            out.extend(level.iter().map(|p| (p, K::ResourceControl, Some(i + 1))));
        }
        out.extend(self.session_policies.iter().map(|p| (p, K::Session, None)));
        out.extend(self.resource_policy.iter().map(|p| (p, K::Resource, None)));
        out
    }

    /// The source map of a policy, if it was read from a scenario file.
    pub fn origin(&self, policy_id: &str) -> Option<&SourceMap> {
        self.origins
            .iter()
            .find(|(id, _)| id == policy_id)
            .map(|(_, m)| m)
    }
}

const KNOWN_KEYS: &[&str] = &[
    "PolicyInputList",
    "PermissionsBoundaryPolicyInputList",
    "ActionNames",
    "ResourceArns",
    "ResourcePolicy",
    "ResourceOwner",
    "CallerArn",
    "ContextEntries",
    "ServiceControlPolicyInputList",
    "ResourceControlPolicyInputList",
    "SessionPolicyInputList",
];
/// Whether `key` is a top-level field of a scenario file (either form).
pub fn is_scenario_key(key: &str) -> bool {
    KNOWN_KEYS.contains(&key) || key == "World" || key == "Request"
}

/// Fields of the AWS CLI input that do not change a decision.
const IGNORED_AWS_KEYS: &[&str] = &["ResourceHandlingOption", "MaxItems", "Marker"];

/// Read the members of a v1 scenario (the `SimulateCustomPolicy` form) into a [`Scenario`];
/// `start` is where the scenario object starts (for "no `ActionNames`").
pub(super) fn read(
    reader: &mut Reader<'_, '_>,
    members: &mut [Member<'_>],
    start: usize,
    need_actions: bool,
) -> Scenario {
    let mut s = Scenario::default();
    for i in 0..members.len() {
        let Some((before, rest)) = members.split_at_mut_checked(i) else {
            break;
        };
        let Some(m) = rest.first_mut() else { break };
        if before.iter().any(|p| p.key == m.key) {
            reader.sink.error(
                "duplicate-element",
                m.key_range,
                format!("`{}` appears more than once", m.key),
            );
            continue;
        }
        // The field as a `'static` name, so that `m` stays free to be taken apart.
        let field = KNOWN_KEYS
            .iter()
            .chain(IGNORED_AWS_KEYS)
            .chain(&["World", "Request"])
            .copied()
            .find(|k| *k == m.key)
            .unwrap_or_default();
        match field {
            "PolicyInputList" => s.identity_policies = reader.policy_list(m, "PolicyInputList"),
            "PermissionsBoundaryPolicyInputList" => {
                s.permissions_boundaries =
                    reader.policy_list(m, "PermissionsBoundaryPolicyInputList");
                if s.permissions_boundaries.len() > 1 {
                    reader.sink.warn("several-boundaries", m.key_range, "AWS attaches at most one permissions boundary; these are evaluated as one (an applicable Allow in any of them counts)");
                }
            }
            "SessionPolicyInputList" => {
                s.session_policies = reader.policy_list(m, "SessionPolicyInputList")
            }
            "ServiceControlPolicyInputList" => {
                s.scp_levels = reader.levels(m, "ServiceControlPolicyInputList")
            }
            "ResourceControlPolicyInputList" => {
                s.rcp_levels = reader.levels(m, "ResourceControlPolicyInputList")
            }
            "ResourcePolicy" => {
                s.resource_policy = reader.take_policy(&mut m.value, "ResourcePolicy".into())
            }
            "ResourceOwner" => s.resource_owner = reader.string(m),
            "CallerArn" => {
                s.caller_arn = reader.string(m);
                if let Some(arn) = &s.caller_arn {
                    if let Err(e) = crate::request::caller::Caller::check(arn) {
                        reader.sink.error("invalid-caller", m.value.range, e);
                    }
                }
            }
            "ActionNames" => s.action_names = reader.strings(m),
            "ResourceArns" => s.resource_arns = reader.strings(m),
            "ContextEntries" => s.context_entries = reader.context(m),
            "World" | "Request" => reader.sink.error(
                "missing-element",
                m.key_range,
                "a `World` scenario needs both `World` and `Request`",
            ),
            k if IGNORED_AWS_KEYS.contains(&k) => {}
            _ => {
                let k: &str = &m.key;
                let hint = KNOWN_KEYS
                    .iter()
                    .find(|known| known.eq_ignore_ascii_case(k));
                match hint {
                    Some(h) => reader.sink.error_help(
                        "unknown-element",
                        m.key_range,
                        format!("unknown scenario field `{k}`"),
                        format!("did you mean `{h}`?"),
                    ),
                    None => reader.sink.warn(
                        "unknown-element",
                        m.key_range,
                        format!("unknown scenario field `{k}` is ignored"),
                    ),
                }
            }
        }
    }
    if need_actions && members.iter().all(|m| m.key != "ActionNames") {
        reader.sink.error(
            "missing-element",
            ByteRange::new(start, start + 1),
            "the scenario has no `ActionNames`",
        );
    }
    s.origins = std::mem::take(&mut reader.origins);
    s
}

impl Reader<'_, '_> {
    /// [`Reader::policy`], moving a string's text and source map out of the tree.
    fn take_policy(&mut self, node: &mut Node<'_>, id: String) -> Option<PolicyInput> {
        if let Value::String(s) = &mut node.value {
            self.origins.push((id.clone(), std::mem::take(&mut s.map)));
            return Some(PolicyInput {
                id,
                text: std::mem::take(&mut s.text).into_owned(),
            });
        }
        self.policy(node, id)
    }

    /// The items of an array-valued field (an error, and none, when it is not an array).
    fn array_mut<'n, 't>(&mut self, key: &str, value: &'n mut Node<'t>) -> &'n mut [Node<'t>] {
        match &mut value.value {
            Value::Array(items) => items,
            _ => {
                self.sink.error(
                    "wrong-type",
                    value.range,
                    format!("`{key}` must be an array"),
                );
                &mut []
            }
        }
    }

    fn policy_list(&mut self, m: &mut Member<'_>, name: &str) -> Vec<PolicyInput> {
        let items = self.array_mut(&m.key, &mut m.value);
        items
            .iter_mut()
            .enumerate()
            .filter_map(|(i, n)| self.take_policy(n, format!("{name}.{}", i + 1)))
            .collect()
    }

    fn levels(&mut self, m: &mut Member<'_>, name: &str) -> Vec<Vec<PolicyInput>> {
        let range = m.value.range;
        let items = self.array_mut(&m.key, &mut m.value);
        let nested = items
            .iter()
            .filter(|n| matches!(n.value, Value::Array(_)))
            .count();
        if nested == 0 {
            let flat: Vec<PolicyInput> = items
                .iter_mut()
                .enumerate()
                .filter_map(|(i, n)| self.take_policy(n, format!("{name}.{}", i + 1)))
                .collect();
            return if flat.is_empty() {
                Vec::new()
            } else {
                vec![flat]
            };
        }
        if nested != items.len() {
            self.sink.error(
                "wrong-type",
                range,
                format!("`{name}` must be a list of policies (one level) or a list of lists (one per level), not a mix"),
            );
            return Vec::new();
        }
        let mut levels = Vec::new();
        for (li, level) in items.iter_mut().enumerate() {
            let level_range = level.range;
            if let Value::Array(ps) = &mut level.value {
                if ps.is_empty() {
                    self.sink.warn(
                        "empty-level",
                        level_range,
                        format!(
                            "organization level {} has no policies, so nothing is allowed there",
                            li + 1
                        ),
                    );
                }
                levels.push(
                    ps.iter_mut()
                        .enumerate()
                        .filter_map(|(pi, n)| {
                            self.take_policy(n, format!("{name}.{}.{}", li + 1, pi + 1))
                        })
                        .collect(),
                );
            }
        }
        levels
    }

    fn string(&mut self, m: &Member) -> Option<String> {
        match m.value.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.sink.error(
                    "wrong-type",
                    m.value.range,
                    format!("`{}` must be a string", m.key),
                );
                None
            }
        }
    }

    fn strings(&mut self, m: &Member) -> Vec<String> {
        let items = self.array(m);
        let mut out = Vec::new();
        for n in items {
            match n.as_str() {
                Some(s) => out.push(s.to_string()),
                None => self.sink.error(
                    "wrong-type",
                    n.range,
                    format!("each `{}` entry must be a string", m.key),
                ),
            }
        }
        out
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ContextEntryOut<'a> {
    context_key_name: &'a str,
    context_key_values: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    context_key_type: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ScenarioOut<'a> {
    policy_input_list: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    permissions_boundary_policy_input_list: Vec<&'a str>,
    action_names: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    resource_arns: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_policy: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_owner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caller_arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    context_entries: Vec<ContextEntryOut<'a>>,
    #[serde(skip_serializing_if = "LevelsOut::is_empty")]
    service_control_policy_input_list: LevelsOut<'a>,
    #[serde(skip_serializing_if = "LevelsOut::is_empty")]
    resource_control_policy_input_list: LevelsOut<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    session_policy_input_list: Vec<&'a str>,
}

fn texts(ps: &[PolicyInput]) -> Vec<&str> {
    ps.iter().map(|p| p.text.as_str()).collect()
}

/// SCPs or RCPs as written: a flat list when they were read from one (one level whose policy
/// ids have no level part, `ServiceControlPolicyInputList.2`), else a list per level
/// (`ServiceControlPolicyInputList.1.2`), so the ids read back are the same.
#[derive(Serialize)]
#[serde(untagged)]
enum LevelsOut<'a> {
    Flat(Vec<&'a str>),
    Nested(Vec<Vec<&'a str>>),
}

impl<'a> LevelsOut<'a> {
    fn new(levels: &'a [Vec<PolicyInput>]) -> Self {
        match levels {
            [one] if !one.is_empty() && one.iter().all(|p| p.id.matches('.').count() == 1) => {
                Self::Flat(texts(one))
            }
            _ => Self::Nested(levels.iter().map(|l| texts(l)).collect()),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Self::Flat(l) => l.is_empty(),
            Self::Nested(l) => l.is_empty(),
        }
    }
}

/// Write a scenario as scenario-format JSON (policies as strings, organization levels as a list
/// of lists, or as the flat list they were read from), pretty-printed. `parse(to_json(s))` gives back `s` (apart from source maps).
pub fn to_json(s: &Scenario) -> String {
    let out = ScenarioOut {
        policy_input_list: texts(&s.identity_policies),
        permissions_boundary_policy_input_list: texts(&s.permissions_boundaries),
        action_names: &s.action_names,
        resource_arns: &s.resource_arns,
        resource_policy: s.resource_policy.as_ref().map(|p| p.text.as_str()),
        resource_owner: s.resource_owner.as_deref(),
        caller_arn: s.caller_arn.as_deref(),
        context_entries: s
            .context_entries
            .iter()
            .map(|e| ContextEntryOut {
                context_key_name: &e.key,
                context_key_values: &e.values,
                context_key_type: e.key_type.map(ContextKeyType::as_str),
            })
            .collect(),
        service_control_policy_input_list: LevelsOut::new(&s.scp_levels),
        resource_control_policy_input_list: LevelsOut::new(&s.rcp_levels),
        session_policy_input_list: texts(&s.session_policies),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::scenario::parse;

    /// shared/scenario-format.md: SCPs and RCPs are "a flat list = one organization level, a
    /// list of lists = root → account", and the ids follow the form (`…InputList.N` or
    /// `…InputList.LEVEL.N`). Found by the `roundtrip` fuzz target: a flat list was written back
    /// as a list of lists, so the policies' ids changed.
    #[test]
    fn levels_are_written_in_the_form_they_were_read() {
        let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
        for (scps, ids) in [
            (
                format!("[{}, {}]", json(policy), json(policy)),
                [
                    "ServiceControlPolicyInputList.1",
                    "ServiceControlPolicyInputList.2",
                ],
            ),
            (
                format!("[[{}, {}]]", json(policy), json(policy)),
                [
                    "ServiceControlPolicyInputList.1.1",
                    "ServiceControlPolicyInputList.1.2",
                ],
            ),
        ] {
            let text = format!(
                r#"{{"PolicyInputList":[],"ActionNames":["s3:GetObject"],"ServiceControlPolicyInputList":{scps}}}"#
            );
            let (first, _) = parse(&text).unwrap();
            let (second, _) = parse(&to_json(&first)).unwrap();
            for s in [&first, &second] {
                let got: Vec<&str> = s.scp_levels[0].iter().map(|p| p.id.as_str()).collect();
                assert_eq!(got, ids);
            }
        }
    }

    fn json(policy: &str) -> String {
        serde_json::to_string(policy).unwrap()
    }
}

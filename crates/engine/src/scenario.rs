//! The scenario format (shared/scenario-format.md): AWS `SimulateCustomPolicy` input plus
//! extensions, read from JSON with positions, and written back.

use serde::Serialize;

use crate::policy::values;
use crate::request::context::{ContextEntry, ContextKeyType};
use crate::text::diag::{Diagnostic, Sink};
use crate::text::json::{self, Member, Node, Value};
use crate::text::span::{ByteRange, SourceMap};

/// One policy as the user wrote it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyInput {
    /// `PolicyInputList.1`, `ResourcePolicy`, … (used in diagnostics and `MatchedStatements`).
    pub id: String,
    /// The policy JSON text.
    pub text: String,
}

impl PolicyInput {
    /// A policy with an id.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            text: text.into(),
        }
    }
}

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

/// A scenario file: policy lists (v1) or a world and a request (v2).
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// The `SimulateCustomPolicy` form.
    Policies(Box<Scenario>),
    /// The `World` + `Request` form.
    World(Box<crate::world::WorldScenario>),
}

/// Read a v1 scenario. Errors and warnings point into `text`; warnings are returned with the
/// scenario too (`Ok((scenario, warnings))`). A v2 `World` scenario is an error here: use
/// [`parse_input`].
pub fn parse(text: &str) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
    match parse_input(text)? {
        (Input::Policies(s), w) => Ok((*s, w)),
        (Input::World(_), _) => {
            let mut sink = Sink::new(text, None);
            sink.error(
                "unsupported",
                ByteRange::new(0, 1),
                "this is a `World` scenario: use `parse_input` / `simulate_world`",
            );
            Err(sink.items)
        }
    }
}

/// Read a scenario of either form.
pub fn parse_input(text: &str) -> Result<(Input, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_input_with(text, true)
}

/// [`parse_input`] for the effective-permissions sweep and the comparison, which try every
/// catalog action: a policy scenario may leave out `ActionNames`.
pub fn parse_input_for_all_actions(
    text: &str,
) -> Result<(Input, Vec<Diagnostic>), Vec<Diagnostic>> {
    parse_input_with(text, false)
}

fn parse_input_with(
    text: &str,
    need_actions: bool,
) -> Result<(Input, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut sink = Sink::new(text, None);
    let mut root = match json::parse(text) {
        Ok(r) => r,
        Err(e) => {
            sink.error("json-syntax", e.range, e.message);
            return Err(sink.items);
        }
    };
    // Mutable so that policy texts can be moved out of the tree rather than copied.
    let Value::Object(members) = &mut root.value else {
        sink.error("wrong-type", root.range, "a scenario must be a JSON object");
        return Err(sink.items);
    };
    let find = |k: &str| members.iter().find(|m| m.key == k).map(|m| &m.value);
    if let (Some(world), Some(request)) = (find("World"), find("Request")) {
        let mut reader = Reader {
            text,
            sink: &mut sink,
            origins: Vec::new(),
        };
        let mut ws = reader.world_scenario(world, request);
        ws.origins = reader.origins;
        for m in members {
            if m.key != "World" && m.key != "Request" {
                sink.warn(
                    "unknown-element",
                    m.key_range,
                    format!(
                        "`{}` is ignored in a `World` scenario (put it under `Request`)",
                        m.key
                    ),
                );
            }
        }
        return if sink.has_errors() {
            Err(sink.items)
        } else {
            Ok((Input::World(Box::new(ws)), sink.items))
        };
    }
    let mut s = Scenario::default();
    let mut reader = Reader {
        text,
        sink: &mut sink,
        origins: Vec::new(),
    };
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
            ByteRange::new(root.range.start, root.range.start + 1),
            "the scenario has no `ActionNames`",
        );
    }
    s.origins = reader.origins;
    if sink.has_errors() {
        Err(sink.items)
    } else {
        Ok((Input::Policies(Box::new(s)), sink.items))
    }
}

pub(crate) struct Reader<'a, 's> {
    pub(crate) text: &'a str,
    pub(crate) sink: &'s mut Sink<'a>,
    pub(crate) origins: Vec<(String, SourceMap)>,
}

impl Reader<'_, '_> {
    pub(crate) fn policy(&mut self, node: &Node, id: String) -> Option<PolicyInput> {
        match &node.value {
            Value::String(s) => {
                // The string's content starts one byte after the opening quote.
                self.origins.push((id.clone(), s.map.clone()));
                Some(PolicyInput {
                    id,
                    text: s.text.to_string(),
                })
            }
            Value::Object(_) => {
                let text = self
                    .text
                    .get(node.range.start..node.range.end)
                    .unwrap_or_default()
                    .to_string();
                self.origins
                    .push((id.clone(), SourceMap::shifted(node.range.start)));
                Some(PolicyInput { id, text })
            }
            _ => {
                self.sink.error(
                    "wrong-type",
                    node.range,
                    format!("`{id}` must be a policy: a JSON string or object"),
                );
                None
            }
        }
    }

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

    fn array<'n, 't>(&mut self, m: &'n Member<'t>) -> &'n [Node<'t>] {
        match &m.value.value {
            Value::Array(items) => items,
            _ => {
                self.sink.error(
                    "wrong-type",
                    m.value.range,
                    format!("`{}` must be an array", m.key),
                );
                &[]
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

    pub(crate) fn context(&mut self, m: &Member) -> Vec<ContextEntry> {
        let items = self.array(m);
        let mut out: Vec<ContextEntry> = Vec::new();
        for n in items {
            let Value::Object(fields) = &n.value else {
                self.sink.error("wrong-type", n.range, "a context entry must be an object with `ContextKeyName` and `ContextKeyValues`");
                continue;
            };
            let mut entry = ContextEntry::default();
            let mut name_range = n.range;
            let mut value_nodes: Vec<&Node> = Vec::new();
            let mut type_range = None;
            for f in fields {
                match f.key.as_ref() {
                    "ContextKeyName" => match f.value.as_str() {
                        Some(s) => {
                            entry.key = s.to_string();
                            name_range = f.value.range;
                        }
                        None => self.sink.error("wrong-type", f.value.range, "`ContextKeyName` must be a string"),
                    },
                    "ContextKeyValues" => match &f.value.value {
                        Value::Array(vs) => value_nodes.extend(vs.iter()),
                        _ => value_nodes.push(&f.value),
                    },
                    "ContextKeyType" => match f.value.as_str().and_then(ContextKeyType::parse) {
                        Some(t) => {
                            entry.key_type = Some(t);
                            type_range = Some(f.value.range);
                        }
                        None => self.sink.error(
                            "invalid-value",
                            f.value.range,
                            "`ContextKeyType` must be one of string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList",
                        ),
                    },
                    other => self.sink.warn("unknown-element", f.key_range, format!("unknown context entry field `{other}`")),
                }
            }
            if entry.key.is_empty() {
                self.sink.error(
                    "missing-element",
                    n.range,
                    "the context entry has no `ContextKeyName`",
                );
                continue;
            }
            for v in value_nodes {
                let text = match &v.value {
                    Value::String(s) => s.text.to_string(),
                    Value::Number(x) => x.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => {
                        self.sink
                            .error("wrong-type", v.range, "a context value must be a string");
                        continue;
                    }
                };
                if let Some(problem) = entry.key_type.and_then(|t| check_context_value(t, &text)) {
                    self.sink.error(
                        "invalid-value",
                        v.range,
                        format!("context key `{}`: {problem}", entry.key),
                    );
                }
                entry.values.push(text);
            }
            if let (Some(t), Some(r)) = (entry.key_type, type_range) {
                if !t.is_list() && entry.values.len() > 1 {
                    self.sink.warn(
                        "several-values",
                        r,
                        format!(
                            "`{}` is a single-valued type but {} values were given",
                            t.as_str(),
                            entry.values.len()
                        ),
                    );
                }
            }
            if out.iter().any(|e| e.key.eq_ignore_ascii_case(&entry.key)) {
                self.sink.warn(
                    "duplicate-context-key",
                    name_range,
                    format!("context key `{}` is given twice (key names are case-insensitive); the first entry is used", entry.key),
                );
                continue;
            }
            out.push(entry);
        }
        out
    }
}

/// Why a context value does not fit its declared type, if it does not.
pub fn check_context_value(t: ContextKeyType, text: &str) -> Option<String> {
    use ContextKeyType::*;
    let ok = match t {
        String | StringList => true,
        Numeric | NumericList => values::number(text).is_some(),
        Boolean | BooleanList => values::boolean(text).is_some(),
        Ip | IpList => values::cidr(text).is_some(),
        Binary | BinaryList => values::base64(text).is_some(),
        Date | DateList => values::date(text).is_some(),
    };
    (!ok).then(|| format!("`{text}` is not a valid {} value", t.as_str()))
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    service_control_policy_input_list: Vec<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    resource_control_policy_input_list: Vec<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    session_policy_input_list: Vec<&'a str>,
}

fn texts(ps: &[PolicyInput]) -> Vec<&str> {
    ps.iter().map(|p| p.text.as_str()).collect()
}

/// Write a scenario as scenario-format JSON (policies as strings, organization levels as a list
/// of lists), pretty-printed. `parse(to_json(s))` gives back `s` (apart from source maps).
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
        service_control_policy_input_list: s.scp_levels.iter().map(|l| texts(l)).collect(),
        resource_control_policy_input_list: s.rcp_levels.iter().map(|l| texts(l)).collect(),
        session_policy_input_list: texts(&s.session_policies),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

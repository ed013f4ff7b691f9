//! The v1 scenario: AWS `SimulateCustomPolicy` input plus extensions (shared/scenario-format.md),
//! read from its JSON members and written back.

use serde::Serialize;

use super::aws_api::{self, ResourceHandling, MAX_MAX_ITEMS, MAX_ORG_LEVELS};
use super::expected::Expectation;
use super::read::{PolicyInput, Reader};
use super::world::VpcEndpoint;
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
    /// The VPC endpoint the request came through (v3: `VpcEndpointPolicyInputList` with at
    /// most one policy, `VpcEndpointId`, `VpcId`; any of them says the request came through
    /// an endpoint, and no policy means the default endpoint policy).
    pub vpc_endpoint: Option<VpcEndpoint>,
    /// `ManagementAccount` (extension): the organization's management account, whose
    /// principals SCPs and whose resources RCPs do not affect (SPEC §12.3).
    pub management_account: Option<String>,
    /// `KeyManager: "AWS"` (extension): the KMS keys among `ResourceArns` are AWS managed
    /// keys, which RCPs do not affect (SPEC §12.3).
    pub aws_managed_keys: bool,
    /// AWS's `ResourceHandlingOption`, `MaxItems` and `Marker` (they do not change decisions).
    pub aws: AwsFields,
    /// `Expected`: the decisions the requests should get (extension, v3).
    pub expected: Vec<Expectation>,
    /// Where each policy's text came from in the scenario file, by policy id.
    pub origins: Vec<(String, SourceMap)>,
}

/// AWS's `SimulateCustomPolicy` fields that shape the request or the response but not a
/// decision (`scenario::aws_api`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AwsFields {
    /// `ResourceHandlingOption`: the EC2 scenario simulated (`EC2-VPC-EBS`, …).
    pub resource_handling_option: Option<String>,
    /// `MaxItems`: results per page of `--format aws` (1–1000; AWS's default is 100).
    pub max_items: Option<u32>,
    /// `Marker`, as given.
    pub marker: Option<String>,
}

impl AwsFields {
    /// The page of results `MaxItems` and `Marker` ask for (a `Marker` that was not read was
    /// reported as an error by the reader).
    pub fn page(&self) -> aws_api::Page {
        aws_api::Page {
            max_items: self.max_items,
            start: self
                .marker
                .as_deref()
                .and_then(aws_api::decode_marker)
                .unwrap_or(0),
        }
    }
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
        out.extend(
            self.vpc_endpoint
                .iter()
                .filter_map(|e| e.policy.as_ref())
                .map(|p| (p, K::VpcEndpoint, None)),
        );
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
    "VpcEndpointPolicyInputList",
    "VpcEndpointId",
    "VpcId",
    "ManagementAccount",
    "KeyManager",
    "Expected",
    // AWS's own fields beyond the policies and the request (`aws_api`).
    "OrderedOrganizationPolicyInputList",
    "ResourceHandlingOption",
    "MaxItems",
    "Marker",
];
/// Whether `key` is a top-level field of a scenario file (either form).
pub fn is_scenario_key(key: &str) -> bool {
    KNOWN_KEYS.contains(&key) || key == "World" || key == "Request"
}

/// Read the members of a v1 scenario (the `SimulateCustomPolicy` form) into a [`Scenario`];
/// `start` is where the scenario object starts (for "no `ActionNames`").
pub(super) fn read(
    reader: &mut Reader<'_, '_>,
    members: &[Member<'_>],
    start: usize,
    need_actions: bool,
) -> Scenario {
    let mut s = Scenario::default();
    let mut aws = AwsReading::default();
    // The known fields seen so far, by position: a repeated known field is found without
    // comparing it with every earlier key.
    let mut seen: u64 = 0;
    for (i, m) in members.iter().enumerate() {
        // The field as a `'static` name.
        let known = KNOWN_KEYS
            .iter()
            .chain(&["World", "Request"])
            .copied()
            .enumerate()
            .find(|(_, k)| *k == m.key);
        let repeated = match known {
            Some((k, _)) if k < 64 => {
                let repeated = seen & (1 << k) != 0;
                seen |= 1 << k;
                repeated
            }
            _ => {
                let before = members.get(..i).unwrap_or_default();
                before.iter().any(|p| p.key == m.key)
            }
        };
        if repeated {
            reader.sink.error(
                "duplicate-element",
                m.key_range,
                format!("`{}` appears more than once", m.key),
            );
            continue;
        }
        let field = known.map(|(_, k)| k).unwrap_or_default();
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
                let levels = reader.levels(m, "ServiceControlPolicyInputList");
                aws.scp_form(reader, &mut s, levels, false, m.key_range);
            }
            "ResourceControlPolicyInputList" => {
                s.rcp_levels = reader.levels(m, "ResourceControlPolicyInputList");
                aws.check_depth(reader, s.rcp_levels.len(), m.key_range, "RCP");
            }
            "OrderedOrganizationPolicyInputList" => {
                let levels = reader.ordered_levels(m);
                aws.scp_form(reader, &mut s, levels, true, m.key_range);
            }
            "ResourceHandlingOption" | "MaxItems" | "Marker" => aws.field(reader, &mut s, m),
            "ResourcePolicy" => {
                s.resource_policy = reader.policy(&m.value, "ResourcePolicy".into())
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
            "VpcEndpointPolicyInputList"
            | "VpcEndpointId"
            | "VpcId"
            | "ManagementAccount"
            | "KeyManager" => reader.v3_field(&mut s, field, m),
            "ActionNames" => s.action_names = reader.strings(m),
            "ResourceArns" => s.resource_arns = reader.strings(m),
            "ContextEntries" => s.context_entries = reader.context(m),
            "Expected" => s.expected = reader.expected(&m.value),
            "World" | "Request" => reader.sink.error(
                "missing-element",
                m.key_range,
                "a `World` scenario needs both `World` and `Request`",
            ),
            _ => {
                let k: &str = m.key;
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
    aws.finish(reader, &s);
    s.origins = std::mem::take(&mut reader.origins);
    s
}

/// `""` or `0`, the values `aws iam simulate-custom-policy --generate-cli-skeleton input` puts
/// in: AWS rejects them (each field has a minimum), so the field is taken as absent, with a
/// warning.
fn placeholder(reader: &mut Reader<'_, '_>, m: &Member<'_>, wanted: &str) {
    reader.sink.warn_help(
        "skeleton-placeholder",
        m.value.range,
        format!(
            "`{}` holds the CLI skeleton's empty placeholder, which AWS rejects; it is ignored",
            m.key
        ),
        format!("give {wanted}, or remove the field"),
    );
}

/// What reading AWS's own fields remembers until every member is read: which member gave the
/// SCP levels, and where `ResourceHandlingOption` was written.
#[derive(Default)]
struct AwsReading {
    scp_key: Option<(&'static str, ByteRange)>,
    resource_handling: Option<ByteRange>,
}

impl AwsReading {
    /// SCP levels from `ServiceControlPolicyInputList` (our extension) or
    /// `OrderedOrganizationPolicyInputList` (AWS's): they mean the same, so a scenario that
    /// gives both non-empty is ambiguous and rejected rather than one silently winning.
    fn scp_form(
        &mut self,
        reader: &mut Reader<'_, '_>,
        s: &mut Scenario,
        levels: Vec<Vec<PolicyInput>>,
        ordered: bool,
        key: ByteRange,
    ) {
        let name = if ordered {
            "OrderedOrganizationPolicyInputList"
        } else {
            "ServiceControlPolicyInputList"
        };
        self.check_depth(reader, levels.len(), key, "SCP");
        if levels.is_empty() {
            return;
        }
        if let Some((other, _)) = self.scp_key {
            reader.sink.error_help(
                "conflicting-scps",
                key,
                format!("`{name}` and `{other}` both give SCP levels"),
                "keep one: `OrderedOrganizationPolicyInputList` is AWS's form, the list of lists in `ServiceControlPolicyInputList` this tool's older extension; they mean the same",
            );
            return;
        }
        self.scp_key = Some((name, key));
        s.scp_levels = levels;
    }

    /// AWS: "root first, account last, at most 7" levels.
    fn check_depth(&self, reader: &mut Reader<'_, '_>, levels: usize, key: ByteRange, what: &str) {
        if levels > MAX_ORG_LEVELS {
            reader.sink.error_help(
                "too-many-levels",
                key,
                format!("{levels} organization levels of {what}s: AWS allows at most {MAX_ORG_LEVELS} (root, up to five OUs, account)"),
                "list one level per node from the organization root down to the account",
            );
        }
    }

    /// `ResourceHandlingOption`, `MaxItems`, `Marker`.
    fn field(&mut self, reader: &mut Reader<'_, '_>, s: &mut Scenario, m: &Member<'_>) {
        match m.key {
            "ResourceHandlingOption" => {
                let Some(v) = reader.string(m) else { return };
                if v.is_empty() {
                    placeholder(reader, m, "an EC2 scenario name such as `EC2-VPC-EBS`");
                    return;
                }
                if ResourceHandling::find(&v).is_none() {
                    let names: Vec<&str> = aws_api::RESOURCE_HANDLING_OPTIONS
                        .iter()
                        .map(|o| o.name)
                        .collect();
                    let help = match ResourceHandling::near(&v) {
                        Some(o) => format!("did you mean `{}`?", o.name),
                        None => format!("one of {}", names.join(", ")),
                    };
                    reader.sink.error_help(
                        "invalid-value",
                        m.value.range,
                        format!("`{v}` is not an AWS `ResourceHandlingOption`"),
                        help,
                    );
                    return;
                }
                self.resource_handling = Some(m.value.range);
                s.aws.resource_handling_option = Some(v);
            }
            "MaxItems" => match match &m.value.value {
                Value::Number(n) => n.parse::<u32>().ok(),
                _ => None,
            } {
                Some(0) => placeholder(reader, m, "a whole number from 1 to 1000"),
                Some(n) if (1..=MAX_MAX_ITEMS).contains(&n) => s.aws.max_items = Some(n),
                _ => reader.sink.error(
                    "invalid-value",
                    m.value.range,
                    format!("`MaxItems` must be a whole number from 1 to {MAX_MAX_ITEMS}"),
                ),
            },
            _ => {
                let Some(v) = reader.string(m) else { return };
                if v.is_empty() {
                    placeholder(reader, m, "the `Marker` of a truncated response");
                    return;
                }
                if aws_api::decode_marker(&v).is_none() {
                    reader.sink.error_help(
                        "invalid-value",
                        m.value.range,
                        "`Marker` is not a marker this tool returned",
                        "use the `Marker` of a truncated `--format aws` response, or leave it out for the first page",
                    );
                    return;
                }
                s.aws.marker = Some(v);
            }
        }
    }

    /// Checks across fields: the resources a `ResourceHandlingOption` requires.
    fn finish(&self, reader: &mut Reader<'_, '_>, s: &Scenario) {
        let (Some(range), Some(option)) = (
            self.resource_handling,
            s.aws
                .resource_handling_option
                .as_deref()
                .and_then(ResourceHandling::find),
        ) else {
            return;
        };
        let missing = option.missing(&s.resource_arns);
        if !missing.is_empty() {
            reader.sink.warn_help(
                "resource-handling-missing",
                range,
                format!(
                    "`{}` simulates {}: AWS requires `ResourceArns` to name the {}, and none names the {}",
                    option.name,
                    option.meaning,
                    ResourceHandling::list(option.requires),
                    ResourceHandling::list(&missing),
                ),
                "add an EC2 ARN of each missing kind (e.g. `arn:aws:ec2:REGION:ACCOUNT:volume/*`); this tool evaluates each resource on its own either way",
            );
        }
    }
}

impl Reader<'_, '_> {
    /// The v3 fields of a policy-list scenario (shared/scenario-format.md, "Additions (v3)"):
    /// the VPC endpoint the request travels through, the management account, the key manager.
    fn v3_field(&mut self, s: &mut Scenario, field: &str, m: &Member<'_>) {
        match field {
            "VpcEndpointPolicyInputList" => {
                let mut list = self.policy_list(m, "VpcEndpointPolicyInputList");
                if list.len() > 1 {
                    self.sink.error_help(
                        "several-endpoint-policies",
                        m.key_range,
                        "a VPC endpoint has a single endpoint policy",
                        "keep one policy in `VpcEndpointPolicyInputList`",
                    );
                }
                if !list.is_empty() {
                    s.vpc_endpoint
                        .get_or_insert_with(VpcEndpoint::default)
                        .policy = Some(list.swap_remove(0));
                }
            }
            "VpcEndpointId" => {
                let id = self.string(m);
                s.vpc_endpoint.get_or_insert_with(VpcEndpoint::default).id = id;
            }
            "VpcId" => {
                let vpc = self.string(m);
                s.vpc_endpoint
                    .get_or_insert_with(VpcEndpoint::default)
                    .vpc_id = vpc;
            }
            "ManagementAccount" => {
                s.management_account = self.string(m);
                if let Some(a) = &s.management_account {
                    if crate::request::arn::account_in(a).is_none() {
                        self.sink.error(
                            "invalid-value",
                            m.value.range,
                            format!("`ManagementAccount`: `{a}` is neither a 12-digit account ID nor an account's root ARN"),
                        );
                    }
                }
            }
            _ => match m.value.as_str() {
                Some("AWS") => s.aws_managed_keys = true,
                Some("CUSTOMER") => s.aws_managed_keys = false,
                _ => self.sink.error(
                    "invalid-value",
                    m.value.range,
                    "`KeyManager` must be `\"AWS\"` (AWS managed KMS keys) or `\"CUSTOMER\"`",
                ),
            },
        }
    }

    /// The items of an array-valued field (an error, and none, when it is not an array).
    fn array_of<'t>(&mut self, key: &str, value: &Node<'t>) -> &'t [Node<'t>] {
        match value.value {
            Value::Array(items) => items,
            _ => {
                self.sink.error(
                    "wrong-type",
                    value.range,
                    format!("`{key}` must be an array"),
                );
                &[]
            }
        }
    }

    fn policy_list(&mut self, m: &Member<'_>, name: &str) -> Vec<PolicyInput> {
        let items = self.array_of(m.key, &m.value);
        items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| self.policy(n, numbered(name, i + 1)))
            .collect()
    }

    fn levels(&mut self, m: &Member<'_>, name: &str) -> Vec<Vec<PolicyInput>> {
        let range = m.value.range;
        let items = self.array_of(m.key, &m.value);
        let nested = items
            .iter()
            .filter(|n| matches!(n.value, Value::Array(_)))
            .count();
        if nested == 0 {
            let flat: Vec<PolicyInput> = items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| self.policy(n, numbered(name, i + 1)))
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
        for (li, level) in items.iter().enumerate() {
            let level_range = level.range;
            if let Value::Array(ps) = level.value {
                if ps.is_empty() {
                    self.sink.warn(
                        "empty-level",
                        level_range,
                        if name.starts_with("ResourceControl") {
                            format!(
                                "organization level {} lists no RCP: only `RCPFullAWSAccess`, which AWS attaches to every level, applies there",
                                li + 1
                            )
                        } else {
                            format!(
                                "organization level {} has no policies, so nothing is allowed there",
                                li + 1
                            )
                        },
                    );
                }
                levels.push(
                    ps.iter()
                        .enumerate()
                        .filter_map(|(pi, n)| {
                            self.policy(n, format!("{name}.{}.{}", li + 1, pi + 1))
                        })
                        .collect(),
                );
            }
        }
        levels
    }

    /// AWS's `OrderedOrganizationPolicyInputList`: `[{"ServiceControlPolicyInputList": [...]},
    /// ...]`, one element per organization level, root first.
    fn ordered_levels(&mut self, m: &Member<'_>) -> Vec<Vec<PolicyInput>> {
        const NAME: &str = "OrderedOrganizationPolicyInputList";
        let items = self.array_of(m.key, &m.value);
        let mut levels = Vec::new();
        for (li, level) in items.iter().enumerate() {
            let level_range = level.range;
            let Value::Object(fields) = level.value else {
                self.sink.error(
                    "wrong-type",
                    level_range,
                    format!("each `{NAME}` element must be an object with `ServiceControlPolicyInputList`"),
                );
                continue;
            };
            let mut policies = None;
            for f in fields {
                if f.key == "ServiceControlPolicyInputList" && policies.is_none() {
                    let ps = self.array_of(f.key, &f.value);
                    policies = Some(
                        ps.iter()
                            .enumerate()
                            .filter_map(|(pi, n)| {
                                self.policy(n, format!("{NAME}.{}.{}", li + 1, pi + 1))
                            })
                            .collect::<Vec<_>>(),
                    );
                } else {
                    self.sink.warn(
                        "unknown-element",
                        f.key_range,
                        format!("unknown organization level field `{}` is ignored", f.key),
                    );
                }
            }
            let policies = policies.unwrap_or_default();
            if policies.is_empty() {
                self.sink.warn(
                    "empty-level",
                    level_range,
                    format!(
                        "organization level {} has no policies, so nothing is allowed there",
                        li + 1
                    ),
                );
            }
            levels.push(policies);
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ordered_organization_policy_input_list: Vec<OrgLevelOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_handling_option: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_items: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<&'a str>,
    #[serde(skip_serializing_if = "LevelsOut::is_empty")]
    resource_control_policy_input_list: LevelsOut<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    session_policy_input_list: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    vpc_endpoint_policy_input_list: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vpc_endpoint_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vpc_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    management_account: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_manager: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    expected: Vec<ExpectedOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ExpectedOut<'a> {
    action: &'a str,
    resource: &'a str,
    decision: &'a str,
}

/// One element of AWS's `OrderedOrganizationPolicyInputList`.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct OrgLevelOut<'a> {
    service_control_policy_input_list: Vec<&'a str>,
}

fn texts(ps: &[PolicyInput]) -> Vec<&str> {
    ps.iter().map(|p| p.text.as_str()).collect()
}

/// RCPs as written: a flat list when they were read from one (one level whose policy ids have
/// no level part, `ResourceControlPolicyInputList.2`), else a list per level
/// (`ResourceControlPolicyInputList.1.2`), so the ids read back are the same.
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

/// Write a scenario as scenario-format JSON, pretty-printed: policies as strings, SCP levels
/// in AWS's `OrderedOrganizationPolicyInputList` (root first), RCP levels as a list of lists
/// (an extension) or as the flat list they were read from. `parse(to_json(s))` gives back `s`
/// (apart from source maps, the positions of expectations and the policy ids of SCPs, which
/// become `OrderedOrganizationPolicyInputList.LEVEL.N`).
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
        ordered_organization_policy_input_list: s
            .scp_levels
            .iter()
            .map(|l| OrgLevelOut {
                service_control_policy_input_list: texts(l),
            })
            .collect(),
        resource_handling_option: s.aws.resource_handling_option.as_deref(),
        max_items: s.aws.max_items,
        marker: s.aws.marker.as_deref(),
        resource_control_policy_input_list: LevelsOut::new(&s.rcp_levels),
        session_policy_input_list: texts(&s.session_policies),
        vpc_endpoint_policy_input_list: s
            .vpc_endpoint
            .iter()
            .filter_map(|e| e.policy.as_ref())
            .map(|p| p.text.as_str())
            .collect(),
        vpc_endpoint_id: s.vpc_endpoint.as_ref().and_then(|e| e.id.as_deref()),
        vpc_id: s.vpc_endpoint.as_ref().and_then(|e| e.vpc_id.as_deref()),
        management_account: s.management_account.as_deref(),
        key_manager: s.aws_managed_keys.then_some("AWS"),
        expected: s
            .expected
            .iter()
            .map(|e| ExpectedOut {
                action: &e.action,
                resource: &e.resource,
                decision: &e.decision,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// `name.n`, the id of the `n`th policy of a list, written without the formatting machinery
/// (which costs more than the rest of reading a short policy's id).
fn numbered(name: &str, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    while let Some(slot) = at.checked_sub(1).and_then(|i| digits.get_mut(i)) {
        *slot = b'0' + (rest % 10) as u8;
        at -= 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(name.len() + 1 + digits.len() - at);
    id.push_str(name);
    id.push('.');
    for &d in digits.get(at..).unwrap_or_default() {
        id.push(char::from(d));
    }
    id
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::scenario::parse;

    /// scenario-format.md (*Response*: `MatchedStatements[].SourcePolicyId`): a policy's id is
    /// its list's name and its 1-based position.
    #[test]
    fn numbered_ids_are_written_as_format_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(
                numbered("PolicyInputList", n),
                format!("PolicyInputList.{n}")
            );
        }
    }

    /// shared/scenario-format.md: RCPs (like SCPs) are "a flat list = one organization level, a
    /// list of lists = root → account", and the ids follow the form (`…InputList.N` or
    /// `…InputList.LEVEL.N`). Found by the `roundtrip` fuzz target: a flat list was written back
    /// as a list of lists, so the policies' ids changed. (SCPs are written in AWS's
    /// `OrderedOrganizationPolicyInputList`, see `tests/aws_api.rs`.)
    #[test]
    fn levels_are_written_in_the_form_they_were_read() {
        let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
        for (rcps, ids) in [
            (
                format!("[{}, {}]", json(policy), json(policy)),
                [
                    "ResourceControlPolicyInputList.1",
                    "ResourceControlPolicyInputList.2",
                ],
            ),
            (
                format!("[[{}, {}]]", json(policy), json(policy)),
                [
                    "ResourceControlPolicyInputList.1.1",
                    "ResourceControlPolicyInputList.1.2",
                ],
            ),
        ] {
            let text = format!(
                r#"{{"PolicyInputList":[],"ActionNames":["s3:GetObject"],"ResourceControlPolicyInputList":{rcps}}}"#
            );
            let (first, _) = parse(&text).unwrap();
            let (second, _) = parse(&to_json(&first)).unwrap();
            for s in [&first, &second] {
                let got: Vec<&str> = s.rcp_levels[0].iter().map(|p| p.id.as_str()).collect();
                assert_eq!(got, ids);
            }
        }
    }

    /// shared/scenario-format.md: a field is given once. A known field and an unknown one,
    /// each given twice, are errors at their second occurrence (the unknown one is also
    /// warned about at its first).
    #[test]
    fn repeated_fields_are_errors_at_the_repetition() {
        let text = r#"{"ActionNames":["s3:GetObject"],"Colour":1,"PolicyInputList":[],"ActionNames":["s3:PutObject"],"Colour":2}"#;
        let errors = parse(text).unwrap_err();
        let at = |key: &str, nth: usize| text.match_indices(key).nth(nth).unwrap().0;
        let found: Vec<(&str, usize)> = errors
            .iter()
            .map(|d| (d.code, d.span.unwrap().start))
            .collect();
        assert_eq!(
            found,
            [
                ("unknown-element", at("\"Colour\"", 0)),
                ("duplicate-element", at("\"ActionNames\"", 1)),
                ("duplicate-element", at("\"Colour\"", 1)),
            ]
        );
    }

    fn json(policy: &str) -> String {
        serde_json::to_string(policy).unwrap()
    }
}

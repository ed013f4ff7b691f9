//! The playground's state as plain data: the policy documents of every layer and the request
//! form, and how they become an engine [`Scenario`]. No reactivity and no browser here, so all
//! of it is unit-tested on the host.

use iam_engine::{ContextEntry, ContextKeyType, PolicyInput, Scenario};
use serde::{Deserialize, Serialize};

use crate::example;

/// A stable id for one policy document (also names its editor model).
pub type DocKey = u32;

/// A policy layer of the request, in the order the tabs show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Layer {
    /// Identity-based policies of the caller (`PolicyInputList`).
    Identity,
    /// The caller's permissions boundary.
    Boundary,
    /// Service control policies, by organization level.
    Scp,
    /// Resource control policies, by organization level.
    Rcp,
    /// The resource-based policy.
    Resource,
    /// Session policies.
    Session,
}

impl Layer {
    /// Every layer, in tab order.
    pub const ALL: [Layer; 6] = [
        Layer::Identity,
        Layer::Boundary,
        Layer::Scp,
        Layer::Rcp,
        Layer::Resource,
        Layer::Session,
    ];

    /// The tab title.
    pub fn title(self) -> &'static str {
        match self {
            Layer::Identity => "Identity policies",
            Layer::Boundary => "Permissions boundary",
            Layer::Scp => "SCPs",
            Layer::Rcp => "RCPs",
            Layer::Resource => "Resource policy",
            Layer::Session => "Session policy",
        }
    }

    /// The name a new document of this layer gets.
    pub fn default_name(self) -> &'static str {
        match self {
            Layer::Identity => "IdentityPolicy",
            Layer::Boundary => "Boundary",
            Layer::Scp => "SCP",
            Layer::Rcp => "RCP",
            Layer::Resource => "ResourcePolicy",
            Layer::Session => "SessionPolicy",
        }
    }

    /// How many documents the layer can hold (`None`: any number).
    pub fn max_docs(self) -> Option<usize> {
        match self {
            Layer::Boundary | Layer::Resource => Some(1),
            _ => None,
        }
    }

    /// Whether documents of this layer sit at an organization level.
    pub fn has_levels(self) -> bool {
        matches!(self, Layer::Scp | Layer::Rcp)
    }

    /// A one-line description shown when the layer is empty.
    pub fn when_empty(self) -> &'static str {
        match self {
            Layer::Identity => "No identity-based policy: nothing grants the caller anything.",
            Layer::Boundary => "No permissions boundary: identity policies are not limited.",
            Layer::Scp => "No SCPs: the caller's account is not limited by AWS Organizations.",
            Layer::Rcp => "No RCPs: the resource's account is not limited by AWS Organizations.",
            Layer::Resource => "No resource-based policy on the resource.",
            Layer::Session => "No session policy: the session is not limited.",
        }
    }

    /// The text a new document of this layer starts with.
    pub fn template(self) -> &'static str {
        match self {
            Layer::Resource => example::RESOURCE_TEMPLATE,
            Layer::Rcp => example::RCP_TEMPLATE,
            Layer::Scp => example::SCP_TEMPLATE,
            _ => example::IDENTITY_TEMPLATE,
        }
    }
}

/// One policy document as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyDoc {
    /// Stable id.
    pub key: DocKey,
    /// Which layer it belongs to.
    pub layer: Layer,
    /// The name shown on its tab.
    pub name: String,
    /// Organization level for SCPs and RCPs (1 = root).
    #[serde(default = "one")]
    pub level: u8,
    /// The policy JSON text.
    pub text: String,
}

fn one() -> u8 {
    1
}

/// A value that may be left out of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Tri {
    /// Not in the request context.
    #[default]
    Absent,
    /// `true`.
    True,
    /// `false`.
    False,
}

impl Tri {
    /// The context value, if present.
    pub fn value(self) -> Option<&'static str> {
        match self {
            Tri::Absent => None,
            Tri::True => Some("true"),
            Tri::False => Some("false"),
        }
    }

    /// Read the `<select>` value written by [`Tri::as_str`].
    pub fn parse(s: &str) -> Tri {
        match s {
            "true" => Tri::True,
            "false" => Tri::False,
            _ => Tri::Absent,
        }
    }

    /// The `<select>` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Tri::Absent => "absent",
            Tri::True => "true",
            Tri::False => "false",
        }
    }
}

/// One key–value row of a tag table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRow {
    /// Stable row id.
    pub id: u32,
    /// Tag key.
    pub key: String,
    /// Tag value.
    pub value: String,
}

/// Which tag table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TagKind {
    /// `aws:PrincipalTag/*`.
    Principal,
    /// `aws:ResourceTag/*`.
    Resource,
    /// `aws:RequestTag/*` (and `aws:TagKeys`).
    Request,
}

impl TagKind {
    /// The context key prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            TagKind::Principal => "aws:PrincipalTag/",
            TagKind::Resource => "aws:ResourceTag/",
            TagKind::Request => "aws:RequestTag/",
        }
    }

    /// Heading of the table.
    pub fn title(self) -> &'static str {
        match self {
            TagKind::Principal => "Principal tags",
            TagKind::Resource => "Resource tags",
            TagKind::Request => "Request tags",
        }
    }
}

/// A free-form context entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeEntry {
    /// Stable row id.
    pub id: u32,
    /// `ContextKeyName`.
    pub key: String,
    /// `ContextKeyType` in AWS spelling, or empty for none.
    pub key_type: String,
    /// `ContextKeyValues`, comma-separated.
    pub values: String,
}

/// The request pane's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    /// `CallerArn`.
    pub caller_arn: String,
    /// Actions, separated by commas, spaces or newlines.
    pub actions: String,
    /// Resource ARNs, separated by commas, spaces or newlines.
    pub resources: String,
    /// `ResourceOwner`.
    pub resource_owner: String,
    /// `aws:PrincipalTag/*`.
    pub principal_tags: Vec<TagRow>,
    /// `aws:ResourceTag/*`.
    pub resource_tags: Vec<TagRow>,
    /// `aws:RequestTag/*` and `aws:TagKeys`.
    pub request_tags: Vec<TagRow>,
    /// `aws:SourceIp` (empty: absent).
    pub source_ip: String,
    /// `aws:MultiFactorAuthPresent`.
    pub mfa_present: Tri,
    /// `aws:MultiFactorAuthAge` in seconds (`None`: absent).
    pub mfa_age: Option<u32>,
    /// `aws:SecureTransport`.
    pub secure_transport: Tri,
    /// `aws:RequestedRegion` (empty: absent).
    pub requested_region: String,
    /// Frozen `aws:CurrentTime` as UNIX seconds; `None` means "now".
    pub current_time: Option<i64>,
    /// Free-form entries.
    pub extra: Vec<FreeEntry>,
    /// Next row id.
    pub next_row: u32,
}

/// Everything a shared link restores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppState {
    /// Policy documents of every layer.
    pub docs: Vec<PolicyDoc>,
    /// The request.
    pub request: RequestForm,
    /// Next document key.
    pub next_key: DocKey,
    /// Exercise mode: the decision each request should get (empty: no exercise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expected: Vec<Expected>,
    /// The World mode's scenario text, when it is not the built-in example.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub world: Option<String>,
}

/// One expectation of an exercise: this action on this resource should get this decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    /// The action.
    pub action: String,
    /// The resource (`*` when the request names none).
    pub resource: String,
    /// `allowed`, `explicitDeny` or `implicitDeny`.
    pub decision: String,
}

/// A scenario plus which document each engine policy id came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BuiltScenario {
    /// What the engine evaluates.
    pub scenario: Scenario,
    /// `(policy id, document key)` for every policy.
    pub ids: Vec<(String, DocKey)>,
}

impl BuiltScenario {
    /// The document a policy id names.
    pub fn doc_of(&self, policy_id: &str) -> Option<DocKey> {
        self.ids
            .iter()
            .find(|(id, _)| id == policy_id)
            .map(|(_, k)| *k)
    }

    /// The policy id of a document.
    pub fn id_of(&self, key: DocKey) -> Option<&str> {
        self.ids
            .iter()
            .find(|(_, k)| *k == key)
            .map(|(id, _)| id.as_str())
    }
}

/// Split a list typed by hand: commas, whitespace and newlines separate items.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl RequestForm {
    /// The context entries the form describes, typed editors first, then free-form entries.
    pub fn context_entries(&self) -> Vec<ContextEntry> {
        let mut out = Vec::new();
        let mut push = |key: String, values: Vec<String>, t: ContextKeyType| {
            out.push(ContextEntry {
                key,
                values,
                key_type: Some(t),
            });
        };
        for (kind, rows) in [
            (TagKind::Principal, &self.principal_tags),
            (TagKind::Resource, &self.resource_tags),
            (TagKind::Request, &self.request_tags),
        ] {
            for row in rows.iter().filter(|r| !r.key.trim().is_empty()) {
                push(
                    format!("{}{}", kind.prefix(), row.key.trim()),
                    vec![row.value.clone()],
                    ContextKeyType::String,
                );
            }
        }
        let tag_keys: Vec<String> = self
            .request_tags
            .iter()
            .filter_map(|r| non_empty(&r.key))
            .collect();
        if !tag_keys.is_empty() {
            push("aws:TagKeys".into(), tag_keys, ContextKeyType::StringList);
        }
        if let Some(ip) = non_empty(&self.source_ip) {
            push("aws:SourceIp".into(), vec![ip], ContextKeyType::Ip);
        }
        if let Some(v) = self.mfa_present.value() {
            push(
                "aws:MultiFactorAuthPresent".into(),
                vec![v.into()],
                ContextKeyType::Boolean,
            );
        }
        if let Some(age) = self.mfa_age {
            push(
                "aws:MultiFactorAuthAge".into(),
                vec![age.to_string()],
                ContextKeyType::Numeric,
            );
        }
        if let Some(v) = self.secure_transport.value() {
            push(
                "aws:SecureTransport".into(),
                vec![v.into()],
                ContextKeyType::Boolean,
            );
        }
        if let Some(r) = non_empty(&self.requested_region) {
            push(
                "aws:RequestedRegion".into(),
                vec![r],
                ContextKeyType::String,
            );
        }
        for e in self.extra.iter().filter(|e| !e.key.trim().is_empty()) {
            out.push(ContextEntry {
                key: e.key.trim().to_string(),
                values: e
                    .values
                    .split(',')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
                    .collect(),
                key_type: ContextKeyType::parse(e.key_type.trim()),
            });
        }
        out
    }

    fn next_id(&mut self) -> u32 {
        self.next_row = self.next_row.wrapping_add(1);
        self.next_row
    }

    /// The rows of a tag table.
    pub fn tags(&self, kind: TagKind) -> &Vec<TagRow> {
        match kind {
            TagKind::Principal => &self.principal_tags,
            TagKind::Resource => &self.resource_tags,
            TagKind::Request => &self.request_tags,
        }
    }

    /// The rows of a tag table, to change them.
    pub fn tags_mut(&mut self, kind: TagKind) -> &mut Vec<TagRow> {
        match kind {
            TagKind::Principal => &mut self.principal_tags,
            TagKind::Resource => &mut self.resource_tags,
            TagKind::Request => &mut self.request_tags,
        }
    }

    /// Add a tag row.
    pub fn add_tag(&mut self, kind: TagKind, key: &str, value: &str) {
        let id = self.next_id();
        self.tags_mut(kind).push(TagRow {
            id,
            key: key.into(),
            value: value.into(),
        });
    }

    /// Add a free-form entry.
    pub fn add_free(&mut self, key: &str, key_type: &str, values: &str) {
        let id = self.next_id();
        self.extra.push(FreeEntry {
            id,
            key: key.into(),
            key_type: key_type.into(),
            values: values.into(),
        });
    }

    /// Put a key the evaluation missed into the context: the typed editor that feeds it gets a
    /// sample value (tag tables a row with an empty value); any other key a free-form entry to
    /// fill in.
    pub fn add_context_key(&mut self, key: &str, now_epoch_seconds: i64) {
        let lower = key.to_ascii_lowercase();
        for kind in [TagKind::Principal, TagKind::Resource, TagKind::Request] {
            let prefix = kind.prefix().to_ascii_lowercase();
            if let Some(tag) = lower.strip_prefix(&prefix) {
                let original = key.get(key.len() - tag.len()..).unwrap_or(tag);
                self.add_tag(kind, original, "");
                return;
            }
        }
        match lower.as_str() {
            "aws:sourceip" => self.source_ip = "192.0.2.10".into(),
            "aws:multifactorauthpresent" => self.mfa_present = Tri::True,
            "aws:multifactorauthage" => self.mfa_age = Some(0),
            "aws:securetransport" => self.secure_transport = Tri::True,
            "aws:requestedregion" => self.requested_region = "us-east-1".into(),
            "aws:currenttime" | "aws:epochtime" => self.current_time = Some(now_epoch_seconds),
            "aws:tagkeys" => self.add_tag(TagKind::Request, "", ""),
            _ => self.add_free(key, "", ""),
        }
    }

    /// Take a key out of the context (for keys no policy refers to).
    pub fn remove_context_key(&mut self, key: &str) {
        let lower = key.to_ascii_lowercase();
        for kind in [TagKind::Principal, TagKind::Resource, TagKind::Request] {
            let prefix = kind.prefix().to_ascii_lowercase();
            if let Some(tag) = lower.strip_prefix(&prefix) {
                self.tags_mut(kind)
                    .retain(|r| r.key.trim().to_ascii_lowercase() != tag);
            }
        }
        match lower.as_str() {
            "aws:sourceip" => self.source_ip.clear(),
            "aws:multifactorauthpresent" => self.mfa_present = Tri::Absent,
            "aws:multifactorauthage" => self.mfa_age = None,
            "aws:securetransport" => self.secure_transport = Tri::Absent,
            "aws:requestedregion" => self.requested_region.clear(),
            "aws:tagkeys" => self.request_tags.clear(),
            _ => {}
        }
        self.extra
            .retain(|e| e.key.trim().to_ascii_lowercase() != lower);
    }
}

impl AppState {
    /// The documents of one layer, in order.
    pub fn layer_docs(&self, layer: Layer) -> impl Iterator<Item = &PolicyDoc> {
        self.docs.iter().filter(move |d| d.layer == layer)
    }

    /// A document by key.
    pub fn doc(&self, key: DocKey) -> Option<&PolicyDoc> {
        self.docs.iter().find(|d| d.key == key)
    }

    /// Whether another document can be added to a layer.
    pub fn can_add(&self, layer: Layer) -> bool {
        layer
            .max_docs()
            .is_none_or(|max| self.layer_docs(layer).count() < max)
    }

    /// Add a document from the layer's template; returns its key, or `None` when the layer is
    /// full.
    pub fn add_doc(&mut self, layer: Layer) -> Option<DocKey> {
        if !self.can_add(layer) {
            return None;
        }
        self.next_key = self.next_key.wrapping_add(1);
        let key = self.next_key;
        let n = self.layer_docs(layer).count() + 1;
        let name = if layer.max_docs() == Some(1) {
            layer.default_name().to_string()
        } else {
            let mut i = n;
            loop {
                let candidate = format!("{}{i}", layer.default_name());
                if !self.docs.iter().any(|d| d.name == candidate) {
                    break candidate;
                }
                i += 1;
            }
        };
        self.docs.push(PolicyDoc {
            key,
            layer,
            name,
            level: 1,
            text: layer.template().to_string(),
        });
        Some(key)
    }

    /// Remove a document.
    pub fn remove_doc(&mut self, key: DocKey) {
        self.docs.retain(|d| d.key != key);
    }

    /// Change a document's text; returns whether it changed.
    pub fn set_text(&mut self, key: DocKey, text: &str) -> bool {
        match self.docs.iter_mut().find(|d| d.key == key) {
            Some(d) if d.text != text => {
                d.text = text.to_string();
                true
            }
            _ => false,
        }
    }

    /// Build the engine's input. Policy ids follow the scenario format (`PolicyInputList.1`,
    /// `ServiceControlPolicyInputList.LEVEL.N`, `ResourcePolicy`, …); organization levels without
    /// a policy are left out, so the levels given are always consecutive.
    pub fn to_scenario(&self) -> BuiltScenario {
        let mut s = Scenario::default();
        let mut ids = Vec::new();
        let mut add = |prefix: &str, n: usize, d: &PolicyDoc| -> PolicyInput {
            let id = format!("{prefix}.{n}");
            ids.push((id.clone(), d.key));
            PolicyInput::new(id, d.text.clone())
        };
        for (i, d) in self.layer_docs(Layer::Identity).enumerate() {
            s.identity_policies.push(add("PolicyInputList", i + 1, d));
        }
        for (i, d) in self.layer_docs(Layer::Boundary).enumerate() {
            s.permissions_boundaries
                .push(add("PermissionsBoundaryPolicyInputList", i + 1, d));
        }
        for (i, d) in self.layer_docs(Layer::Session).enumerate() {
            s.session_policies
                .push(add("SessionPolicyInputList", i + 1, d));
        }
        for (layer, name) in [
            (Layer::Scp, "ServiceControlPolicyInputList"),
            (Layer::Rcp, "ResourceControlPolicyInputList"),
        ] {
            let mut levels: Vec<u8> = self.layer_docs(layer).map(|d| d.level).collect();
            levels.sort_unstable();
            levels.dedup();
            let mut out = Vec::new();
            for (li, level) in levels.iter().enumerate() {
                let docs = self.layer_docs(layer).filter(|d| d.level == *level);
                out.push(
                    docs.enumerate()
                        .map(|(pi, d)| add(&format!("{name}.{}", li + 1), pi + 1, d))
                        .collect::<Vec<_>>(),
                );
            }
            if layer == Layer::Scp {
                s.scp_levels = out;
            } else {
                s.rcp_levels = out;
            }
        }
        if let Some(d) = self.layer_docs(Layer::Resource).next() {
            ids.push(("ResourcePolicy".into(), d.key));
            s.resource_policy = Some(PolicyInput::new("ResourcePolicy", d.text.clone()));
        }
        let r = &self.request;
        s.caller_arn = non_empty(&r.caller_arn);
        s.resource_owner = non_empty(&r.resource_owner);
        s.action_names = split_list(&r.actions);
        s.resource_arns = split_list(&r.resources);
        s.context_entries = r.context_entries();
        BuiltScenario { scenario: s, ids }
    }
}

impl Default for AppState {
    fn default() -> Self {
        example::abac()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(entries: &[ContextEntry]) -> Vec<(&str, Vec<&str>)> {
        entries
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.values.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn the_example_builds_the_abac_scenario() {
        let built = AppState::default().to_scenario();
        let s = &built.scenario;
        assert_eq!(s.identity_policies.len(), 1);
        assert_eq!(s.identity_policies[0].id, "PolicyInputList.1");
        assert_eq!(s.action_names, ["s3:GetObject", "s3:DeleteObject"]);
        assert_eq!(
            s.caller_arn.as_deref(),
            Some("arn:aws:iam::111122223333:user/alice")
        );
        assert_eq!(
            keys(&s.context_entries),
            [
                ("aws:PrincipalTag/team", vec!["eng"]),
                ("aws:ResourceTag/team", vec!["eng"]),
                ("aws:SourceIp", vec!["203.0.113.7"]),
                ("aws:MultiFactorAuthAge", vec!["300"]),
            ]
        );
        assert_eq!(
            built.doc_of("PolicyInputList.1"),
            Some(s_key(&AppState::default()))
        );
    }

    fn s_key(state: &AppState) -> DocKey {
        state.layer_docs(Layer::Identity).next().unwrap().key
    }

    #[test]
    fn request_tags_also_give_tag_keys() {
        let mut f = AppState::default().request;
        f.principal_tags.clear();
        f.resource_tags.clear();
        f.source_ip.clear();
        f.mfa_age = None;
        f.add_tag(TagKind::Request, "team", "ops");
        f.add_tag(TagKind::Request, " cost ", "1");
        f.add_tag(TagKind::Request, "", "ignored");
        f.secure_transport = Tri::False;
        f.add_free("s3:prefix", "stringList", "a/, b/ ,");
        let e = f.context_entries();
        assert_eq!(
            keys(&e),
            [
                ("aws:RequestTag/team", vec!["ops"]),
                ("aws:RequestTag/cost", vec!["1"]),
                ("aws:TagKeys", vec!["team", "cost"]),
                ("aws:SecureTransport", vec!["false"]),
                ("s3:prefix", vec!["a/", "b/"]),
            ]
        );
        assert_eq!(e[4].key_type, Some(ContextKeyType::StringList));
    }

    #[test]
    fn scp_levels_are_grouped_and_made_consecutive() {
        let mut st = AppState::default();
        let a = st.add_doc(Layer::Scp).unwrap();
        let b = st.add_doc(Layer::Scp).unwrap();
        let c = st.add_doc(Layer::Scp).unwrap();
        for d in st.docs.iter_mut() {
            if d.key == b || d.key == c {
                d.level = 3;
            }
        }
        let built = st.to_scenario();
        assert_eq!(built.scenario.scp_levels.len(), 2);
        assert_eq!(built.scenario.scp_levels[1].len(), 2);
        assert_eq!(built.doc_of("ServiceControlPolicyInputList.1.1"), Some(a));
        assert_eq!(built.doc_of("ServiceControlPolicyInputList.2.2"), Some(c));
        assert_eq!(built.id_of(b), Some("ServiceControlPolicyInputList.2.1"));
    }

    #[test]
    fn single_document_layers_stay_single() {
        let mut st = AppState::default();
        assert!(st.add_doc(Layer::Resource).is_some());
        assert!(st.add_doc(Layer::Resource).is_none());
        let built = st.to_scenario();
        assert!(built.scenario.resource_policy.is_some());
        let names: Vec<_> = {
            st.add_doc(Layer::Identity);
            st.layer_docs(Layer::Identity)
                .map(|d| d.name.clone())
                .collect()
        };
        assert_eq!(names.len(), 2);
        assert_ne!(names[0], names[1]);
    }

    #[test]
    fn missing_keys_go_to_the_editor_that_feeds_them() {
        let mut f = AppState::default().request;
        f.add_context_key("aws:ResourceTag/Project", 0);
        assert!(f
            .resource_tags
            .iter()
            .any(|r| r.key == "Project" && r.value.is_empty()));
        f.source_ip.clear();
        f.add_context_key("aws:SourceIp", 0);
        assert_eq!(f.source_ip, "192.0.2.10");
        f.add_context_key("aws:CurrentTime", 1_700_000_000);
        assert_eq!(f.current_time, Some(1_700_000_000));
        f.add_context_key("ec2:InstanceType", 0);
        assert_eq!(f.extra.last().unwrap().key, "ec2:InstanceType");
        f.remove_context_key("EC2:instancetype");
        assert!(f.extra.is_empty());
        f.remove_context_key("aws:resourcetag/project");
        assert!(!f.resource_tags.iter().any(|r| r.key == "Project"));
        f.remove_context_key("aws:MultiFactorAuthAge");
        assert_eq!(f.mfa_age, None);
    }

    #[test]
    fn lists_split_on_commas_and_space() {
        assert_eq!(split_list(" a, b\nc ,,"), ["a", "b", "c"]);
        assert!(split_list("  ").is_empty());
    }
}

//! The playground's state as plain data: the policy documents of every layer and the request
//! form, and how they become an engine [`Scenario`]. No reactivity and no browser here, so all
//! of it is unit-tested on the host. [`AppState`]'s default, the example, is in
//! [`crate::model::examples`].
//!
//! - `layer`: the policy layers ([`Layer`]), in tab order
//! - `request_form`: the request pane's fields ([`RequestForm`])
//! - `context`: the context entries the form describes; keys added and removed

mod context;
mod layer;
mod request_form;

use iam_engine::policy::managed::ManagedPolicies;
use iam_engine::world::VpcEndpoint;
use iam_engine::{Diagnostic, PolicyInput, Scenario};
use serde::{Deserialize, Serialize};

pub use layer::Layer;
pub use request_form::{split_list, FreeEntry, RequestForm, TagKind, TagRow, Tri};

use request_form::non_empty;

/// A stable id for one policy document (also names its editor model).
pub type DocKey = u32;

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
    /// Exercise mode for classrooms: each request's decision (and its trace) stays hidden
    /// until the learner predicts it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hide_answers: bool,
    /// The learner's predictions, in the shape of `expected` (scenario-format v3 `Expected`),
    /// for either mode's requests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predictions: Vec<Expected>,
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
    /// Documents that name an AWS managed policy by ARN (their trace spans point into the
    /// managed document, not the editor's text).
    pub managed_docs: Vec<DocKey>,
    /// Some document names an AWS managed policy and the managed policies are not loaded yet.
    pub needs_managed: bool,
    /// Managed-policy names that do not exist, placed on the ARN in their document.
    pub problems: Vec<Diagnostic>,
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

    /// Add a document naming an AWS managed policy by ARN (its tab named after the policy);
    /// returns its key, or `None` when the layer is full.
    pub fn add_managed_doc(&mut self, layer: Layer, name: &str, arn: &str) -> Option<DocKey> {
        let key = self.add_doc(layer)?;
        if let Some(d) = self.docs.iter_mut().find(|d| d.key == key) {
            d.text = arn.to_string();
            d.name = name.to_string();
        }
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

    /// Change a document's text to `text` (taken, not copied); returns whether it changed.
    pub fn set_doc_text(&mut self, key: DocKey, text: String) -> bool {
        match self.docs.iter_mut().find(|d| d.key == key) {
            Some(d) if d.text != text => {
                d.text = text;
                true
            }
            _ => false,
        }
    }

    /// Whether some document names an AWS managed policy by ARN.
    pub fn names_managed_policy(&self) -> bool {
        self.docs
            .iter()
            .any(|d| crate::model::managed::reference(&d.text).is_some())
    }

    /// Build the engine's input, with documents that name an AWS managed policy by ARN left as
    /// written (what exports write).
    pub fn to_scenario(&self) -> BuiltScenario {
        self.to_scenario_with(None)
    }

    /// Build the engine's input. Policy ids follow the scenario format (`PolicyInputList.1`,
    /// `ServiceControlPolicyInputList.LEVEL.N`, `ResourcePolicy`, …); organization levels without
    /// a policy are left out, so the levels given are always consecutive. With `managed`, a
    /// document that names an AWS managed policy by ARN stands for that policy's document.
    pub fn to_scenario_with(&self, managed: Option<&ManagedPolicies>) -> BuiltScenario {
        let mut s = Scenario::default();
        let mut ids = Vec::new();
        let mut managed_docs = Vec::new();
        let mut needs_managed = false;
        let mut problems = Vec::new();
        let mut add = |prefix: &str, n: usize, d: &PolicyDoc| -> PolicyInput {
            let id = format!("{prefix}.{n}");
            ids.push((id.clone(), d.key));
            if crate::model::managed::reference(&d.text).is_some() {
                managed_docs.push(d.key);
                match managed.and_then(|m| iam_engine::scenario::resolve_reference(&id, &d.text, m))
                {
                    Some(Ok(p)) => return p,
                    Some(Err(problem)) => problems.push(problem),
                    None => needs_managed = true,
                }
            }
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
        // An AWS managed policy has no `Principal`, so it is never a resource-based policy:
        // the engine reports such a document as written.
        let r = &self.request;
        // The request travels through a VPC endpoint when the layer has a policy or the form
        // names the endpoint or its VPC (no policy: AWS's default endpoint policy).
        let endpoint_policy = self.layer_docs(Layer::VpcEndpoint).next().map(|d| {
            ids.push(("VpcEndpointPolicyInputList.1".into(), d.key));
            PolicyInput::new("VpcEndpointPolicyInputList.1", d.text.clone())
        });
        let (endpoint_id, vpc_id) = (non_empty(&r.vpc_endpoint_id), non_empty(&r.vpc_id));
        if endpoint_policy.is_some() || endpoint_id.is_some() || vpc_id.is_some() {
            s.vpc_endpoint = Some(VpcEndpoint {
                id: endpoint_id,
                vpc_id,
                policy: endpoint_policy,
            });
        }
        s.management_account = non_empty(&r.management_account);
        s.aws_managed_keys = r.aws_managed_keys;
        s.caller_arn = non_empty(&r.caller_arn);
        s.resource_owner = non_empty(&r.resource_owner);
        s.action_names = split_list(&r.actions);
        s.resource_arns = split_list(&r.resources);
        s.context_entries = r.context_entries();
        BuiltScenario {
            scenario: s,
            ids,
            managed_docs,
            needs_managed,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_engine::ContextEntry;

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

    /// A document holding an AWS managed policy's ARN stands for that policy's document once
    /// the managed policies are given (waiting for them until then); an unknown name is a
    /// problem placed on the ARN.
    #[test]
    fn managed_policy_documents_resolve_when_the_data_is_there() {
        let data = iam_engine::policy::managed::ManagedPolicies::parse(
            "managed-policies\t1\nsource\taws-iam-managed-policies\t0.0.1\n\
P\tReadOnlyAccess\tarn:aws:iam::aws:policy/ReadOnlyAccess\tv188\t{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}\n"
                .to_string(),
        )
        .unwrap();
        let mut st = AppState::default();
        let key = st
            .add_managed_doc(
                Layer::Identity,
                "ReadOnlyAccess",
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
            )
            .unwrap();
        assert!(st.names_managed_policy());
        let waiting = st.to_scenario();
        assert!(waiting.needs_managed);
        assert_eq!(waiting.managed_docs, [key]);
        let built = st.to_scenario_with(Some(&data));
        assert!(!built.needs_managed && built.problems.is_empty());
        let p = &built.scenario.identity_policies[1];
        assert_eq!(
            p.managed.as_ref().map(|m| m.label()),
            Some("ReadOnlyAccess (AWS managed, v188)".into())
        );
        assert!(p.text.contains("\"s3:Get*\""));
        st.set_text(key, "arn:aws:iam::aws:policy/ReadOnlyAcess");
        let built = st.to_scenario_with(Some(&data));
        assert_eq!(built.problems.len(), 1);
        assert_eq!(
            built.problems[0].policy_id.as_deref(),
            Some("PolicyInputList.2")
        );
        assert_eq!(
            built.problems[0].span.map(|s| (s.start, s.end)),
            Some((0, 37))
        );
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
}

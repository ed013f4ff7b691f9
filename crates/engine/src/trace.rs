//! The trace: why a request got its decision, as data shared by the CLI, the app and the tests.
//!
//! Layers come in AWS's documented evaluation order; each holds its policies, each policy its
//! statements, each statement its elements and conditions, and everything points back into the
//! policy text with a [`Span`].

use serde::{Deserialize, Serialize};

use crate::policy::operator::Operator;
use crate::policy::{Effect, PolicyKind};
use crate::request::caller::Caller;
use crate::request::context::ValueOrigin;
use crate::text::span::Span;

/// The three outcomes of an authorization request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EvalDecision {
    /// The request is allowed.
    Allowed,
    /// An applicable `Deny` statement denies it.
    ExplicitDeny,
    /// Nothing allows it (or a guardrail has no applicable `Allow`).
    ImplicitDeny,
}

impl EvalDecision {
    /// The AWS spelling: `allowed`, `explicitDeny`, `implicitDeny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::ExplicitDeny => "explicitDeny",
            Self::ImplicitDeny => "implicitDeny",
        }
    }
}

/// How strongly a resource-based policy's `Principal` names the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PrincipalCategory {
    /// The caller's account (account ID or `:root`).
    Account,
    /// The role the calling session belongs to.
    Role,
    /// The caller itself (user, session or federated-user ARN, a service, or `"*"`).
    Direct,
}

/// The full explanation of one (action, resource) decision.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trace {
    /// The action evaluated.
    pub action: String,
    /// The resource evaluated.
    pub resource: String,
    /// Who asked.
    pub caller: Caller,
    /// The account that owns the resource, if known.
    pub resource_account: Option<String>,
    /// Whether caller and resource are in different accounts.
    pub cross_account: bool,
    /// `roleTrustPolicy` or `kmsKeyPolicy` when the resource policy must grant explicitly.
    pub special_resource: Option<String>,
    /// The context as evaluated, derived keys included.
    pub context: Vec<ContextValueTrace>,
    /// Policy layers in AWS's evaluation order.
    pub layers: Vec<LayerTrace>,
    /// The decision logic, step by step, in plain words.
    pub steps: Vec<DecisionStep>,
    /// The decision.
    pub decision: EvalDecision,
    /// The rule that decided (the `rule` of the last step).
    pub deciding_rule: String,
}

/// A key of the request context.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextValueTrace {
    /// Key name.
    pub key: String,
    /// Its values.
    pub values: Vec<String>,
    /// Given or derived.
    pub origin: ValueOrigin,
    /// For derived values: what they were derived from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// What a layer contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LayerVerdict {
    /// No policy of this type was given.
    Absent,
    /// The layer does not apply to this caller (e.g. identity policies for the root user).
    NotApplicable,
    /// An applicable `Deny` statement.
    Deny,
    /// An applicable `Allow` (every level, for SCPs and RCPs).
    Allow,
    /// No applicable `Allow` (at some level, for SCPs and RCPs).
    NoAllow,
}

/// One policy type's part in the decision.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerTrace {
    /// The policy type.
    pub kind: PolicyKind,
    /// Its AWS name.
    pub label: String,
    /// What it contributes.
    pub verdict: LayerVerdict,
    /// One sentence on why.
    pub summary: String,
    /// Its policies.
    pub policies: Vec<PolicyTrace>,
}

/// One policy.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyTrace {
    /// `PolicyInputList.1`, `ResourcePolicy`, …
    pub policy_id: String,
    /// Organization level (1 = root) for SCPs and RCPs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// The policy's name when it has one to show: `ReadOnlyAccess (AWS managed, v123)` for an
    /// AWS managed policy named by ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the policy is when the scenario did not write it: an AWS managed policy that is
    /// always attached (`RCPFullAWSAccess`), or the default VPC endpoint policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Its statements.
    pub statements: Vec<StatementTrace>,
}

/// One statement.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementTrace {
    /// 0-based index in the policy.
    pub index: usize,
    /// `Sid`, if any.
    pub sid: Option<String>,
    /// `Allow` or `Deny`.
    pub effect: Effect,
    /// The whole statement.
    pub span: Span,
    /// Whether every element matched and every condition held.
    pub applies: bool,
    /// `Principal`/`NotPrincipal` (resource-based policies and RCPs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<ElementTrace>,
    /// How strongly the principal names the caller, when it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal_category: Option<PrincipalCategory>,
    /// `Action`/`NotAction`.
    pub action: ElementTrace,
    /// `Resource`/`NotResource`.
    pub resource: ElementTrace,
    /// Each condition, in order (all evaluated, for the explanation).
    pub conditions: Vec<ConditionTrace>,
}

/// An `Action`, `Resource` or `Principal` element (or its `Not…` form).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ElementTrace {
    /// `Action`, `NotAction`, `Resource`, …
    pub element: String,
    /// `Not…`: the element applies when nothing listed matches.
    pub inverted: bool,
    /// Whether the element lets the statement apply (after inversion).
    pub matched: bool,
    /// The element's key (absent `Resource` in a resource policy: none).
    pub span: Option<Span>,
    /// The listed pattern that matched, if any.
    pub matched_pattern: Option<MatchedPattern>,
    /// Plain words.
    pub reason: String,
}

/// A pattern of an element.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchedPattern {
    /// As written.
    pub text: String,
    /// After policy variables.
    pub resolved: Option<String>,
    /// Where.
    pub span: Span,
}

/// One condition (operator, key).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionTrace {
    /// The operator as written.
    pub operator: String,
    /// The parsed operator.
    pub parsed: Operator,
    /// Operator's span.
    pub operator_span: Span,
    /// The key as written.
    pub key: String,
    /// Key's span.
    pub key_span: Span,
    /// Whether the request context has the key.
    pub key_present: bool,
    /// The request's values for it.
    pub context_values: Vec<String>,
    /// The policy's values.
    pub policy_values: Vec<PolicyValueTrace>,
    /// The outcome.
    pub result: bool,
    /// Plain words.
    pub reason: String,
}

/// A policy value after variable substitution.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyValueTrace {
    /// As written.
    pub text: String,
    /// After substitution; `None` when a variable had no value and no default.
    pub resolved: Option<String>,
    /// Whether some context value matched it.
    pub matched: bool,
    /// Where.
    pub span: Span,
}

/// One step of the decision logic.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionStep {
    /// Stable id of the rule (`explicit-deny`, `scp-gate`, `same-account-resource-grant`, …).
    pub rule: String,
    /// Plain words.
    pub text: String,
    /// The decision this step reached, if it ended evaluation.
    pub decision: Option<EvalDecision>,
    /// Documentation the rule comes from.
    pub source: String,
}

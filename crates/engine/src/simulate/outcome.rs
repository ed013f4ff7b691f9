//! What a simulation returns: one result per (action, resource), each with the statements that
//! decided and, on request, the full trace; for a `World`, the STS hops made before the request.
//! Types only, `SimulateCustomPolicy`-shaped.

use serde::{Deserialize, Serialize};

use crate::text::diag::Diagnostic;
use crate::text::span::Span;
use crate::trace::{EvalDecision, Trace};

/// How to simulate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Attach the full [`Trace`] to every result.
    pub trace: bool,
    /// The request time, as UNIX seconds: fills `aws:CurrentTime` and `aws:EpochTime` when the
    /// context does not give them. `None` leaves them absent (reported as missing if needed).
    pub now_epoch_seconds: Option<i64>,
}

/// The result of [`simulate`](fn@crate::simulate::simulate).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Outcome {
    /// One result per (action, resource), action-major; `None` when an error stopped evaluation.
    #[serde(rename = "EvaluationResults")]
    pub results: Option<Vec<EvaluationResult>>,
    /// Errors and warnings about the input.
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// 1-based line and column, as in AWS's `StartPosition`/`EndPosition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Position {
    /// Line.
    pub line: u32,
    /// Column.
    pub column: u32,
}

/// A statement that decided a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MatchedStatement {
    /// `PolicyInputList.1`, `ResourcePolicy`, …
    pub source_policy_id: String,
    /// `IAM Policy`, `Resource Policy`, `Permissions Boundary Policy`, …
    pub source_policy_type: String,
    /// The statement's Sid (extension).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// Where the statement starts.
    pub start_position: Position,
    /// Where it ends.
    pub end_position: Position,
    /// 0-based index of the statement in its policy (extension).
    pub statement_index: usize,
    /// The statement's byte range and position in its policy text (not serialized).
    #[serde(skip)]
    pub span: Span,
}

/// The decision for one (action, resource).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EvaluationResult {
    /// The action.
    pub eval_action_name: String,
    /// The resource.
    pub eval_resource_name: String,
    /// `allowed`, `explicitDeny` or `implicitDeny`.
    pub eval_decision: EvalDecision,
    /// The statements that decided.
    pub matched_statements: Vec<MatchedStatement>,
    /// Context keys that a relevant condition needed and the request did not have.
    pub missing_context_values: Vec<String>,
    /// Whether the organization's policies (SCPs, and RCPs as an extension) allowed; only when
    /// the scenario gives some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organizations_decision_detail: Option<OrganizationsDecisionDetail>,
    /// Whether the permissions boundary allowed; only when one applies to the caller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_boundary_decision_detail: Option<PermissionsBoundaryDecisionDetail>,
    /// Each policy type's decision, keyed by the `SourcePolicyType` names: filled across
    /// accounts, empty for a named resource in the same account, absent for `*` in the same
    /// account and when an SCP denied (as AWS documents `EvalDecisionDetails`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eval_decision_details: Option<EvalDecisionDetails>,
    /// Given context keys that no policy refers to (likely typos) — extension.
    pub unused_context_keys: Vec<String>,
    /// The full explanation (with `Options::trace`) — extension.
    /// (Boxed: most results carry none, and a result is moved and kept in lists.)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Box<Trace>>,
    /// For `World` scenarios: the STS hops made before the request — extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<Vec<HopResult>>,
    /// The `ActionNames` pattern this action was expanded from (see
    /// `analysis::expand::simulate_expanded`) — extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_pattern: Option<String>,
}

/// AWS's `OrganizationsDecisionDetail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OrganizationsDecisionDetail {
    /// The organization's policies let the request through.
    pub allowed_by_organizations: bool,
}

/// AWS's `PermissionsBoundaryDecisionDetail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PermissionsBoundaryDecisionDetail {
    /// The permissions boundary allows the request.
    pub allowed_by_permissions_boundary: bool,
}

/// AWS's `EvalDecisionDetails`: policy type → decision, serialized as a JSON object in
/// evaluation order. The keys are the `SourcePolicyType` names (`IAM Policy`, `Resource
/// Policy`, …): AWS does not document its keys, so this tool uses the names it already gives
/// policy types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalDecisionDetails(pub Vec<(String, EvalDecision)>);

impl Serialize for EvalDecisionDetails {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Read back in the order written (the app's engine worker sends results as JSON).
impl<'de> Deserialize<'de> for EvalDecisionDetails {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = EvalDecisionDetails;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of policy type to decision")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, EvalDecision>()? {
                    entries.push(entry);
                }
                Ok(EvalDecisionDetails(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// One STS call of the chain and how it went.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HopResult {
    /// 0-based position in `AssumeRoleChain`.
    pub hop: usize,
    /// `AssumeRole`, `GetSessionToken`, …
    pub api: String,
    /// The role assumed, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Who made the call.
    pub caller: String,
    /// The principal after the call (when it succeeded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_arn: Option<String>,
    /// The call's decision.
    pub eval_decision: EvalDecision,
    /// Why, in plain words.
    pub reason: String,
    /// The decisions for each action the call needed (`sts:AssumeRole`, `sts:TagSession`, …).
    pub evaluation_results: Vec<EvaluationResult>,
    /// Session tags in effect after the call.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub session_tags: Vec<(String, String)>,
}

//! The replies the worker sends the page (as JSON). The page deserializes them with the same
//! types, so the two sides cannot drift apart.

use iam_engine::catalog::AccessLevel;
use iam_engine::compare::Comparison;
use iam_engine::lint::{Finding, FindingKind};
use iam_engine::sweep::{Counts, LevelSweep};
use iam_engine::trace::StatementTrace;
use iam_engine::{Diagnostic, EvalDecision, EvaluationResult, Severity, Span};
use serde::{Deserialize, Serialize};

/// The most counterexamples a [`CompareReply`] carries (the counts cover all of them).
pub const MAX_COUNTEREXAMPLES: usize = 500;

/// The result of a sweep, compact: 22,091 action rows cross the worker boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepReply {
    /// Why there is no result (the scenario has errors, the catalog is missing); the other
    /// fields are then empty.
    pub error: Option<String>,
    /// The catalog, as `package@version`.
    pub catalog: String,
    /// The resources every action was evaluated against.
    pub resources: Vec<String>,
    /// When asked for: instances of the policies' ARN patterns, each tried with the actions of
    /// its service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named_resources: Vec<String>,
    /// Decisions made (actions × resources).
    pub decisions: usize,
    /// Overall counts.
    pub counts: Counts,
    /// One row per service, in catalog order.
    pub services: Vec<ServiceRow>,
}

/// A service's part of a sweep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRow {
    /// Service prefix, e.g. `s3`.
    pub prefix: String,
    /// Service name, e.g. `Amazon S3`.
    pub name: String,
    /// Counts over the service's actions.
    pub counts: Counts,
    /// Counts per access level (levels with no action left out).
    pub levels: Vec<LevelSweep>,
    /// Every action.
    pub actions: Vec<ActionRow>,
    /// `(action index, index into SweepReply::named_resources)`: actions allowed only on a
    /// resource the policies name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_on: Vec<(usize, usize)>,
    /// Indices of the actions that name no resource type, evaluated on `*` (AWS authorizes
    /// them on `*` whatever the request names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_star: Vec<usize>,
}

/// One action: its name without the service prefix, its access level and the overall
/// decision (allowed if allowed on some resource, else explicit deny if denied on some), the
/// last two as small numbers so that 22,091 rows stay small (`["GetItem",1,2]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow(pub String, u8, u8);

const LEVELS: [AccessLevel; 5] = [
    AccessLevel::List,
    AccessLevel::Read,
    AccessLevel::Write,
    AccessLevel::PermissionsManagement,
    AccessLevel::Tagging,
];
const DECISIONS: [EvalDecision; 3] = [
    EvalDecision::Allowed,
    EvalDecision::ExplicitDeny,
    EvalDecision::ImplicitDeny,
];

fn code<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter().position(|x| x == v).unwrap_or_default() as u8
}

impl ActionRow {
    /// A row.
    pub fn new(name: String, level: AccessLevel, decision: EvalDecision) -> Self {
        Self(name, code(&LEVELS, &level), code(&DECISIONS, &decision))
    }

    /// The action's name without the service prefix.
    pub fn name(&self) -> &str {
        &self.0
    }

    /// The access level.
    pub fn level(&self) -> AccessLevel {
        LEVELS
            .get(usize::from(self.1))
            .copied()
            .unwrap_or(AccessLevel::Write)
    }

    /// The overall decision.
    pub fn decision(&self) -> EvalDecision {
        DECISIONS
            .get(usize::from(self.2))
            .copied()
            .unwrap_or(EvalDecision::ImplicitDeny)
    }
}

impl SweepReply {
    /// Every action as CSV (`service,action,access level,decision,allowed on`), one row each,
    /// in catalog order, with a header row.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("service,action,access_level,decision,allowed_on\n");
        for s in &self.services {
            for (i, a) in s.actions.iter().enumerate() {
                let on = s
                    .allowed_on
                    .iter()
                    .find(|(at, _)| *at == i)
                    .and_then(|(_, n)| self.named_resources.get(*n))
                    .map(String::as_str)
                    .unwrap_or_default();
                let fields = [
                    s.prefix.as_str(),
                    &format!("{}:{}", s.prefix, a.name()),
                    a.level().label(),
                    a.decision().as_str(),
                    on,
                ];
                let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                out.push_str(&row.join(","));
                out.push('\n');
            }
        }
        out
    }
}

/// A CSV field, quoted when it needs to be (RFC 4180).
fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

/// The result of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareReply {
    /// Why there is no result; `comparison` is then `None`.
    pub error: Option<String>,
    /// The comparison, with at most [`MAX_COUNTEREXAMPLES`] counterexamples.
    pub comparison: Option<Comparison>,
    /// How many counterexamples were found in all.
    pub counterexamples: usize,
}

/// The live evaluation of a large input (`crate::live`): results, diagnostics and findings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvaluateReply {
    /// The job this answers (the page drops replies to older jobs).
    pub job: u64,
    /// One result per (action, resource), `None` when an error stopped evaluation. In the
    /// traces, a policy with more than `live::KEEP_ALL` statements holds only the statements
    /// that apply; the others are fetched with `statements` jobs.
    pub results: Option<Vec<EvaluationResult>>,
    /// `(policy id, number of statements)` of the policies whose statements were left out.
    pub statement_counts: Vec<(String, usize)>,
    /// The engine's errors and warnings.
    pub diagnostics: Vec<WireDiagnostic>,
    /// The linter's findings, per policy.
    pub findings: Vec<PolicyFindings>,
}

impl EvaluateReply {
    /// The results as the engine made them: a `MatchedStatement`'s span is not serialized, so
    /// it is taken back from its statement in the trace (the statements that apply are always
    /// in a reply).
    pub fn into_results(self) -> Option<Vec<EvaluationResult>> {
        let mut results = self.results?;
        for r in &mut results {
            let Some(trace) = &r.trace else { continue };
            for m in &mut r.matched_statements {
                let statement = trace
                    .layers
                    .iter()
                    .flat_map(|l| &l.policies)
                    .filter(|p| p.policy_id == m.source_policy_id)
                    .flat_map(|p| &p.statements)
                    .find(|s| s.index == m.statement_index);
                if let Some(s) = statement {
                    m.span = s.span;
                }
            }
        }
        Some(results)
    }
}

/// A page of statement traces of a live evaluation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatementsReply {
    /// Why there are none (the evaluation was replaced, no such policy).
    pub error: Option<String>,
    /// The statements, in order.
    pub statements: Vec<StatementTrace>,
}

/// The linter's findings for one policy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolicyFindings {
    /// `PolicyInputList.1`, …
    pub policy_id: String,
    /// Its findings, by position.
    pub findings: Vec<WireFinding>,
}

/// An engine [`Diagnostic`] on the wire (its code, a `&'static str` there, as text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireDiagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code.
    pub code: String,
    /// The message.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The policy the span points into.
    pub policy_id: Option<String>,
    /// Where, in the policy's text.
    pub span: Option<Span>,
}

impl From<&Diagnostic> for WireDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        Self {
            severity: d.severity,
            code: d.code.to_string(),
            message: d.message.clone(),
            help: d.help.clone(),
            policy_id: d.policy_id.clone(),
            span: d.span,
        }
    }
}

impl WireDiagnostic {
    /// The engine's diagnostic again; `code` turns the code text back into the engine's
    /// `&'static str` (the page interns the few codes there are).
    pub fn into_diagnostic(self, code: impl FnOnce(&str) -> &'static str) -> Diagnostic {
        Diagnostic {
            severity: self.severity,
            code: code(&self.code),
            message: self.message,
            help: self.help,
            policy_id: self.policy_id,
            span: self.span,
            file_span: None,
        }
    }
}

/// A lint [`Finding`] on the wire (its code as text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireFinding {
    /// Error, security warning, warning or suggestion.
    pub kind: FindingKind,
    /// The stable code.
    pub code: String,
    /// The message.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Where, in the policy's text.
    pub span: Span,
}

impl From<&Finding> for WireFinding {
    fn from(f: &Finding) -> Self {
        Self {
            kind: f.kind,
            code: f.code.to_string(),
            message: f.message.clone(),
            help: f.help.clone(),
            span: f.span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("s3:GetObject"), "s3:GetObject");
        assert_eq!(
            csv_field("Permissions management"),
            "Permissions management"
        );
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}

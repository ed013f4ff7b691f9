//! AWS's current `SimulateCustomPolicy` response shape (IAM API Reference, *EvaluationResult*):
//! "a single `EvaluationResult` per action, regardless of how many resource ARNs are provided
//! … The top-level `EvalDecision` reflects the most restrictive decision across all resources",
//! with each resource's own decision under `ResourceSpecificResults`, paginated by `MaxItems`
//! and `Marker`. Built from this tool's per-(action, resource) results.

use serde::Serialize;

use super::outcome::{
    EvalDecisionDetails, EvaluationResult, MatchedStatement, OrganizationsDecisionDetail,
    PermissionsBoundaryDecisionDetail, Position,
};
use crate::policy::catalog::Catalog;
use crate::scenario::aws_api::{encode_marker, Page};
use crate::trace::EvalDecision;

/// The response: one page of results, one per action.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AwsResponse {
    /// One result per action, in `ActionNames` order.
    pub evaluation_results: Vec<AwsEvaluationResult>,
    /// Whether more results follow (ask again with `Marker`).
    pub is_truncated: bool,
    /// Where the next page starts (only when truncated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// One action's result, aggregated over its resources.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AwsEvaluationResult {
    /// The action.
    pub eval_action_name: String,
    /// The action's ARN template from the service catalog (see [`arn_template`]).
    pub eval_resource_name: String,
    /// The most restrictive decision across the resources.
    pub eval_decision: EvalDecision,
    /// The statements behind the top-level decision (those of every resource that got it).
    pub matched_statements: Vec<AwsStatement>,
    /// Missing context keys; only when the resource is `*` (otherwise per resource).
    pub missing_context_values: Vec<String>,
    /// Whether the organization's policies allowed on every resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organizations_decision_detail: Option<OrganizationsDecisionDetail>,
    /// Whether the permissions boundary allowed on every resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_boundary_decision_detail: Option<PermissionsBoundaryDecisionDetail>,
    /// Each policy type's most restrictive decision across the resources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eval_decision_details: Option<EvalDecisionDetails>,
    /// One result per resource (absent when the simulation names no resource).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resource_specific_results: Vec<AwsResourceResult>,
}

/// AWS's `ResourceSpecificResult`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AwsResourceResult {
    /// The resource.
    pub eval_resource_name: String,
    /// Its decision.
    pub eval_resource_decision: EvalDecision,
    /// The statements that decided.
    pub matched_statements: Vec<AwsStatement>,
    /// Context keys a relevant condition needed and the request did not give.
    pub missing_context_values: Vec<String>,
    /// Each policy type's decision (across accounts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eval_decision_details: Option<EvalDecisionDetails>,
    /// Whether the permissions boundary allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_boundary_decision_detail: Option<PermissionsBoundaryDecisionDetail>,
}

/// AWS's `Statement`: which policy, and where the statement is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AwsStatement {
    /// `PolicyInputList.1`, …
    pub source_policy_id: String,
    /// `IAM Policy`, `Resource Policy`, …
    pub source_policy_type: String,
    /// Line and column just after the statement's `{` (see [`aws_positions`]).
    pub start_position: Position,
    /// Line and column just after its `}`.
    pub end_position: Position,
}

/// A statement's position as AWS reports it. AWS's own example (AWS CLI reference,
/// `simulate-custom-policy`: the one-line policy
/// `{"Version":"2012-10-17","Statement":{"Effect":"Allow",…}}}}` of 167 characters, whose
/// statement opens at column 37 and closes at column 166) reports `StartPosition` line 1,
/// column 38 and `EndPosition` line 1, column 167: 1-based, each just after the brace. Our
/// span's start is the `{` itself and its end is already just after the `}`.
pub fn aws_positions(m: &MatchedStatement) -> (Position, Position) {
    (
        Position {
            line: m.start_position.line,
            column: m.start_position.column + 1,
        },
        m.end_position,
    )
}

fn statement(m: &MatchedStatement) -> AwsStatement {
    let (start_position, end_position) = aws_positions(m);
    AwsStatement {
        source_policy_id: m.source_policy_id.clone(),
        source_policy_type: m.source_policy_type.clone(),
        start_position,
        end_position,
    }
}

/// How restrictive a decision is: explicit deny > implicit deny > allowed.
fn severity(d: EvalDecision) -> u8 {
    match d {
        EvalDecision::Allowed => 0,
        EvalDecision::ImplicitDeny => 1,
        EvalDecision::ExplicitDeny => 2,
    }
}

fn most_restrictive(a: EvalDecision, b: EvalDecision) -> EvalDecision {
    if severity(b) > severity(a) {
        b
    } else {
        a
    }
}

/// The top-level `EvalResourceName` of an action: its ARN template from the service catalog.
/// An action that names no resource type is authorized on `*`, so it gets `*` (so does an
/// action the catalog does not know). With several resource types, the templates of the
/// required ones (those the Service Authorization Reference marks `*`; all of them when none is
/// required) are listed, joined by `", "`, in the catalog's order: AWS does not document which
/// one it shows, and one picked arbitrarily would hide the others.
pub fn arn_template(catalog: Option<&Catalog>, action: &str) -> String {
    let Some(a) = catalog.and_then(|c| c.action(action)) else {
        return "*".into();
    };
    let all: Vec<(&str, bool)> = a
        .resource_types()
        .map(|(rt, required)| (rt.arn(), required))
        .collect();
    let required: Vec<&str> = all.iter().filter(|(_, r)| *r).map(|(t, _)| *t).collect();
    let chosen: Vec<&str> = if required.is_empty() {
        all.iter().map(|(t, _)| *t).collect()
    } else {
        required
    };
    let mut unique: Vec<&str> = Vec::new();
    for t in chosen {
        if !unique.contains(&t) {
            unique.push(t);
        }
    }
    if unique.is_empty() {
        "*".into()
    } else {
        unique.join(", ")
    }
}

/// Merge per-resource `EvalDecisionDetails`: absent when every resource's is; otherwise each
/// policy type's most restrictive decision, in first-seen order.
fn merge_details<'a>(
    all: impl Iterator<Item = &'a Option<EvalDecisionDetails>>,
) -> Option<EvalDecisionDetails> {
    let mut out: Option<EvalDecisionDetails> = None;
    for d in all.flatten() {
        let merged = out.get_or_insert_with(EvalDecisionDetails::default);
        for (k, v) in &d.0 {
            match merged.0.iter_mut().find(|(mk, _)| mk == k) {
                Some((_, mv)) => *mv = most_restrictive(*mv, *v),
                None => merged.0.push((k.clone(), *v)),
            }
        }
    }
    out
}

/// `Some(all true)` over the values given, `None` when none is.
fn all_true(values: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    values
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(true) && v))
}

/// One action's results (one per resource) as AWS's single result.
fn aggregate(catalog: Option<&Catalog>, group: &[&EvaluationResult]) -> AwsEvaluationResult {
    let action = group
        .first()
        .map(|r| r.eval_action_name.clone())
        .unwrap_or_default();
    let decision = group
        .iter()
        .map(|r| r.eval_decision)
        .fold(EvalDecision::Allowed, most_restrictive);
    let mut matched: Vec<AwsStatement> = Vec::new();
    for r in group.iter().filter(|r| r.eval_decision == decision) {
        for m in &r.matched_statements {
            let s = statement(m);
            if !matched.contains(&s) {
                matched.push(s);
            }
        }
    }
    // AWS: MissingContextValues at the top level "is used when the resource in a simulation is
    // "*" … If you include a list of resources, then any missing context values are instead
    // included under the ResourceSpecificResults section".
    let star_only = matches!(group, [only] if only.eval_resource_name == "*");
    let (missing, per_resource) = if star_only {
        (
            group
                .first()
                .map(|r| r.missing_context_values.clone())
                .unwrap_or_default(),
            Vec::new(),
        )
    } else {
        let per = group
            .iter()
            .map(|r| AwsResourceResult {
                eval_resource_name: r.eval_resource_name.clone(),
                eval_resource_decision: r.eval_decision,
                matched_statements: r.matched_statements.iter().map(statement).collect(),
                missing_context_values: r.missing_context_values.clone(),
                eval_decision_details: r.eval_decision_details.clone(),
                permissions_boundary_decision_detail: r.permissions_boundary_decision_detail,
            })
            .collect();
        (Vec::new(), per)
    };
    AwsEvaluationResult {
        eval_resource_name: arn_template(catalog, &action),
        eval_action_name: action,
        eval_decision: decision,
        matched_statements: matched,
        missing_context_values: missing,
        organizations_decision_detail: all_true(group.iter().map(|r| {
            r.organizations_decision_detail
                .map(|d| d.allowed_by_organizations)
        }))
        .map(|allowed| OrganizationsDecisionDetail {
            allowed_by_organizations: allowed,
        }),
        permissions_boundary_decision_detail: all_true(group.iter().map(|r| {
            r.permissions_boundary_decision_detail
                .map(|d| d.allowed_by_permissions_boundary)
        }))
        .map(|allowed| PermissionsBoundaryDecisionDetail {
            allowed_by_permissions_boundary: allowed,
        }),
        eval_decision_details: merge_details(group.iter().map(|r| &r.eval_decision_details)),
        resource_specific_results: per_resource,
    }
}

/// AWS's response for `results` (this tool's per-(action, resource) results, action-major):
/// one result per action, then the page `page` asks for. `Err` when the page starts past the
/// last result (a `Marker` from another scenario).
pub fn aws_response(
    results: &[EvaluationResult],
    catalog: Option<&Catalog>,
    page: Page,
) -> Result<AwsResponse, String> {
    let mut groups: Vec<Vec<&EvaluationResult>> = Vec::new();
    for r in results {
        match groups.last_mut() {
            // A group is one action's block of resources; an action named twice in
            // `ActionNames` gives two blocks (a resource seen again starts the second).
            Some(g)
                if g.first().map(|f| &f.eval_action_name) == Some(&r.eval_action_name)
                    && !g
                        .iter()
                        .any(|f| f.eval_resource_name == r.eval_resource_name) =>
            {
                g.push(r);
            }
            _ => groups.push(vec![r]),
        }
    }
    let total = groups.len();
    if page.start > total {
        return Err(format!(
            "`Marker` points past the last of {total} results: it belongs to another scenario"
        ));
    }
    let end = page.start.saturating_add(page.size()).min(total);
    let evaluation_results = groups
        .get(page.start..end)
        .unwrap_or_default()
        .iter()
        .map(|g| aggregate(catalog, g))
        .collect();
    let is_truncated = end < total;
    Ok(AwsResponse {
        evaluation_results,
        is_truncated,
        marker: is_truncated.then(|| encode_marker(end)),
    })
}

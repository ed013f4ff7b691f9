//! Grammar: the lowering's errors and warnings as findings, plus the grammar-level checks the
//! lowering leaves to validation (empty objects, empty `Sid`, a missing `Version`).

use super::ctx::Ctx;
use super::finding::{Finding, FindingKind, PolicyType};
use super::view::PolicyView;
use crate::policy::lower::parse_policy;
use crate::text::diag::{Severity, Sink};
use crate::text::json::{self, Node};

/// Run the lowering and report what it found; returns the JSON tree when the text is JSON.
pub(super) fn check<'a: 't, 't>(ctx: &mut Ctx<'a>, arena: &'t json::Arena) -> Option<Node<'t>> {
    let mut sink = Sink::new(ctx.text, None);
    parse_policy(ctx.text, ctx.policy_type.kind(), &mut sink);
    for d in sink.items {
        let kind = match d.severity {
            Severity::Error => FindingKind::Error,
            Severity::Warning => FindingKind::Warning,
        };
        let help = d.help.unwrap_or_else(|| help_for(d.code).to_string());
        if let Some(span) = d.span {
            ctx.findings.push(Finding {
                kind,
                code: d.code,
                message: d.message,
                help,
                span,
                policy_id: None,
                file_span: None,
            });
        }
    }
    json::parse(ctx.text, arena).ok()
}

/// A help line for the lowering's codes that come without one.
fn help_for(code: &str) -> &'static str {
    match code {
        "json-syntax" => {
            "policies are strict JSON: no comments, no trailing commas, keys in double quotes"
        }
        "wrong-type" => {
            "see the grammar of the IAM JSON policy language (reference_policies_grammar)"
        }
        "id-in-identity-policy" => "remove `Id`: it belongs in resource-based policies",
        "missing-element" => "add the missing element",
        "empty-value" => "list at least one value, or remove the element",
        "variables-need-2012" => "add `\"Version\": \"2012-10-17\"` at the top of the policy",
        "duplicate-element" => "remove the duplicate: an element may appear only once",
        "unknown-element" => "remove the element or fix its spelling",
        "sid-characters" => "use only A-Z, a-z and 0-9 in a `Sid`",
        "invalid-effect" => "write `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`",
        "conflicting-elements" => "keep only one of the two elements",
        "invalid-variable" => {
            "write policy variables as `${aws:username}` or `${aws:username, 'default'}`"
        }
        "invalid-action" => "write actions as `service:Action`, e.g. `s3:GetObject`, or `*`",
        "invalid-resource" => {
            "write resources as ARNs, `arn:partition:service:region:account:resource`"
        }
        "wildcard-in-service" => "name the service exactly, e.g. `s3`",
        "variable-outside-resource-part" => {
            "use policy variables only after the fifth `:` of the ARN"
        }
        "principal-not-allowed" => {
            "remove the element: this policy type applies to the principal it is attached to"
        }
        "invalid-principal" => "use a 12-digit account ID, an ARN, or `\"*\"`",
        "unknown-operator" => {
            "see the condition operators (reference_policies_elements_condition_operators)"
        }
        "invalid-key" => "name a condition key, e.g. `aws:SourceIp`",
        "invalid-value" => "write a value of the operator's type",
        _ => "see the IAM JSON policy elements reference (reference_policies_elements)",
    }
}

/// Grammar-level checks on the view.
pub(super) fn check_view(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    version(ctx, policy);
    for s in &policy.statements {
        // ACCA "Suggestion – Empty Sid value"; [UG reference_policies_elements_sid].
        if let Some(sid) = &s.sid {
            if sid.text.is_empty() {
                ctx.report(
                    FindingKind::Suggestion,
                    "empty-sid",
                    sid.range,
                    "the `Sid` is empty",
                    "give the statement a name or remove `Sid`",
                );
            }
        }
        // ACCA "Suggestion – Empty object principal": `{}` names no principal, so the statement
        // applies to nobody [UG reference_policies_elements_principal].
        if let Some(p) = &s.principal {
            if p.empty_object {
                ctx.report(
                    FindingKind::Warning,
                    "empty-principal",
                    p.value_range,
                    format!(
                        "`{}` is an empty object: the statement applies to no principal",
                        if p.negated { "NotPrincipal" } else { "Principal" }
                    ),
                    "name a principal, e.g. `{\"AWS\": \"arn:aws:iam::111122223333:root\"}`, or remove the statement",
                );
            }
        }
        // ACCA "Suggestion – Empty object condition": an empty block tests nothing.
        if let Some(c) = &s.condition {
            if c.entries.is_empty() && c.empty_operators.is_empty() {
                ctx.report(
                    FindingKind::Suggestion,
                    "empty-condition",
                    c.value_range,
                    "the `Condition` block is empty",
                    "remove `Condition` or add a condition",
                );
            }
            for op in &c.empty_operators {
                ctx.report(
                    FindingKind::Suggestion,
                    "empty-condition",
                    op.range,
                    format!("`{}` has no condition keys", op.text),
                    "remove the operator or add a condition key",
                );
            }
        }
    }
}

fn version(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    let org = matches!(
        ctx.policy_type,
        PolicyType::ServiceControl | PolicyType::ResourceControl
    );
    let text = policy.version.as_ref().map(|v| v.text.as_str());
    match (org, text) {
        // [ORG orgs_manage_policies_scps_syntax], [ORG orgs_manage_policies_rcps_syntax]:
        // "Every SCP/RCP must include a Version element with the value 2012-10-17".
        (true, None) if !policy.has_version => ctx.report(
            FindingKind::Error,
            "org-policy-version",
            policy.head,
            format!(
                "a {} must have `\"Version\": \"2012-10-17\"`",
                ctx.policy_type.phrase()
            ),
            "add `\"Version\": \"2012-10-17\"` at the top of the policy",
        ),
        (true, Some("2008-10-17")) => {
            if let Some(v) = &policy.version {
                ctx.report(
                    FindingKind::Error,
                    "org-policy-version",
                    v.range,
                    format!(
                        "a {} must use `\"Version\": \"2012-10-17\"`",
                        ctx.policy_type.phrase()
                    ),
                    "change the version to `2012-10-17`",
                );
            }
        }
        // [UG reference_policies_elements_version]: without `Version` the policy is read as
        // 2008-10-17 and policy variables are plain text; always include 2012-10-17.
        (false, None) if !policy.has_version => ctx.report(
            FindingKind::Suggestion,
            "missing-version",
            policy.head,
            "the policy has no `Version`, so it is read with the 2008-10-17 language",
            "add `\"Version\": \"2012-10-17\"` at the top of the policy",
        ),
        _ => {}
    }
}

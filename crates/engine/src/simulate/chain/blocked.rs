//! Requests that never reach the policies: failed authentication, a failed hop, expired
//! credentials, or a GetSessionToken session without MFA calling IAM or STS.

use crate::request::caller::{Caller, CallerKind};
use crate::scenario::world::WorldRequest;
use crate::simulate::outcome::{EvaluationResult, HopResult, Options, Outcome};
use crate::trace::{DecisionStep, EvalDecision, Trace};

/// The result of a request that `rule` blocks before any policy is read, and why.
pub(crate) fn blocked_result(
    action: &str,
    resource: &str,
    caller_arn: &str,
    d: EvalDecision,
    rule: &str,
    why: &str,
    opts: &Options,
) -> EvaluationResult {
    let caller = Caller::parse(Some(caller_arn)).unwrap_or(Caller {
        arn: Some(caller_arn.to_string()),
        kind: CallerKind::Unspecified,
        account: None,
        partition: "aws".into(),
    });
    let trace = opts.trace.then(|| Trace {
        action: action.to_string(),
        resource: resource.to_string(),
        caller,
        resource_account: None,
        cross_account: false,
        special_resource: None,
        context: Vec::new(),
        layers: Vec::new(),
        steps: vec![DecisionStep {
            rule: rule.to_string(),
            text: why.to_string(),
            decision: Some(d),
            source: "UG temporary credentials; STS API reference".into(),
        }],
        decision: d,
        deciding_rule: rule.to_string(),
    });
    EvaluationResult {
        eval_action_name: action.to_string(),
        eval_resource_name: resource.to_string(),
        eval_decision: d,
        matched_statements: Vec::new(),
        missing_context_values: Vec::new(),
        organizations_decision_detail: None,
        permissions_boundary_decision_detail: None,
        eval_decision_details: None,
        unused_context_keys: Vec::new(),
        trace: trace.map(Box::new),
        chain: None,
        action_pattern: None,
    }
}

/// Every request of `req` blocked by `rule`, after the hops made so far.
pub(crate) fn blocked_outcome(
    req: &WorldRequest,
    d: EvalDecision,
    rule: &str,
    why: &str,
    hops: Vec<HopResult>,
    opts: &Options,
) -> Outcome {
    let resources: Vec<String> = if req.resource_arns.is_empty() {
        vec!["*".into()]
    } else {
        req.resource_arns.clone()
    };
    let mut results = Vec::new();
    for action in &req.action_names {
        for resource in &resources {
            let mut r = blocked_result(action, resource, &req.principal, d, rule, why, opts);
            r.chain = Some(hops.clone());
            results.push(r);
        }
    }
    Outcome {
        results: Some(results),
        diagnostics: Vec::new(),
    }
}

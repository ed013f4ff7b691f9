//! ⑤ The request-level decision: how AWS combines every policy type (SPEC §6.3), read like
//! AWS's flowchart: evaluate the layers, compute the facts, then take the documented steps in
//! order until one decides.
//!
//! - `set`: the policies of a request by type ([`PolicySet`]) and the [`Decision`].
//! - `special`: special resources: role trust policies and KMS key policies.
//! - `exempt`: who and what SCPs and RCPs do not touch.
//! - `layers`: every policy evaluated, one layer per policy type, each knowing whether it
//!   applies to the caller and action.
//! - `facts`: SPEC §6.1 and §6.3's facts (cross-account, special resource, G, I, B, S),
//!   computed once.
//! - `details`: AWS's decision-detail fields (organizations, boundary, each policy type's
//!   decision across accounts), read off the layers.
//! - `record`: what the steps record: their outcome in words (only with a trace) and the
//!   statements that decided.
//! - `words`: the sentences of the steps and the layers' summaries.
//! - `steps`: one function per documented step.

mod details;
mod exempt;
mod facts;
mod layers;
mod record;
mod set;
mod special;
mod steps;
mod words;

pub use set::{Decision, DecisionDetails, Matched, PolicySet};
pub use special::{special_resource, KMS_KEY_POLICY, ROLE_TRUST_POLICY};
pub(crate) use steps::{is_service_rule, named_by_rules};

use crate::evaluate::Request;
use crate::trace::EvalDecision;
use facts::Facts;
use layers::Layers;
use record::Record;

/// Decide one request against a policy set. Without `detailed`, `layers` and `steps` are
/// empty and only applicable statements are evaluated into traces.
pub fn decide(
    set: &PolicySet,
    req: &Request<'_>,
    resource_account: Option<&str>,
    detailed: bool,
) -> Decision {
    // The statements that apply, in one list the layers share (one allocation at most).
    let mut hits = Vec::new();
    let mut layers = Layers::evaluate(set, req, resource_account, detailed, &mut hits);
    let facts = Facts::new(req, resource_account, &layers);
    let mut record = Record::new(detailed);
    let (f, l, r) = (&facts, &layers, &mut record);
    // AWS's flowchart (SPEC §6.3), in order; the first step that decides ends evaluation, and
    // a request no step allows is implicitly denied. Step 6 (cross account) comes before step
    // 5's parts because it answers the whole question when it applies; the same-account steps
    // are what remains. (Called one by one rather than through a list of function pointers, so
    // that they inline: a sweep makes 22,091 decisions, and the indirect calls cost it ~5%.)
    let decision = steps::get_caller_identity(f, l, r)
        .or_else(|| steps::explicit_deny(f, l, r))
        .or_else(|| steps::service_rules(f, l, r))
        .or_else(|| steps::rcp_gate(f, l, r))
        .or_else(|| steps::scp_gate(f, l, r))
        .or_else(|| steps::endpoint_gate(f, l, r))
        .or_else(|| steps::root_user(f, l, r))
        .or_else(|| steps::resource_grant_only(f, l, r))
        .or_else(|| steps::cross_account(f, l, r))
        .or_else(|| steps::trust_policy_user_boundary(f, l, r))
        .or_else(|| steps::resource_grant_direct(f, l, r))
        .or_else(|| steps::resource_grant_role(f, l, r))
        .or_else(|| steps::special_resource(f, l, r))
        .or_else(|| steps::identity_grant(f, l, r))
        .unwrap_or(EvalDecision::ImplicitDeny);
    if decision == EvalDecision::Allowed {
        // The guardrails let the request through, so their Allow statements decided too.
        record.allows(&layers.scp);
        record.allows(&layers.rcp);
        record.allows(&layers.vpce);
    }
    Decision {
        decision,
        details: details::details(&layers, facts.cross_account),
        missing: std::mem::take(&mut layers.missing),
        layers: if detailed {
            words::layer_traces(layers)
        } else {
            Vec::new()
        },
        steps: record.steps,
        matched: record.matched,
        cross_account: facts.cross_account,
        special_resource: facts.special,
    }
}

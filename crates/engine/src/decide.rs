//! ⑤ The request-level decision: how AWS combines every policy type (SPEC §6.3), read like
//! AWS's flowchart: evaluate the layers, compute the facts, then take the documented steps in
//! order until one decides.
//!
//! - `set`: the policies of a request by type ([`PolicySet`]) and the [`Decision`].
//! - `special`: special resources: role trust policies and KMS key policies.
//! - `layers`: every policy evaluated, one layer per policy type, each knowing whether it
//!   applies to the caller and action.
//! - `facts`: SPEC §6.1 and §6.3's facts (cross-account, special resource, G, I, B, S),
//!   computed once.
//! - `record`: what the steps record: their outcome in words (only with a trace) and the
//!   statements that decided.
//! - `words`: the sentences of the steps and the layers' summaries.
//! - `steps`: one function per documented step.

mod facts;
mod layers;
mod record;
mod set;
mod special;
mod steps;
mod words;

pub use set::{Decision, Matched, PolicySet};
pub use special::{special_resource, KMS_KEY_POLICY, ROLE_TRUST_POLICY};

use crate::evaluate::Request;
use crate::trace::EvalDecision;
use facts::Facts;
use layers::Layers;
use record::Record;

/// A documented step: decides (`Some`) or lets the next step look (`None`).
type Step = fn(&Facts<'_>, &Layers, &mut Record) -> Option<EvalDecision>;

/// AWS's flowchart, in order; the first step that decides ends evaluation. Step 6 (cross
/// account) comes before step 5's parts because it answers the whole question when it applies;
/// the same-account steps are what remains.
const STEPS: [Step; 11] = [
    steps::explicit_deny,
    steps::rcp_gate,
    steps::scp_gate,
    steps::root_user,
    steps::resource_grant_only,
    steps::cross_account,
    steps::trust_policy_user_boundary,
    steps::resource_grant_direct,
    steps::resource_grant_role,
    steps::special_resource,
    steps::identity_grant,
];

/// Decide one request against a policy set. Without `detailed`, `layers` and `steps` are
/// empty and only applicable statements are evaluated into traces.
pub fn decide(
    set: &PolicySet,
    req: &Request<'_>,
    resource_account: Option<&str>,
    detailed: bool,
) -> Decision {
    let mut layers = Layers::evaluate(set, req, detailed);
    let facts = Facts::new(req, resource_account, &layers);
    let mut record = Record::new(detailed);
    let decision = STEPS
        .iter()
        .find_map(|step| step(&facts, &layers, &mut record))
        .unwrap_or(EvalDecision::ImplicitDeny);
    if decision == EvalDecision::Allowed {
        // The guardrails let the request through, so their Allow statements decided too.
        record.allows(&layers.scp);
        record.allows(&layers.rcp);
    }
    Decision {
        decision,
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

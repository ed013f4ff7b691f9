//! Step 6: a request across accounts needs both accounts to allow.

use crate::decide::facts::Facts;
use crate::decide::layers::Layers;
use crate::decide::record::Record;
use crate::decide::words;
use crate::trace::EvalDecision;

/// [UG XEVAL]: "AWS evaluates the request in the trusting account and the trusted account … The
/// request is allowed only if both evaluations return a decision of Allow": I ∧ B ∧ S in the
/// caller's account, and a resource-policy grant (an account grant suffices) in the resource's
/// (SPEC §6.3 step 6). Decided before the same-account steps, which are what remains.
pub(crate) fn cross_account(
    f: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    if !f.cross_account {
        return None;
    }
    let mut step = record.step("cross-account", "UG cross-account policy evaluation logic");
    let ok = f.identity_side() && f.grant.is_some();
    let d = if ok {
        EvalDecision::Allowed
    } else {
        EvalDecision::ImplicitDeny
    };
    step.says(Some(d), || words::cross_account(f, layers));
    if ok {
        step.allows(&[
            &layers.resource,
            &layers.identity,
            &layers.boundary,
            &layers.session,
        ]);
    }
    Some(d)
}

//! Step 1: an explicit deny anywhere ends evaluation.

use crate::decide::facts::Facts;
use crate::decide::layers::Layers;
use crate::decide::record::Record;
use crate::decide::words;
use crate::trace::EvalDecision;

/// [UG EVAL denyallow] (live): "If the enforcement code finds even one explicit deny that
/// applies, the code returns a final decision of Deny" — in SCPs, RCPs, resource-based policies,
/// identity-based policies, permissions boundaries and session policies (SPEC §6.3 step 1).
pub(crate) fn explicit_deny(
    _: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    let mut step = record.step("explicit-deny", "UG policy evaluation logic: explicit deny");
    if layers.denies().next().is_none() {
        step.says(None, words::no_deny);
        return None;
    }
    step.denies(layers.denies());
    step.says(Some(EvalDecision::ExplicitDeny), || {
        words::explicit_deny(layers)
    });
    Some(EvalDecision::ExplicitDeny)
}

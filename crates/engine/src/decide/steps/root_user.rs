//! Step 4: the account's root user.

use crate::decide::facts::Facts;
use crate::decide::layers::Layers;
use crate::decide::record::Record;
use crate::decide::special::KMS_KEY_POLICY;
use crate::decide::words;
use crate::request::caller::CallerKind;
use crate::trace::EvalDecision;

/// [UG EVAL]: "all requests are implicitly denied with the exception of the AWS account root
/// user, which has full access"; across accounts the root user has what the other account's
/// resource policy grants [UG RVR], and no principal, root included, uses a KMS key its key
/// policy does not allow [KMS key-policies] (SPEC §6.3 step 4).
pub(crate) fn root_user(
    f: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    if f.caller.kind != CallerKind::Root {
        return None;
    }
    let mut step = record.step("root-user", "UG policy evaluation logic; KMS key policies");
    let ok = if f.cross_account || f.special == Some(KMS_KEY_POLICY) {
        f.grant.is_some()
    } else {
        true
    };
    let d = if ok {
        EvalDecision::Allowed
    } else {
        EvalDecision::ImplicitDeny
    };
    step.says(Some(d), || words::root_user(f, ok));
    if ok && (f.cross_account || f.special.is_some()) {
        step.allows(&[&layers.resource]);
    }
    Some(d)
}

//! Service principals and anonymous callers: only a resource-based policy can grant them.

use crate::decide::facts::Facts;
use crate::decide::layers::Layers;
use crate::decide::record::Record;
use crate::decide::words;
use crate::trace::{EvalDecision, PrincipalCategory};

/// [UG PRIN]: a service principal or an anonymous caller (`"Principal": "*"`) has no
/// identity-based policies, so only a resource-based policy naming it can allow it.
pub(crate) fn resource_grant_only(
    f: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    if f.is_principal {
        return None;
    }
    let mut step = record.step("resource-grant-only", "UG Principal element");
    let ok = f.grant == Some(PrincipalCategory::Direct);
    let d = if ok {
        EvalDecision::Allowed
    } else {
        EvalDecision::ImplicitDeny
    };
    step.says(Some(d), || words::resource_grant_only(ok));
    if ok {
        step.allows(&[&layers.resource]);
    }
    Some(d)
}

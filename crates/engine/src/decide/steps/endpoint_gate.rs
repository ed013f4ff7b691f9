//! The VPC endpoint policy: a request that travels through an endpoint must be allowed by the
//! endpoint's policy too, which never grants by itself.

use crate::decide::facts::Facts;
use crate::decide::layers::Layers;
use crate::decide::record::Record;
use crate::decide::words;
use crate::trace::EvalDecision;

/// [VPC vpc-endpoints-access]: "An endpoint policy is a resource-based policy that you attach to
/// a VPC endpoint to control which AWS principals can use the endpoint to access an AWS
/// service. An endpoint policy does not override or replace identity-based policies or
/// resource-based policies" (SPEC §12.7). Its `Deny` statements are explicit denies (step 1);
/// here, without an applicable `Allow` the request is implicitly denied, like the SCP and RCP
/// gates. Taken after them and before every step that can allow (the root user's included),
/// because it only ever limits.
pub(crate) fn endpoint_gate(
    _: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    let layer = &layers.vpce;
    if !layer.present() {
        return None;
    }
    let mut step = record.step("vpc-endpoint-gate", "Amazon VPC: endpoint policies");
    if layer.allows() {
        step.says(None, words::endpoint_open);
        return None;
    }
    step.says(Some(EvalDecision::ImplicitDeny), words::endpoint_closed);
    Some(EvalDecision::ImplicitDeny)
}

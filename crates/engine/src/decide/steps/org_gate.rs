//! Steps 2–3: the organization's guardrails (RCPs for the resource's account, SCPs for the
//! caller's), each needing an applicable `Allow` at every level.

use crate::decide::facts::Facts;
use crate::decide::layers::{Layer, Layers};
use crate::decide::record::{Note, Record};
use crate::decide::words;
use crate::trace::EvalDecision;

/// [ORG rcp-eval]: "If the enforcement code does not find any applicable Allow statements in the
/// RCPs, the enforcement code returns a final decision of Deny"; `RCPFullAWSAccess` is attached
/// at every level and cannot be detached (SPEC §6.3 step 2, §12.2): every level of a scenario
/// holds it, so this gate never closes and RCPs act through `Deny`.
pub(crate) fn rcp_gate(
    _: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    let step = record.step("rcp-gate", "Organizations: RCP evaluation");
    org_gate(&layers.rcp, step)
}

/// [UG EVAL]: "If the enforcement code does not find any applicable Allow statements in the
/// SCPs … Deny"; an SCP `Allow` is needed at every level from the root to the account
/// [ORG scp-eval] (SPEC §6.3 step 3, §6.7).
pub(crate) fn scp_gate(
    _: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    let step = record.step("scp-gate", "Organizations: SCP evaluation");
    org_gate(&layers.scp, step)
}

/// A leveled guardrail: implicitly denies at the first level without an applicable `Allow`;
/// says nothing when the layer is absent, and names the exemption when it skips the layer
/// (SPEC §12.3).
fn org_gate(layer: &Layer, mut step: Note<'_>) -> Option<EvalDecision> {
    if !layer.present() {
        return None;
    }
    if !layer.applicable {
        step.says(None, || {
            words::gate_skipped(layer.kind, layer.not_applicable_why)
        });
        return None;
    }
    if let Some(level) = layer.failing_level() {
        step.says(Some(EvalDecision::ImplicitDeny), || {
            words::gate_closed(layer.kind, level)
        });
        return Some(EvalDecision::ImplicitDeny);
    }
    step.says(None, || words::gate_open(layer.kind));
    None
}

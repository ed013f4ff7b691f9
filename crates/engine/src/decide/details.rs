//! AWS's decision-detail fields of a simulation result (IAM API Reference, *EvaluationResult*):
//! whether the organization's policies allowed, whether the permissions boundary allowed, and,
//! across accounts, each policy type's own decision — read off the evaluated layers.

use super::layers::{Layer, Layers};
use super::set::DecisionDetails;
use crate::trace::{EvalDecision, LayerVerdict};

/// Whether a guardrail lets the request through: `None` when none was given; a layer that does
/// not apply to this request (e.g. SCPs for a service principal) lets it through.
fn gate(layer: &Layer) -> Option<bool> {
    match layer.verdict() {
        LayerVerdict::Absent => None,
        LayerVerdict::NotApplicable | LayerVerdict::Allow => Some(true),
        LayerVerdict::Deny | LayerVerdict::NoAllow => Some(false),
    }
}

/// The details of one decision.
///
/// - `OrganizationsDecisionDetail.AllowedByOrganizations`: "whether the simulated operation is
///   allowed by the Organizations service control policies that impact the simulated user's
///   account"; present only when the scenario gives organization policies. Our RCPs (an
///   extension AWS's simulator does not take) count too: both are the organization's policies.
/// - `PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary`: "A value of true means
///   that the permissions boundary does not deny the action … false means that either the
///   requested action is not allowed (implicitly denied) or that the action is explicitly denied
///   by the permissions boundary"; present only when a boundary applies to the caller.
/// - `EvalDecisionDetails`: each applicable policy type's decision, only across accounts, and
///   not when an SCP denies ("If an SCP included in the evaluation denies access, the simulation
///   ends … this parameter is not returned").
pub(crate) fn details(layers: &Layers, cross_account: bool) -> DecisionDetails {
    let scp = gate(&layers.scp);
    let rcp = gate(&layers.rcp);
    let organizations = match (scp, rcp) {
        (None, None) => None,
        (s, r) => Some(s.unwrap_or(true) && r.unwrap_or(true)),
    };
    let boundary = match layers.boundary.verdict() {
        LayerVerdict::Absent | LayerVerdict::NotApplicable => None,
        LayerVerdict::Allow => Some(true),
        LayerVerdict::Deny | LayerVerdict::NoAllow => Some(false),
    };
    let scp_denied = scp == Some(false);
    let by_type = if cross_account && !scp_denied {
        layers
            .in_order()
            .into_iter()
            .filter_map(|l| {
                let decision = match l.verdict() {
                    LayerVerdict::Absent | LayerVerdict::NotApplicable => return None,
                    LayerVerdict::Allow => EvalDecision::Allowed,
                    LayerVerdict::Deny => EvalDecision::ExplicitDeny,
                    LayerVerdict::NoAllow => EvalDecision::ImplicitDeny,
                };
                Some((l.kind, decision))
            })
            .collect()
    } else {
        Vec::new()
    };
    DecisionDetails {
        organizations,
        boundary,
        scp_denied,
        by_type,
    }
}

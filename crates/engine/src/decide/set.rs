//! What the decision reads and what it returns: the policies that bear on a request, grouped by
//! type, and the decision with everything that explains it.

use crate::evaluate::LoadedPolicy;
use crate::policy::PolicyKind;
use crate::trace::{DecisionStep, EvalDecision, LayerTrace};

/// The policies that bear on a request, grouped by type.
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    /// Identity-based policies of the caller.
    pub identity: Vec<LoadedPolicy>,
    /// The caller's permissions boundary (at most one in AWS).
    pub boundary: Vec<LoadedPolicy>,
    /// Session policies (session callers only).
    pub session: Vec<LoadedPolicy>,
    /// SCPs by organization level, root first.
    pub scp_levels: Vec<Vec<LoadedPolicy>>,
    /// RCPs by organization level, root first.
    pub rcp_levels: Vec<Vec<LoadedPolicy>>,
    /// The resource-based policy.
    pub resource: Option<LoadedPolicy>,
    /// The policy of the VPC endpoint the request came through (the default endpoint policy
    /// when the scenario names an endpoint without one); `None` when the request did not come
    /// through an endpoint (SPEC §12.7).
    pub vpc_endpoint: Option<LoadedPolicy>,
    /// The organization's management account: SCPs do not affect its principals, RCPs its
    /// resources (SPEC §12.3).
    pub management_account: Option<String>,
    /// Whether the request's KMS keys are AWS managed keys, which RCPs do not affect (§12.3).
    pub aws_managed_keys: bool,
}

impl PolicySet {
    /// The policy with this id.
    pub fn find(&self, id: &str) -> Option<&LoadedPolicy> {
        self.all().find(|p| p.id == id)
    }

    /// Every policy.
    pub fn all(&self) -> impl Iterator<Item = &LoadedPolicy> {
        self.identity
            .iter()
            .chain(&self.boundary)
            .chain(&self.session)
            .chain(self.scp_levels.iter().flatten())
            .chain(self.rcp_levels.iter().flatten())
            .chain(self.resource.iter())
            .chain(self.vpc_endpoint.iter())
    }
}

/// A statement that decided, as reported in `MatchedStatements`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// Policy id.
    pub policy_id: String,
    /// Policy type.
    pub kind: PolicyKind,
    /// Statement index in the policy.
    pub index: usize,
    /// Its Sid.
    pub sid: Option<String>,
}

/// The decision with everything that explains it.
#[derive(Debug, Clone)]
pub struct Decision {
    /// The outcome.
    pub decision: EvalDecision,
    /// Layers in evaluation order.
    pub layers: Vec<LayerTrace>,
    /// Steps of the logic.
    pub steps: Vec<DecisionStep>,
    /// Statements that decided.
    pub matched: Vec<Matched>,
    /// Keys needed and not found.
    pub missing: Vec<String>,
    /// Whether the request crossed accounts.
    pub cross_account: bool,
    /// Special resource kind.
    pub special_resource: Option<&'static str>,
    /// AWS's decision-detail fields.
    pub details: DecisionDetails,
}

/// AWS's decision-detail fields of a result (`decide::details`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionDetails {
    /// `AllowedByOrganizations`: the SCPs and RCPs let the request through; `None` when the
    /// scenario gives none.
    pub organizations: Option<bool>,
    /// `AllowedByPermissionsBoundary`; `None` when no boundary applies to the caller.
    pub boundary: Option<bool>,
    /// An SCP denied the request (explicitly or for lack of an `Allow`).
    pub scp_denied: bool,
    /// Each applicable policy type's own decision, in evaluation order (cross-account requests
    /// an SCP did not deny; empty otherwise).
    pub by_type: Vec<(PolicyKind, EvalDecision)>,
}

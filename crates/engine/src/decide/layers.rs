//! The policies of a request evaluated layer by layer, one layer per policy type, each knowing
//! whether it applies to this caller and action (our version of cedar's bucket loop: every
//! statement is filed once, then the steps only ask questions of the layers).

use super::exempt::{rcp_exemption, scp_exemption};
use super::set::PolicySet;
use crate::evaluate::{evaluate_policy, quick_policy, LoadedPolicy, Request};
use crate::policy::{Effect, PolicyKind};
use crate::request::caller::{Caller, CallerKind};
use crate::trace::{LayerVerdict, PolicyTrace, StatementTrace};

/// One policy type's policies, evaluated.
pub(crate) struct Layer {
    /// The policy type.
    pub(crate) kind: PolicyKind,
    /// Whether the type applies to this request at all.
    pub(crate) applicable: bool,
    /// Why it does not, when it does not.
    pub(crate) not_applicable_why: &'static str,
    /// Its policies (without a trace: only the applicable statements of applicable layers).
    pub(crate) policies: Vec<PolicyTrace>,
    /// Organization levels (SCPs, RCPs); 1 for a present unleveled layer, 0 when absent.
    pub(crate) levels: usize,
}

impl Layer {
    /// The statements of this layer with `effect` that apply (none when the layer does not).
    pub(crate) fn applicable_statements(
        &self,
        effect: Effect,
    ) -> impl Iterator<Item = (&PolicyTrace, &StatementTrace)> {
        let on = self.applicable;
        self.policies
            .iter()
            .flat_map(|p| p.statements.iter().map(move |s| (p, s)))
            .filter(move |(_, s)| on && s.applies && s.effect == effect)
    }

    /// Whether an applicable `Allow` statement exists.
    pub(crate) fn allows(&self) -> bool {
        self.applicable_statements(Effect::Allow).next().is_some()
    }

    /// Whether any policy of this type was given.
    pub(crate) fn present(&self) -> bool {
        self.levels > 0
    }

    /// For leveled layers: the first level (1-based) with no applicable Allow.
    pub(crate) fn failing_level(&self) -> Option<usize> {
        (1..=self.levels).find(|level| {
            !self
                .policies
                .iter()
                .filter(|p| p.level == Some(*level))
                .any(|p| {
                    p.statements
                        .iter()
                        .any(|s| s.applies && s.effect == Effect::Allow)
                })
        })
    }

    /// What the layer contributes, as the trace shows it.
    pub(crate) fn verdict(&self) -> LayerVerdict {
        if !self.present() {
            LayerVerdict::Absent
        } else if !self.applicable {
            LayerVerdict::NotApplicable
        } else if self.applicable_statements(Effect::Deny).next().is_some() {
            LayerVerdict::Deny
        } else if matches!(
            self.kind,
            PolicyKind::ServiceControl | PolicyKind::ResourceControl
        ) {
            if self.failing_level().is_none() {
                LayerVerdict::Allow
            } else {
                LayerVerdict::NoAllow
            }
        } else if self.allows() {
            LayerVerdict::Allow
        } else {
            LayerVerdict::NoAllow
        }
    }
}

/// Every layer of a request, in AWS's evaluation order, and the context keys their conditions
/// needed and did not find.
pub(crate) struct Layers {
    /// Resource control policies.
    pub(crate) rcp: Layer,
    /// Service control policies.
    pub(crate) scp: Layer,
    /// The resource-based policy.
    pub(crate) resource: Layer,
    /// Identity-based policies.
    pub(crate) identity: Layer,
    /// The permissions boundary.
    pub(crate) boundary: Layer,
    /// Session policies.
    pub(crate) session: Layer,
    /// The policy of the VPC endpoint the request came through (SPEC §12.7).
    pub(crate) vpce: Layer,
    /// Context keys needed and not found (applicable layers only), sorted, without repeats.
    pub(crate) missing: Vec<String>,
}

/// Whether the caller is an IAM principal of an account (or unspecified), rather than a service
/// principal, an identity provider or an anonymous caller.
pub(crate) fn is_principal(caller: &Caller) -> bool {
    matches!(
        caller.kind,
        CallerKind::Root
            | CallerKind::User { .. }
            | CallerKind::RoleSession { .. }
            | CallerKind::FederatedUser { .. }
            | CallerKind::Unspecified
    )
}

impl Layers {
    /// Evaluate every policy of `set` against `req`. Without `detailed`, only applicable
    /// statements of applicable layers are kept (no spans, no words).
    pub(crate) fn evaluate(
        set: &PolicySet,
        req: &Request<'_>,
        resource_account: Option<&str>,
        detailed: bool,
    ) -> Self {
        let caller = req.caller;
        let mut missing = Vec::new();
        let mut run = |kind: PolicyKind,
                       policies: &mut dyn Iterator<Item = &LoadedPolicy>,
                       levels: usize,
                       applicable: bool,
                       why: &'static str| {
            let traces: Vec<PolicyTrace> = if detailed {
                policies
                    .map(|p| {
                        if applicable {
                            evaluate_policy(p, req, &mut missing, true)
                        } else {
                            evaluate_policy(p, req, &mut Vec::new(), true)
                        }
                    })
                    .collect()
            } else if applicable {
                // Without a trace, only applicable statements matter, and only in applicable
                // layers.
                policies
                    .filter_map(|p| quick_policy(p, req, &mut missing))
                    .collect()
            } else {
                Vec::new()
            };
            Layer {
                kind,
                applicable,
                not_applicable_why: why,
                policies: traces,
                levels,
            }
        };
        let principal = is_principal(caller);
        let no_identity = match caller.kind {
            CallerKind::Root => {
                "the root user has no identity policies, boundary or session policies"
            }
            _ => "a service principal or anonymous caller has no identity policies",
        };
        let with_identity = principal && caller.kind != CallerKind::Root;
        // Only asked when there are RCPs or SCPs to skip.
        let rcp_skip = if set.rcp_levels.is_empty() {
            None
        } else {
            rcp_exemption(set, req, resource_account)
        };
        let rcp = run(
            PolicyKind::ResourceControl,
            &mut set.rcp_levels.iter().flatten(),
            set.rcp_levels.len(),
            rcp_skip.is_none(),
            rcp_skip.unwrap_or_default(),
        );
        let scp_skip = if set.scp_levels.is_empty() {
            None
        } else {
            scp_exemption(set, caller, principal)
        };
        let scp = run(
            PolicyKind::ServiceControl,
            &mut set.scp_levels.iter().flatten(),
            set.scp_levels.len(),
            scp_skip.is_none(),
            scp_skip.unwrap_or_default(),
        );
        let resource = run(
            PolicyKind::Resource,
            &mut set.resource.iter(),
            usize::from(set.resource.is_some()),
            true,
            "",
        );
        let identity = run(
            PolicyKind::Identity,
            &mut set.identity.iter(),
            usize::from(!set.identity.is_empty()),
            with_identity,
            no_identity,
        );
        let boundary = run(
            PolicyKind::Boundary,
            &mut set.boundary.iter(),
            usize::from(!set.boundary.is_empty()),
            with_identity,
            no_identity,
        );
        let session = run(
            PolicyKind::Session,
            &mut set.session.iter(),
            usize::from(!set.session.is_empty()),
            caller.is_session(),
            "session policies apply only to role sessions and federated-user sessions",
        );
        let vpce = run(
            PolicyKind::VpcEndpoint,
            &mut set.vpc_endpoint.iter(),
            usize::from(set.vpc_endpoint.is_some()),
            true,
            "",
        );
        missing.sort();
        missing.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        Self {
            rcp,
            scp,
            resource,
            identity,
            boundary,
            session,
            vpce,
            missing,
        }
    }

    /// The layers in AWS's evaluation order (the VPC endpoint policy, a guardrail on the
    /// network path, after the organization's).
    pub(crate) fn in_order(&self) -> [&Layer; 7] {
        [
            &self.rcp,
            &self.scp,
            &self.vpce,
            &self.resource,
            &self.identity,
            &self.boundary,
            &self.session,
        ]
    }

    /// Every applicable `Deny` statement, layer by layer in evaluation order.
    pub(crate) fn denies(
        &self,
    ) -> impl Iterator<Item = (PolicyKind, &PolicyTrace, &StatementTrace)> {
        self.in_order().into_iter().flat_map(|l| {
            l.applicable_statements(Effect::Deny)
                .map(move |(p, s)| (l.kind, p, s))
        })
    }
}

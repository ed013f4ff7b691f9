//! The policies of a request evaluated layer by layer, one layer per policy type, each knowing
//! whether it applies to this caller and action (our version of cedar's bucket loop: every
//! statement is filed once, then the steps only ask questions of the layers).

use super::exempt::{rcp_exemption, scp_exemption};
use super::set::PolicySet;
use crate::evaluate::{applicable_statements, evaluate_policy, LoadedPolicy, Request};
use crate::policy::{Effect, PolicyKind, Statement};
use crate::request::caller::{Caller, CallerKind};
use crate::trace::{LayerVerdict, PolicyTrace, PrincipalCategory, StatementTrace};

/// A statement that applies, in a layer that applies: what the steps ask about.
pub(crate) struct Hit<'s> {
    /// Its policy.
    pub(crate) policy: &'s LoadedPolicy,
    /// The statement.
    pub(crate) statement: &'s Statement,
    /// What its `Principal` element found (resource-based policies: direct, role or account).
    pub(crate) principal_category: Option<PrincipalCategory>,
    /// With a trace: its policy's and its own position in [`Layer::policies`].
    pub(crate) trace: Option<(usize, usize)>,
}

impl Hit<'_> {
    /// `Allow` or `Deny`.
    pub(crate) fn effect(&self) -> Effect {
        self.statement.effect.value
    }

    /// Its trace, when the decision is traced.
    pub(crate) fn traced<'l>(&self, layer: &'l Layer<'_, '_>) -> Option<&'l StatementTrace> {
        let (p, s) = self.trace?;
        layer.policies.get(p)?.statements.get(s)
    }
}

/// One policy type's policies, evaluated.
pub(crate) struct Layer<'s, 'h> {
    /// The policy type.
    pub(crate) kind: PolicyKind,
    /// Whether the type applies to this request at all.
    pub(crate) applicable: bool,
    /// Why it does not, when it does not.
    pub(crate) not_applicable_why: &'static str,
    /// Its policies, every statement explained (with a trace only).
    pub(crate) policies: Vec<PolicyTrace>,
    /// The statements that apply (none when the layer does not), in policy order: a part of
    /// the one list all layers fill ([`Layers::evaluate`]), so a layer owns nothing to drop.
    pub(crate) hits: &'h [Hit<'s>],
    /// Organization levels (SCPs, RCPs); 1 for a present unleveled layer, 0 when absent.
    pub(crate) levels: usize,
}

impl<'s> Layer<'s, '_> {
    /// The statements of this layer with `effect` that apply (none when the layer does not).
    pub(crate) fn applicable_statements(&self, effect: Effect) -> impl Iterator<Item = &Hit<'s>> {
        self.hits.iter().filter(move |h| h.effect() == effect)
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
                .applicable_statements(Effect::Allow)
                .any(|h| h.policy.level == Some(*level))
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

/// What evaluating the layers of one request gathers: the keys found missing and the
/// statements that apply.
struct Gather<'s, 'h, 'a, 'r> {
    req: &'a Request<'r>,
    detailed: bool,
    missing: Vec<String>,
    hits: &'h mut Vec<Hit<'s>>,
}

impl<'s> Gather<'s, '_, '_, '_> {
    /// One policy type's policies: their statements that apply are added to the hits (with a
    /// trace, every policy is explained too).
    fn layer(
        &mut self,
        kind: PolicyKind,
        policies: &mut dyn Iterator<Item = &'s LoadedPolicy>,
        levels: usize,
        applicable: bool,
        why: &'static str,
    ) -> Built {
        let (req, hits) = (self.req, &mut *self.hits);
        let first = hits.len();
        let mut traces = Vec::new();
        if self.detailed {
            for (pi, p) in policies.enumerate() {
                let trace = if applicable {
                    evaluate_policy(p, req, &mut self.missing, true)
                } else {
                    evaluate_policy(p, req, &mut Vec::new(), true)
                };
                if applicable {
                    // A traced policy explains every statement, in order.
                    let statements = p.policy.statements.iter().zip(&trace.statements);
                    for (si, (st, t)) in statements.enumerate().filter(|(_, (_, t))| t.applies) {
                        hits.push(Hit {
                            policy: p,
                            statement: st,
                            principal_category: t.principal_category,
                            trace: Some((pi, si)),
                        });
                    }
                }
                traces.push(trace);
            }
        } else if applicable {
            // Without a trace, only applicable statements matter, and only in applicable
            // layers.
            for p in policies {
                applicable_statements(p, req, &mut self.missing, |statement, principal| {
                    hits.push(Hit {
                        policy: p,
                        statement,
                        principal_category: principal.flatten(),
                        trace: None,
                    });
                });
            }
        }
        Built {
            kind,
            applicable,
            not_applicable_why: why,
            policies: traces,
            hits: first..hits.len(),
            levels,
        }
    }
}

/// A layer while the hits of all layers are gathered: its hits as positions in the list.
struct Built {
    kind: PolicyKind,
    applicable: bool,
    not_applicable_why: &'static str,
    policies: Vec<PolicyTrace>,
    hits: std::ops::Range<usize>,
    levels: usize,
}

impl Built {
    /// The layer, its hits a part of the finished list.
    fn finish<'s, 'h>(self, all: &'h [Hit<'s>]) -> Layer<'s, 'h> {
        Layer {
            kind: self.kind,
            applicable: self.applicable,
            not_applicable_why: self.not_applicable_why,
            policies: self.policies,
            hits: all.get(self.hits).unwrap_or_default(),
            levels: self.levels,
        }
    }
}

/// Every layer of a request, in AWS's evaluation order, and the context keys their conditions
/// needed and did not find.
pub(crate) struct Layers<'s, 'h> {
    /// Resource control policies.
    pub(crate) rcp: Layer<'s, 'h>,
    /// Service control policies.
    pub(crate) scp: Layer<'s, 'h>,
    /// The resource-based policy.
    pub(crate) resource: Layer<'s, 'h>,
    /// Identity-based policies.
    pub(crate) identity: Layer<'s, 'h>,
    /// The permissions boundary.
    pub(crate) boundary: Layer<'s, 'h>,
    /// Session policies.
    pub(crate) session: Layer<'s, 'h>,
    /// The policy of the VPC endpoint the request came through (SPEC §12.7).
    pub(crate) vpce: Layer<'s, 'h>,
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

impl<'s, 'h> Layers<'s, 'h> {
    /// Evaluate every policy of `set` against `req`. Without `detailed`, only the applicable
    /// statements of applicable layers are found (no traces, no spans, no words). The
    /// statements that apply go into `hits` (empty on entry), which the layers then share.
    pub(crate) fn evaluate(
        set: &'s PolicySet,
        req: &Request<'_>,
        resource_account: Option<&str>,
        detailed: bool,
        hits: &'h mut Vec<Hit<'s>>,
    ) -> Self {
        let caller = req.caller;
        let mut g = Gather {
            req,
            detailed,
            missing: Vec::new(),
            hits,
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
        let rcp = g.layer(
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
        let scp = g.layer(
            PolicyKind::ServiceControl,
            &mut set.scp_levels.iter().flatten(),
            set.scp_levels.len(),
            scp_skip.is_none(),
            scp_skip.unwrap_or_default(),
        );
        let resource = g.layer(
            PolicyKind::Resource,
            &mut set.resource.iter(),
            usize::from(set.resource.is_some()),
            true,
            "",
        );
        let identity = g.layer(
            PolicyKind::Identity,
            &mut set.identity.iter(),
            usize::from(!set.identity.is_empty()),
            with_identity,
            no_identity,
        );
        let boundary = g.layer(
            PolicyKind::Boundary,
            &mut set.boundary.iter(),
            usize::from(!set.boundary.is_empty()),
            with_identity,
            no_identity,
        );
        let session = g.layer(
            PolicyKind::Session,
            &mut set.session.iter(),
            usize::from(!set.session.is_empty()),
            caller.is_session(),
            "session policies apply only to role sessions and federated-user sessions",
        );
        let vpce = g.layer(
            PolicyKind::VpcEndpoint,
            &mut set.vpc_endpoint.iter(),
            usize::from(set.vpc_endpoint.is_some()),
            true,
            "",
        );
        let Gather {
            mut missing, hits, ..
        } = g;
        missing.sort_unstable();
        missing.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        let all: &'h Vec<Hit<'s>> = hits;
        Self {
            rcp: rcp.finish(all),
            scp: scp.finish(all),
            resource: resource.finish(all),
            identity: identity.finish(all),
            boundary: boundary.finish(all),
            session: session.finish(all),
            vpce: vpce.finish(all),
            missing,
        }
    }

    /// The layers in AWS's evaluation order (the VPC endpoint policy, a guardrail on the
    /// network path, after the organization's).
    pub(crate) fn in_order(&self) -> [&Layer<'s, 'h>; 7] {
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
    pub(crate) fn denies(&self) -> impl Iterator<Item = (PolicyKind, &Hit<'s>)> {
        self.in_order().into_iter().flat_map(|l| {
            l.applicable_statements(Effect::Deny)
                .map(move |h| (l.kind, h))
        })
    }
}

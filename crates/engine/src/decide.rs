//! The request-level decision: how AWS combines every policy type (SPEC §6.3).

use crate::evaluate::matching;
use crate::evaluate::statements::{evaluate_policy, quick_policy, LoadedPolicy, Request};
use crate::policy::{Effect, PolicyKind};
use crate::request::caller::{Caller, CallerKind};
use crate::trace::{
    DecisionStep, EvalDecision, LayerTrace, LayerVerdict, PolicyTrace, PrincipalCategory,
};

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
}

/// What a special resource is.
pub fn special_resource(action: &str, resource: &str) -> Option<&'static str> {
    let parts = crate::request::arn::arn_components(resource);
    match parts {
        [Some(_), Some(_), Some("iam"), Some(_), Some(_), Some(r)]
            if r.starts_with("role/")
                && ["sts:AssumeRole*", "sts:TagSession", "sts:SetSourceIdentity"]
                    .iter()
                    .any(|p| matching::action_matches(p, action)) =>
        {
            Some("roleTrustPolicy")
        }
        [Some(_), Some(_), Some("kms"), Some(_), Some(_), Some(r)] if r.starts_with("key/") => {
            Some("kmsKeyPolicy")
        }
        _ => None,
    }
}

struct Layer {
    kind: PolicyKind,
    applicable: bool,
    not_applicable_why: &'static str,
    policies: Vec<PolicyTrace>,
    /// Organization levels (SCPs, RCPs); 1 for a present unleveled layer, 0 when absent.
    levels: usize,
}

impl Layer {
    fn applicable_statements(
        &self,
        effect: Effect,
    ) -> impl Iterator<Item = (&PolicyTrace, &crate::trace::StatementTrace)> {
        let on = self.applicable;
        self.policies
            .iter()
            .flat_map(|p| p.statements.iter().map(move |s| (p, s)))
            .filter(move |(_, s)| on && s.applies && s.effect == effect)
    }

    fn allows(&self) -> bool {
        self.applicable_statements(Effect::Allow).next().is_some()
    }

    fn present(&self) -> bool {
        self.levels > 0
    }

    /// For leveled layers: the first level (1-based) with no applicable Allow.
    fn failing_level(&self) -> Option<usize> {
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
}

fn step(rule: &str, text: String, decision: Option<EvalDecision>, source: &str) -> DecisionStep {
    DecisionStep {
        rule: rule.into(),
        text,
        decision,
        source: source.into(),
    }
}

/// The steps of the logic, recorded only with a trace (the texts are not even formatted
/// without one).
struct Steps {
    detailed: bool,
    list: Vec<DecisionStep>,
}

impl Steps {
    fn push(
        &mut self,
        rule: &str,
        text: impl FnOnce() -> String,
        decision: Option<EvalDecision>,
        source: &str,
    ) {
        if self.detailed {
            self.list.push(step(rule, text(), decision, source));
        }
    }
}

/// Decide one request against a policy set. Without `detailed`, `layers` and `steps` are
/// empty and only applicable statements are evaluated into traces.
pub fn decide(
    set: &PolicySet,
    req: &Request<'_>,
    resource_account: Option<&str>,
    detailed: bool,
) -> Decision {
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
            // Without a trace, only applicable statements matter, and only in applicable layers.
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
    let is_principal = matches!(
        caller.kind,
        CallerKind::Root
            | CallerKind::User { .. }
            | CallerKind::RoleSession { .. }
            | CallerKind::FederatedUser { .. }
            | CallerKind::Unspecified
    );
    let no_identity = match caller.kind {
        CallerKind::Root => "the root user has no identity policies, boundary or session policies",
        _ => "a service principal or anonymous caller has no identity policies",
    };

    let rcp = run(
        PolicyKind::ResourceControl,
        &mut set.rcp_levels.iter().flatten(),
        set.rcp_levels.len(),
        crate::policy::catalog::rcp_services::applies_to(req.action),
        "RCPs apply only to services that support them, and this action's service does not (AWS Organizations: RCPs)",
    );
    let scp = run(
        PolicyKind::ServiceControl,
        &mut set.scp_levels.iter().flatten(),
        set.scp_levels.len(),
        is_principal,
        "SCPs apply only to principals of the organization's accounts",
    );
    let resource = run(
        PolicyKind::Resource,
        &mut set.resource.iter(),
        usize::from(set.resource.is_some()),
        true,
        "",
    );
    let with_identity = is_principal && caller.kind != CallerKind::Root;
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
    missing.sort();
    missing.dedup_by(|a, b| a.eq_ignore_ascii_case(b));

    let caller_account = caller.account.as_deref();
    let cross_account = matches!((caller_account, resource_account), (Some(c), Some(r)) if c != r);
    let special = special_resource(req.action, req.resource);
    let layers_ref = [&rcp, &scp, &resource, &identity, &boundary, &session];
    let mut steps = Steps {
        detailed,
        list: Vec::new(),
    };
    let mut matched = Vec::new();

    // G: the strongest principal category among applicable Allow statements of the resource policy.
    let grant = resource
        .applicable_statements(Effect::Allow)
        .filter_map(|(_, s)| s.principal_category)
        .max();
    let i_allows = identity.allows();
    let b_ok = !boundary.present() || !boundary.applicable || boundary.allows();
    let s_ok = match caller.kind {
        CallerKind::RoleSession { .. } => !session.present() || session.allows(),
        CallerKind::FederatedUser { .. } => session.allows(),
        _ => true,
    };

    let decision = 'decide: {
        // 1. Explicit deny anywhere.
        let denies: Vec<_> = layers_ref
            .iter()
            .flat_map(|l| {
                l.applicable_statements(Effect::Deny)
                    .map(move |(p, s)| (l.kind, p, s))
            })
            .collect();
        if !denies.is_empty() {
            for (kind, p, s) in &denies {
                matched.push(Matched {
                    policy_id: p.policy_id.clone(),
                    kind: *kind,
                    index: s.index,
                    sid: s.sid.clone(),
                });
            }
            steps.push(
                "explicit-deny", || {
                    let names: Vec<String> = denies
                        .iter()
                        .map(|(_, p, s)| statement_name(p, s))
                        .collect();
                    format!("an applicable Deny statement ({}) denies the request; an explicit deny in any policy overrides every allow", names.join(", "))
                },
                Some(EvalDecision::ExplicitDeny),
                "UG policy evaluation logic: explicit deny");
            break 'decide EvalDecision::ExplicitDeny;
        }
        steps.push(
            "explicit-deny",
            || "no applicable Deny statement in any policy".into(),
            None,
            "UG policy evaluation logic: explicit deny",
        );

        // 2-3. Organization guardrails.
        for (layer, who, rule, source) in [
            (
                &rcp,
                "the resource's account",
                "rcp-gate",
                "Organizations: RCP evaluation",
            ),
            (
                &scp,
                "the caller's account",
                "scp-gate",
                "Organizations: SCP evaluation",
            ),
        ] {
            if !layer.present() || !layer.applicable {
                continue;
            }
            if let Some(level) = layer.failing_level() {
                steps.push(
                    rule, || format!("{} for {who}: level {level} of the organization has no applicable Allow statement, so the request is implicitly denied", label(layer.kind)),
                    Some(EvalDecision::ImplicitDeny),
                    source);
                break 'decide EvalDecision::ImplicitDeny;
            }
            steps.push(
                rule,
                || format!("{}: every organization level allows", label(layer.kind)),
                None,
                source,
            );
        }

        // 4. Root user.
        if caller.kind == CallerKind::Root {
            let ok = if cross_account || special == Some("kmsKeyPolicy") {
                grant.is_some()
            } else {
                true
            };
            let text = || {
                match (cross_account, special, ok) {
                (false, Some("kmsKeyPolicy"), true) => "the key policy allows the root user; even the root user needs the key policy to allow".to_string(),
                (false, Some("kmsKeyPolicy"), false) => "no key policy statement allows the root user: no principal, not even the root user, can use a KMS key unless the key policy allows it".to_string(),
                (false, _, _) => "the account's root user has full access to the account's resources".to_string(),
                (true, _, true) => "the resource policy of the other account allows this account's root user".to_string(),
                (true, _, false) => "the root user of another account needs the resource policy to allow it, and it does not".to_string(),
            }
            };
            let d = if ok {
                EvalDecision::Allowed
            } else {
                EvalDecision::ImplicitDeny
            };
            steps.push(
                "root-user",
                text,
                Some(d),
                "UG policy evaluation logic; KMS key policies",
            );
            if ok && (cross_account || special.is_some()) {
                push_allows(&mut matched, &resource);
            }
            break 'decide d;
        }

        // Service principals and anonymous callers: only the resource policy can grant.
        if !is_principal {
            let ok = grant == Some(PrincipalCategory::Direct);
            let d = if ok {
                EvalDecision::Allowed
            } else {
                EvalDecision::ImplicitDeny
            };
            steps.push(
                "resource-grant-only",
                || {
                    if ok {
                        "the resource policy grants the caller directly".into()
                    } else {
                        "only a resource policy can grant this caller, and none does".into()
                    }
                },
                Some(d),
                "UG Principal element",
            );
            if ok {
                push_allows(&mut matched, &resource);
            }
            break 'decide d;
        }

        let identity_side = i_allows && b_ok && s_ok;
        let identity_words =
            || identity_words(&identity, &boundary, &session, caller, i_allows, b_ok, s_ok);

        if cross_account {
            let ok = identity_side && grant.is_some();
            let text = || {
                match (identity_side, grant.is_some()) {
                (true, true) => "cross-account: the caller's account allows (identity-based policies within its guardrails) and the resource policy in the resource's account allows".to_string(),
                (false, _) => format!("cross-account: both accounts must allow, and the caller's account does not ({})", identity_words()),
                (true, false) => if resource.present() {
                    "cross-account: the caller's account allows, but the resource policy does not grant the caller or its account".to_string()
                } else {
                    "cross-account: the caller's account allows, but there is no resource policy in the resource's account to allow it".to_string()
                },
            }
            };
            let d = if ok {
                EvalDecision::Allowed
            } else {
                EvalDecision::ImplicitDeny
            };
            steps.push(
                "cross-account",
                text,
                Some(d),
                "UG cross-account policy evaluation logic",
            );
            if ok {
                push_allows(&mut matched, &resource);
                push_identity_side(&mut matched, &identity, &boundary, &session);
            }
            break 'decide d;
        }

        // 5. Same account.
        let is_user = matches!(caller.kind, CallerKind::User { .. });
        match grant {
            Some(PrincipalCategory::Direct) => {
                if special == Some("roleTrustPolicy") && is_user && !b_ok {
                    steps.push(
                        "trust-policy-user-boundary", || "the trust policy names the user, but the user's permissions boundary does not allow this action, and a boundary set on the user must allow sts:AssumeRole".into(),
                        Some(EvalDecision::ImplicitDeny),
                        "UG id_roles_update-role-trust-policy (live)");
                    break 'decide EvalDecision::ImplicitDeny;
                }
                steps.push(
                    "resource-grant-direct", || "the resource policy in the same account names the caller itself, which is enough on its own: implicit denies in identity policies, a boundary or session policies do not limit it".into(),
                    Some(EvalDecision::Allowed),
                    "UG policy evaluation logic: resource-based policies; session policies");
                push_allows(&mut matched, &resource);
                break 'decide EvalDecision::Allowed;
            }
            Some(PrincipalCategory::Role) if b_ok && s_ok => {
                steps.push(
                    "resource-grant-role", || "the resource policy names the caller's role; that grant is limited by the role's permissions boundary and the session policies, which allow it".into(),
                    Some(EvalDecision::Allowed),
                    "UG policy evaluation logic; session policies");
                push_allows(&mut matched, &resource);
                push_identity_side(&mut matched, &PolicyTraceless, &boundary, &session);
                break 'decide EvalDecision::Allowed;
            }
            Some(PrincipalCategory::Role) => {
                steps.push(
                    "resource-grant-role", || format!("the resource policy names the caller's role, but a grant to the role ARN is limited by the boundary and session policies ({})", identity_words()),
                    None,
                    "UG policy evaluation logic; session policies");
            }
            _ => {}
        }
        if let (Some(kind), None) = (special, grant) {
            let what = if kind == "kmsKeyPolicy" {
                "key policy"
            } else {
                "role trust policy"
            };
            steps.push(
                "special-resource", || format!("the {what} must allow the caller explicitly (directly or through its account); an identity-based policy alone is never enough, and it does not"),
                Some(EvalDecision::ImplicitDeny),
                "UG policy evaluation logic: role trust policies and KMS key policies");
            break 'decide EvalDecision::ImplicitDeny;
        }
        let d = if identity_side {
            EvalDecision::Allowed
        } else {
            EvalDecision::ImplicitDeny
        };
        let text = || {
            if identity_side {
                format!("same account: {}", identity_words())
            } else {
                format!(
                    "same account: nothing grants the request ({})",
                    identity_words()
                )
            }
        };
        steps.push(
            "identity-grant",
            text,
            Some(d),
            "UG policy evaluation logic",
        );
        if identity_side {
            push_identity_side(&mut matched, &identity, &boundary, &session);
            if grant.is_some() {
                push_allows(&mut matched, &resource);
            }
        }
        d
    };

    if decision == EvalDecision::Allowed {
        for layer in [&scp, &rcp] {
            push_allows(&mut matched, layer);
        }
    }
    let layers = if detailed {
        [rcp, scp, resource, identity, boundary, session]
            .into_iter()
            .map(|l| layer_trace(l, caller))
            .collect()
    } else {
        Vec::new()
    };
    Decision {
        decision,
        layers,
        steps: steps.list,
        matched,
        missing,
        cross_account,
        special_resource: special,
    }
}

/// Marker for "no identity layer" in [`push_identity_side`].
struct PolicyTraceless;

trait AllowSource {
    fn push_to(&self, out: &mut Vec<Matched>);
}

impl AllowSource for Layer {
    fn push_to(&self, out: &mut Vec<Matched>) {
        push_allows(out, self);
    }
}

impl AllowSource for PolicyTraceless {
    fn push_to(&self, _: &mut Vec<Matched>) {}
}

fn push_identity_side(
    out: &mut Vec<Matched>,
    identity: &dyn AllowSource,
    boundary: &Layer,
    session: &Layer,
) {
    identity.push_to(out);
    push_allows(out, boundary);
    push_allows(out, session);
}

fn push_allows(out: &mut Vec<Matched>, layer: &Layer) {
    for (p, s) in layer.applicable_statements(Effect::Allow) {
        let m = Matched {
            policy_id: p.policy_id.clone(),
            kind: layer.kind,
            index: s.index,
            sid: s.sid.clone(),
        };
        if !out.contains(&m) {
            out.push(m);
        }
    }
}

fn statement_name(p: &PolicyTrace, s: &crate::trace::StatementTrace) -> String {
    match &s.sid {
        Some(sid) => format!("`{sid}` in {}", p.policy_id),
        None => format!("statement {} in {}", s.index + 1, p.policy_id),
    }
}

fn label(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::ServiceControl => "SCPs",
        PolicyKind::ResourceControl => "RCPs",
        other => other.label(),
    }
}

fn identity_words(
    identity: &Layer,
    boundary: &Layer,
    session: &Layer,
    caller: &Caller,
    i: bool,
    b: bool,
    s: bool,
) -> String {
    let mut parts = Vec::new();
    parts.push(match (i, identity.present()) {
        (true, _) => "an identity-based policy allows",
        (false, true) => "no identity-based policy allows",
        (false, false) => "there are no identity-based policies",
    });
    if boundary.present() && boundary.applicable {
        parts.push(if b {
            "the permissions boundary allows"
        } else {
            "the permissions boundary does not allow"
        });
    }
    match caller.kind {
        CallerKind::RoleSession { .. } if session.present() => {
            parts.push(if s { "a session policy allows" } else { "no session policy allows" })
        }
        CallerKind::FederatedUser { .. } => parts.push(if s {
            "a session policy allows"
        } else {
            "no session policy allows (a federated-user session has only what its session policies allow)"
        }),
        _ => {}
    }
    parts.join(", ")
}

/// The plain-words name of a layer.
fn layer_title(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::ResourceControl => "Resource control policies (RCPs)",
        PolicyKind::ServiceControl => "Service control policies (SCPs)",
        PolicyKind::Resource => "Resource-based policy",
        PolicyKind::Identity => "Identity-based policies",
        PolicyKind::Boundary => "Permissions boundary",
        PolicyKind::Session => "Session policies",
    }
}

fn layer_trace(layer: Layer, caller: &Caller) -> LayerTrace {
    let verdict = if !layer.present() {
        LayerVerdict::Absent
    } else if !layer.applicable {
        LayerVerdict::NotApplicable
    } else if layer.applicable_statements(Effect::Deny).next().is_some() {
        LayerVerdict::Deny
    } else if matches!(
        layer.kind,
        PolicyKind::ServiceControl | PolicyKind::ResourceControl
    ) {
        if layer.failing_level().is_none() {
            LayerVerdict::Allow
        } else {
            LayerVerdict::NoAllow
        }
    } else if layer.allows() {
        LayerVerdict::Allow
    } else {
        LayerVerdict::NoAllow
    };
    let name = layer_title(layer.kind);
    let summary = match verdict {
        LayerVerdict::Absent => "none given".to_string(),
        LayerVerdict::NotApplicable => format!("not evaluated: {}", layer.not_applicable_why),
        LayerVerdict::Deny => "an applicable statement denies".to_string(),
        LayerVerdict::Allow => "an applicable statement allows".to_string(),
        LayerVerdict::NoAllow => match layer.failing_level() {
            Some(level) if layer.levels > 1 => {
                format!("no applicable Allow at organization level {level}")
            }
            _ => "no applicable Allow statement".to_string(),
        },
    };
    let _ = caller;
    LayerTrace {
        kind: layer.kind,
        label: name.to_string(),
        verdict,
        summary,
        policies: layer.policies,
    }
}

//! The decision in plain words: each step's sentence and each layer's summary. Only a trace
//! asks for them; the steps hand these functions over unevaluated.

use super::facts::Facts;
use super::layers::{Hit, Layer, Layers};
use super::special::KMS_KEY_POLICY;
use crate::policy::PolicyKind;
use crate::request::caller::CallerKind;
use crate::trace::{LayerTrace, LayerVerdict};

/// `sts:GetCallerIdentity`.
pub(crate) fn get_caller_identity() -> String {
    "sts:GetCallerIdentity needs no permission: \"No permissions are required to perform this operation. If an administrator attaches a policy to your identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform this operation\" — allowed for any authenticated caller, whatever the policies say".into()
}

/// A service rule refused the request.
pub(crate) fn service_rule(why: &str) -> String {
    format!("refused by the service, whatever the policies say: {why}. This is not a policy decision: it is reported as implicitDeny because no statement denies the request, and no policy can allow it")
}

/// The VPC endpoint policy lets the request through.
pub(crate) fn endpoint_open() -> String {
    "the VPC endpoint policy allows the request through the endpoint (it grants nothing by itself: the other policies must still allow)".into()
}

/// The VPC endpoint policy has no applicable `Allow`.
pub(crate) fn endpoint_closed() -> String {
    "the request travels through a VPC endpoint, and the endpoint policy has no applicable Allow statement, so the request is implicitly denied: an endpoint policy must allow what passes through it, whatever the other policies grant".into()
}

/// Steps 2–3, a layer skipped by an exemption (SPEC §12.3).
pub(crate) fn gate_skipped(kind: PolicyKind, why: &str) -> String {
    format!("{} skipped: {why}", label(kind))
}

/// Step 1, nothing denies.
pub(crate) fn no_deny() -> String {
    "no applicable Deny statement in any policy".into()
}

/// Step 1, some statements deny.
pub(crate) fn explicit_deny(layers: &Layers) -> String {
    let names: Vec<String> = layers.denies().map(|(_, h)| statement_name(h)).collect();
    format!("an applicable Deny statement ({}) denies the request; an explicit deny in any policy overrides every allow", names.join(", "))
}

/// Steps 2–3, a level without an applicable `Allow`.
pub(crate) fn gate_closed(kind: PolicyKind, level: usize) -> String {
    let who = if kind == PolicyKind::ResourceControl {
        "the resource's account"
    } else {
        "the caller's account"
    };
    format!("{} for {who}: level {level} of the organization has no applicable Allow statement, so the request is implicitly denied", label(kind))
}

/// Steps 2–3, every level allows.
pub(crate) fn gate_open(kind: PolicyKind) -> String {
    format!("{}: every organization level allows", label(kind))
}

/// Step 4.
pub(crate) fn root_user(f: &Facts<'_>, ok: bool) -> String {
    match (f.cross_account, f.special == Some(KMS_KEY_POLICY), ok) {
        (false, true, true) => "the key policy allows the root user; even the root user needs the key policy to allow".to_string(),
        (false, true, false) => "no key policy statement allows the root user: no principal, not even the root user, can use a KMS key unless the key policy allows it".to_string(),
        (false, _, _) => "the account's root user has full access to the account's resources".to_string(),
        (true, _, true) => "the resource policy of the other account allows this account's root user".to_string(),
        (true, _, false) => "the root user of another account needs the resource policy to allow it, and it does not".to_string(),
    }
}

/// Service principals and anonymous callers.
pub(crate) fn resource_grant_only(ok: bool) -> String {
    if ok {
        "the resource policy grants the caller directly".into()
    } else {
        "only a resource policy can grant this caller, and none does".into()
    }
}

/// Step 6.
pub(crate) fn cross_account(f: &Facts<'_>, layers: &Layers) -> String {
    match (f.identity_side(), f.grant.is_some()) {
        (true, true) => "cross-account: the caller's account allows (identity-based policies within its guardrails) and the resource policy in the resource's account allows".to_string(),
        (false, _) => format!("cross-account: both accounts must allow, and the caller's account does not ({})", identity(f, layers)),
        (true, false) => if layers.resource.present() {
            "cross-account: the caller's account allows, but the resource policy does not grant the caller or its account".to_string()
        } else {
            "cross-account: the caller's account allows, but there is no resource policy in the resource's account to allow it".to_string()
        },
    }
}

/// Step 5, a user named in a trust policy whose boundary does not allow.
pub(crate) fn trust_policy_user_boundary() -> String {
    "the trust policy names the user, but the user's permissions boundary does not allow this action, and a boundary set on the user must allow sts:AssumeRole".into()
}

/// Step 5, a grant to the caller itself.
pub(crate) fn resource_grant_direct(layers: &Layers) -> String {
    let mut text = "the resource policy in the same account names the caller itself, which is enough on its own: implicit denies in identity policies, a boundary or session policies do not limit it".to_string();
    let layer = &layers.resource;
    let direct: Vec<bool> = layer
        .applicable_statements(crate::policy::Effect::Allow)
        .filter(|h| h.principal_category == Some(crate::trace::PrincipalCategory::Direct))
        .map(|h| {
            h.traced(layer)
                .and_then(|st| st.principal.as_ref())
                .and_then(|p| p.matched_pattern.as_ref())
                .is_some_and(|m| m.text == "*")
        })
        .collect();
    let by_star = !direct.is_empty() && direct.iter().all(|&star| star);
    if by_star {
        text.push_str(" (it names every principal with `\"*\"`: the documentation says a grant through `\"*\"` needs no other permission only for the `aws:PrincipalArn` form and for users in the same account; this playground reads every same-account `\"*\"` grant as naming the caller itself — README, choice 14)");
    }
    text
}

/// Step 5, a grant to the caller's role that the boundary and session policies allow.
pub(crate) fn resource_grant_role() -> String {
    "the resource policy names the caller's role; that grant is limited by the role's permissions boundary and the session policies, which allow it".into()
}

/// Step 5, a grant to the caller's role that the boundary or session policies limit.
pub(crate) fn resource_grant_role_limited(f: &Facts<'_>, layers: &Layers) -> String {
    format!("the resource policy names the caller's role, but a grant to the role ARN is limited by the boundary and session policies ({})", identity(f, layers))
}

/// Step 5, a special resource whose policy grants nothing.
pub(crate) fn special_resource(special: &str) -> String {
    let what = if special == KMS_KEY_POLICY {
        "key policy"
    } else {
        "role trust policy"
    };
    format!("the {what} must allow the caller explicitly (directly or through its account); an identity-based policy alone is never enough, and it does not")
}

/// Step 5, a special resource without any resource policy in the scenario.
pub(crate) fn special_resource_absent(special: &str) -> String {
    format!("{} (the scenario gives no {}: in AWS every one exists, and this playground reads a missing one as allowing nothing — README, choice 15)", special_resource(special), if special == KMS_KEY_POLICY { "key policy" } else { "trust policy" })
}

/// Step 5, the identity-based side decides.
pub(crate) fn identity_grant(f: &Facts<'_>, layers: &Layers) -> String {
    if f.identity_side() {
        format!("same account: {}", identity(f, layers))
    } else if f.grant == Some(crate::trace::PrincipalCategory::Account) {
        format!(
            "same account: the resource policy names only the caller's account, which this playground reads as delegating to the account's own policies, and they do not allow ({}); the documentation settles this only for role trust and KMS key policies — README, choice 3",
            identity(f, layers)
        )
    } else {
        format!(
            "same account: nothing grants the request ({})",
            identity(f, layers)
        )
    }
}

/// What the caller's own account says: identity-based policies, boundary, session policies.
fn identity(f: &Facts<'_>, layers: &Layers) -> String {
    let (i, b, s) = (f.identity_allows, f.boundary_allows, f.session_allows);
    let (boundary, session) = (&layers.boundary, &layers.session);
    let mut parts = Vec::new();
    parts.push(match (i, layers.identity.present()) {
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
    match f.caller.kind {
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

fn statement_name(h: &Hit<'_>) -> String {
    let id = &h.policy.id;
    match &h.statement.sid {
        Some(sid) => format!("`{}` in {id}", sid.value),
        None => format!("statement {} in {id}", h.statement.index + 1),
    }
}

fn label(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::ServiceControl => "SCPs",
        PolicyKind::ResourceControl => "RCPs",
        PolicyKind::VpcEndpoint => "the VPC endpoint policy",
        other => other.label(),
    }
}

/// The layers as the trace shows them: what each contributes, in a title and a sentence.
pub(crate) fn layer_traces(layers: Layers) -> Vec<LayerTrace> {
    let Layers {
        rcp,
        scp,
        vpce,
        resource,
        identity,
        boundary,
        session,
        ..
    } = layers;
    // The VPC endpoint layer shows only for requests through an endpoint.
    let vpce = vpce.present().then_some(vpce);
    [
        Some(rcp),
        Some(scp),
        vpce,
        Some(resource),
        Some(identity),
        Some(boundary),
        Some(session),
    ]
    .into_iter()
    .flatten()
    .map(layer_trace)
    .collect()
}

fn layer_trace(layer: Layer) -> LayerTrace {
    let verdict = layer.verdict();
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
    LayerTrace {
        kind: layer.kind,
        label: layer_title(layer.kind).to_string(),
        verdict,
        summary,
        policies: layer.policies,
    }
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
        PolicyKind::VpcEndpoint => "VPC endpoint policy",
    }
}

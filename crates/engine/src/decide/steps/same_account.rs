//! Step 5: caller and resource in the same account. The resource-based policy's grant is read
//! by principal category (direct, role, account), then the special resources, then the
//! identity-based side.

use crate::decide::facts::Facts;
use crate::decide::layers::Layers;
use crate::decide::record::Record;
use crate::decide::special::ROLE_TRUST_POLICY;
use crate::decide::words;
use crate::request::caller::CallerKind;
use crate::trace::{EvalDecision, PrincipalCategory};

/// [UG id_roles_update-role-trust-policy] (live): "If a permissions boundary is set for the
/// user, then it must allow the sts:AssumeRole action" — even when the trust policy names the
/// user (SPEC §6.5, an exception to the direct grant below).
pub(crate) fn trust_policy_user_boundary(
    f: &Facts<'_>,
    _: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    let is_user = matches!(f.caller.kind, CallerKind::User { .. });
    if f.grant != Some(PrincipalCategory::Direct)
        || f.special != Some(ROLE_TRUST_POLICY)
        || !is_user
        || f.boundary_allows
    {
        return None;
    }
    let mut step = record.step(
        "trust-policy-user-boundary",
        "UG id_roles_update-role-trust-policy (live)",
    );
    step.says(
        Some(EvalDecision::ImplicitDeny),
        words::trust_policy_user_boundary,
    );
    Some(EvalDecision::ImplicitDeny)
}

/// [UG EVAL]: "If either the identity-based policy or the resource-based policy within the same
/// account allows the request and the other doesn't, the request is still allowed"; a grant to
/// the user, session or federated-user ARN (or `"*"`) is not limited by implicit denies in a
/// boundary or session policies [UG POL#policies_session] (SPEC §6.3 step 5, G = direct).
pub(crate) fn resource_grant_direct(
    f: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    if f.grant != Some(PrincipalCategory::Direct) {
        return None;
    }
    let mut step = record.step(
        "resource-grant-direct",
        "UG policy evaluation logic: resource-based policies; session policies",
    );
    step.says(Some(EvalDecision::Allowed), || {
        words::resource_grant_direct(layers)
    });
    step.allows(&[&layers.resource]);
    Some(EvalDecision::Allowed)
}

/// [UG POL#policies_session]: a grant to the role ARN is added before the session is created, so
/// the boundary and session policies limit it (SPEC §6.3 step 5, G = role: allowed iff B ∧ S).
/// When they do not allow, the step says so and the identity-based side still decides.
pub(crate) fn resource_grant_role(
    f: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    if f.grant != Some(PrincipalCategory::Role) {
        return None;
    }
    let mut step = record.step(
        "resource-grant-role",
        "UG policy evaluation logic; session policies",
    );
    if !(f.boundary_allows && f.session_allows) {
        step.says(None, || words::resource_grant_role_limited(f, layers));
        return None;
    }
    step.says(Some(EvalDecision::Allowed), words::resource_grant_role);
    step.allows(&[&layers.resource, &layers.boundary, &layers.session]);
    Some(EvalDecision::Allowed)
}

/// [UG EVAL]: "IAM role trust policies and KMS key policies are exceptions … they must
/// explicitly allow access for principals": without a grant in the trust or key policy, an
/// identity-based `Allow` is never enough (SPEC §6.3 step 5, §6.5).
pub(crate) fn special_resource(
    f: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    let (Some(special), None) = (f.special, f.grant) else {
        return None;
    };
    let mut step = record.step(
        "special-resource",
        "UG policy evaluation logic: role trust policies and KMS key policies",
    );
    step.says(Some(EvalDecision::ImplicitDeny), || {
        if layers.resource.present() {
            words::special_resource(special)
        } else {
            words::special_resource_absent(special)
        }
    });
    Some(EvalDecision::ImplicitDeny)
}

/// [UG EVAL]: otherwise the identity-based side decides: an identity-based `Allow`, within the
/// permissions boundary and the session policies (SPEC §6.3 step 5: allowed iff I ∧ B ∧ S).
/// Always decides.
pub(crate) fn identity_grant(
    f: &Facts<'_>,
    layers: &Layers,
    record: &mut Record,
) -> Option<EvalDecision> {
    let mut step = record.step("identity-grant", "UG policy evaluation logic");
    let allowed = f.identity_side();
    let d = if allowed {
        EvalDecision::Allowed
    } else {
        EvalDecision::ImplicitDeny
    };
    step.says(Some(d), || words::identity_grant(f, layers));
    if allowed {
        step.allows(&[&layers.identity, &layers.boundary, &layers.session]);
        if f.grant.is_some() {
            step.allows(&[&layers.resource]);
        }
    }
    Some(d)
}

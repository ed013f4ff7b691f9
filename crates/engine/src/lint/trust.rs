//! Role trust policies: the resource-based policy of a role, which says who may assume it.

use super::ctx::{quote, Ctx};
use super::finding::{FindingKind, PolicyType};
use super::view::PolicyView;

pub(super) fn check(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    if ctx.policy_type != PolicyType::Trust {
        return;
    }
    for s in &policy.statements {
        // A trust policy grants the STS actions that start a session (AssumeRole,
        // AssumeRoleWithSAML, AssumeRoleWithWebIdentity, TagSession, SetSourceIdentity, …)
        // [UG id_roles_terms-and-concepts "Trust policy"]; ACCA "Error – Unsupported action in
        // policy" for other actions.
        for item in s.actions() {
            let Some((prefix, _)) = item.text.split_once(':') else {
                continue;
            };
            if !prefix.eq_ignore_ascii_case("sts") && !prefix.contains(['*', '?']) {
                ctx.report(
                    FindingKind::Error,
                    "trust-action",
                    item.range,
                    format!("{} cannot be granted by a role trust policy", quote(&item.text)),
                    "a trust policy allows `sts:` actions such as `sts:AssumeRole`; grant other actions in the role's permissions policies",
                );
            }
        }
        // IAM rejects a trust policy with a `Resource` ("Has prohibited field Resource"): the
        // resource is the role itself [UG reference_policies_elements_resource].
        if let Some(r) = &s.resource {
            ctx.report(
                FindingKind::Error,
                "trust-resource",
                r.key_range,
                format!(
                    "a role trust policy cannot have `{}`: the resource is the role itself",
                    if r.negated { "NotResource" } else { "Resource" }
                ),
                "remove the element",
            );
        }
        // [UG reference_policies_elements_notprincipal]: "You cannot use the NotPrincipal
        // element in … an IAM role trust policy."
        if let Some(p) = s.principal.as_ref().filter(|p| p.negated) {
            ctx.report(
                FindingKind::Error,
                "trust-not-principal",
                p.key_range,
                "a role trust policy cannot use `NotPrincipal`",
                "name who may assume the role in `Principal`",
            );
        }
    }
}

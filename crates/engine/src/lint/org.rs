//! AWS Organizations policies. SCPs: since September 2025 they accept the full IAM policy
//! language (conditions, resource ARNs and `NotAction` with `Allow`, `NotResource`, wildcards
//! anywhere in actions) [AWS Security Blog, "AWS Organizations service control policy now
//! supports full IAM language"]; what remains — no `Principal`, `Version` 2012-10-17, the size
//! quota — is checked by the lowering, `grammar.rs` and `size.rs`. RCPs: the rules below
//! [ORG orgs_manage_policies_rcps_syntax].

use super::ctx::Ctx;
use super::finding::{FindingKind, PolicyType};
use super::view::{PolicyView, StatementView};

pub(super) fn check(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    if ctx.policy_type != PolicyType::ResourceControl {
        return;
    }
    for s in &policy.statements {
        rcp_allow(ctx, s);
        rcp_principal(ctx, s);
        rcp_not_action(ctx, s);
        rcp_services(ctx, s);
    }
}

/// "The effect of Allow is only supported for the RCPFullAWSAccess policy", which allows
/// `*` to `*` on `*` without a condition.
fn rcp_allow(ctx: &mut Ctx<'_>, s: &StatementView) {
    let Some((_, range)) = s.effect.filter(|_| s.is_allow()) else {
        return;
    };
    let only_star =
        |items: &[super::view::Item]| items.len() == 1 && items.iter().all(|i| i.text == "*");
    let full_access = s
        .principal
        .as_ref()
        .is_some_and(|p| !p.negated && p.everyone)
        && s.action
            .as_ref()
            .is_some_and(|a| !a.negated && only_star(&a.items))
        && s.resource
            .as_ref()
            .is_none_or(|r| !r.negated && only_star(&r.items))
        && s.condition.is_none();
    if !full_access {
        ctx.report(
            FindingKind::Error,
            "rcp-allow",
            range,
            "a resource control policy may use `Allow` only as in `RCPFullAWSAccess` (`*` on `*` for `*`, no condition)",
            "write RCPs as `Deny` statements; `RCPFullAWSAccess` already allows everything else",
        );
    }
}

/// RCPs apply to every principal: "Principal" must be `"*"` (narrow it with conditions such
/// as `aws:PrincipalOrgID`).
fn rcp_principal(ctx: &mut Ctx<'_>, s: &StatementView) {
    // `NotPrincipal` is not supported in RCPs: the lowering reports it as an error
    // (`not-principal-not-supported`, SPEC §12.1).
    let Some(p) = s.principal.as_ref().filter(|p| !p.negated) else {
        return;
    };
    if !p.everyone && !p.empty_object {
        ctx.report(
            FindingKind::Error,
            "rcp-principal",
            p.value_range,
            "the `Principal` of a resource control policy must be `\"*\"`",
            "use `\"Principal\": \"*\"` and narrow it with a condition such as `aws:PrincipalOrgID`",
        );
    }
}

/// The RCP elements table lists `Action`, not `NotAction`.
fn rcp_not_action(ctx: &mut Ctx<'_>, s: &StatementView) {
    if let Some(a) = s.action.as_ref().filter(|a| a.negated) {
        ctx.report(
            FindingKind::Warning,
            "rcp-not-action",
            a.key_range,
            "the RCP syntax does not list `NotAction`",
            "list the denied actions in `Action`",
        );
    }
}

/// RCPs apply only to the services that support them [ORG orgs_manage_policies_rcps,
/// "List of AWS services that support RCPs"]; for the others the entry has no effect.
fn rcp_services(ctx: &mut Ctx<'_>, s: &StatementView) {
    let Some(catalog) = ctx.catalog else { return };
    for item in s.actions() {
        let Some((prefix, _)) = item.text.split_once(':') else {
            continue;
        };
        if let Some(svc) = catalog.service(prefix) {
            if !svc.supports_rcps() {
                ctx.report(
                    FindingKind::Warning,
                    "rcp-unsupported-service",
                    item.range,
                    format!(
                        "resource control policies do not apply to {} (`{}`): this entry has no effect",
                        svc.name(),
                        svc.prefix()
                    ),
                    "use an SCP or the resource's own policy for this service",
                );
            }
        }
    }
}

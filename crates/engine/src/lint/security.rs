//! Security: statements that grant more than intended — Allow with `NotAction` or
//! `NotResource`, every action on every resource, `iam:PassRole` on every role, and
//! resource policies open to everyone.

use super::ctx::Ctx;
use super::finding::{FindingKind, PolicyType};
use super::view::{PolicyView, StatementView};
use crate::evaluate::matching::{action_matches, not_principal_missing_companions};
use crate::policy::{PrincipalEntry, PrincipalType};

pub(super) fn check(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    for s in &policy.statements {
        if s.is_allow() {
            not_elements(ctx, s);
            allow_all(ctx, s);
            pass_role(ctx, s);
            public(ctx, s);
        } else {
            not_principal_companions(ctx, s);
        }
    }
}

/// [UG reference_policies_elements_notprincipal]: "When you use NotPrincipal in the same policy
/// statement as "Effect":"Deny", you must also include the account ARN"; without it the
/// statement "might deny access to the entire account" — and a session needs its role ARN
/// too. What AWS then does is not documented: the engine reads the entry literally (SPEC §12.1
/// [AMBIGUOUS]), so say what is missing.
fn not_principal_companions(ctx: &mut Ctx<'_>, s: &StatementView) {
    let Some(p) = s.principal.as_ref().filter(|p| p.negated) else {
        return;
    };
    let entries: Vec<PrincipalEntry> = p
        .entries
        .iter()
        .filter(|(ns, _)| ns == "AWS")
        .map(|(_, item)| PrincipalEntry {
            kind: PrincipalType::Aws,
            value: smol_str::SmolStr::new(&item.text),
            range: item.range,
        })
        .collect();
    for e in &entries {
        let missing = not_principal_missing_companions(e, &entries);
        if missing.is_empty() {
            continue;
        }
        let list = missing
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        ctx.report(
            FindingKind::Warning,
            "not-principal-without-account",
            e.range,
            format!(
                "`NotPrincipal` names `{}` without {list}: AWS says such a statement \"might deny access to the entire account\"; this playground reads the entry literally and exempts only `{}`",
                e.value, e.value
            ),
            format!("list {list} beside it, as the documentation's examples do"),
        );
    }
}

fn not_elements(ctx: &mut Ctx<'_>, s: &StatementView) {
    // `Allow` with `NotPrincipal` is not supported at all: the lowering reports it as an
    // error (`allow-with-not-principal`, SPEC §12.1).
    // Only policies that grant can over-grant: SCPs, RCPs, boundaries and session policies
    // limit, and an Allow with `NotAction` is a documented allow-list pattern there.
    if !ctx.policy_type.grants() {
        return;
    }
    // [UG reference_policies_elements_notaction]: with Allow, every action not listed is
    // allowed — including actions of other services and actions added later.
    if let Some(a) = s.action.as_ref().filter(|a| a.negated) {
        ctx.report(
            FindingKind::SecurityWarning,
            "allow-with-not-action",
            a.key_range,
            "`Allow` with `NotAction` grants every action that is not listed, in every service",
            "list the allowed actions in `Action`, or scope the statement with `Resource` and `Condition`",
        );
    }
    // [UG reference_policies_elements_notresource]: with Allow, every resource not listed
    // is allowed, including resources created later.
    if let Some(r) = s.resource.as_ref().filter(|r| r.negated) {
        ctx.report(
            FindingKind::SecurityWarning,
            "allow-with-not-resource",
            r.key_range,
            "`Allow` with `NotResource` grants access to every resource that is not listed",
            "list the allowed resources in `Resource`",
        );
    }
}

/// [UG best-practices#grant-least-privilege]: grant only the permissions a task needs. A
/// statement allowing `*` on `*` makes the principal an administrator.
fn allow_all(ctx: &mut Ctx<'_>, s: &StatementView) {
    if !matches!(ctx.policy_type, PolicyType::Identity | PolicyType::Resource) {
        return;
    }
    let Some(star) = s
        .actions()
        .iter()
        .find(|a| a.text == "*" || a.text == "*:*")
    else {
        return;
    };
    let every_resource = match &s.resource {
        Some(r) => !r.negated && r.items.iter().any(|i| i.text == "*"),
        None => ctx.policy_type == PolicyType::Resource,
    };
    if every_resource {
        let who = if ctx.policy_type == PolicyType::Resource {
            "the resource"
        } else {
            "every resource"
        };
        ctx.report(
            FindingKind::SecurityWarning,
            "allow-all",
            star.range,
            format!("this statement allows every action on {who}"),
            "grant only the actions and resources the task needs (least privilege)",
        );
    }
}

/// ACCA "Security warning – Pass role with star in resource" and "… with NotResource":
/// `iam:PassRole` on every role lets the principal hand any role, an administrator role too,
/// to a service [UG id_roles_use_passrole].
fn pass_role(ctx: &mut Ctx<'_>, s: &StatementView) {
    if ctx.policy_type != PolicyType::Identity {
        return;
    }
    let Some(list) = &s.action else { return };
    // `*` is reported as `allow-all`; PassRole is about the narrower grants that include it.
    let matches_pass_role = list
        .items
        .iter()
        .filter(|i| list.negated || (i.text != "*" && i.text != "*:*"))
        .any(|i| action_matches(&i.text, "iam:PassRole"));
    if matches_pass_role == list.negated {
        return;
    }
    match &s.resource {
        Some(r) if r.negated => ctx.report(
            FindingKind::SecurityWarning,
            "pass-role-with-not-resource",
            r.key_range,
            "`iam:PassRole` with `NotResource` allows passing every role that is not listed",
            "list the roles that may be passed in `Resource`, e.g. `arn:aws:iam::111122223333:role/app-*`",
        ),
        Some(r) => {
            if let Some(star) = r.items.iter().find(|i| i.text == "*") {
                ctx.report(
                    FindingKind::SecurityWarning,
                    "pass-role-star-resource",
                    star.range,
                    "`iam:PassRole` on `\"*\"` allows passing any role, administrator roles included",
                    "list the roles that may be passed, and add an `iam:PassedToService` condition",
                );
            }
        }
        None => {}
    }
}

/// [UG reference_policies_elements_principal#principal-anonymous]: `"Principal": "*"` means
/// everyone, anonymous users included; without a condition that narrows it the resource is
/// public (and a role with such a trust policy can be assumed from any account).
fn public(ctx: &mut Ctx<'_>, s: &StatementView) {
    if !matches!(ctx.policy_type, PolicyType::Resource | PolicyType::Trust) || s.has_conditions() {
        return;
    }
    let Some(p) = s.principal.as_ref().filter(|p| !p.negated && p.everyone) else {
        return;
    };
    let message = if ctx.policy_type == PolicyType::Trust {
        "anyone in any AWS account can assume this role: the principal is `*` and there is no condition"
    } else {
        "the statement allows everyone, anonymous users included: the principal is `*` and there is no condition"
    };
    ctx.report(
        FindingKind::SecurityWarning,
        "public-access",
        p.value_range,
        message,
        "name the accounts or roles in `Principal`, or add a condition such as `aws:PrincipalOrgID`",
    );
}

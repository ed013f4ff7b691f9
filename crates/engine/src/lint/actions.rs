//! Actions: unknown services and actions (with a "did you mean"), patterns that match nothing,
//! and actions listed twice.

use super::ctx::{covers, quote, Ctx, MAX_PAIRWISE};
use super::finding::FindingKind;
use super::view::{Item, PolicyView};
use crate::policy::catalog::Catalog;

pub(super) fn check(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    for s in &policy.statements {
        let Some(list) = &s.action else { continue };
        let element = if list.negated { "NotAction" } else { "Action" };
        if let Some(catalog) = ctx.catalog {
            for item in &list.items {
                known(ctx, catalog, item);
            }
        }
        redundant(ctx, &list.items, element);
    }
}

/// ACCA "Error – Invalid service in action" and "Error – Invalid action": the action must
/// exist in the Service Authorization Reference ([UG reference_policies_elements_action]);
/// an action that does not exist matches no request, so an Allow grants nothing and a Deny
/// (or a `NotAction` entry) protects nothing.
fn known(ctx: &mut Ctx<'_>, catalog: &Catalog, item: &Item) {
    let t = item.text.as_str();
    if t == "*" {
        return;
    }
    let Some((svc, name)) = t.split_once(':') else {
        return; // not `service:action`: the lowering reports it
    };
    let valid_prefix = svc
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'*' || b == b'?');
    if svc.is_empty() || name.is_empty() || !valid_prefix {
        return;
    }
    if svc.contains(['*', '?']) {
        if !ctx.coverage.matches_any(catalog, t) {
            ctx.report(
                FindingKind::Error,
                "no-matching-action",
                item.range,
                format!("{} matches no AWS action", quote(t)),
                "check the spelling against the Service Authorization Reference",
            );
        }
        return;
    }
    let Some(service) = catalog.service(svc) else {
        let help = match catalog.suggest_service(svc) {
            Some(s) => format!("did you mean `{s}:{name}`?"),
            None => "see the service prefixes in the Service Authorization Reference".to_string(),
        };
        ctx.report(
            FindingKind::Error,
            "unknown-service",
            item.range,
            format!("`{svc}` is not the prefix of an AWS service"),
            help,
        );
        return;
    };
    if name.contains(['*', '?']) {
        if !ctx.coverage.matches_any(catalog, t) {
            ctx.report(
                FindingKind::Error,
                "no-matching-action",
                item.range,
                format!("{} matches no action of {}", quote(t), service.name()),
                format!(
                    "check the spelling; `{}:*` covers every action of the service",
                    service.prefix()
                ),
            );
        }
    } else if service.action(name).is_none() {
        let help = match catalog.suggest_action(t) {
            Some(a) => format!("did you mean `{a}`?"),
            None => format!(
                "see the actions of {} in the Service Authorization Reference",
                service.name()
            ),
        };
        ctx.report(
            FindingKind::Error,
            "unknown-action",
            item.range,
            format!("{} is not an action of {}", quote(t), service.name()),
            help,
        );
    }
}

/// ACCA "Suggestion – Redundant action": an entry covered by another entry of the same list
/// (a duplicate, `s3:GetObject` next to `s3:Get*`, or — with the catalog — a pattern whose
/// actions are all matched by another pattern) can be removed.
fn redundant(ctx: &mut Ctx<'_>, items: &[Item], element: &str) {
    if items.len() > MAX_PAIRWISE {
        return;
    }
    let catalog = ctx.catalog;
    let mut found = Vec::new();
    for (j, a) in items.iter().enumerate() {
        // An action that does not exist is reported as such, not as redundant.
        let unknown =
            !a.text.contains(['*', '?']) && catalog.is_some_and(|c| c.action(&a.text).is_none());
        if unknown {
            continue;
        }
        let covering = items.iter().enumerate().find(|&(i, b)| {
            if i == j {
                return false;
            }
            if covers(&b.text, &a.text, true) {
                // Two entries covering each other: only the later one is redundant.
                return !covers(&a.text, &b.text, true) || i < j;
            }
            // By the catalog: strictly fewer actions, all matched by the other entry.
            catalog.is_some_and(|c| {
                ctx.coverage.by_catalog(c, &b.text, &a.text)
                    && !ctx.coverage.by_catalog(c, &a.text, &b.text)
            })
        });
        if let Some((_, b)) = covering {
            found.push((a, b));
        }
    }
    for (a, b) in found {
        let message = if a.text.eq_ignore_ascii_case(&b.text) {
            format!("{} is listed twice in `{element}`", quote(&a.text))
        } else {
            format!(
                "{} is already covered by {}",
                quote(&a.text),
                quote(&b.text)
            )
        };
        ctx.report(
            FindingKind::Suggestion,
            "redundant-action",
            a.range,
            message,
            "remove the redundant entry",
        );
    }
}

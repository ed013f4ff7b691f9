//! Actions: unknown services and actions (with a "did you mean"), patterns that match nothing,
//! and actions listed twice.

use std::collections::{HashMap, HashSet};

use super::view::{Item, PolicyView};
use super::{covers, quote, Ctx, FindingKind};
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
    if items.len() > super::MAX_PAIRWISE {
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

/// The actions of a pattern, as identities (addresses in the catalog); `None` for `*`, which
/// the text comparison already handles.
fn expansion(catalog: &Catalog, pattern: &str) -> Option<HashSet<usize>> {
    if pattern == "*" || !pattern.contains(['*', '?']) && catalog.action(pattern).is_none() {
        return None;
    }
    Some(
        catalog
            .expand(pattern)
            .iter()
            .map(|a| std::ptr::from_ref(a.action) as usize)
            .collect(),
    )
}

/// Decides whether one action pattern covers another: from the text, or with the catalog from
/// the actions each matches today; expansions are computed once per pattern.
#[derive(Default)]
pub(super) struct Coverage {
    expansions: HashMap<String, Option<HashSet<usize>>>,
}

impl Coverage {
    /// Whether action pattern `b` covers every action `a` covers: from the text, or from the
    /// catalog.
    pub(super) fn covered(&mut self, catalog: Option<&Catalog>, b: &str, a: &str) -> bool {
        covers(b, a, true) || catalog.is_some_and(|c| self.by_catalog(c, b, a))
    }

    /// Whether a pattern matches at least one action today.
    fn matches_any(&mut self, catalog: &Catalog, pattern: &str) -> bool {
        let key = pattern.to_ascii_lowercase();
        if !self.expansions.contains_key(&key) {
            self.expansions
                .insert(key.clone(), expansion(catalog, pattern));
        }
        match self.expansions.get(&key) {
            Some(Some(e)) => !e.is_empty(),
            _ => pattern == "*" || catalog.action(pattern).is_some(),
        }
    }

    /// Whether every action `a` matches today (at least one) is matched by `b`.
    fn by_catalog(&mut self, catalog: &Catalog, b: &str, a: &str) -> bool {
        let (ka, kb) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
        for (key, pattern) in [(&ka, a), (&kb, b)] {
            if !self.expansions.contains_key(key) {
                self.expansions
                    .insert(key.clone(), expansion(catalog, pattern));
            }
        }
        match (self.expansions.get(&ka), self.expansions.get(&kb)) {
            (Some(Some(ea)), Some(Some(eb))) => !ea.is_empty() && ea.is_subset(eb),
            _ => false,
        }
    }
}

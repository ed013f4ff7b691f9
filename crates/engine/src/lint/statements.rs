//! Statements: duplicate `Sid`s and statements another statement already covers.

use super::ctx::{covers, statement_label, Coverage, Ctx, MAX_PAIRWISE};
use super::finding::{FindingKind, PolicyType};
use super::view::{PolicyView, PrincipalView, StatementView};

pub(super) fn check(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    duplicate_sids(ctx, policy);
    redundant(ctx, policy);
}

/// [UG reference_policies_elements_sid]: "In IAM, the Sid value must be unique within a JSON
/// policy"; ACCA "Error – Unique Sids required". Some services accept duplicates in their
/// resource-based policies, so there it is a warning.
fn duplicate_sids(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    for (j, s) in policy.statements.iter().enumerate() {
        let Some(sid) = s.sid.as_ref().filter(|sid| !sid.text.is_empty()) else {
            continue;
        };
        let first = policy
            .statements
            .iter()
            .take(j)
            .find(|t| t.sid.as_ref().is_some_and(|other| other.text == sid.text));
        if let Some(first) = first {
            let kind = if ctx.policy_type == PolicyType::Resource {
                FindingKind::Warning
            } else {
                FindingKind::Error
            };
            ctx.report(
                kind,
                "duplicate-sid",
                sid.range,
                format!(
                    "`Sid` `{}` is already used by statement {}",
                    sid.text,
                    first.index + 1
                ),
                "give every statement a different `Sid`",
            );
        }
    }
}

/// ACCA "Suggestion – Redundant statement": a statement whose every action and resource is
/// covered by another statement with the same effect and principal, and no condition (or the
/// same conditions), changes nothing.
fn redundant(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    if policy.statements.len() > MAX_PAIRWISE {
        return;
    }
    let catalog = ctx.catalog;
    let statements = &policy.statements;
    let mut cov = std::mem::take(&mut ctx.coverage);
    for (j, s) in statements.iter().enumerate() {
        let covering = statements.iter().enumerate().find(|&(i, t)| {
            i != j
                && covered_by(&mut cov, catalog, s, t)
                && (i < j || !covered_by(&mut cov, catalog, t, s))
        });
        if let Some((_, t)) = covering {
            let at = s.sid.as_ref().map(|sid| sid.range).unwrap_or(s.head);
            let same = covered_by(&mut cov, catalog, t, s);
            ctx.report(
                FindingKind::Suggestion,
                "redundant-statement",
                at,
                if same {
                    format!("{} repeats {}", statement_label(s), statement_label(t))
                } else {
                    format!(
                        "{} is covered by {}: it adds nothing",
                        statement_label(s),
                        statement_label(t)
                    )
                },
                "remove the statement, or merge the two",
            );
        }
    }
    ctx.coverage = cov;
}

fn covered_by(
    cov: &mut Coverage,
    catalog: Option<&crate::policy::catalog::Catalog>,
    s: &StatementView,
    t: &StatementView,
) -> bool {
    let (Some((es, _)), Some((et, _))) = (s.effect, t.effect) else {
        return false;
    };
    if es != et {
        return false;
    }
    let (Some(sa), Some(ta)) = (&s.action, &t.action) else {
        return false;
    };
    if sa.negated || ta.negated || sa.items.is_empty() || ta.items.is_empty() {
        return false;
    }
    if !sa.items.iter().all(|a| {
        ta.items
            .iter()
            .any(|b| cov.covered(catalog, &b.text, &a.text))
    }) {
        return false;
    }
    let resources_ok = match (&s.resource, &t.resource) {
        (None, None) => true,
        (Some(sr), Some(tr)) => {
            !sr.negated
                && !tr.negated
                && !sr.items.is_empty()
                && sr.items.iter().all(|a| {
                    tr.items
                        .iter()
                        .any(|b| !b.text.contains("${") && covers(&b.text, &a.text, false))
                })
        }
        _ => false,
    };
    if !resources_ok || principal_key(&s.principal) != principal_key(&t.principal) {
        return false;
    }
    !t.has_conditions() || condition_key(s) == condition_key(t)
}

/// A principal element compared as a set: negated, `"*"`, sorted `(namespace, id)` entries.
type PrincipalKey = (bool, bool, Vec<(String, String)>);

fn principal_key(p: &Option<PrincipalView>) -> Option<PrincipalKey> {
    p.as_ref().map(|p| {
        let mut entries: Vec<(String, String)> = p
            .entries
            .iter()
            .map(|(ns, item)| (ns.clone(), item.text.clone()))
            .collect();
        entries.sort();
        (p.negated, p.star, entries)
    })
}

fn condition_key(s: &StatementView) -> Vec<(String, String, Vec<String>)> {
    let mut out: Vec<(String, String, Vec<String>)> = s
        .condition
        .iter()
        .flat_map(|c| &c.entries)
        .map(|e| {
            let mut values: Vec<String> = e.values.iter().map(|v| v.text.clone()).collect();
            values.sort();
            (e.operator_text.clone(), e.key.to_ascii_lowercase(), values)
        })
        .collect();
    out.sort();
    out
}

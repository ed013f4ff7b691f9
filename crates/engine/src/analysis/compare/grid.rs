//! The context grid: the condition keys either side uses, candidate values for each (absence,
//! the scenario's own value, values the conditions name and values just beside their limits),
//! and their combinations.

use std::collections::BTreeMap;

use crate::decide::PolicySet;
use crate::policy::operator::Family;
use crate::request::context::ContextEntry;

/// The largest full-product grid; above it, each key is varied on its own.
pub const MAX_PRODUCT: usize = 64;
/// At most this many candidate values per context key (absence included).
const MAX_VALUES: usize = 8;

/// Context keys set (`Some`) or removed (`None`).
pub(crate) type Overrides = Vec<(String, Option<String>)>;

pub(crate) type Point = (Overrides, Vec<ContextEntry>);

/// The context keys of every condition of either side, candidate values for each, and the
/// grid of context variants (each with its overrides and its full entry list).
pub(crate) fn context_grid(
    base: &[ContextEntry],
    sets: &[&PolicySet; 2],
) -> (Vec<String>, Vec<Point>, &'static str) {
    // key (lower case) → (key as written, candidate values; `None` = absent)
    let mut keys: BTreeMap<String, (String, Vec<Option<String>>)> = BTreeMap::new();
    for c in sets
        .iter()
        .flat_map(|s| s.all())
        .flat_map(|lp| &lp.policy.statements)
        .flat_map(|st| &st.conditions)
    {
        // Absent, then the scenario's own value, then values the policies name.
        let entry = keys.entry(c.key.to_ascii_lowercase()).or_insert_with(|| {
            let mut values = vec![None];
            values.extend(base_value(base, &c.key).map(Some));
            (c.key.to_string(), values)
        });
        let mut push = |v: String| {
            if !entry.1.contains(&Some(v.clone())) && entry.1.len() < MAX_VALUES {
                entry.1.push(Some(v));
            }
        };
        // A value that is a policy variable (`${aws:PrincipalTag/team}`) stands for the
        // scenario's value of that key.
        for v in &c.values {
            if let Some(var) = v.text.strip_prefix("${").and_then(|t| t.strip_suffix('}')) {
                if let Some(value) = base_value(base, var) {
                    push(value);
                }
            }
        }
        let named: Vec<&str> = c.values.iter().map(|v| v.text.as_str()).collect();
        for v in named_values(c.operator.family, &named) {
            push(v);
        }
    }
    let names: Vec<String> = keys.values().map(|(k, _)| k.clone()).collect();
    let lists: Vec<(String, Vec<Option<String>>)> = keys.into_values().collect();
    let product = lists
        .iter()
        .try_fold(1usize, |acc, (_, v)| acc.checked_mul(v.len()))
        .unwrap_or(usize::MAX);
    let mut overrides: Vec<Vec<(String, Option<String>)>> = Vec::new();
    let grid = if product <= MAX_PRODUCT {
        overrides.push(Vec::new());
        for (key, values) in &lists {
            overrides = overrides
                .into_iter()
                .flat_map(|o| {
                    values.iter().map(move |v| {
                        let mut o = o.clone();
                        o.push((key.clone(), v.clone()));
                        o
                    })
                })
                .collect();
        }
        "full product"
    } else {
        overrides.push(Vec::new());
        for (key, values) in &lists {
            for v in values {
                overrides.push(vec![(key.clone(), v.clone())]);
            }
        }
        "one key at a time"
    };
    let points = overrides
        .into_iter()
        .map(|o| {
            let entries = apply_overrides(base, &o);
            (o, entries)
        })
        .collect();
    (names, points, grid)
}

/// Values worth trying for a key that a condition of operator family `family` compares with
/// `values` (the policy's values; those with policy variables are left out): each value, with
/// wildcards filled in for strings; each number and its neighbours; each date and two far
/// ones; each network's address and one outside the documentation ranges the policies use;
/// `true` and `false`; any value for `Null`; and one value no policy names.
pub(crate) fn named_values(family: Family, values: &[&str]) -> Vec<String> {
    let fixed = values.iter().filter(|v| !v.contains("${"));
    let mut out: Vec<String> = Vec::new();
    match family {
        Family::Bool => out.extend(["true".to_string(), "false".to_string()]),
        Family::Null => out.push("x".into()),
        Family::Numeric => {
            for n in fixed.filter_map(|v| v.trim().parse::<i64>().ok()) {
                out.push(n.to_string());
                out.push(n.saturating_add(1).to_string());
                out.push(n.saturating_sub(1).to_string());
            }
        }
        Family::Date => {
            out.extend(fixed.map(|v| v.to_string()));
            out.push("1970-01-01T00:00:00Z".into());
            out.push("2100-01-01T00:00:00Z".into());
        }
        Family::Ip => {
            out.extend(fixed.map(|v| v.split('/').next().unwrap_or_default().to_string()));
            out.push("198.51.100.1".into());
        }
        Family::String | Family::Arn | Family::Binary => {
            out.extend(fixed.map(|v| v.replace(['*', '?'], "x")));
            out.push("other-value".into());
        }
    }
    out
}

/// The first value `base` gives `key`.
fn base_value(base: &[ContextEntry], key: &str) -> Option<String> {
    base.iter()
        .find(|e| e.key.eq_ignore_ascii_case(key))
        .and_then(|e| e.values.first().cloned())
}

/// `base` with the keys of `overrides` removed, then those with a value added back.
pub(crate) fn apply_overrides(
    base: &[ContextEntry],
    overrides: &[(String, Option<String>)],
) -> Vec<ContextEntry> {
    let mut entries: Vec<ContextEntry> = base
        .iter()
        .filter(|e| {
            !overrides
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case(&e.key))
        })
        .cloned()
        .collect();
    for (k, v) in overrides {
        if let Some(v) = v {
            entries.push(ContextEntry {
                key: k.clone(),
                values: vec![v.clone()],
                key_type: None,
            });
        }
    }
    entries
}

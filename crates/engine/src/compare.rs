//! Comparing two policy sets by bounded testing: catalog actions × representative resources
//! × a grid of context values derived from the conditions either side uses, listing the
//! requests whose decisions differ. This is testing over a finite set of requests, not a
//! proof of equivalence: two policy sets that agree on every request tried may still differ
//! on one that was not.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::decide::PolicySet;
use crate::evaluate::matching;
use crate::instances::resource_instances;
use crate::policy::catalog::Catalog;
use crate::policy::operator::Family;
use crate::request::context::ContextEntry;
use crate::scenario::Scenario;
use crate::simulate::{Compiled, Options, RequestContext};
use crate::text::diag::Diagnostic;
use crate::trace::EvalDecision;

/// What one side decided for a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SideResult {
    /// The decision.
    pub decision: EvalDecision,
    /// The statements that decided, as `POLICY-ID#Sid` or `POLICY-ID#N` (1-based).
    pub statements: Vec<String>,
}

/// A request on which the two sides decide differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counterexample {
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// Context keys set (value) or removed (`None`) relative to scenario A's context.
    pub context: Vec<(String, Option<String>)>,
    /// Scenario A's result.
    pub a: SideResult,
    /// Scenario B's result.
    pub b: SideResult,
    /// Other actions that match exactly the same action patterns of both sides, and so are
    /// decided exactly like this one.
    pub same_for_other_actions: usize,
}

/// The result of [`compare`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Always true: this is bounded testing, not a proof.
    pub bounded: bool,
    /// Actions tried: the catalog's plus any other action the scenarios list.
    pub actions: usize,
    /// Of those, actions not evaluated because another action matches exactly the same
    /// action patterns of both sides, and so is decided alike on every request.
    pub unnamed_actions: usize,
    /// The representative resources.
    pub resources: Vec<String>,
    /// The context keys the grid varies.
    pub context_keys: Vec<String>,
    /// Grid points (context variants) per (action, resource).
    pub grid_points: usize,
    /// `full product` or `one key at a time` (when the full product would exceed
    /// [`MAX_PRODUCT`] points).
    pub grid: String,
    /// Requests covered: actions × resources × grid points.
    pub requests: usize,
    /// Decisions actually made (both sides).
    pub decisions: usize,
    /// Requests (counting the unnamed actions a counterexample stands for) that only A allows.
    pub only_a_allows: usize,
    /// Requests that only B allows.
    pub only_b_allows: usize,
    /// Requests where both deny, but one explicitly and the other implicitly.
    pub deny_kind_differs: usize,
    /// Every request with differing decisions.
    pub counterexamples: Vec<Counterexample>,
}

/// A side that could not be compiled.
#[derive(Debug, Clone)]
pub struct CompareError {
    /// `A` or `B`.
    pub side: char,
    /// Its diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// The largest full-product grid; above it, each key is varied on its own.
pub const MAX_PRODUCT: usize = 64;
/// At most this many candidate values per context key (absence included).
const MAX_VALUES: usize = 8;

/// Compare the policies of `a` with those of `b`. The requests — caller, resource owner and
/// base context — are `a`'s (`b`'s request fields other than `ResourceArns` are ignored);
/// resources are both scenarios' `ResourceArns`, `*`, and an instance of every `Resource`
/// pattern either side writes.
pub fn compare(
    a: &Scenario,
    b: &Scenario,
    catalog: &Catalog,
    opts: &Options,
) -> Result<Comparison, CompareError> {
    compare_with(a, b, catalog, opts, true)
}

/// [`compare`], with `group_actions` false evaluating every action on its own instead of one
/// per class of actions that match the same patterns (slower; the same differences, for
/// checking the grouping).
pub fn compare_with(
    a: &Scenario,
    b: &Scenario,
    catalog: &Catalog,
    opts: &Options,
    group_actions: bool,
) -> Result<Comparison, CompareError> {
    let b_req = with_policies_of(a, b);
    let ca = Compiled::new(a).map_err(|diagnostics| CompareError {
        side: 'A',
        diagnostics,
    })?;
    let cb = Compiled::new(&b_req).map_err(|diagnostics| CompareError {
        side: 'B',
        diagnostics,
    })?;
    let sets = [ca.policy_set(), cb.policy_set()];

    // Actions: named ones one by one, the others through one representative.
    let patterns: Vec<&str> = sets
        .iter()
        .flat_map(|s| s.all())
        .flat_map(|lp| &lp.policy.statements)
        .flat_map(|st| &st.action.items)
        .map(|i| i.text.as_str())
        .collect();
    let mut patterns: Vec<String> = patterns.iter().map(|p| p.to_ascii_lowercase()).collect();
    patterns.sort();
    patterns.dedup();
    // Actions that name no resource type are authorized on `*` only (as in the sweep).
    let free: std::collections::HashSet<String> = catalog
        .services()
        .iter()
        .flat_map(|s| {
            s.actions()
                .iter()
                .filter(|a| !a.has_resource_types())
                .map(move |a| format!("{}:{}", s.prefix(), a.name()))
        })
        .collect();
    let resource_free = |action: &str| free.contains(action);
    // Two actions that every action pattern of both sides matches alike (and that are alike
    // for the special-resource rules and in naming resource types) are decided alike on every
    // request.
    let signature = |action: &str| -> Vec<bool> {
        let mut sig: Vec<bool> = patterns
            .iter()
            .map(|p| matching::action_matches(p, action))
            .collect();
        sig.push(
            crate::decide::special_resource(action, "arn:aws:iam::000000000000:role/r").is_some(),
        );
        sig.push(resource_free(action));
        sig
    };
    let mut all_actions: Vec<String> = catalog
        .services()
        .iter()
        .flat_map(|s| {
            s.actions()
                .iter()
                .map(move |a| format!("{}:{}", s.prefix(), a.name()))
        })
        .collect();
    for extra in a.action_names.iter().chain(&b.action_names) {
        if extra != "*" && !all_actions.iter().any(|x| x.eq_ignore_ascii_case(extra)) {
            all_actions.push(extra.clone());
        }
    }
    // (representative action, number of other actions it stands for)
    let mut to_try: Vec<(String, usize)> = Vec::new();
    let free_actions = all_actions.iter().filter(|a| resource_free(a)).count();
    let mut classes: HashMap<Vec<bool>, usize> = HashMap::new();
    for action in &all_actions {
        if !group_actions {
            to_try.push((action.clone(), 0));
            continue;
        }
        match classes.entry(signature(action)) {
            Entry::Occupied(e) => {
                if let Some(t) = to_try.get_mut(*e.get()) {
                    t.1 += 1;
                }
            }
            Entry::Vacant(e) => {
                e.insert(to_try.len());
                to_try.push((action.clone(), 0));
            }
        }
    }
    let unnamed = all_actions.len() - to_try.len();

    let resources = representative_resources(a, b, &sets);
    let (keys, points, grid) = context_grid(&a.context_entries, &sets);

    let mut out = Comparison {
        bounded: true,
        actions: all_actions.len(),
        unnamed_actions: unnamed,
        resources: resources.clone(),
        context_keys: keys,
        grid_points: points.len(),
        grid: grid.to_string(),
        // Actions without resource types are tried on `*` alone.
        requests: ((all_actions.len() - free_actions) * resources.len() + free_actions)
            * points.len(),
        decisions: 0,
        only_a_allows: 0,
        only_b_allows: 0,
        deny_kind_differs: 0,
        counterexamples: Vec::new(),
    };
    // One request context per (resource, grid point), per side.
    let mut contexts: Vec<(RequestContext, RequestContext, &Overrides)> = Vec::new();
    for r in &resources {
        for (overrides, entries) in &points {
            contexts.push((
                ca.context_with(r, entries, opts),
                cb.context_with(r, entries, opts),
                overrides,
            ));
        }
    }
    for (action, others) in &to_try {
        let on_star_only = resource_free(action);
        for (rca, rcb, overrides) in &contexts {
            if on_star_only && rca.resource() != "*" {
                continue;
            }
            out.decisions += 2;
            let da = ca.decision(rca, action);
            let db = cb.decision(rcb, action);
            if da == db {
                continue;
            }
            let n = 1 + others;
            match (da, db) {
                (EvalDecision::Allowed, _) => out.only_a_allows += n,
                (_, EvalDecision::Allowed) => out.only_b_allows += n,
                _ => out.deny_kind_differs += n,
            }
            let side = |c: &Compiled, rc: &RequestContext| {
                let r = c.evaluate(rc, action, false);
                SideResult {
                    decision: r.eval_decision,
                    statements: r
                        .matched_statements
                        .iter()
                        .map(|m| match &m.sid {
                            Some(sid) => format!("{}#{sid}", m.source_policy_id),
                            None => format!("{}#{}", m.source_policy_id, m.statement_index + 1),
                        })
                        .collect(),
                }
            };
            out.counterexamples.push(Counterexample {
                action: action.clone(),
                resource: rca.resource().to_string(),
                context: overrides.to_vec(),
                a: side(&ca, rca),
                b: side(&cb, rcb),
                same_for_other_actions: *others,
            });
        }
    }
    // Differences in what is allowed first, then differences in the kind of deny.
    out.counterexamples.sort_by_key(|c| {
        !(c.a.decision == EvalDecision::Allowed || c.b.decision == EvalDecision::Allowed)
    });
    Ok(out)
}

/// Both scenarios' `ResourceArns`, `*`, and an instance of each ARN pattern of either side
/// (wildcards replaced by `x`, policy variables by their value in A's context).
fn representative_resources(a: &Scenario, b: &Scenario, sets: &[&PolicySet; 2]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let named = resource_instances(sets, &a.context_entries);
    for r in a
        .resource_arns
        .iter()
        .chain(&b.resource_arns)
        .chain(std::iter::once(&"*".to_string()))
        .chain(&named)
    {
        if !out.contains(r) {
            out.push(r.clone());
        }
    }
    out
}

/// Context keys set (`Some`) or removed (`None`).
type Overrides = Vec<(String, Option<String>)>;

type Point = (Overrides, Vec<ContextEntry>);

/// The context keys of every condition of either side, candidate values for each, and the
/// grid of context variants (each with its overrides and its full entry list).
fn context_grid(
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
        let entry = keys.entry(c.key_lower.clone()).or_insert_with(|| {
            let mut values = vec![None];
            values.extend(base_value(base, &c.key).map(Some));
            (c.key.clone(), values)
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
        match c.operator.family {
            Family::Bool => {
                push("true".into());
                push("false".into());
            }
            Family::Null => push("x".into()),
            Family::Numeric => {
                for v in &c.values {
                    if let Ok(n) = v.text.trim().parse::<i64>() {
                        push(n.to_string());
                        push(n.saturating_add(1).to_string());
                        push(n.saturating_sub(1).to_string());
                    }
                }
            }
            Family::Date => {
                for v in c.values.iter().filter(|v| !v.text.contains("${")) {
                    push(v.text.clone());
                }
                push("1970-01-01T00:00:00Z".into());
                push("2100-01-01T00:00:00Z".into());
            }
            Family::Ip => {
                for v in &c.values {
                    push(v.text.split('/').next().unwrap_or_default().to_string());
                }
                push("198.51.100.1".into());
            }
            Family::String | Family::Arn | Family::Binary => {
                for v in c.values.iter().filter(|v| !v.text.contains("${")) {
                    push(v.text.replace(['*', '?'], "x"));
                }
                push("other-value".into());
            }
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

/// The first value `base` gives `key`.
fn base_value(base: &[ContextEntry], key: &str) -> Option<String> {
    base.iter()
        .find(|e| e.key.eq_ignore_ascii_case(key))
        .and_then(|e| e.values.first().cloned())
}

/// `base` with the keys of `overrides` removed, then those with a value added back.
fn apply_overrides(
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

/// The two single-request scenarios behind a counterexample of [`compare`]`(a, b, …)`: A's
/// request (caller, owner, context with the counterexample's overrides) for its action and
/// resource, with A's policies and with B's. Simulating them with a trace explains the
/// difference.
pub fn counterexample_scenarios(a: &Scenario, b: &Scenario, c: &Counterexample) -> [Scenario; 2] {
    let mut ra = a.clone();
    ra.action_names = vec![c.action.clone()];
    ra.resource_arns = vec![c.resource.clone()];
    ra.context_entries = apply_overrides(&a.context_entries, &c.context);
    let rb = with_policies_of(&ra, b);
    [ra, rb]
}

/// `request` with every policy replaced by `policies`' ones.
fn with_policies_of(request: &Scenario, policies: &Scenario) -> Scenario {
    let mut out = request.clone();
    out.identity_policies = policies.identity_policies.clone();
    out.permissions_boundaries = policies.permissions_boundaries.clone();
    out.scp_levels = policies.scp_levels.clone();
    out.rcp_levels = policies.rcp_levels.clone();
    out.session_policies = policies.session_policies.clone();
    out.resource_policy = policies.resource_policy.clone();
    out
}

//! Comparing two policy sets by bounded testing: catalog actions × representative resources
//! × a grid of context values derived from the conditions either side uses, listing the
//! requests whose decisions differ. This is testing over a finite set of requests, not a
//! proof of equivalence: two policy sets that agree on every request tried may still differ
//! on one that was not.

//!
//! - `actions`: the actions tried, one per class of actions both sides match alike.
//! - `grid`: the context grid: condition keys, candidate values, combinations.

mod actions;
mod grid;

pub(crate) use grid::named_values;
pub use grid::MAX_PRODUCT;

use serde::{Deserialize, Serialize};

use super::instances::resource_instances;
use crate::decide::PolicySet;
use crate::policy::catalog::Catalog;
use crate::scenario::Scenario;
use crate::simulate::{Compiled, EvaluationResult, Options, RequestContext};
use crate::text::diag::Diagnostic;
use crate::trace::EvalDecision;
use actions::Actions;
use grid::{apply_overrides, context_grid, Overrides};

/// What one side decided for a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SideResult {
    /// The decision.
    pub decision: EvalDecision,
    /// The statements that decided, as `POLICY-ID#Sid` or `POLICY-ID#N` (1-based).
    pub statements: Vec<String>,
}

impl SideResult {
    /// One side's decision and deciding statements, from its evaluation result.
    pub fn of(r: &EvaluationResult) -> Self {
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
    }
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
    let resources = representative_resources(a, b, &sets);
    let actions = Actions::plan(&sets, catalog, [a, b], &resources, group_actions);
    let (keys, points, grid) = context_grid(&a.context_entries, &sets);
    let mut out = Comparison {
        bounded: true,
        actions: actions.all,
        unnamed_actions: actions.all - actions.to_try.len(),
        resources: resources.clone(),
        context_keys: keys,
        grid_points: points.len(),
        grid: grid.to_string(),
        // Actions without resource types are tried on `*` alone.
        requests: ((actions.all - actions.free) * resources.len() + actions.free) * points.len(),
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
    let sides = [&ca, &cb];
    for (action, others) in &actions.to_try {
        let on_star_only = actions.resource_free(action);
        for (rca, rcb, overrides) in &contexts {
            if on_star_only && rca.resource() != "*" {
                continue;
            }
            try_request(&mut out, sides, action, *others, [rca, rcb], overrides);
        }
    }
    // Differences in what is allowed first, then differences in the kind of deny.
    out.counterexamples.sort_by_key(|c| {
        !(c.a.decision == EvalDecision::Allowed || c.b.decision == EvalDecision::Allowed)
    });
    Ok(out)
}

/// Decide one request on both sides and, when they differ, count it (with the `others`
/// actions it stands for) and keep it as a counterexample.
fn try_request(
    out: &mut Comparison,
    [ca, cb]: [&Compiled; 2],
    action: &str,
    others: usize,
    [rca, rcb]: [&RequestContext; 2],
    overrides: &Overrides,
) {
    out.decisions += 2;
    let da = ca.decision(rca, action);
    let db = cb.decision(rcb, action);
    if da == db {
        return;
    }
    let n = 1 + others;
    match (da, db) {
        (EvalDecision::Allowed, _) => out.only_a_allows += n,
        (_, EvalDecision::Allowed) => out.only_b_allows += n,
        _ => out.deny_kind_differs += n,
    }
    let side = |c: &Compiled, rc: &RequestContext| {
        let r = c.evaluate(rc, action, false);
        SideResult::of(&r)
    };
    out.counterexamples.push(Counterexample {
        action: action.to_string(),
        resource: rca.resource().to_string(),
        context: overrides.to_vec(),
        a: side(ca, rca),
        b: side(cb, rcb),
        same_for_other_actions: others,
    });
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

/// `request` with every policy replaced by `policies`' ones — the VPC endpoint's too: an
/// endpoint (its policy, and whether the request goes through one) is compared like a policy
/// (SPEC §12.7).
fn with_policies_of(request: &Scenario, policies: &Scenario) -> Scenario {
    let mut out = request.clone();
    out.identity_policies = policies.identity_policies.clone();
    out.permissions_boundaries = policies.permissions_boundaries.clone();
    out.scp_levels = policies.scp_levels.clone();
    out.rcp_levels = policies.rcp_levels.clone();
    out.session_policies = policies.session_policies.clone();
    out.resource_policy = policies.resource_policy.clone();
    out.vpc_endpoint = policies.vpc_endpoint.clone();
    out
}

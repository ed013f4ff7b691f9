//! The context keys worth changing for a request, read from its trace: the keys of the
//! conditions of every statement whose `Action`, `Resource` and `Principal` match (only
//! conditions can change with the context), and the keys of the policy variables in their
//! values; with the values to try for each, as the comparison grid chooses them. Also what any
//! change set that can flip the decision must touch ([`Needs`]), so that the search skips the
//! sets that cannot.

use super::change::Goal;
use crate::analysis::closest::closest;
use crate::analysis::compare::named_values;
use crate::policy::operator::Family;
use crate::policy::pattern::Template;
use crate::policy::Effect;
use crate::request::context::ValueOrigin;
use crate::trace::{ConditionTrace, EvalDecision, LayerTrace, LayerVerdict, StatementTrace, Trace};

/// At most this many values to try per key (absence included).
const MAX_VALUES: usize = 8;

/// A context key worth changing.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The key, as the first policy naming it writes it.
    pub(crate) key: String,
    /// Its values now (empty: absent).
    pub(crate) now: Vec<String>,
    /// The values to try (`None`: absent), never its value now.
    pub(crate) values: Vec<Option<String>>,
    /// For numbers, dates and addresses: the condition that named the values.
    pub(crate) wants: Option<String>,
    /// Whether its value now was derived by the engine (or the World), not given.
    pub(crate) derived: bool,
    /// Which trace it was read from (the index into the traces passed in).
    pub(crate) trace: usize,
}

impl Candidate {
    fn push(&mut self, v: Option<String>) {
        let current = match &v {
            None => self.now.is_empty(),
            Some(v) => self.now.len() == 1 && self.now.first() == Some(v),
        };
        if !current && !self.values.contains(&v) && self.values.len() < MAX_VALUES {
            self.values.push(v);
        }
    }
}

/// Whether a statement's `Action`, `Resource` and `Principal` match, so that its conditions
/// decide whether it applies.
fn elements_match(s: &StatementTrace) -> bool {
    s.action.matched && s.resource.matched && s.principal.as_ref().is_none_or(|p| p.matched)
}

/// The statements of a trace whose conditions matter, in the order their keys are tried: the
/// closest `Allow` statements first (the request is nearest to being allowed there), then the
/// `Deny` statements, then the rest in evaluation order.
fn relevant(trace: &Trace) -> Vec<&StatementTrace> {
    let all: Vec<(&str, &StatementTrace)> = trace
        .layers
        .iter()
        .filter(|l| l.verdict != LayerVerdict::NotApplicable)
        .flat_map(|l| &l.policies)
        .flat_map(|p| p.statements.iter().map(move |s| (p.policy_id.as_str(), s)))
        .filter(|(_, s)| elements_match(s) && !s.conditions.is_empty())
        .collect();
    let near = closest(trace);
    let is_near =
        |id: &str, s: &StatementTrace| near.iter().any(|c| c.policy_id == id && c.index == s.index);
    // Positions in `all`: the closest in their order, then the Deny statements, then the rest.
    let mut order: Vec<usize> = Vec::new();
    for c in &near {
        order.extend(
            all.iter()
                .position(|(id, s)| *id == c.policy_id && s.index == c.index),
        );
    }
    order.extend(
        all.iter()
            .enumerate()
            .filter(|(_, (id, s))| s.effect == Effect::Deny && !is_near(id, s))
            .map(|(i, _)| i),
    );
    order.extend(0..all.len());
    let mut out: Vec<&StatementTrace> = Vec::new();
    for i in order {
        if let Some((_, s)) = all.get(i) {
            if !out.iter().any(|o| std::ptr::eq(*o, *s)) {
                out.push(s);
            }
        }
    }
    out
}

/// The keys of the policy variables in a condition's values.
fn variables(c: &ConditionTrace) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in &c.policy_values {
        if let Ok(t) = Template::parse(&v.text) {
            for k in t.keys() {
                if !out.iter().any(|o| o.eq_ignore_ascii_case(k)) {
                    out.push(k.to_string());
                }
            }
        }
    }
    out
}

fn wants(c: &ConditionTrace) -> Option<String> {
    matches!(c.parsed.family, Family::Numeric | Family::Date | Family::Ip).then(|| {
        let values: Vec<String> = c
            .policy_values
            .iter()
            .map(|v| format!("`{}`", v.resolved.as_deref().unwrap_or(&v.text)))
            .collect();
        // A negated operator wants none of its values; a positive one any of them.
        let join = if c.parsed.negated { ", " } else { " or " };
        format!("`{}` {}", c.operator, values.join(join))
    })
}

/// The candidates of every trace, each key once (the first trace naming it wins).
pub(crate) fn candidates(traces: &[&Trace]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for (i, trace) in traces.iter().enumerate() {
        let context = |key: &str| {
            trace
                .context
                .iter()
                .find(|c| c.key.eq_ignore_ascii_case(key))
        };
        let now = |key: &str| context(key).map(|c| c.values.clone()).unwrap_or_default();
        let derived = |key: &str| context(key).is_some_and(|c| c.origin == ValueOrigin::Derived);
        let slot = |out: &mut Vec<Candidate>, key: &str| -> usize {
            match out.iter().position(|c| c.key.eq_ignore_ascii_case(key)) {
                Some(at) => at,
                None => {
                    out.push(Candidate {
                        key: key.to_string(),
                        now: now(key),
                        values: Vec::new(),
                        wants: None,
                        derived: derived(key),
                        trace: i,
                    });
                    out.len() - 1
                }
            }
        };
        for s in relevant(trace) {
            for c in &s.conditions {
                let at = slot(&mut out, &c.key);
                let named: Vec<&str> = c
                    .policy_values
                    .iter()
                    .filter_map(|v| v.resolved.as_deref())
                    .collect();
                if let Some(cand) = out.get_mut(at) {
                    if cand.trace == i {
                        for v in named_values(c.parsed.family, &named) {
                            cand.push(Some(v));
                        }
                        cand.push(None);
                        if cand.wants.is_none() {
                            cand.wants = wants(c);
                        }
                    }
                }
                // A variable can change instead of the key: to the key's value now.
                for var in variables(c) {
                    let at = slot(&mut out, &var);
                    if let Some(cand) = out.get_mut(at) {
                        if cand.trace == i {
                            for v in &c.context_values {
                                cand.push(Some(v.clone()));
                            }
                            cand.push(None);
                        }
                    }
                }
            }
        }
    }
    out.retain(|c| !c.values.is_empty());
    out
}

/// The keys a condition reads (its key and the keys of its policy variables), lower case.
fn touches(c: &ConditionTrace) -> Vec<String> {
    let mut keys = vec![c.key.to_ascii_lowercase()];
    keys.extend(variables(c).iter().map(|k| k.to_ascii_lowercase()));
    keys
}

/// The statements of a layer, each with its policy's organization level.
fn statements(l: &LayerTrace) -> Vec<(Option<usize>, &StatementTrace)> {
    l.policies
        .iter()
        .flat_map(|p| p.statements.iter().map(move |s| (p.level, s)))
        .collect()
}

/// What a change set must touch to have a chance of flipping the decision: one of several
/// alternatives, each a list of groups of keys, met when the set changes at least one key of
/// every group. A necessary condition read from the trace (SPEC §6.3), not a sufficient one: a
/// set that meets it is still evaluated.
#[derive(Debug, Clone, Default)]
pub(crate) struct Needs {
    /// The alternatives; `None` when nothing is known (every set may work).
    any_of: Option<Vec<Vec<Vec<String>>>>,
}

impl Needs {
    /// Whether changing `keys` can possibly reach the goal.
    pub(crate) fn met(&self, keys: &[&str]) -> bool {
        let Some(alternatives) = &self.any_of else {
            return true;
        };
        let touched = |group: &Vec<String>| {
            group
                .iter()
                .any(|g| keys.iter().any(|k| k.eq_ignore_ascii_case(g)))
        };
        alternatives.iter().any(|groups| groups.iter().all(touched))
    }
}

/// What any change set that reaches `goal` from the decision in `t` must touch:
/// - allowing an implicitly denied request needs some `Allow` statement of a layer that gave no
///   applicable `Allow` (its elements matching) to apply, so every condition it fails must
///   change;
/// - allowing an explicitly denied one needs every applicable `Deny` to stop applying, so one
///   of the conditions of each must change;
/// - denying an allowed one needs a `Deny` (elements matching) to apply, so every condition it
///   fails must change, or some layer (or organization level) to lose every applicable
///   `Allow`, so one condition of each must change.
///
/// Alternatives needing more than `max_keys` groups are left out (no set of that size meets
/// them).
pub(crate) fn needs(t: &Trace, goal: Goal, max_keys: usize) -> Needs {
    // A decision the service makes whatever the policies say: no change set can flip it.
    if crate::decide::is_service_rule(&t.deciding_rule) {
        return Needs {
            any_of: Some(Vec::new()),
        };
    }
    let layers = || {
        t.layers.iter().filter(|l| {
            !matches!(
                l.verdict,
                LayerVerdict::NotApplicable | LayerVerdict::Absent
            )
        })
    };
    // Every condition the statement fails must change.
    let fix = |s: &StatementTrace| -> Vec<Vec<String>> {
        s.conditions
            .iter()
            .filter(|c| !c.result)
            .map(touches)
            .collect()
    };
    // One of its conditions must change.
    let any_condition =
        |s: &StatementTrace| -> Vec<String> { s.conditions.iter().flat_map(touches).collect() };
    let mut alternatives: Vec<Vec<Vec<String>>> = Vec::new();
    match (goal, t.decision) {
        (Goal::Allow, EvalDecision::ImplicitDeny) => {
            if !layers().any(|l| l.verdict == LayerVerdict::NoAllow) {
                // Denied by a rule this reading does not cover: nothing is known.
                return Needs::default();
            }
            for l in layers().filter(|l| l.verdict == LayerVerdict::NoAllow) {
                for (_, s) in statements(l) {
                    if s.effect == Effect::Allow && !s.applies && elements_match(s) {
                        alternatives.push(fix(s));
                    }
                }
            }
        }
        (Goal::Allow, _) => {
            let groups: Vec<Vec<String>> = layers()
                .flat_map(statements)
                .filter(|(_, s)| s.effect == Effect::Deny && s.applies)
                .map(|(_, s)| any_condition(s))
                .collect();
            alternatives.push(groups);
        }
        (Goal::Deny, _) => {
            for l in layers() {
                let all = statements(l);
                for (_, s) in &all {
                    if s.effect == Effect::Deny && !s.applies && elements_match(s) {
                        alternatives.push(fix(s));
                    }
                }
                // Each organization level (one level for other layers) can lose its allows.
                let mut levels: Vec<Option<usize>> = all.iter().map(|(lv, _)| *lv).collect();
                levels.dedup();
                for level in levels {
                    alternatives.push(
                        all.iter()
                            .filter(|(lv, s)| {
                                *lv == level && s.effect == Effect::Allow && s.applies
                            })
                            .map(|(_, s)| any_condition(s))
                            .collect(),
                    );
                }
            }
        }
    }
    // A group with no key cannot be touched (a statement with no conditions); an alternative
    // with no group is already met, which cannot be (the decision would differ): both drop.
    alternatives.retain(|groups| {
        !groups.is_empty() && groups.len() <= max_keys && groups.iter().all(|g| !g.is_empty())
    });
    Needs {
        any_of: Some(alternatives),
    }
}

//! The context keys worth changing for a request, read from its trace: the keys of the
//! conditions of every statement whose `Action`, `Resource` and `Principal` match (only
//! conditions can change with the context), and the keys of the policy variables in their
//! values; with the values to try for each, as the comparison grid chooses them.

use crate::analysis::closest::closest;
use crate::analysis::compare::named_values;
use crate::policy::operator::Family;
use crate::policy::pattern::Template;
use crate::policy::Effect;
use crate::request::context::ValueOrigin;
use crate::trace::{ConditionTrace, LayerVerdict, StatementTrace, Trace};

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

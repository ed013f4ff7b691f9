//! What would flip a decision: the smallest changes to a request's context that turn a denied
//! request into an allowed one ("what would make it allowed?") or an allowed one into a denied
//! one ("what would deny it?"). The keys and values tried come from the policies' conditions,
//! as the comparison grid's do: the values the conditions name, values just beside numeric
//! limits, absence, and for a policy variable the value it is compared with. Every suggestion
//! is checked by evaluating the request again with the change applied, never inferred. For a
//! World, a change is made to the World fact that derives the key when there is one (a
//! resource's, role's or user's tag, a hop's session tag or external ID, MFA), and the whole
//! World is simulated again, chain included.
//!
//! - [`change`]: what a suggestion changes and how it reads ([`Change`], [`WhatIf`]).
//! - `candidates`: the keys worth changing and the values to try, read from a trace.
//! - `search`: single changes, then pairs, then triples, until some set reaches the goal.
//! - `world`: the World fact behind a context key.

mod candidates;
pub mod change;
mod search;
mod world;

pub use change::{Change, Goal, Suggestion, TagOwner, Target, WhatIf};

use candidates::{candidates, needs, Candidate};
use search::{search, Found, Limits};
use world::{targets, Point};

use crate::analysis::closest::closest;
use crate::policy::Effect;
use crate::scenario::world::WorldScenario;
use crate::scenario::Scenario;
use crate::simulate::outcome::{EvaluationResult, Options};
use crate::simulate::{simulate_world, Compiled};
use crate::trace::{EvalDecision, LayerVerdict, Trace};

/// A policy-list request is cheap to decide again (microseconds on the decision-only path).
const POLICY_LIMITS: Limits = Limits {
    max_keys: 3,
    budget: 20_000,
    max_found: 6,
};

/// A World is simulated whole each time (chain included): fewer tries.
const WORLD_LIMITS: Limits = Limits {
    max_keys: 2,
    budget: 400,
    max_found: 6,
};

/// Keys the engine derives from the clock, which a request may still be made at another time.
fn is_time(key: &str) -> bool {
    key.eq_ignore_ascii_case("aws:CurrentTime") || key.eq_ignore_ascii_case("aws:EpochTime")
}

/// What would flip the decision of `action` on `resource` in a policy-list scenario: changes
/// to its `ContextEntries` (keys the engine derives from the caller or the resource are not
/// changed: they are who asks and what is asked for). `None` when the scenario has errors.
pub fn what_if(s: &Scenario, opts: &Options, action: &str, resource: &str) -> Option<WhatIf> {
    what_if_pruned(s, opts, action, resource, true)
}

/// [`what_if`], with or without skipping the change sets the trace shows cannot work.
fn what_if_pruned(
    s: &Scenario,
    opts: &Options,
    action: &str,
    resource: &str,
    prune: bool,
) -> Option<WhatIf> {
    let compiled = Compiled::new(s).ok()?;
    // The whole context, as the trace shows it.
    let traced = Options {
        trace: true,
        ..*opts
    };
    let rc = compiled.context_for(resource, &traced);
    let now = compiled.evaluate(&rc, action, true);
    let trace = now.trace.as_ref()?;
    let goal = Goal::against(now.eval_decision);
    let cands: Vec<Candidate> = candidates(&[trace])
        .into_iter()
        .filter(|c| !c.derived || is_time(&c.key))
        .collect();
    let options: Vec<usize> = cands.iter().map(|c| c.values.len()).collect();
    let change = |k: usize, o: usize| -> Option<Change> {
        let c = cands.get(k)?;
        Some(Change {
            key: c.key.clone(),
            now: c.now.clone(),
            to: c.values.get(o)?.clone(),
            target: change::Target::Context,
            wants: c.wants.clone(),
        })
    };
    // Sets of keys that cannot flip the decision (by what the trace shows) are not evaluated.
    let needs = needs(trace, goal, POLICY_LIMITS.max_keys);
    let viable = |keys: &[usize]| {
        let names: Vec<&str> = keys
            .iter()
            .filter_map(|k| cands.get(*k).map(|c| c.key.as_str()))
            .collect();
        !prune || needs.met(&names)
    };
    let found = search(&options, POLICY_LIMITS, viable, |set| {
        let mut s2 = Scenario {
            context_entries: s.context_entries.clone(),
            ..Scenario::default()
        };
        for (k, o) in set {
            if let Some(c) = change(*k, *o) {
                c.apply(&mut s2);
            }
        }
        let rc = compiled.context_with(resource, &s2.context_entries, opts);
        goal.reached(compiled.decision(&rc, action))
    });
    // Each suggestion checked once more the way a user would apply it: the scenario with its
    // changes, compiled and evaluated from scratch.
    let suggestions = found
        .sets
        .iter()
        .filter_map(|set| {
            let changes: Vec<Change> = set.iter().filter_map(|(k, o)| change(*k, *o)).collect();
            let mut s2 = s.clone();
            changes.iter().for_each(|c| c.apply(&mut s2));
            let c2 = Compiled::new(&s2).ok()?;
            let decision = c2.decision(&c2.context_for(resource, opts), action);
            goal.reached(decision)
                .then_some(Suggestion { changes, decision })
        })
        .collect();
    let why = Why {
        trace: Some(trace),
        blocked: None,
        max_keys: POLICY_LIMITS.max_keys,
        things: "context keys",
    };
    Some(answer(goal, now.eval_decision, suggestions, &found, why))
}

/// The result for `action` on `resource` in a World simulated with `opts`.
fn world_result(
    ws: &WorldScenario,
    opts: &Options,
    action: &str,
    resource: &str,
) -> Option<EvaluationResult> {
    simulate_world(ws, opts)
        .results?
        .into_iter()
        .find(|r| r.eval_action_name == action && r.eval_resource_name == resource)
}

/// The first hop of a result's chain that was not allowed.
fn failed_hop(r: &EvaluationResult) -> Option<usize> {
    r.chain
        .iter()
        .flatten()
        .find(|h| h.eval_decision != EvalDecision::Allowed)
        .map(|h| h.hop)
}

/// What a World search needs at every stage.
struct WorldSearch<'a> {
    ws: &'a WorldScenario,
    opts: Options,
    action: &'a str,
    resource: &'a str,
    goal: Goal,
    evaluations: usize,
    cut_short: bool,
}

impl WorldSearch<'_> {
    /// The World with `changes` applied.
    fn changed(&self, changes: &[&Change]) -> WorldScenario {
        let mut w = self.ws.clone();
        for c in changes {
            c.apply_to_world(&mut w);
        }
        w
    }

    /// The options at the point where `r` stopped (or, to deny, every point of its chain).
    fn options(&self, r: &EvaluationResult) -> Vec<Vec<Change>> {
        let hops = r.chain.as_deref().unwrap_or_default();
        let mut traces: Vec<(&Trace, Point)> = Vec::new();
        match (self.goal, failed_hop(r)) {
            (Goal::Allow, Some(i)) => {
                if let Some(h) = hops.get(i) {
                    traces.extend(
                        h.evaluation_results
                            .iter()
                            .filter_map(|e| e.trace.as_deref())
                            .map(|t| (t, Point::Hop(i))),
                    );
                }
            }
            (Goal::Allow, None) => traces.extend(r.trace.as_deref().map(|t| (t, Point::Final))),
            (Goal::Deny, _) => {
                traces.extend(r.trace.as_deref().map(|t| (t, Point::Final)));
                for h in hops {
                    traces.extend(
                        h.evaluation_results
                            .iter()
                            .filter_map(|e| e.trace.as_deref())
                            .map(|t| (t, Point::Hop(h.hop))),
                    );
                }
            }
        }
        let only: Vec<&Trace> = traces.iter().map(|(t, _)| *t).collect();
        candidates(&only)
            .into_iter()
            .map(|c| {
                let point = traces.get(c.trace).map_or(Point::Final, |(_, p)| *p);
                let targets = targets(self.ws, point, self.resource, &c.key, c.derived);
                c.values
                    .iter()
                    .flat_map(|v| {
                        targets.iter().map(|t| Change {
                            key: c.key.clone(),
                            now: c.now.clone(),
                            to: v.clone(),
                            target: t.clone(),
                            wants: c.wants.clone(),
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// Search from the World with `fixed` applied, whose result for the request is `r` (with
    /// traces); `depth` more stages may follow a change that gets a failed hop through.
    fn stage(&mut self, fixed: &[Change], r: &EvaluationResult, depth: usize) -> Vec<Suggestion> {
        let options = self.options(r);
        let sizes: Vec<usize> = options.iter().map(Vec::len).collect();
        let quick = Options {
            trace: false,
            ..self.opts
        };
        let limits = Limits {
            budget: WORLD_LIMITS.budget.saturating_sub(self.evaluations),
            ..WORLD_LIMITS
        };
        let pick = |set: &[(usize, usize)]| -> Vec<&Change> {
            fixed
                .iter()
                .chain(set.iter().filter_map(|(k, o)| options.get(*k)?.get(*o)))
                .collect()
        };
        let (goal, action, resource) = (self.goal, self.action, self.resource);
        let found = search(
            &sizes,
            limits,
            |_| true,
            |set| {
                world_result(&self.changed(&pick(set)), &quick, action, resource)
                    .is_some_and(|x| goal.reached(x.eval_decision))
            },
        );
        self.evaluations += found.evaluations;
        self.cut_short |= found.cut_short;
        if !found.sets.is_empty() {
            return found
                .sets
                .iter()
                .filter_map(|set| {
                    let changes: Vec<Change> = pick(set).into_iter().cloned().collect();
                    let refs: Vec<&Change> = changes.iter().collect();
                    let d = world_result(&self.changed(&refs), &quick, action, resource)?;
                    goal.reached(d.eval_decision).then_some(Suggestion {
                        changes,
                        decision: d.eval_decision,
                    })
                })
                .collect();
        }
        // Nothing reaches the goal from here. When a hop failed, the changes that get it
        // through may reveal the next obstacle: search again from there.
        let Some(hop) = failed_hop(r).filter(|_| depth > 0 && goal == Goal::Allow) else {
            return Vec::new();
        };
        let limits = Limits {
            budget: WORLD_LIMITS.budget.saturating_sub(self.evaluations),
            max_found: 2,
            ..WORLD_LIMITS
        };
        let through = search(
            &sizes,
            limits,
            |_| true,
            |set| {
                world_result(&self.changed(&pick(set)), &quick, action, resource)
                    .is_some_and(|x| failed_hop(&x).is_none_or(|h| h > hop))
            },
        );
        self.evaluations += through.evaluations;
        self.cut_short |= through.cut_short;
        let traced = Options {
            trace: true,
            ..self.opts
        };
        let mut out = Vec::new();
        for set in &through.sets {
            let next: Vec<Change> = pick(set).into_iter().cloned().collect();
            let refs: Vec<&Change> = next.iter().collect();
            if let Some(r2) = world_result(&self.changed(&refs), &traced, action, resource) {
                out.extend(self.stage(&next, &r2, depth - 1));
            }
            if !out.is_empty() {
                break;
            }
        }
        out
    }
}

/// What would flip the decision of `action` on `resource` in a World: changes to the World's
/// tags, MFA, the hops' session tags and external IDs, or the request's context (for keys the
/// World does not derive), each checked by simulating the changed World again. `None` when
/// the World has errors or does not make that request.
pub fn what_if_world(
    ws: &WorldScenario,
    opts: &Options,
    action: &str,
    resource: &str,
) -> Option<WhatIf> {
    let traced = Options {
        trace: true,
        ..*opts
    };
    let r = world_result(ws, &traced, action, resource)?;
    let goal = Goal::against(r.eval_decision);
    let mut s = WorldSearch {
        ws,
        opts: *opts,
        action,
        resource,
        goal,
        evaluations: 1,
        cut_short: false,
    };
    let depth = ws.request.chain.len();
    let suggestions = s.stage(&[], &r, depth);
    let found = Found {
        sets: Vec::new(),
        evaluations: s.evaluations,
        cut_short: s.cut_short,
    };
    let hop = failed_hop(&r);
    let trace = match hop {
        Some(i) => r
            .chain
            .iter()
            .flatten()
            .nth(i)
            .and_then(|h| h.evaluation_results.iter().find_map(|e| e.trace.as_deref())),
        None => r.trace.as_deref(),
    };
    let blocked = r.chain.iter().flatten().nth(hop.unwrap_or(usize::MAX));
    let hop_reason = blocked
        .filter(|h| h.evaluation_results.is_empty())
        .map(|h| format!("hop {} ({}) failed: {}", h.hop + 1, h.api, h.reason));
    let why = Why {
        trace,
        blocked: hop_reason.as_deref(),
        max_keys: WORLD_LIMITS.max_keys,
        things: "tags, MFA settings or context keys",
    };
    Some(answer(goal, r.eval_decision, suggestions, &found, why))
}

/// What the reason for no suggestion is read from.
struct Why<'a> {
    /// The trace at the point where the request stopped.
    trace: Option<&'a Trace>,
    /// Why a hop failed before any policy was read, if it did.
    blocked: Option<&'a str>,
    /// The largest number of keys the search changed together.
    max_keys: usize,
    /// What it changed: "context keys", "World facts or context keys".
    things: &'static str,
}

/// The answer, with the reason there is no suggestion when there is none.
fn answer(
    goal: Goal,
    decision: EvalDecision,
    suggestions: Vec<Suggestion>,
    found: &Found,
    why: Why<'_>,
) -> WhatIf {
    let (max_keys, things) = (why.max_keys, why.things);
    let none = suggestions.is_empty().then(|| {
        let why = why
            .blocked
            .map(str::to_string)
            .or_else(|| why.trace.and_then(|t| structural_reason(t, goal)));
        match why {
            Some(why) => format!("no context change {} this: {why}", verb(goal)),
            None => format!(
                "no change of up to {max_keys} {}, to the values the policies name, {} this{}",
                things,
                verb(goal),
                if found.cut_short {
                    " (the search stopped at its budget)"
                } else {
                    ""
                }
            ),
        }
    });
    WhatIf {
        goal,
        decision,
        suggestions,
        none,
        evaluations: found.evaluations,
        cut_short: found.cut_short,
    }
}

fn verb(goal: Goal) -> &'static str {
    match goal {
        Goal::Allow => "allows",
        Goal::Deny => "denies",
    }
}

/// Why no context can reach the goal, when the trace shows it: an unconditional `Deny` that
/// applies, a layer with no `Allow` statement for the action or resource at all, or (to deny)
/// an unconditional `Allow` with no `Deny` for the action; or a decision the service makes
/// whatever the policies say (SPEC §12.4, §12.6).
fn structural_reason(t: &Trace, goal: Goal) -> Option<String> {
    if crate::decide::is_service_rule(&t.deciding_rule) {
        return Some(format!(
            "`{}` is decided by a rule of the service itself ({}), whatever the policies and the context say",
            t.action, t.deciding_rule
        ));
    }
    let statements = || {
        t.layers
            .iter()
            .filter(|l| l.verdict != LayerVerdict::NotApplicable)
            .flat_map(|l| l.policies.iter().map(move |p| (l, p)))
            .flat_map(|(l, p)| p.statements.iter().map(move |s| (l, p, s)))
    };
    let name = |s: &crate::trace::StatementTrace| match &s.sid {
        Some(sid) => format!("`{sid}`"),
        None => format!("{}", s.index + 1),
    };
    match goal {
        Goal::Allow => {
            if let Some((_, p, s)) = statements()
                .find(|(_, _, s)| s.applies && s.effect == Effect::Deny && s.conditions.is_empty())
            {
                return Some(format!(
                    "the `Deny` statement {} of `{}` applies whatever the context",
                    name(s),
                    p.policy_id
                ));
            }
            let near = closest(t);
            for layer in t
                .layers
                .iter()
                .filter(|l| l.verdict == LayerVerdict::NoAllow)
            {
                let in_layer: Vec<_> = near.iter().filter(|c| c.kind == layer.kind).collect();
                if in_layer.is_empty() {
                    return Some(format!(
                        "there is no `Allow` statement in the {}",
                        layer.label
                    ));
                }
                if in_layer.iter().all(|c| !c.failed_elements.is_empty()) {
                    let failed: Vec<String> = in_layer
                        .iter()
                        .flat_map(|c| &c.failed_elements)
                        .map(|e| format!("`{}`", e.element))
                        .fold(Vec::new(), |mut acc, e| {
                            if !acc.contains(&e) {
                                acc.push(e);
                            }
                            acc
                        });
                    return Some(format!(
                        "no `Allow` statement in the {} matches the request's {} (`{}` on `{}`)",
                        layer.label,
                        failed.join(" and "),
                        t.action,
                        t.resource
                    ));
                }
            }
            None
        }
        Goal::Deny => {
            let conditional = statements().any(|(_, _, s)| {
                (s.applies || s.effect == Effect::Deny)
                    && s.action.matched
                    && s.resource.matched
                    && s.principal.as_ref().is_none_or(|p| p.matched)
                    && !s.conditions.is_empty()
            });
            (!conditional).then(|| {
                "the statements that allow it have no conditions, and no `Deny` statement with conditions matches it".to_string()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse;

    /// Statements the exhaustive comparison combines: conditions on tags, variables, numbers,
    /// addresses, `IfExists`, negation and set operators, in `Allow` and `Deny` statements.
    const STATEMENTS: &[&str] = &[
        r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#,
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}, "Bool": {"aws:SecureTransport": "true"}}}"#,
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:RequestTag/team": "eng"}, "StringEquals": {"aws:PrincipalTag/team": "eng"}}}"#,
        r#"{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}"#,
        r#"{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "secret"}, "StringNotEquals": {"aws:PrincipalTag/team": "qas"}}}"#,
        r#"{"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}"#,
    ];

    const CONTEXTS: &[&str] = &[
        "[]",
        r#"[{"ContextKeyName": "aws:PrincipalTag/team", "ContextKeyValues": ["eng"]}, {"ContextKeyName": "aws:ResourceTag/team", "ContextKeyValues": ["qas"]}]"#,
        r#"[{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["203.0.113.5"]}, {"ContextKeyName": "aws:MultiFactorAuthAge", "ContextKeyValues": ["7200"]}, {"ContextKeyName": "aws:TagKeys", "ContextKeyValues": ["secret"]}]"#,
    ];

    /// Skipping the change sets the trace shows cannot work finds the same suggestions as
    /// trying every set (SPEC §6.3 is what makes the skipped sets hopeless), over every pair
    /// of identity statements and boundary statement, and every context above.
    #[test]
    fn pruning_loses_no_suggestion() {
        let mut compared = 0;
        for (i, a) in STATEMENTS.iter().enumerate() {
            for b in &STATEMENTS[i..] {
                for boundary in [None, Some(STATEMENTS[1]), Some(STATEMENTS[4])] {
                    for ctx in CONTEXTS {
                        let boundary = boundary
                            .map(|x| format!(r#", "PermissionsBoundaryPolicyInputList": [{{"Version": "2012-10-17", "Statement": [{x}]}}]"#))
                            .unwrap_or_default();
                        let text = format!(
                            r#"{{"PolicyInputList": [{{"Version": "2012-10-17", "Statement": [{a}, {b}]}}]{boundary},
                               "ActionNames": ["s3:GetObject"], "CallerArn": "arn:aws:iam::111122223333:user/alice",
                               "ContextEntries": {ctx}}}"#
                        );
                        let s = parse(&text).map(|(s, _)| s).unwrap();
                        let opts = Options::default();
                        let pruned = what_if_pruned(&s, &opts, "s3:GetObject", "*", true).unwrap();
                        let all = what_if_pruned(&s, &opts, "s3:GetObject", "*", false).unwrap();
                        assert!(!all.cut_short);
                        assert_eq!(pruned.suggestions, all.suggestions, "{text}");
                        assert!(pruned.evaluations <= all.evaluations);
                        compared += 1;
                    }
                }
            }
        }
        assert_eq!(compared, 28 * 3 * 3);
    }
}

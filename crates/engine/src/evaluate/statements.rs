//! Evaluating one policy's statements against one request.

use smallvec::SmallVec;

use super::condition;
use super::matching;
use crate::policy::{PatternElement, Policy, PolicyKind, Statement};
use crate::request::caller::Caller;
use crate::request::context::Context;
use crate::text::scan::{has_wildcard, split_colon};
use crate::text::span::LineIndex;
use crate::trace::{ElementTrace, MatchedPattern, PolicyTrace, PrincipalCategory, StatementTrace};

/// A policy ready for evaluation.
#[derive(Debug, Clone)]
pub struct LoadedPolicy {
    /// `PolicyInputList.1`, `ResourcePolicy`, …
    pub id: String,
    /// Its type.
    pub kind: PolicyKind,
    /// Organization level (1 = root) for SCPs and RCPs.
    pub level: Option<usize>,
    /// A name to show for it: `ReadOnlyAccess (AWS managed, v123)` for an AWS managed policy
    /// named by ARN.
    pub name: Option<String>,
    /// What the policy is when the scenario did not write it (an AWS managed policy that is
    /// always attached, the default VPC endpoint policy); shown in the trace.
    pub note: Option<&'static str>,
    /// The text, for locating spans.
    pub text: String,
    /// The typed policy.
    pub policy: Policy,
    /// Its statements indexed by the service prefixes of their `Action` patterns.
    pub actions: ActionIndex,
}

/// A service prefix as written, inline up to 16 bytes.
type Prefix = SmallVec<[u8; 16]>;

/// Statement positions, ascending, inline up to 4.
type Positions = SmallVec<[usize; 4]>;

/// Which statements an action of a given service can match: those whose `Action` lists a
/// pattern with that literal service prefix, plus those that must always be checked
/// (`NotAction`, or a pattern with a wildcard or non-ASCII text in its prefix). Only a filter:
/// the candidates are still matched pattern by pattern.
#[derive(Debug, Clone, Default)]
pub struct ActionIndex {
    /// Service prefix (as written) → positions of statements, ascending. Held inline when
    /// short (service prefixes are, and most are listed by a few statements).
    by_service: Vec<(Prefix, Positions)>,
    /// Positions of statements to check for every action, ascending.
    always: Vec<usize>,
}

impl ActionIndex {
    /// Index a policy's statements.
    pub fn new(policy: &Policy) -> Self {
        let mut index = Self::default();
        for (pos, st) in policy.statements.iter().enumerate() {
            let indexable = !st.action.negated
                && st
                    .action
                    .items
                    .iter()
                    .all(|i| literal_prefix(&i.text).is_some());
            if !indexable {
                index.always.push(pos);
                continue;
            }
            for p in st
                .action
                .items
                .iter()
                .filter_map(|i| literal_prefix(&i.text))
            {
                let slot = match index
                    .by_service
                    .iter()
                    .position(|(s, _)| s.eq_ignore_ascii_case(p.as_bytes()))
                {
                    Some(i) => i,
                    None => {
                        index
                            .by_service
                            .push((SmallVec::from_slice(p.as_bytes()), SmallVec::new()));
                        index.by_service.len() - 1
                    }
                };
                if let Some((_, list)) = index.by_service.get_mut(slot) {
                    if list.last() != Some(&pos) {
                        list.push(pos);
                    }
                }
            }
        }
        index
    }

    /// The positions of the statements that `action` may match, ascending; `None` when every
    /// statement must be checked (an action that is not ASCII `service:name`).
    #[inline]
    fn candidates<'s>(&'s self, action: &str) -> Option<Merge<'s>> {
        let (service, _) = split_colon(action).filter(|_| action.is_ascii())?;
        let listed = self
            .by_service
            .iter()
            .find(|(s, _)| s.eq_ignore_ascii_case(service.as_bytes()))
            .map(|(_, l)| l.as_slice())
            .unwrap_or_default();
        Some(Merge {
            a: listed,
            b: &self.always,
        })
    }
}

/// The service prefix of an action pattern when it is literal ASCII text.
fn literal_prefix(text: &str) -> Option<&str> {
    let (prefix, _) = split_colon(text)?;
    (text.is_ascii() && !has_wildcard(prefix)).then_some(prefix)
}

/// Two ascending position lists merged in order.
struct Merge<'s> {
    a: &'s [usize],
    b: &'s [usize],
}

impl Iterator for Merge<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let take_a = match (self.a.first(), self.b.first()) {
            (Some(x), Some(y)) => x < y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        let list = if take_a { &mut self.a } else { &mut self.b };
        let (&v, rest) = list.split_first()?;
        *list = rest;
        Some(v)
    }
}

/// One request: what is asked, on what, by whom, with which context.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `service:Action`.
    pub action: &'a str,
    /// Resource ARN (or `*`).
    pub resource: &'a str,
    /// The caller.
    pub caller: &'a Caller,
    /// The request context.
    pub context: &'a Context,
    /// Whether the caller's IAM user (or the role behind its session) has a permissions
    /// boundary: a `Deny` with `NotPrincipal` then applies to it whatever `NotPrincipal` lists
    /// (SPEC §12.1, [UG PB]).
    pub caller_has_boundary: bool,
}

/// Evaluate every statement of `policy`; keys that applicable-looking statements needed and
/// the context lacked are added to `missing`. With `detailed`, every element and condition is
/// explained with spans; without, only what the decision needs is computed (no spans, no
/// words, short-circuiting on the first element that does not match).
pub fn evaluate_policy(
    lp: &LoadedPolicy,
    req: &Request<'_>,
    missing: &mut Vec<String>,
    detailed: bool,
) -> PolicyTrace {
    if !detailed {
        return quick_policy(lp, req, missing).unwrap_or_else(|| PolicyTrace {
            policy_id: lp.id.clone(),
            level: lp.level,
            name: None,
            note: lp.note.map(str::to_string),
            statements: Vec::new(),
        });
    }
    let index = LineIndex::new(&lp.text);
    let statements = lp
        .policy
        .statements
        .iter()
        .map(|st| evaluate_statement(st, lp, req, &index, missing))
        .collect();
    PolicyTrace {
        policy_id: lp.id.clone(),
        level: lp.level,
        name: lp.name.clone(),
        note: lp.note.map(str::to_string),
        statements,
    }
}

fn bare(element: bool, matched: bool) -> ElementTrace {
    ElementTrace {
        element: String::new(),
        inverted: element,
        matched,
        span: None,
        matched_pattern: None,
        reason: String::new(),
    }
}

/// The decision-only form of [`evaluate_policy`]: only the statements that apply are kept,
/// and `None` is returned when none does (nothing is allocated for statements that do not).
pub fn quick_policy(
    lp: &LoadedPolicy,
    req: &Request<'_>,
    missing: &mut Vec<String>,
) -> Option<PolicyTrace> {
    let mut statements = Vec::new();
    applicable_statements(lp, req, missing, |st, principal_category| {
        statements.push(StatementTrace {
            index: st.index,
            sid: st.sid.as_ref().map(|s| s.value.as_str().to_owned()),
            effect: st.effect.value,
            span: crate::text::span::Span::default(),
            applies: true,
            principal: principal_category
                .map(|_| bare(st.principal.as_ref().is_some_and(|p| p.negated), true)),
            principal_category: principal_category.and_then(|c| c),
            action: bare(st.action.negated, true),
            resource: bare(false, true),
            conditions: Vec::new(),
        });
    });
    (!statements.is_empty()).then(|| PolicyTrace {
        policy_id: lp.id.clone(),
        level: lp.level,
        name: None,
        note: None,
        statements,
    })
}

/// The statements of `lp` that apply to `req`, in order, each given to `hit` with what its
/// `Principal` element found (`None` when the policy type has none; for `NotPrincipal`,
/// [`PrincipalCategory::Direct`]). Nothing is built for them: the decision's own path.
#[inline]
pub(crate) fn applicable_statements<'p>(
    lp: &'p LoadedPolicy,
    req: &Request<'_>,
    missing: &mut Vec<String>,
    mut hit: impl FnMut(&'p Statement, Option<Option<PrincipalCategory>>),
) {
    match lp.actions.candidates(req.action) {
        Some(positions) => {
            for pos in positions {
                if let Some(st) = lp.policy.statements.get(pos) {
                    if let Some(p) = quick_statement(st, lp, req, missing) {
                        hit(st, p);
                    }
                }
            }
        }
        None => {
            for st in &lp.policy.statements {
                if let Some(p) = quick_statement(st, lp, req, missing) {
                    hit(st, p);
                }
            }
        }
    }
}

/// Whether an action pattern matches, rejecting on the service prefix first.
fn action_hit(pattern: &str, action: &str) -> bool {
    if !(pattern.is_ascii() && action.is_ascii()) {
        return matching::action_matches(pattern, action);
    }
    if let (Some((pp, pn)), Some((ap, an))) = (split_colon(pattern), split_colon(action)) {
        if !has_wildcard(pp) {
            if !pp.eq_ignore_ascii_case(ap) {
                return false;
            }
            if !has_wildcard(pn) {
                return pn.eq_ignore_ascii_case(an);
            }
        }
    }
    matching::action_matches(pattern, action)
}

/// The decision-only form of [`evaluate_statement`]: `Some` only when the statement applies,
/// with what its `Principal` element found (`None` when not read; see
/// [`applicable_statements`]).
fn quick_statement(
    st: &Statement,
    lp: &LoadedPolicy,
    req: &Request<'_>,
    missing: &mut Vec<String>,
) -> Option<Option<Option<PrincipalCategory>>> {
    let action_hit = st
        .action
        .items
        .iter()
        .any(|i| action_hit(&i.text, req.action));
    if action_hit == st.action.negated {
        return None;
    }
    let mut local_missing = Vec::new();
    if let Some(el) = &st.resource {
        let lookup = |k: &str| req.context.variable(k);
        let hit = el.items.iter().any(|item| {
            if item.is_plain() {
                return matching::resource_hit_text(&item.text, req.resource);
            }
            match item.template.resolve_plain(&lookup) {
                Ok(Some(text)) => matching::resource_hit_text(&text, req.resource),
                // A substituted value brought a `*` or `?`, which match only themselves.
                Ok(None) => item
                    .template
                    .resolve(&lookup)
                    .is_ok_and(|r| matching::resource_hit(&r, req.resource)),
                Err(key) => {
                    local_missing.push(key.to_string());
                    false
                }
            }
        });
        if hit == el.negated {
            return None;
        }
    }
    let mut principal = None;
    if let Some(p) = st.principal.as_ref().filter(|_| lp.kind.has_principal()) {
        if p.negated {
            if !not_principal_applies(p, st.effect.value, req) {
                return None;
            }
            principal = Some(Some(PrincipalCategory::Direct));
        } else {
            let best = p
                .entries
                .iter()
                .filter_map(|e| matching::principal_matches(e, req.caller))
                .max();
            best?;
            principal = Some(best);
        }
    }
    // Every condition is evaluated, so that every missing key is reported: those of a
    // statement that could apply but for them (its conditions on present keys hold).
    let mut all = true;
    let mut otherwise = true;
    let mut needed = false;
    for c in &st.conditions {
        let (holds, absent, _) = condition::evaluate(c, req.context, None);
        all &= holds;
        otherwise &= holds || absent;
        needed |= absent;
    }
    if otherwise {
        missing.extend(local_missing);
        if needed {
            for c in &st.conditions {
                condition::absent_keys(c, req.context, missing);
            }
        }
    }
    all.then_some(principal)
}

/// Whether a `NotPrincipal` element lets its statement apply to the caller: when no entry names
/// the caller itself, or — for a `Deny` — when the caller has a permissions boundary: "The
/// NotPrincipal element with a Deny effect will always deny any IAM principal that has a
/// permissions boundary policy attached, regardless of the values specified in the
/// NotPrincipal element" [UG PB] (live) (SPEC §12.1).
fn not_principal_applies(
    p: &crate::policy::PrincipalElement,
    effect: crate::policy::Effect,
    req: &Request<'_>,
) -> bool {
    (effect == crate::policy::Effect::Deny && req.caller_has_boundary)
        || !p
            .entries
            .iter()
            .any(|e| matching::not_principal_names(e, req.caller))
}

fn evaluate_statement(
    st: &Statement,
    lp: &LoadedPolicy,
    req: &Request<'_>,
    index: &LineIndex<'_>,
    missing: &mut Vec<String>,
) -> StatementTrace {
    let mut local_missing = Vec::new();
    let action = action_element(&st.action, req.action, index);
    let resource = match &st.resource {
        Some(el) => resource_element(el, req, index, &mut local_missing),
        None => ElementTrace {
            element: "Resource".into(),
            inverted: false,
            matched: true,
            span: None,
            matched_pattern: None,
            reason: "no `Resource` element: the statement applies to the resource the policy is attached to"
                .into(),
        },
    };
    let (principal, principal_category) = match &st.principal {
        Some(p) if lp.kind.has_principal() && p.negated => {
            let trace = not_principal_element(p, st.effect.value, req, index);
            let category = trace.matched.then_some(PrincipalCategory::Direct);
            (Some(trace), category)
        }
        Some(p) if lp.kind.has_principal() => {
            let (trace, cat) = principal_element(p, req.caller, index);
            (Some(trace), cat)
        }
        _ => (None, None),
    };
    let principal_ok = principal.as_ref().is_none_or(|p| p.matched);
    // Whether the statement could apply but for absent keys: every condition that needed no
    // absent key holds.
    let mut otherwise = true;
    let mut needed = false;
    let conditions: Vec<_> = st
        .conditions
        .iter()
        .filter_map(|c| {
            let (holds, absent, t) = condition::evaluate(c, req.context, Some(index));
            otherwise &= holds || absent;
            needed |= absent;
            t
        })
        .collect();
    let elements_match = action.matched && resource.matched && principal_ok;
    if elements_match && otherwise {
        missing.extend(local_missing);
        if needed {
            for c in &st.conditions {
                condition::absent_keys(c, req.context, missing);
            }
        }
    }
    let applies = elements_match && conditions.iter().all(|c| c.result);
    StatementTrace {
        index: st.index,
        sid: st.sid.as_ref().map(|s| s.value.as_str().to_owned()),
        effect: st.effect.value,
        span: index.span(st.range),
        applies,
        principal,
        principal_category: if applies || elements_match {
            principal_category
        } else {
            None
        },
        action,
        resource,
        conditions,
    }
}

fn element_name(el: &PatternElement, base: &str) -> String {
    if el.negated {
        format!("Not{base}")
    } else {
        base.to_string()
    }
}

fn action_element(el: &PatternElement, action: &str, index: &LineIndex<'_>) -> ElementTrace {
    let hit = el
        .items
        .iter()
        .find(|i| matching::action_matches(&i.text, action));
    let matched_pattern = hit.map(|i| MatchedPattern {
        text: i.text.as_str().to_owned(),
        resolved: None,
        span: index.span(i.range),
    });
    let reason = match (hit, el.negated) {
        (Some(i), false) => format!("`{}` matches `{action}`", i.text),
        (None, false) => format!("no listed action matches `{action}`"),
        (Some(i), true) => format!(
            "`{}` matches `{action}`, so `NotAction` excludes it",
            i.text
        ),
        (None, true) => format!("no listed action matches `{action}`, so `NotAction` includes it"),
    };
    ElementTrace {
        element: element_name(el, "Action"),
        inverted: el.negated,
        matched: hit.is_some() != el.negated,
        span: Some(index.span(el.key_range)),
        matched_pattern,
        reason,
    }
}

fn resource_element(
    el: &PatternElement,
    req: &Request<'_>,
    index: &LineIndex<'_>,
    missing: &mut Vec<String>,
) -> ElementTrace {
    let lookup = |k: &str| req.context.variable(k);
    let mut hit = None;
    let mut why_not = Vec::new();
    for item in &el.items {
        match item.resolve(&lookup) {
            Err(key) => {
                missing.push(key.to_string());
                why_not.push(format!(
                    "`{}`: `${{{key}}}` has no value, so it matches no resource",
                    item.text
                ));
            }
            Ok(resolved) => match matching::resource_matches(&resolved, req.resource) {
                Ok(()) => {
                    let shown =
                        (resolved.text != item.text).then(|| resolved.text.as_str().to_owned());
                    hit = Some(MatchedPattern {
                        text: item.text.as_str().to_owned(),
                        resolved: shown,
                        span: index.span(item.range),
                    });
                    break;
                }
                Err(e) => why_not.push(format!("`{}`: {e}", item.text)),
            },
        }
    }
    let resource = req.resource;
    let reason = match (&hit, el.negated) {
        (Some(p), false) => format!(
            "`{}` matches `{resource}`",
            p.resolved.as_deref().unwrap_or(&p.text)
        ),
        (Some(p), true) => format!(
            "`{}` matches `{resource}`, so `NotResource` excludes it",
            p.text
        ),
        (None, false) => format!(
            "nothing listed matches `{resource}` ({})",
            why_not.join("; ")
        ),
        (None, true) if why_not.iter().any(|w| w.contains("has no value")) => format!(
            "nothing listed matches `{resource}`, so `NotResource` includes it: an entry whose policy variable has no value matches nothing here — AWS says only that an unresolved variable \"might cause the entire statement to be invalid\"; this playground reads it as matching no resource (README, choice 20)"
        ),
        (None, true) => {
            format!("nothing listed matches `{resource}`, so `NotResource` includes it")
        }
    };
    ElementTrace {
        element: element_name(el, "Resource"),
        inverted: el.negated,
        matched: hit.is_some() != el.negated,
        span: Some(index.span(el.key_range)),
        matched_pattern: hit,
        reason,
    }
}

fn principal_element(
    el: &crate::policy::PrincipalElement,
    caller: &Caller,
    index: &LineIndex<'_>,
) -> (ElementTrace, Option<PrincipalCategory>) {
    let mut best: Option<(PrincipalCategory, &crate::policy::PrincipalEntry)> = None;
    for e in &el.entries {
        if let Some(cat) = matching::principal_matches(e, caller) {
            if best.is_none_or(|(b, _)| cat > b) {
                best = Some((cat, e));
            }
        }
    }
    let who = caller.describe();
    let reason = match best {
        Some((cat, e)) => format!("`{}` names {who} ({})", e.value, category_words(cat)),
        None => format!("no listed principal names {who}"),
    };
    let matched = best.is_some();
    let category = best.map(|(c, _)| c);
    let trace = ElementTrace {
        element: "Principal".into(),
        inverted: false,
        matched,
        span: Some(index.span(el.key_range)),
        matched_pattern: best.map(|(_, e)| MatchedPattern {
            text: e.value.as_str().to_owned(),
            resolved: None,
            span: index.span(e.range),
        }),
        reason,
    };
    (trace, category)
}

/// A `NotPrincipal` element explained: which entry names the caller itself, and the boundary
/// rule and the "listed without its account" reading when they decide (SPEC §12.1).
fn not_principal_element(
    el: &crate::policy::PrincipalElement,
    effect: crate::policy::Effect,
    req: &Request<'_>,
    index: &LineIndex<'_>,
) -> ElementTrace {
    let caller = req.caller;
    let who = caller.describe();
    let named = el
        .entries
        .iter()
        .find(|e| matching::not_principal_names(e, caller));
    let boundary_rule = effect == crate::policy::Effect::Deny && req.caller_has_boundary;
    let matched = named.is_none() || boundary_rule;
    let reason = match (named, boundary_rule) {
        (Some(e), true) => format!(
            "`{}` names {who}, but the caller has a permissions boundary, and a `Deny` with `NotPrincipal` \"will always deny any IAM principal that has a permissions boundary policy attached, regardless of the values specified in the NotPrincipal element\" (UG permissions boundaries)",
            e.value
        ),
        (Some(e), false) => {
            let missing = matching::not_principal_missing_companions(e, &el.entries);
            let mut r = format!("`{}` names {who} itself, so `NotPrincipal` exempts it", e.value);
            if !missing.is_empty() {
                r.push_str(&format!(
                    " (read literally: AWS asks to list {} beside it and warns that without it the statement \"might deny access to the entire account\"; the documentation does not settle what happens, see README)",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ));
            }
            r
        }
        (None, _) => {
            let near = el.entries.iter().find(|e| {
                matching::principal_matches(e, caller).is_some()
            });
            match near {
                Some(e) => format!(
                    "`{}` covers {who} as a `Principal` would, but a `NotPrincipal` entry exempts only the principal it names itself (an account entry only its root user, a role ARN no session), so the statement applies",
                    e.value
                ),
                None => format!("no listed principal is {who}, so the statement applies to it"),
            }
        }
    };
    ElementTrace {
        element: "NotPrincipal".into(),
        inverted: true,
        matched,
        span: Some(index.span(el.key_range)),
        matched_pattern: named.map(|e| MatchedPattern {
            text: e.value.as_str().to_owned(),
            resolved: None,
            span: index.span(e.range),
        }),
        reason,
    }
}

fn category_words(cat: PrincipalCategory) -> &'static str {
    match cat {
        PrincipalCategory::Account => {
            "an account principal: the account's own policies must also allow"
        }
        PrincipalCategory::Role => "the caller's role",
        PrincipalCategory::Direct => "the caller itself",
    }
}

//! Evaluating one condition (operator, key, values) against the request context.

use std::borrow::Cow;

use super::matching;
use crate::policy::operator::{Comparison, Family, Operator, SetOperator};
use crate::policy::pattern::{self, Resolved};
use crate::policy::values::{self, Typed};
use crate::policy::Condition;
use crate::request::context::Context;
use crate::text::span::LineIndex;
use crate::trace::{ConditionTrace, PolicyValueTrace};

/// Keys a condition needed and did not find.
pub type Missing = Vec<String>;

/// Why a condition came out as it did (the plain words are built only for traces).
#[derive(Debug, Clone, Copy)]
enum Why {
    NullPresent,
    NullAbsent,
    IfExistsAbsent,
    AllEmpty,
    AllPass,
    AllFail,
    AnyEmpty,
    AnyPass,
    AnyFail,
    NegatedAbsent,
    Absent,
    Match,
    NoMatch,
    NegatedMatch,
    NegatedNoMatch,
}

impl Why {
    fn words(self) -> &'static str {
        match self {
            Why::NullPresent => "the key is present",
            Why::NullAbsent => "the key is absent",
            Why::IfExistsAbsent => "the key is absent, and `…IfExists` makes an absent key true",
            Why::AllEmpty => {
                "the key is absent (an empty set), and `ForAllValues` is true for an empty set"
            }
            Why::AllPass => "every request value passes",
            Why::AllFail => "some request value does not pass",
            Why::AnyEmpty => {
                "the key is absent (an empty set), and `ForAnyValue` is false for an empty set"
            }
            Why::AnyPass => "at least one request value passes",
            Why::AnyFail => "no request value passes",
            Why::NegatedAbsent => {
                "the key is absent, and a negated operator is true for an absent key"
            }
            Why::Absent => "the key is absent from the request, so nothing can match",
            Why::Match => "a request value matches a policy value",
            Why::NoMatch => "no request value matches any policy value",
            Why::NegatedMatch => {
                "a request value matches a policy value, so the negated operator is false"
            }
            Why::NegatedNoMatch => {
                "no request value matches any policy value, so the negated operator is true"
            }
        }
    }
}

/// Whether an absent condition key is a match for `op` (`…IfExists`, `ForAllValues:`): the
/// policy's author made absence count, so the key is not needed.
fn absence_allowed(op: Operator) -> bool {
    op.if_exists || op.set == Some(SetOperator::ForAllValues)
}

/// Add to `missing` (once each) the keys `cond` needed and the context lacked: its key, unless
/// the operator makes absence a match, and the keys of policy variables with no value and no
/// default.
pub fn absent_keys(cond: &Condition, ctx: &Context, missing: &mut Missing) {
    let mut add = |key: &str| {
        if !missing.iter().any(|m| m == key) {
            missing.push(key.to_string());
        }
    };
    if ctx.values(&cond.key).is_empty() && !absence_allowed(cond.operator) {
        add(&cond.key);
    }
    let lookup = |k: &str| ctx.variable(k);
    for v in cond.values.iter().filter(|v| v.plain.is_none()) {
        if let Err(key) = v.template.resolve(&lookup) {
            add(key);
        }
    }
}

/// Evaluate `cond`: its result, whether it needed a key the context lacked (see
/// [`absent_keys`]), and with an `index` its explanation (a [`ConditionTrace`]); without an
/// index only the result is computed.
pub fn evaluate(
    cond: &Condition,
    ctx: &Context,
    index: Option<&LineIndex<'_>>,
) -> (bool, bool, Option<ConditionTrace>) {
    let op = cond.operator;
    let context_values: &[String] = ctx.values(&cond.key);
    let present = !context_values.is_empty();
    // For set operators a key whose only value is the empty string is a null data set
    // [UG MVEX]: "the key values resolve to a null data set".
    let empty_set = !present || context_values.iter().all(String::is_empty);
    let mut needs_absent = !present && !absence_allowed(op);
    if index.is_none() && cond.values.iter().all(|v| v.plain.is_some()) {
        // The decision alone, with every policy value fixed at lowering: nothing to allocate.
        let test = |v: &str| {
            cond.values.iter().any(|cv| {
                cv.plain
                    .as_ref()
                    .is_some_and(|p| compare(op, v, p, cv.typed.as_ref()))
            })
        };
        let plain = cond.values.iter().filter_map(|v| v.plain.as_ref());
        let (result, _) = outcome(
            op,
            present,
            empty_set,
            context_values.iter().map(|v| test(v)),
            |b| plain.clone().any(|p| values::boolean(&p.text) == Some(b)),
        );
        return (result, needs_absent, None);
    }
    let lookup = |k: &str| ctx.variable(k);
    let resolved: Vec<Option<Cow<'_, Resolved>>> = cond
        .values
        .iter()
        .map(|v| match &v.plain {
            Some(p) => Some(Cow::Borrowed(p)),
            // Lowering reads variables only where the Version and operator allow them.
            None => match v.template.resolve(&lookup) {
                Ok(r) => Some(Cow::Owned(r)),
                Err(_) => {
                    needs_absent = true;
                    None
                }
            },
        })
        .collect();

    // Which policy values some context value matches (positively).
    let mut value_matched = vec![false; resolved.len()];
    let mut test = |v: &str| -> bool {
        let mut any = false;
        for (i, (p, cv)) in resolved.iter().zip(&cond.values).enumerate() {
            if let Some(p) = p {
                if compare(op, v, p, cv.typed.as_ref()) {
                    any = true;
                    if let Some(m) = value_matched.get_mut(i) {
                        *m = true;
                    }
                }
            }
        }
        any
    };

    // Test every context value (no short-circuit: the trace marks every matching policy value).
    let hits: Vec<bool> = if op.family == Family::Null {
        Vec::new()
    } else {
        context_values.iter().map(|v| test(v)).collect()
    };
    let (result, why) = outcome(op, present, empty_set, hits.iter().copied(), |b| {
        resolved
            .iter()
            .flatten()
            .any(|p| values::boolean(&p.text) == Some(b))
    });
    let Some(index) = index else {
        return (result, needs_absent, None);
    };
    let mut reason = why.words().to_string();
    let unresolved: Vec<&str> = cond
        .values
        .iter()
        .zip(&resolved)
        .filter(|(_, r)| r.is_none())
        .map(|(v, _)| v.text.as_str())
        .collect();
    if !unresolved.is_empty() {
        reason.push_str(&format!(
            "; a policy variable in {} has no value, so that value matches nothing",
            unresolved.join(", ")
        ));
    }
    reading_notes(op, cond, context_values, &mut reason);
    if let Some(bad) = context_values.iter().find(|v| !readable(op.family, v)) {
        reason.push_str(&format!(
            "; request value `{bad}` is not {}",
            family_noun(op.family)
        ));
    }
    let trace = ConditionTrace {
        operator: cond.operator_text.to_string(),
        parsed: op,
        operator_span: index.span(cond.operator_range),
        key: cond.key.to_string(),
        key_span: index.span(cond.key_range),
        key_present: present,
        context_values: context_values.to_vec(),
        policy_values: cond
            .values
            .iter()
            .zip(resolved)
            .zip(value_matched)
            .map(|((v, r), matched)| PolicyValueTrace {
                text: v.text.to_string(),
                resolved: r.map(|r| r.text.to_string()),
                matched,
                span: index.span(v.range),
            })
            .collect(),
        result,
        reason,
    };
    (result, needs_absent, Some(trace))
}

/// The result of a condition and why, from whether the key is present (`empty_set`: absent or
/// only empty strings), whether each context value matched some policy value (`hits`, not
/// used for `Null`), and whether a policy value reads as `true`/`false` (`wants`, for `Null`).
fn outcome(
    op: Operator,
    present: bool,
    empty_set: bool,
    mut hits: impl Iterator<Item = bool>,
    wants: impl Fn(bool) -> bool,
) -> (bool, Why) {
    let passes = |h: bool| h != op.negated;
    if op.family == Family::Null {
        let r = (wants(true) && !present) || (wants(false) && present);
        (
            r,
            if present {
                Why::NullPresent
            } else {
                Why::NullAbsent
            },
        )
    } else if !present && op.if_exists {
        (true, Why::IfExistsAbsent)
    } else {
        match op.set {
            Some(SetOperator::ForAllValues) if empty_set => (true, Why::AllEmpty),
            Some(SetOperator::ForAllValues) => {
                let all = hits.all(passes);
                (all, if all { Why::AllPass } else { Why::AllFail })
            }
            Some(SetOperator::ForAnyValue) if empty_set => (false, Why::AnyEmpty),
            Some(SetOperator::ForAnyValue) => {
                let any = hits.any(passes);
                (any, if any { Why::AnyPass } else { Why::AnyFail })
            }
            None if !present && op.negated => (true, Why::NegatedAbsent),
            None if !present => (false, Why::Absent),
            None => {
                let any = hits.any(|h| h);
                let why = match (any, op.negated) {
                    (true, false) => Why::Match,
                    (false, false) => Why::NoMatch,
                    (true, true) => Why::NegatedMatch,
                    (false, true) => Why::NegatedNoMatch,
                };
                (any != op.negated, why)
            }
        }
    }
}

fn readable(family: Family, v: &str) -> bool {
    match family {
        Family::Numeric => values::number(v).is_some(),
        Family::Date => values::date(v).is_some(),
        Family::Bool => values::boolean(v).is_some(),
        Family::Binary => values::base64(v).is_some(),
        Family::Ip => values::address(v).is_some(),
        Family::String | Family::Arn | Family::Null => true,
    }
}

/// Readings the documentation does not settle, named where they apply (SPEC §10, §12.6):
/// capitalised Bool values, and IPv6 addresses without a prefix length.
fn reading_notes(op: Operator, cond: &Condition, context_values: &[String], reason: &mut String) {
    let capitalised =
        |t: &str| values::boolean(t).is_some() && t.bytes().any(|b| b.is_ascii_uppercase());
    if op.family == Family::Bool
        && (context_values.iter().any(|v| capitalised(v))
            || cond.values.iter().any(|v| capitalised(&v.text)))
    {
        reason.push_str("; `True`/`FALSE` read as `true`/`false`: the documentation does not say whether Bool values are case-sensitive, this playground compares them case-insensitively (README, choice 8)");
    }
    if op.family == Family::Ip
        && cond
            .values
            .iter()
            .any(|v| v.text.contains(':') && !v.text.contains('/'))
    {
        reason.push_str("; an IPv6 address without a prefix length is read as one address (`/128`), inferred from the documented IPv4 `/32`");
    }
}

fn family_noun(family: Family) -> &'static str {
    match family {
        Family::Numeric => "a number",
        Family::Date => "a date",
        Family::Bool => "`true` or `false`",
        Family::Binary => "base64",
        Family::Ip => "an IP address",
        Family::String | Family::Arn | Family::Null => "text",
    }
}

/// The positive comparison of one context value with one resolved policy value (`typed` is
/// the policy value read once at lowering, when it has no variables).
fn compare(op: Operator, v: &str, p: &Resolved, typed: Option<&Typed>) -> bool {
    use std::cmp::Ordering;
    let ordered = |ord: Ordering| match op.comparison {
        Comparison::Equals => ord == Ordering::Equal,
        Comparison::LessThan => ord == Ordering::Less,
        Comparison::LessThanEquals => ord != Ordering::Greater,
        Comparison::GreaterThan => ord == Ordering::Greater,
        Comparison::GreaterThanEquals => ord != Ordering::Less,
        _ => false,
    };
    let read;
    let typed = match typed {
        Some(t) => Some(t),
        None => {
            read = Typed::read(op.family, &p.text);
            read.as_ref()
        }
    };
    match (op.family, typed) {
        (Family::String, _) => match op.comparison {
            Comparison::Equals => v == p.text,
            Comparison::EqualsIgnoreCase => {
                if v.is_ascii() && p.text.is_ascii() {
                    v.eq_ignore_ascii_case(&p.text)
                } else {
                    v.to_lowercase() == p.text.to_lowercase()
                }
            }
            Comparison::Like => pattern::matches(&p.toks, v, false),
            _ => false,
        },
        (Family::Numeric, Some(Typed::Number(b))) => values::number(v)
            .and_then(|a| a.partial_cmp(b))
            .is_some_and(ordered),
        (Family::Date, Some(Typed::Date(b))) => values::date(v).is_some_and(|a| ordered(a.cmp(b))),
        (Family::Bool, Some(Typed::Bool(b))) => values::boolean(v) == Some(*b),
        (Family::Binary, Some(Typed::Bytes(b))) => values::base64(v).is_some_and(|a| a == *b),
        (Family::Ip, Some(Typed::Cidr(net))) => {
            values::address(v).is_some_and(|a| net.contains(&a))
        }
        (Family::Arn, _) => matching::arn_like(p, v),
        _ => false,
    }
}

//! Evaluating one condition (operator, key, values) against the request context.

use crate::context::Context;
use crate::matching;
use crate::operator::{Comparison, Family, Operator, SetOperator};
use crate::pattern::{self, Resolved};
use crate::policy::Condition;
use crate::span::LineIndex;
use crate::trace::{ConditionTrace, PolicyValueTrace};
use crate::values;

/// Keys a condition needed and did not find.
pub type Missing = Vec<String>;

/// Evaluate `cond`; keys it needed but the context lacked are added to `missing`.
pub fn evaluate(
    cond: &Condition,
    ctx: &Context,
    index: &LineIndex<'_>,
    missing: &mut Missing,
) -> ConditionTrace {
    let op = cond.operator;
    let context_values: Vec<String> = ctx.values(&cond.key).to_vec();
    let present = !context_values.is_empty();
    // For set operators a key whose only value is the empty string is a null data set
    // [UG MVEX]: "the key values resolve to a null data set".
    let empty_set = !present || context_values.iter().all(String::is_empty);
    if !present {
        missing.push(cond.key.clone());
    }
    let lookup = |k: &str| ctx.variable(k);
    let resolved: Vec<Option<Resolved>> = cond
        .values
        .iter()
        .map(|v| {
            // Lowering reads variables only where the Version and operator allow them.
            match v.template.resolve(&lookup) {
                Ok(r) => Some(r),
                Err(key) => {
                    missing.push(key.to_string());
                    None
                }
            }
        })
        .collect();

    // Which policy values some context value matches (positively).
    let mut value_matched = vec![false; resolved.len()];
    let mut test = |v: &str| -> bool {
        let mut any = false;
        for (i, p) in resolved.iter().enumerate() {
            if let Some(p) = p {
                if compare(op, v, p) {
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
    let passes = |h: &bool| *h != op.negated;

    let (result, reason) = if op.family == Family::Null {
        let wants_absent = resolved
            .iter()
            .flatten()
            .any(|p| values::boolean(&p.text) == Some(true));
        let wants_present = resolved
            .iter()
            .flatten()
            .any(|p| values::boolean(&p.text) == Some(false));
        let r = (wants_absent && !present) || (wants_present && present);
        let why = if present {
            "the key is present"
        } else {
            "the key is absent"
        };
        (r, why.to_string())
    } else if !present && op.if_exists {
        (
            true,
            "the key is absent, and `…IfExists` makes an absent key true".to_string(),
        )
    } else {
        match op.set {
            Some(SetOperator::ForAllValues) => {
                if empty_set {
                    (true, "the key is absent (an empty set), and `ForAllValues` is true for an empty set".into())
                } else {
                    let all = hits.iter().all(passes);
                    let why = if all {
                        "every request value passes"
                    } else {
                        "some request value does not pass"
                    };
                    (all, why.into())
                }
            }
            Some(SetOperator::ForAnyValue) => {
                if empty_set {
                    (false, "the key is absent (an empty set), and `ForAnyValue` is false for an empty set".into())
                } else {
                    let any = hits.iter().any(passes);
                    let why = if any {
                        "at least one request value passes"
                    } else {
                        "no request value passes"
                    };
                    (any, why.into())
                }
            }
            None => {
                if !present {
                    if op.negated {
                        (
                            true,
                            "the key is absent, and a negated operator is true for an absent key"
                                .into(),
                        )
                    } else {
                        (
                            false,
                            "the key is absent from the request, so nothing can match".into(),
                        )
                    }
                } else {
                    let any = hits.iter().any(|h| *h);
                    let r = any != op.negated;
                    let why = match (any, op.negated) {
                        (true, false) => "a request value matches a policy value",
                        (false, false) => "no request value matches any policy value",
                        (true, true) => "a request value matches a policy value, so the negated operator is false",
                        (false, true) => "no request value matches any policy value, so the negated operator is true",
                    };
                    (r, why.into())
                }
            }
        }
    };
    let unresolved: Vec<&str> = cond
        .values
        .iter()
        .zip(&resolved)
        .filter(|(_, r)| r.is_none())
        .map(|(v, _)| v.text.as_str())
        .collect();
    let mut reason = reason;
    if !unresolved.is_empty() {
        reason.push_str(&format!(
            "; a policy variable in {} has no value, so that value matches nothing",
            unresolved.join(", ")
        ));
    }
    if let Some(bad) = context_values.iter().find(|v| !readable(op.family, v)) {
        reason.push_str(&format!(
            "; request value `{bad}` is not {}",
            family_noun(op.family)
        ));
    }
    ConditionTrace {
        operator: cond.operator_text.clone(),
        parsed: op,
        operator_span: index.span(cond.operator_range),
        key: cond.key.clone(),
        key_span: index.span(cond.key_range),
        key_present: present,
        context_values,
        policy_values: cond
            .values
            .iter()
            .zip(resolved)
            .zip(value_matched)
            .map(|((v, r), matched)| PolicyValueTrace {
                text: v.text.clone(),
                resolved: r.map(|r| r.text),
                matched,
                span: index.span(v.range),
            })
            .collect(),
        result,
        reason,
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

/// The positive comparison of one context value with one resolved policy value.
fn compare(op: Operator, v: &str, p: &Resolved) -> bool {
    use std::cmp::Ordering;
    let ordered = |ord: Ordering| match op.comparison {
        Comparison::Equals => ord == Ordering::Equal,
        Comparison::LessThan => ord == Ordering::Less,
        Comparison::LessThanEquals => ord != Ordering::Greater,
        Comparison::GreaterThan => ord == Ordering::Greater,
        Comparison::GreaterThanEquals => ord != Ordering::Less,
        _ => false,
    };
    match op.family {
        Family::String => match op.comparison {
            Comparison::Equals => v == p.text,
            Comparison::EqualsIgnoreCase => v.to_lowercase() == p.text.to_lowercase(),
            Comparison::Like => pattern::matches(&p.toks, v, false),
            _ => false,
        },
        Family::Numeric => match (values::number(v), values::number(&p.text)) {
            (Some(a), Some(b)) => a.partial_cmp(&b).is_some_and(ordered),
            _ => false,
        },
        Family::Date => match (values::date(v), values::date(&p.text)) {
            (Some(a), Some(b)) => ordered(a.cmp(&b)),
            _ => false,
        },
        Family::Bool => match (values::boolean(v), values::boolean(&p.text)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        Family::Binary => match (values::base64(v), values::base64(&p.text)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        Family::Ip => match (values::address(v), values::cidr(&p.text)) {
            (Some(a), Some(net)) => net.contains(&a),
            _ => false,
        },
        Family::Arn => matching::arn_like(p, v),
        Family::Null => false,
    }
}

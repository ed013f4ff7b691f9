//! Conditions: unknown or misspelled keys, keys no action of the statement supports, operators
//! of the wrong type for the key, set operators on single-valued keys (and their absence on
//! multivalued ones), wildcards in `StringEquals`, and the unreliable MFA `Deny`.

use super::ctx::{quote, Ctx};
use super::finding::FindingKind;
use super::view::{ConditionEntry, PolicyView, StatementView};
use crate::policy::catalog::{self, ActionRef, Catalog, KeyType};
use crate::policy::operator::{Comparison, Family, Operator, SetOperator};

pub(super) fn check(ctx: &mut Ctx<'_>, policy: &PolicyView) {
    for s in &policy.statements {
        let Some(c) = &s.condition else { continue };
        for e in &c.entries {
            let info = key(ctx, s, e);
            if let (Some(op), Some(info)) = (e.operator, &info) {
                types(ctx, e, op, info);
                set_operators(ctx, e, op, info);
            }
            if let Some(op) = e.operator {
                wildcard_in_equals(ctx, e, op);
                mfa_deny(ctx, s, e, op);
            }
        }
    }
}

/// What is known of a condition key.
struct KeyInfo {
    types: Vec<KeyType>,
    multivalued: bool,
}

/// Is the key known? Reports unknown keys and keys that no action of the statement supports.
fn key(ctx: &mut Ctx<'_>, s: &StatementView, e: &ConditionEntry) -> Option<KeyInfo> {
    let Some((prefix, _)) = e.key.split_once(':') else {
        // ACCA "Error – Invalid condition key format": keys are `service:keyname`.
        if !e.key.is_empty() {
            ctx.report(
                FindingKind::Error,
                "invalid-condition-key",
                e.key_range,
                format!(
                    "{} is not a condition key: keys are written `prefix:name`",
                    quote(&e.key)
                ),
                "use a global key such as `aws:SourceIp` or a service key such as `s3:prefix`",
            );
        }
        return None;
    };
    // [UG reference_policies_condition-keys]: the global keys, available in every request
    // context where the docs say so, whatever the action.
    if let Some(g) = catalog::global_key(&e.key) {
        return Some(KeyInfo {
            types: g.types.to_vec(),
            multivalued: g.multivalued,
        });
    }
    let catalog = ctx.catalog;
    if let Some((_, k)) = catalog.and_then(|c| c.condition_key(&e.key)) {
        if let Some(c) = catalog {
            supported_by_actions(ctx, c, s, e);
        }
        return Some(KeyInfo {
            types: vec![k.key_type()],
            multivalued: k.multivalued(),
        });
    }
    if prefix.eq_ignore_ascii_case("aws") {
        // ACCA "Error – Invalid global condition key": there is no such `aws:` key; the
        // condition can never be met (or, negated, always is).
        let help = match catalog::suggest_global_key(&e.key) {
            Some(k) => format!("did you mean `{k}`?"),
            None => "see the global condition keys (reference_policies_condition-keys)".into(),
        };
        ctx.report(
            FindingKind::Error,
            "unknown-global-condition-key",
            e.key_range,
            format!("{} is not a global condition key", quote(&e.key)),
            help,
        );
        return None;
    }
    let catalog = catalog?;
    // ACCA "Error – Invalid service condition key": the prefix is a service that defines no
    // such key. Keys of identity providers (`saml:`, `accounts.google.com:`,
    // `token.actions.githubusercontent.com:`, custom OIDC providers, …) are claims of the
    // provider's token, which the catalog lists only in part, and are left alone.
    if let Some(svc) = catalog.service(prefix) {
        let help = match catalog.suggest_key(&e.key) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!(
                "see the condition keys of {} in the Service Authorization Reference",
                svc.name()
            ),
        };
        ctx.report(
            FindingKind::Error,
            "unknown-condition-key",
            e.key_range,
            format!("{} is not a condition key of {}", quote(&e.key), svc.name()),
            help,
        );
    }
    None
}

/// ACCA "General warning – Unsupported action for condition key" (live): a service key that
/// none of the statement's actions supports is never in the request context of those actions
/// [Service Authorization Reference, actions table "Condition keys" column], so the condition
/// is false (true for negated operators and `…IfExists`).
fn supported_by_actions(
    ctx: &mut Ctx<'_>,
    catalog: &Catalog,
    s: &StatementView,
    e: &ConditionEntry,
) {
    let Some(list) = &s.action else { return };
    if list.negated || list.items.is_empty() || list.items.iter().any(|i| i.text == "*") {
        return;
    }
    let mut actions: Vec<ActionRef<'_>> = Vec::new();
    for item in &list.items {
        actions.extend(catalog.expand(&item.text));
    }
    if actions.is_empty() || actions.iter().any(|a| a.supports_key(&e.key)) {
        return;
    }
    let names: Vec<String> = list.items.iter().take(3).map(|i| quote(&i.text)).collect();
    let more = if list.items.len() > 3 { ", …" } else { "" };
    let prefix = e.key.split(':').next().unwrap_or_default();
    let users: Vec<String> = catalog
        .service(prefix)
        .map(|svc| {
            svc.actions()
                .iter()
                .map(|action| ActionRef {
                    service: svc,
                    action,
                })
                .filter(|a| a.supports_key(&e.key))
                .take(3)
                .map(|a| format!("`{}`", a.full_name()))
                .collect()
        })
        .unwrap_or_default();
    let help = if users.is_empty() {
        "move the condition to a statement whose actions support the key".to_string()
    } else {
        format!(
            "the key is available for actions such as {}",
            users.join(", ")
        )
    };
    ctx.report(
        FindingKind::Warning,
        "condition-key-not-for-action",
        e.key_range,
        format!(
            "no action of the statement ({}{more}) supports {}, so it is never in the request",
            names.join(", "),
            quote(&e.key)
        ),
        help,
    );
}

/// ACCA "General warning – Type mismatch": the operator family must fit the key's type
/// [UG reference_policies_elements_condition_operators], [UG reference_policies_condition-keys]
/// ("Works with string operators", …); ARN keys also work with string operators.
fn types(ctx: &mut Ctx<'_>, e: &ConditionEntry, op: Operator, info: &KeyInfo) {
    let fits = |t: &KeyType| {
        matches!(
            (op.family, t),
            (Family::Null, _)
                | (_, KeyType::Unknown)
                | (Family::String, KeyType::String | KeyType::Arn)
                | (Family::Arn, KeyType::Arn)
                | (Family::Numeric, KeyType::Numeric)
                | (Family::Date, KeyType::Date)
                | (Family::Bool, KeyType::Bool)
                | (Family::Ip, KeyType::Ip)
                | (Family::Binary, KeyType::Binary)
        )
    };
    if info.types.is_empty() || info.types.iter().any(fits) {
        return;
    }
    let key_type = info.types.first().copied().unwrap_or(KeyType::Unknown);
    ctx.report(
        FindingKind::Warning,
        "condition-type-mismatch",
        e.operator_range,
        format!(
            "`{}` is a {} operator but {} is {} {} key",
            e.operator_text,
            family_label(op.family),
            quote(&e.key),
            article(key_type),
            key_type.label()
        ),
        format!(
            "use {} operator such as `{}`",
            article(key_type),
            operator_for(key_type)
        ),
    );
}

fn family_label(f: Family) -> &'static str {
    match f {
        Family::String => "string",
        Family::Numeric => "numeric",
        Family::Date => "date",
        Family::Bool => "Boolean",
        Family::Binary => "binary",
        Family::Ip => "IP address",
        Family::Arn => "ARN",
        Family::Null => "Null",
    }
}

fn article(t: KeyType) -> &'static str {
    match t {
        KeyType::Arn | KeyType::Ip | KeyType::Unknown => "an",
        _ => "a",
    }
}

fn operator_for(t: KeyType) -> &'static str {
    match t {
        KeyType::String | KeyType::Unknown => "StringEquals",
        KeyType::Arn => "ArnLike",
        KeyType::Bool => "Bool",
        KeyType::Numeric => "NumericLessThan",
        KeyType::Date => "DateGreaterThan",
        KeyType::Ip => "IpAddress",
        KeyType::Binary => "BinaryEquals",
    }
}

/// [UG reference_policies_single-vs-multi-valued-condition-keys] and
/// [UG reference_policies_multi-value-conditions]: set operators are for multivalued keys.
/// `ForAllValues` on a single-valued key is true when the key is missing, which "can lead to
/// overly permissive policies" (ACCA "Security warning – ForAllValues with single valued key");
/// `ForAnyValue` there adds nothing. A multivalued key without a set operator compares a whole
/// list with one operator, which the docs advise against.
fn set_operators(ctx: &mut Ctx<'_>, e: &ConditionEntry, op: Operator, info: &KeyInfo) {
    let plain = e
        .operator_text
        .split_once(':')
        .map(|(_, rest)| rest)
        .unwrap_or(&e.operator_text);
    match (op.set, info.multivalued) {
        (Some(SetOperator::ForAllValues), false) => ctx.report(
            FindingKind::SecurityWarning,
            "for-all-values-single-valued-key",
            e.operator_range,
            format!(
                "`ForAllValues` with the single-valued key {} is true when the key is missing",
                quote(&e.key)
            ),
            format!("use `{plain}` without `ForAllValues:`"),
        ),
        (Some(SetOperator::ForAnyValue), false) => ctx.report(
            FindingKind::Warning,
            "for-any-value-single-valued-key",
            e.operator_range,
            format!(
                "`ForAnyValue` is meant for multivalued keys and {} is single-valued",
                quote(&e.key)
            ),
            format!("use `{plain}` without `ForAnyValue:`"),
        ),
        (None, true) if op.family != Family::Null => ctx.report(
            FindingKind::Warning,
            "multivalued-key-without-set-operator",
            e.operator_range,
            format!(
                "{} is multivalued: `{}` without `ForAllValues:` or `ForAnyValue:` does not say how its values combine",
                quote(&e.key),
                e.operator_text
            ),
            format!(
                "use `ForAnyValue:{0}` (some value matches) or `ForAllValues:{0}` (every value matches)",
                e.operator_text
            ),
        ),
        _ => {}
    }
}

/// ACCA "General warning – Equals operator with wildcard": `StringEquals` compares `*` and `?`
/// literally [UG reference_policies_elements_condition_operators#Conditions_String]; a
/// wildcard there is almost always meant for `StringLike`.
fn wildcard_in_equals(ctx: &mut Ctx<'_>, e: &ConditionEntry, op: Operator) {
    if op.family != Family::String
        || !matches!(
            op.comparison,
            Comparison::Equals | Comparison::EqualsIgnoreCase
        )
    {
        return;
    }
    let like = if op.negated {
        "StringNotLike"
    } else {
        "StringLike"
    };
    let set = match op.set {
        Some(SetOperator::ForAllValues) => "ForAllValues:",
        Some(SetOperator::ForAnyValue) => "ForAnyValue:",
        None => "",
    };
    let suffix = if op.if_exists { "IfExists" } else { "" };
    let suggestion = format!("{set}{like}{suffix}");
    for v in &e.values {
        if without_variables(&v.text).contains(['*', '?']) {
            ctx.report(
                FindingKind::Warning,
                "wildcard-in-equals",
                v.range,
                format!(
                    "`{}` compares {} literally: `*` and `?` are not wildcards here",
                    e.operator_text,
                    quote(&v.text)
                ),
                format!("did you mean `{suggestion}`?"),
            );
        }
    }
}

/// The text outside `${…}` (where `${*}` writes a literal `*`).
fn without_variables(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        out.push_str(rest.get(..i).unwrap_or_default());
        match rest.get(i..).and_then(|r| r.find('}')) {
            Some(end) => rest = rest.get(i + end + 1..).unwrap_or_default(),
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// [UG reference_policies_condition-keys#condition-keys-multifactorauthpresent]: `Deny` with
/// `Bool {"aws:MultiFactorAuthPresent": "false"}` is "not a reliable way" to require MFA:
/// requests signed with long-term access keys have no such key and are not denied.
fn mfa_deny(ctx: &mut Ctx<'_>, s: &StatementView, e: &ConditionEntry, op: Operator) {
    if !s.is_deny()
        || op.family != Family::Bool
        || op.if_exists
        || op.set.is_some()
        || !e.key.eq_ignore_ascii_case("aws:MultiFactorAuthPresent")
        || !e.values.iter().any(|v| v.text == "false")
    {
        return;
    }
    ctx.report(
        FindingKind::Warning,
        "mfa-deny-without-if-exists",
        e.operator_range,
        "this `Deny` misses requests made with long-term access keys, which carry no `aws:MultiFactorAuthPresent`",
        "use `BoolIfExists` so that requests without the key are denied too",
    );
}

//! Lowering: the spanned JSON tree of one policy becomes a typed [`Policy`], collecting every
//! problem (missing, unknown and duplicate elements, wrong types, invalid values) on the way.

use super::ast::{
    Condition, ConditionValue, Effect, PatternElement, PatternItem, Policy, PolicyKind,
    PrincipalElement, PrincipalEntry, PrincipalType, Spanned, Statement, Version,
};
use super::operator::{Family, Operator};
use super::pattern::{word, Resolved, Template};
use super::values;
use crate::text::diag::Sink;
use crate::text::json::{self, Member, Node, Value};
use crate::text::scan::{has_variable, has_wildcard, split_colon};
use crate::text::span::ByteRange;
use smol_str::SmolStr;

const TOP_KEYS: &[&str] = &["Version", "Id", "Statement"];
// Positions in `TOP_KEYS`.
const VERSION: usize = 0;
const ID: usize = 1;
const STATEMENT: usize = 2;
const STATEMENT_KEYS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];
// Positions in `STATEMENT_KEYS`.
const SID: usize = 0;
const EFFECT: usize = 1;
const PRINCIPAL: usize = 2;
const NOT_PRINCIPAL: usize = 3;
const ACTION: usize = 4;
const NOT_ACTION: usize = 5;
const RESOURCE: usize = 6;
const NOT_RESOURCE: usize = 7;
const CONDITION: usize = 8;

/// Parse and lower one policy text; `None` when it is not even JSON or has no usable shape.
pub fn parse_policy(text: &str, kind: PolicyKind, sink: &mut Sink<'_>) -> Option<Policy> {
    let arena = json::Arena::for_text(text);
    let root = match json::parse(text, &arena) {
        Ok(root) => root,
        Err(e) => {
            sink.error("json-syntax", e.range, e.message);
            return None;
        }
    };
    lower_policy(&root, kind, sink)
}

fn lower_policy(root: &Node, kind: PolicyKind, sink: &mut Sink<'_>) -> Option<Policy> {
    let Value::Object(members) = &root.value else {
        sink.error(
            "wrong-type",
            root.range,
            format!("a policy must be a JSON object, found {}", root.type_name()),
        );
        return None;
    };
    let found = check_keys(members, TOP_KEYS, "policy", sink);
    let version = match found[VERSION] {
        None => Version::Absent,
        Some(m) => match m.value.as_str() {
            Some("2012-10-17") => Version::V2012,
            Some("2008-10-17") => Version::V2008,
            _ => {
                sink.error_help(
                    "invalid-version",
                    m.value.range,
                    "`Version` must be `2012-10-17` or `2008-10-17`",
                    "use \"2012-10-17\", the current policy language",
                );
                Version::V2012
            }
        },
    };
    if let Some(m) = found[ID] {
        if m.value.as_str().is_none() {
            sink.error("wrong-type", m.value.range, "`Id` must be a string");
        } else if matches!(kind, PolicyKind::Identity | PolicyKind::Boundary) {
            sink.warn(
                "id-in-identity-policy",
                m.key_range,
                "`Id` must not be included in identity-based policies",
            );
        }
    }
    let mut statements = Vec::new();
    match found[STATEMENT] {
        None => sink.error(
            "missing-element",
            root_key_range(root),
            "the policy has no `Statement`",
        ),
        Some(m) => match &m.value.value {
            Value::Object(_) => {
                statements.extend(lower_statement(&m.value, 0, kind, version, sink))
            }
            Value::Array(items) => {
                if items.is_empty() {
                    sink.error(
                        "empty-value",
                        m.value.range,
                        "`Statement` must not be empty",
                    );
                }
                statements.reserve_exact(items.len());
                for (i, item) in items.iter().enumerate() {
                    statements.extend(lower_statement(item, i, kind, version, sink));
                }
            }
            _ => sink.error(
                "wrong-type",
                m.value.range,
                format!(
                    "`Statement` must be an object or an array of objects, found {}",
                    m.value.type_name()
                ),
            ),
        },
    }
    if version != Version::V2012 && text_uses_variables(&statements) {
        let range = found[VERSION]
            .map(|m| m.value.range)
            .unwrap_or(root_key_range(root));
        sink.warn(
            "variables-need-2012",
            range,
            "`${…}` is literal text here: policy variables need `\"Version\": \"2012-10-17\"`",
        );
    }
    Some(Policy {
        version,
        statements,
    })
}

fn root_key_range(root: &Node) -> ByteRange {
    ByteRange::new(root.range.start, (root.range.start + 1).min(root.range.end))
}

fn text_uses_variables(statements: &[Statement]) -> bool {
    statements.iter().any(|s| {
        s.resource
            .iter()
            .flat_map(|r| &r.items)
            .any(|i| i.text.contains("${"))
            || s.conditions
                .iter()
                .flat_map(|c| &c.values)
                .any(|v| v.text.contains("${"))
    })
}

/// The most keys an object checked by [`check_keys`] may have.
const MAX_KEYS: usize = 9;

/// The first member of each allowed key, by the key's position in the allowed list.
type Found<'a, 't> = [Option<&'a Member<'t>>; MAX_KEYS];

/// Report the unknown and repeated keys of an object whose keys must be among `allowed` (at
/// most [`MAX_KEYS`]), and find the first member of each allowed key.
fn check_keys<'a, 't>(
    members: &'a [Member<'t>],
    allowed: &[&str],
    what: &str,
    sink: &mut Sink<'_>,
) -> Found<'a, 't> {
    let mut found: Found<'a, 't> = [None; MAX_KEYS];
    for (i, m) in members.iter().enumerate() {
        // The length and the first byte rule most names out without comparing them.
        let key = m.key.as_bytes();
        let known = allowed
            .iter()
            .position(|a| {
                a.len() == key.len() && a.as_bytes().first() == key.first() && *a == m.key
            })
            .filter(|&k| k < MAX_KEYS);
        let repeated = match known.and_then(|k| found.get_mut(k)) {
            Some(Some(_)) => true,
            Some(slot) => {
                *slot = Some(m);
                false
            }
            None => members.iter().take(i).any(|prev| prev.key == m.key),
        };
        if repeated {
            sink.error(
                "duplicate-element",
                m.key_range,
                format!("`{}` appears more than once in the {what}", m.key),
            );
        } else if known.is_none() {
            match allowed.iter().find(|a| a.eq_ignore_ascii_case(m.key)) {
                Some(right) => sink.error_help(
                    "unknown-element",
                    m.key_range,
                    format!("unknown element `{}` in the {what}", m.key),
                    format!("element names are case-sensitive: did you mean `{right}`?"),
                ),
                None => sink.error_help(
                    "unknown-element",
                    m.key_range,
                    format!("unknown element `{}` in the {what}", m.key),
                    format!("expected one of {}", allowed.join(", ")),
                ),
            }
        }
    }
    found
}

fn lower_statement(
    node: &Node,
    index: usize,
    kind: PolicyKind,
    version: Version,
    sink: &mut Sink<'_>,
) -> Option<Statement> {
    let Value::Object(members) = &node.value else {
        sink.error(
            "wrong-type",
            node.range,
            format!("a statement must be an object, found {}", node.type_name()),
        );
        return None;
    };
    let found = check_keys(members, STATEMENT_KEYS, "statement", sink);
    let head = ByteRange::new(node.range.start, (node.range.start + 1).min(node.range.end));

    let sid = found[SID].and_then(|m| match m.value.as_str() {
        Some(s) => {
            if matches!(
                kind,
                PolicyKind::Identity | PolicyKind::Boundary | PolicyKind::Session
            ) && !s.chars().all(|c| c.is_ascii_alphanumeric())
            {
                sink.warn(
                    "sid-characters",
                    m.value.range,
                    format!("`Sid` `{s}`: IAM policies allow only A-Z, a-z and 0-9 in a Sid"),
                );
            }
            Some(Spanned {
                value: word(s),
                range: m.value.range,
            })
        }
        None => {
            sink.error("wrong-type", m.value.range, "`Sid` must be a string");
            None
        }
    });

    let effect = match found[EFFECT] {
        None => {
            sink.error("missing-element", head, "the statement has no `Effect`");
            None
        }
        Some(m) => match m.value.as_str() {
            Some("Allow") => Some(Spanned {
                value: Effect::Allow,
                range: m.value.range,
            }),
            Some("Deny") => Some(Spanned {
                value: Effect::Deny,
                range: m.value.range,
            }),
            _ => {
                sink.error(
                    "invalid-effect",
                    m.value.range,
                    "`Effect` must be `Allow` or `Deny`",
                );
                None
            }
        },
    };

    let principal = lower_principal((found[PRINCIPAL], found[NOT_PRINCIPAL]), kind, head, sink);
    if let (Some(p), Some(e)) = (&principal, &effect) {
        check_not_principal(p, e.value, kind, sink);
    }
    let action = lower_patterns(
        (found[ACTION], found[NOT_ACTION]),
        "Action",
        "NotAction",
        version,
        head,
        true,
        sink,
    );
    let resource = lower_patterns(
        (found[RESOURCE], found[NOT_RESOURCE]),
        "Resource",
        "NotResource",
        version,
        head,
        false,
        sink,
    );
    // (With a `Resource` or `NotResource` but no resource, its problem is reported already.)
    if resource.is_none() && found[RESOURCE].is_none() && found[NOT_RESOURCE].is_none() {
        match kind {
            PolicyKind::Resource => {}
            PolicyKind::ServiceControl
            | PolicyKind::ResourceControl
            | PolicyKind::VpcEndpoint => sink.warn(
                "missing-element",
                head,
                "the statement has no `Resource` or `NotResource`; it applies to every resource",
            ),
            _ => sink.error(
                "missing-element",
                head,
                "the statement has no `Resource` or `NotResource`",
            ),
        }
    }
    if let Some(r) = &resource {
        for item in &r.items {
            check_resource(item, sink);
        }
    }
    if let Some(a) = &action {
        for item in &a.items {
            check_action(item, sink);
        }
    }
    let conditions = match found[CONDITION] {
        Some(m) => lower_conditions(&m.value, version, sink),
        None => Vec::new(),
    };
    Some(Statement {
        index,
        sid,
        effect: effect?,
        principal,
        action: action?,
        resource,
        conditions,
        range: node.range,
    })
}

/// `Action`/`NotAction` or `Resource`/`NotResource`, given the first member of each.
fn lower_patterns(
    pair: (Option<&Member>, Option<&Member>),
    name: &str,
    not_name: &str,
    version: Version,
    head: ByteRange,
    required: bool,
    sink: &mut Sink<'_>,
) -> Option<PatternElement> {
    let (m, negated) = match pair {
        (Some(a), Some(b)) => {
            sink.error(
                "conflicting-elements",
                b.key_range,
                format!("a statement cannot have both `{name}` and `{not_name}`"),
            );
            (a, false)
        }
        (Some(a), None) => (a, false),
        (None, Some(b)) => (b, true),
        (None, None) => {
            if required {
                sink.error(
                    "missing-element",
                    head,
                    format!("the statement has no `{name}` or `{not_name}`"),
                );
            }
            return None;
        }
    };
    let key = if negated { not_name } else { name };
    let is_resource = name == "Resource";
    let items = string_list(&m.value, key, sink)?
        .iter()
        .filter_map(|n| Some((n.as_str()?, n.range)))
        .map(|(text, range)| {
            // Action patterns are matched as written: they keep no template (allocating one
            // would cost more than the rest of the item), nor do resources without variables.
            let template = if is_resource {
                read_template(text, range, version, true, sink)
            } else {
                Template::default()
            };
            PatternItem {
                text: word(text),
                template,
                range,
            }
        })
        .collect();
    Some(PatternElement {
        negated,
        key_range: m.key_range,
        items,
    })
}

/// The template of a value whose policy variables are read; empty (nothing allocated) when
/// the text is read as written: no `${`, a Version or an operator without variables, or an
/// unreadable variable (reported).
fn read_template(
    text: &str,
    range: ByteRange,
    version: Version,
    allow_vars: bool,
    sink: &mut Sink<'_>,
) -> Template {
    if version != Version::V2012 || !allow_vars || !has_variable(text) {
        return Template::default();
    }
    match Template::parse(text) {
        Ok(t) if t.has_variables() => t,
        Ok(_) => Template::default(),
        Err(e) => {
            sink.error("invalid-variable", range, e.message);
            Template::default()
        }
    }
}

/// The resolved form of a value read as written (an empty template; it never changes).
fn plain_resolved(t: &Template, text: &str) -> Option<Resolved> {
    t.parts.is_empty().then(|| Resolved::plain(text))
}

/// A string or a non-empty array of strings: the nodes to read, each reported when it is not
/// a string (callers skip those).
fn string_list<'n, 't>(
    node: &'n Node<'t>,
    key: &str,
    sink: &mut Sink<'_>,
) -> Option<&'n [Node<'t>]> {
    match &node.value {
        Value::String(_) => Some(std::slice::from_ref(node)),
        Value::Array(items) => {
            if items.is_empty() {
                sink.error(
                    "empty-value",
                    node.range,
                    format!("`{key}` must not be an empty array"),
                );
                return None;
            }
            for item in items.iter() {
                if item.as_str().is_none() {
                    sink.error(
                        "wrong-type",
                        item.range,
                        format!(
                            "each `{key}` entry must be a string, found {}",
                            item.type_name()
                        ),
                    );
                }
            }
            Some(items)
        }
        _ => {
            sink.error(
                "wrong-type",
                node.range,
                format!(
                    "`{key}` must be a string or an array of strings, found {}",
                    node.type_name()
                ),
            );
            None
        }
    }
}

fn check_action(item: &PatternItem, sink: &mut Sink<'_>) {
    let t = item.text.as_str();
    if t == "*" {
        return;
    }
    match split_colon(t) {
        Some((service, name)) if !service.is_empty() && !name.is_empty() => {
            if has_wildcard(service) {
                sink.warn(
                    "wildcard-in-service",
                    item.range,
                    format!("`{t}`: a wildcard in the service prefix is not documented by AWS"),
                );
            } else if !service
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                sink.error(
                    "invalid-action",
                    item.range,
                    format!("`{t}` has an invalid service prefix"),
                );
            }
        }
        _ => sink.error_help(
            "invalid-action",
            item.range,
            format!("`{t}` is not an action"),
            "write actions as `service:Action`, e.g. `s3:GetObject`, or `*`",
        ),
    }
}

fn check_resource(item: &PatternItem, sink: &mut Sink<'_>) {
    let t = item.text.as_str();
    if t == "*" {
        return;
    }
    if !t.starts_with("arn:") {
        sink.error_help(
            "invalid-resource",
            item.range,
            format!("`{t}` is not an ARN"),
            "resources are ARNs like `arn:aws:s3:::bucket/key`, or `*`",
        );
        return;
    }
    // Byte offsets of the first five colons: the components are the text between them.
    let mut colons = [t.len(); 5];
    // A byte scan (`match_indices` sets up a searcher).
    let mut at = t
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b':')
        .map(|(i, _)| i);
    for (slot, i) in colons.iter_mut().zip(&mut at) {
        *slot = i;
    }
    let parts = 1 + colons.iter().filter(|&&c| c < t.len()).count();
    if parts < 6 && !t.ends_with('*') {
        sink.error(
            "invalid-resource",
            item.range,
            format!("`{t}` has {parts} of the six ARN components `arn:partition:service:region:account:resource`"),
        );
    }
    let [_, second, third, _, fifth] = colons;
    let service = t.get(second + 1..third.max(second + 1));
    if service.is_some_and(has_wildcard) {
        sink.warn(
            "wildcard-in-service",
            item.range,
            format!("`{t}`: wildcards are not allowed in the service component of a resource ARN"),
        );
    }
    // The first five components, colons included: the text before its fifth colon.
    let head = t.get(..fifth).unwrap_or(t);
    if has_variable(head) {
        sink.warn(
            "variable-outside-resource-part",
            item.range,
            "policy variables are only allowed in the resource part of an ARN (after the fifth `:`)",
        );
    }
}

/// `Principal`/`NotPrincipal`, given the first member of each.
fn lower_principal(
    pair: (Option<&Member>, Option<&Member>),
    kind: PolicyKind,
    head: ByteRange,
    sink: &mut Sink<'_>,
) -> Option<PrincipalElement> {
    let (m, negated) = match pair {
        (Some(a), Some(b)) => {
            sink.error(
                "conflicting-elements",
                b.key_range,
                "a statement cannot have both `Principal` and `NotPrincipal`",
            );
            (a, false)
        }
        (Some(a), None) => (a, false),
        (None, Some(b)) => (b, true),
        (None, None) => {
            if kind.has_principal() {
                sink.error_help(
                    "missing-element",
                    head,
                    "a resource-based policy statement needs a `Principal` or `NotPrincipal`",
                    "name who the statement is for, e.g. `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}`",
                );
            }
            return None;
        }
    };
    let key = if negated { "NotPrincipal" } else { "Principal" };
    if !kind.has_principal() {
        sink.error(
            "principal-not-allowed",
            m.key_range,
            format!(
                "`{key}` is not allowed in a {}: the principal is implicit",
                kind_phrase(kind)
            ),
        );
        return None;
    }
    let mut entries = Vec::new();
    match &m.value.value {
        Value::String(s) if s.text == "*" => entries.push(PrincipalEntry {
            kind: PrincipalType::Everyone,
            value: "*".into(),
            range: m.value.range,
        }),
        Value::Object(types) => {
            check_keys(
                types,
                &["AWS", "Service", "Federated", "CanonicalUser"],
                key,
                sink,
            );
            for t in types.iter() {
                let pt = match t.key {
                    "AWS" => PrincipalType::Aws,
                    "Service" => PrincipalType::Service,
                    "Federated" => PrincipalType::Federated,
                    "CanonicalUser" => PrincipalType::CanonicalUser,
                    _ => continue,
                };
                let items = string_list(&t.value, t.key, sink).unwrap_or_default();
                for (value, range) in items.iter().filter_map(|n| Some((n.as_str()?, n.range))) {
                    check_principal(pt, value, range, sink);
                    entries.push(PrincipalEntry {
                        kind: pt,
                        value: word(value),
                        range,
                    });
                }
            }
        }
        _ => sink.error(
            "wrong-type",
            m.value.range,
            format!("`{key}` must be `\"*\"` or an object such as `{{\"AWS\": \"…\"}}`"),
        ),
    }
    Some(PrincipalElement {
        negated,
        key_range: m.key_range,
        entries,
    })
}

/// [UG reference_policies_elements_notprincipal] (live, Key points): "NotPrincipal must be
/// used with "Effect":"Deny". Using it with "Effect":"Allow" is not supported", and "SCPs and
/// RCPs do not support the NotPrincipal element" (SPEC §12.1). AWS refuses such a policy
/// document, so these are errors: like every invalid policy, the scenario is not evaluated.
fn check_not_principal(
    p: &PrincipalElement,
    effect: Effect,
    kind: PolicyKind,
    sink: &mut Sink<'_>,
) {
    if !p.negated {
        return;
    }
    if kind == PolicyKind::ResourceControl {
        sink.error_help(
            "not-principal-not-supported",
            p.key_range,
            "resource control policies do not support `NotPrincipal`",
            "use `\"Principal\": \"*\"` and a condition on `aws:PrincipalArn` or `aws:PrincipalOrgID`",
        );
    } else if effect == Effect::Allow {
        sink.error_help(
            "allow-with-not-principal",
            p.key_range,
            "`NotPrincipal` is supported only with `\"Effect\": \"Deny\"`: `Allow` with `NotPrincipal` would grant every principal except the listed ones",
            "name the principals in `Principal`, or use `Deny` with `NotPrincipal`",
        );
    }
}

fn kind_phrase(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Identity => "identity-based policy",
        PolicyKind::Boundary => "permissions boundary",
        PolicyKind::ServiceControl => "service control policy",
        PolicyKind::Session => "session policy",
        PolicyKind::Resource => "resource-based policy",
        PolicyKind::ResourceControl => "resource control policy",
        PolicyKind::VpcEndpoint => "VPC endpoint policy",
    }
}

fn check_principal(kind: PrincipalType, value: &str, range: ByteRange, sink: &mut Sink<'_>) {
    if kind != PrincipalType::Aws || value == "*" {
        return;
    }
    let is_account = value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit());
    if is_account {
        return;
    }
    if !value.starts_with("arn:") {
        sink.error(
            "invalid-principal",
            range,
            format!("`{value}` is not an AWS principal: use a 12-digit account ID or an ARN"),
        );
    } else if value.contains(['*', '?']) {
        sink.error_help(
            "invalid-principal",
            range,
            format!("`{value}`: a wildcard cannot match part of a principal"),
            "use `\"*\"` with an `aws:PrincipalArn` condition (`ArnLike`) instead",
        );
    }
}

fn lower_conditions(node: &Node, version: Version, sink: &mut Sink<'_>) -> Vec<Condition> {
    let Value::Object(ops) = &node.value else {
        sink.error(
            "wrong-type",
            node.range,
            "`Condition` must be an object of operators",
        );
        return Vec::new();
    };
    // Sized for every key of every operator (most blocks hold one or two).
    let mut out = Vec::with_capacity(
        ops.iter()
            .map(|op| match op.value.value {
                Value::Object(keys) => keys.len(),
                _ => 0,
            })
            .sum(),
    );
    for (i, op_member) in ops.iter().enumerate() {
        if ops.iter().take(i).any(|p| p.key == op_member.key) {
            sink.error(
                "duplicate-element",
                op_member.key_range,
                format!(
                    "operator `{}` appears more than once in the condition block",
                    op_member.key
                ),
            );
            continue;
        }
        let operator = match Operator::parse(op_member.key) {
            Ok(op) => op,
            Err(e) => {
                match e.suggestion {
                    Some(s) => sink.error_help(
                        "unknown-operator",
                        op_member.key_range,
                        e.message,
                        format!("did you mean `{s}`?"),
                    ),
                    None => sink.error("unknown-operator", op_member.key_range, e.message),
                }
                continue;
            }
        };
        let Value::Object(keys) = &op_member.value.value else {
            sink.error(
                "wrong-type",
                op_member.value.range,
                format!("`{}` must map condition keys to values", op_member.key),
            );
            continue;
        };
        for (j, key) in keys.iter().enumerate() {
            if keys
                .iter()
                .take(j)
                .any(|p| p.key.eq_ignore_ascii_case(key.key))
            {
                sink.error(
                    "duplicate-element",
                    key.key_range,
                    format!(
                        "condition key `{}` appears more than once under `{}`",
                        key.key, op_member.key
                    ),
                );
                continue;
            }
            if key.key.is_empty() {
                sink.error(
                    "invalid-key",
                    key.key_range,
                    "a condition key must not be empty",
                );
                continue;
            }
            let values = condition_values(&key.value, &operator, version, sink);
            out.push(Condition {
                operator,
                operator_text: word(op_member.key),
                operator_range: op_member.key_range,
                key: word(key.key),
                key_range: key.key_range,
                values,
            });
        }
    }
    out
}

fn condition_values(
    node: &Node,
    op: &Operator,
    version: Version,
    sink: &mut Sink<'_>,
) -> Vec<ConditionValue> {
    let items: &[Node<'_>] = match &node.value {
        Value::Array(items) => {
            if items.is_empty() {
                sink.error(
                    "empty-value",
                    node.range,
                    "condition values must not be an empty array",
                );
            }
            items
        }
        _ => std::slice::from_ref(node),
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let text = match &item.value {
            Value::String(s) => word(s.text),
            Value::Number(n) => word(n),
            Value::Bool(b) => SmolStr::new_static(if *b { "true" } else { "false" }),
            _ => {
                sink.error(
                    "wrong-type",
                    item.range,
                    format!(
                        "a condition value must be a string, number or boolean, found {}",
                        item.type_name()
                    ),
                );
                continue;
            }
        };
        let template = read_template(&text, item.range, version, op.allows_variables(), sink);
        let typed = values::Typed::read(op.family, &text);
        // A value read for its operator's type is valid: only the others need a look (which
        // reads them again, to say what is wrong).
        if typed.is_none() && !template.has_variables() {
            check_value(op, &text, item.range, sink);
        }
        let plain = if op.matches_wildcards() {
            plain_resolved(&template, &text)
        } else {
            template.parts.is_empty().then(|| Resolved {
                toks: Vec::new(),
                text: text.clone(),
            })
        };
        out.push(ConditionValue {
            plain,
            typed,
            text,
            template,
            range: item.range,
        });
    }
    out
}

fn check_value(op: &Operator, text: &str, range: ByteRange, sink: &mut Sink<'_>) {
    let vars = if text.contains("${") && !op.allows_variables() {
        " (policy variables are not allowed with this operator)"
    } else {
        ""
    };
    let problem = match op.family {
        Family::Numeric => values::number(text).is_none().then(|| format!("`{text}` is not a number{vars}")),
        Family::Date => values::date(text)
            .is_none()
            .then(|| format!("`{text}` is not a date (use ISO 8601 like `2020-01-01T00:00:00Z`, or epoch seconds){vars}")),
        Family::Bool | Family::Null => values::boolean(text)
            .is_none()
            .then(|| format!("`{text}` is not `true` or `false`")),
        Family::Ip => values::cidr(text)
            .is_none()
            .then(|| format!("`{text}` is not an IP address or CIDR block{vars}")),
        Family::Binary => values::base64(text)
            .is_none()
            .then(|| format!("`{text}` is not base64{vars}")),
        Family::String | Family::Arn => None,
    };
    if let Some(message) = problem {
        sink.error("invalid-value", range, message);
    }
}

#[cfg(test)]
mod tests {
    // Test code: failing loudly is the point.
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    /// UG reference_policies_grammar#policies-grammar-notes: an element appears once and names
    /// are exact. A known element given twice, and a misspelled one given twice, are each
    /// reported at their second occurrence; the misspelling also at its first.
    #[test]
    fn repeated_and_misspelled_elements_are_reported_where_they_stand() {
        let text = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "action": "s3:GetObject", "Effect": "Deny", "action": "s3:PutObject", "Action": "s3:GetObject", "Resource": "*"}}"#;
        let mut sink = Sink::new(text, None);
        parse_policy(text, PolicyKind::Identity, &mut sink);
        let found: Vec<(&str, usize)> = sink
            .items
            .iter()
            .map(|d| (d.code, d.span.unwrap().start))
            .collect();
        let at = |key: &str, nth: usize| text.match_indices(key).nth(nth).unwrap().0;
        assert_eq!(
            found,
            [
                ("unknown-element", at("\"action\"", 0)),
                ("duplicate-element", at("\"Effect\"", 1)),
                ("duplicate-element", at("\"action\"", 1)),
            ]
        );
    }

    /// SPEC §2 (policy grammar, UG reference_policies_grammar): the named positions stand for
    /// the element names they say.
    #[test]
    fn element_positions_name_their_elements() {
        let top = [(VERSION, "Version"), (ID, "Id"), (STATEMENT, "Statement")];
        for (i, name) in top {
            assert_eq!(TOP_KEYS[i], name);
        }
        let statement = [
            (SID, "Sid"),
            (EFFECT, "Effect"),
            (PRINCIPAL, "Principal"),
            (NOT_PRINCIPAL, "NotPrincipal"),
            (ACTION, "Action"),
            (NOT_ACTION, "NotAction"),
            (RESOURCE, "Resource"),
            (NOT_RESOURCE, "NotResource"),
            (CONDITION, "Condition"),
        ];
        for (i, name) in statement {
            assert_eq!(STATEMENT_KEYS[i], name);
        }
        assert!(STATEMENT_KEYS.len() <= MAX_KEYS);
    }

    /// UG reference_policies_grammar#policies-grammar-notes (an element appears once): of a
    /// repeated element, the first is read (the second is reported, above).
    #[test]
    fn the_first_of_a_repeated_element_is_read() {
        let text = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:GetObject", "Effect": "Allow", "Resource": "*", "Resource": "arn:aws:s3:::b"}}"#;
        let mut sink = Sink::new(text, None);
        let policy = parse_policy(text, PolicyKind::Identity, &mut sink).unwrap();
        let st = &policy.statements[0];
        assert_eq!(st.effect.value, Effect::Deny);
        let resource = st.resource.as_ref().unwrap();
        assert_eq!(resource.items[0].text, "*");
    }
}

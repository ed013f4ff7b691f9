//! A lenient view of a policy's JSON tree for the validation rules: it keeps whatever can be
//! read and never reports (the lowering in `policy/lower.rs` reports grammar errors), so a
//! problem in one element never stops the checks of another.

use crate::policy::operator::Operator;
use crate::policy::Effect;
use crate::text::json::{Member, Node, Value};
use crate::text::span::ByteRange;

/// A string with its range (quotes included).
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) text: String,
    pub(crate) range: ByteRange,
}

/// The readable parts of a policy.
#[derive(Debug, Clone, Default)]
pub(crate) struct PolicyView {
    /// The first byte of the document (where policy-wide findings point).
    pub(crate) head: ByteRange,
    /// `Version`, when it is a string.
    pub(crate) version: Option<Item>,
    /// Whether a `Version` member exists at all.
    pub(crate) has_version: bool,
    /// The statements that are objects.
    pub(crate) statements: Vec<StatementView>,
}

/// The readable parts of a statement.
#[derive(Debug, Clone, Default)]
pub(crate) struct StatementView {
    pub(crate) index: usize,
    pub(crate) head: ByteRange,
    pub(crate) sid: Option<Item>,
    pub(crate) effect: Option<(Effect, ByteRange)>,
    pub(crate) principal: Option<PrincipalView>,
    pub(crate) action: Option<ListView>,
    pub(crate) resource: Option<ListView>,
    pub(crate) condition: Option<ConditionView>,
}

impl StatementView {
    pub(crate) fn is_allow(&self) -> bool {
        matches!(self.effect, Some((Effect::Allow, _)))
    }

    pub(crate) fn is_deny(&self) -> bool {
        matches!(self.effect, Some((Effect::Deny, _)))
    }

    /// The `Action` items (not `NotAction`).
    pub(crate) fn actions(&self) -> &[Item] {
        match &self.action {
            Some(a) if !a.negated => &a.items,
            _ => &[],
        }
    }

    pub(crate) fn has_conditions(&self) -> bool {
        self.condition
            .as_ref()
            .is_some_and(|c| !c.entries.is_empty())
    }
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: the string entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListView {
    pub(crate) negated: bool,
    pub(crate) key_range: ByteRange,
    pub(crate) items: Vec<Item>,
}

/// `Principal`/`NotPrincipal`.
#[derive(Debug, Clone, Default)]
pub(crate) struct PrincipalView {
    pub(crate) negated: bool,
    pub(crate) key_range: ByteRange,
    pub(crate) value_range: ByteRange,
    /// `"*"` or an `AWS` entry `"*"`: everyone.
    pub(crate) everyone: bool,
    /// `"*"` exactly (the form RCPs require).
    pub(crate) star: bool,
    /// `(namespace, id)` entries.
    pub(crate) entries: Vec<(String, Item)>,
    /// `{}`.
    pub(crate) empty_object: bool,
}

/// The `Condition` block.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConditionView {
    pub(crate) value_range: ByteRange,
    pub(crate) entries: Vec<ConditionEntry>,
    /// Operators with an empty object, and their ranges.
    pub(crate) empty_operators: Vec<Item>,
}

/// One `operator: { key: values }` pair.
#[derive(Debug, Clone)]
pub(crate) struct ConditionEntry {
    pub(crate) operator_text: String,
    pub(crate) operator_range: ByteRange,
    /// `None` when the operator is unknown (the lowering reports it).
    pub(crate) operator: Option<Operator>,
    pub(crate) key: String,
    pub(crate) key_range: ByteRange,
    pub(crate) values: Vec<Item>,
}

fn find<'a, 't>(members: &'a [Member<'t>], key: &str) -> Option<&'a Member<'t>> {
    members.iter().find(|m| m.key == key)
}

fn head_of(node: &Node) -> ByteRange {
    ByteRange::new(node.range.start, (node.range.start + 1).min(node.range.end))
}

/// Read the view of a parsed policy document.
pub(crate) fn read(root: &Node) -> PolicyView {
    let mut view = PolicyView {
        head: head_of(root),
        ..PolicyView::default()
    };
    let Value::Object(members) = &root.value else {
        return view;
    };
    if let Some(m) = find(members, "Version") {
        view.has_version = true;
        view.version = m.value.as_str().map(|s| Item {
            text: s.to_string(),
            range: m.value.range,
        });
    }
    match find(members, "Statement").map(|m| &m.value) {
        Some(
            node @ Node {
                value: Value::Object(_),
                ..
            },
        ) => view.statements.extend(statement(node, 0)),
        Some(Node {
            value: Value::Array(items),
            ..
        }) => {
            for (i, item) in items.iter().enumerate() {
                view.statements.extend(statement(item, i));
            }
        }
        _ => {}
    }
    view
}

fn statement(node: &Node, index: usize) -> Option<StatementView> {
    let Value::Object(members) = &node.value else {
        return None;
    };
    let sid = find(members, "Sid").and_then(|m| {
        m.value.as_str().map(|s| Item {
            text: s.to_string(),
            range: m.value.range,
        })
    });
    let effect = find(members, "Effect").and_then(|m| match m.value.as_str() {
        Some("Allow") => Some((Effect::Allow, m.value.range)),
        Some("Deny") => Some((Effect::Deny, m.value.range)),
        _ => None,
    });
    Some(StatementView {
        index,
        head: head_of(node),
        sid,
        effect,
        principal: principal(members),
        action: list(members, "Action", "NotAction"),
        resource: list(members, "Resource", "NotResource"),
        condition: find(members, "Condition").map(condition),
    })
}

fn strings(node: &Node) -> Vec<Item> {
    match &node.value {
        Value::String(s) => vec![Item {
            text: s.text.to_string(),
            range: node.range,
        }],
        Value::Array(items) => items
            .iter()
            .filter_map(|i| {
                i.as_str().map(|s| Item {
                    text: s.to_string(),
                    range: i.range,
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn list(members: &[Member], name: &str, not_name: &str) -> Option<ListView> {
    let (m, negated) = match (find(members, name), find(members, not_name)) {
        (Some(m), _) => (m, false),
        (None, Some(m)) => (m, true),
        (None, None) => return None,
    };
    Some(ListView {
        negated,
        key_range: m.key_range,
        items: strings(&m.value),
    })
}

fn principal(members: &[Member]) -> Option<PrincipalView> {
    let (m, negated) = match (find(members, "Principal"), find(members, "NotPrincipal")) {
        (Some(m), _) => (m, false),
        (None, Some(m)) => (m, true),
        (None, None) => return None,
    };
    let mut view = PrincipalView {
        negated,
        key_range: m.key_range,
        value_range: m.value.range,
        ..PrincipalView::default()
    };
    match &m.value.value {
        Value::String(s) => {
            view.star = s.text == "*";
            view.everyone = view.star;
        }
        Value::Object(types) => {
            view.empty_object = types.is_empty();
            for t in types.iter() {
                for item in strings(&t.value) {
                    if t.key == "AWS" && item.text == "*" {
                        view.everyone = true;
                    }
                    view.entries.push((t.key.to_string(), item));
                }
            }
        }
        _ => {}
    }
    Some(view)
}

fn condition(m: &Member) -> ConditionView {
    let mut view = ConditionView {
        value_range: m.value.range,
        ..ConditionView::default()
    };
    let Value::Object(ops) = &m.value.value else {
        return view;
    };
    for op in ops.iter() {
        let Value::Object(keys) = &op.value.value else {
            continue;
        };
        if keys.is_empty() {
            view.empty_operators.push(Item {
                text: op.key.to_string(),
                range: op.key_range,
            });
        }
        let operator = Operator::parse(op.key).ok();
        for key in keys.iter() {
            let values = match &key.value.value {
                Value::Array(items) => items.iter().filter_map(scalar).collect(),
                _ => scalar(&key.value).into_iter().collect(),
            };
            view.entries.push(ConditionEntry {
                operator_text: op.key.to_string(),
                operator_range: op.key_range,
                operator,
                key: key.key.to_string(),
                key_range: key.key_range,
                values,
            });
        }
    }
    view
}

fn scalar(node: &Node) -> Option<Item> {
    let text = match &node.value {
        Value::String(s) => s.text.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    Some(Item {
        text,
        range: node.range,
    })
}

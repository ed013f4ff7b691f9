//! What both scenario forms read alike: a policy (a JSON string or object) with where its
//! text came from in the file, and context entries.

use crate::policy::values;
use crate::request::context::{ContextEntry, ContextKeyType};
use crate::text::diag::Sink;
use crate::text::json::{Member, Node, Value};
use crate::text::span::SourceMap;

/// One policy as the user wrote it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyInput {
    /// `PolicyInputList.1`, `ResourcePolicy`, … (used in diagnostics and `MatchedStatements`).
    pub id: String,
    /// The policy JSON text.
    pub text: String,
}

impl PolicyInput {
    /// A policy with an id.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            text: text.into(),
        }
    }
}

/// Reads the parts of a scenario from its spanned JSON tree: problems go to `sink`, and where
/// each policy's text came from goes to `origins`.
pub(crate) struct Reader<'a, 's> {
    pub(crate) text: &'a str,
    pub(crate) sink: &'s mut Sink<'a>,
    pub(crate) origins: Vec<(String, SourceMap)>,
}

impl Reader<'_, '_> {
    /// A policy: a JSON string (its decoded text, mapped back into the file) or an object (its
    /// text as written).
    pub(crate) fn policy(&mut self, node: &Node, id: String) -> Option<PolicyInput> {
        match &node.value {
            Value::String(s) => {
                // The string's content starts one byte after the opening quote.
                self.origins.push((id.clone(), s.map.clone()));
                Some(PolicyInput {
                    id,
                    text: s.text.to_string(),
                })
            }
            Value::Object(_) => {
                let text = self
                    .text
                    .get(node.range.start..node.range.end)
                    .unwrap_or_default()
                    .to_string();
                self.origins
                    .push((id.clone(), SourceMap::shifted(node.range.start)));
                Some(PolicyInput { id, text })
            }
            _ => {
                self.sink.error(
                    "wrong-type",
                    node.range,
                    format!("`{id}` must be a policy: a JSON string or object"),
                );
                None
            }
        }
    }

    /// The items of an array-valued member (an error, and none, when it is not an array).
    pub(super) fn array<'n, 't>(&mut self, m: &'n Member<'t>) -> &'n [Node<'t>] {
        match &m.value.value {
            Value::Array(items) => items,
            _ => {
                self.sink.error(
                    "wrong-type",
                    m.value.range,
                    format!("`{}` must be an array", m.key),
                );
                &[]
            }
        }
    }

    /// `ContextEntries`: every entry checked against its declared type.
    pub(crate) fn context(&mut self, m: &Member) -> Vec<ContextEntry> {
        let items = self.array(m);
        let mut out: Vec<ContextEntry> = Vec::new();
        for n in items {
            let Value::Object(fields) = &n.value else {
                self.sink.error("wrong-type", n.range, "a context entry must be an object with `ContextKeyName` and `ContextKeyValues`");
                continue;
            };
            let mut entry = ContextEntry::default();
            let mut name_range = n.range;
            let mut value_nodes: Vec<&Node> = Vec::new();
            let mut type_range = None;
            for f in fields {
                match f.key.as_ref() {
                    "ContextKeyName" => match f.value.as_str() {
                        Some(s) => {
                            entry.key = s.to_string();
                            name_range = f.value.range;
                        }
                        None => self.sink.error("wrong-type", f.value.range, "`ContextKeyName` must be a string"),
                    },
                    "ContextKeyValues" => match &f.value.value {
                        Value::Array(vs) => value_nodes.extend(vs.iter()),
                        _ => value_nodes.push(&f.value),
                    },
                    "ContextKeyType" => match f.value.as_str().and_then(ContextKeyType::parse) {
                        Some(t) => {
                            entry.key_type = Some(t);
                            type_range = Some(f.value.range);
                        }
                        None => self.sink.error(
                            "invalid-value",
                            f.value.range,
                            "`ContextKeyType` must be one of string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList",
                        ),
                    },
                    other => self.sink.warn("unknown-element", f.key_range, format!("unknown context entry field `{other}`")),
                }
            }
            if entry.key.is_empty() {
                self.sink.error(
                    "missing-element",
                    n.range,
                    "the context entry has no `ContextKeyName`",
                );
                continue;
            }
            for v in value_nodes {
                let text = match &v.value {
                    Value::String(s) => s.text.to_string(),
                    Value::Number(x) => x.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => {
                        self.sink
                            .error("wrong-type", v.range, "a context value must be a string");
                        continue;
                    }
                };
                if let Some(problem) = entry.key_type.and_then(|t| check_context_value(t, &text)) {
                    self.sink.error(
                        "invalid-value",
                        v.range,
                        format!("context key `{}`: {problem}", entry.key),
                    );
                }
                entry.values.push(text);
            }
            if let (Some(t), Some(r)) = (entry.key_type, type_range) {
                if !t.is_list() && entry.values.len() > 1 {
                    self.sink.warn(
                        "several-values",
                        r,
                        format!(
                            "`{}` is a single-valued type but {} values were given",
                            t.as_str(),
                            entry.values.len()
                        ),
                    );
                }
            }
            if out.iter().any(|e| e.key.eq_ignore_ascii_case(&entry.key)) {
                self.sink.warn(
                    "duplicate-context-key",
                    name_range,
                    format!("context key `{}` is given twice (key names are case-insensitive); the first entry is used", entry.key),
                );
                continue;
            }
            out.push(entry);
        }
        out
    }
}

/// Why a context value does not fit its declared type, if it does not.
pub fn check_context_value(t: ContextKeyType, text: &str) -> Option<String> {
    use ContextKeyType::*;
    let ok = match t {
        String | StringList => true,
        Numeric | NumericList => values::number(text).is_some(),
        Boolean | BooleanList => values::boolean(text).is_some(),
        Ip | IpList => values::cidr(text).is_some(),
        Binary | BinaryList => values::base64(text).is_some(),
        Date | DateList => values::date(text).is_some(),
    };
    (!ok).then(|| format!("`{text}` is not a valid {} value", t.as_str()))
}

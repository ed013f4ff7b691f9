//! JSON values as the World form writes them: members keep their order (tags, policies and
//! statements read as the user wrote them), numbers keep their text, and the writer indents a
//! value for the place it goes in the user's document.

use iam_engine::json::{parse, Arena, Node, Value};

/// A JSON value, members in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in order.
    Object(Vec<(String, Json)>),
}

/// How a written value is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// One level of indentation (`"  "`, `"    "`, `"\t"`).
    pub unit: String,
    /// Everything on one line (`{"a": 1, "b": [2]}`).
    pub compact: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            unit: "  ".into(),
            compact: false,
        }
    }
}

impl Json {
    /// A string value.
    pub fn str(s: impl Into<String>) -> Self {
        Json::String(s.into())
    }

    /// An array of strings.
    pub fn strings<S: AsRef<str>>(items: &[S]) -> Self {
        Json::Array(items.iter().map(|s| Json::str(s.as_ref())).collect())
    }

    /// An object of string values (tags).
    pub fn string_map(pairs: &[(String, String)]) -> Self {
        Json::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.clone(), Json::str(v.as_str())))
                .collect(),
        )
    }

    /// The value of a parsed node.
    pub fn from_node(node: &Node<'_>) -> Self {
        match &node.value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number((*n).to_string()),
            Value::String(s) => Json::String(s.text.to_string()),
            Value::Array(items) => Json::Array(items.iter().map(Json::from_node).collect()),
            Value::Object(members) => Json::Object(
                members
                    .iter()
                    .map(|m| (m.key.to_string(), Json::from_node(&m.value)))
                    .collect(),
            ),
        }
    }

    /// Parse a JSON text; the error is `LINE:COL: message`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let arena = Arena::for_text(text);
        parse(text, &arena)
            .map(|n| Json::from_node(&n))
            .map_err(|e| {
                let at = iam_engine::span::LineIndex::new(text).span(e.range);
                format!("{}:{}: {}", at.start_line, at.start_column, e.message)
            })
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// Write the value; lines after the first start with `indent` (the indentation of the line
    /// the value starts on).
    pub fn write(&self, layout: &Layout, indent: &str) -> String {
        let mut out = String::new();
        self.write_into(&mut out, layout, indent);
        out
    }

    fn write_into(&self, out: &mut String, layout: &Layout, indent: &str) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => out.push_str(&quote(s)),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                let inner = format!("{indent}{}", layout.unit);
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    separate(out, layout, &inner, i > 0);
                    item.write_into(out, layout, &inner);
                }
                close(out, layout, indent, ']');
            }
            Json::Object(members) => {
                let inner = format!("{indent}{}", layout.unit);
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    separate(out, layout, &inner, i > 0);
                    out.push_str(&quote(k));
                    out.push_str(": ");
                    v.write_into(out, layout, &inner);
                }
                close(out, layout, indent, '}');
            }
        }
    }
}

fn separate(out: &mut String, layout: &Layout, inner: &str, comma: bool) {
    if comma {
        out.push(',');
    }
    if layout.compact {
        if comma {
            out.push(' ');
        }
    } else {
        out.push('\n');
        out.push_str(inner);
    }
}

fn close(out: &mut String, layout: &Layout, indent: &str, bracket: char) {
    if !layout.compact {
        out.push('\n');
        out.push_str(indent);
    }
    out.push(bracket);
}

/// A JSON string literal.
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_pretty_and_compact_and_read_back() {
        let v = Json::Object(vec![
            ("b".into(), Json::strings(&["x", "y\"z"])),
            ("a".into(), Json::Object(vec![])),
            ("n".into(), Json::Number("3600".into())),
        ]);
        let pretty = v.write(&Layout::default(), "  ");
        assert_eq!(
            pretty,
            "{\n    \"b\": [\n      \"x\",\n      \"y\\\"z\"\n    ],\n    \"a\": {},\n    \"n\": 3600\n  }"
        );
        let compact = Layout {
            unit: "  ".into(),
            compact: true,
        };
        assert_eq!(
            v.write(&compact, ""),
            r#"{"b": ["x", "y\"z"], "a": {}, "n": 3600}"#
        );
        // Order kept both ways.
        assert_eq!(Json::parse(&pretty), Ok(v.clone()));
        assert_eq!(Json::parse(&v.write(&compact, "")), Ok(v));
    }

    #[test]
    fn parse_errors_have_a_position() {
        let e = Json::parse("{\n  \"a\": }").unwrap_err();
        assert!(e.starts_with("2:8:"), "{e}");
    }
}

//! Edits of a JSON text at a path (`World.Users[2].Tags`), made in place: only the bytes of the
//! value that changes are rewritten, so the rest of the user's document — its indentation, its
//! one-line objects, its member order — stays as it was. A new value is laid out like its
//! surroundings (on one line inside a one-line object, indented like its siblings otherwise).
//! A text that is not valid JSON is never edited: the edit fails and the text stays.

use std::fmt;

use iam_engine::json::{parse, Arena, Node, Value};
use iam_engine::span::ByteRange;

use super::json::{quote, Json, Layout};

/// One step of a [`Path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A member of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// Where a value sits in a JSON document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Step>);

impl Path {
    /// The document itself.
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// The member `key` of this object.
    pub fn key(&self, key: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Step::Key(key.to_string()));
        p
    }

    /// The element `i` of this array.
    pub fn at(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Step::Index(i));
        p
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Why an edit was not made (the text is unchanged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The text is not valid JSON (`LINE:COL: message`): fix it first.
    Syntax(String),
    /// The path leads through a value that is not an object or array, or past an array's end.
    NoPlace(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Syntax(e) => write!(f, "the JSON has an error at {e}"),
            EditError::NoPlace(p) => write!(f, "`{p}` is not where the form expects it"),
        }
    }
}

/// What a path leads to in a parsed document.
struct Found<'n, 't> {
    /// The value at the path, when it exists.
    node: Option<&'n Node<'t>>,
    /// The containers walked through, outermost first.
    parents: Vec<&'n Node<'t>>,
    /// How many steps of the path exist.
    depth: usize,
}

fn syntax<'t>(text: &'t str, arena: &'t Arena) -> Result<Node<'t>, EditError> {
    parse(text, arena).map_err(|e| {
        let at = iam_engine::span::LineIndex::new(text).span(e.range);
        EditError::Syntax(format!(
            "{}:{}: {}",
            at.start_line, at.start_column, e.message
        ))
    })
}

fn walk<'n, 't>(root: &'n Node<'t>, path: &Path) -> Result<Found<'n, 't>, EditError> {
    let mut node = root;
    let mut parents = Vec::new();
    for (depth, step) in path.0.iter().enumerate() {
        let next = match (step, &node.value) {
            (Step::Key(k), Value::Object(members)) => {
                members.iter().find(|m| m.key == *k).map(|m| &m.value)
            }
            (Step::Index(i), Value::Array(items)) => items.get(*i),
            _ => return Err(EditError::NoPlace(path.to_string())),
        };
        parents.push(node);
        match next {
            Some(n) => node = n,
            None => {
                return Ok(Found {
                    node: None,
                    parents,
                    depth,
                })
            }
        }
    }
    Ok(Found {
        node: Some(node),
        parents,
        depth: path.0.len(),
    })
}

/// Set the value at `path`, adding the member (and any missing objects on the way) when it is
/// not there; an index may be one past an array's end (the value is appended).
pub fn set(text: &str, path: &Path, value: &Json) -> Result<String, EditError> {
    let arena = Arena::for_text(text);
    let root = syntax(text, &arena)?;
    let found = walk(&root, path)?;
    let parent = found.parents.last().copied();
    if let Some(node) = found.node {
        let compact = match &node.value {
            Value::Object(m) if !m.is_empty() => !spans_lines(text, node.range),
            Value::Array(a) if !a.is_empty() => !spans_lines(text, node.range),
            _ => parent.is_some_and(|p| !spans_lines(text, p.range)),
        };
        let written = value.write(&layout(text, compact), &line_indent(text, node.range.start));
        return Ok(splice(text, node.range, &written));
    }
    let Some(container) = parent else {
        return Err(EditError::NoPlace(path.to_string()));
    };
    // Wrap the value in objects for the remaining keys.
    let rest = path.0.get(found.depth + 1..).unwrap_or_default();
    let mut nested = value.clone();
    for step in rest.iter().rev() {
        match step {
            Step::Key(k) => nested = Json::Object(vec![(k.clone(), nested)]),
            Step::Index(_) => return Err(EditError::NoPlace(path.to_string())),
        }
    }
    let outer = found.parents.iter().rev().nth(1).copied();
    match (path.0.get(found.depth), &container.value) {
        (Some(Step::Key(k)), Value::Object(_)) => {
            Ok(insert(text, container, outer, Some(k), &nested))
        }
        (Some(Step::Index(i)), Value::Array(items)) if *i == items.len() => {
            Ok(insert(text, container, outer, None, &nested))
        }
        _ => Err(EditError::NoPlace(path.to_string())),
    }
}

/// Append `value` to the array at `path` (made when missing).
pub fn push(text: &str, path: &Path, value: &Json) -> Result<String, EditError> {
    let arena = Arena::for_text(text);
    let root = syntax(text, &arena)?;
    let found = walk(&root, path)?;
    match found.node.map(|n| &n.value) {
        Some(Value::Array(items)) => set(text, &path.at(items.len()), value),
        Some(_) => Err(EditError::NoPlace(path.to_string())),
        None => set(text, path, &Json::Array(vec![value.clone()])),
    }
}

/// Remove the member or element at `path` with its comma (nothing to do when it is absent).
pub fn remove(text: &str, path: &Path) -> Result<String, EditError> {
    let arena = Arena::for_text(text);
    let root = syntax(text, &arena)?;
    let found = walk(&root, path)?;
    let (Some(node), Some(container)) = (found.node, found.parents.last()) else {
        return Ok(text.to_string());
    };
    // (start of each item: its key or itself, end of each item)
    let items: Vec<(usize, usize)> = match &container.value {
        Value::Object(m) => m
            .iter()
            .map(|m| (m.key_range.start, m.value.range.end))
            .collect(),
        Value::Array(a) => a.iter().map(|n| (n.range.start, n.range.end)).collect(),
        _ => return Err(EditError::NoPlace(path.to_string())),
    };
    let Some(i) = items.iter().position(|(_, end)| *end == node.range.end) else {
        return Err(EditError::NoPlace(path.to_string()));
    };
    let range = match (
        i.checked_sub(1).and_then(|p| items.get(p)),
        items.get(i + 1),
    ) {
        // The next item moves up into this one's place.
        (_, Some(next)) => items.get(i).map(|(start, _)| (*start, next.0)),
        // The last one goes with the comma after the one before it.
        (Some(prev), None) => Some((prev.1, node.range.end)),
        // The only one: the container becomes empty.
        (None, None) => Some((container.range.start + 1, container.range.end - 1)),
    };
    let Some((start, end)) = range else {
        return Err(EditError::NoPlace(path.to_string()));
    };
    Ok(splice(text, ByteRange { start, end }, ""))
}

/// The value at `path`, if the text is JSON and it is there.
pub fn get(text: &str, path: &Path) -> Option<Json> {
    let arena = Arena::for_text(text);
    let root = parse(text, &arena).ok()?;
    walk(&root, path).ok()?.node.map(Json::from_node)
}

/// Insert a member (`key`) or an element (`None`) at the end of `container`.
fn insert(
    text: &str,
    container: &Node<'_>,
    outer: Option<&Node<'_>>,
    key: Option<&str>,
    value: &Json,
) -> String {
    let head = key.map(|k| format!("{}: ", quote(k))).unwrap_or_default();
    // (start of the last item, its end)
    let last = match &container.value {
        Value::Object(m) => m.last().map(|m| (m.key_range.start, m.value.range.end)),
        Value::Array(a) => a.last().map(|n| (n.range.start, n.range.end)),
        _ => None,
    };
    let r = container.range;
    let Some((last_start, last_end)) = last else {
        // Empty: laid out like the container around it.
        let compact = outer.is_some_and(|o| !spans_lines(text, o.range));
        let lay = layout(text, compact);
        let indent = line_indent(text, r.start);
        let (open, close) = text
            .get(r.start..r.start + 1)
            .zip(text.get(r.end - 1..r.end))
            .unwrap_or(("{", "}"));
        let body = if compact {
            format!("{open}{head}{}{close}", value.write(&lay, &indent))
        } else {
            let inner = format!("{indent}{}", lay.unit);
            format!(
                "{open}\n{inner}{head}{}\n{indent}{close}",
                value.write(&lay, &inner)
            )
        };
        return splice(text, r, &body);
    };
    let multiline = spans_lines(text, r);
    let lay = layout(text, !multiline);
    let (sep, indent) = if multiline && starts_line(text, last_start) {
        let indent = line_indent(text, last_start);
        (format!("\n{indent}"), indent)
    } else {
        (" ".to_string(), line_indent(text, last_end))
    };
    let written = format!(",{sep}{head}{}", value.write(&lay, &indent));
    splice(
        text,
        ByteRange {
            start: last_end,
            end: last_end,
        },
        &written,
    )
}

fn splice(text: &str, r: ByteRange, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(text.get(..r.start).unwrap_or_default());
    out.push_str(with);
    out.push_str(text.get(r.end..).unwrap_or_default());
    out
}

fn spans_lines(text: &str, r: ByteRange) -> bool {
    text.get(r.start..r.end).is_some_and(|s| s.contains('\n'))
}

fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The white space a line starts with (the line holding byte `at`).
fn line_indent(text: &str, at: usize) -> String {
    let start = line_start(text, at);
    text.get(start..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// Whether only white space stands before byte `at` on its line.
fn starts_line(text: &str, at: usize) -> bool {
    text.get(line_start(text, at)..at)
        .is_some_and(|s| s.chars().all(|c| c == ' ' || c == '\t'))
}

/// The document's indentation unit (the smallest indentation of its lines), and `compact`.
fn layout(text: &str, compact: bool) -> Layout {
    let unit = if text.lines().any(|l| l.starts_with('\t')) {
        "\t".to_string()
    } else {
        let n = text
            .lines()
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .filter(|n| *n > 0)
            .min()
            .unwrap_or(2);
        " ".repeat(n.min(8))
    };
    Layout { unit, compact }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(keys: &[&str]) -> Path {
        keys.iter()
            .fold(Path::root(), |p, k| match k.parse::<usize>() {
                Ok(i) => p.at(i),
                Err(_) => p.key(k),
            })
    }

    const DOC: &str = "{\n  \"Request\": {\n    \"Principal\": \"arn:aws:iam::1:user/a\",\n    \"ActionNames\": [\"s3:GetObject\"]\n  },\n  \"World\": {\"Users\": [{\"Arn\": \"x\", \"Tags\": {\"team\": \"eng\"}}]}\n}\n";

    #[test]
    fn a_value_is_replaced_in_place() {
        let out = set(
            DOC,
            &p(&["Request", "Principal"]),
            &Json::str("arn:aws:iam::1:user/b"),
        )
        .unwrap();
        assert_eq!(out, DOC.replace("user/a", "user/b"));
    }

    #[test]
    fn a_new_member_follows_its_siblings_layout() {
        // Multi-line object: a new line, indented like the last member.
        let out = set(
            DOC,
            &p(&["Request", "ResourceArns"]),
            &Json::strings(&["*"]),
        )
        .unwrap();
        assert!(
            out.contains("[\"s3:GetObject\"],\n    \"ResourceArns\": [\n      \"*\"\n    ]\n  },"),
            "{out}"
        );
        // One-line object: stays on one line.
        let out = set(
            DOC,
            &p(&["World", "Users", "0", "Tags", "project"]),
            &Json::str("peg"),
        )
        .unwrap();
        assert!(
            out.contains("{\"team\": \"eng\", \"project\": \"peg\"}"),
            "{out}"
        );
        // Missing objects on the way are made.
        let out = set(
            DOC,
            &p(&["Request", "Authentication", "Mfa"]),
            &Json::Bool(true),
        )
        .unwrap();
        assert_eq!(
            get(&out, &p(&["Request", "Authentication", "Mfa"])),
            Some(Json::Bool(true))
        );
        assert!(out.starts_with("{\n  \"Request\": {\n    \"Principal\""));
    }

    #[test]
    fn members_and_elements_are_removed_with_their_commas() {
        let out = remove(DOC, &p(&["Request", "Principal"])).unwrap();
        assert!(
            out.starts_with("{\n  \"Request\": {\n    \"ActionNames\": [\"s3:GetObject\"]\n  },"),
            "{out}"
        );
        let out = remove(DOC, &p(&["Request", "ActionNames"])).unwrap();
        assert!(out.contains("\"arn:aws:iam::1:user/a\"\n  },"), "{out}");
        let out = remove(DOC, &p(&["World", "Users", "0", "Tags", "team"])).unwrap();
        assert!(out.contains("\"Tags\": {}"), "{out}");
        let out = remove(DOC, &p(&["World", "Users", "0"])).unwrap();
        assert!(out.contains("\"Users\": []"), "{out}");
        // Still JSON every time; an absent member is nothing to do.
        assert_eq!(remove(DOC, &p(&["Request", "Nope"])).unwrap(), DOC);
    }

    #[test]
    fn arrays_grow_and_empty_containers_open_up() {
        let out = push(
            DOC,
            &p(&["Request", "ActionNames"]),
            &Json::str("s3:PutObject"),
        )
        .unwrap();
        assert!(
            out.contains("[\"s3:GetObject\", \"s3:PutObject\"]"),
            "{out}"
        );
        let out = push(
            DOC,
            &p(&["Request", "AssumeRoleChain"]),
            &Json::Object(vec![("Api".into(), Json::str("AssumeRole"))]),
        )
        .unwrap();
        assert_eq!(
            get(&out, &p(&["Request", "AssumeRoleChain", "0", "Api"])),
            Some(Json::str("AssumeRole"))
        );
        let empty = "{\n  \"Users\": []\n}";
        let out = push(empty, &p(&["Users"]), &Json::str("a")).unwrap();
        assert_eq!(out, "{\n  \"Users\": [\n    \"a\"\n  ]\n}");
    }

    #[test]
    fn invalid_json_is_never_edited() {
        let broken = "{\"Request\": {\"Principal\": }";
        let e = set(broken, &p(&["Request", "Principal"]), &Json::str("x")).unwrap_err();
        assert!(
            matches!(e, EditError::Syntax(ref m) if m.starts_with("1:")),
            "{e:?}"
        );
        assert!(remove(broken, &p(&["Request"])).is_err());
        // A path through a string is refused, not forced.
        let e = set(DOC, &p(&["Request", "Principal", "x"]), &Json::Null).unwrap_err();
        assert_eq!(e, EditError::NoPlace("Request.Principal.x".into()));
    }

    #[test]
    fn the_indentation_unit_is_the_documents() {
        let four = "{\n    \"a\": {\n        \"b\": 1\n    }\n}";
        let out = set(four, &p(&["a", "c"]), &Json::strings(&["x"])).unwrap();
        assert_eq!(
            out,
            "{\n    \"a\": {\n        \"b\": 1,\n        \"c\": [\n            \"x\"\n        ]\n    }\n}"
        );
    }
}

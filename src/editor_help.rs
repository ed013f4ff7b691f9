//! Editor help from the AWS service catalog: completion (service prefixes, actions with their
//! access level, condition operators, condition keys valid for the statement's actions plus the
//! global keys, ARN templates) and hover (an action's access level and resource types, or how
//! many actions a pattern such as `s3:Get*` covers, with the list).
//!
//! Pure functions over the document text and a cursor offset, so they are tested on the host.
//! A tolerant scanner reads the JSON (unterminated strings end at the line's end), so help
//! works while the document is half typed.

use iam_engine::catalog::{Catalog, GLOBAL_KEYS};
use serde::Serialize;

/// The condition operators IAM accepts, without the `…IfExists` and set-operator forms (the
/// engine keeps its own list private; a test checks every name with `Operator::parse`).
pub const OPERATORS: &[&str] = &[
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
];

/// One string literal of the document.
#[derive(Debug, Clone)]
struct Tok {
    /// Byte offset of the first character after the opening quote.
    start: usize,
    /// Byte offset of the closing quote (or of the line end when unterminated).
    end: usize,
    /// The raw content.
    text: String,
    /// Whether it is an object key.
    is_key: bool,
    /// Whether its closing quote is there.
    closed: bool,
    /// The enclosing objects (innermost last) with the key their current member has (`None`
    /// for the object this token is a key of).
    frames: Vec<(usize, Option<String>)>,
}

enum Frame {
    Object {
        id: usize,
        key: Option<String>,
        expect_key: bool,
    },
    Array,
}

/// Every string literal, with where it sits.
fn scan(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut next_id = 0usize;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' => {
                stack.push(Frame::Object {
                    id: next_id,
                    key: None,
                    expect_key: true,
                });
                next_id += 1;
            }
            b'[' => stack.push(Frame::Array),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(Frame::Object {
                    key, expect_key, ..
                }) = stack.last_mut()
                {
                    *key = None;
                    *expect_key = true;
                }
            }
            b':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while let Some(&c) = bytes.get(j) {
                    match c {
                        b'\\' => j += 2,
                        b'"' | b'\n' => break,
                        _ => j += 1,
                    }
                }
                if bytes.get(j) != Some(&b'"') {
                    // Unterminated (being typed): it ends before what cannot be in a name.
                    let line = text.get(start..j.min(bytes.len())).unwrap_or_default();
                    if let Some(k) = line.find([',', ']', '}', ' ', '\t', '\r']) {
                        j = start + k;
                    }
                }
                let end = j.min(bytes.len());
                let content = text.get(start..end).unwrap_or_default().to_string();
                let is_key = matches!(
                    stack.last(),
                    Some(Frame::Object {
                        expect_key: true,
                        ..
                    })
                );
                let frames = stack
                    .iter()
                    .filter_map(|f| match f {
                        Frame::Object { id, key, .. } => Some((*id, key.clone())),
                        Frame::Array => None,
                    })
                    .collect();
                if is_key {
                    if let Some(Frame::Object { key, .. }) = stack.last_mut() {
                        *key = Some(content.clone());
                    }
                }
                out.push(Tok {
                    start,
                    end,
                    text: content,
                    is_key,
                    closed: bytes.get(end) == Some(&b'"'),
                    frames,
                });
                i = if bytes.get(end) == Some(&b'"') {
                    end + 1
                } else {
                    end
                };
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Where the cursor is, for help.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// A value of `Action`/`NotAction` in statement object `stmt`.
    Action,
    /// A value of `Resource`/`NotResource` in statement object `stmt`.
    Resource { stmt: usize },
    /// A key directly inside `Condition`.
    Operator,
    /// A key inside `Condition.<operator>` of statement `stmt`.
    ConditionKey { stmt: usize },
}

fn key_of(frame: Option<&(usize, Option<String>)>) -> Option<&str> {
    frame.and_then(|(_, k)| k.as_deref())
}

fn place(tok: &Tok) -> Option<Place> {
    let n = tok.frames.len();
    let last = n.checked_sub(1).and_then(|i| tok.frames.get(i));
    let parent = n.checked_sub(2).and_then(|i| tok.frames.get(i));
    let grand = n.checked_sub(3).and_then(|i| tok.frames.get(i));
    if tok.is_key {
        if key_of(parent) == Some("Condition") {
            return Some(Place::Operator);
        }
        if key_of(grand) == Some("Condition") {
            return grand.map(|(id, _)| Place::ConditionKey { stmt: *id });
        }
        return None;
    }
    match key_of(last) {
        Some("Action" | "NotAction") => Some(Place::Action),
        Some("Resource" | "NotResource") => last.map(|(id, _)| Place::Resource { stmt: *id }),
        _ => None,
    }
}

/// The action patterns of statement object `stmt`.
fn statement_actions(toks: &[Tok], stmt: usize) -> Vec<String> {
    toks.iter()
        .filter(|t| !t.is_key)
        .filter(|t| {
            t.frames
                .last()
                .is_some_and(|(id, k)| *id == stmt && matches!(k.as_deref(), Some("Action")))
        })
        .map(|t| t.text.clone())
        .collect()
}

/// The token whose content holds byte offset `at` (the cursor may sit right after it).
fn token_at(toks: &[Tok], at: usize) -> Option<&Tok> {
    toks.iter().find(|t| t.start <= at && at <= t.end)
}

/// UTF-16 offset (Monaco's) → byte offset.
fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// Byte offset → UTF-16 offset.
fn utf16_offset(text: &str, byte: usize) -> u32 {
    text.get(..byte)
        .map_or(0, |s| s.chars().map(|c| c.len_utf16() as u32).sum())
}

/// One completion item, as `js/monaco.js` reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Shown and filtered on.
    pub label: String,
    /// `module` (service), `function` (action), `operator`, `property` (key), `snippet` (ARN).
    pub kind: &'static str,
    /// Shown next to the label (access level, service name, key type…).
    pub detail: String,
    /// What is inserted (a Monaco snippet when `snippet`).
    pub insert: String,
    /// Whether `insert` is a snippet with placeholders.
    pub snippet: bool,
}

/// Completion items and the UTF-16 range they replace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// Start of the replaced text.
    pub start: u32,
    /// End of the replaced text.
    pub end: u32,
    /// The items.
    pub items: Vec<Item>,
}

fn item(label: String, kind: &'static str, detail: String, insert: String) -> Item {
    Item {
        label,
        kind,
        detail,
        insert,
        snippet: false,
    }
}

/// An ARN template (`arn:${Partition}:s3:::${BucketName}`) as a snippet: the partition is
/// filled in, every other variable becomes a placeholder.
fn arn_snippet(template: &str) -> String {
    let mut out = String::new();
    let mut n = 0;
    let mut rest = template;
    while let Some(i) = rest.find("${") {
        let (head, tail) = rest.split_at(i);
        out.push_str(&head.replace('$', "\\$"));
        let Some(close) = tail.find('}') else {
            out.push_str(&tail.replace('$', "\\$"));
            return out;
        };
        let name = tail.get(2..close).unwrap_or_default();
        if name == "Partition" {
            out.push_str("aws");
        } else {
            n += 1;
            out.push_str(&format!("${{{n}:{name}}}"));
        }
        rest = tail.get(close + 1..).unwrap_or_default();
    }
    out.push_str(&rest.replace('$', "\\$"));
    out
}

/// Completion at UTF-16 offset `offset` of `text`.
pub fn complete(catalog: &Catalog, text: &str, offset: u32) -> Option<Completion> {
    let at = byte_offset(text, offset);
    let toks = scan(text);
    let tok = token_at(&toks, at)?;
    let typed = text.get(tok.start..at).unwrap_or_default();
    let items = match place(tok)? {
        Place::Action => match typed.split_once(':') {
            None => catalog
                .services()
                .iter()
                .map(|s| {
                    let mut i = item(
                        s.prefix().to_string(),
                        "module",
                        s.name().to_string(),
                        format!("{}:", s.prefix()),
                    );
                    // Accepting a service goes on to its actions.
                    i.snippet = false;
                    i
                })
                .collect(),
            Some((prefix, _)) => {
                let service = catalog.service(prefix)?;
                service
                    .actions()
                    .iter()
                    .map(|a| {
                        let full = format!("{}:{}", service.prefix(), a.name());
                        item(
                            full.clone(),
                            "function",
                            a.access_level().label().to_string(),
                            full,
                        )
                    })
                    .collect()
            }
        },
        Place::Operator => {
            let mut v = Vec::new();
            for op in OPERATORS {
                v.push(item(
                    op.to_string(),
                    "operator",
                    "condition operator".into(),
                    op.to_string(),
                ));
                if *op != "Null" {
                    let ie = format!("{op}IfExists");
                    v.push(item(
                        ie.clone(),
                        "operator",
                        "true when the key is absent".into(),
                        ie,
                    ));
                }
            }
            for set in ["ForAllValues", "ForAnyValue"] {
                for op in OPERATORS.iter().filter(|o| o.starts_with("String")) {
                    let name = format!("{set}:{op}");
                    v.push(item(
                        name.clone(),
                        "operator",
                        "multivalued keys".into(),
                        name,
                    ));
                }
            }
            v
        }
        Place::ConditionKey { stmt } => {
            let mut v: Vec<Item> = Vec::new();
            let mut seen = std::collections::BTreeSet::new();
            for pattern in statement_actions(&toks, stmt) {
                for a in catalog.expand(&pattern) {
                    for k in a.condition_keys() {
                        if seen.insert(k.name().to_string()) {
                            v.push(item(
                                k.name().to_string(),
                                "property",
                                format!("{} ({})", k.key_type().label(), a.service.prefix()),
                                k.name().to_string(),
                            ));
                        }
                    }
                }
            }
            for g in GLOBAL_KEYS {
                if seen.insert(g.name.to_string()) {
                    let ty = g.types.first().map_or("", |t| t.label());
                    v.push(item(
                        g.name.to_string(),
                        "property",
                        format!("{ty} (global)"),
                        g.name.to_string(),
                    ));
                }
            }
            v
        }
        Place::Resource { stmt } => {
            let mut v: Vec<Item> = Vec::new();
            let mut seen = std::collections::BTreeSet::new();
            let actions = statement_actions(&toks, stmt);
            let mut push = |service: &str, name: &str, arn: &str| {
                if seen.insert(arn.to_string()) {
                    v.push(Item {
                        label: arn.replace("${Partition}", "aws"),
                        kind: "snippet",
                        detail: format!("{service} {name}"),
                        insert: arn_snippet(arn),
                        snippet: true,
                    });
                }
            };
            for pattern in &actions {
                for a in catalog.expand(pattern) {
                    for (rt, _) in a.resource_types() {
                        push(a.service.prefix(), rt.name(), rt.arn());
                    }
                }
            }
            // No known action: the resource types of the service being typed (`arn:aws:s3`).
            let typed_service = typed.split(':').nth(2).filter(|s| !s.is_empty());
            if let Some(service) = typed_service.and_then(|s| catalog.service(s)) {
                for rt in service.resource_types() {
                    push(service.prefix(), rt.name(), rt.arn());
                }
            }
            v
        }
    };
    let mut items = items;
    if !tok.closed {
        // Being typed without its closing quote: accepting an item closes the string.
        for i in items.iter_mut().filter(|i| i.kind != "module") {
            i.insert.push('"');
        }
    }
    Some(Completion {
        start: utf16_offset(text, tok.start),
        end: utf16_offset(text, tok.end),
        items,
    })
}

/// At most this many actions are listed in a pattern's hover (`*` covers over 20,000).
pub const HOVER_LIST_MAX: usize = 500;

/// A hover: markdown parts and the UTF-16 range it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hover {
    /// Start of the hovered text.
    pub start: u32,
    /// End of the hovered text.
    pub end: u32,
    /// Markdown paragraphs.
    pub contents: Vec<String>,
}

/// Hover at UTF-16 offset `offset` of `text`: actions and action patterns.
pub fn hover(catalog: &Catalog, text: &str, offset: u32) -> Option<Hover> {
    let at = byte_offset(text, offset);
    let toks = scan(text);
    let tok = token_at(&toks, at)?;
    if place(tok)? != Place::Action {
        return None;
    }
    let name = tok.text.trim();
    let contents = if name.contains(['*', '?']) {
        let list = catalog.expand(name);
        let mut lines = vec![format!(
            "**`{name}`** covers **{}** action{}",
            list.len(),
            if list.len() == 1 { "" } else { "s" }
        )];
        if !list.is_empty() {
            let mut body: Vec<String> = list
                .iter()
                .take(HOVER_LIST_MAX)
                .map(|a| {
                    format!(
                        "- `{}` — {}",
                        a.full_name(),
                        a.action.access_level().label()
                    )
                })
                .collect();
            if list.len() > HOVER_LIST_MAX {
                body.push(format!("- … and {} more", list.len() - HOVER_LIST_MAX));
            }
            lines.push(body.join("\n"));
        }
        lines
    } else {
        let a = catalog.action(name)?;
        let resources: Vec<String> = a
            .resource_types()
            .map(|(rt, required)| {
                format!(
                    "`{}`{}",
                    rt.name(),
                    if required { " (required)" } else { "" }
                )
            })
            .collect();
        vec![
            format!(
                "**`{}`** — access level **{}**",
                a.full_name(),
                a.action.access_level().label()
            ),
            if resources.is_empty() {
                "Resource types: none (use `\"*\"`)".to_string()
            } else {
                format!("Resource types: {}", resources.join(", "))
            },
        ]
    };
    Some(Hover {
        start: utf16_offset(text, tok.start),
        end: utf16_offset(text, tok.end),
        contents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let text = include_str!("../crates/engine/data/iam-catalog.txt");
        Catalog::parse(text).unwrap_or_default()
    }

    fn at(text: &str, marker: &str) -> u32 {
        text.find(marker).map_or(0, |i| i as u32) + marker.len() as u32
    }

    #[test]
    fn every_operator_name_is_one_the_engine_accepts() {
        for op in OPERATORS {
            assert!(iam_engine::operator::Operator::parse(op).is_ok(), "{op}");
            if *op != "Null" {
                let ie = format!("{op}IfExists");
                assert!(iam_engine::operator::Operator::parse(&ie).is_ok(), "{ie}");
            }
        }
    }

    #[test]
    fn actions_complete_with_their_access_level() {
        let c = catalog();
        let text = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get";
        let got = complete(&c, text, text.len() as u32);
        let got = got.map(|c| c.items).unwrap_or_default();
        let obj = got.iter().find(|i| i.label == "s3:GetObject");
        assert_eq!(obj.map(|i| i.detail.as_str()), Some("Read"));

        let text = "{\"Statement\":{\"Action\":[\"s3:Get],\n\"Resource\":\"*\"}}";
        let got = complete(&c, text, at(text, "s3:Get"));
        assert_eq!(got.map(|c| (c.start, c.end)), Some((25, 31)));

        let text = "{\"Statement\":{\"Action\":\"s";
        let got = complete(&c, text, text.len() as u32).map(|c| c.items);
        assert!(got.unwrap_or_default().iter().any(|i| i.insert == "s3:"));
    }

    #[test]
    fn condition_operators_and_keys_of_the_statement_actions() {
        let c = catalog();
        let text = r#"{"Statement":{"Action":"s3:GetObject","Resource":"*","Condition":{"Str": {"s3:ex": "x"}}}}"#;
        let ops = complete(&c, text, at(text, "\"Str")).map(|c| c.items);
        assert!(ops
            .unwrap_or_default()
            .iter()
            .any(|i| i.label == "StringEqualsIfExists"));
        let keys = complete(&c, text, at(text, "\"s3:ex"))
            .map(|c| c.items)
            .unwrap_or_default();
        assert!(keys.iter().any(|i| i.label == "s3:ExistingObjectTag/<key>"
            || i.label.starts_with("s3:ExistingObjectTag")));
        assert!(keys.iter().any(|i| i.label == "aws:SourceIp"));
        assert!(!keys
            .iter()
            .any(|i| i.label.starts_with("ec2:") && !i.detail.contains("global")));
    }

    #[test]
    fn resources_complete_with_arn_templates() {
        let c = catalog();
        let text = r#"{"Statement":{"Action":"s3:GetObject","Resource":"arn"}}"#;
        let items = complete(&c, text, at(text, "\"arn"))
            .map(|c| c.items)
            .unwrap_or_default();
        let obj = items.iter().find(|i| i.detail == "s3 object");
        assert_eq!(
            obj.map(|i| i.insert.as_str()),
            Some("arn:aws:s3:::${1:BucketName}/${2:ObjectName}")
        );
    }

    #[test]
    fn hover_shows_access_level_and_pattern_coverage() {
        let c = catalog();
        let text = r#"{"Statement":{"Action":["s3:GetObject","s3:Get*"],"Resource":"*"}}"#;
        let h = hover(&c, text, at(text, "\"s3:Ge")).map(|h| h.contents.join("\n"));
        let h = h.unwrap_or_default();
        assert!(h.contains("access level **Read**"), "{h}");
        assert!(
            h.contains("Resource types: `accesspointobject`, `object`"),
            "{h}"
        );
        let p = hover(&c, text, at(text, "\"s3:Get*")).map(|h| h.contents.join("\n"));
        let p = p.unwrap_or_default();
        assert!(p.contains("covers **"), "{p}");
        assert!(p.contains("`s3:GetObject` — Read"), "{p}");
        assert!(hover(&c, text, at(text, "\"Reso")).is_none());
        let all = r#"{"Statement":{"Action":"*"}}"#;
        let p = hover(&c, all, at(all, "\"*")).map(|h| h.contents.join("\n"));
        assert!(p.unwrap_or_default().contains("more"));
    }

    #[test]
    fn offsets_count_utf16_units() {
        let text = "é\"x";
        assert_eq!(byte_offset(text, 1), 2);
        assert_eq!(utf16_offset(text, 2), 1);
    }
}

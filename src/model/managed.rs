//! AWS managed policies in the playground, as plain functions: which documents are references
//! by ARN, the picker's search, and completion and hover of managed-policy ARNs in an editor
//! (the World editor and policy documents), answered from the engine's
//! [`ManagedPolicies`] once loaded.

use iam_engine::policy::managed::{ManagedPolicies, ManagedPolicy, ARN_PREFIX};
use serde::Serialize;

/// The file name of the data, relative to the page (copied there by Trunk).
pub const MANAGED_URL: &str = "aws-managed-policies.txt";

/// The ARN a document consists of, when the whole document is a reference to a managed policy
/// (`arn:aws:iam::aws:policy/ReadOnlyAccess`, bare or in quotes).
pub fn reference(text: &str) -> Option<&str> {
    iam_engine::scenario::reference_in(text).map(|(arn, _)| arn)
}

/// The picker's answer: up to `limit` policies whose name (or path) contains every word typed.
pub fn search<'m>(m: &'m ManagedPolicies, query: &str, limit: usize) -> Vec<ManagedPolicy<'m>> {
    m.search(query, limit)
}

/// One completion item (the JSON shape `js/monaco.js` turns into Monaco suggestions), for the
/// editor's catalog completions and the AWS managed policy names alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Shown and filtered on (an action, a key, an ARN…).
    pub label: String,
    /// Monaco's item kind: `module` (service), `function` (action), `operator`, `property`
    /// (key), `snippet` (ARN).
    pub kind: &'static str,
    /// Shown next to the label (access level, key type, `AWS managed policy, v123`…).
    pub detail: String,
    /// What is inserted (a Monaco snippet when `snippet`).
    pub insert: String,
    /// Whether `insert` is a snippet with placeholders.
    pub snippet: bool,
}

/// Completion items and the range `start..end` they replace (UTF-16 offsets for the editor's
/// completions, byte offsets for the managed policy names — each producer says which).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// Start of the text replaced.
    pub start: u32,
    /// End of the text replaced.
    pub end: u32,
    /// The items.
    pub items: Vec<Item>,
}

/// A hover over `start..end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hover {
    /// Start of the text hovered.
    pub start: u32,
    /// End.
    pub end: u32,
    /// Markdown paragraphs.
    pub contents: Vec<String>,
}

/// The byte offset of UTF-16 offset `u` in `text` (editors count UTF-16 units).
fn byte_offset(text: &str, u: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= u {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The UTF-16 offset of byte offset `b` in `text`.
fn utf16_offset(text: &str, b: usize) -> u32 {
    text.get(..b).map_or(0, |t| t.encode_utf16().count() as u32)
}

/// The JSON string around byte `offset` of `text` (on one line): its content's range, or
/// `None` outside a string.
fn string_at(text: &str, offset: usize) -> Option<(usize, usize)> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text
        .get(offset..)?
        .find('\n')
        .map_or(text.len(), |i| offset + i);
    let line = text.get(line_start..line_end)?;
    let mut open: Option<usize> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        let at = line_start + i;
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => match open {
                None => open = Some(at + 1),
                Some(start) if offset >= start && offset <= at => return Some((start, at)),
                Some(_) => open = None,
            },
            _ => {}
        }
    }
    // An unterminated string being typed: it runs to the end of the line.
    open.filter(|s| offset >= *s).map(|s| (s, line_end))
}

/// Completion of a managed-policy ARN inside a JSON string being typed: once the string starts
/// like `arn:aws:iam::aws:policy/` (or is a prefix of it, from `arn:` on), every policy whose
/// ARN contains what follows, best first (up to 50). Offsets are UTF-16, as editors count.
pub fn complete(m: &ManagedPolicies, text: &str, offset: u32) -> Option<Completion> {
    let offset = byte_offset(text, offset);
    let (start, end) = string_at(text, offset)?;
    let typed = text.get(start..offset)?;
    let query = if let Some(rest) = typed.strip_prefix(ARN_PREFIX) {
        rest.rsplit('/').next().unwrap_or(rest)
    } else if typed.len() >= 4 && ARN_PREFIX.starts_with(typed) {
        ""
    } else {
        return None;
    };
    let items: Vec<Item> = m
        .search(query, 50)
        .into_iter()
        .map(|p| Item {
            label: p.arn.to_string(),
            kind: "module",
            detail: format!("AWS managed policy, {}", p.version),
            insert: p.arn.to_string(),
            snippet: false,
        })
        .collect();
    (!items.is_empty()).then(|| Completion {
        start: utf16_offset(text, start),
        end: utf16_offset(text, end),
        items,
    })
}

/// Hover over a managed-policy ARN in a JSON string: its name, version and statement count.
pub fn hover(m: &ManagedPolicies, text: &str, offset: u32) -> Option<Hover> {
    let (start, end) = string_at(text, byte_offset(text, offset))?;
    let arn = text.get(start..end)?;
    if !arn.starts_with(ARN_PREFIX) {
        return None;
    }
    let contents = match m.by_arn(arn) {
        Some(p) => {
            let n = p.document.matches("\"Effect\"").count();
            let plural = if n == 1 { "" } else { "s" };
            vec![
                format!("**{}** (AWS managed, {})", p.name, p.version),
                format!("{n} statement{plural}; this ARN stands for the policy's document."),
            ]
        }
        None => vec![match m.suggest(arn) {
            Some(s) => format!("Not an AWS managed policy: did you mean `{s}`?"),
            None => "Not an AWS managed policy.".to_string(),
        }],
    };
    Some(Hover {
        start: utf16_offset(text, start),
        end: utf16_offset(text, end),
        contents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> ManagedPolicies {
        ManagedPolicies::parse(
            "managed-policies\t1\nsource\taws-iam-managed-policies\t0.0.1\n\
P\tAmazonS3ReadOnlyAccess\tarn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\tv3\t{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}\n\
P\tReadOnlyAccess\tarn:aws:iam::aws:policy/ReadOnlyAccess\tv188\t{\"Version\":\"2012-10-17\",\"Statement\":[]}\n"
                .to_string(),
        )
        .unwrap()
    }

    #[test]
    fn documents_that_are_references() {
        assert_eq!(
            reference("  arn:aws:iam::aws:policy/ReadOnlyAccess\n"),
            Some("arn:aws:iam::aws:policy/ReadOnlyAccess")
        );
        assert_eq!(
            reference("\"arn:aws:iam::aws:policy/ReadOnlyAccess\""),
            Some("arn:aws:iam::aws:policy/ReadOnlyAccess")
        );
        assert_eq!(reference("{\"Version\": \"2012-10-17\"}"), None);
    }

    #[test]
    fn completes_arns_inside_strings() {
        let m = data();
        let text = r#"{"Policies": ["arn:aws:iam::aws:policy/readonly"]}"#;
        let at = text.find("readonly").unwrap() + "readonly".len();
        let c = complete(&m, text, at as u32).unwrap();
        assert_eq!(c.items[0].label, "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assert_eq!(c.items.len(), 2);
        assert_eq!(
            &text[c.start as usize..c.end as usize],
            "arn:aws:iam::aws:policy/readonly"
        );
        // Just "arn:a" offers every policy; other strings nothing.
        let text = r#"{"Policies": ["arn:a"#;
        assert_eq!(
            complete(&m, text, text.len() as u32).unwrap().items.len(),
            2
        );
        let text = r#"{"Arn": "arn:aws:s3:::b"}"#;
        assert!(complete(&m, text, 20).is_none());
    }

    #[test]
    fn hovers_name_the_policy() {
        let m = data();
        let text = r#"["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAcces"]"#;
        let h = hover(&m, text, 10).unwrap();
        assert_eq!(
            h.contents[0],
            "**AmazonS3ReadOnlyAccess** (AWS managed, v3)"
        );
        assert!(h.contents[1].starts_with("1 statement;"));
        let h = hover(&m, text, 60).unwrap();
        assert!(h.contents[0].contains("did you mean `arn:aws:iam::aws:policy/ReadOnlyAccess`"));
    }
}

//! Hover from the AWS service catalog: an action's access level and resource types, or how
//! many actions a pattern such as `s3:Get*` covers, with the list. A pure function of the
//! document text and a cursor offset.

use iam_engine::catalog::Catalog;
use serde::Serialize;

use crate::features::editor::scan::{byte_offset, place, scan, token_at, utf16_offset, Place};

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
        let text = include_str!("../../../crates/engine/data/iam-catalog.txt");
        Catalog::parse(text).unwrap_or_default()
    }

    fn at(text: &str, marker: &str) -> u32 {
        text.find(marker).map_or(0, |i| i as u32) + marker.len() as u32
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
}

//! Completion from the AWS service catalog: service prefixes, actions with their access level,
//! condition operators, condition keys valid for the statement's actions plus the global keys,
//! and ARN templates. A pure function of the document text and a cursor offset.

use iam_engine::catalog::{Catalog, GLOBAL_KEYS};

use crate::features::editor::scan::{
    byte_offset, place, scan, statement_actions, token_at, utf16_offset, Place,
};

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

// One completion item and the UTF-16 range they replace: the shape `js/monaco.js` reads, shared
// with the AWS managed policy completions.
pub use crate::model::managed::{Completion, Item};

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
}

//! A scenario's expected decisions (shared/scenario-format.md, v3 additions: the exercise
//! format): `"Expected": [{"Action", "Resource", "Decision"}]`, read with the position of each
//! entry so that tools checking them (`iam-sim test`) can point at the one that failed.

use super::read::Reader;
use crate::text::json::{Node, Value};
use crate::text::span::ByteRange;

/// The scenario field that holds expectations.
pub const FIELD: &str = "Expected";

/// The decisions an expectation may name (AWS's spelling of `EvalDecision`).
pub const DECISIONS: [&str; 3] = ["allowed", "explicitDeny", "implicitDeny"];

/// One expectation: this action on this resource should get this decision.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expectation {
    /// `Action`.
    pub action: String,
    /// `Resource` (`*` for a request that names none).
    pub resource: String,
    /// `Decision`: one of [`DECISIONS`].
    pub decision: String,
    /// Where the entry stands in the scenario text.
    pub range: ByteRange,
}

const NAMES: [&str; 3] = ["Action", "Resource", "Decision"];

impl Reader<'_, '_> {
    /// The `Expected` list: every entry must have the three fields, as strings, and a decision
    /// spelled as AWS spells it; each mistake is an error at its place.
    pub(super) fn expected(&mut self, node: &Node) -> Vec<Expectation> {
        let Value::Array(items) = &node.value else {
            self.sink.error(
                "wrong-type",
                node.range,
                format!(
                    "`{FIELD}` must be an array of {{\"Action\", \"Resource\", \"Decision\"}} objects, not {}",
                    node.type_name()
                ),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.expectation(item))
            .collect()
    }

    fn expectation(&mut self, item: &Node) -> Option<Expectation> {
        let Value::Object(members) = &item.value else {
            self.sink.error(
                "wrong-type",
                item.range,
                format!(
                    "an expectation must be an object with `Action`, `Resource` and `Decision`, not {}",
                    item.type_name()
                ),
            );
            return None;
        };
        let mut fields: [Option<(String, ByteRange)>; 3] = [None, None, None];
        for m in members.iter() {
            let Some(i) = NAMES.iter().position(|n| *n == m.key) else {
                match NAMES.iter().find(|n| n.eq_ignore_ascii_case(m.key)) {
                    Some(h) => self.sink.error_help(
                        "unknown-element",
                        m.key_range,
                        format!("unknown expectation field `{}`", m.key),
                        format!("did you mean `{h}`?"),
                    ),
                    None => self.sink.error(
                        "unknown-element",
                        m.key_range,
                        format!(
                            "unknown expectation field `{}` (an expectation has `Action`, `Resource` and `Decision`)",
                            m.key
                        ),
                    ),
                }
                continue;
            };
            match (m.value.as_str(), fields.get_mut(i)) {
                (Some(v), Some(slot)) if slot.is_none() => {
                    *slot = Some((v.to_string(), m.value.range));
                }
                (Some(_), _) => self.sink.error(
                    "duplicate-element",
                    m.key_range,
                    format!("`{}` appears more than once", m.key),
                ),
                (None, _) => self.sink.error(
                    "wrong-type",
                    m.value.range,
                    format!("`{}` must be a string, not {}", m.key, m.value.type_name()),
                ),
            }
        }
        let [action, resource, decision] = fields;
        let missing: Vec<&str> = NAMES
            .iter()
            .zip([&action, &resource, &decision])
            .filter(|(_, v)| v.is_none())
            .map(|(n, _)| *n)
            .collect();
        let (Some((action, _)), Some((resource, _)), Some((decision, at))) =
            (action, resource, decision)
        else {
            self.sink.error(
                "missing-element",
                ByteRange::new(item.range.start, item.range.start + 1),
                format!("this expectation has no `{}`", missing.join("`, `")),
            );
            return None;
        };
        if !DECISIONS.contains(&decision.as_str()) {
            let message = format!(
                "`{decision}` is not a decision: use `allowed`, `explicitDeny` or `implicitDeny`"
            );
            match DECISIONS.iter().find(|d| d.eq_ignore_ascii_case(&decision)) {
                Some(h) => self.sink.error_help(
                    "invalid-value",
                    at,
                    message,
                    format!("did you mean `{h}`?"),
                ),
                None => self.sink.error("invalid-value", at, message),
            }
            return None;
        }
        Some(Expectation {
            action,
            resource,
            decision,
            range: item.range,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use crate::scenario::{parse_input, Input};

    // shared/scenario-format.md, Additions (v3): `"Expected": [{"Action", "Resource",
    // "Decision"}]` travels with a scenario of either form.

    #[test]
    fn both_forms_carry_expectations_with_positions() {
        let text = r#"{"ActionNames": ["s3:GetObject"], "PolicyInputList": [],
 "Expected": [{"Action": "s3:GetObject", "Resource": "*", "Decision": "implicitDeny"}]}"#;
        let (input, warnings) = parse_input(text).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let e = &input.expected()[0];
        assert_eq!(
            (e.action.as_str(), e.resource.as_str(), e.decision.as_str()),
            ("s3:GetObject", "*", "implicitDeny")
        );
        assert_eq!(&text[e.range.start..e.range.end][..10], "{\"Action\":");

        let world = r#"{"World": {}, "Request": {"Principal": "arn:aws:iam::111122223333:root",
 "ActionNames": ["s3:ListBucket"]}, "Expected": [{"Action": "s3:ListBucket", "Resource": "*", "Decision": "allowed"}]}"#;
        let (input, warnings) = parse_input(world).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(matches!(input, Input::World(_)));
        assert_eq!(input.expected()[0].decision, "allowed");
    }

    #[test]
    fn every_mistake_is_an_error_at_its_place() {
        let text = r#"{"ActionNames": [], "Expected": [{"action": "a", "Resource": "*", "Decision": "allowed"}, 3, {"Action": "a"}, {"Action": "a", "Resource": "*", "Decision": "Allowed"}]}"#;
        let diags = parse_input(text).unwrap_err();
        let messages: Vec<_> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown expectation field `action`",
                "this expectation has no `Action`",
                "an expectation must be an object with `Action`, `Resource` and `Decision`, not a number",
                "this expectation has no `Resource`, `Decision`",
                "`Allowed` is not a decision: use `allowed`, `explicitDeny` or `implicitDeny`",
            ]
        );
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `Action`?"));
        assert_eq!(diags[4].help.as_deref(), Some("did you mean `allowed`?"));
        let not_a_list = parse_input(r#"{"ActionNames": [], "Expected": {}}"#).unwrap_err();
        assert_eq!(not_a_list[0].code, "wrong-type");
    }
}

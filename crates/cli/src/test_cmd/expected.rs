//! A scenario's `Expected` decisions (scenario-format.md, v3 additions: the exercise format),
//! read with positions, and checked against the engine's results.

use iam_engine::diag::Sink;
use iam_engine::json::{self, Node, Value};
use iam_engine::span::ByteRange;
use iam_engine::{Diagnostic, EvalDecision, EvaluationResult};

/// The scenario field that holds expectations.
pub const FIELD: &str = "Expected";

/// One expectation: this action on this resource should get this decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// `Action`.
    pub action: String,
    /// `Resource` (`*` for a request that names none).
    pub resource: String,
    /// `Decision`.
    pub decision: EvalDecision,
    /// Where the entry stands in the scenario text.
    pub range: ByteRange,
}

/// The `Expected` list of a scenario text: `Ok(None)` when the scenario has none (or is not a
/// JSON object: the scenario reader reports that).
pub fn read(text: &str) -> Result<Option<Vec<Expectation>>, Vec<Diagnostic>> {
    let Ok(root) = json::parse(text) else {
        return Ok(None);
    };
    let Value::Object(members) = &root.value else {
        return Ok(None);
    };
    let Some(node) = members.iter().find(|m| m.key == FIELD).map(|m| &m.value) else {
        return Ok(None);
    };
    let mut sink = Sink::new(text, None);
    let Value::Array(items) = &node.value else {
        sink.error(
            "wrong-type",
            node.range,
            format!(
                "`{FIELD}` must be an array of {{\"Action\", \"Resource\", \"Decision\"}} objects, not {}",
                node.type_name()
            ),
        );
        return Err(sink.items);
    };
    let out = items
        .iter()
        .filter_map(|item| entry(item, &mut sink))
        .collect();
    if sink.has_errors() {
        Err(sink.items)
    } else {
        Ok(Some(out))
    }
}

fn entry(item: &Node, sink: &mut Sink) -> Option<Expectation> {
    let Value::Object(members) = &item.value else {
        sink.error(
            "wrong-type",
            item.range,
            format!(
                "an expectation must be an object with `Action`, `Resource` and `Decision`, not {}",
                item.type_name()
            ),
        );
        return None;
    };
    let mut fields: [Option<String>; 3] = [None, None, None];
    const NAMES: [&str; 3] = ["Action", "Resource", "Decision"];
    for m in members {
        let Some(i) = NAMES.iter().position(|n| *n == m.key) else {
            let hint = NAMES.iter().find(|n| n.eq_ignore_ascii_case(&m.key));
            match hint {
                Some(h) => sink.error_help(
                    "unknown-element",
                    m.key_range,
                    format!("unknown expectation field `{}`", m.key),
                    format!("did you mean `{h}`?"),
                ),
                None => sink.error(
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
            (Some(v), Some(slot)) if slot.is_none() => *slot = Some(v.to_string()),
            (Some(_), _) => sink.error(
                "duplicate-element",
                m.key_range,
                format!("`{}` appears more than once", m.key),
            ),
            (None, _) => sink.error(
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
    if !missing.is_empty() {
        sink.error(
            "missing-element",
            ByteRange::new(item.range.start, item.range.start + 1),
            format!("this expectation has no `{}`", missing.join("`, `")),
        );
        return None;
    }
    let decision_text = decision.unwrap_or_default();
    let Some(decision) = parse_decision(&decision_text) else {
        let at = members
            .iter()
            .find(|m| m.key == "Decision")
            .map_or(item.range, |m| m.value.range);
        let hint = ["allowed", "explicitDeny", "implicitDeny"]
            .into_iter()
            .find(|d| d.eq_ignore_ascii_case(&decision_text));
        let message = format!(
            "`{decision_text}` is not a decision: use `allowed`, `explicitDeny` or `implicitDeny`"
        );
        match hint {
            Some(h) => {
                sink.error_help("invalid-value", at, message, format!("did you mean `{h}`?"))
            }
            None => sink.error("invalid-value", at, message),
        }
        return None;
    };
    Some(Expectation {
        action: action.unwrap_or_default(),
        resource: resource.unwrap_or_default(),
        decision,
        range: item.range,
    })
}

fn parse_decision(s: &str) -> Option<EvalDecision> {
    [
        EvalDecision::Allowed,
        EvalDecision::ExplicitDeny,
        EvalDecision::ImplicitDeny,
    ]
    .into_iter()
    .find(|d| d.as_str() == s)
}

/// The decision the engine gave for an expectation's request: `None` when the scenario does not
/// make that request. Action names compare case-insensitively (as IAM compares them), resources
/// exactly.
pub fn actual(e: &Expectation, results: &[EvaluationResult]) -> Option<EvalDecision> {
    results
        .iter()
        .find(|r| {
            r.eval_action_name.eq_ignore_ascii_case(&e.action) && r.eval_resource_name == e.resource
        })
        .map(|r| r.eval_decision)
}

/// Whether a scenario-reader diagnostic is only about the `Expected` field (which the engine's
/// scenario reader does not know yet and reports as ignored).
pub fn is_about_field(d: &Diagnostic) -> bool {
    d.code == "unknown-element" && d.policy_id.is_none() && d.message.contains("`Expected`")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;

    #[test]
    fn reads_the_exercise_shape_with_positions() {
        let text = r#"{"ActionNames": ["s3:GetObject"],
 "Expected": [{"Action": "s3:GetObject", "Resource": "*", "Decision": "implicitDeny"}]}"#;
        let e = read(text).unwrap().unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].decision, EvalDecision::ImplicitDeny);
        assert_eq!(&text[e[0].range.start..][..10], "{\"Action\":");
    }

    #[test]
    fn no_field_is_none() {
        assert_eq!(read(r#"{"ActionNames": []}"#).unwrap(), None);
        assert_eq!(read("[").unwrap(), None);
    }

    #[test]
    fn every_mistake_is_an_error_with_a_position() {
        let text = r#"{"Expected": [{"action": "a", "Resource": "*", "Decision": "Allowed"}, 3, {"Action": "a"}]}"#;
        let diags = read(text).unwrap_err();
        let messages: Vec<_> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown expectation field `action`",
                "this expectation has no `Action`",
                "an expectation must be an object with `Action`, `Resource` and `Decision`, not a number",
                "this expectation has no `Resource`, `Decision`",
            ]
        );
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `Action`?"));
        assert_eq!(diags[0].span.unwrap().start_column, 16);
        let bad =
            read(r#"{"Expected": [{"Action": "a", "Resource": "*", "Decision": "Allowed"}]}"#)
                .unwrap_err();
        assert_eq!(bad[0].help.as_deref(), Some("did you mean `allowed`?"));
    }
}

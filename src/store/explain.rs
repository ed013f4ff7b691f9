//! The engine's results put into words and editor ranges for the result pane: labels, sentences,
//! markers and decorations. Presentation only: every fact comes from the engine's trace.

use iam_engine::trace::{ConditionTrace, ElementTrace, LayerVerdict, StatementTrace};
use iam_engine::{Diagnostic, EvalDecision, EvaluationResult, Severity, Span};

use crate::model::state::{BuiltScenario, DocKey};
use crate::platform::monaco::{Decoration, EditorRange, Marker, MarkerSeverity};

/// A piece of a sentence: plain text or a quoted value (written between backticks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Plain words.
    Text(String),
    /// A value, key or pattern, shown as code.
    Code(String),
}

/// Split a sentence at backticks into text and code.
pub fn segments(text: &str) -> Vec<Segment> {
    text.split('`')
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(i, s)| {
            if i % 2 == 1 {
                Segment::Code(s.to_string())
            } else {
                Segment::Text(s.to_string())
            }
        })
        .collect()
}

/// How a decision is shown.
pub fn decision_label(d: EvalDecision) -> &'static str {
    match d {
        EvalDecision::Allowed => "Allowed",
        EvalDecision::ExplicitDeny => "Explicit deny",
        EvalDecision::ImplicitDeny => "Implicit deny",
    }
}

/// What a decision step checked, for its chip: "Deny statements", "SCPs", … (the rule id when
/// it is one this list does not know).
pub fn rule_label(rule: &str) -> String {
    let label = match rule {
        "explicit-deny" => "Deny statements",
        "rcp-gate" => "RCPs",
        "scp-gate" => "SCPs",
        "vpc-endpoint-gate" => "VPC endpoint policy",
        "root-user" => "root user",
        "resource-grant-only" => "resource-based policy alone",
        "cross-account" => "both accounts",
        "trust-policy-user-boundary" => "trust policy and user boundary",
        "resource-grant-direct" => "resource-based policy naming the caller",
        "resource-grant-role" => "resource-based policy naming the role",
        "special-resource" => "trust or key policy",
        "identity-grant" => "identity, boundary and session policies",
        "assume-role-chain" => "the chain of STS calls",
        "authentication" => "sign-in",
        "expired-credentials" => "credentials' expiry",
        "session-token-without-mfa" => "GetSessionToken without MFA",
        other => other,
    };
    label.to_string()
}

/// The text with its first letter upper case. The texts are the app's own English phrases
/// ("statement 2", "trust policy of role Admin"), so an ASCII letter is enough: a full-Unicode
/// `to_uppercase` would link its case table (~12 KB) into the embed for nothing; a name
/// that starts with another letter stays as written.
pub fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => std::iter::once(f.to_ascii_uppercase()).chain(c).collect(),
        None => String::new(),
    }
}

/// CSS class (and `data-decision` value) of a decision.
pub fn decision_class(d: EvalDecision) -> &'static str {
    d.as_str()
}

/// CSS class of a layer's verdict.
pub fn verdict_class(v: LayerVerdict) -> &'static str {
    match v {
        LayerVerdict::Absent | LayerVerdict::NotApplicable => "verdict-none",
        LayerVerdict::Deny => "verdict-deny",
        LayerVerdict::Allow => "verdict-allow",
        LayerVerdict::NoAllow => "verdict-noallow",
    }
}

fn quote_all(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Condition `StringEquals aws:ResourceTag/team`: request has `eng`, policy wants `ops` → false".
pub fn condition_sentence(c: &ConditionTrace) -> String {
    let has = if c.key_present && !c.context_values.is_empty() {
        quote_all(&c.context_values)
    } else {
        "no value".to_string()
    };
    let wants: Vec<String> = c
        .policy_values
        .iter()
        .map(|v| match &v.resolved {
            Some(r) if *r != v.text => format!("`{}` (= `{r}`)", v.text),
            Some(_) => format!("`{}`", v.text),
            None => format!("`{}` (unresolved)", v.text),
        })
        .collect();
    format!(
        "Condition `{} {}`: request has {has}, policy wants {} → {}",
        c.operator,
        c.key,
        wants.join(" or "),
        c.result
    )
}

/// "Action: `s3:GetObject` matches `s3:GetObject`".
pub fn element_sentence(e: &ElementTrace) -> String {
    format!("{}: {}", e.element, e.reason)
}

/// "Statement 1 `AllowSameTeamObjects` (Allow)".
pub fn statement_title(st: &StatementTrace) -> String {
    let sid = st
        .sid
        .as_deref()
        .map(|s| format!(" `{s}`"))
        .unwrap_or_default();
    format!("Statement {}{sid} ({:?})", st.index + 1, st.effect)
}

/// Where to point for an element: the pattern that matched, else the element's key.
pub fn element_span(e: &ElementTrace) -> Option<Span> {
    e.matched_pattern.as_ref().map(|m| m.span).or(e.span)
}

/// Monaco's range for a span (an empty span covers one character, so it stays visible).
pub fn range_of(span: &Span) -> EditorRange {
    let mut r = EditorRange {
        start_line_number: span.start_line,
        start_column: span.start_column,
        end_line_number: span.end_line,
        end_column: span.end_column,
    };
    if r.start_line_number == r.end_line_number && r.end_column <= r.start_column {
        r.end_column = r.start_column + 1;
    }
    r
}

/// Diagnostics as editor markers, per document (every document gets a list, maybe empty, so
/// old markers are cleared). Diagnostics about the request, not a policy, are left out.
pub fn markers(diagnostics: &[Diagnostic], built: &BuiltScenario) -> Vec<(DocKey, Vec<Marker>)> {
    let mut out: Vec<(DocKey, Vec<Marker>)> =
        built.ids.iter().map(|(_, k)| (*k, Vec::new())).collect();
    for d in diagnostics {
        let (Some(id), Some(span)) = (&d.policy_id, &d.span) else {
            continue;
        };
        let Some(key) = built.doc_of(id) else {
            continue;
        };
        // A managed policy's diagnostics point into its document, not the ARN in the editor
        // (only an unknown name points at the ARN).
        if built.managed_docs.contains(&key) && d.code != "unknown-managed-policy" {
            continue;
        }
        let message = match &d.help {
            Some(h) => format!("{} ({h})", d.message),
            None => d.message.clone(),
        };
        if let Some((_, list)) = out.iter_mut().find(|(k, _)| *k == key) {
            list.push(Marker {
                range: range_of(span),
                message,
                severity: match d.severity {
                    Severity::Error => MarkerSeverity::Error,
                    Severity::Warning => MarkerSeverity::Warning,
                },
                code: d.code.to_string(),
            });
        }
    }
    out
}

/// The statements that decided a result, as highlights per document.
pub fn deciding_decorations(
    result: Option<&EvaluationResult>,
    built: &BuiltScenario,
) -> Vec<(DocKey, Vec<Decoration>)> {
    let mut out: Vec<(DocKey, Vec<Decoration>)> =
        built.ids.iter().map(|(_, k)| (*k, Vec::new())).collect();
    let Some(result) = result else { return out };
    let (class_name, ruler, verb) = match result.eval_decision {
        EvalDecision::ExplicitDeny => ("deciding-deny", "#d03b3b", "denies"),
        _ => ("deciding-allow", "#2e9d57", "allows"),
    };
    for m in &result.matched_statements {
        let Some(key) = built.doc_of(&m.source_policy_id) else {
            continue;
        };
        // A managed policy's statements are in its document, shown read-only, not in the
        // editor's text (the ARN).
        if built.managed_docs.contains(&key) {
            continue;
        }
        let range = EditorRange {
            start_line_number: m.start_position.line,
            start_column: m.start_position.column,
            end_line_number: m.end_position.line,
            end_column: m.end_position.column,
        };
        let hover = format!(
            "This statement {verb} `{}` on `{}`",
            result.eval_action_name, result.eval_resource_name
        );
        if let Some((_, list)) = out.iter_mut().find(|(k, _)| *k == key) {
            list.push(Decoration {
                range,
                class_name,
                hover,
                ruler,
            });
        }
    }
    out
}

/// One line per diagnostic for the result pane: "`PolicyInputList.1` 3:5: message".
pub fn diagnostic_line(d: &Diagnostic) -> String {
    let place = match (&d.policy_id, &d.span) {
        (Some(id), Some(s)) => format!("`{id}` {}:{}: ", s.start_line, s.start_column),
        (Some(id), None) => format!("`{id}`: "),
        (None, _) => "request: ".to_string(),
    };
    let help = d
        .help
        .as_deref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!("{place}{}{help}", d.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::state::AppState;
    use iam_engine::{simulate, Options};

    fn traced(state: &AppState) -> (BuiltScenario, Vec<EvaluationResult>) {
        let built = state.to_scenario();
        let out = simulate(
            &built.scenario,
            &Options {
                trace: true,
                now_epoch_seconds: Some(1_767_225_600),
            },
        );
        (built, out.results.unwrap())
    }

    #[test]
    fn backticks_become_code() {
        assert_eq!(
            segments("request has `eng`, policy wants `ops`"),
            [
                Segment::Text("request has ".into()),
                Segment::Code("eng".into()),
                Segment::Text(", policy wants ".into()),
                Segment::Code("ops".into()),
            ]
        );
        assert_eq!(segments("<b>x</b>"), [Segment::Text("<b>x</b>".into())]);
    }

    #[test]
    fn conditions_read_as_plain_words() {
        let mut st = AppState::default();
        st.request.resource_tags[0].value = "ops".into();
        let (_, results) = traced(&st);
        let get = &results[0];
        assert_eq!(decision_label(get.eval_decision), "Implicit deny");
        let t = get.trace.as_ref().unwrap();
        let st0 = t
            .layers
            .iter()
            .flat_map(|l| &l.policies)
            .flat_map(|p| &p.statements)
            .next()
            .unwrap();
        assert_eq!(
            condition_sentence(&st0.conditions[0]),
            "Condition `StringEquals aws:ResourceTag/team`: request has `ops`, policy wants \
             `${aws:PrincipalTag/team}` (= `eng`) → false"
        );
        assert_eq!(
            statement_title(st0),
            "Statement 1 `AllowSameTeamObjects` (Allow)"
        );
        assert!(element_sentence(&st0.action).starts_with("Action: "));
        let span = element_span(&st0.action).unwrap();
        assert_eq!(&policy_text(&st)[span.start..span.end], "\"s3:GetObject\"");
    }

    fn policy_text(st: &AppState) -> String {
        st.docs[0].text.clone()
    }

    #[test]
    fn deciding_statements_are_highlighted_per_document() {
        let st = AppState::default();
        let (built, results) = traced(&st);
        let decs = deciding_decorations(results.first(), &built);
        assert_eq!(decs.len(), 1);
        let (key, list) = &decs[0];
        assert_eq!(*key, st.docs[0].key);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].class_name, "deciding-allow");
        assert_eq!(list[0].range.start_line_number, 4);
        // The implicit deny of DeleteObject has no deciding statement.
        assert!(deciding_decorations(results.get(1), &built)[0].1.is_empty());
    }

    #[test]
    fn syntax_errors_become_markers_at_their_line_and_column() {
        let mut st = AppState::default();
        st.docs[0].text = "{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}".into();
        let built = st.to_scenario();
        let out = simulate(&built.scenario, &Options::default());
        assert!(out.results.is_none());
        let m = markers(&out.diagnostics, &built);
        assert_eq!(m.len(), 1);
        let first = &m[0].1[0];
        assert_eq!(first.severity, MarkerSeverity::Error);
        assert_eq!(
            (first.range.start_line_number, first.range.start_column),
            (3, 3)
        );
        assert!(diagnostic_line(&out.diagnostics[0]).starts_with("`PolicyInputList.1` 3:3: "));
    }

    #[test]
    fn empty_spans_still_cover_a_character() {
        let s = Span {
            start: 4,
            end: 4,
            start_line: 2,
            start_column: 3,
            end_line: 2,
            end_column: 3,
        };
        assert_eq!(range_of(&s).end_column, 4);
    }
}

//! Evaluating the World text: parse it, simulate the chain and the request, keep the last good
//! result while the text has errors, and place diagnostics in the text.

use std::sync::Arc;

use iam_engine::policy::managed::ManagedPolicies;
use iam_engine::scenario::{names_managed_policy, parse_input_managed, Input};
use iam_engine::span::LineIndex;
use iam_engine::world::WorldScenario;
use iam_engine::{simulate_world, span_in_file, Diagnostic, EvaluationResult, Options, Span};

use crate::platform::monaco::{Marker, MarkerSeverity};
use crate::store::explain;

/// A successful evaluation of a World scenario.
#[derive(Debug)]
pub struct Good {
    /// The World scenario.
    pub world: WorldScenario,
    /// Its results.
    pub results: Vec<EvaluationResult>,
    /// The text evaluated (to place trace spans in it).
    pub text: String,
    /// The request time it was evaluated at (UNIX seconds), for what-if questions about it.
    pub now: i64,
}

impl Good {
    /// Where a span of a policy of the World lies in the World text.
    pub fn file_span(&self, policy_id: &str, span: Span) -> Option<Span> {
        let index = LineIndex::new(&self.text);
        span_in_file(&self.world.origins, policy_id, span, &index)
    }
}

/// What the World mode shows for the current text.
#[derive(Debug, Clone, Default)]
pub struct WorldEval {
    /// The last evaluation without errors.
    pub good: Option<Arc<Good>>,
    /// Whether `good` comes from an earlier text (the current one has errors).
    pub stale: bool,
    /// Errors and warnings of the current text.
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// Set when the text is a v1 (policy list) scenario.
    pub not_world: bool,
    /// The text names AWS managed policies that are still loading.
    pub waiting: bool,
}

/// Evaluate a World scenario text at `now`, with the AWS managed policies once loaded (a text
/// that names one waits for them); errors keep the last good result of `previous`.
pub fn evaluate(
    text: &str,
    previous: &WorldEval,
    now: i64,
    managed: Option<&ManagedPolicies>,
) -> WorldEval {
    let keep = |diagnostics: Vec<Diagnostic>, not_world: bool| WorldEval {
        good: previous.good.clone(),
        stale: previous.good.is_some(),
        diagnostics: Arc::new(diagnostics),
        not_world,
        waiting: false,
    };
    if managed.is_none() && names_managed_policy(text) {
        return WorldEval {
            waiting: true,
            ..keep(Vec::new(), false)
        };
    }
    let (ws, warnings) = match parse_input_managed(text, managed) {
        Err(diags) => return keep(diags, false),
        Ok((Input::Policies(_), w)) => return keep(w, true),
        Ok((Input::World(ws), w)) => (ws, w),
    };
    let opts = Options {
        trace: true,
        now_epoch_seconds: Some(now),
    };
    let outcome = simulate_world(&ws, &opts);
    let mut diagnostics = warnings;
    diagnostics.extend(outcome.diagnostics.iter().cloned());
    match outcome.results {
        Some(results) if !outcome.has_errors() => WorldEval {
            good: Some(Arc::new(Good {
                world: *ws,
                results,
                text: text.to_string(),
                now,
            })),
            stale: false,
            diagnostics: Arc::new(diagnostics),
            not_world: false,
            waiting: false,
        },
        _ => keep(diagnostics, false),
    }
}

/// `LINE:COL` of a diagnostic in the scenario text, when it is known there.
pub fn location(d: &Diagnostic) -> Option<(u32, u32)> {
    d.file_span
        .or(if d.policy_id.is_none() { d.span } else { None })
        .map(|s| (s.start_line, s.start_column))
}

/// The diagnostics placed in the scenario text, as editor markers.
pub fn markers(diags: &[Diagnostic]) -> Vec<Marker> {
    diags
        .iter()
        .filter_map(|d| {
            let span = d
                .file_span
                .or(if d.policy_id.is_none() { d.span } else { None })?;
            let message = match &d.help {
                Some(h) => format!("{} ({h})", d.message),
                None => d.message.clone(),
            };
            Some(Marker {
                range: explain::range_of(&span),
                message,
                severity: if d.is_error() {
                    MarkerSeverity::Error
                } else {
                    MarkerSeverity::Warning
                },
                code: d.code.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_a_location() {
        let e = evaluate("{\n  \"World\": ,\n}", &WorldEval::default(), 0, None);
        assert!(e.good.is_none());
        let d = &e.diagnostics[0];
        assert!(d.is_error());
        assert_eq!(location(d).map(|(l, _)| l), Some(2));
        assert_eq!(markers(&e.diagnostics).len(), 1);
    }

    #[test]
    fn a_policy_list_is_not_a_world() {
        let e = evaluate(
            r#"{"PolicyInputList": [], "ActionNames": ["s3:GetObject"]}"#,
            &WorldEval::default(),
            0,
            None,
        );
        assert!(e.not_world);
    }

    /// A World whose role has `arn:aws:iam::aws:policy/ReadOnlyAccess` attached waits for the
    /// managed policies, then is evaluated with that policy's document.
    #[test]
    fn a_role_with_an_aws_managed_policy() {
        let text = include_str!("../../../crates/cli/tests/golden/world-managed.json");
        let waiting = evaluate(text, &WorldEval::default(), 0, None);
        assert!(waiting.waiting && waiting.good.is_none());
        let data = iam_engine::policy::managed::ManagedPolicies::parse(
            include_str!("../../../crates/engine/data/aws-managed-policies.txt").to_string(),
        )
        .unwrap();
        let e = evaluate(text, &waiting, 0, Some(&data));
        assert!(!e.waiting && !e.stale, "{:?}", e.diagnostics);
        let decisions: Vec<_> = e
            .good
            .as_ref()
            .unwrap()
            .results
            .iter()
            .map(|r| r.eval_decision.as_str())
            .collect();
        assert_eq!(decisions, ["allowed", "implicitDeny"]);
    }
}

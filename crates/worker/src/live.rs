//! The live evaluation of large inputs: what the page shows for the scenario being edited —
//! results with their traces, the engine's diagnostics and the linter's findings — computed
//! here so the page's main thread stays free while a large policy is typed in.
//!
//! A trace of a 1 MB policy (~2,400 statements) is ~5 MB of JSON per result, so the reply
//! leaves out the statements that do not apply ([`prune`]); the page shows those collapsed and
//! asks for them a page at a time ([`Live::statements`]), from the outcome kept here.

use std::collections::VecDeque;

use iam_engine::catalog::Catalog;
use iam_engine::expand::simulate_expanded;
use iam_engine::lint::{lint_policy, PolicyType};
use iam_engine::scenario::{parse_input, Input};
use iam_engine::trace::StatementTrace;
use iam_engine::{simulate, Diagnostic, EvaluationResult, Options, Outcome, Severity};

use crate::protocol::{
    EvaluateReply, PolicyFindings, StatementsReply, WireDiagnostic, WireFinding,
};

/// Policies with at most this many statements are sent whole.
pub const KEEP_ALL: usize = 20;
/// The most statements that apply sent per policy (more are fetched like the others).
pub const KEEP_APPLYING: usize = 50;
/// The most statements a [`Live::statements`] page holds.
pub const MAX_PAGE: usize = 200;
/// How many outcomes are kept for [`Live::statements`] (the page may still show the one
/// before the newest while the newest is on its way).
const KEPT_OUTCOMES: usize = 2;

/// The outcomes of the latest evaluations, by job number.
#[derive(Default)]
pub struct Live {
    kept: VecDeque<(u64, Vec<EvaluationResult>)>,
}

/// Whether the request names wildcard actions (`s3:Get*`), expanded against the catalog.
fn has_wildcards(actions: &[String]) -> bool {
    actions.iter().any(|a| a != "*" && a.contains(['*', '?']))
}

impl Live {
    /// Evaluate `scenario` (scenario-format JSON, as `iam_engine::scenario_to_json` writes the
    /// page's scenario) at `now` with the full trace, lint each of its policies, keep the
    /// outcome as job `job` and reply with the pruned results.
    pub fn evaluate(
        &mut self,
        job: u64,
        scenario: &str,
        now: Option<i64>,
        catalog: Option<&Catalog>,
    ) -> EvaluateReply {
        let opts = Options {
            trace: true,
            now_epoch_seconds: now,
        };
        let (outcome, findings) = match parse_input(scenario) {
            Ok((Input::Policies(s), _)) => {
                let outcome = match catalog {
                    Some(c) if has_wildcards(&s.action_names) => simulate_expanded(&s, &opts, c),
                    _ => simulate(&s, &opts),
                };
                let findings = s
                    .policies()
                    .into_iter()
                    .map(|(p, kind, _)| PolicyFindings {
                        policy_id: p.id.clone(),
                        findings: lint_policy(&p.text, PolicyType::from(kind), catalog)
                            .iter()
                            .map(WireFinding::from)
                            .collect(),
                    })
                    .collect();
                (outcome, findings)
            }
            Ok((Input::World(_), _)) => (
                Outcome {
                    results: None,
                    diagnostics: vec![Diagnostic {
                        severity: Severity::Error,
                        code: "unsupported",
                        message: "a World scenario: the live evaluation takes a policy scenario"
                            .into(),
                        help: None,
                        policy_id: None,
                        span: None,
                        file_span: None,
                    }],
                },
                Vec::new(),
            ),
            Err(diagnostics) => (
                Outcome {
                    results: None,
                    diagnostics,
                },
                Vec::new(),
            ),
        };
        // Every result's trace lists the same policies with the same statements.
        let statement_counts = outcome
            .results
            .iter()
            .flatten()
            .take(1)
            .flat_map(|r| &r.trace)
            .flat_map(|t| &t.layers)
            .flat_map(|l| &l.policies)
            .filter(|p| p.statements.len() > KEEP_ALL)
            .map(|p| (p.policy_id.clone(), p.statements.len()))
            .collect();
        let results = outcome.results.as_ref().map(|r| prune(r));
        if let Some(full) = outcome.results {
            self.kept.push_back((job, full));
            while self.kept.len() > KEPT_OUTCOMES {
                self.kept.pop_front();
            }
        }
        EvaluateReply {
            job,
            results,
            statement_counts,
            diagnostics: outcome
                .diagnostics
                .iter()
                .map(WireDiagnostic::from)
                .collect(),
            findings,
        }
    }

    /// Statements `from..from + count` (by index, at most [`MAX_PAGE`]) of a policy in the
    /// trace of result `result` of job `job`.
    pub fn statements(
        &self,
        job: u64,
        result: usize,
        policy_id: &str,
        from: usize,
        count: usize,
    ) -> StatementsReply {
        let failed = |error: &str| StatementsReply {
            error: Some(error.to_string()),
            statements: Vec::new(),
        };
        let Some((_, results)) = self.kept.iter().find(|(j, _)| *j == job) else {
            return failed("this evaluation was replaced by a newer one");
        };
        let Some(policy) = results
            .get(result)
            .and_then(|r| r.trace.as_ref())
            .and_then(|t| {
                t.layers
                    .iter()
                    .flat_map(|l| &l.policies)
                    .find(|p| p.policy_id == policy_id)
            })
        else {
            return failed("no such policy in this result");
        };
        StatementsReply {
            error: None,
            statements: policy
                .statements
                .iter()
                .skip(from)
                .take(count.min(MAX_PAGE))
                .cloned()
                .collect(),
        }
    }
}

/// The results with their traces cut down to what the page shows first: every statement of a
/// policy with at most [`KEEP_ALL`], else the statements that apply (at most
/// [`KEEP_APPLYING`]).
pub fn prune(results: &[EvaluationResult]) -> Vec<EvaluationResult> {
    results
        .iter()
        .map(|r| {
            let mut r = r.clone();
            for p in r
                .trace
                .iter_mut()
                .flat_map(|t| &mut t.layers)
                .flat_map(|l| &mut l.policies)
            {
                if p.statements.len() > KEEP_ALL {
                    let kept: Vec<StatementTrace> = p
                        .statements
                        .iter()
                        .filter(|s| s.applies)
                        .take(KEEP_APPLYING)
                        .cloned()
                        .collect();
                    p.statements = kept;
                }
            }
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use iam_engine::{parse_scenario, scenario_to_json, simulate, Options};

    use super::*;

    fn policy(statements: usize) -> String {
        let mut list = vec![r#"{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#.to_string()];
        for i in 0..statements - 1 {
            list.push(format!(
                r#"{{"Sid":"Other{i}","Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{{"StringEquals":{{"aws:RequestedRegion":"us-east-1"}}}}}}"#
            ));
        }
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
            list.join(",\n")
        )
    }

    fn scenario(policy: &str, actions: &[&str]) -> String {
        serde_json::json!({
            "PolicyInputList": [policy],
            "CallerArn": "arn:aws:iam::111122223333:user/alice",
            "ActionNames": actions,
            "ResourceArns": ["arn:aws:s3:::b/k"],
        })
        .to_string()
    }

    #[test]
    fn the_reply_is_the_outcome_with_the_statements_that_do_not_apply_left_out() {
        let text = scenario(&policy(300), &["s3:GetObject", "s3:PutObject"]);
        let mut live = Live::default();
        let reply = live.evaluate(7, &text, Some(1_700_000_000), None);
        assert_eq!(reply.job, 7);
        let opts = Options {
            trace: true,
            now_epoch_seconds: Some(1_700_000_000),
        };
        let full = simulate(&parse_scenario(&text).unwrap(), &opts);
        let full = full.results.unwrap();
        let results = reply.results.as_ref().unwrap();
        assert_eq!(results.len(), 2);
        for (got, want) in results.iter().zip(&full) {
            assert_eq!(got.eval_decision, want.eval_decision);
            assert_eq!(got.matched_statements, want.matched_statements);
        }
        let kept = &results[0]
            .trace
            .as_ref()
            .unwrap()
            .layers
            .iter()
            .flat_map(|l| &l.policies)
            .find(|p| p.policy_id == "PolicyInputList.1")
            .unwrap()
            .statements;
        assert_eq!(kept.len(), 1, "only the statement that applies");
        assert_eq!(kept[0].sid.as_deref(), Some("Read"));
        assert_eq!(
            reply.statement_counts,
            vec![("PolicyInputList.1".to_string(), 300)]
        );
        // The rest come a page at a time, from the outcome kept here.
        let page = live.statements(7, 0, "PolicyInputList.1", 100, 50);
        assert_eq!(page.error, None);
        assert_eq!(page.statements.len(), 50);
        assert_eq!(page.statements[0].index, 100);
        assert!(live
            .statements(6, 0, "PolicyInputList.1", 0, 10)
            .error
            .is_some());
        // The traces in a reply are far smaller than the whole outcome's (the rest of a
        // reply is the findings: here one per repeated statement).
        let traces = serde_json::to_string(&reply.results).unwrap();
        let whole = serde_json::to_string(&full).unwrap();
        assert!(
            traces.len() * 50 < whole.len(),
            "{} vs {}",
            traces.len(),
            whole.len()
        );
        let json = serde_json::to_string(&reply).unwrap();
        // … and reads back as the engine's own types.
        let back: EvaluateReply = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back.into_results().unwrap()[0].matched_statements,
            full[0].matched_statements
        );
    }

    #[test]
    fn lint_findings_and_errors_come_with_their_policy() {
        let broken = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}"#;
        let mut live = Live::default();
        let reply = live.evaluate(1, &scenario(broken, &["s3:GetObject"]), None, None);
        assert!(reply.results.is_none());
        assert!(reply
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error
                && d.policy_id.as_deref() == Some("PolicyInputList.1")));
        let catalog = Catalog::parse(include_str!("../../engine/data/iam-catalog.txt")).unwrap();
        let typo = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}"#;
        let reply = live.evaluate(2, &scenario(typo, &["s3:GetObject"]), None, Some(&catalog));
        assert_eq!(reply.findings.len(), 1);
        assert!(reply.findings[0]
            .findings
            .iter()
            .any(|f| f.code == "unknown-action"));
        // Policies this small are sent whole.
        assert!(reply.statement_counts.is_empty());
    }

    #[test]
    fn the_page_scenario_survives_the_trip() {
        // What the page sends: its scenario written by the engine, read back here.
        let text = scenario(&policy(3), &["s3:GetObject"]);
        let s = parse_scenario(&text).unwrap();
        let again = scenario_to_json(&s);
        let mut live = Live::default();
        let a = live.evaluate(1, &text, None, None);
        let b = live.evaluate(2, &again, None, None);
        assert_eq!(
            serde_json::to_string(&a.results).unwrap(),
            serde_json::to_string(&b.results).unwrap()
        );
    }
}

//! A scenario's expectations checked against the results of simulating it (the app's exercise
//! mode, `iam-sim test`).

use super::outcome::EvaluationResult;
use crate::scenario::expected::Expectation;
use crate::trace::EvalDecision;

/// One expectation and the decision the engine gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was expected.
    pub expected: Expectation,
    /// The engine's decision; `None` when the scenario does not make that request.
    pub actual: Option<EvalDecision>,
}

impl Check {
    /// Whether the engine agrees.
    pub fn pass(&self) -> bool {
        self.actual.map(EvalDecision::as_str) == Some(self.expected.decision.as_str())
    }
}

/// Check every expectation against `results`: the result of the same action (compared without
/// regard to case, as IAM compares actions) on the same resource.
pub fn check(expected: &[Expectation], results: &[EvaluationResult]) -> Vec<Check> {
    expected
        .iter()
        .map(|e| Check {
            expected: e.clone(),
            actual: results
                .iter()
                .find(|r| {
                    r.eval_action_name.eq_ignore_ascii_case(&e.action)
                        && r.eval_resource_name == e.resource
                })
                .map(|r| r.eval_decision),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::scenario::{parse_input, Input};
    use crate::simulate::{simulate, Options};

    #[test]
    fn expectations_meet_the_decisions() {
        // SPEC §6.3: an applicable Allow and no Deny → allowed; nothing applies → implicit deny.
        let text = r#"{
 "PolicyInputList": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}],
 "ActionNames": ["s3:GetObject", "s3:PutObject"],
 "Expected": [
  {"Action": "S3:GetObject", "Resource": "*", "Decision": "allowed"},
  {"Action": "s3:PutObject", "Resource": "*", "Decision": "allowed"},
  {"Action": "s3:DeleteObject", "Resource": "*", "Decision": "implicitDeny"}]}"#;
        let Input::Policies(s) = parse_input(text).unwrap().0 else {
            panic!("a policy scenario")
        };
        let results = simulate(&s, &Options::default()).results.unwrap();
        let checks = check(&s.expected, &results);
        // Actions compare without regard to case, as IAM compares them.
        assert!(checks[0].pass());
        assert_eq!(checks[1].actual, Some(EvalDecision::ImplicitDeny));
        assert!(!checks[1].pass());
        // The scenario does not make this request.
        assert_eq!(checks[2].actual, None);
        assert!(!checks[2].pass());
    }
}

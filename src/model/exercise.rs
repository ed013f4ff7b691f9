//! Exercise checks: a scenario may carry the decision each request should get ([`Expected`]);
//! each is checked against the engine's results. The panel (`features::teach::exercise`) shows
//! them, the embed reports them to its host page. For classrooms, a learner predicts each
//! request's decision (a prediction has the same shape as an expectation) before the answer
//! shows, and gets a [`Score`].

use iam_engine::scenario::Expectation;
use iam_engine::EvaluationResult;

use crate::model::state::Expected;

/// One expectation checked against the results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was expected.
    pub expected: Expected,
    /// The decision the engine gave (`None`: the request is no longer in the scenario).
    pub actual: Option<String>,
}

impl Check {
    /// Whether the engine agrees.
    pub fn pass(&self) -> bool {
        self.actual.as_deref() == Some(self.expected.decision.as_str())
    }
}

/// Check every expectation (the engine's check, which `iam-sim test` runs too).
pub fn check(expected: &[Expected], results: &[EvaluationResult]) -> Vec<Check> {
    let engine: Vec<Expectation> = expected
        .iter()
        .map(|e| Expectation {
            action: e.action.clone(),
            resource: e.resource.clone(),
            decision: e.decision.clone(),
            ..Expectation::default()
        })
        .collect();
    iam_engine::simulate::check(&engine, results)
        .into_iter()
        .zip(expected)
        .map(|(c, e)| Check {
            expected: e.clone(),
            actual: c.actual.map(|d| d.as_str().to_string()),
        })
        .collect()
}

/// The current decisions as expectations.
pub fn expect_current(results: &[EvaluationResult]) -> Vec<Expected> {
    results
        .iter()
        .map(|r| Expected {
            action: r.eval_action_name.clone(),
            resource: r.eval_resource_name.clone(),
            decision: r.eval_decision.as_str().to_string(),
        })
        .collect()
}

/// The prediction made for a request, if any.
pub fn prediction<'p>(
    predictions: &'p [Expected],
    action: &str,
    resource: &str,
) -> Option<&'p Expected> {
    predictions
        .iter()
        .find(|p| p.action == action && p.resource == resource)
}

/// Record (or change) the prediction for a request.
pub fn predict(predictions: &mut Vec<Expected>, action: &str, resource: &str, decision: &str) {
    predictions.retain(|p| !(p.action == action && p.resource == resource));
    predictions.push(Expected {
        action: action.to_string(),
        resource: resource.to_string(),
        decision: decision.to_string(),
    });
}

/// Whether a request's answer is hidden: answers are hidden until predicted, this request has
/// no prediction yet, and the teacher view is off.
pub fn hidden(
    hide: bool,
    reveal: bool,
    predictions: &[Expected],
    action: &str,
    resource: &str,
) -> bool {
    hide && !reveal && prediction(predictions, action, resource).is_none()
}

/// How the predictions fare against the engine's decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    /// Predictions that match the engine's decision.
    pub right: usize,
    /// Requests predicted.
    pub predicted: usize,
    /// Requests to predict.
    pub total: usize,
}

impl Score {
    /// "2 of 3 right" (and how many are left).
    pub fn words(&self) -> String {
        let left = self.total - self.predicted.min(self.total);
        if self.predicted == 0 {
            format!("none yet, {left} to predict")
        } else if left == 0 {
            format!("{} of {} right", self.right, self.total)
        } else {
            format!(
                "{} of {} right, {left} still to predict",
                self.right, self.predicted
            )
        }
    }
}

/// The score of `predictions` over `results` (every request shown counts once).
pub fn score(predictions: &[Expected], results: &[EvaluationResult]) -> Score {
    let mut s = Score {
        total: results.len(),
        ..Score::default()
    };
    for r in results {
        if let Some(p) = prediction(predictions, &r.eval_action_name, &r.eval_resource_name) {
            s.predicted += 1;
            if p.decision == r.eval_decision.as_str() {
                s.right += 1;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::state::AppState;
    use iam_engine::{simulate, Options};

    #[test]
    fn expectations_pass_and_fail() {
        let st = AppState::default();
        let opts = Options {
            trace: false,
            now_epoch_seconds: Some(0),
        };
        let results = simulate(&st.to_scenario().scenario, &opts).results.unwrap();
        let mut exp = expect_current(&results);
        assert!(check(&exp, &results).iter().all(Check::pass));
        exp[0].decision = "explicitDeny".into();
        exp.push(Expected {
            action: "s3:Nothing".into(),
            resource: "*".into(),
            decision: "allowed".into(),
        });
        let c = check(&exp, &results);
        assert!(!c[0].pass() && c[1].pass() && !c[2].pass());
        assert_eq!(c[2].actual, None);
    }

    #[test]
    fn predictions_hide_reveal_and_score() {
        let st = AppState::default();
        let opts = Options {
            trace: false,
            now_epoch_seconds: Some(0),
        };
        let results = simulate(&st.to_scenario().scenario, &opts).results.unwrap();
        let (a, r) = (&results[0].eval_action_name, &results[0].eval_resource_name);
        let mut p = Vec::new();
        assert!(hidden(true, false, &p, a, r));
        assert!(
            !hidden(false, false, &p, a, r),
            "answers shown when not hiding"
        );
        assert!(
            !hidden(true, true, &p, a, r),
            "the teacher view shows everything"
        );
        assert_eq!(score(&p, &results).words(), "none yet, 2 to predict");
        predict(&mut p, a, r, "implicitDeny");
        predict(&mut p, a, r, "allowed");
        assert_eq!(p.len(), 1, "a new prediction replaces the old one");
        assert!(!hidden(true, false, &p, a, r));
        let (a2, r2) = (&results[1].eval_action_name, &results[1].eval_resource_name);
        predict(&mut p, a2, r2, "explicitDeny");
        let s = score(&p, &results);
        assert_eq!((s.right, s.predicted, s.total), (1, 2, 2));
        assert_eq!(s.words(), "1 of 2 right");
    }
}

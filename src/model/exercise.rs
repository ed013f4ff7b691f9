//! Exercise checks: a scenario may carry the decision each request should get ([`Expected`]);
//! each is checked against the engine's results. The panel (`features::teach::exercise`) shows
//! them, the embed reports them to its host page.

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
}

//! A learner's progress through a lesson: the step open and the decision predicted for each
//! answer of each step. A step's answer is shown once every one of its requests has a
//! prediction (or the learner chose to see it without predicting: `skipped`). Kept in the
//! browser as JSON (`platform::storage`), one entry per lesson id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::format::Lesson;

/// What a learner chose instead of predicting.
pub const SKIPPED: &str = "skipped";

/// Progress through one lesson.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The step open (0-based).
    pub step: usize,
    /// Per step (0-based): the prediction for each answer, in order (`allowed`,
    /// `explicitDeny`, `implicitDeny`, or `skipped`; empty: not yet).
    pub predictions: BTreeMap<usize, Vec<String>>,
}

/// A score over the steps answered so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Predictions that matched the engine's decision.
    pub correct: usize,
    /// Predictions made (skipped ones not counted).
    pub predicted: usize,
    /// Requests asked about in the whole lesson.
    pub total: usize,
    /// Steps whose answer is shown.
    pub steps_done: usize,
}

impl Progress {
    /// The prediction for answer `row` of step `step`.
    pub fn predicted(&self, step: usize, row: usize) -> Option<&str> {
        self.predictions
            .get(&step)
            .and_then(|p| p.get(row))
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Record a prediction (a step's answer, once shown, is not predicted again).
    pub fn predict(&mut self, step: usize, row: usize, rows: usize, decision: &str) {
        if self.revealed(step, rows) {
            return;
        }
        let p = self.predictions.entry(step).or_default();
        p.resize(rows.max(p.len()), String::new());
        if let Some(slot) = p.get_mut(row) {
            *slot = decision.to_string();
        }
    }

    /// Whether every answer of the step has a prediction, so the answer is shown.
    pub fn revealed(&self, step: usize, rows: usize) -> bool {
        (0..rows).all(|r| self.predicted(step, r).is_some())
    }

    /// Show the step's answer without predicting the rest.
    pub fn skip(&mut self, step: usize, rows: usize) {
        for r in 0..rows {
            if self.predicted(step, r).is_none() {
                let p = self.predictions.entry(step).or_default();
                p.resize(rows.max(p.len()), String::new());
                if let Some(slot) = p.get_mut(r) {
                    *slot = SKIPPED.to_string();
                }
            }
        }
    }

    /// The score against the lesson's answers.
    pub fn score(&self, lesson: &Lesson) -> Score {
        let mut s = Score::default();
        for (i, step) in lesson.steps.iter().enumerate() {
            s.total += step.answers.len();
            if self.revealed(i, step.answers.len()) {
                s.steps_done += 1;
            }
            for (r, a) in step.answers.iter().enumerate() {
                match self.predicted(i, r) {
                    None | Some(SKIPPED) => {}
                    Some(p) => {
                        s.predicted += 1;
                        if p == a.decision.as_str() {
                            s.correct += 1;
                        }
                    }
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON: &str = r#"{"Lesson": 1, "Title": "T", "World": {},
      "Steps": [
        {"Title": "a", "Text": "t", "Question": "q", "Request": {},
         "Answers": [{"Action": "s3:GetObject", "Decision": "allowed"},
                     {"Action": "s3:PutObject", "Decision": "implicitDeny"}]},
        {"Title": "b", "Text": "t", "Question": "q", "Request": {},
         "Answers": [{"Action": "s3:GetObject", "Decision": "explicitDeny"}]}
      ]}"#;

    #[test]
    fn predictions_reveal_and_score() {
        let lesson = Lesson::parse(LESSON).unwrap();
        let mut p = Progress::default();
        assert!(!p.revealed(0, 2));
        p.predict(0, 1, 2, "implicitDeny");
        assert!(!p.revealed(0, 2), "one of two predicted");
        p.predict(0, 0, 2, "explicitDeny");
        assert!(p.revealed(0, 2));
        // Once shown, a prediction no longer changes.
        p.predict(0, 0, 2, "allowed");
        assert_eq!(p.predicted(0, 0), Some("explicitDeny"));
        p.skip(1, 1);
        assert!(p.revealed(1, 1));
        assert_eq!(
            p.score(&lesson),
            Score {
                correct: 1,
                predicted: 2,
                total: 3,
                steps_done: 2
            }
        );
        // Kept as JSON.
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Progress>(&json).unwrap(), p);
    }
}

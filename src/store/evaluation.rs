//! The engine's answer for the current input ([`Evaluation`]): the latest good results (kept,
//! dimmed, while a policy is broken or while a large input is evaluated in the engine worker)
//! and the latest diagnostics. Plain functions; the store runs [`Evaluation::next`] (on this
//! thread) or [`Evaluation::from_worker`] (a large input) in a `Memo` over the state.

use std::sync::Arc;

use iam_engine::catalog::Catalog;
use iam_engine::expand::simulate_expanded;
use iam_engine::{simulate, Diagnostic, EvaluationResult, Options, Scenario};

use crate::store::live::{Findings, LeftOut, Route, WorkerAnswer};

/// What the result pane shows: the latest good results (kept, dimmed, while a policy is
/// broken) and the latest diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Results of the last evaluation that had no error.
    pub results: Option<Arc<Vec<EvaluationResult>>>,
    /// Whether `results` are from an earlier input (the current one has errors).
    pub stale: bool,
    /// Diagnostics of the current input (of the last one evaluated while `pending`).
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// Bumped on every evaluation.
    pub generation: u64,
    /// The input names AWS managed policies that are still loading: `results` are the last
    /// ones, and nothing is decided until they are there.
    pub waiting: bool,
    /// Where this input was evaluated.
    pub route: Route,
    /// The linter's findings per policy id, when the worker linted (large inputs); the page
    /// lints small inputs itself.
    pub findings: Option<Arc<Findings>>,
    /// For results from the worker: the live job whose outcome holds the statements the traces
    /// leave out, and how many statements each such policy has.
    pub left_out: Option<Arc<LeftOut>>,
    /// How long the engine took, in milliseconds (on this thread, or in the worker).
    pub ms: f64,
}

impl PartialEq for Evaluation {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

/// Whether the request names wildcard actions (`s3:Get*`), which need the service catalog.
pub fn has_wildcard_actions(scenario: &Scenario) -> bool {
    scenario
        .action_names
        .iter()
        .any(|a| a != "*" && a.contains(['*', '?']))
}

impl Evaluation {
    /// Evaluate `scenario` at `now` (wildcard actions expanded against `catalog` when given);
    /// when the input has errors, the results of `prev` are kept, marked stale.
    pub fn next(
        scenario: &Scenario,
        catalog: Option<&Catalog>,
        now: i64,
        prev: Option<&Evaluation>,
    ) -> Evaluation {
        Self::next_with(scenario, catalog, now, prev, &[])
    }

    /// The input names AWS managed policies that have not loaded yet: keep the last results
    /// and wait.
    pub fn waiting(prev: Option<&Evaluation>) -> Evaluation {
        Evaluation {
            results: prev.and_then(|p| p.results.clone()),
            stale: prev.is_some_and(|p| p.results.is_some()),
            diagnostics: Arc::new(Vec::new()),
            generation: prev.map_or(1, |p| p.generation + 1),
            waiting: true,
            ..Evaluation::default()
        }
    }

    /// [`Evaluation::next`] with problems found while building the scenario (an unknown
    /// managed-policy name): with any, nothing is evaluated and the last results are kept.
    pub fn next_with(
        scenario: &Scenario,
        catalog: Option<&Catalog>,
        now: i64,
        prev: Option<&Evaluation>,
        problems: &[Diagnostic],
    ) -> Evaluation {
        if !problems.is_empty() {
            return Evaluation {
                results: prev.and_then(|p| p.results.clone()),
                stale: true,
                diagnostics: Arc::new(problems.to_vec()),
                generation: prev.map_or(1, |p| p.generation + 1),
                ..Evaluation::default()
            };
        }
        let opts = Options {
            trace: true,
            now_epoch_seconds: Some(now),
        };
        let outcome = match catalog {
            Some(c) => simulate_expanded(scenario, &opts, c),
            None => simulate(scenario, &opts),
        };
        let generation = prev.map_or(1, |p| p.generation + 1);
        let diagnostics = Arc::new(outcome.diagnostics);
        match outcome.results {
            Some(r) => Evaluation {
                results: Some(Arc::new(r)),
                diagnostics,
                generation,
                ..Evaluation::default()
            },
            None => Evaluation {
                results: prev.and_then(|p| p.results.clone()),
                stale: true,
                diagnostics,
                generation,
                ..Evaluation::default()
            },
        }
    }

    /// A large input: the worker's answer to it when it has come, else `prev` unchanged (the
    /// same generation, so nothing that shows it is rebuilt while the worker works; the store
    /// says the input is pending).
    pub fn from_worker(answer: Option<&WorkerAnswer>, prev: Option<&Evaluation>) -> Evaluation {
        let Some(a) = answer else {
            return prev.cloned().unwrap_or_default();
        };
        let generation = prev.map_or(1, |p| p.generation + 1);
        let findings = Some(a.findings.clone());
        match &a.results {
            Some(results) => Evaluation {
                results: Some(results.clone()),
                stale: false,
                diagnostics: a.diagnostics.clone(),
                generation,
                route: Route::Worker,
                waiting: false,
                findings,
                left_out: Some(a.left_out.clone()),
                ms: a.ms,
            },
            None => {
                // Errors: the last good results stay (with whatever let their traces grow).
                let (results, left_out) = prev
                    .map(|p| (p.results.clone(), p.left_out.clone()))
                    .unwrap_or_default();
                Evaluation {
                    stale: true,
                    results,
                    diagnostics: a.diagnostics.clone(),
                    generation,
                    route: Route::Worker,
                    waiting: false,
                    findings,
                    left_out,
                    ms: a.ms,
                }
            }
        }
    }
}

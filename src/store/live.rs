//! Evaluating as the user types: small inputs on this thread on every change, large ones in
//! the engine worker, so the page never freezes.
//!
//! The rule ([`route`]): an input whose policies hold [`LARGE_INPUT_BYTES`] or more, or whose
//! last evaluation here took [`SLOW_MS`] or more, is evaluated in the worker (it stays there
//! while the worker needs half of that or more). Evaluations under [`FAST_MS`] run on every
//! change; slower ones get the [`EDIT_DEBOUNCE_MS`] debounce ([`edit_delay`]).
//!
//! In the worker, the newest input wins: one job runs at a time, only the newest input waits
//! behind it, and an answer to an input that changed meanwhile is dropped
//! ([`evaluate_large_inputs`]). Until the answer comes the page keeps showing what it showed,
//! dimmed.

use std::sync::Arc;

use iam_engine::lint::Finding;
use iam_engine::{scenario_to_json, Diagnostic, EvaluationResult};
use iam_worker::protocol::{EvaluateReply, StatementsReply};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::state::BuiltScenario;
use crate::platform::page::{fixed, set_root_attribute};
use crate::platform::worker::{self, intern, Finished};

/// From this many bytes of policy text on, an input is evaluated in the worker. Measured in
/// Chromium (bench/README.md): the app's engine (built for size) parses, validates, decides
/// with the trace and lints ~0.25 ms per KB of policy, so 64 KB is ~16 ms of work — the most
/// one keystroke should cost on the page. Under it, an edit is evaluated at once.
pub const LARGE_INPUT_BYTES: usize = 64 * 1024;
/// An evaluation on this thread that took this long sends the next ones to the worker (wildcard
/// actions expanded over the catalog can be slow on small inputs).
pub const SLOW_MS: f64 = 50.0;
/// Evaluations faster than this run on every change, without a debounce.
pub const FAST_MS: f64 = 4.0;
/// The debounce, for slower evaluations only: the delay between the last edit and evaluating.
pub const EDIT_DEBOUNCE_MS: u32 = 120;

/// Where an input is evaluated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Route {
    /// On the page's main thread, as the user types.
    #[default]
    Page,
    /// In the engine worker.
    Worker,
}

impl Route {
    /// `page` or `worker` (for figures and tests: `data-evaluated-in`).
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Page => "page",
            Route::Worker => "worker",
        }
    }
}

/// What the last evaluation cost, and where it ran.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cost {
    /// Where.
    pub route: Route,
    /// The engine's time, in milliseconds.
    pub ms: f64,
}

/// Where to evaluate an input with `bytes` of policy text, after an evaluation that cost
/// `last` (and unless the worker cannot run).
pub fn route(bytes: usize, last: Cost, worker_failed: bool) -> Route {
    if worker_failed {
        return Route::Page;
    }
    if bytes >= LARGE_INPUT_BYTES {
        return Route::Worker;
    }
    match last.route {
        Route::Page if last.ms >= SLOW_MS => Route::Worker,
        Route::Worker if last.ms >= SLOW_MS / 2.0 => Route::Worker,
        _ => Route::Page,
    }
}

/// The delay between an edit and its evaluation after an evaluation that cost `last`: none
/// while evaluations are fast, the debounce otherwise.
pub fn edit_delay(last: Cost) -> u32 {
    if last.route == Route::Page && last.ms < FAST_MS {
        0
    } else {
        EDIT_DEBOUNCE_MS
    }
}

/// Bytes of policy text in a scenario.
pub fn policy_bytes(built: &BuiltScenario) -> usize {
    built
        .scenario
        .policies()
        .iter()
        .map(|(p, _, _)| p.text.len())
        .sum()
}

/// The statements a worker's traces leave out, and where to get them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The live job whose outcome the worker keeps.
    pub job: u64,
    /// `(policy id, number of statements)` of the policies cut down to their statements that
    /// apply.
    pub counts: Vec<(String, usize)>,
}

impl LeftOut {
    /// How many statements a policy has, when its trace was cut down.
    pub fn count(&self, policy_id: &str) -> Option<usize> {
        self.counts
            .iter()
            .find(|(id, _)| id == policy_id)
            .map(|(_, n)| *n)
    }
}

/// One input to evaluate: numbered, so that a worker's answer can be matched to it.
#[derive(Debug, Clone)]
pub struct Input {
    /// Bumped on every change of the input.
    pub seq: u64,
    /// The request time (UNIX seconds).
    pub now: i64,
    /// Where it is evaluated.
    pub route: Route,
    /// Whether the request names wildcard actions and the catalog (to expand them against)
    /// has loaded.
    pub with_catalog: bool,
}

impl PartialEq for Input {
    fn eq(&self, other: &Self) -> bool {
        self.seq == other.seq
    }
}

/// The linter's findings per policy id.
pub type Findings = Vec<(String, Vec<Finding>)>;

/// The worker's answer to one input, read.
#[derive(Debug, Clone)]
pub struct WorkerAnswer {
    /// The input it answers.
    pub seq: u64,
    /// Its results (traces cut down, see [`LeftOut`]); `None` when it has errors.
    pub results: Option<Arc<Vec<EvaluationResult>>>,
    /// The engine's diagnostics.
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// The linter's findings per policy id.
    pub findings: Arc<Findings>,
    /// What the traces leave out.
    pub left_out: Arc<LeftOut>,
    /// The engine's time in the worker.
    pub ms: f64,
}

/// The engine writes SCP levels in AWS's `OrderedOrganizationPolicyInputList`, so the worker,
/// reading what the page wrote, names an SCP `OrderedOrganizationPolicyInputList.LEVEL.N`; the
/// page names it `ServiceControlPolicyInputList.LEVEL.N` (`model::state`).
const WORKER_SCP: &str = "OrderedOrganizationPolicyInputList.";
/// The page's prefix of SCP ids.
const PAGE_SCP: &str = "ServiceControlPolicyInputList.";

/// A policy id of the worker's as the page names it.
pub fn page_id(id: &str) -> String {
    match id.strip_prefix(WORKER_SCP) {
        Some(rest) => format!("{PAGE_SCP}{rest}"),
        None => id.to_string(),
    }
}

/// A policy id of the page's as the worker names it (to ask for its statements).
pub fn worker_id(id: &str) -> String {
    match id.strip_prefix(PAGE_SCP) {
        Some(rest) => format!("{WORKER_SCP}{rest}"),
        None => id.to_string(),
    }
}

/// Every policy id in a reply, as the page names it.
fn to_page_ids(reply: &mut EvaluateReply) {
    let fix = |id: &mut String| *id = page_id(id);
    for r in reply.results.iter_mut().flatten() {
        for m in &mut r.matched_statements {
            fix(&mut m.source_policy_id);
        }
        for p in r
            .trace
            .iter_mut()
            .flat_map(|t| &mut t.layers)
            .flat_map(|l| &mut l.policies)
        {
            fix(&mut p.policy_id);
        }
    }
    for (id, _) in &mut reply.statement_counts {
        fix(id);
    }
    for id in reply.diagnostics.iter_mut().flat_map(|d| &mut d.policy_id) {
        fix(id);
    }
    for p in &mut reply.findings {
        fix(&mut p.policy_id);
    }
}

impl WorkerAnswer {
    /// Read a reply into the engine's types (policy ids as the page names them).
    pub fn read(seq: u64, mut reply: EvaluateReply, ms: f64) -> Self {
        to_page_ids(&mut reply);
        let left_out = Arc::new(LeftOut {
            job: reply.job,
            counts: reply.statement_counts.clone(),
        });
        let diagnostics = reply
            .diagnostics
            .iter()
            .cloned()
            .map(|d| d.into_diagnostic(intern))
            .collect();
        let findings = reply
            .findings
            .iter()
            .map(|p| {
                let list = p
                    .findings
                    .iter()
                    .map(|f| Finding {
                        kind: f.kind,
                        code: intern(&f.code),
                        message: f.message.clone(),
                        help: f.help.clone(),
                        span: f.span,
                        policy_id: Some(p.policy_id.clone()),
                        file_span: None,
                    })
                    .collect();
                (p.policy_id.clone(), list)
            })
            .collect();
        Self {
            seq,
            results: reply.into_results().map(Arc::new),
            diagnostics: Arc::new(diagnostics),
            findings: Arc::new(findings),
            left_out,
            ms,
        }
    }
}

/// A job waiting for the worker.
struct Job {
    seq: u64,
    scenario: String,
    now: i64,
}

/// One job runs; only the newest input waits.
#[derive(Default)]
struct Queue {
    running: bool,
    next: Option<Job>,
}

/// Effect: every input routed to the worker is sent to it (written as scenario JSON), newest
/// first; `answer` gets the answer when its input is still the current one. When the worker
/// cannot run, `failed` is set (inputs then go back to the page) and `notice` says why.
pub fn evaluate_large_inputs(
    input: Memo<Input>,
    built: Memo<BuiltScenario>,
    answer: RwSignal<Option<Arc<WorkerAnswer>>>,
    failed: RwSignal<bool>,
    notice: RwSignal<Option<String>>,
) {
    let queue = StoredValue::new_local(Queue::default());
    let send = move |job: Job| {
        if queue.with_value(|q| q.running) {
            queue.update_value(|q| q.next = Some(job));
            return;
        }
        queue.update_value(|q| q.running = true);
        spawn_local(async move {
            let mut job = job;
            loop {
                let done = worker::evaluate(job.seq, &job.scenario, Some(job.now)).await;
                let current = input.with_untracked(|i| i.seq) == job.seq;
                match done {
                    Ok(done) if current => {
                        show_figures(&done);
                        let read = WorkerAnswer::read(job.seq, done.reply, done.engine_ms);
                        answer.set(Some(Arc::new(read)));
                    }
                    // An answer to an older input: dropped.
                    Ok(_) => {}
                    Err(e) => {
                        notice.set(Some(format!(
                            "{e}; large inputs are evaluated on the page instead"
                        )));
                        failed.set(true);
                    }
                }
                match queue.try_update_value(|q| q.next.take()).flatten() {
                    Some(next) => job = next,
                    None => {
                        queue.update_value(|q| q.running = false);
                        break;
                    }
                }
            }
        });
    };
    Effect::new(move |_| {
        let i = input.get();
        if i.route != Route::Worker {
            return;
        }
        let scenario = built.with_untracked(|b| scenario_to_json(&b.scenario));
        send(Job {
            seq: i.seq,
            scenario,
            now: i.now,
        });
    });
}

/// The worker's figures on the root element, for the figures script and the tests.
fn show_figures<T>(done: &Finished<T>) {
    set_root_attribute("data-worker-engine-ms", &fixed(done.engine_ms, 1));
    set_root_attribute("data-worker-round-trip-ms", &fixed(done.round_trip_ms, 1));
    set_root_attribute("data-worker-reply-bytes", &done.reply_bytes.to_string());
    set_root_attribute("data-worker-read-ms", &fixed(done.read_ms, 1));
}

/// A page of a policy's statement traces that the engine worker's trace left out: live job,
/// result index, the worker's policy id, first statement index, how many.
pub type StatementsPage =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<StatementsReply, String>>>>;

/// How the trace view fetches the statements a worker's trace left out. Provided as context by
/// the playground page, which runs the engine worker; the embed, which has none, does not
/// provide it, so its build carries no worker client.
#[derive(Clone, Copy)]
pub struct StatementPager(pub fn(u64, usize, String, usize, usize) -> StatementsPage);

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(route: Route, ms: f64) -> Cost {
        Cost { route, ms }
    }

    #[test]
    fn large_or_slow_inputs_go_to_the_worker_and_come_back_when_fast() {
        let fast = cost(Route::Page, 0.5);
        assert_eq!(route(1_000, fast, false), Route::Page);
        assert_eq!(route(LARGE_INPUT_BYTES, fast, false), Route::Worker);
        // Slow on the page: the next one goes to the worker…
        assert_eq!(route(1_000, cost(Route::Page, 80.0), false), Route::Worker);
        // … and stays there while the worker still needs half as long.
        assert_eq!(
            route(1_000, cost(Route::Worker, 30.0), false),
            Route::Worker
        );
        assert_eq!(route(1_000, cost(Route::Worker, 5.0), false), Route::Page);
        // Without a worker, everything is evaluated on the page.
        assert_eq!(route(LARGE_INPUT_BYTES * 10, fast, true), Route::Page);
    }

    #[test]
    fn scp_ids_are_named_as_the_page_names_them() {
        assert_eq!(
            page_id("OrderedOrganizationPolicyInputList.2.1"),
            "ServiceControlPolicyInputList.2.1"
        );
        assert_eq!(
            worker_id("ServiceControlPolicyInputList.2.1"),
            "OrderedOrganizationPolicyInputList.2.1"
        );
        for id in ["PolicyInputList.1", "ResourceControlPolicyInputList.1.1"] {
            assert_eq!(page_id(id), id);
            assert_eq!(worker_id(id), id);
        }
    }

    #[test]
    fn only_slow_evaluations_are_debounced() {
        assert_eq!(edit_delay(cost(Route::Page, 0.2)), 0);
        assert_eq!(edit_delay(cost(Route::Page, 12.0)), EDIT_DEBOUNCE_MS);
        assert_eq!(edit_delay(cost(Route::Worker, 1.0)), EDIT_DEBOUNCE_MS);
    }
}

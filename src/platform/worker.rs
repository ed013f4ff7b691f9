//! Jobs for the engine's Web Worker (`js/engine-worker.js`, built from `crates/worker`): the
//! effective-permissions sweep, the policy comparison and the live evaluation of large inputs
//! run there, off the main thread, and come back as the `iam_worker::protocol` replies.

use std::cell::RefCell;
use std::collections::BTreeSet;

use gloo_utils::format::JsValueSerdeExt;
use iam_worker::protocol::{CompareReply, EvaluateReply, StatementsReply, SweepReply};
use leptos::prelude::{GetUntracked, GetValue, RwSignal, Set, SetValue, StoredValue};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::platform::page::monotonic_ms;

#[wasm_bindgen(module = "/js/worker-client.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = runJob)]
    async fn js_run_job(
        kind: &str,
        a: &str,
        b: &str,
        now: f64,
        progress: &js_sys::Function,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = cancelJobs)]
    fn js_cancel_jobs();
}

/// A finished job: the reply and how long it took.
#[derive(Debug, Clone)]
pub struct Finished<T> {
    /// The reply.
    pub reply: T,
    /// Time inside the worker's engine call, in milliseconds.
    pub engine_ms: f64,
    /// From posting the job to receiving the reply (includes the first start of the worker).
    pub round_trip_ms: f64,
    /// Time the worker took to parse the catalog when it started.
    pub catalog_ms: f64,
    /// Size of the reply's JSON text, in bytes.
    pub reply_bytes: usize,
    /// Time to read the reply's JSON on this thread, in milliseconds.
    pub read_ms: f64,
}

/// What `js/worker-client.js` resolves a job with.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Done {
    /// The reply, as JSON text.
    reply: Option<String>,
    /// Engine time in the worker (absent numbers read as NaN).
    ms: Option<f64>,
    round_trip_ms: Option<f64>,
    catalog_ms: Option<f64>,
}

/// Run a job; its reply as text, with the timings.
async fn run_text(
    kind: &str,
    a: &str,
    b: &str,
    now: Option<i64>,
    progress: impl FnMut(f64, f64) + 'static,
) -> Result<Finished<String>, String> {
    let progress = Closure::<dyn FnMut(f64, f64)>::new(progress);
    let now = now.map_or(f64::NAN, |n| n as f64);
    let done = js_run_job(kind, a, b, now, progress.as_ref().unchecked_ref())
        .await
        .map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| format!("{e:?}"))
        })?;
    let done: Done = done
        .into_serde()
        .map_err(|e| format!("bad reply from the worker: {e}"))?;
    let text = done.reply.ok_or("the worker sent no reply")?;
    Ok(Finished {
        reply_bytes: text.len(),
        reply: text,
        engine_ms: done.ms.unwrap_or(f64::NAN),
        round_trip_ms: done.round_trip_ms.unwrap_or(f64::NAN),
        catalog_ms: done.catalog_ms.unwrap_or(f64::NAN),
        read_ms: 0.0,
    })
}

/// Run a job whose reply is JSON of `T`.
async fn run<T: DeserializeOwned>(
    kind: &str,
    a: &str,
    b: &str,
    now: Option<i64>,
    progress: impl FnMut(f64, f64) + 'static,
) -> Result<Finished<T>, String> {
    let done = run_text(kind, a, b, now, progress).await?;
    let t0 = monotonic_ms();
    let reply =
        serde_json::from_str(&done.reply).map_err(|e| format!("bad reply from the worker: {e}"))?;
    Ok(Finished {
        reply,
        engine_ms: done.engine_ms,
        round_trip_ms: done.round_trip_ms,
        catalog_ms: done.catalog_ms,
        reply_bytes: done.reply_bytes,
        read_ms: monotonic_ms() - t0,
    })
}

/// Sweep every catalog action over `scenario` (JSON text) — and, with `named`, over the
/// resources its policies name; `progress(done, total)` as it goes.
pub async fn sweep(
    scenario: &str,
    now: Option<i64>,
    named: bool,
    progress: impl FnMut(f64, f64) + 'static,
) -> Result<Finished<SweepReply>, String> {
    let over = if named { "named" } else { "" };
    run("sweep", scenario, over, now, progress).await
}

/// Compare the policies of scenarios `a` and `b` (JSON texts).
pub async fn compare(a: &str, b: &str, now: Option<i64>) -> Result<Finished<CompareReply>, String> {
    run("compare", a, b, now, |_, _| {}).await
}

/// Evaluate a large input (scenario-format JSON) as live job `job`, on the live worker (which
/// a sweep never holds up).
pub async fn evaluate(
    job: u64,
    scenario: &str,
    now: Option<i64>,
) -> Result<Finished<EvaluateReply>, String> {
    run("evaluate", scenario, &job.to_string(), now, |_, _| {}).await
}

/// Statements `from..from + count` of policy `policy_id` in result `result` of live job `job`.
pub async fn statements(
    job: u64,
    result: usize,
    policy_id: &str,
    from: usize,
    count: usize,
) -> Result<StatementsReply, String> {
    let at = format!("{job} {result} {from} {count}");
    let done: Finished<StatementsReply> =
        run("statements", policy_id, &at, None, |_, _| {}).await?;
    match done.reply.error {
        Some(e) => Err(e),
        None => Ok(done.reply),
    }
}

/// A share link's data packed on the live worker: base64url of the DEFLATE of `json`
/// (`iam_worker::link::pack`, the same bytes as `model::share::encode`).
pub async fn pack(json: &str) -> Result<String, String> {
    Ok(run_text("pack", json, "", None, |_, _| {}).await?.reply)
}

thread_local! {
    static CODES: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// The engine's diagnostic and finding codes are `&'static str`; those read back from the
/// worker are made static here, once per distinct code (the engine has a few dozen).
pub fn intern(code: &str) -> &'static str {
    CODES.with(|codes| {
        let mut codes = codes.borrow_mut();
        if let Some(c) = codes.get(code) {
            return *c;
        }
        let c: &'static str = Box::leak(code.to_string().into_boxed_str());
        codes.insert(c);
        c
    })
}

/// Cancel the sweep or comparison the worker is doing (they fail with "cancelled"); live
/// evaluations run in their own worker and go on.
pub fn cancel() {
    js_cancel_jobs();
}

/// One job at a time per panel: a start while one runs is remembered and run when it ends.
#[derive(Clone, Copy)]
pub struct Gate {
    /// Whether a job runs.
    pub running: RwSignal<bool>,
    dirty: StoredValue<bool>,
}

impl Default for Gate {
    fn default() -> Self {
        Self::new()
    }
}

impl Gate {
    /// Nothing running.
    pub fn new() -> Self {
        Self {
            running: RwSignal::new(false),
            dirty: StoredValue::new(false),
        }
    }

    /// Whether a job may start now (it is then running); otherwise it is remembered.
    pub fn begin(self) -> bool {
        if self.running.get_untracked() {
            self.dirty.set_value(true);
            return false;
        }
        self.running.set(true);
        self.dirty.set_value(false);
        true
    }

    /// The job ended; whether another was asked for meanwhile. The panel may be gone by
    /// then (its section closed while the job ran): then nothing more is asked for.
    pub fn end(self) -> bool {
        self.running.try_set(false);
        self.dirty.try_get_value().unwrap_or(false)
    }
}

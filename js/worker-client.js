// The page's side of the engine worker (js/engine-worker.js): one worker, started on first
// use; jobs are numbered; cancelling terminates the worker (a running sweep cannot be
// interrupted otherwise) and the next job starts a fresh one.
let worker = null;
let nextId = 1;
const pending = new Map();

function failAll(message) {
  for (const job of pending.values()) job.reject(new Error(message));
  pending.clear();
}

function spawn() {
  const w = new Worker("engine-worker.js");
  w.onmessage = (event) => {
    const { id, kind } = event.data;
    const job = pending.get(id);
    if (!job) return;
    if (kind === "progress") {
      job.progress(event.data.done, event.data.total);
    } else if (kind === "done") {
      pending.delete(id);
      job.resolve({
        reply: event.data.reply,
        ms: event.data.ms,
        catalogMs: event.data.catalogMs,
        roundTripMs: performance.now() - job.started,
      });
    } else {
      pending.delete(id);
      job.reject(new Error(event.data.message));
    }
  };
  w.onerror = (event) => {
    event.preventDefault();
    worker = null;
    w.terminate();
    failAll(`the engine worker failed: ${event.message || "it did not load"}`);
  };
  return w;
}

/// Run a job ("sweep" with scenario text `a` and resources `b` ("" or "named"), or "compare"
/// with scenario texts `a` and `b`); resolves to
/// `{reply, ms, catalogMs, roundTripMs}` (`reply` is the JSON text), rejects with an Error.
export function runJob(kind, a, b, now, progress) {
  if (!worker) worker = spawn();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, progress, started: performance.now() });
    worker.postMessage({ id, kind, a, b, now: Number.isFinite(now) ? now : null });
  });
}

/// Stop every running job (they reject with "cancelled").
export function cancelJobs() {
  if (worker) {
    worker.terminate();
    worker = null;
  }
  failAll("cancelled");
}

// The page's side of the engine worker (js/engine-worker.js): two workers, each started on
// first use. One runs the sweep and the comparison; cancelling terminates it (a running sweep
// cannot be interrupted otherwise) and its next job starts a fresh one. The other runs the
// live evaluation of large inputs and never waits behind a sweep. Jobs are numbered.
class Pool {
  constructor() {
    this.worker = null;
    this.pending = new Map();
  }

  failAll(message) {
    for (const job of this.pending.values()) job.reject(new Error(message));
    this.pending.clear();
  }

  spawn() {
    const w = new Worker("engine-worker.js");
    w.onmessage = (event) => {
      const { id, kind } = event.data;
      const job = this.pending.get(id);
      if (!job) return;
      if (kind === "progress") {
        job.progress(event.data.done, event.data.total);
      } else if (kind === "done") {
        this.pending.delete(id);
        job.resolve({
          reply: event.data.reply,
          ms: event.data.ms,
          catalogMs: event.data.catalogMs,
          roundTripMs: performance.now() - job.started,
        });
      } else {
        this.pending.delete(id);
        job.reject(new Error(event.data.message));
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      this.worker = null;
      w.terminate();
      this.failAll(`the engine worker failed: ${event.message || "it did not load"}`);
    };
    return w;
  }

  run(kind, a, b, now, progress) {
    if (!this.worker) this.worker = this.spawn();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress, started: performance.now() });
      this.worker.postMessage({ id, kind, a, b, now: Number.isFinite(now) ? now : null });
    });
  }

  cancel() {
    if (this.worker) {
      this.worker.terminate();
      this.worker = null;
    }
    this.failAll("cancelled");
  }
}

let nextId = 1;
const jobs = new Pool();
const live = new Pool();

/// Run a job: "sweep" with scenario text `a` and resources `b` ("" or "named"); "compare" with
/// scenario texts `a` and `b`; on the live worker, "evaluate" with scenario text `a` and job
/// number `b`, "statements" with policy id `a` and `b` = "job result from count", or "pack"
/// with a share link's JSON `a` (the reply is the packed text, not JSON). Resolves
/// to `{reply, ms, catalogMs, roundTripMs}` (`reply` is the JSON text), rejects with an Error.
export function runJob(kind, a, b, now, progress) {
  const pool = kind === "evaluate" || kind === "statements" || kind === "pack" ? live : jobs;
  return pool.run(kind, a, b, now, progress);
}

/// Stop every running sweep or comparison (they reject with "cancelled"); live evaluations
/// go on.
export function cancelJobs() {
  jobs.cancel();
}

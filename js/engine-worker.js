// The engine's Web Worker (a classic worker, started by js/worker-client.js). It loads the
// worker build of the engine (crates/worker, bound by wasm-bindgen as `iam-worker.js`), fetches
// the service catalog from the page's own origin, and runs the jobs the page posts: the
// effective-permissions sweep, the policy comparison, and the live evaluation of large inputs
// (with pages of its statement traces). Nothing leaves the browser.
/* global wasm_bindgen */
importScripts("iam-worker.js");

const ready = (async () => {
  await wasm_bindgen({ module_or_path: "iam-worker_bg.wasm" });
  const response = await fetch("iam-catalog.txt");
  if (!response.ok) throw new Error(`iam-catalog.txt: HTTP ${response.status}`);
  const text = await response.text();
  const t0 = performance.now();
  const error = wasm_bindgen.load_catalog(text);
  if (error) throw new Error(`the service catalog did not parse: ${error}`);
  return performance.now() - t0;
})();

self.onmessage = async (event) => {
  const { id, kind } = event.data;
  try {
    const catalogMs = await ready;
    const now = event.data.now ?? NaN;
    const t0 = performance.now();
    let reply;
    if (kind === "sweep") {
      let last = 0;
      // For a sweep, `b` says which resources: "named" adds those the policies name.
      reply = wasm_bindgen.sweep(event.data.a, now, event.data.b === "named", (done, total) => {
        const t = performance.now();
        if (t - last >= 16 || done === total) {
          last = t;
          self.postMessage({ id, kind: "progress", done, total });
        }
      });
    } else if (kind === "compare") {
      reply = wasm_bindgen.compare(event.data.a, event.data.b, now);
    } else if (kind === "evaluate") {
      // `b` is the page's job number.
      reply = wasm_bindgen.evaluate(Number(event.data.b), event.data.a, now);
    } else if (kind === "pack") {
      reply = wasm_bindgen.pack(event.data.a);
    } else if (kind === "statements") {
      // `a` is the policy id, `b` is "job result from count".
      const [job, result, from, count] = String(event.data.b).split(" ").map(Number);
      reply = wasm_bindgen.statements(job, result, event.data.a, from, count);
    } else {
      throw new Error(`unknown job ${kind}`);
    }
    self.postMessage({ id, kind: "done", reply, ms: performance.now() - t0, catalogMs });
  } catch (e) {
    self.postMessage({ id, kind: "failed", message: String(e?.message ?? e) });
  }
};

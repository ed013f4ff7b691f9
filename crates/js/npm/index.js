// The IAM policy engine as an ES module, for browsers and node (>= 18). Importing it loads the
// WebAssembly module (top-level await); then every call is synchronous:
//
//   import { simulate } from "iam-engine";
//   const out = simulate({ PolicyInputList: [policy], ActionNames: ["s3:GetObject"] });
//   out.EvaluationResults[0].EvalDecision; // "allowed" | "explicitDeny" | "implicitDeny"
//
// The answers have the shapes `iam-sim simulate`, `explain`, `validate --json` and
// `sweep --json` print (see index.d.ts). Generated code is in iam_engine.js (wasm-bindgen).
import init, * as engine from "./iam_engine.js";

const wasm = new URL("./iam_engine_bg.wasm", import.meta.url);
if (wasm.protocol === "file:") {
  // node (and other runtimes without fetch for files): read the bytes.
  const { readFile } = await import("node:fs/promises");
  await init({ module_or_path: await readFile(wasm) });
} else {
  await init({ module_or_path: wasm });
}

export const { simulate, explain, validate, sweep, version } = engine;

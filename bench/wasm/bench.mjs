// The engine in wasm under node: the same scenarios as the criterion benchmark
// (crates/engine/benches/decide.rs), timed with process.hrtime. Run through bench/wasm/run.sh.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [pkgDir, scenarioDir, catalogPath] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const wasm = require(`${pkgDir}/iam_engine_wasm_bench.js`);
const read = (name) => readFileSync(`${scenarioDir}/${name}.json`, "utf8");

/** Median time per call in µs over `rounds` rounds of `n` calls, after a warm-up. */
function time(label, n, f, rounds = 15) {
  for (let i = 0; i < n; i++) f();
  const per = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    per.push(Number(process.hrtime.bigint() - t0) / 1000 / n);
  }
  per.sort((a, b) => a - b);
  const med = per[Math.floor(per.length / 2)];
  const shown = med >= 1000 ? `${(med / 1000).toFixed(2)} ms` : `${med.toFixed(2)} µs`;
  console.log(`wasm ${label.padEnd(36)} ${shown}`);
}

const small = read("small");
const large = read("large");
const sweep = read("sweep");
time("small/parse+simulate (2 decisions)", 2000, () => wasm.parse_simulate(small));
time("small/parse+compile+decide", 2000, () => wasm.parse_compile_decide(small));
const es = new wasm.Engine(small);
time("small/compiled/decision (2)", 20000, () => es.decide_all());
time("large/parse+simulate (8 decisions)", 50, () => wasm.parse_simulate(large));
time("large/parse+compile+decide", 50, () => wasm.parse_compile_decide(large));
const el = new wasm.Engine(large);
time("large/compiled/decision (8)", 500, () => el.decide_all());
const ew = new wasm.Engine(sweep);
if (!ew.load_catalog(readFileSync(catalogPath, "utf8"))) throw new Error("catalog");
time(`sweep (${ew.sweep()} actions, 5 policies)`, 3, () => ew.sweep(), 7);
